import ArgumentParser
import Foundation
import TMKitGlossary
import TMKitText

struct GlossaryLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Show the concept behind a term, in any language and any spelling.",
        discussion: """
            Examples:
              tmkit glossary lookup kwalliso       or gwanliso, Kwan-Li-So, kwan-ri-so
              tmkit glossary lookup 관리소에서       particles are taken off
              tmkit glossary lookup 로동단련대       North or South Korean spelling
              tmkit glossary lookup "political prison camps" --format json

            Prints every concept the query names with all its terms per language, their status, the definition and the sources. Nothing found: exit code 1 and the closest spellings.
            """)

    @Argument(help: ArgumentHelp("The term, in any language or spelling.", valueName: "term"))
    var query: String

    @Option(help: "Output: text or json.")
    var format: ListingFormat = .text

    @OptionGroup var sources: GlossarySourceOptions

    func validate() throws {
        if query.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("give a term to look up (example: tmkit glossary lookup kwalliso)")
        }
    }

    func run() throws {
        let (glossaries, origins, data) = try sources.load()
        let locales = TermLocales(data: data)
        let matcher = try TermMatcher(glossaries: glossaries, locales: locales)
        let found = matcher.lookup(query.nfc)
        guard !found.isEmpty else {
            let suggestions = matcher.suggestions(for: query.nfc)
            let names = suggestions.map { s -> String in
                let concept = matcher.concept(s.concept)
                let english = concept.preferredTerm(in: "en")?.text
                return english.map { english in english == s.spelling ? s.spelling : "\(s.spelling) (\(english))" } ?? s.spelling
            }
            throw TMKitError(
                .notFound, "no glossary term matches '\(query)'",
                hint: names.isEmpty
                    ? "check the spelling, or list the glossaries with tmkit glossary list"
                    : "did you mean: \(names.joined(separator: ", "))?")
        }
        let output = OutputSink.standardOutput()
        switch format {
        case .text:
            for (index, match) in found.enumerated() {
                if index > 0 { try output.write("\n") }
                try output.write(try describe(match, matcher: matcher, origins: origins, locales: locales))
            }
        case .json:
            try output.write(try json(found, matcher: matcher, origins: origins))
        }
        try output.commit()
    }

    private func describe(_ match: TermMatch, matcher: TermMatcher, origins: [String], locales: TermLocales) throws -> String {
        let concept = matcher.concept(match.concept)
        let glossary = matcher.glossaries[match.concept.glossary]
        let title = concept.preferredTerm(in: "en")?.text ?? concept.languages.first?.terms.first?.text ?? concept.id
        var out = "\(title)  [\(concept.id) in \(glossary.name), \(origins[match.concept.glossary])]\n"
        let term = matcher.term(match.term)
        var how = "\(match.kind)"
        if match.spelling != term.text { how += ", spelling \(match.spelling)" }
        out += "  found as:   \(term.text) (\(match.language); \(how))\n"
        if let subject = concept.subjectField { out += "  subject:    \(subject)\n" }
        let width = max(10, concept.languages.map { $0.language.count + 2 }.max() ?? 0)
        for section in concept.languages {
            for (i, t) in section.terms.enumerated() {
                let label = i == 0 ? section.language : ""
                var details: [String] = []
                if let status = t.status { details.append(status.name) }
                if let type = t.type, type != .fullForm { details.append(type.rawValue) }
                if let usage = t.usage { details.append(usage) }
                if let pos = t.partOfSpeech, pos != "noun" { details.append(pos) }
                let suffix = details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"
                out += "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + t.text + suffix + "\n"
            }
            // How TMKit romanizes the section's main Korean (or other) term.
            if let main = section.terms.first, let tag = section.tag, tag.script == nil {
                let spellings = try locales.romanizations(of: main.text, language: section.language)
                if !spellings.isEmpty {
                    let text = spellings.map { "\($0.spelling) (\($0.system))" }.joined(separator: ", ")
                    out += "  " + "".padding(toLength: width, withPad: " ", startingAt: 0) + "romanized: \(text)\n"
                }
            }
        }
        for d in concept.definitions { out += "  definition: \(d.text)\n" }
        for section in concept.languages {
            for d in section.definitions { out += "  definition (\(section.language)): \(d.text)\n" }
        }
        for note in concept.notes + concept.languages.flatMap(\.notes) { out += "  note:       \(note)\n" }
        for (i, source) in concept.allSources.enumerated() {
            out += (i == 0 ? "  source:     " : "              ") + source + "\n"
        }
        return out
    }

    private struct LookupJSON: Encodable {
        var schema = "tmkit-glossary-lookup/1"
        var query: String
        var results: [Result]

        struct Result: Encodable {
            var glossary: String
            var origin: String
            var matched: Matched
            var concept: Concept
        }

        struct Matched: Encodable {
            var term: String
            var language: String
            var spelling: String
            var kind: String
        }
    }

    private func json(_ found: [TermMatch], matcher: TermMatcher, origins: [String]) throws -> String {
        let results = found.map { match in
            LookupJSON.Result(
                glossary: matcher.glossaries[match.concept.glossary].name, origin: origins[match.concept.glossary],
                matched: .init(
                    term: matcher.term(match.term).text, language: match.language, spelling: match.spelling, kind: match.kind.description),
                concept: matcher.concept(match.concept))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(LookupJSON(query: query, results: results)), as: UTF8.self) + "\n"
    }
}
