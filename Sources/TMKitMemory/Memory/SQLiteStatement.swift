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

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds UTF-8 text that stays put until the statement has stepped (no copy); nil binds
    /// NULL.
    @inline(__always)
    func bind(_ index: Int32, utf8 text: UnsafeBufferPointer<UInt8>?) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        // SQLite reads a null pointer as NULL, not as ''.
        let start = text.count == 0 ? Self.emptyText.baseAddress : text.baseAddress
        start!.withMemoryRebound(to: CChar.self, capacity: max(text.count, 1)) {
            _ = sqlite3_bind_text(handle, index, $0, Int32(text.count), nil)
        }
    }

    /// Empty text at a pointer that is not null (never written to).
    nonisolated(unsafe) static let emptyText: UnsafeBufferPointer<UInt8> = {
        let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        byte.initialize(to: 0)
        return UnsafeBufferPointer(start: byte, count: 0)
    }()

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

    /// The UTF-8 bytes of a text column in place (valid until the next step), nil for NULL.
    @inline(__always)
    func utf8(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let pointer = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: count)
    }
}
