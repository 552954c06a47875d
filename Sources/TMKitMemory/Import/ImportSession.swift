import Foundation
import Foundation
import GRDB
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

/// One import inside one write transaction: inserts with the duplicate policy, and builds the
/// trigram postings of the new units in memory, flushed every `batchSize` units (memory stays
/// bounded however large the file).
final class ImportSession {
    let db: Database
    let options: ImportOptions
    var summary: ImportSummary
    let importID: Int64
    private let insert: FastStatement
    private let findDuplicate: FastStatement
    private let overwrite: FastStatement
    private var postings = PostingBuilder()
    private var unitsInBatch = 0
    private var batchNumber: Int64 = 0
    static let batchSize = 50_000
    /// Postings held in memory at most (8 bytes each) before a batch is written.
    static let entryLimit = 4_000_000
    let now = TMXDate.now()
    let user = TranslationMemory.currentUser

    init(db: Database, source: String, format: String, header: String?, options: ImportOptions) throws {
        self.db = db
        self.options = options
        summary = ImportSummary(source: source)
        try db.execute(sql: "INSERT INTO tm_import(source, format, imported_at, imported_by, header) VALUES (?, ?, ?, ?, ?)",
                       arguments: [source, format, now, user, header])
        importID = db.lastInsertedRowID
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
        let unit = prepared.unit
        let sourceText = prepared.sourceText
        let targetText = prepared.targetText
        let sourceMarkup = prepared.sourceMarkup
        let targetMarkup = prepared.targetMarkup
        let key = prepared.key
        let sourceKey = prepared.sourceKey
        let hash = prepared.hash
        let origin = unit.origin ?? options.document.map { MemoryUnit.Origin(document: $0) }

        if options.duplicates != .keep {
            findDuplicate.bind(1, sourceKey)
            findDuplicate.bind(2, hash)
            findDuplicate.bind(3, unit.sourceLanguage)
            findDuplicate.bind(4, unit.targetLanguage)
            findDuplicate.bind(5, sourceText)
            findDuplicate.bind(6, targetText)
            findDuplicate.bind(7, sourceMarkup ?? "")
            findDuplicate.bind(8, targetMarkup ?? "")
            let existing = try findDuplicate.step(db) ? findDuplicate.int64(0) : nil
            findDuplicate.reset()
            if let existing {
                if options.duplicates == .skip {
                    summary.skippedDuplicates += 1
                    return
                }
                overwrite.bind(1, existing)
                overwrite.bind(2, unit.tuid)
                overwrite.bind(3, origin?.document)
                overwrite.bind(4, origin?.paragraph)
                overwrite.bind(5, origin?.sentence)
                overwrite.bind(6, unit.score)
                overwrite.bind(7, unit.createdAt)
                overwrite.bind(8, unit.createdBy)
                overwrite.bind(9, unit.changedAt ?? now)
                overwrite.bind(10, unit.changedBy ?? user)
                overwrite.bind(11, prepared.metadataJSON)
                overwrite.bind(12, importID)
                _ = try overwrite.step(db)
                overwrite.reset()
                summary.overwritten += 1
                return
            }
        }
        insert.bind(1, unit.sourceLanguage)
        insert.bind(2, unit.targetLanguage)
        insert.bind(3, sourceText)
        insert.bind(4, targetText)
        insert.bind(5, sourceMarkup)
        insert.bind(6, targetMarkup)
        insert.bind(7, sourceKey)
        insert.bind(8, hash)
        insert.bind(9, unit.tuid)
        insert.bind(10, origin?.document)
        insert.bind(11, origin?.paragraph)
        insert.bind(12, origin?.sentence)
        insert.bind(13, unit.score)
        insert.bind(14, unit.createdAt ?? now)
        insert.bind(15, unit.createdBy ?? user)
        insert.bind(16, unit.changedAt ?? unit.createdAt ?? now)
        insert.bind(17, unit.changedBy ?? unit.createdBy ?? user)
        insert.bind(18, prepared.metadataJSON)
        insert.bind(19, importID)
        _ = try insert.step(db)
        insert.reset()
        let id = db.lastInsertedRowID
        guard id <= Int64(UInt32.max) else {
            throw TMKitError(.invalidData, "the memory holds more than 4 billion rows", hint: "split it into several workspaces", file: summary.source)
        }
        key.forEachPaddedTrigram { postings.add($0, id: UInt32(id)) }
        summary.imported += 1
        unitsInBatch += 1
        if unitsInBatch >= Self.batchSize || postings.entryCount > Self.entryLimit { try flushPostings() }
    }

