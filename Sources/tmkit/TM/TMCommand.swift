import ArgumentParser
import Foundation
import TMKitFormats
import TMKitMemory
import TMKitText

/// `tmkit tm`: the translation memory (import, export, lookup, search, stats, dedupe).
struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Keep, reuse and exchange a translation memory (SQLite workspace, TMX 1.4b).",
        discussion: """
        Examples:
          tmkit tm import memory.tmx --db work.sqlite      TMX 1.1–1.4b, all or nothing
          tmkit tm import aligned.jsonl --db work.sqlite   the aligner's beads
          tmkit tm import pairs.tsv --source-lang en --target-lang ko
          tmkit tm lookup "The camp was closed." --db work.sqlite
          tmkit tm search 관리소 --db work.sqlite          concordance
          tmkit tm export --db work.sqlite -o memory.tmx --since 2024-01-01
          tmkit tm stats --db work.sqlite --format json
          tmkit tm dedupe --db work.sqlite --dry-run

        The database is --db PATH, else $TMKIT_DB, else tmkit.sqlite in the working
        directory; it is created on first import.
        """,
        subcommands: [TMImport.self, TMExport.self, TMLookup.self, TMSearch.self, TMStats.self, TMDedupe.self])
}

enum TMOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, tsv
}

/// The JSON schema version of `tmkit tm … --format json`.
let tmJSONSchema = "1"

struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The workspace database (default: $TMKIT_DB, else tmkit.sqlite here).", valueName: "path"))
    var db: String?

    var path: String { Workspace.resolvePath(db) }

    func open(readOnly: Bool) throws -> TranslationMemory {
        try TranslationMemory(path: path, readOnly: readOnly)
    }
}

struct LanguagePairOptions: ParsableArguments {
    @Option(name: .customLong("source-lang"), help: ArgumentHelp("Source language (BCP 47), such as en.", valueName: "tag"))
    var sourceLanguage: String?

    @Option(name: .customLong("target-lang"), help: ArgumentHelp("Target language (BCP 47), such as ko.", valueName: "tag"))
    var targetLanguage: String?

    /// Both tags validated and canonical.
    func validated() throws -> (source: String?, target: String?) {
        (try parseLanguage(sourceLanguage, option: "--source-lang")?.identifier,
         try parseLanguage(targetLanguage, option: "--target-lang")?.identifier)
    }
}

extension DuplicatePolicy: ExpressibleByArgument {}
extension SearchSide: ExpressibleByArgument {}

