import GRDB
import GRDBSQLite

/// Binding and stepping a prepared GRDB statement through SQLite's C API, for the import and
/// export loops where building `StatementArguments` for every row would dominate the run time.
struct FastStatement {
    let statement: Statement
    var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private static let empty: [CChar] = [0]

    func bind(_ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { buffer in
            if buffer.count == 0 {
                _ = Self.empty.withUnsafeBufferPointer { sqlite3_bind_text(handle, index, $0.baseAddress, 0, Self.transient) }
            } else {
                buffer.withMemoryRebound(to: CChar.self) {
                    _ = sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient)
                }
            }
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds text copied into `arena`, without SQLite's own copy: the bytes must stay put until
    /// the statement has stepped, which the arena guarantees until its `removeAll()`. (SQLite's
    /// copy of a transient parameter is a malloc and a free for every bound string of every row.)
    func bind(_ index: Int32, _ text: String?, in arena: TextArena) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        let bytes = arena.copy(text)
        sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), nil)
    }

    /// Binds a blob that stays put until the statement has stepped (no copy).
    func bind(_ index: Int32, blob: UnsafeRawBufferPointer) {
        if blob.isEmpty {
            sqlite3_bind_zeroblob(handle, index, 0)
            return
        }
        sqlite3_bind_blob(handle, index, blob.baseAddress, Int32(blob.count), nil)
    }

    /// Steps once: true when a row is ready.
    func step(_ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    /// Makes the statement ready to run again. Parameters keep their values: every caller binds
    /// all of them before each step.
    func reset() {
        sqlite3_reset(handle)
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64OrNil(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let pointer = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: count)
    }
}

/// Bytes of bound text parameters for one row, copied once and kept in place until
/// `removeAll()`: SQLite then binds them without a copy of its own (`SQLITE_STATIC`).
///
/// Chunks are never moved: a string that does not fit opens a new chunk, so pointers handed out
/// earlier for the same row stay valid. Capacity is kept from row to row.
final class TextArena {
    private var chunks: [UnsafeMutableRawBufferPointer] = []
    private var current = 0
    private var used = 0
    private static let chunkSize = 1 << 16
    /// A non-null pointer for empty text (SQLite reads a null pointer as NULL, not ''); never
    /// written to, so sharing it between threads is safe.
    nonisolated(unsafe) private static let nothing = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    deinit {
        chunks.forEach { $0.deallocate() }
    }

    /// Copies the UTF-8 of `text`; the bytes stay put until `removeAll()`.
    func copy(_ text: String) -> UnsafeBufferPointer<CChar> {
        var text = text
        return text.withUTF8 { bytes in
            if bytes.isEmpty { return UnsafeBufferPointer(start: Self.nothing.assumingMemoryBound(to: CChar.self), count: 0) }
            if chunks.isEmpty || used + bytes.count > chunks[current].count {
                current = chunks.isEmpty ? 0 : current + 1
                if current == chunks.count || chunks[current].count < bytes.count {
                    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(Self.chunkSize, bytes.count), alignment: 8)
                    if current == chunks.count { chunks.append(chunk) } else { chunks.insert(chunk, at: current) }
                }
                used = 0
            }
            let start = chunks[current].baseAddress! + used
            start.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            used += bytes.count
            return UnsafeBufferPointer(start: start.assumingMemoryBound(to: CChar.self), count: bytes.count)
        }
    }

    /// Forgets the copies (the statement that used them has stepped); keeps the memory.
    func removeAll() {
        current = 0
        used = 0
    }
}
