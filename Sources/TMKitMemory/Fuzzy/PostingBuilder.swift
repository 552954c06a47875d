import GRDB

/// Writes the fuzzy index (`tm_gram`, `tm_gram_count`) for units as they are stored: postings
/// are gathered in memory and written as one batch (one row per gram) whenever the builder is
/// full, so memory stays bounded however many units come.
final class GramIndexWriter {
    private let db: Database
    private let postings = PostingBuilder(entryLimit: GramIndexWriter.entryLimit)
    /// Batch numbers are `batchBase` + 1, + 2, ...: unique within the index.
    private let batchBase: Int64
    private var batchNumber: Int64 = 0
    /// Postings held in memory at most (8 bytes each, and 4 more while a batch is written).
    static let entryLimit = 4_000_000

    init(db: Database, batchBase: Int64) {
        self.db = db
        self.batchBase = batchBase
    }

    /// The grams of the unit being added (reused; grown as needed).
    private var unitGrams = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 1 << 12)

    deinit { unitGrams.deallocate() }

    /// Indexes the unit `id` (ids ascending) under the grams `key` keeps.
    func add(_ key: MatchKey, id: UInt32) throws {
        if unitGrams.count < key.scalars.count + 2 {
            unitGrams.deallocate()
            unitGrams = .allocate(capacity: key.scalars.count + 2)
        }
        let count = key.indexGrams(into: unitGrams.baseAddress!)
        try add(UnsafeBufferPointer(rebasing: unitGrams[0..<count]), id: id)
    }

    /// Indexes the unit `id` (ids ascending) under `grams` (`MatchKey.indexGrams`, computed
    /// beforehand: an import does it on another thread). The grams come first, then the table
    /// probes: the probes of one unit are independent of each other, so the processor overlaps
    /// their cache misses.
    func add(_ grams: UnsafeBufferPointer<Int64>, id: UInt32) throws {
        if postings.isFull(reserve: grams.count) { try flush() }
        postings.add(grams, id: id)
    }

    /// Writes the postings gathered so far as one batch (grams in order: sequential inserts).
    func flush() throws {
        defer { postings.removeAll() }
        if postings.isEmpty { return }
        try write(EncodedPostings(postings))
    }

    /// Writes postings gathered and encoded elsewhere (an import's indexing thread) as one batch.
    func write(_ encoded: EncodedPostings) throws {
        if encoded.grams.isEmpty { return }
        batchNumber += 1
        let batch = batchBase + batchNumber
        let statement = try FastStatement(db, "INSERT INTO tm_gram(gram, batch, count, units) VALUES (?, ?, ?, ?)")
        let total = try FastStatement(db, "INSERT INTO tm_gram_count(gram, count) VALUES (?, ?) ON CONFLICT(gram) DO UPDATE SET count = count + excluded.count")
        try encoded.blob.withUnsafeBytes { blob in
            var start = 0
            for i in encoded.grams.indices {
                let end = encoded.ends[i]
                statement.bind(1, encoded.grams[i])
                statement.bind(2, batch)
                statement.bind(3, encoded.counts[i])
                statement.bind(4, blob: UnsafeRawBufferPointer(rebasing: blob[start..<end]))
                _ = try statement.step(db)
                statement.reset()
                total.bind(1, encoded.grams[i])
                total.bind(2, encoded.counts[i])
                _ = try total.step(db)
                total.reset()
                start = end
            }
        }
    }

    /// Builds the index anew from the stored units (after a change of what it keeps).
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM tm_gram; DELETE FROM tm_gram_count")
        let writer = GramIndexWriter(db: db, batchBase: 0)
        let units = try FastStatement(db, "SELECT id, source_text FROM tm_unit ORDER BY id")
        while try units.step(db) {
            try writer.add(MatchKey(units.text(1) ?? ""), id: UInt32(truncatingIfNeeded: units.int64(0)))
        }
        units.reset()
        try writer.flush()
    }
}

/// The postings of a `PostingBuilder` as `tm_gram` rows: for each gram in ascending order, its
/// number of units and their ids delta-coded (`PostingList`). Made by whichever thread gathered
/// them, so that the thread that writes to the database only inserts.
final class EncodedPostings: @unchecked Sendable {
    private(set) var grams: [Int64] = []
    private(set) var counts: [Int64] = []
    /// Where each gram's list ends in `blob`.
    private(set) var ends: [Int] = []
    private(set) var blob: [UInt8] = []

    init(_ builder: PostingBuilder) {
        grams.reserveCapacity(builder.gramCount)
        counts.reserveCapacity(builder.gramCount)
        ends.reserveCapacity(builder.gramCount)
        blob.reserveCapacity(builder.entryCount * 2)
        var encoder = PostingList.Encoder()
        builder.forEachGram { gram, ids in
            grams.append(gram)
            counts.append(Int64(ids.count))
            blob.append(contentsOf: encoder.encode(ids))
            ends.append(blob.count)
        }
    }
}

/// Gathers trigram postings in memory during an import: for each gram, the ids of the units that
/// hold it, ascending.
///
/// Built for the import's hot loop (one probe per kept trigram of every unit): an
/// open-addressing table maps a gram to a dense number (no SipHash, no array per gram), each
/// posting is one `UInt64` appended to a flat buffer, and the lists per gram are made at
/// `forEachGram` by a counting sort (sequential passes, no pointer chasing). A gram repeated
/// within one unit is recorded once. The table outgrows the CPU caches on real text (hundreds
/// of thousands of grams), so a probe keeps all it needs (gram, dense number, last unit) in one
/// 16-byte slot: one cache miss, not three. Buffers are allocated once and reused batch after
/// batch (`removeAll`): a long import neither reallocates nor page-faults fresh memory for
/// every batch; unchecked pointers keep bounds and uniqueness checks out of the loop.
final class PostingBuilder {
    private struct Slot {
        var gram: Int64
        var dense: Int32
        /// The last unit recorded for the gram (a unit's repeats are recorded once).
        var lastID: UInt32
    }

