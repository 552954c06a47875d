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
    /// `insert` for `rowsPerInsert` rows at once (duplicates kept: no row waits for a lookup).
    private let insertMany: FastStatement?
    /// The id the last row stored got (rows get consecutive ids: see `add(_:indexing:)`).
    private var lastID: Int64
    private let findDuplicate: FastStatement
    private let overwrite: FastStatement
    private let grams: GramIndexWriter
    /// The texts bound for rows that have none of their own, kept in place for the import.
    private let nowText: UnsafeBufferPointer<UInt8>
    private let userText: UnsafeBufferPointer<UInt8>?
    private let defaultDocument: UnsafeBufferPointer<UInt8>?
    /// Whether the source-key index was dropped for this import, to be built again at the end.
    private var deferredIndex: Bool
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
        nowText = Self.copy(now)!
        userText = Self.copy(user)
        defaultDocument = Self.copy(options.document)
        grams = GramIndexWriter(db: db, batchBase: importID * 1_000_000)
        if options.duplicates == .keep && expectedUnits > 0 {
            let existing = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM tm_unit") ?? 0
            deferredIndex = existing < expectedUnits
        } else {
            deferredIndex = false
        }
        if deferredIndex { try db.execute(sql: "DROP INDEX IF EXISTS tm_unit_source_key") }
        let columns = """
            INSERT INTO tm_unit(source_lang, target_lang, source_text, target_text, source_markup, target_markup, source_key, hash,
                tuid, document, paragraph, sentence, score, created_at, created_by, changed_at, changed_by, meta, import_id)
            VALUES
            """
        let values = "(" + Array(repeating: "?", count: Int(Self.columnCount)).joined(separator: ", ") + ")"
        insert = try FastStatement(db, columns + values)
        insertMany = options.duplicates == .keep
            ? try FastStatement(db, columns + Array(repeating: values, count: Self.rowsPerInsert).joined(separator: ", ")) : nil
        lastID = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM tm_unit") ?? 0
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

    /// A one-row batch for `add(_: MemoryUnit)` (reused).
    private let single = RowBatch(capacity: 1)

    /// Stores one pair under the duplicate policy.
    func add(_ unit: MemoryUnit) throws {
        single.removeAll()
        single.append(unit)
        single.prepare()
        try add(single)
    }

    /// Stores the rows of a prepared batch (`RowBatch.prepare()`) under the duplicate policy,
    /// binding their texts in place. With `indexing`, the rows' trigrams are added to the fuzzy
    /// index here; without, the ids the rows got are left in `batch.ids` for the caller to index
    /// (`writePostings`), on another thread.
    func add(_ batch: RowBatch, indexing: Bool = true) throws {
        try batch.withContents { bytes, grams, rows in
            func stored(_ row: RowBatch.Row, id: UInt32) throws {
                if indexing {
                    if id != 0 { try self.grams.add(UnsafeBufferPointer(rebasing: grams[row.grams]), id: id) }
                } else {
                    batch.appendID(id)
                }
            }
            var next = 0
            if let insertMany {
                // Whole groups of rows, one statement each.
                while rows.count - next >= Self.rowsPerInsert {
                    for j in 0..<Self.rowsPerInsert {
                        bindInsert(insertMany, from: Int32(j) * Self.columnCount, rows[next + j], bytes)
                    }
                    let first = try step(insertMany, rows: Self.rowsPerInsert)
                    for j in 0..<Self.rowsPerInsert { try stored(rows[next + j], id: first + UInt32(j)) }
                    next += Self.rowsPerInsert
                }
            }
            for row in rows[next...] { try stored(row, id: try add(row, bytes: bytes)) }
        }
    }

    /// Parameters per row of `insert`.
    static let columnCount: Int32 = 19
    /// Rows per statement of `insertMany`: a statement's set-up and end (opening the table's
    /// cursor, halting), paid for every row with one-row inserts, are paid once per sixteen
    /// (6 % off an import's load phase, 200,000 units; Benchmarks/memory.md).
    static let rowsPerInsert = 16

    /// Steps an insert of `rows` rows; returns the first one's id.
    ///
    /// A row whose id is not given gets one more than the largest in the table (SQLite's rule
    /// while that is below 2⁶³ − 1): the rows of one statement, inserted in order by the only
    /// writer, get consecutive ids, the last of which SQLite reports. Checked all the same.
    private func step(_ statement: FastStatement, rows: Int) throws -> UInt32 {
        _ = try statement.step(db)
        statement.reset()
        // SQLite's own call: GRDB's property costs as much again as the bind calls of a row.
        let id = sqlite3_last_insert_rowid(db.sqliteConnection)
        guard id == lastID + Int64(rows) else {
            throw TMKitError(.invalidData, "the memory gave rows unexpected ids (\(id) after \(lastID))", hint: "run the import again",
                             file: summary.source)
        }
        guard id <= Int64(UInt32.max) else {
            throw TMKitError(.invalidData, "the memory holds more than 4 billion rows", hint: "split it into several workspaces", file: summary.source)
        }
        lastID = id
        summary.imported += rows
        return UInt32(id - Int64(rows) + 1)
    }

    /// Writes postings of rows stored with `add(_:indexing: false)`, gathered elsewhere.
    func writePostings(_ encoded: EncodedPostings) throws {
        try grams.write(encoded)
    }

    /// Binds a text of the batch without a copy (`SQLITE_STATIC`: the batch outlives the step),
    /// or `fallback` when the row has none.
    @inline(__always)
    private func bind(_ statement: FastStatement, _ index: Int32, _ text: RowBatch.Text, _ bytes: UnsafeBufferPointer<UInt8>,
                      or fallback: UnsafeBufferPointer<UInt8>? = nil) {
        if text.isNull {
            statement.bind(index, utf8: fallback)
        } else {
            statement.bind(index, utf8: RowBatch.slice(bytes, text))
        }
    }

    /// Binds a row's document: its own when it names an origin, else the import's.
    @inline(__always)
    private func bindDocument(_ statement: FastStatement, _ index: Int32, _ row: RowBatch.Row, _ bytes: UnsafeBufferPointer<UInt8>) {
        if row.hasOrigin {
            bind(statement, index, row.document, bytes)
        } else {
            statement.bind(index, utf8: defaultDocument)
        }
    }

    /// Stores one row; returns its id, or 0 when it was not inserted.
    private func add(_ row: RowBatch.Row, bytes: UnsafeBufferPointer<UInt8>) throws -> UInt32 {
        if options.duplicates != .keep {
            findDuplicate.bind(1, row.sourceKey)
            findDuplicate.bind(2, row.hash)
            bind(findDuplicate, 3, row.sourceLanguage, bytes)
            bind(findDuplicate, 4, row.targetLanguage, bytes)
            bind(findDuplicate, 5, row.sourceText, bytes)
            bind(findDuplicate, 6, row.targetText, bytes)
            bind(findDuplicate, 7, row.sourceMarkup, bytes, or: FastStatement.emptyText)
            bind(findDuplicate, 8, row.targetMarkup, bytes, or: FastStatement.emptyText)
            let existing = try findDuplicate.step(db) ? findDuplicate.int64(0) : nil
            findDuplicate.reset()
            if let existing {
                if options.duplicates == .skip {
                    summary.skippedDuplicates += 1
                    return 0
                }
                overwrite.bind(1, existing)
                bind(overwrite, 2, row.tuid, bytes)
                bindDocument(overwrite, 3, row, bytes)
                overwrite.bind(4, row.paragraph)
                overwrite.bind(5, row.sentence)
                overwrite.bind(6, row.score)
                bind(overwrite, 7, row.createdAt, bytes)
                bind(overwrite, 8, row.createdBy, bytes)
                bind(overwrite, 9, row.changedAt, bytes, or: nowText)
                bind(overwrite, 10, row.changedBy, bytes, or: userText)
                bind(overwrite, 11, row.metadata, bytes)
                overwrite.bind(12, importID)
                _ = try overwrite.step(db)
                overwrite.reset()
                summary.overwritten += 1
                return 0
            }
        }
        bindInsert(insert, from: 0, row, bytes)
        return try step(insert, rows: 1)
    }

    /// Binds a row to the parameters `offset + 1 ... offset + columnCount` of an insert.
    @inline(__always)
    private func bindInsert(_ statement: FastStatement, from offset: Int32, _ row: RowBatch.Row, _ bytes: UnsafeBufferPointer<UInt8>) {
        bind(statement, offset + 1, row.sourceLanguage, bytes)
        bind(statement, offset + 2, row.targetLanguage, bytes)
        bind(statement, offset + 3, row.sourceText, bytes)
        bind(statement, offset + 4, row.targetText, bytes)
        bind(statement, offset + 5, row.sourceMarkup, bytes)
        bind(statement, offset + 6, row.targetMarkup, bytes)
        statement.bind(offset + 7, row.sourceKey)
        statement.bind(offset + 8, row.hash)
        bind(statement, offset + 9, row.tuid, bytes)
        bindDocument(statement, offset + 10, row, bytes)
        statement.bind(offset + 11, row.paragraph)
        statement.bind(offset + 12, row.sentence)
        statement.bind(offset + 13, row.score)
        bind(statement, offset + 14, row.createdAt, bytes, or: nowText)
        bind(statement, offset + 15, row.createdBy, bytes, or: userText)
        bind(statement, offset + 16, row.changedAt.isNull ? row.createdAt : row.changedAt, bytes, or: nowText)
        bind(statement, offset + 17, row.changedBy.isNull ? row.createdBy : row.changedBy, bytes, or: userText)
        bind(statement, offset + 18, row.metadata, bytes)
        statement.bind(offset + 19, importID)
    }

    /// Counts units read (for progress, reported every 5,000).
    func didRead(_ count: Int = 1) {
        let before = summary.read
        summary.read += count
        if summary.read / 5000 > before / 5000 { options.progress?(summary.read) }
    }

    deinit {
        for text in [nowText, userText, defaultDocument] { text?.deallocate() }
    }

    private static func copy(_ text: String?) -> UnsafeBufferPointer<UInt8>? {
        guard let text else { return nil }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.utf8.count, 1))
        _ = buffer.initialize(from: text.utf8)
        return UnsafeBufferPointer(start: buffer.baseAddress, count: text.utf8.count)
    }

    /// Builds the source-key index now if it was dropped for the load (see `init`), when no
    /// more rows come: an import whose index is built on another thread does this while the
    /// last postings are encoded. `finish` does it otherwise.
    func buildDeferredIndex() throws {
        guard deferredIndex else { return }
        try db.execute(sql: "CREATE INDEX tm_unit_source_key ON tm_unit(source_key)")
        deferredIndex = false
    }

    func finish() throws -> ImportSummary {
        try grams.flush()
        try buildDeferredIndex()
        try db.execute(sql: "UPDATE tm_import SET units = ? WHERE id = ?", arguments: [summary.imported, importID])
        options.progress?(summary.read)
        return summary
    }
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

    /// The next item if there is one now, without waiting (a pool of spare batches).
    func poll() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        guard !items.isEmpty, case .batch(let element) = items[0] else { return nil }
        items.removeFirst()
        condition.broadcast()
        return element
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
        // Idle read connections of this process would keep a first import out of its bulk mode.
        database.invalidateReadOnlyConnections()
        do {
            return try database.writeWithoutTransaction { db in
                // The only parent a new row names is the import's own `tm_import` row, made in the
                // same transaction: checking it for every row is a B-tree search per row for
                // nothing. (The setting cannot change inside a transaction, hence here.)
                let foreignKeys = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
                if foreignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
                defer { if foreignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
                // Pages in memory (KB). Duplicates kept, the load only appends: a page, once full, is
                // not read again before the commit, and writing it out early leaves less for the
                // commit to write and sync (and 60 MB less memory). Otherwise every row looks its
                // duplicates up in the source-key index, whose pages are best kept at hand.
                let cacheKB = options.duplicates == .keep ? 8_192 : 65_536
                try db.execute(sql: "PRAGMA cache_size = -\(cacheKB)")
                let bulk = try BulkLoad.begin(db)
                defer { if bulk { BulkLoad.end(db) } }
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

/// The first import into a new workspace writes its pages once, straight into the database file,
/// instead of twice (to the write-ahead log, then by the checkpoint into the file).
///
/// A workspace is in WAL mode so that readers see the last committed state while an import
/// runs. A workspace with nothing in it (no unit, no glossary) has no state worth reading, so
/// its first import switches to a rollback journal for its transaction: SQLite journals only
/// the pages that existed before (a few schema pages) and appends the new ones to the file;
/// the commit syncs the small journal, then the file, and deletes the journal. It is as atomic
/// as the WAL commit (a process killed in the middle leaves a hot journal that the next
/// connection rolls back: an empty workspace again), and saves writing the log, checkpointing
/// it and deleting it, a fifth of a large import's time. Afterwards the workspace is in WAL
/// mode again. The switch needs the file to itself: when another connection has it open, the
/// import runs in WAL mode as usual.
///
/// While such an import runs, a reader in another process waits for its commit (its busy
/// timeout), where in WAL mode it would read the empty workspace.
enum BulkLoad {
    /// Switches an empty workspace to a rollback journal; returns whether it did.
    static func begin(_ db: Database) throws -> Bool {
        let empty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS(SELECT 1 FROM tm_unit) AND NOT EXISTS(SELECT 1 FROM glossary)") ?? false
        guard empty else { return false }
        // Fail at once, not after the busy timeout, when another connection holds the file.
        try db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Workspace.busyTimeout * 1000))") }
        guard (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete" else { return false }
        // FULL in rollback mode: the journal is synced before the file is written (NORMAL
        // leaves a small window for corruption on power loss). It holds a few pages only.
        try db.execute(sql: "PRAGMA synchronous = FULL")
        return true
    }

    /// Back to WAL mode. A failure (a reader holding the file past the busy timeout) leaves
    /// the committed import in a rollback-journal database, which the next read-write
    /// opening of the workspace puts back in WAL mode: nothing is lost, so nothing is thrown.
    static func end(_ db: Database) {
        try? db.execute(sql: "PRAGMA synchronous = NORMAL")
        guard (try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")) == "wal" else { return }
        // A read-only connection cannot open a WAL database without its log (SQLITE_CANTOPEN),
        // nor create one: leave one, as GRDB does when it opens a database (its issue 102).
        try? db.execute(sql: "CREATE TABLE tmkit_wal_start(x); DROP TABLE tmkit_wal_start")
    }
}
