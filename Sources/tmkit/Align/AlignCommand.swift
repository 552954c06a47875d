import ArgumentParser
import Foundation
import TMKitAlignment
import TMKitFormats
import TMKitGlossary
import TMKitText

struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Pair the sentences of a document and its translation, with a confidence for each pair.",
        discussion: """
            Examples:
              tmkit align report.en.txt report.ko.txt
                  side by side on the terminal, a summary on standard error
              tmkit align report.en.md report.ko.md --html review.html
                  also a review page where omissions and doubtful pairs stand out
              tmkit align report.en.txt report.ko.txt --format tmx -o report.tmx
              tmkit align en.txt ko.txt --format jsonl | jq .
                  pairs with confidence, evidence and locations
              tmkit align en.md ko.md --format jsonl -o pairs.jsonl
              tmkit tm import pairs.jsonl --db work.sqlite
                  the pairs into the translation memory
              tmkit align --presegmented en.lines ko.lines --format tsv
                  files of one sentence a line
              tmkit align --presegmented --docs src.txt tgt.txt --format beads
                  many documents in each file, each after a line "%%DOC <id>"

            Paragraphs are aligned first, then the sentences inside them; when the
            paragraphs of the two files do not correspond, sentences are aligned
            across the whole document. Pairs rest on length (the ratio is learnt
            from the files), numbers (8만 = 80,000), names across scripts (김정은 =
            Kim Jong-un), words left in Latin letters, punctuation, glossary terms,
            and a word-translation model learnt from the files themselves when they
            are long enough. No network, no model download.

            Beads: 1-1, 2-1, 1-2, 2-2, 3-1, 1-3 (--wide-merges adds 3-2, 2-3, 4-1,
            1-4), and 1-0 or 0-1 for a sentence left out of, or added to, the
            translation. Each has a confidence from 0 to 1. A summary of the beads,
            the sentences left out or added and the pairs below --min-confidence
            goes to standard error.

            Formats:
              text   side by side (! marks a sentence left out or added, ? a doubt)
              tsv    source, target, confidence, bead, source indexes, target
                     indexes, source lines, target lines
              jsonl  a header line (schema tmkit.align/1), then a bead a line:
                     "src" and "tgt" texts, indexes, locations, confidence, evidence
              tmx    TMX 1.4b, one unit per pair, with its confidence
              beads  index pairs (the alignment evaluation harness's format)

            Files that plainly do not translate each other stop the command with
            the evidence (exit code 65) unless --force.
            """)

    @Argument(help: ArgumentHelp("The original document (text, Markdown, HTML).", valueName: "source-file"))
    var sourceFile: String

    @Argument(help: ArgumentHelp("Its translation.", valueName: "target-file"))
    var targetFile: String

    @Option(
        name: .customLong("source-lang"), help: ArgumentHelp("Language of the source, a BCP 47 tag (default: detected).", valueName: "tag"))
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: ArgumentHelp("Language of the target (default: detected).", valueName: "tag"))
    var targetLanguage: String?

    @Flag(help: "The files hold one sentence a line (a blank line ends a paragraph); do not segment.")
    var presegmented = false

    @Flag(help: "With --presegmented: each file holds many documents, each starting with a line '%%DOC <id>' (same ids, same order).")
    var docs = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, tsv, jsonl, tmx, beads
    }

    @Option(help: "Output: text, tsv, jsonl, tmx or beads.")
    var format: Format = .text

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write the result to a file (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Also write a side-by-side review page.", valueName: "file.html"))
    var html: String?

    @Option(
        name: .customLong("min-confidence"), help: ArgumentHelp("Pairs below this confidence are reported for review.", valueName: "0-1"))
    var minConfidence = 0.5

    @Flag(name: .customLong("wide-merges"), help: "Also allow 3-2, 2-3, 4-1 and 1-4 beads (lists, tables, very free translations).")
    var wideMerges = false

    @Flag(name: .customLong("no-paragraphs"), help: "Align sentences across the whole document; ignore paragraphs.")
    var noParagraphs = false

    @Option(
        name: .customLong("glossary"),
        help: ArgumentHelp("Also use the terms of this glossary (TBX, TSV, CSV or JSON) as evidence. Repeatable.", valueName: "file"))
    var glossaries: [String] = []

    @Flag(name: .customLong("no-shipped-glossary"), help: "Do not use the shipped glossaries as evidence.")
    var noShippedGlossary = false

    @Flag(help: "Align even files that do not look like translations of each other.")
    var force = false

    @Flag(name: .shortAndLong, help: "No summary on standard error (errors and warnings still go there).")
    var quiet = false

    @Option(
        name: .customLong("parameter"), parsing: .singleValue,
        help: ArgumentHelp("Set a search parameter, NAME=VALUE (for experiments).", valueName: "name=value", visibility: .hidden))
    var parameterOverrides: [String] = []

    @OptionGroup var input: InputOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        if docs && !presegmented {
            throw ValidationError("--docs reads collections of one sentence a line; add --presegmented")
        }
        if !(0...1).contains(minConfidence) {
            throw ValidationError("--min-confidence takes a number from 0 to 1, such as 0.5")
        }
    }

    func run() throws {
        let dataDirectory = try data.locate()
        let detector = try dataDirectory.sharedLocaleFile("scripts.tsv").map { try LanguageDetector(contentsOf: $0) }
        var sourceTag = try parseLanguage(sourceLanguage, option: "--source-lang")
        var targetTag = try parseLanguage(targetLanguage, option: "--target-lang")

        // Read both sides.
        let source: AlignInput
        let target: AlignInput
        if presegmented {
            source = try AlignInput.presegmented(sourceFile, collection: docs, lossy: input.lossy)
            target = try AlignInput.presegmented(targetFile, collection: docs, lossy: input.lossy)
            if sourceTag == nil { sourceTag = AlignInput.detect(source.sample, path: sourceFile, detector: detector) }
            if targetTag == nil { targetTag = AlignInput.detect(target.sample, path: targetFile, detector: detector) }
        } else {
            (source, sourceTag) = try AlignInput.segmented(
                sourceFile, language: sourceTag, options: input.readerOptions,
                data: dataDirectory, detector: detector)
            (target, targetTag) = try AlignInput.segmented(
                targetFile, language: targetTag, options: input.readerOptions,
                data: dataDirectory, detector: detector)
        }
        guard let sourceTag, let targetTag else { return }
        let pairs = try Self.pairDocuments(source, target)

        // The aligner.
        var parameters = AlignmentParameters()
        if wideMerges { parameters.allowWideMerges() }
        try AlignParameterOverrides.apply(parameterOverrides, to: &parameters)
        let sourceProfile = try AlignmentProfile.load(for: sourceTag, data: dataDirectory)
        let targetProfile = try AlignmentProfile.load(for: targetTag, data: dataDirectory)
        var anchorSources = SentenceAligner.standardAnchorSources(profiles: [sourceProfile, targetProfile])
        if let spotter = try termSpotter(data: dataDirectory) { anchorSources.append(TermAnchors(spotter: spotter)) }
        let sentences = SentenceAligner(source: sourceProfile, target: targetProfile, parameters: parameters, anchorSources: anchorSources)
        let documents = DocumentAligner(sentences: sentences)

        // Progress on standard error for long inputs: a line per phase, after the first second.
        var phases: [String: Progress] = [:]
        let report: (String, Int, Int) -> Void = { phase, done, total in
            let progress = phases[phase] ?? Progress("aligning: \(phase)", total: total, enabled: !quiet)
            phases[phase] = progress
            progress.update(done, unit: phase == "reading" ? "sentences" : total == 1 ? "" : "documents")
        }
        // Paragraphs first (each document's plan), then every document's sentences read at once.
        let plans = pairs.map { pair in
            documents.plan(source: pair.source, target: pair.target, useParagraphs: !noParagraphs)
        }
        let prepared = sentences.prepare(zip(pairs, plans).map { ($0.source, $0.target, $1.blocks) }, progress: report)
        var results = sentences.align(prepared, progress: report)
        if !presegmented {
            // Sentences the segmenter ran together (a heading and the first sentence) are cut
            // where both languages agree.
            let splitter = BeadSplitter(aligner: sentences)
            results = zip(results, prepared).map { splitter.refine($0, anchors: $1.anchors) }
        }
        phases.values.forEach { $0.finish() }

        // Plausibility: lengths far from what a translation would have, or no sign of translation.
        let sides = AlignmentSides(sourceFile: sourceFile, targetFile: targetFile, sourceLanguage: sourceTag, targetLanguage: targetTag)
        var notes: [String] = []
        for (k, result) in results.enumerated() {
            let name = pairs[k].id.map { "document \($0): " } ?? ""
            let verdict = TranslationCheck.assess(result)
            if let warning = verdict.lengthWarning(sides: sides) {
                Terminal.warning(name + warning)
                notes.append(name + warning)
            }
            if !verdict.isPlausible {
                let message = name + verdict.explanation(sides: sides)
                if force || pairs.count > 1 {
                    Terminal.warning(message)
                    notes.append(message)
                } else {
                    throw TMKitError(
                        .invalidData, message, hint: "check that the second file translates the first; --force aligns them anyway")
                }
            }
        }

        // Output.
        let sink = try output.map { try OutputSink.file($0) } ?? OutputSink.standardOutput()
        if format == .tmx {
            try AlignTMX.write(results, ids: pairs.map(\.id), sides: sides, to: sink)
        } else {
            let writer = AlignmentWriter(
                format: AlignmentFormat(rawValue: format.rawValue)!, sides: sides, lowConfidence: minConfidence,
                width: AlignSummary.terminalColumns,
                color: output == nil && Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            for (k, result) in results.enumerated() { try writer.write(result, id: pairs[k].id, to: sink) }
        }
        if let html {
            let page = try OutputSink.file(html)
            try page.write(
                HTMLReport(sides: sides, lowConfidence: minConfidence).render(
                    results.enumerated().map { (pairs[$0.offset].id, $0.element) }, notes: notes))
            try page.commit()
        }
        if format != .tmx { try sink.commit() }
        if !quiet {
            AlignSummary(sides: sides, lowConfidence: minConfidence, html: html).print(results, ids: pairs.map(\.id), plans: plans)
        }
    }

    /// The glossaries' term matcher, or nil when no glossary is in use.
    private func termSpotter(data: DataDirectory) throws -> GlossaryTermSpotter? {
        var loaded: [Glossary] = []
        if !noShippedGlossary { loaded += try ShippedGlossaries.load(from: data).map(\.glossary) }
        for file in glossaries {
            let read = try GlossaryFormat.read(guessingFrom: file)
            read.warnings.forEach { Terminal.warning($0.description) }
            loaded.append(read.glossary)
        }
        guard !loaded.isEmpty else { return nil }
        return GlossaryTermSpotter(matcher: try TermMatcher(glossaries: loaded, locales: TermLocales(data: data)))
    }

    /// Pairs the documents of the two sides by their ids (one pair without `--docs`).
    static func pairDocuments(_ source: AlignInput, _ target: AlignInput) throws -> [(
        id: String?, source: [AlignmentUnit], target: [AlignmentUnit]
    )] {
        if source.documents.count == 1 && target.documents.count == 1 && source.documents[0].id == nil {
            return [(nil, source.documents[0].units, target.documents[0].units)]
        }
        var byID: [String: Int] = [:]
        for (k, document) in target.documents.enumerated() { if let id = document.id { byID[id] = k } }
        var result: [(id: String?, source: [AlignmentUnit], target: [AlignmentUnit])] = []
        for document in source.documents {
            guard let id = document.id, let k = byID.removeValue(forKey: id) else {
                throw TMKitError(
                    .invalidData, "document '\(document.id ?? "")' is not in \(target.path)",
                    hint: "both collections need the same '%%DOC <id>' lines", file: source.path)
            }
            result.append((id, document.units, target.documents[k].units))
        }
        if let extra = byID.keys.sorted().first {
            throw TMKitError(
                .invalidData, "document '\(extra)' is not in \(source.path)",
                hint: "both collections need the same '%%DOC <id>' lines", file: target.path)
        }
        return result
    }
}
