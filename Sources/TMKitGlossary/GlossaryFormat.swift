import Foundation
import TMKitText

/// The file formats a glossary can be read from and written to.
public enum GlossaryFormat: String, CaseIterable, Sendable {
    /// TBX v3 (written as TBX-Basic, DCA style); TBX v2 is read too.
    case tbx
    /// OmegaT's tab-separated `source<TAB>target<TAB>comment`.
    case tsv
    /// The same columns, comma-separated.
    case csv
    /// TMKit's lossless JSON.
    case json

    /// The format a file name suggests (`.tbx`, `.tsv`, `.txt`, `.csv`, `.json`), or nil.
    public static func guess(path: String) -> GlossaryFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "tbx", "xml": return .tbx
        case "tsv", "tab", "txt", "utf8": return .tsv
        case "csv": return .csv
        case "json": return .json
        default: return nil
        }
    }

    /// Reads a glossary file in the format its name suggests (`guess(path:)`).
    /// - Throws: `TMKitError` `.usage` naming the file when the name suggests no format; the
    ///   reader's errors otherwise.
    public static func read(guessingFrom path: String) throws -> LoadedGlossary {
        guard let format = guess(path: path) else {
            throw TMKitError(.usage, "cannot tell the glossary format from the file's name",
                             hint: "name it .tbx, .tsv, .csv or .json", file: path)
        }
        return try format.read(path: path)
    }

    /// Reads a glossary file.
    /// - Parameters:
    ///   - sourceLanguage, targetLanguage: the columns' languages for TSV and CSV.
    public func read(
        path: String, name: String? = nil, sourceLanguage: LanguageTag = .english,
        targetLanguage: LanguageTag = .korean
    ) throws -> LoadedGlossary {
        switch self {
        case .tbx: return try TBXReader.read(path: path, name: name)
        case .tsv:
            return try DelimitedGlossary.read(
                path: path, separator: .tab, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, name: name)
        case .csv:
            return try DelimitedGlossary.read(
                path: path, separator: .comma, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, name: name)
        case .json: return try GlossaryJSON.read(path: path, name: name)
        }
    }

    /// Writes a glossary to a sink (not committed: the caller commits when all is written).
    public func write(_ glossary: Glossary, to sink: OutputSink, sourceLanguage: String = "en", targetLanguage: String = "ko") throws {
        switch self {
        case .tbx: try TBXWriter.write(glossary, to: sink)
        case .tsv:
            try DelimitedGlossary.write(glossary, separator: .tab, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, to: sink)
        case .csv:
            try DelimitedGlossary.write(
                glossary, separator: .comma, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, to: sink)
        case .json:
            try sink.write(bytes: Array(try GlossaryJSON.data(glossary)))
            try sink.write("\n")
        }
    }
}
