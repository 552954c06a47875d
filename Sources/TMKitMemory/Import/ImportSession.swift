import Foundation
import GRDB
import GRDBSQLite
import TMKitFormats
import TMKitText

/// What to do with a unit whose languages, source and target (codes included) are already in
/// the memory.
public enum DuplicatePolicy: String, Sendable, CaseIterable {
    /// Keep both.
    case keep
    /// Keep the one already there; the new one is counted as skipped (the default).
    case skip
    /// Keep the row, take the new unit's metadata (dates, users, tuid, origin, score, props).
    case overwrite
}

/// How an import runs.
public struct ImportOptions {
    public var duplicates: DuplicatePolicy = .skip
    /// TMX: the language taken as source (default: the unit's `srclang`, else the header's, else
    /// the first variant).
    public var sourceLanguage: String?
    /// TMX: the only target language to take (default: every other variant).
    public var targetLanguage: String?
    /// TMX: every ordered pair of variants becomes a unit.
    public var allPairs = false
    /// The document recorded as the origin of units that name none.
    public var document: String?
    /// Called now and then with the number of units read so far.
    public var progress: ((Int) -> Void)?

    public init(duplicates: DuplicatePolicy = .skip, sourceLanguage: String? = nil, targetLanguage: String? = nil,
                allPairs: Bool = false, document: String? = nil, progress: ((Int) -> Void)? = nil) {
        self.duplicates = duplicates
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.allPairs = allPairs
        self.document = document
        self.progress = progress
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    public var source: String
    /// Translation units (or lines, or beads) read.
    public var read = 0
    /// Language pairs stored as new units.
    public var imported = 0
    /// Duplicates left out (policy skip).
    public var skippedDuplicates = 0
    /// Duplicates whose metadata was replaced (policy overwrite).
    public var overwritten = 0
    /// Units read that gave no pair (no variant in the source or target language, or one variant).
    public var withoutPair = 0
    public var warnings: [TMXWarning] = []
}

/// One import inside one write transaction: inserts with the duplicate policy and indexes the
/// new units' trigrams (`GramIndexWriter`: memory stays bounded however large the file).
final class ImportSession {
    let db: Database
    let options: ImportOptions
    var summary: ImportSummary
    let importID: Int64
    private let insert: FastStatement
    private let findDuplicate: FastStatement
    private let overwrite: FastStatement
    private let arena = TextArena()
    private let grams: GramIndexWriter
    /// Whether the source-key index was dropped for this import, to be built again at the end.
    private let deferredIndex: Bool
    let now = TMXDate.now()
    let user = TranslationMemory.currentUser