    /// Counts a unit read (for progress).
    func didRead() {
        summary.read += 1
        if summary.read % 5000 == 0 { options.progress?(summary.read) }
    }

    /// Writes the postings gathered so far as one batch (grams in order: sequential inserts).
    func flushPostings() throws {
        defer {
            postings = PostingBuilder()
            unitsInBatch = 0
        }
        if postings.isEmpty { return }
        batchNumber += 1
        let batch = importID * 1_000_000 + batchNumber
        let statement = try FastStatement(db, "INSERT INTO tm_gram(gram, batch, count, units) VALUES (?, ?, ?, ?)")
        let total = try FastStatement(db, "INSERT INTO tm_gram_count(gram, count) VALUES (?, ?) ON CONFLICT(gram) DO UPDATE SET count = count + excluded.count")
        var blob: [UInt8] = []
        try postings.forEachGram { gram, ids in
            blob.removeAll(keepingCapacity: true)
            PostingList.encode(ids, into: &blob)
            statement.bind(1, gram)
            statement.bind(2, batch)
            statement.bind(3, Int64(ids.count))
            statement.bind(4, blob: blob)
            _ = try statement.step(db)
            statement.reset()
            total.bind(1, gram)
            total.bind(2, Int64(ids.count))
            _ = try total.step(db)
            total.reset()
        }
    }

    func finish() throws -> ImportSummary {
        try flushPostings()
        try db.execute(sql: "UPDATE tm_import SET units = ? WHERE id = ?", arguments: [summary.imported, importID])
        options.progress?(summary.read)
        return summary
    }
}

/// A pair with what storing it needs computed (plain text, markup, match key, hashes), so that
/// this work can run on another thread than the database writes.
struct PreparedUnit: @unchecked Sendable {
    let unit: MemoryUnit
    let sourceText: String
    let targetText: String
    let sourceMarkup: String?
    let targetMarkup: String?
    let key: MatchKey
    let sourceKey: Int64
    let hash: Int64
    let metadataJSON: String?

    init(_ unit: MemoryUnit) {
        self.unit = unit
        sourceText = unit.source.plainText
        targetText = unit.target.plainText
        var dropped = 0
        sourceMarkup = unit.source.hasMarkup ? unit.source.xml(dropped: &dropped) : nil
        targetMarkup = unit.target.hasMarkup ? unit.target.xml(dropped: &dropped) : nil
        key = MatchKey(sourceText)
        sourceKey = key.hash
        hash = StableHash.fnv1a([unit.sourceLanguage, unit.targetLanguage, sourceMarkup ?? sourceText, targetMarkup ?? targetText])
        metadataJSON = unit.metadata.json
    }
}

/// A bounded hand-over of batches between a producer thread and the consumer.
final class BatchPipe<Element>: @unchecked Sendable {
    enum Item {
        case batch([Element])
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

    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// Tells the producer to stop (the consumer failed).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Ascending unit ids, delta-coded as LEB128 varints.
enum PostingList {
    static func encode(_ ids: ArraySlice<UInt32>, into out: inout [UInt8]) {
        var previous: UInt32 = 0
        for id in ids {
            var delta = id &- previous
            previous = id
            while delta >= 0x80 {
                out.append(UInt8(delta & 0x7F) | 0x80)
                delta >>= 7
            }
            out.append(UInt8(delta))
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
    func runImport(source: String, format: String, header: String? = nil, options: ImportOptions,
                   _ body: (ImportSession) throws -> Void) throws -> ImportSummary {
        do {
            return try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -65536")
                var summary: ImportSummary?
                try db.inTransaction(.immediate) {
                    let session = try ImportSession(db: db, source: source, format: format, header: header, options: options)
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
