/// A trie over normalized keys, one step per Unicode scalar (a Hangul syllable is one step, not
/// three bytes), stored as one open-addressing hash table of transitions (node, scalar) → child,
/// so a walk is one multiply and a probe or two per character and the index is a few flat arrays.
///
/// Built once, then read-only (and so safe to share between threads). `frozen()` copies it into
/// fixed memory for scanning.
struct KeyTrie: Sendable {
    private var slotKeys: [UInt64]
    private var slotChildren: [Int32]
    private var mask: Int
    private var shift: UInt64
    private(set) var nodeCount: Int32 = 1
    /// Per node: where its entries start in `entries` and how many there are.
    private var entryStart: [Int32] = [0]
    private var entryCount: [Int32] = [0]
    private(set) var entries: [Int32] = []
    private var pending: [(node: Int32, entry: Int32)] = []
    /// Node n ≥ 1 was made by the edge from `edgeParent[n - 1]` on `edgeScalar[n - 1]`: the
    /// children lists `frozen()` needs, without walking the hash table.
    private var edgeParent: [Int32] = []
    private var edgeScalar: [UInt32] = []

    static let root: Int32 = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slotKeys = [UInt64](repeating: 0, count: size)
        slotChildren = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The child of `node` on `scalar`, or -1.
    @inline(__always)
    func child(_ node: Int32, _ scalar: UInt32) -> Int32 {
        let key = (UInt64(UInt32(bitPattern: node)) << 21 | UInt64(scalar)) &+ 1
        var i = slot(for: key)
        while true {
            let k = slotKeys[i]
            if k == key { return slotChildren[i] }
            if k == 0 { return -1 }
            i = (i + 1) & mask
        }
    }

    /// Whether any key ends at `node`.
    @inline(__always)
    func isTerminal(_ node: Int32) -> Bool { entryCount[Int(node)] > 0 }

    /// The entries of the keys that end at `node`.
    @inline(__always)
    func entries(at node: Int32) -> ArraySlice<Int32> {
        let start = Int(entryStart[Int(node)])
        return entries[start..<(start + Int(entryCount[Int(node)]))]
    }

    var isEmpty: Bool { nodeCount == 1 }

    /// Adds a key (UTF-8 bytes); `finish()` must be called after the last one.
    mutating func insert(_ key: [UInt8], entry: Int32) {
        var node = Self.root
        var i = 0
        let count = key.count
        while i < count {
            // UTF-8 decoding of the (valid) key.
            let b0 = key[i]
            var scalar = UInt32(b0)
            var length = 1
            if b0 >= 0xF0 {
                scalar = UInt32(b0 & 0x07) << 18 | UInt32(key[i + 1] & 0x3F) << 12 | UInt32(key[i + 2] & 0x3F) << 6 | UInt32(key[i + 3] & 0x3F)
                length = 4
            } else if b0 >= 0xE0 {
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(key[i + 1] & 0x3F) << 6 | UInt32(key[i + 2] & 0x3F)
                length = 3
            } else if b0 >= 0x80 {
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(key[i + 1] & 0x3F)
                length = 2
            }
            i += length
            let next = child(node, scalar)
            if next >= 0 {
                node = next
            } else {
                let created = nodeCount
                nodeCount += 1
                put((UInt64(UInt32(bitPattern: node)) << 21 | UInt64(scalar)) &+ 1, created)
                edgeParent.append(node)
                edgeScalar.append(scalar)
                node = created
            }
        }
        pending.append((node, entry))
    }

    private mutating func put(_ key: UInt64, _ child: Int32) {
        if Int(nodeCount) * 2 > slotKeys.count { grow() }
        var i = slot(for: key)
        while slotKeys[i] != 0 { i = (i + 1) & mask }
        slotKeys[i] = key
        slotChildren[i] = child
    }

    private mutating func grow() {
        let oldKeys = slotKeys
        let oldChildren = slotChildren
        let size = oldKeys.count * 2
        slotKeys = [UInt64](repeating: 0, count: size)
        slotChildren = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (k, c) in zip(oldKeys, oldChildren) where k != 0 {
            var i = slot(for: k)
            while slotKeys[i] != 0 { i = (i + 1) & mask }
            slotKeys[i] = k
            slotChildren[i] = c
        }
    }

