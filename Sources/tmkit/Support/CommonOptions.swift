import ArgumentParser
import TMKitText

/// Options every subcommand that reads shipped data takes.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "The folder holding Locales/ and Glossary/ (default: found beside the binary or in the checkout; env TMKIT_DATA_DIR).",
        valueName: "dir"))
    var dataDirectory: String?

    func locate() throws -> DataDirectory {
        try DataDirectory.locate(explicit: dataDirectory)
    }
}

/// How input documents are read.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("input-format"), help: "Input format: text, markdown or html (default: from the file extension).")
    var inputFormat: DocumentFormat?

    @Flag(name: .customLong("one-per-line"), help: "Plain text: every line is a paragraph (default: blank lines separate paragraphs).")
    var onePerLine = false

    @Flag(help: "Replace invalid UTF-8 with U+FFFD and warn, instead of stopping.")
    var lossy = false

    var readerOptions: DocumentReader.Options {
        DocumentReader.Options(format: inputFormat, onePerLine: onePerLine, lossy: lossy)
    }
}

extension DocumentFormat: ExpressibleByArgument {}

extension LanguageTag: ExpressibleByArgument {
    public init?(argument: String) {
        try? self.init(argument)
    }
}

/// Parses a `--lang` value with the full error (ArgumentParser's own message would not say why).
func parseLanguage(_ value: String?, option: String = "--lang") throws -> LanguageTag? {
    guard let value else { return nil }
    do {
        return try LanguageTag(value)
    } catch var error as TMKitError {
        error.message = "\(option): " + error.message
        error.code = .usage
        throw error
    }
}
