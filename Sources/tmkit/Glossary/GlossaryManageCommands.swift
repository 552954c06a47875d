import ArgumentParser
import Foundation
import TMKitGlossary
import TMKitMemory
import TMKitText

struct GlossaryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a glossary file into the workspace database (replacing one of the same name).",
        discussion: """
            Examples:
              tmkit glossary import client.tbx          TBX v3 or v2; name: client
              tmkit glossary import terms.txt --format tsv --name client
              tmkit glossary import terms.csv --source-lang en --target-lang ko

            The file is read whole before anything is written: a file with an error imports nothing. A term written twice in one concept is merged, and a term naming several concepts is reported, as warnings.
            """)

    @Argument(help: ArgumentHelp("The glossary file.", valueName: "file"))
    var file: String

    @Option(help: "Format: tbx, tsv, csv or json (default: from the file extension).")
    var format: GlossaryFileFormat?

    @Option(help: ArgumentHelp("The name to store it under (default: the file name without extension).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("source-lang"), help: ArgumentHelp("TSV/CSV: the language of the first column.", valueName: "tag"))
    var sourceLanguage = "en"

    @Option(name: .customLong("target-lang"), help: ArgumentHelp("TSV/CSV: the language of the second column.", valueName: "tag"))
    var targetLanguage = "ko"

    @Option(
        name: .customLong("db"), help: ArgumentHelp("The workspace database (default: env TMKIT_DB, else tmkit.sqlite).", valueName: "path")
    )
    var database: String?

    func run() throws {
        guard let chosen = format?.format ?? GlossaryFormat.guess(path: file) else {
            throw TMKitError(.usage, "cannot tell the format of '\(file)' from its name", hint: "pass --format tbx, tsv, csv or json")
        }
        let source = try parseLanguage(sourceLanguage, option: "--source-lang")!
        let target = try parseLanguage(targetLanguage, option: "--target-lang")!
        let loaded = try chosen.read(path: file, name: name, sourceLanguage: source, targetLanguage: target)
        loaded.warnings.forEach { Terminal.warning($0.description) }
        if loaded.glossary.concepts.isEmpty {
            throw TMKitError(.emptyInput, "the glossary has no entries", hint: "check the file and its --format", file: file)
        }
        let workspace = try Workspace(path: Workspace.resolvePath(database))
        let replaced = try GlossaryStore(workspace).save(loaded.glossary, sourceFile: file, format: chosen.rawValue)
        let g = loaded.glossary
        Terminal.note(
            "\(replaced ? "replaced" : "imported") glossary '\(g.name)': \(g.concepts.count) concepts, \(g.termCount) terms (\(g.languages.joined(separator: ", "))) in \(workspace.path)"
        )
    }
}

struct GlossaryExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a glossary (from the workspace or shipped) as TBX, TSV, CSV or JSON.",
        discussion: """
            Examples:
              tmkit glossary export client -o client.tbx        TBX v3, TBX-Basic
              tmkit glossary export nk-detention --format tsv   OmegaT glossary
              tmkit glossary export client --format json > client.json

            The name may be left out when there is only one glossary. A file given with -o appears only when it is complete.
            """)

    @Argument(help: ArgumentHelp("The glossary's name (see tmkit glossary list).", valueName: "name"))
    var name: String?

    @Option(help: "Format: tbx, tsv, csv or json.")
    var format: GlossaryFileFormat = .tbx

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("source-lang"), help: ArgumentHelp("TSV/CSV: the language of the first column.", valueName: "tag"))
    var sourceLanguage = "en"

    @Option(name: .customLong("target-lang"), help: ArgumentHelp("TSV/CSV: the language of the second column.", valueName: "tag"))
    var targetLanguage = "ko"

    @OptionGroup var sources: GlossarySourceOptions

    func run() throws {
        let source = try parseLanguage(sourceLanguage, option: "--source-lang")!
        let target = try parseLanguage(targetLanguage, option: "--target-lang")!
        let (glossaries, _, _) = try sources.load()
        let glossary: Glossary
        if let name {
            guard let found = glossaries.last(where: { $0.name == name }) else {
                let names = glossaries.map(\.name)
                throw TMKitError(
                    .notFound, "no glossary named '\(name)'",
                    hint: names.isEmpty ? "import one first" : "the glossaries are: \(names.joined(separator: ", "))")
            }
            glossary = found
        } else {
            guard glossaries.count == 1 else {
                throw TMKitError(
                    .usage, "name the glossary to export",
                    hint: "the glossaries are: \(glossaries.map(\.name).joined(separator: ", "))")
            }
            glossary = glossaries[0]
        }
        let sink = try OutputSink.file(output ?? "-")
        try format.format.write(glossary, to: sink, sourceLanguage: source.identifier, targetLanguage: target.identifier)
        try sink.commit()
    }
}

struct GlossaryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the glossaries in use: shipped ones and those imported into the workspace.",
        discussion: """
            Examples:
              tmkit glossary list
              tmkit glossary list --db work.sqlite --format json
            """)

    @Option(help: "Output: text or json.")
    var format: ListingFormat = .text

    @OptionGroup var sources: GlossarySourceOptions

    func run() throws {
        let (glossaries, origins, _) = try sources.load()
        let output = OutputSink.standardOutput()
        switch format {
        case .text:
            let width = max(12, (glossaries.map(\.name.count).max() ?? 0) + 2)
            for (glossary, origin) in zip(glossaries, origins) {
                let row =
                    glossary.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "\(origin)".padding(toLength: 11, withPad: " ", startingAt: 0)
                    + "\(glossary.concepts.count) concepts, \(glossary.termCount) terms (\(glossary.languages.joined(separator: ", ")))"
                try output.write(row + (glossary.header.title.map { " — \($0)" } ?? "") + "\n")
            }
            if glossaries.isEmpty { Terminal.note("no glossaries (import one with tmkit glossary import FILE)") }
        case .json:
            let items = zip(glossaries, origins).map { glossary, origin in
                JSON.object([
                    "name": JSON.quote(glossary.name), "origin": JSON.quote(origin),
                    "title": glossary.header.title.map(JSON.quote) ?? "null",
                    "concepts": String(glossary.concepts.count), "terms": String(glossary.termCount),
                    "languages": JSON.array(glossary.languages),
                ])
            }
            try output.write(
                JSON.object(["schema": JSON.quote("tmkit-glossary-list/1"), "glossaries": "[" + items.joined(separator: ",") + "]"]) + "\n")
        }
        try output.commit()
    }
}

struct GlossaryRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an imported glossary from the workspace database.",
        discussion: """
            Example:
              tmkit glossary remove client --db work.sqlite
            """)

    @Argument(help: ArgumentHelp("The glossary's name.", valueName: "name"))
    var name: String

    @Option(
        name: .customLong("db"), help: ArgumentHelp("The workspace database (default: env TMKIT_DB, else tmkit.sqlite).", valueName: "path")
    )
    var database: String?

    func run() throws {
        let path = Workspace.resolvePath(database)
        guard FileManager.default.fileExists(atPath: path) else {
            throw TMKitError(.fileNotFound, "no workspace database here", hint: "pass --db", file: path)
        }
        let store = GlossaryStore(try Workspace(path: path))
        guard try store.remove(named: name) else {
            let names = try store.list().map(\.name)
            throw TMKitError(
                .notFound, "no imported glossary named '\(name)'",
                hint: names.isEmpty ? "the workspace has no glossaries" : "the imported glossaries are: \(names.joined(separator: ", "))")
        }
        Terminal.note("removed glossary '\(name)' from \(path)")
    }
}