    /// Postings held at most; the owner flushes when `isFull`.
    let entryLimit: Int
    private var table: UnsafeMutablePointer<Slot>
    private var tableSize: Int
    /// Per dense gram number: the gram.
    private var grams: UnsafeMutablePointer<Int64>
    private(set) var gramCount = 0
    /// Per posting: dense gram number << 32 | unit id.
    private let entries: UnsafeMutablePointer<UInt64>
    private(set) var entryCount = 0
    private static let empty = Slot(gram: Int64.min, dense: 0, lastID: 0)

    init(entryLimit: Int, tableSize: Int = 1 << 16) {
        self.entryLimit = entryLimit
        self.tableSize = tableSize
        table = .allocate(capacity: tableSize)
        table.initialize(repeating: Self.empty, count: tableSize)
        grams = .allocate(capacity: tableSize / 2)
        entries = .allocate(capacity: entryLimit)
    }

    deinit {
        table.deallocate()
        grams.deallocate()
        entries.deallocate()
    }

    var isEmpty: Bool { entryCount == 0 }
    /// True when `reserve` more postings would not fit.
    func isFull(reserve: Int) -> Bool { entryCount + reserve > entryLimit }

    /// Fibonacci hashing: the top bits of the product, which depend on every bit of the gram.
    /// (Lower bits do not see the high ones: a gram's first character sits in bits 42–62, and
    /// trigrams differing only there would share slots and make long probe chains.)
    @inline(__always)
    private static func slot(_ gram: Int64, _ mask: Int) -> Int {
        let product = UInt64(bitPattern: gram) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: product >> UInt64(64 - mask.nonzeroBitCount))
    }

    /// Records that unit `id` holds each of `unitGrams`. Ids must come in ascending order, and
    /// the caller keeps room (`isFull`) for the postings it adds.
    /// - Complexity: O(grams) amortized.
    func add(_ unitGrams: UnsafeBufferPointer<Int64>, id: UInt32) {
        for gram in unitGrams {
            let mask = tableSize - 1
            var i = Self.slot(gram, mask)
            while true {
                let key = table[i].gram
                if key == gram {
                    if table[i].lastID != id {
                        table[i].lastID = id
                        entries[entryCount] = UInt64(UInt32(bitPattern: table[i].dense)) << 32 | UInt64(id)
                        entryCount += 1
                    }
                    break
                }
                if key == Self.empty.gram {
                    let dense = gramCount
                    table[i] = Slot(gram: gram, dense: Int32(dense), lastID: id)
                    grams[dense] = gram
                    gramCount += 1
                    entries[entryCount] = UInt64(dense) << 32 | UInt64(id)
                    entryCount += 1
                    if gramCount * 2 >= tableSize { grow() }
                    break
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Doubles the table (kept at most half full, so probes stay short).
    private func grow() {
        let size = tableSize * 2
        let newTable = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        newTable.initialize(repeating: Self.empty, count: size)
        for i in 0..<tableSize where table[i].gram != Self.empty.gram {
            var j = Self.slot(table[i].gram, size - 1)
            while newTable[j].gram != Self.empty.gram { j = (j + 1) & (size - 1) }
            newTable[j] = table[i]
        }
        let newGrams = UnsafeMutablePointer<Int64>.allocate(capacity: size / 2)
        newGrams.update(from: grams, count: gramCount)
        table.deallocate()
        grams.deallocate()
        table = newTable
        grams = newGrams
        tableSize = size
    }

    /// Calls `body` for each gram in ascending order with its ids, ascending.
    /// - Complexity: O(entries + grams log grams).
    func forEachGram(_ body: (Int64, UnsafeBufferPointer<UInt32>) throws -> Void) rethrows {
        let start = UnsafeMutablePointer<Int>.allocate(capacity: gramCount + 1)
        start.initialize(repeating: 0, count: gramCount + 1)
        let ids = UnsafeMutablePointer<UInt32>.allocate(capacity: max(entryCount, 1))
        defer {
            start.deallocate()
            ids.deallocate()
        }
        for e in 0..<entryCount { start[Int(entries[e] >> 32) + 1] += 1 }
        for g in 0..<gramCount { start[g + 1] += start[g] }
        // Scatter in entry order: ids stay ascending within each gram. `start[g]` is advanced
        // while scattering and then holds the end of gram g, which is the start of g + 1.
        for e in 0..<entryCount {
            let dense = Int(entries[e] >> 32)
            ids[start[dense]] = UInt32(truncatingIfNeeded: entries[e])
            start[dense] += 1
        }
        let order = (0..<gramCount).sorted { grams[$0] < grams[$1] }
        for dense in order {
            let begin = dense == 0 ? 0 : start[dense - 1]
            try body(grams[dense], UnsafeBufferPointer(start: ids + begin, count: start[dense] - begin))
        }
    }

    /// Empties the builder for the next batch, keeping its buffers.
    func removeAll() {
        table.update(repeating: Self.empty, count: tableSize)
        gramCount = 0
        entryCount = 0
    }
}
