/// Gathers trigram postings in memory during an import: for each gram, the ids of the units that
/// hold it, ascending.
///
/// Built for the import's hot loop: an open-addressing table maps a gram to a dense number (no
/// SipHash, no array per gram), each posting is one `UInt64` appended to a flat list, and the
/// lists per gram are made at the end by a counting sort (sequential passes, no pointer
/// chasing). A gram repeated within one unit is recorded once.
struct PostingBuilder {
    private var keys: [Int64]
    private var slots: [Int32]
    private var mask: Int
    /// Per dense gram number: the gram and the last unit id recorded for it.
    private var grams: [Int64] = []
    private var lastID: [UInt32] = []
    /// Per posting: dense gram number << 32 | unit id.
    private var entries: [UInt64] = []
    private static let empty = Int64.min

    init(capacity: Int = 1 << 18) {
        keys = [Int64](repeating: Self.empty, count: capacity)
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        entries.reserveCapacity(1 << 20)
    }

    var entryCount: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    @inline(__always)
    private static func slot(_ gram: Int64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: gram) &* 0x9E37_79B9_7F4A_7C15) >> 24) & mask
    }

    /// Records that unit `id` holds `gram`. Ids must come in ascending order.
    /// - Complexity: O(1) amortized.
    @inline(__always)
    mutating func add(_ gram: Int64, id: UInt32) {
        var i = Self.slot(gram, mask)
        while true {
            let key = keys[i]
            if key == gram {
                let dense = Int(slots[i])
                if lastID[dense] == id { return }
                lastID[dense] = id
                entries.append(UInt64(dense) << 32 | UInt64(id))
                return
            }
            if key == Self.empty {
                keys[i] = gram
                let dense = grams.count
                slots[i] = Int32(dense)
                grams.append(gram)
                lastID.append(id)
                entries.append(UInt64(dense) << 32 | UInt64(id))
                if grams.count * 2 > keys.count { grow() }
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        keys = [Int64](repeating: Self.empty, count: keys.count * 2)
        slots = [Int32](repeating: -1, count: keys.count)
        mask = keys.count - 1
        for (dense, gram) in grams.enumerated() {
            var i = Self.slot(gram, mask)
            while keys[i] != Self.empty { i = (i + 1) & mask }
            keys[i] = gram
            slots[i] = Int32(dense)
        }
    }

    /// Calls `body` for each gram in ascending order with its ids, ascending.
    /// - Complexity: O(entries + grams log grams).
    func forEachGram(_ body: (Int64, ArraySlice<UInt32>) throws -> Void) rethrows {
        var start = [Int](repeating: 0, count: grams.count + 1)
        for entry in entries { start[Int(entry >> 32) + 1] += 1 }
        for i in 0..<grams.count { start[i + 1] += start[i] }
        var next = start
        var ids = [UInt32](repeating: 0, count: entries.count)
        ids.withUnsafeMutableBufferPointer { ids in
            for entry in entries {
                let dense = Int(entry >> 32)
                ids[next[dense]] = UInt32(truncatingIfNeeded: entry)
                next[dense] += 1
            }
        }
        let order = grams.indices.sorted { grams[$0] < grams[$1] }
        for dense in order {
            try body(grams[dense], ids[start[dense]..<start[dense + 1]])
        }
    }
}