    /// - Parameter expectedUnits: about how many units the import will add (0 when unknown).
    ///   When duplicates are kept and the memory holds fewer units than that, the source-key
    ///   index is dropped for the load and built again at the end, in the same transaction:
    ///   sorting all keys once is cheaper than inserting each into the B-tree (random pages).
    ///   The other policies look duplicates up by that index row by row, so it stays.
    init(db: Database, source: String, format: String, header: String?, options: ImportOptions, expectedUnits: Int = 0) throws {
        self.db = db
        self.options = options
        summary = ImportSummary(source: source)
        try db.execute(sql: "INSERT INTO tm_import(source, format, imported_at, imported_by, header) VALUES (?, ?, ?, ?, ?)",
                       arguments: [source, format, now, user, header])
        importID = db.lastInsertedRowID
        grams = GramIndexWriter(db: db, batchBase: importID * 1_000_000)
        if options.duplicates == .keep && expectedUnits > 0 {
            let existing = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM tm_unit") ?? 0
            deferredIndex = existing < expectedUnits
        } else {
            deferredIndex = false
        }
        if deferredIndex { try db.execute(sql: "DROP INDEX IF EXISTS tm_unit_source_key") }
        insert = try FastStatement(db, """
            INSERT INTO tm_unit(source_lang, target_lang, source_text, target_text, source_markup, target_markup, source_key, hash,
                tuid, document, paragraph, sentence, score, created_at, created_by, changed_at, changed_by, meta, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        findDuplicate = try FastStatement(db, """
            SELECT id FROM tm_unit WHERE source_key = ?1 AND hash = ?2 AND source_lang = ?3 AND target_lang = ?4
              AND source_text = ?5 AND target_text = ?6 AND coalesce(source_markup, '') = ?7 AND coalesce(target_markup, '') = ?8
            LIMIT 1
            """)
        overwrite = try FastStatement(db, """
            UPDATE tm_unit SET tuid = ?2, document = ?3, paragraph = ?4, sentence = ?5, score = ?6, created_at = coalesce(?7, created_at),
                created_by = coalesce(?8, created_by), changed_at = ?9, changed_by = ?10, meta = ?11, import_id = ?12
            WHERE id = ?1
            """)
    }

    /// Stores one pair under the duplicate policy.
    func add(_ unit: MemoryUnit) throws {
        try add(PreparedUnit(unit))
    }

    /// Stores one prepared pair under the duplicate policy.
    func add(_ prepared: PreparedUnit) throws {
        let unit = prepared
        let origin = unit.origin ?? options.document.map { MemoryUnit.Origin(document: $0) }
        defer { arena.removeAll() }

        if options.duplicates != .keep {
            findDuplicate.bind(1, prepared.sourceKey)
            findDuplicate.bind(2, prepared.hash)
            findDuplicate.bind(3, unit.sourceLanguage, in: arena)
            findDuplicate.bind(4, unit.targetLanguage, in: arena)
            findDuplicate.bind(5, prepared.sourceText, in: arena)
            findDuplicate.bind(6, prepared.targetText, in: arena)
            findDuplicate.bind(7, prepared.sourceMarkup ?? "", in: arena)
            findDuplicate.bind(8, prepared.targetMarkup ?? "", in: arena)
            let existing = try findDuplicate.step(db) ? findDuplicate.int64(0) : nil
            findDuplicate.reset()
            if let existing {
                if options.duplicates == .skip {
                    summary.skippedDuplicates += 1
                    return
                }
                overwrite.bind(1, existing)
                overwrite.bind(2, unit.tuid, in: arena)
                overwrite.bind(3, origin?.document, in: arena)
                overwrite.bind(4, origin?.paragraph)
                overwrite.bind(5, origin?.sentence)
                overwrite.bind(6, unit.score)
                overwrite.bind(7, unit.createdAt, in: arena)
                overwrite.bind(8, unit.createdBy, in: arena)
                overwrite.bind(9, unit.changedAt ?? now, in: arena)
                overwrite.bind(10, unit.changedBy ?? user, in: arena)
                overwrite.bind(11, prepared.metadataJSON, in: arena)
                overwrite.bind(12, importID)
                _ = try overwrite.step(db)
                overwrite.reset()
                summary.overwritten += 1
                return
            }
        }
        insert.bind(1, unit.sourceLanguage, in: arena)
        insert.bind(2, unit.targetLanguage, in: arena)
        insert.bind(3, prepared.sourceText, in: arena)
        insert.bind(4, prepared.targetText, in: arena)
        insert.bind(5, prepared.sourceMarkup, in: arena)
        insert.bind(6, prepared.targetMarkup, in: arena)
        insert.bind(7, prepared.sourceKey)
        insert.bind(8, prepared.hash)
        insert.bind(9, unit.tuid, in: arena)
        insert.bind(10, origin?.document, in: arena)
        insert.bind(11, origin?.paragraph)
        insert.bind(12, origin?.sentence)
        insert.bind(13, unit.score)
        insert.bind(14, unit.createdAt ?? now, in: arena)
        insert.bind(15, unit.createdBy ?? user, in: arena)
        insert.bind(16, unit.changedAt ?? unit.createdAt ?? now, in: arena)
        insert.bind(17, unit.changedBy ?? unit.createdBy ?? user, in: arena)
        insert.bind(18, prepared.metadataJSON, in: arena)
        insert.bind(19, importID)
        _ = try insert.step(db)
        insert.reset()
        // SQLite's own call: GRDB's property costs as much again as the bind calls of a row.
        let id = sqlite3_last_insert_rowid(db.sqliteConnection)
        guard id <= Int64(UInt32.max) else {
            throw TMKitError(.invalidData, "the memory holds more than 4 billion rows", hint: "split it into several workspaces", file: summary.source)
        }
        try prepared.grams.withUnsafeBufferPointer { try grams.add($0, id: UInt32(id)) }
        summary.imported += 1
    }

    /// Counts units read (for progress, reported every 5,000).
    func didRead(_ count: Int = 1) {
        let before = summary.read
        summary.read += count
        if summary.read / 5000 > before / 5000 { options.progress?(summary.read) }
    }

    func finish() throws -> ImportSummary {
        try grams.flush()
        if deferredIndex { try db.execute(sql: "CREATE INDEX tm_unit_source_key ON tm_unit(source_key)") }
        try db.execute(sql: "UPDATE tm_import SET units = ? WHERE id = ?", arguments: [summary.imported, importID])
        options.progress?(summary.read)
        return summary
    }
}

/// A pair as a row: what storing it needs, computed (plain text, markup, match-key hash, the
/// trigrams the fuzzy index keeps, duplicate hash, metadata as JSON), so that this work can run
/// on another thread than the database writes.
/// Flat on purpose: no nested arrays to copy, retain and release on the way to the database.
struct PreparedUnit: Sendable {
    let sourceLanguage: String
    let targetLanguage: String
    let sourceText: String
    let targetText: String
    let sourceMarkup: String?
    let targetMarkup: String?
    let tuid: String?
    let origin: MemoryUnit.Origin?
    let score: Double?
    let createdAt: String?
    let createdBy: String?
    let changedAt: String?
    let changedBy: String?
    let metadataJSON: String?
    /// The trigrams the fuzzy index keeps for the source (`MatchKey.indexGrams`, unsorted; a
    /// gram may come more than once).
    let grams: [Int64]
    let sourceKey: Int64
    let hash: Int64

    init(_ unit: MemoryUnit) {
        sourceLanguage = unit.sourceLanguage
        targetLanguage = unit.targetLanguage
        sourceText = unit.source.plainText
        targetText = unit.target.plainText
        var dropped = 0
        sourceMarkup = unit.source.hasMarkup ? unit.source.xml(dropped: &dropped) : nil
        targetMarkup = unit.target.hasMarkup ? unit.target.xml(dropped: &dropped) : nil
        tuid = unit.tuid
        origin = unit.origin
        score = unit.score
        createdAt = unit.createdAt
        createdBy = unit.createdBy
        changedAt = unit.changedAt
        changedBy = unit.changedBy
        metadataJSON = unit.metadata.json
        let key = MatchKey(sourceText)
        sourceKey = key.hash
        grams = [Int64](unsafeUninitializedCapacity: key.scalars.count + 2) { buffer, count in
            count = key.indexGrams(into: buffer.baseAddress!)
        }
        hash = StableHash.fnv1a([sourceLanguage, targetLanguage, sourceMarkup ?? sourceText, targetMarkup ?? targetText])
    }
}

/// Units read and prepared by the producer threads of an import, handed over together.
struct ImportBatch: Sendable {
    var units: [PreparedUnit] = []
    /// Units read (a `<tu>` can give several pairs, or none).
    var read = 0
    /// Units read that gave no pair.
    var withoutPair = 0
}

/// A bounded hand-over of batches between a producer thread and the consumer.
final class BatchPipe<Element>: @unchecked Sendable {
    enum Item {
        case batch(Element)
        case end
        case failure(Error)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private let capacity: Int
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Blocks while the pipe is full; returns false when the consumer has given up.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item; `.end` once the pipe is cancelled and empty (a middle stage blocked here
    /// then stops too).
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !cancelled { condition.wait() }
        if items.isEmpty { return .end }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Tells the producer to stop (the consumer failed), and a consumer waiting for more.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Ascending unit ids, delta-coded as LEB128 varints.
enum PostingList {
    /// Encodes lists into one buffer, reused from list to list.
    struct Encoder: ~Copyable {
        private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)

        deinit { buffer.deallocate() }

        /// The encoding of `ids` (ascending), valid until the next call.
        mutating func encode(_ ids: UnsafeBufferPointer<UInt32>) -> UnsafeRawBufferPointer {
            // A 32-bit delta takes at most 5 bytes.
            if buffer.count < ids.count * 5 {
                buffer.deallocate()
                buffer = .allocate(byteCount: ids.count * 5, alignment: 8)
            }
            var n = 0
            var previous: UInt32 = 0
            for id in ids {
                var delta = id &- previous
                previous = id
                while delta >= 0x80 {
                    buffer[n] = UInt8(truncatingIfNeeded: delta) | 0x80
                    n += 1
                    delta >>= 7
                }
                buffer[n] = UInt8(delta)
                n += 1
            }
            return UnsafeRawBufferPointer(rebasing: buffer[0..<n])
        }
    }

    /// Calls `body` with each id.
    /// - Complexity: O(bytes).
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, _ body: (UInt32) -> Void) {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        var previous: UInt32 = 0
        for byte in bytes {
            value |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                previous &+= value
                body(previous)
                value = 0
                shift = 0
            } else {
                shift += 7
            }
        }
    }
}

extension TranslationMemory {
    /// Runs one import in one immediate write transaction; on any error nothing of it remains.
    /// - Parameter expectedUnits: about how many units the import adds, 0 when unknown (see
    ///   `ImportSession`).
    func runImport(source: String, format: String, header: String? = nil, options: ImportOptions, expectedUnits: Int = 0,
                   _ body: (ImportSession) throws -> Void) throws -> ImportSummary {
        do {
            return try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -65536")
                var summary: ImportSummary?
                try db.inTransaction(.immediate) {
                    let session = try ImportSession(db: db, source: source, format: format, header: header, options: options,
                                                    expectedUnits: expectedUnits)
                    try body(session)
                    summary = try session.finish()
                    return .commit
                }
                return summary!
            }
        } catch let error as DatabaseError {
            throw wrap(error)
        }
    }
}