struct TMImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import TMX, the aligner's JSONL beads, or TSV pairs into the memory.",
        discussion: """
        Each file is one transaction: a file with an error anywhere (bad XML, a
        bad line) adds nothing, and other commands reading the workspace
        meanwhile see it as it was. (The first import into a new, empty
        workspace writes its pages once, straight into the file; a command
        reading that workspace meanwhile waits for it, up to 10 s.) TMX: each
        <tu> gives one unit per target language; the source is --source-lang,
        else the unit's srclang, else the header's; --target-lang keeps one
        target; --all-pairs takes every ordered pair. Inline codes, props, notes
        and dates are kept.

        JSONL (one bead a line):
        {"src":["…"],"tgt":["…"],"score":0.9,"srcLang":"en","tgtLang":"ko"} with
        optional "document", "paragraph", "sentence". TSV:
        source<TAB>target[<TAB>score] with --source-lang and --target-lang.

        Duplicates (same languages, source and target with codes): --duplicates skip
        (default) leaves them out, keep stores them again, overwrite updates the
        stored unit's metadata.
        """)

    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case tmx, jsonl, tsv }

    @Argument(help: ArgumentHelp("TMX, JSONL or TSV files.", valueName: "file"))
    var files: [String]

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var languages: LanguagePairOptions

    @Option(name: .customLong("input-format"), help: "tmx, jsonl or tsv (default: from the extension).")
    var inputFormat: InputFormat?

    @Flag(name: .customLong("all-pairs"), help: "TMX: import every ordered pair of languages of each unit.")
    var allPairs = false

    @Option(help: "What to do with duplicates: skip, keep or overwrite.")
    var duplicates: DuplicatePolicy = .skip

    @Option(help: ArgumentHelp("The document to record as the units' origin.", valueName: "name"))
    var document: String?

    @Option(help: "Output: text, json or tsv.")
    var format: TMOutputFormat = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("give a file to import (example: tmkit tm import memory.tmx --db work.sqlite)") }
    }

    func run() throws {
        let (source, target) = try languages.validated()
        // Check the inputs before the database is created.
        for file in files { try TextFile.checkReadable(file) }
        let memory = try database.open(readOnly: false)
        var summaries: [ImportSummary] = []
        for file in files {
            let progress = Progress("importing \(file)", enabled: true)
            var options = ImportOptions(duplicates: duplicates, sourceLanguage: source, targetLanguage: target, allPairs: allPairs,
                                        document: document)
            options.progress = { progress.update($0, unit: "units read") }
            let kind = inputFormat ?? Self.guess(file)
            let summary: ImportSummary
            switch kind {
            case .tmx: summary = try memory.importTMX(path: file, options: options)
            case .jsonl: summary = try memory.importJSONL(path: file, options: options)
            case .tsv: summary = try memory.importTSV(path: file, options: options)
            }
            progress.finish()
            for warning in summary.warnings { Terminal.warning(warning.description) }
            summaries.append(summary)
        }
        let output = OutputSink.standardOutput()
        switch format {
        case .text:
            for s in summaries {
                var parts = ["\(s.read) read"]
                if s.skippedDuplicates > 0 { parts.append("\(s.skippedDuplicates) duplicates skipped") }
                if s.overwritten > 0 { parts.append("\(s.overwritten) duplicates overwritten") }
                if s.withoutPair > 0 { parts.append("\(s.withoutPair) without a language pair") }
                if !s.warnings.isEmpty { parts.append("\(s.warnings.count) kinds of warning") }
                try output.write("\(s.source): imported \(s.imported) units (\(parts.joined(separator: ", ")))\n")
            }
        case .json:
            let items = summaries.map { s in
                JSON.object([
                    "file": JSON.quote(s.source), "read": String(s.read), "imported": String(s.imported),
                    "skippedDuplicates": String(s.skippedDuplicates), "overwritten": String(s.overwritten),
                    "withoutPair": String(s.withoutPair), "warnings": JSON.array(s.warnings.map(\.description)),
                ])
            }
            try output.write(JSON.object(["schema": tmJSONSchema, "files": "[" + items.joined(separator: ",") + "]"]) + "\n")
        case .tsv:
            try output.write("file\tread\timported\tskipped_duplicates\toverwritten\twithout_pair\n")
            for s in summaries {
                try output.write("\(TSV.field(s.source))\t\(s.read)\t\(s.imported)\t\(s.skippedDuplicates)\t\(s.overwritten)\t\(s.withoutPair)\n")
            }
        }
        try output.commit()
    }

    static func guess(_ path: String) -> InputFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": return .jsonl
        case "tsv", "tab", "txt": return .tsv
        default: return .tmx
        }
    }
}

