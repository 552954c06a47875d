import Foundation

/// The folder holding TMKit's shipped data: `Locales/` (per-language rules) and `Glossary/`.
///
/// Found without flags, in this order:
/// 1. an explicit path (`--data-dir`), then the `TMKIT_DATA_DIR` environment variable;
/// 2. the resource bundle SwiftPM copies beside the binary (`TMKit_TMKitText.resources`), which
///    covers `swift run`, the build folder, and an installed binary copied with its bundle;
/// 3. `<prefix>/share/tmkit` for a binary installed as `<prefix>/bin/tmkit`;
/// 4. the source checkout the binary was built in (walking up from the binary to `Package.swift`).
///
/// `Bundle.module` is not used: it traps when the bundle is missing, and a tool must say what is
/// wrong instead.
public struct DataDirectory: Sendable, Equatable {
    /// The folder that contains `Locales/` and `Glossary/`.
    public let path: String

    /// The environment variable that overrides the search.
    public static let environmentVariable = "TMKIT_DATA_DIR"
    static let bundleName = "TMKit_TMKitText.resources"

    public init(validating path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path + "/Locales", isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TMKitError(.notFound, "'\(path)' is not a TMKit data folder: it has no Locales/ folder",
                             hint: "point --data-dir or \(Self.environmentVariable) at the folder that holds Locales/ and Glossary/")
        }
        self.path = path
    }

    /// Finds the data folder (see the type's documentation for the order).
    /// - Throws: `TMKitError` `.notFound` listing where it looked.
    public static func locate(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DataDirectory {
        if let explicit { return try DataDirectory(validating: explicit) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return try DataDirectory(validating: fromEnvironment)
        }
        var tried: [String] = []
        for candidate in candidates() {
            tried.append(candidate)
            if let found = try? DataDirectory(validating: candidate) { return found }
        }
        throw TMKitError(.notFound, "cannot find TMKit's data (Locales/, Glossary/); looked in \(tried.joined(separator: ", "))",
                         hint: "pass --data-dir or set \(environmentVariable)")
    }

    static func candidates() -> [String] {
        var result: [String] = []
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        let binDirectory = (executable as NSString).deletingLastPathComponent
        if !binDirectory.isEmpty {
            result.append(binDirectory + "/" + bundleName)
            result.append(((binDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/tmkit"))
            // Walk up from the binary to a checkout (.build/<triple>/debug/tmkit → repository).
            var directory = binDirectory
            for _ in 0..<6 {
                if FileManager.default.fileExists(atPath: directory + "/Package.swift") {
                    result.append(directory)
                    break
                }
                let parent = (directory as NSString).deletingLastPathComponent
                if parent == directory || parent.isEmpty { break }
                directory = parent
            }
        }
        // The checkout this file was compiled in (tests, and binaries that never moved).
        let compiledIn = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Data
            .deletingLastPathComponent()  // TMKitText
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent().path
        result.append(compiledIn)
        return result
    }

    public var localesPath: String { path + "/Locales" }
    public var glossaryPath: String { path + "/Glossary" }

    /// The path of a per-language data file, trying the tag's fallbacks (`ko-KP`, then `ko`),
    /// or nil when no language folder has it.
    public func localeFile(_ name: String, for language: LanguageTag) -> String? {
        for tag in language.fallbacks {
            let candidate = "\(localesPath)/\(tag)/\(name)"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A file directly in `Locales/` (shared across languages, such as `scripts.tsv`).
    public func sharedLocaleFile(_ name: String) -> String? {
        let candidate = "\(localesPath)/\(name)"
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }
}
