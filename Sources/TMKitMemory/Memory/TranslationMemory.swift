import Foundation
import GRDB
import TMKitFormats
import TMKitText

/// The translation memory of a workspace: import (TMX, aligned beads, TSV), export (TMX 1.4b),
/// exact and fuzzy lookup, concordance search, statistics and duplicate removal.
///
/// Every import is one transaction: a failed or killed import leaves the memory as it was.
/// Readers (lookups, exports) run while an import writes (SQLite WAL).
public final class TranslationMemory: Sendable {
    public let workspace: Workspace
    var database: DatabasePool { workspace.database }

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// Opens (creating if needed) the memory at `path`.
    public convenience init(path: String, readOnly: Bool = false) throws {
        self.init(workspace: try Workspace(path: path, readOnly: readOnly))
    }

    /// The number of translation units.
    public func unitCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM tm_unit") ?? 0 }
    }

    /// Runs a read, turning database failures into `TMKitError`s.
    /// - Parameter mapped: read pages in place through mmap (lookups: no copy through read(2)).
    ///   Off for scans such as export, whose mapped pages would count as resident memory.
    func read<T>(mapped: Bool = false, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read { db in
                // A per-connection setting; pooled connections keep it, so set it every time.
                try db.execute(sql: mapped ? "PRAGMA mmap_size = 1073741824" : "PRAGMA mmap_size = 0")
                return try body(db)
            }
        } catch let error as DatabaseError {
            throw wrap(error)
        }
    }

    func wrap(_ error: DatabaseError) -> TMKitError {
        if error.resultCode == .SQLITE_FULL {
            return TMKitError(.io, "the disk is full: \(error.message ?? "")", hint: "free some space and run again", file: workspace.path)
        }
        return TMKitError(.io, "database error: \(error.message ?? error.description)", file: workspace.path)
    }

    /// One unit by id, or nil.
    public func unit(id: Int64) throws -> MemoryUnit? {
        try read { db in try Self.fetchUnits(db, sql: "SELECT \(Self.unitColumns) FROM tm_unit WHERE id = ?", arguments: [id]).first }
    }

    /// The units the filter takes, in id order (at most `limit`).
    public func units(matching filter: UnitFilter = UnitFilter(), limit: Int = Int.max) throws -> [MemoryUnit] {
        let (clause, arguments) = filter.sql
        return try read { db in
            try Self.fetchUnits(db, sql: "SELECT \(Self.unitColumns) FROM tm_unit \(clause) ORDER BY id LIMIT \(limit)", arguments: arguments)
        }
    }

    /// The columns `decodeUnit` reads, in order.
    static let unitColumns = """
        id, source_lang, target_lang, source_text, target_text, source_markup, target_markup, tuid, document, \
        paragraph, sentence, score, created_at, created_by, changed_at, changed_by, meta
        """

    static func fetchUnits(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [MemoryUnit] {
        let statement = try FastStatement(db, sql)
        try statement.statement.setArguments(arguments)
        var units: [MemoryUnit] = []
        while try statement.step(db) { units.append(decodeUnit(statement)) }
        statement.reset()
        return units
    }

    /// A unit from a row of `unitColumns`.
    static func decodeUnit(_ s: FastStatement) -> MemoryUnit {
        func segment(_ text: Int32, _ markup: Int32) -> TMXSegment {
            if let markup = s.text(markup), let parsed = try? TMXSegment(markup: markup) { return parsed }
            return TMXSegment(text: s.text(text) ?? "")
        }
        let document = s.text(8)
        let paragraph = s.int64OrNil(9).map(Int.init)
        let sentence = s.int64OrNil(10).map(Int.init)
        let origin = document == nil && paragraph == nil && sentence == nil
            ? nil : MemoryUnit.Origin(document: document, paragraph: paragraph, sentence: sentence)
        return MemoryUnit(
            id: s.int64(0), sourceLanguage: s.text(1) ?? "", targetLanguage: s.text(2) ?? "",
            source: segment(3, 5), target: segment(4, 6), tuid: s.text(7), origin: origin, score: s.double(11),
            createdAt: s.text(12), createdBy: s.text(13), changedAt: s.text(14), changedBy: s.text(15),
            metadata: UnitMetadata(json: s.text(16)))
    }

    /// The user name recorded as creator and changer of new units.
    public static var currentUser: String? {
        let env = ProcessInfo.processInfo.environment
        return env["TMKIT_USER"] ?? env["USER"] ?? env["LOGNAME"]
    }
}
