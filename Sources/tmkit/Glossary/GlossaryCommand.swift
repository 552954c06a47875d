import ArgumentParser
import Foundation
import TMKitGlossary
import TMKitMemory
import TMKitText

/// `tmkit glossary`: find concepts by any spelling, scan documents for terms, and manage the
/// workspace's glossaries.
struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Look up and scan for terms in any spelling; import, export, list and remove glossaries.",
        discussion: """
            Examples:
              tmkit glossary lookup kwalliso            any spelling
              tmkit glossary lookup 관리소에서            Korean with particles
              tmkit glossary scan report.ko.txt         file:line:col of each term
              tmkit glossary import terms.tbx           into the workspace
              tmkit glossary import omegat.txt --format tsv --name client
              tmkit glossary export client --format tsv -o client.txt
              tmkit glossary list

            The shipped glossaries (Glossary/*.tbx in the data folder) are always there; glossaries imported into the workspace database (--db, default tmkit.sqlite) are used beside them.
            """,
        subcommands: [
            GlossaryLookupCommand.self, GlossaryScanCommand.self, GlossaryImportCommand.self,
            GlossaryExportCommand.self, GlossaryListCommand.self, GlossaryRemoveCommand.self,
        ])
}

/// Where the glossaries come from: shipped, workspace, and files named on the command line.
struct GlossarySourceOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp("The workspace database (default: env TMKIT_DB, else tmkit.sqlite if it exists).", valueName: "path"))
    var database: String?

    @Option(
        name: .customLong("glossary"),
        help: ArgumentHelp("Also use this glossary file (TBX, TSV, CSV or JSON) without importing it. Repeatable.", valueName: "file"))
    var files: [String] = []

    @Flag(name: .customLong("no-shipped"), help: "Leave out the shipped glossaries.")
    var noShipped = false

    @OptionGroup var data: DataOptions

    /// The glossaries in use and where each came from.
    func load() throws -> (glossaries: [Glossary], origins: [String], data: DataDirectory) {
        let dataDirectory = try data.locate()
        var glossaries: [Glossary] = []
        var origins: [String] = []
        if !noShipped {
            for loaded in try ShippedGlossaries.load(from: dataDirectory) {
                glossaries.append(loaded.glossary)
                origins.append("shipped")
            }
        }
        let path = Workspace.resolvePath(database)
        if database != nil || FileManager.default.fileExists(atPath: path) {
            let workspace = try Workspace(path: path, readOnly: true)
            for glossary in try GlossaryStore(workspace).all() {
                glossaries.append(glossary)
                origins.append("workspace")
            }
        }
        for file in files {
            let loaded = try GlossaryFormat.read(guessingFrom: file)
            loaded.warnings.forEach { Terminal.warning($0.description) }
            glossaries.append(loaded.glossary)
            origins.append(file)
        }
        return (glossaries, origins, dataDirectory)
    }
}

enum GlossaryFileFormat: String, ExpressibleByArgument, CaseIterable {
    case tbx, tsv, csv, json

    var format: GlossaryFormat { GlossaryFormat(rawValue: rawValue)! }
}

enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
