import GRDB
import TMKitFormats
import TMKitText

/// Which units an export, a search or a count takes.
public struct UnitFilter: Sendable {
    public var sourceLanguage: String?
    public var targetLanguage: String?
    public var document: String?
    /// TMX dates; units changed at or after `since`, before `until`.
    public var since: String?
    public var until: String?

    public init(sourceLanguage: String? = nil, targetLanguage: String? = nil, document: String? = nil,
                since: String? = nil, until: String? = nil) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.document = document
        self.since = since
        self.until = until
    }

    /// A WHERE clause (with "WHERE", or empty) and its arguments.
    var sql: (clause: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let sourceLanguage {
            conditions.append("(source_lang = ? COLLATE NOCASE OR source_lang LIKE ? || '-%')")
            arguments += [sourceLanguage, sourceLanguage]
        }
        if let targetLanguage {
            conditions.append("(target_lang = ? COLLATE NOCASE OR target_lang LIKE ? || '-%')")
            arguments += [targetLanguage, targetLanguage]
        }
        if let document {
            conditions.append("document = ?")
            arguments.append(document)
        }
        if let since {
            conditions.append("coalesce(changed_at, created_at) >= ?")
            arguments.append(since)
        }
        if let until {
            conditions.append("coalesce(changed_at, created_at) < ?")
            arguments.append(until)
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), StatementArguments(arguments))
    }
}

/// What an export did.
public struct ExportSummary: Sendable, Equatable {
    public var units = 0
    /// Characters XML 1.0 cannot carry, left out.
    public var droppedCharacters = 0
    public var unitsWithDroppedCharacters = 0
    /// Ids (tuids) of the first units that lost characters.
    public var exampleUnits: [String] = []
}

extension TranslationMemory {
    /// Writes the units the filter takes as TMX 1.4b, streaming from a read snapshot (an import
    /// running meanwhile is not seen half-done). The sink is committed at the end, so the file
    /// appears complete or not at all.
    /// - Complexity: O(units); memory flat.
    public func exportTMX(to sink: OutputSink, filter: UnitFilter = UnitFilter(), creationToolVersion: String,
                          progress: ((Int) -> Void)? = nil) throws -> ExportSummary {
        let (clause, arguments) = filter.sql
        let writer: TMXWriter = try read { db in
            let sourceLanguages = try String.fetchAll(db, sql: "SELECT DISTINCT source_lang FROM tm_unit \(clause) LIMIT 2", arguments: arguments)
            let sourceLanguage = filter.sourceLanguage.flatMap { try? LanguageTag($0).identifier }
                ?? (sourceLanguages.count == 1 ? sourceLanguages[0] : "*all*")
            let writer = TMXWriter(sink: sink, header: TMXWriter.header(sourceLanguage: sourceLanguage, creationToolVersion: creationToolVersion))
            try writer.begin()
            let statement = try FastStatement(db, "SELECT \(Self.unitColumns) FROM tm_unit \(clause) ORDER BY id")
            try statement.statement.setArguments(arguments)
            var count = 0
            while try statement.step(db) {
                if try !Self.writePlain(statement, to: writer) {
                    try writer.write(Self.translationUnit(Self.decodeUnit(statement)))
                }
                count += 1
                if count % 5000 == 0 { progress?(count) }
            }
            statement.reset()
            return writer
        }
        try writer.finish()
        progress?(writer.unitCount)
        return ExportSummary(units: writer.unitCount, droppedCharacters: writer.droppedCharacters,
                             unitsWithDroppedCharacters: writer.unitsWithDroppedCharactersCount, exampleUnits: writer.unitsWithDroppedCharacters)
    }

    /// Writes the row (`unitColumns`) the statement is on as `TMXWriter.writePlain` does when
    /// it is a plain pair: no codes, no origin, no score, no other metadata; the bytes go from
    /// SQLite to the output without a `MemoryUnit`, a `TranslationUnit` or a string in between.
    /// Returns false for any other row (then written through `translationUnit`).
    static func writePlain(_ s: FastStatement, to writer: TMXWriter) throws -> Bool {
        for column: Int32 in [5, 6, 8, 9, 10, 11, 16] where !s.isNull(column) { return false }
        guard let sourceLanguage = s.utf8(1), let targetLanguage = s.utf8(2), let source = s.utf8(3), let target = s.utf8(4) else { return false }
        func write(tuid: UnsafeBufferPointer<UInt8>) throws -> Bool {
            try writer.writePlain(TMXWriter.PlainPair(
                tuid: tuid, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, source: source, target: target,
                createdAt: s.utf8(12), createdBy: s.utf8(13), changedAt: s.utf8(14), changedBy: s.utf8(15)))
        }
        if let tuid = s.utf8(7) { return try write(tuid: tuid) }
        var id = String(s.int64(0))
        return try id.withUTF8 { try write(tuid: $0) }
    }

    /// A stored pair as a TMX `<tu>`: tuid (the imported one, else the row id), dates, users,
    /// origin and score as `x-tmkit:*` props, and the metadata kept at import.
    public static func translationUnit(_ unit: MemoryUnit) -> TranslationUnit {
        var attributes: [TMXAttribute] = [TMXAttribute("tuid", unit.tuid ?? unit.id.map(String.init) ?? "")]
        attributes.append(TMXAttribute("srclang", unit.sourceLanguage))
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { attributes.append(TMXAttribute(name, value)) }
        }
        add("creationdate", unit.createdAt.flatMap { TMXDate.isValid($0) ? $0 : nil })
        add("creationid", unit.createdBy)
        add("changedate", unit.changedAt.flatMap { TMXDate.isValid($0) ? $0 : nil })
        add("changeid", unit.changedBy)
        for attribute in unit.metadata.unit.attributes where attributes[named: attribute.name] == nil {
            attributes.append(attribute)
        }
        var properties: [TMXProperty] = []
        if let origin = unit.origin {
            if let document = origin.document { properties.append(TMXProperty(type: "x-tmkit:document", text: document)) }
            if let paragraph = origin.paragraph { properties.append(TMXProperty(type: "x-tmkit:paragraph", text: String(paragraph))) }
            if let sentence = origin.sentence { properties.append(TMXProperty(type: "x-tmkit:sentence", text: String(sentence))) }
        }
        if let score = unit.score { properties.append(TMXProperty(type: "x-tmkit:score", text: String(score))) }
        properties += unit.metadata.unit.properties
        let m = unit.metadata
        return TranslationUnit(
            attributes: attributes, properties: properties, notes: m.unit.notes,
            variants: [
                TMXVariant(language: unit.sourceLanguage, segment: unit.source, attributes: m.source.attributes,
                           properties: m.source.properties, notes: m.source.notes),
                TMXVariant(language: unit.targetLanguage, segment: unit.target, attributes: m.target.attributes,
                           properties: m.target.properties, notes: m.target.notes),
            ])
    }
}
