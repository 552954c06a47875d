import ArgumentParser
import Foundation
import TMKitText

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Cut documents into sentences (ICU plus per-language SRX rules).",
        discussion: """
        Examples:
          tmkit segment report.en.txt                      one sentence a line, a blank line between paragraphs
          tmkit segment --lang ko --format jsonl report.ko.md
          cat notes.txt | tmkit segment -                  read standard input
          tmkit segment --rules my-rules.srx report.txt    use SRX rules from OmegaT or Okapi
          tmkit segment --export-rules --lang ko > ko.srx  the shipped rules, as SRX 2.0

        Without --lang the language is detected from the script of the text and said on standard
        error. jsonl adds the paragraph index, the line and the UTF-8 byte range of each sentence;
        every record names its schema ("tmkit.segment/1"), which changes when a field changes
        meaning.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl, tsv
    }

    /// The JSONL record schema, quoted; it changes when a field changes meaning.
    static let jsonSchema = JSON.quote("tmkit.segment/1")

    @Argument(help: ArgumentHelp("Files to segment (text, Markdown, HTML); - for standard input.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("The language, a BCP 47 tag such as en, ko, ko-KP (default: detected).", valueName: "tag"))
    var lang: String?

    @Option(help: "Output: text (a sentence a line), jsonl (with locations) or tsv.")
    var format: Format = .text

    @Option(help: ArgumentHelp("SRX 2.0 rules to use instead of the shipped ones.", valueName: "file.srx"))
    var rules: String?

    @Flag(name: .customLong("export-rules"), help: "Print the rules in force for --lang (or all shipped rules) as SRX 2.0, and exit.")
    var exportRules = false

    @OptionGroup var input: InputOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        if files.isEmpty && !exportRules {
            throw ValidationError("give at least one file to segment, or - for standard input (example: tmkit segment report.txt)")
        }
    }

    func run() throws {
        let dataDirectory = try data.locate()
        let language = try parseLanguage(lang)
        let custom = try rules.map { try SRXDocument(contentsOf: $0) }
        let output = OutputSink.standardOutput()

        if exportRules {
            try output.write(try exportedRules(language: language, custom: custom, data: dataDirectory).xml())
            try output.commit()
            return
        }

        var segmenters: [LanguageTag: Segmenter] = [:]
        func segmenter(for tag: LanguageTag) throws -> Segmenter {
            if let existing = segmenters[tag] { return existing }
            let made = try Segmenter(language: tag, data: dataDirectory, srx: custom)
            segmenters[tag] = made
            return made
        }
        let detector = try dataDirectory.sharedLocaleFile("scripts.tsv").map { try LanguageDetector(contentsOf: $0) }

        for (fileNumber, path) in files.enumerated() {
            if fileNumber > 0 && format == .text { try output.write("\n") }
            var tag = language
            var pending: [Paragraph] = []
            var pendingCharacters = 0
            var current: Segmenter?
            var firstInFile = true

            func emit(_ paragraph: Paragraph, with segmenter: Segmenter) throws {
                let segments = try segmenter.segments(of: paragraph)
                if segments.isEmpty { return }
                switch format {
                case .text:
                    if !firstInFile { try output.write("\n") }
                    for segment in segments { try output.write(segment.text + "\n") }
                case .jsonl:
                    for segment in segments {
                        try output.write(JSON.object([
                            "schema": Self.jsonSchema, "file": JSON.quote(path),
                            "language": JSON.quote(segmenter.language.identifier), "paragraph": String(segment.paragraphIndex),
                            "segment": String(segment.indexInParagraph), "line": String(segment.location.line),
                            "start": String(segment.location.byteRange.lowerBound), "end": String(segment.location.byteRange.upperBound),
                            "text": JSON.quote(segment.text),
                        ]) + "\n")
                    }
                case .tsv:
                    for segment in segments {
                        try output.write("\(TSV.field(path))\t\(segment.paragraphIndex)\t\(segment.indexInParagraph)\t\(segment.location.line)\t\(segment.location.byteRange.lowerBound)\t\(segment.location.byteRange.upperBound)\t\(TSV.field(segment.text))\n")
                    }
                }
                firstInFile = false
            }

            func decide() throws -> Segmenter {
                if let current { return current }
                if tag == nil {
                    let sample = pending.map(\.text).joined(separator: "\n")
                    if let found = detector?.detect(sample) {
                        tag = found.language
                        Terminal.note("\(path): language \(found.language) (detected: \(Int(found.share * 100))% of letters are \(found.script); set it with --lang)")
                    } else {
                        tag = .english
                        Terminal.note("\(path): no letters to detect the language from; using en (set it with --lang)")
                    }
                }
                let made = try segmenter(for: tag!)
                current = made
                return made
            }

            let body: (Paragraph) throws -> Void = { paragraph in
                if current == nil && tag == nil && pendingCharacters < 4000 {
                    pending.append(paragraph)
                    pendingCharacters += paragraph.text.utf8.count
                    return
                }
                let segmenter = try decide()
                for held in pending { try emit(held, with: segmenter) }
                pending.removeAll()
                try emit(paragraph, with: segmenter)
            }

            let inputFormat = input.inputFormat ?? DocumentFormat.guess(path: path)
            if inputFormat == .text {
                let warnings = try PlainTextReader.forEachParagraph(path, options: .init(onePerLine: input.onePerLine, lossy: input.lossy), body)
                warnings.forEach(Terminal.warning)
            } else {
                let document = try DocumentReader.read(path, options: input.readerOptions)
                document.warnings.forEach(Terminal.warning)
                if document.paragraphs.isEmpty {
                    throw TMKitError(.emptyInput, "no text found in the document", hint: "check the --input-format", file: path)
                }
                for paragraph in document.paragraphs { try body(paragraph) }
            }
            if !pending.isEmpty {
                let segmenter = try decide()
                for held in pending { try emit(held, with: segmenter) }
            }
        }
        try output.commit()
    }

    private func exportedRules(language: LanguageTag?, custom: SRXDocument?, data: DataDirectory) throws -> SRXDocument {
        if let custom { return custom }
        if let language {
            guard let path = data.localeFile("segmentation.srx", for: language) else {
                return SRXDocument(languageRules: [], maps: [])
            }
            return try SRXDocument(contentsOf: path)
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: data.localesPath).sorted()
        let documents = try folders.compactMap { folder -> SRXDocument? in
            let path = "\(data.localesPath)/\(folder)/segmentation.srx"
            return FileManager.default.fileExists(atPath: path) ? try SRXDocument(contentsOf: path) : nil
        }
        return SRXDocument.merging(documents)
    }
}
