import ArgumentParser
import Foundation
import TMKitText

@main
struct TMKitCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tmkit",
        abstract: "Translation-memory toolkit: segment, align, check and reuse bilingual documents (English ⇄ Korean first).",
        discussion: """
        Typical work, start to finish:

          tmkit segment report.en.txt              one sentence a line
          tmkit segment --lang ko --format jsonl report.ko.md
          tmkit glossary lookup kwalliso           the concept behind a spelling
          tmkit align report.en.txt report.ko.txt  sentence pairs with scores
          tmkit check report.en.txt report.ko.txt  untranslated, omitted, terms,
                                                   numbers (--html review.html)
          tmkit tm import memory.tmx --db work.sqlite
          tmkit tm lookup "Camp No. 15 is in Yodok." --db work.sqlite

        Files may be plain text, Markdown or HTML (by extension, or
        --input-format); "-" reads standard input. Results go to standard
        output; messages and progress to standard error.

        Shipped data (Locales/, Glossary/) is found beside the binary or in the
        source checkout; --data-dir or TMKIT_DATA_DIR points elsewhere.

        Exit codes: 0 success; 1 check findings or nothing found; 64 usage
        error; 65 bad input data; 66 missing or unreadable input; 70 internal
        (ICU) failure; 74 I/O failure.
        """,
        version: "tmkit \(version) (ICU \(ICU.version))",
        subcommands: [SegmentCommand.self] + CommandRegistry.domainCommands
    )

    /// Runs the command; a `TMKitError` is printed as one line on standard error with its exit
    /// code, never as a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as TMKitError {
            Terminal.printError(error)
            Foundation.exit(Terminal.exitCode(for: error))
        } catch {
            exit(withError: error)
        }
    }
}
