import Foundation
import TMKitText

/// The glossaries TMKit ships in its data folder (`Glossary/*.tbx`): usable at once, with no
/// import step.
public enum ShippedGlossaries {
    /// The shipped glossary files, sorted by name.
    public static func paths(in data: DataDirectory) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: data.glossaryPath)) ?? []
        return names.filter { $0.hasSuffix(".tbx") }.sorted().map { data.glossaryPath + "/" + $0 }
    }

    /// Reads every shipped glossary.
    /// - Throws: `TMKitError` when a shipped file is broken (an installation problem).
    public static func load(from data: DataDirectory) throws -> [LoadedGlossary] {
        try paths(in: data).map { try TBXReader.read(path: $0) }
    }
}