    /// The finished trie in fixed memory: what the scan loop reads, with no reference counting or
    /// bounds checks per byte.
    /// - Parameter entryBits: bits per entry that each node ORs together for its entries
    ///   (`FrozenTrie.bits(at:)`); empty for none.
    func frozen(entryBits: [UInt32] = []) -> FrozenTrie {
        FrozenTrie(
            edgeParent: edgeParent, edgeScalar: edgeScalar, entryStart: entryStart, entryCount: entryCount, entries: entries,
            nodeCount: nodeCount, entryBits: entryBits)
    }

    /// Lays out the entries per node.
    mutating func finish() {
        // Entries grouped by node, each node's in increasing order: a counting sort by node of
        // the pairs sorted by entry.
        if zip(pending, pending.dropFirst()).contains(where: { $0.entry > $1.entry }) { pending.sort { $0.entry < $1.entry } }
        entryStart = [Int32](repeating: 0, count: Int(nodeCount))
        entryCount = [Int32](repeating: 0, count: Int(nodeCount))
        for p in pending { entryCount[Int(p.node)] += 1 }
        var next: Int32 = 0
        for n in 0..<Int(nodeCount) {
            entryStart[n] = next
            next += entryCount[n]
        }
        var fill = entryStart
        entries = [Int32](repeating: 0, count: pending.count)
        for p in pending {
            entries[Int(fill[Int(p.node)])] = p.entry
            fill[Int(p.node)] += 1
        }
        pending = []
    }
}

/// A finished `KeyTrie` laid out for the scan's inner loop.
///
/// Every node is a record of 32-bit words in one array, in depth-first (preorder) order: a header
/// (its number of children, and whether keys end there), the index of its entry information when
/// keys end there, its children's scalars in order, and the offsets of its children but the
/// first, which is the record right after it. A node is the offset of its record. So a walk
/// down a term reads memory that lies together, a chain of single-child nodes two words a node,
/// and one cache line answers both "does a key end here" and "where next". The root's children,
/// where every walk starts, are a direct table; a bitmap of first-two-character pairs ends most
/// walks at their second step without touching the rest.
final class FrozenTrie: @unchecked Sendable {
    /// The entries of a node where keys end.
    struct Info {
        var entryStart: Int32
        var entryCount: Int32
        /// The union of `entryBits` of the node's entries.
        var bits: UInt32
    }

    static let terminalFlag: UInt32 = 0x8000_0000
    static let childCountMask: UInt32 = 0x00FF_FFFF

    private let words: UnsafeMutableBufferPointer<UInt32>
    private let infos: UnsafeMutableBufferPointer<Info>
    /// Children of the root for scalars of the Basic Multilingual Plane.
    private let rootChildren: UnsafeMutableBufferPointer<Int32>
    private let pairBits: UnsafeMutableBufferPointer<UInt64>
    private static let pairBitCount = 20
    private let entryList: UnsafeMutableBufferPointer<Int32>
    let isEmpty: Bool
    let nodeCount: Int

