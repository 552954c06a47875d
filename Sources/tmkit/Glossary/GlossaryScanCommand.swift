import ArgumentParser
import Foundation
import TMKitGlossary
import TMKitText

struct GlossaryScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "List every glossary term in a document, with where it is and which spelling matched.",
        discussion: """
            Examples:
              tmkit glossary scan report.ko.txt     file:line:col: text → concept (how)
              tmkit glossary scan --lang en report.en.md
              tmkit glossary scan --format jsonl report.txt --glossary client.tbx

            Without --lang the language is detected from the script of the text. Terms of that language count (any region or spelling), and romanized Korean terms in Latin-script text. Exit code 1 when no term is found.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl
    }

    @Argument(help: ArgumentHelp("Documents to scan (text, Markdown, HTML); - for standard input.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("The documents' language, a BCP 47 tag (default: detected).", valueName: "tag"))
    var lang: String?

    @Option(help: "Output: text or jsonl.")
    var format: Format = .text

    @OptionGroup var input: InputOptions
    @OptionGroup var sources: GlossarySourceOptions

    func validate() throws {
        if files.isEmpty {
            throw ValidationError("give a file to scan, or - for standard input (example: tmkit glossary scan report.ko.txt)")
        }
    }

    func run() throws {
        let language = try parseLanguage(lang)
        let (glossaries, origins, data) = try sources.load()
        _ = origins
        let matcher = try TermMatcher(glossaries: glossaries, locales: TermLocales(data: data))
        let scanner = TermScanner(matcher: matcher)
        let detector = try data.sharedLocaleFile("scripts.tsv").map { try LanguageDetector(contentsOf: $0) }
        let output = OutputSink.standardOutput()
        var total = 0
        var concepts = Set<ConceptRef>()
        for path in files {
            let document = try DocumentReader.read(path, options: input.readerOptions)
            document.warnings.forEach(Terminal.warning)
            var tag = language
            if tag == nil {
                if let found = detector?.detect(document.plainText) {
                    tag = found.language
                    Terminal.note(
                        "\(path): language \(found.language) (detected: \(Int(found.share * 100))% of letters are \(found.script); set it with --lang)"
                    )
                } else {
                    tag = .english
                }
            }
            for paragraph in document.paragraphs {
                for match in scanner.matches(in: paragraph.text, language: tag) {
                    total += 1
                    concepts.insert(match.concept)
                    try output.write(line(for: match, in: paragraph, path: path, matcher: matcher))
                }
            }
        }
        try output.commit()
        Terminal.note("\(total) term occurrence\(total == 1 ? "" : "s") of \(concepts.count) concept\(concepts.count == 1 ? "" : "s")")
        if total == 0 { throw ExitCode(1) }
    }

    private func line(for match: TermMatch, in paragraph: Paragraph, path: String, matcher: TermMatcher) -> String {
        let offset = match.byteRange.lowerBound
        let lineNumber = paragraph.line(atOffset: offset)
        var column: Int?
        if paragraph.isVerbatim {
            let lineStart = paragraph.lineStarts.last { $0 <= offset } ?? 0
            let bytes = Array(paragraph.text.utf8)
            column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        }
        let concept = matcher.concept(match.concept)
        let term = matcher.term(match.term)
        let english = concept.preferredTerm(in: "en")?.text ?? term.text
        switch format {
        case .text:
            var how = "\(term.text), \(match.kind)"
            if match.spelling != term.text { how += ", as \(match.spelling)" }
            let place = column.map { "\(path):\(lineNumber):\($0)" } ?? "\(path):\(lineNumber)"
            return "\(place): \(match.text) → \(concept.id): \(english) (\(how))\n"
        case .jsonl:
            return JSON.object([
                "schema": JSON.quote("tmkit-glossary-scan/1"), "file": JSON.quote(path), "line": String(lineNumber),
                "column": column.map(String.init) ?? "null",
                "paragraph": String(paragraph.index),
                "start": String(match.byteRange.lowerBound), "end": String(match.byteRange.upperBound),
                "text": JSON.quote(match.text), "glossary": JSON.quote(matcher.glossaries[match.concept.glossary].name),
                "concept": JSON.quote(concept.id), "term": JSON.quote(term.text), "language": JSON.quote(match.language),
                "spelling": JSON.quote(match.spelling), "kind": JSON.quote(match.kind.description),
            ]) + "\n"
        }
    }
}
