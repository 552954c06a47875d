import ArgumentParser
import Foundation
import TMKitChecks
import TMKitFormats
import TMKitText

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a translation: untranslated, omitted, wrong or inconsistent terms, numbers, form.",
        discussion: """
        Examples:
          tmkit check report.en.md report.ko.md            align the two documents, then check every pair
          tmkit check --presegmented en.txt ko.txt         line i of ko.txt translates line i of en.txt
          tmkit check project.xlf                          a bilingual XLIFF 1.2 or 2.x file from a CAT tool
          tmkit check memory.tmx                           the units of a TMX file
          tmkit check --memory --db work.sqlite            the workspace translation memory
          tmkit check --format json en.md ko.md > findings.json
          tmkit check --html review.html en.md ko.md       side-by-side report, filterable by check and severity
          tmkit check --strict en.md ko.md                 exit 1 on warnings too (for CI)
          tmkit check --only numbers,untranslated en.txt ko.txt
          tmkit check --glossary our-terms.tbx en.md ko.md  terms from our glossary too (the shipped one is always used)
          tmkit check --list-checks                        every check id with its default severity

        Findings go to standard output, one a line, compiler style, with the two segments below:
          report.ko.md:14:9: error: [numbers.mismatch] the source says 80,000 but the translation says 8천 (= 8,000): make the numbers agree
        The summary goes to standard error.

        A project file tmkit-check.json in the working directory (or --config FILE) switches checks
        off or sets their severity, adds glossaries, and lists findings a reviewer accepted by their
        signature (shown by --show-signatures, --format json and the HTML report):
          { "schemaVersion": 1,
            "checks": { "form.double-space": "off", "form.repeated-word": "info" },
            "ignore": [ { "signature": "3fa2c4b19d0e7a11", "reason": "the name stays in English" } ] }

        Exit codes: 0 no errors (no warnings with --strict); 1 findings that fail the run;
        64 usage; 65 malformed input or configuration; 66 missing or unreadable file.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The source and target documents, or one bilingual XLIFF or TMX file.", valueName: "file"))
    var files: [String] = []

    @Flag(help: "The two files are line-aligned: line i of the target translates line i of the source.")
    var presegmented = false

    @Option(name: .customLong("source-lang"), help: ArgumentHelp("The source language (default: from the file, or detected).", valueName: "tag"))
    var sourceLang: String?

    @Option(name: .customLong("target-lang"), help: ArgumentHelp("The target language (default: from the file, or detected).", valueName: "tag"))
    var targetLang: String?

    @Option(help: ArgumentHelp("Findings on standard output as text (compiler style) or json.", valueName: "format"))
    var format: Format = .text

    @Option(help: ArgumentHelp("Also write a side-by-side HTML report to this file.", valueName: "file.html"))
    var html: String?

    @Option(help: ArgumentHelp("A glossary to check terms against, besides the shipped one (TBX, TSV, CSV or JSON); repeatable.",
                               valueName: "file"))
    var glossary: [String] = []

    @Flag(name: .customLong("no-shipped-glossary"), help: "Do not use the shipped glossary (Glossary/*.tbx).")
    var noGlossary = false

    @Flag(help: "Check the workspace memory (--db) instead of files.")
    var memory = false

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Fail (exit 1) on warnings too, not only on errors.")
    var strict = false

    @Option(help: ArgumentHelp("The project configuration (default: tmkit-check.json in the working directory, if present).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Run only these checks or families, comma-separated (numbers,untranslated.empty).", valueName: "ids"))
    var only: String?

    @Option(help: ArgumentHelp("Skip these checks or families, comma-separated.", valueName: "ids"))
    var skip: String?

    @Flag(name: .customLong("show-signatures"), help: "Print each finding's signature (for the ignore list) in text output.")
    var showSignatures = false

    @Flag(help: "Text output: one line a finding, without the two segments.")
    var brief = false

    @Flag(name: .customLong("list-checks"), help: "List every check with its id and default severity, and exit.")
    var listChecks = false

    @OptionGroup var input: InputOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        if listChecks { return }
        if memory {
            if !files.isEmpty { throw ValidationError("--memory checks the workspace memory: give no files with it") }
            return
        }
        if files.isEmpty {
            throw ValidationError("give the source and the target file, or one XLIFF or TMX file (example: tmkit check report.en.md report.ko.md)")
        }
        if files.count > 2 {
            throw ValidationError("give at most two files: the source and its translation (got \(files.count))")
        }
        if files.count == 1 && presegmented {
            throw ValidationError("--presegmented needs two line-aligned files, the source and the target")
        }
        for list in [only, skip].compactMap({ $0 }) {
            for id in Self.ids(list) where !CheckRegistry.isKnown(id) {
                throw ValidationError("unknown check '\(id)' (tmkit check --list-checks shows the ids)")
            }
        }
    }

    static func ids(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        if listChecks {
            let output = OutputSink.standardOutput()
            for d in CheckRegistry.descriptors {
                let needs = d.needsGlossary ? " (needs a glossary)" : d.requiresTargetFeatures.isEmpty ? "" : " (target language with \(d.requiresTargetFeatures.sorted().joined(separator: ", ")))"
                try output.write("\(d.id.padding(toLength: 24, withPad: " ", startingAt: 0)) \(d.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.summary)\(needs)\n")
            }
            try output.commit()
            return
        }
        let dataDirectory = try data.locate()
        // The configuration first: a broken project file stops the run before any work.
        let configuration = try CheckConfiguration.load(path: config)
        // The glossary next: one that does not load stops the run rather than checking without it.
        let terms = noGlossary && glossary.isEmpty && configuration.glossaries.isEmpty ? nil
            : try GlossaryTermIndex.load(data: dataDirectory, shipped: !noGlossary, extra: configuration.glossaries + glossary)
        let loader = CheckInputLoader(dataDirectory: dataDirectory, input: input, sourceLang: try parseLanguage(sourceLang, option: "--source-lang"),
                                      targetLang: try parseLanguage(targetLang, option: "--target-lang"), terms: terms)
        let loaded = try memory ? loader.loadMemory(try database.open(readOnly: true), path: database.path)
            : loader.load(files: files, presegmented: presegmented)
        let context = try CheckContext.load(source: loaded.input.sourceLanguage, target: loaded.input.targetLanguage, data: dataDirectory, terms: terms)
        let runner = CheckRunner(context: context, configuration: configuration, only: Self.ids(only), skip: Self.ids(skip))
        let result = runner.run(loaded.input.pairs)

        // The HTML file first (atomically): if it cannot be written, say so before printing.
        if let html {
            let sink = try OutputSink.file(html)
            try HTMLReport().write(result, input: loaded.input, pairs: loaded.input.pairs, to: sink)
            try sink.commit()
        }
        let output = OutputSink.standardOutput()
        switch format {
        case .text:
            let color = Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            try TextReport(color: color, showContext: !brief, showSignatures: showSignatures).write(result, input: loaded.input, to: output)
        case .json:
            try JSONReport.write(result, input: loaded.input, pairs: loaded.input.pairs, to: output)
        }
        try output.commit()

        for entry in result.unusedIgnores {
            let place = configuration.path.map { "\($0)" + (entry.line.map { ":\($0)" } ?? "") + ": " } ?? ""
            Terminal.note("\(place)ignore entry \(entry.signature) matched no finding (the text changed or the fault was fixed): remove it")
        }
        Terminal.note(TextReport.summary(result) + (html.map { "; HTML report in \($0)" } ?? ""))
        if result.fails(strict: strict) { throw ExitCode(1) }
    }
}