struct TMExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the memory (or part of it) as TMX 1.4b.",
        discussion: """
        The file validates against the TMX 1.4 DTD and appears only when complete.
        Inline codes, props, notes, dates and users come back as they were imported;
        origin and score are written as x-tmkit:* props. Characters XML 1.0 cannot
        carry (control characters) are left out and counted on standard error.

        Examples:
          tmkit tm export --db work.sqlite -o memory.tmx
          tmkit tm export --db work.sqlite --source-lang en --target-lang ko \\
              --since 2024-01-01 -o new.tmx
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var languages: LanguagePairOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The TMX file to write (- for standard output).", valueName: "file.tmx"))
    var output: String = "-"

    @Option(help: ArgumentHelp("Only units from this document.", valueName: "name"))
    var document: String?

    @Option(help: ArgumentHelp("Only units changed on or after this date (2024-05-01 or 20240501T000000Z).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only units changed before this date.", valueName: "date"))
    var until: String?

    func run() throws {
        let (source, target) = try languages.validated()
        func date(_ value: String?, _ option: String) throws -> String? {
            guard let value else { return nil }
            guard let parsed = TMXDate.parse(userDate: value) else {
                throw TMKitError(.usage, "\(option): '\(value)' is not a date", hint: "write 2024-05-01 or 20240501T120000Z")
            }
            return parsed
        }
        let filter = UnitFilter(sourceLanguage: source, targetLanguage: target, document: document,
                                since: try date(since, "--since"), until: try date(until, "--until"))
        let memory = try database.open(readOnly: true)
        let sink = try OutputSink.file(output)
        let progress = Progress("exporting", enabled: true)
        let summary = try memory.exportTMX(to: sink, filter: filter, creationToolVersion: TMKitCommand.version) {
            progress.update($0, unit: "units written")
        }
        progress.finish()
        if summary.droppedCharacters > 0 {
            Terminal.warning("\(summary.droppedCharacters) characters that XML 1.0 cannot carry (control characters) were left out of \(summary.unitsWithDroppedCharacters) units, such as \(summary.exampleUnits.prefix(5).joined(separator: ", "))")
        }
        Terminal.note("exported \(summary.units) units to \(output == "-" ? "standard output" : output)")
    }
}

struct TMLookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Find exact and fuzzy matches for a sentence.",
        discussion: """
        Scores as CAT tools show them: 100 the same text; 99 the same apart from
        case, width or spacing; below that, character-level Levenshtein similarity
        in percent of the longer text (works for Korean, where particles attach to
        words). Exit code 1 when nothing reaches the threshold.

        Examples:
          tmkit tm lookup "Human rights in the camps" --db work.sqlite
          tmkit tm lookup "정치범 수용소" --source-lang ko --threshold 60 --format json
        """)

    @Argument(help: "The sentence to look up.")
    var text: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var languages: LanguagePairOptions

    @Option(help: "The lowest score to show (0–100).")
    var threshold: Int = 70

    @Option(help: "How many matches to show at most.")
    var limit: Int = 5

    @Option(help: "Output: text, json or tsv.")
    var format: TMOutputFormat = .text

    func validate() throws {
        if !(0...100).contains(threshold) { throw ValidationError("--threshold is a percentage from 0 to 100") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let (source, target) = try languages.validated()
        let memory = try database.open(readOnly: true)
        let matches = try memory.lookup(text, options: LookupOptions(sourceLanguage: source, targetLanguage: target,
                                                                    threshold: threshold, limit: limit))
        let output = OutputSink.standardOutput()
        switch format {
        case .text:
            for match in matches {
                try output.write("\(match.score)%\t\(match.unit.source.plainText)\n\t→ \(match.unit.target.plainText)\n")
            }
        case .json:
            let items = matches.map { m in
                JSON.object([
                    "score": String(m.score), "id": String(m.unit.id ?? 0), "tuid": m.unit.tuid.map(JSON.quote) ?? "null",
                    "sourceLang": JSON.quote(m.unit.sourceLanguage), "targetLang": JSON.quote(m.unit.targetLanguage),
                    "source": JSON.quote(m.unit.source.plainText), "target": JSON.quote(m.unit.target.plainText),
                    "document": m.unit.origin?.document.map(JSON.quote) ?? "null",
                ])
            }
            try output.write(JSON.object(["schema": tmJSONSchema, "query": JSON.quote(text), "matches": "[" + items.joined(separator: ",") + "]"]) + "\n")
        case .tsv:
            for m in matches {
                try output.write("\(m.score)\t\(TSV.field(m.unit.source.plainText))\t\(TSV.field(m.unit.target.plainText))\n")
            }
        }
        try output.commit()
        if matches.isEmpty {
            Terminal.note("no match of \(threshold)% or more")
            throw ExitCode(1)
        }
    }
}

struct TMSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Concordance: units whose source or target holds a word or phrase, with context.",
        discussion: """
        Case-insensitive. Exit code 1 when nothing is found.

        Examples:
          tmkit tm search "prison camp" --db work.sqlite
          tmkit tm search 수용소 --in target --limit 50 --format tsv
        """)

    @Argument(help: "The word or phrase.")
    var phrase: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var languages: LanguagePairOptions

    @Option(name: .customLong("in"), help: "Where to look: source, target or both.")
    var side: SearchSide = .both

    @Option(help: "How many units to show at most.")
    var limit: Int = 20

    @Option(help: "Output: text, json or tsv.")
    var format: TMOutputFormat = .text

    func run() throws {
        let (source, target) = try languages.validated()
        let memory = try database.open(readOnly: true)
        let hits = try memory.search(phrase, side: side, filter: UnitFilter(sourceLanguage: source, targetLanguage: target), limit: limit)
        let output = OutputSink.standardOutput()
        let bold = Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        for hit in hits {
            let matched = hit.side == .source ? hit.unit.source.plainText : hit.unit.target.plainText
            let other = hit.side == .source ? hit.unit.target.plainText : hit.unit.source.plainText
            switch format {
            case .text:
                try output.write("\(hit.side.rawValue == "source" ? hit.unit.sourceLanguage : hit.unit.targetLanguage)\t\(Self.highlight(matched, hit.byteRange, bold: bold))\n")
                try output.write("\(hit.side.rawValue == "source" ? hit.unit.targetLanguage : hit.unit.sourceLanguage)\t\(other)\n\n")
            case .tsv:
                try output.write("\(hit.side.rawValue)\t\(hit.byteRange.map { "\($0.lowerBound)" } ?? "")\t\(hit.byteRange.map { "\($0.upperBound)" } ?? "")\t\(TSV.field(hit.unit.source.plainText))\t\(TSV.field(hit.unit.target.plainText))\n")
            case .json:
                try output.write(JSON.object([
                    "schema": tmJSONSchema, "id": String(hit.unit.id ?? 0), "side": JSON.quote(hit.side.rawValue),
                    "start": hit.byteRange.map { String($0.lowerBound) } ?? "null", "end": hit.byteRange.map { String($0.upperBound) } ?? "null",
                    "sourceLang": JSON.quote(hit.unit.sourceLanguage), "targetLang": JSON.quote(hit.unit.targetLanguage),
                    "source": JSON.quote(hit.unit.source.plainText), "target": JSON.quote(hit.unit.target.plainText),
                    "document": hit.unit.origin?.document.map(JSON.quote) ?? "null",
                ]) + "\n")
            }
        }
        try output.commit()
        if hits.isEmpty {
            Terminal.note("'\(phrase)' was not found")
            throw ExitCode(1)
        }
    }

    /// The text with the match in [brackets] (bold on a terminal).
    static func highlight(_ text: String, _ range: Range<Int>?, bold: Bool) -> String {
        guard let range else { return text }
        let bytes = Array(text.utf8)
        let open = bold ? "\u{1B}[1m" : "["
        let close = bold ? "\u{1B}[0m" : "]"
        return String(decoding: bytes[..<range.lowerBound], as: UTF8.self) + open
            + String(decoding: bytes[range], as: UTF8.self) + close + String(decoding: bytes[range.upperBound...], as: UTF8.self)
    }
}

struct TMStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Figures about the memory: units, language pairs, documents, duplicates.",
        discussion: "Example: tmkit tm stats --db work.sqlite --format json")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output: text, json or tsv.")
    var format: TMOutputFormat = .text

    func run() throws {
        let stats = try database.open(readOnly: true).statistics()
        let output = OutputSink.standardOutput()
        switch format {
        case .text:
            try output.write("units: \(stats.units)\n")
            for pair in stats.pairs { try output.write("  \(pair.sourceLanguage) → \(pair.targetLanguage): \(pair.units)\n") }
            try output.write("documents: \(stats.documents)\nimports: \(stats.imports)\nduplicates: \(stats.duplicates)\n")
            if let oldest = stats.oldest, let newest = stats.newest { try output.write("dates: \(oldest) to \(newest)\n") }
            try output.write("file: \(stats.fileBytes) bytes\n")
        case .json:
            let pairs = stats.pairs.map {
                JSON.object(["sourceLang": JSON.quote($0.sourceLanguage), "targetLang": JSON.quote($0.targetLanguage), "units": String($0.units)])
            }
            try output.write(JSON.object([
                "schema": tmJSONSchema, "units": String(stats.units), "pairs": "[" + pairs.joined(separator: ",") + "]",
                "documents": String(stats.documents), "imports": String(stats.imports), "duplicates": String(stats.duplicates),
                "oldest": stats.oldest.map(JSON.quote) ?? "null", "newest": stats.newest.map(JSON.quote) ?? "null",
                "fileBytes": String(stats.fileBytes),
            ]) + "\n")
        case .tsv:
            try output.write("source_lang\ttarget_lang\tunits\n")
            for pair in stats.pairs { try output.write("\(pair.sourceLanguage)\t\(pair.targetLanguage)\t\(pair.units)\n") }
        }
        try output.commit()
    }
}

struct TMDedupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Remove duplicate units (same languages, source and target with codes), keeping the most recently changed.",
        discussion: "Example: tmkit tm dedupe --db work.sqlite --dry-run")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .customLong("dry-run"), help: "Only count what would be removed.")
    var dryRun = false

    @Option(help: "Output: text, json or tsv.")
    var format: TMOutputFormat = .text

    func run() throws {
        let memory = try database.open(readOnly: dryRun)
        let removed = try memory.removeDuplicates(dryRun: dryRun)
        let output = OutputSink.standardOutput()
        switch format {
        case .text: try output.write(dryRun ? "\(removed) duplicates would be removed\n" : "\(removed) duplicates removed\n")
        case .json: try output.write(JSON.object(["schema": tmJSONSchema, "dryRun": dryRun ? "true" : "false", "removed": String(removed)]) + "\n")
        case .tsv: try output.write("removed\n\(removed)\n")
        }
        try output.commit()
    }
}
