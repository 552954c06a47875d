import Foundation
import GRDB
import TMKitGlossary
import TMKitText

/// The user's glossaries in the workspace database: imported, listed, replaced and removed by
/// name. Each import of a name replaces what was there in one transaction, so a failed import
/// leaves the old glossary as it was.
public struct GlossaryStore: Sendable {
    public let workspace: Workspace

    public init(_ workspace: Workspace) {
        self.workspace = workspace
    }

    /// What `list` tells about a stored glossary.
    public struct Summary: Sendable, Hashable {
        public var name: String
        public var sourceFile: String?
        public var format: String
        public var language: String
        public var concepts: Int
        public var terms: Int
        public var languages: [String]
        public var importedAt: String
        public var updatedAt: String
    }

    /// Stores a glossary under its name, replacing one of the same name.
    /// - Returns: true when a glossary of that name was replaced.
    @discardableResult
    public func save(_ glossary: Glossary, sourceFile: String?, format: String) throws -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = String(
            decoding: try encoder.encode(StoredHeader(header: glossary.header, references: glossary.references)), as: UTF8.self)
        let now = ISO8601DateFormatter().string(from: Date())
        return try write { db in
            var importedAt = now
            var replaced = false
            if let row = try Row.fetchOne(db, sql: "SELECT id, imported_at FROM glossary WHERE name = ?", arguments: [glossary.name]) {
                importedAt = row["imported_at"]
                try db.execute(sql: "DELETE FROM glossary WHERE id = ?", arguments: [row["id"] as Int64])
                replaced = true
            }
            try db.execute(
                sql: """
                    INSERT INTO glossary (name, source_file, format, language, header, imported_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [glossary.name, sourceFile, format, glossary.language, header, importedAt, now])
            let glossaryID = db.lastInsertedRowID
            let insertConcept = try db.makeStatement(
                sql: "INSERT INTO glossary_concept (glossary_id, position, concept_id, data) VALUES (?, ?, ?, ?)")
            let insertTerm = try db.makeStatement(
                sql: "INSERT INTO glossary_term (concept_rowid, language, term, status) VALUES (?, ?, ?, ?)")
            for (position, concept) in glossary.concepts.enumerated() {
                let data = String(decoding: try encoder.encode(concept), as: UTF8.self)
                try insertConcept.execute(arguments: [glossaryID, position, concept.id, data])
                let conceptRow = db.lastInsertedRowID
                for section in concept.languages {
                    for term in section.terms {
                        try insertTerm.execute(arguments: [conceptRow, term.usage ?? section.language, term.text, term.status?.name])
                    }
                }
            }
            return replaced
        }
    }

    /// The stored glossaries, by name.
    public func list() throws -> [Summary] {
        try read { db in
            // A database made before the glossary tables existed, opened read-only, has none.
            guard try db.tableExists("glossary") else { return [] }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT g.name, g.source_file, g.format, g.language, g.imported_at, g.updated_at,
                           (SELECT COUNT(*) FROM glossary_concept c WHERE c.glossary_id = g.id) AS concepts,
                           (SELECT COUNT(*) FROM glossary_term t JOIN glossary_concept c ON t.concept_rowid = c.id
                             WHERE c.glossary_id = g.id) AS terms,
                           (SELECT GROUP_CONCAT(DISTINCT t.language) FROM glossary_term t JOIN glossary_concept c ON t.concept_rowid = c.id
                             WHERE c.glossary_id = g.id) AS languages
                    FROM glossary g ORDER BY g.name
                    """)
            return rows.map { row in
                Summary(
                    name: row["name"], sourceFile: row["source_file"], format: row["format"], language: row["language"],
                    concepts: row["concepts"], terms: row["terms"],
                    languages: ((row["languages"] as String?) ?? "").split(separator: ",").map(String.init).sorted(),
                    importedAt: row["imported_at"], updatedAt: row["updated_at"])
            }
        }
    }

    /// One stored glossary, whole, or nil.
    public func glossary(named name: String) throws -> Glossary? {
        try read { db in try db.tableExists("glossary") ? Self.load(db, where: "name = ?", [name]).first : nil }
    }

    /// Every stored glossary, by name.
    public func all() throws -> [Glossary] {
        try read { db in try db.tableExists("glossary") ? Self.load(db, where: "1", []) : [] }
    }

    /// Removes a glossary. Returns false when there was none of that name.
    @discardableResult
    public func remove(named name: String) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM glossary WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    struct StoredHeader: Codable {
        var header: GlossaryHeader
        var references: [TBXReferenceSection]
    }

    static func load(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Glossary] {
        let decoder = JSONDecoder()
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, name, language, header FROM glossary WHERE \(condition) ORDER BY name", arguments: arguments)
        return try rows.map { row in
            let stored = try decoder.decode(StoredHeader.self, from: Data((row["header"] as String).utf8))
            let concepts = try String.fetchAll(
                db, sql: "SELECT data FROM glossary_concept WHERE glossary_id = ? ORDER BY position",
                arguments: [row["id"] as Int64]
            )
            .map { try decoder.decode(Concept.self, from: Data($0.utf8)) }
            return Glossary(
                name: row["name"], language: row["language"], header: stored.header, concepts: concepts,
                references: stored.references)
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try workspace.database.read(body)
        } catch let error as DatabaseError {
            throw TMKitError(.io, "reading glossaries failed: \(error.message ?? error.description)", file: workspace.path)
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try workspace.database.write(body)
        } catch let error as DatabaseError {
            throw TMKitError(.io, "writing glossaries failed: \(error.message ?? error.description)", file: workspace.path)
        }
    }
}
