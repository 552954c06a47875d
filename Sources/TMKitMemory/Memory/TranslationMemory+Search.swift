import Foundation
import GRDB
import TMKitFormats
import TMKitText

/// Which side a concordance search looks in.
public enum SearchSide: String, Sendable, CaseIterable {
    case source, target, both
}

/// A unit whose text holds the phrase.
public struct ConcordanceHit: Sendable, Hashable {
    public var unit: MemoryUnit
    /// The side the phrase was found in.
    public var side: SearchSide
    /// Where the phrase is in that side's plain text, as UTF-8 byte offsets (for context and
    /// highlighting); nil when it matched only after normalization (width, spacing).
    public var byteRange: Range<Int>?
}

extension TranslationMemory {
    /// Units that contain `phrase` (case-insensitive) in their source, target or either.
    ///
    /// The source side uses the trigram index (the rarest of the trigrams the index must hold
    /// for the phrase narrow the units, then the match key is checked); phrases under
    /// `MatchKey.window + 2` characters and the target side scan the table.
    /// - Complexity: source side about O(postings of the rarest trigrams); otherwise O(units).
    public func search(_ phrase: String, side: SearchSide = .both, filter: UnitFilter = UnitFilter(), limit: Int = 20) throws -> [ConcordanceHit] {
        let key = MatchKey(phrase)
        guard !key.scalars.isEmpty, limit > 0 else { return [] }
        let (clause, arguments) = filter.sql
        let andFilter = clause.isEmpty ? "" : " AND " + clause.dropFirst("WHERE ".count)
        return try read { db in
            var hits: [ConcordanceHit] = []
            var seen: Set<Int64> = []
            func accept(_ unit: MemoryUnit, _ side: SearchSide) -> Bool {
                let text = side == .source ? unit.source.plainText : unit.target.plainText
                guard Self.contains(MatchKey(text).scalars, key.scalars) else { return false }
                hits.append(ConcordanceHit(unit: unit, side: side, byteRange: Self.byteRange(of: phrase, in: text)))
                seen.insert(unit.id!)
                return true
            }
            if side != .target {
                let grams = key.phraseGrams
                let sql: String
                if grams.isEmpty {
                    sql = "SELECT \(Self.unitColumns) FROM tm_unit WHERE instr(lower(source_text), lower(?)) > 0\(andFilter) ORDER BY id"
                    let statement = try FastStatement(db, sql)
                    try statement.statement.setArguments([phrase] + arguments)
                    while hits.count < limit, try statement.step(db) { _ = accept(Self.decodeUnit(statement), .source) }
                    statement.reset()
                } else {
                    for id in try unitsWithAllGrams(db, grams: grams) where hits.count < limit {
                        let units = try Self.fetchUnits(db, sql: "SELECT \(Self.unitColumns) FROM tm_unit WHERE id = ?\(andFilter)",
                                                        arguments: [id] + arguments)
                        if let unit = units.first { _ = accept(unit, .source) }
                    }
                }
            }
            if side != .source && hits.count < limit {
                let statement = try FastStatement(db, "SELECT \(Self.unitColumns) FROM tm_unit WHERE instr(lower(target_text), lower(?)) > 0\(andFilter) ORDER BY id")
                try statement.statement.setArguments([phrase] + arguments)
                while hits.count < limit, try statement.step(db) {
                    let unit = Self.decodeUnit(statement)
                    if !seen.contains(unit.id!) { _ = accept(unit, .target) }
                }
                statement.reset()
            }
            return hits
        }
    }

