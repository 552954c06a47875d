import Foundation
import GRDB
import TMKitText

/// The workspace database: one SQLite file (WAL mode) holding the translation memory and the
/// user's glossaries. Created on first use; migrations are numbered and run in order.
///
/// Location: `--db PATH`, else the `TMKIT_DB` environment variable, else `tmkit.sqlite` in the
/// working directory.
public final class Workspace: Sendable {
    public static let environmentVariable = "TMKIT_DB"
    public static let defaultFileName = "tmkit.sqlite"
    /// How long a connection waits for a lock that another holds before it gives up.
    static let busyTimeout: TimeInterval = 10

    /// The path of the database file.
    public let path: String
    /// The connection pool: one writer, concurrent readers (WAL).
    public let database: DatabasePool

    /// The database path to use, from an explicit path, the environment, or the default.
    public static func resolvePath(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultFileName
    }

    /// Opens (creating if needed) the workspace database and brings its schema up to date.
    /// - Parameter readOnly: open an existing database for reading only (it is not created).
    /// - Throws: `TMKitError` when the file cannot be opened or is not a TMKit database.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw TMKitError(.isDirectory, "is a directory, not a database file", hint: "give a file path to --db", file: path)
        }
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw TMKitError(.fileNotFound, "no workspace database here", hint: "import something first (tmkit tm import FILE --db \(path))", file: path)
        }
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            if !db.configuration.readonly {
                // 16 KB pages instead of 4 KB: a bulk import writes a quarter as many pages, WAL
                // frames and system calls (the commit and its checkpoint copy every page twice),
                // and a unit row or a posting blob rarely spills to an overflow page. It takes
                // effect only when the file is created (here, before GRDB turns WAL on); existing
                // databases keep their page size.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            if !readOnly {
                try Self.migrator.migrate(database)
            }
        } catch let error as DatabaseError {
            throw TMKitError(.invalidData, "cannot open the workspace database: \(error.message ?? error.description)",
                             hint: "is it a TMKit database? give another --db path", file: path)
        }
    }

    /// All schema migrations, in order. Each area registers its own, named "NNN-area-what".
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        MemorySchema.register(in: &migrator)
        GlossarySchema.register(in: &migrator)
        return migrator
    }
}
