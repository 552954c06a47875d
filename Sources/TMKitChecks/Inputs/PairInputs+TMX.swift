import TMKitFormats
import TMKitMemory
import TMKitText

extension PairInputs {
    /// The translation units of a TMX file as pairs: for each unit, its first variant in the
    /// source language and its first in the target language (by base language: `en-US` is `en`).
    /// A unit without a target variant is a pair with an empty target; one without a source
    /// variant is skipped. Languages default to the header's `srclang` and the first other
    /// language met.
    /// - Throws: `TMKitError` from the reader (malformed XML with its line, not TMX), or when the
    ///   file holds no unit in the two languages.
    public static func tmx(path: String, source: LanguageTag?, target: LanguageTag?) throws -> (pairs: [SegmentPair], source: LanguageTag, target: LanguageTag) {
        let reader = try TMXReader(path: path)
        var units: [TranslationUnit] = []
        while let unit = try reader.next() { units.append(unit) }
        func base(_ tag: String) -> String { String(tag.lowercased().prefix { $0 != "-" && $0 != "_" }) }
        let headerSource = reader.header.sourceLanguage.flatMap { $0 == "*all*" ? nil : try? LanguageTag($0) }
        guard let sourceLanguage = source ?? headerSource ?? units.first?.variants.first.flatMap({ try? LanguageTag($0.language) }) else {
            throw TMKitError(.emptyInput, "the TMX file has no translation units", hint: "give a TMX file with <tu> elements", file: path)
        }
        let targetLanguage = try target ?? units.lazy.flatMap(\.variants).first { base($0.language) != sourceLanguage.language }
            .map { try LanguageTag($0.language) } ?? .korean
        var pairs: [SegmentPair] = []
        for unit in units {
            guard let s = unit.variants.first(where: { base($0.language) == sourceLanguage.language }) else { continue }
            let t = unit.variants.first { base($0.language) == targetLanguage.language }
            let location = SourceLocation(file: path, line: unit.line, byteRange: 0..<0)
            pairs.append(SegmentPair(index: pairs.count, source: s.segment.plainText, target: t?.segment.plainText ?? "",
                                     sourceLocation: location, targetLocation: location, unitID: unit.tuid))
        }
        if pairs.isEmpty {
            throw TMKitError(.emptyInput, "no translation unit has a \(sourceLanguage) variant", hint: "set --source-lang to the memory's source language", file: path)
        }
        return (pairs, sourceLanguage, targetLanguage)
    }
}

extension PairInputs {
    /// The units of a workspace memory as pairs (located by their unit id; the memory has no lines).
    public static func memory(_ units: [MemoryUnit], path: String) -> [SegmentPair] {
        units.enumerated().map { i, unit in
            let location = SourceLocation(file: path, line: 0, byteRange: 0..<0)
            return SegmentPair(index: i, source: unit.source.plainText, target: unit.target.plainText, sourceLocation: location,
                               targetLocation: location, unitID: unit.id.map { "\($0)" } ?? unit.tuid)
        }
    }
}
