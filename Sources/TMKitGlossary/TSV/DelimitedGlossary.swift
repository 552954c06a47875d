import TMKitText

/// Glossaries as OmegaT keeps them: one entry a line, `source<TAB>target<TAB>comment` (TSV), or
/// the same three columns as comma-separated values with RFC 4180 quoting (CSV).
///
/// Each line becomes a concept with a source term, a target term and the comment as a note.
/// Lines starting with `#` and blank lines are skipped. Writing gives one line per source term
/// that is not deprecated, with the concept's preferred target term and its note (or, without a
/// note, its definition); tabs and line breaks inside fields become spaces, since the format
/// cannot carry them.
public enum DelimitedGlossary {
    public enum Separator: Sendable {
        case tab, comma
    }

    /// Reads a TSV or CSV glossary.
    /// - Throws: `TMKitError` for unreadable files and lines without a target, with file:line.
    public static func read(
        path: String, separator: Separator, sourceLanguage: LanguageTag, targetLanguage: LanguageTag,
        name: String? = nil
    ) throws -> LoadedGlossary {
        let text = try TextFile.read(path).text
        return try read(
            text: text, source: path, separator: separator, sourceLanguage: sourceLanguage,
            targetLanguage: targetLanguage, name: name ?? Glossary.name(fromPath: path))
    }

    public static func read(
        text: String, source: String, separator: Separator, sourceLanguage: LanguageTag,
        targetLanguage: LanguageTag, name: String
    ) throws -> LoadedGlossary {
        var glossary = Glossary(name: name, language: sourceLanguage.identifier)
        var lines: [Int] = []
        for (number, fields) in try records(text, separator: separator, source: source) {
            guard let first = fields.first?.trimmingCharacters(in: .whitespaces), !first.isEmpty, !first.hasPrefix("#") else { continue }
            guard fields.count >= 2, !fields[1].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw TMKitError(
                    .invalidData, "expected SOURCE\(separator == .tab ? "<TAB>" : ",")TARGET, and optionally a comment",
                    hint: "every line needs a source term and a target term", file: source, line: number)
            }
            let target = XMLNode.collapse(fields[1])
            let comment = fields.count > 2 ? XMLNode.collapse(fields[2...].joined(separator: " ")) : ""
            var concept = Concept(
                id: "c\(glossary.concepts.count + 1)",
                languages: [
                    LanguageSection(language: sourceLanguage.identifier, terms: [Term(XMLNode.collapse(first))]),
                    LanguageSection(language: targetLanguage.identifier, terms: [Term(target)]),
                ])
            if !comment.isEmpty { concept.notes = [comment] }
            glossary.concepts.append(concept)
            lines.append(number)
        }
        // The same pair twice is one concept; the same source with different targets is reported.
        var warnings: [GlossaryWarning] = []
        var seen: [String: Int] = [:]
        var kept: [Concept] = []
        var keptLines: [Int] = []
        for (concept, line) in zip(glossary.concepts, lines) {
            let key = concept.languages.map { $0.terms[0].text }.joined(separator: "\u{1}")
            if let index = seen[key] {
                warnings.append(
                    GlossaryWarning(
                        "'\(concept.languages[0].terms[0].text)' → '\(concept.languages[1].terms[0].text)' appears twice (first at line \(keptLines[index])); merged",
                        file: source, line: line))
                kept[index].notes += concept.notes.filter { !kept[index].notes.contains($0) }
                continue
            }
            seen[key] = kept.count
            kept.append(concept)
            keptLines.append(line)
        }
        glossary.concepts = kept
        warnings += glossary.termsInSeveralConcepts(file: source) { c, _, _ in c < keptLines.count ? keptLines[c] : nil }
        return LoadedGlossary(glossary: glossary, warnings: warnings)
    }

    /// Splits text into records of fields, with their 1-based line numbers.
    static func records(_ text: String, separator: Separator, source: String) throws -> [(Int, [String])] {
        var result: [(Int, [String])] = []
        switch separator {
        case .tab:
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
                if line.isEmpty { continue }
                result.append((index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
            }
        case .comma:
            var fields: [String] = []
            var field = ""
            var quoted = false
            var line = 1
            var recordLine = 1
            var iterator = Array(text.unicodeScalars)[...]
            while let c = iterator.popFirst() {
                if quoted {
                    if c == "\"" {
                        if iterator.first == "\"" { field.unicodeScalars.append("\""); _ = iterator.popFirst() } else { quoted = false }
                    } else {
                        if c == "\n" { line += 1 }
                        field.unicodeScalars.append(c)
                    }
                    continue
                }
                switch c {
                case "\"" where field.isEmpty: quoted = true
                case ",": fields.append(field); field = ""
                case "\r": continue
                case "\n":
                    fields.append(field)
                    if !(fields.count == 1 && fields[0].isEmpty) { result.append((recordLine, fields)) }
                    fields = []
                    field = ""
                    line += 1
                    recordLine = line
                default: field.unicodeScalars.append(c)
                }
            }
            if quoted {
                throw TMKitError(.invalidData, "a quoted field is not closed", hint: "close it with \"", file: source, line: recordLine)
            }
            if !field.isEmpty || !fields.isEmpty {
                fields.append(field)
                result.append((recordLine, fields))
            }
        }
        return result
    }

    /// Writes a glossary as TSV or CSV lines (see the type's documentation for what goes in).
    public static func write(
        _ glossary: Glossary, separator: Separator, sourceLanguage: String, targetLanguage: String,
        to sink: OutputSink
    ) throws {
        for concept in glossary.concepts {
            guard let target = concept.preferredTerm(in: targetLanguage) else { continue }
            let comment = concept.notes.first ?? concept.definition(in: sourceLanguage)?.text ?? ""
            for section in concept.sections(for: sourceLanguage) where section.tag?.script == nil || section.language == sourceLanguage {
                for term in section.terms where !(term.status?.discouragesUse ?? false) {
                    let fields = [term.text, target.text, comment].map { field($0, separator) }
                    var line = fields.joined(separator: separator == .tab ? "\t" : ",")
                    // OmegaT reads two columns as well as three.
                    if comment.isEmpty { line = fields[0..<2].joined(separator: separator == .tab ? "\t" : ",") }
                    try sink.write(line + "\n")
                }
            }
        }
    }

    static func field(_ text: String, _ separator: Separator) -> String {
        let flat = String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        guard separator == .comma, flat.contains(where: { $0 == "," || $0 == "\"" }) else { return flat }
        return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