    /// Ids of units whose source holds each of the (up to four) rarest of `grams`, ascending.
    func unitsWithAllGrams(_ db: Database, grams: [Int64]) throws -> [Int64] {
        let rarest = Array(try rarestGrams(db, grams: grams, budget: Int.max).prefix(4))
        // A gram with no postings at all: no unit holds the phrase.
        if rarest.count < min(grams.count, 4) { return [] }
        var result: Set<UInt32>?
        let postings = try FastStatement(db, "SELECT units FROM tm_gram WHERE gram = ?")
        for gram in rarest {
            var ids = Set<UInt32>()
            postings.bind(1, gram)
            while try postings.step(db) {
                PostingList.decode(postings.blob(0)) { id in
                    if result == nil || result!.contains(id) { ids.insert(id) }
                }
            }
            postings.reset()
            result = ids
            if ids.isEmpty { break }
        }
        return (result ?? []).sorted().map(Int64.init)
    }

    static func contains(_ haystack: [UInt32], _ needle: [UInt32]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        if needle.isEmpty { return true }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var i = 1
            while i < needle.count && haystack[start + i] == needle[i] { i += 1 }
            if i == needle.count { return true }
        }
        return false
    }

    /// The UTF-8 byte range of `phrase` in `text`, ignoring case.
    static func byteRange(of phrase: String, in text: String) -> Range<Int>? {
        guard let range = text.range(of: phrase, options: [.caseInsensitive]) else { return nil }
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        return start..<(start + text.utf8.distance(from: range.lowerBound, to: range.upperBound))
    }
}

/// Figures about the memory.
public struct MemoryStatistics: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public var sourceLanguage: String
        public var targetLanguage: String
        public var units: Int
    }

    public var units: Int
    public var pairs: [Pair]
    public var documents: Int
    public var imports: Int
    /// Units that repeat another (same languages, source and target with codes).
    public var duplicates: Int
    public var oldest: String?
    public var newest: String?
    public var fileBytes: Int64
}

extension TranslationMemory {
    public func statistics() throws -> MemoryStatistics {
        try read { db in
            let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM tm_unit") ?? 0
            let pairs = try Row.fetchAll(db, sql: """
                SELECT source_lang, target_lang, count(*) AS n FROM tm_unit GROUP BY source_lang, target_lang ORDER BY n DESC, source_lang, target_lang
                """).map { MemoryStatistics.Pair(sourceLanguage: $0[0], targetLanguage: $0[1], units: $0[2]) }
            let documents = try Int.fetchOne(db, sql: "SELECT count(DISTINCT document) FROM tm_unit") ?? 0
            let imports = try Int.fetchOne(db, sql: "SELECT count(*) FROM tm_import") ?? 0
            let duplicates = try Int.fetchOne(db, sql: "SELECT count(*) - count(DISTINCT hash) FROM tm_unit") ?? 0
            let range = try Row.fetchOne(db, sql: "SELECT min(created_at), max(coalesce(changed_at, created_at)) FROM tm_unit")
            let size = (try? FileManager.default.attributesOfItem(atPath: workspace.path)[.size] as? NSNumber)?.int64Value ?? 0
            return MemoryStatistics(units: units, pairs: pairs, documents: documents, imports: imports, duplicates: duplicates,
                                    oldest: range?[0], newest: range?[1], fileBytes: size)
        }
    }

    /// Removes units that repeat another (same languages, source and target, codes included),
    /// keeping the most recently changed of each group. Returns how many were (or, with
    /// `dryRun`, would be) removed.
    public func removeDuplicates(dryRun: Bool = false) throws -> Int {
        let extra = """
            SELECT id FROM (SELECT id, row_number() OVER (
                PARTITION BY hash, source_lang, target_lang, source_text, target_text, coalesce(source_markup, ''), coalesce(target_markup, '')
                ORDER BY coalesce(changed_at, created_at) DESC, id DESC) AS n FROM tm_unit) WHERE n > 1
            """
        do {
            if dryRun {
                return try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(extra))") ?? 0 }
            }
            return try database.write { db in
                try db.execute(sql: "DELETE FROM tm_unit WHERE id IN (\(extra))")
                return db.changesCount
            }
        } catch let error as DatabaseError {
            throw wrap(error)
        }
    }
}
