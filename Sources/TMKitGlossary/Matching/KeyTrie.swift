/// A byte trie over normalized keys, stored as one open-addressing hash table of transitions
/// (node, byte) → child, so a walk is one multiply and a probe or two per byte and the whole
/// index is three flat arrays.
///
/// Built once, then read-only (and so safe to share between threads).
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

    /// The child of `node` on `byte`, or -1.
    @inline(__always)
    func child(_ node: Int32, _ byte: UInt8) -> Int32 {
        let key = (UInt64(UInt32(bitPattern: node)) << 8 | UInt64(byte)) &+ 1
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

    /// Adds a key; `finish()` must be called after the last one.
    mutating func insert<C: Collection>(_ key: C, entry: Int32) where C.Element == UInt8 {
        var node = Self.root
        for byte in key {
            let next = child(node, byte)
            if next >= 0 {
                node = next
            } else {
                let created = nodeCount
                nodeCount += 1
                put((UInt64(UInt32(bitPattern: node)) << 8 | UInt64(byte)) &+ 1, created)
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

    /// Lays out the entries per node.
    mutating func finish() {
        pending.sort { $0.node < $1.node || ($0.node == $1.node && $0.entry < $1.entry) }
        entryStart = [Int32](repeating: 0, count: Int(nodeCount))
        entryCount = [Int32](repeating: 0, count: Int(nodeCount))
        entries = pending.map(\.entry)
        for (i, p) in pending.enumerated() {
            if entryCount[Int(p.node)] == 0 { entryStart[Int(p.node)] = Int32(i) }
            entryCount[Int(p.node)] += 1
        }
        pending = []
    }
}