    init(
        edgeParent: [Int32], edgeScalar: [UInt32], entryStart oldEntryStart: [Int32], entryCount oldEntryCount: [Int32],
        entries: [Int32], nodeCount: Int32, entryBits: [UInt32]
    ) {
        let count = Int(nodeCount)
        // Children of every node, sorted by scalar, in flat arrays: node n's are at
        // childStart[n]..<childStart[n + 1].
        var childStart = [Int32](repeating: 0, count: count + 1)
        for parent in edgeParent { childStart[Int(parent) + 1] += 1 }
        for n in 0..<count { childStart[n + 1] += childStart[n] }
        let edgeTotal = Int(childStart[count])
        var childScalar = [UInt32](repeating: 0, count: edgeTotal)
        var childNode = [Int32](repeating: 0, count: edgeTotal)
        var fill = childStart
        for (e, parent) in edgeParent.enumerated() {
            let at = Int(fill[Int(parent)])
            fill[Int(parent)] += 1
            childScalar[at] = edgeScalar[e]
            childNode[at] = Int32(e + 1)
        }
        for n in 0..<count {
            let low = Int(childStart[n])
            let high = Int(childStart[n + 1])
            guard high - low > 1 else { continue }
            if high - low <= 16 {
                // Insertion sort: most nodes have one or two children.
                for j in (low + 1)..<high {
                    let scalar = childScalar[j]
                    let node = childNode[j]
                    var k = j
                    while k > low && childScalar[k - 1] > scalar {
                        childScalar[k] = childScalar[k - 1]
                        childNode[k] = childNode[k - 1]
                        k -= 1
                    }
                    childScalar[k] = scalar
                    childNode[k] = node
                }
            } else {
                let sorted = (low..<high).map { (childScalar[$0], childNode[$0]) }.sorted { $0.0 < $1.0 }
                for (k, pair) in sorted.enumerated() {
                    childScalar[low + k] = pair.0
                    childNode[low + k] = pair.1
                }
            }
        }
        // Depth-first (preorder) order, and each record's offset.
        var order: [Int32] = []
        order.reserveCapacity(count)
        var stack: [Int32] = [0]
        while let node = stack.popLast() {
            order.append(node)
            var k = Int(childStart[Int(node) + 1])
            while k > Int(childStart[Int(node)]) {
                k -= 1
                stack.append(childNode[k])
            }
        }
        var offset = [Int32](repeating: 0, count: count)
        var total = 0
        var terminals = 0
        for old in order {
            offset[Int(old)] = Int32(total)
            let children = Int(childStart[Int(old) + 1] - childStart[Int(old)])
            let terminal = oldEntryCount[Int(old)] > 0
            if terminal { terminals += 1 }
            total += 1 + (terminal ? 1 : 0) + children + max(children - 1, 0)
        }
        precondition(total < Int(Int32.max), "trie too large")
        words = .allocate(capacity: max(total, 1))
        infos = .allocate(capacity: max(terminals, 1))
        entryList = .allocate(capacity: max(entries.count, 1))
        var info = 0
        var listed = 0
        for old in order {
            var at = Int(offset[Int(old)])
            let first = Int(childStart[Int(old)])
            let last = Int(childStart[Int(old) + 1])
            let entryCount = Int(oldEntryCount[Int(old)])
            words[at] = UInt32(last - first) | (entryCount > 0 ? Self.terminalFlag : 0)
            at += 1
            if entryCount > 0 {
                words[at] = UInt32(info)
                at += 1
                var bits: UInt32 = 0
                let from = Int(oldEntryStart[Int(old)])
                for k in 0..<entryCount {
                    let entry = entries[from + k]
                    entryList[listed + k] = entry
                    if Int(entry) < entryBits.count { bits |= entryBits[Int(entry)] }
                }
                infos[info] = Info(entryStart: Int32(listed), entryCount: Int32(entryCount), bits: bits)
                info += 1
                listed += entryCount
            }
            for k in first..<last {
                words[at] = childScalar[k]
                at += 1
            }
            if last - first > 1 {
                for k in (first + 1)..<last {
                    words[at] = UInt32(bitPattern: offset[Int(childNode[k])])
                    at += 1
                }
            }
        }
        rootChildren = .allocate(capacity: 0x10000)
        rootChildren.initialize(repeating: -1)
        pairBits = .allocate(capacity: 1 << (Self.pairBitCount - 6))
        pairBits.initialize(repeating: 0)
        if count > 0 {
            for k in Int(childStart[0])..<Int(childStart[1]) {
                let scalar = childScalar[k]
                let child = Int(childNode[k])
                if scalar < 0x10000 { rootChildren[Int(scalar)] = offset[child] }
                for second in childScalar[Int(childStart[child])..<Int(childStart[child + 1])] {
                    let bit = Self.pairBit(scalar, second)
                    pairBits[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        isEmpty = count <= 1
        self.nodeCount = count
    }

    deinit {
        words.deallocate()
        infos.deallocate()
        rootChildren.deallocate()
        pairBits.deallocate()
        entryList.deallocate()
    }

    @inline(__always)
    static func pairBit(_ first: UInt32, _ second: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(first) << 21 | UInt64(second)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - pairBitCount))
    }

    /// False when no key starts with these two scalars (true may be a false positive).
    @inline(__always)
    func mayStartWith(_ first: UInt32, _ second: UInt32) -> Bool { view.mayStartWith(first, second) }

    /// The child of `node` on `scalar`, or -1.
    @inline(__always)
    func child(_ node: Int32, _ scalar: UInt32) -> Int32 { view.child(node, scalar) }

    @inline(__always)
    func isTerminal(_ node: Int32) -> Bool { view.isTerminal(node) }

    /// The union of the entry bits of the keys that end at `node`.
    @inline(__always)
    func bits(at node: Int32) -> UInt32 { view.bits(at: node) }

    /// The entries of the keys that end at `node`.
    @inline(__always)
    func entries(at node: Int32) -> UnsafeBufferPointer<Int32> { view.entries(at: node) }

    /// The trie's memory as plain pointers, for scan loops: a value the loop keeps in registers,
    /// where reading the class's fields would load and check each pointer again at every step.
    var view: View {
        View(
            words: words.baseAddress!, infos: infos.baseAddress!, rootChildren: rootChildren.baseAddress!,
            pairBits: pairBits.baseAddress!, entryList: entryList.baseAddress!)
    }

    struct View {
        let words: UnsafeMutablePointer<UInt32>
        let infos: UnsafeMutablePointer<Info>
        let rootChildren: UnsafeMutablePointer<Int32>
        let pairBits: UnsafeMutablePointer<UInt64>
        let entryList: UnsafeMutablePointer<Int32>

        /// A node's header: its number of children and `terminalFlag` when keys end there.
        @inline(__always)
        func header(_ node: Int32) -> UInt32 { words[Int(node)] }

        /// False when no key starts with these two scalars (true may be a false positive).
        @inline(__always)
        func mayStartWith(_ first: UInt32, _ second: UInt32) -> Bool {
            let bit = FrozenTrie.pairBit(first, second)
            return pairBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }

        /// The child of `node` on `scalar`, or -1.
        @inline(__always)
        func child(_ node: Int32, _ scalar: UInt32) -> Int32 {
            if node == 0 && scalar < 0x10000 { return rootChildren[Int(scalar)] }
            return child(of: node, header: words[Int(node)], scalar)
        }

        /// The child on `scalar` of `node`, whose header is `header`, or -1 (the root's table
        /// aside).
        @inline(__always)
        func child(of node: Int32, header: UInt32, _ scalar: UInt32) -> Int32 {
            let count = Int(header & FrozenTrie.childCountMask)
            let scalars = Int(node) &+ 1 &+ Int(header >> 31)
            var found = -1
            // Most nodes have one or a few children: scan; binary search the rest.
            if count <= 8 {
                var k = 0
                while k < count {
                    if words[scalars &+ k] == scalar {
                        found = k
                        break
                    }
                    k &+= 1
                }
            } else {
                var low = 0
                var high = count
                while low < high {
                    let mid = (low &+ high) >> 1
                    let value = words[scalars &+ mid]
                    if value == scalar {
                        found = mid
                        break
                    }
                    if value < scalar { low = mid &+ 1 } else { high = mid }
                }
            }
            if found < 0 { return -1 }
            // The first child's record follows this one; the others' offsets are listed.
            let offsets = scalars &+ count
            if found == 0 { return Int32(truncatingIfNeeded: offsets &+ count &- 1) }
            return Int32(bitPattern: words[offsets &+ found &- 1])
        }

        @inline(__always)
        func isTerminal(_ node: Int32) -> Bool { words[Int(node)] & FrozenTrie.terminalFlag != 0 }

        /// The union of the entry bits of the keys that end at `node`.
        @inline(__always)
        func bits(at node: Int32) -> UInt32 {
            isTerminal(node) ? infos[Int(words[Int(node) &+ 1])].bits : 0
        }

        /// The entries of the keys that end at `node`.
        @inline(__always)
        func entries(at node: Int32) -> UnsafeBufferPointer<Int32> {
            guard isTerminal(node) else { return UnsafeBufferPointer(start: entryList, count: 0) }
            let info = infos[Int(words[Int(node) &+ 1])]
            return UnsafeBufferPointer(start: entryList + Int(info.entryStart), count: Int(info.entryCount))
        }
    }
}

/// Reading UTF-8 in the scan loops.
enum UTF8Step {
    /// The scalar at `i` and its length in bytes (the bytes are valid UTF-8: they come from a
    /// Swift string).
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xE0 { return (UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return (UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        return (
            UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F), 4
        )
    }

    /// Where the scalar that ends at `end` starts.
    @inline(__always)
    static func start(before end: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = end - 1
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }
}
