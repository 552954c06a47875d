import Foundation
import TMKitText

/// The per-language data that drives term matching, read from `Locales/<lang>/`: which endings
/// may follow a term (English plurals, Korean particles), whether a term may end a longer word,
/// North/South spelling variants, and romanization systems.
///
/// Nothing here knows a language by name: a language folder with a `term-matching.tsv` gets
/// exactly what that file asks for, and a language without one is matched by folding alone
/// (case, accents, hyphens, spaces, apostrophes). See `Locales/ko/term-matching.tsv`.
public final class TermLocales: @unchecked Sendable {
    /// The data folder, or nil for matching without per-language data.
    public let data: DataDirectory?
    private var profiles: [String: LanguageProfile] = [:]
    /// Profiles by the settings file they were read from: `ko-KP` and `ko-KR` fall back to
    /// `Locales/ko/` and read the same files as `ko`.
    private var profilesByFile: [String: LanguageProfile] = [:]
    private let lock = NSLock()

    /// Matching data from a data folder.
    public init(data: DataDirectory) {
        self.data = data
    }

    /// No per-language data: folding only.
    public init() {
        self.data = nil
    }

    /// The profile for a language (`ko-KP` uses `Locales/ko-KP/` if it exists, else `Locales/ko/`).
    /// - Throws: `TMKitError` for a data file that does not parse, with its file and line.
    public func profile(for language: String) throws -> LanguageProfile {
        lock.lock()
        defer { lock.unlock() }
        if let cached = profiles[language] { return cached }
        let profile = try load(language)
        profiles[language] = profile
        return profile
    }

    private func load(_ language: String) throws -> LanguageProfile {
        guard let data, let tag = try? LanguageTag(language),
            let settingsPath = data.localeFile("term-matching.tsv", for: tag)
        else { return LanguageProfile(language: language) }
        if var known = profilesByFile[settingsPath] {
            known.language = language
            return known
        }
        let folder = (settingsPath as NSString).deletingLastPathComponent
        var profile = LanguageProfile(language: language)
        let settings = try Self.readSettings(settingsPath)
        func int(_ key: String) throws -> Int? {
            guard let (value, line) = settings[key] else { return nil }
            guard let n = Int(value), n >= 0 else {
                throw TMKitError(.invalidData, "\(key) must be a whole number, not '\(value)'", file: settingsPath, line: line)
            }
            return n
        }
        if let (file, _) = settings["suffixes"] {
            profile.suffixes = try Self.readSuffixes(folder + "/" + file)
        }
        if let (name, line) = settings["suffix-kind"] {
            guard let kind = MatchKind(name: name) else {
                throw TMKitError(
                    .invalidData, "unknown suffix-kind '\(name)'", hint: "use plural or particle", file: settingsPath, line: line)
            }
            profile.suffixKind = kind
        }
        profile.maxSuffixes = try int("max-suffixes") ?? (profile.suffixes.isEmpty ? 0 : 1)
        profile.minStem = try int("min-stem") ?? 1
        profile.compoundHead = try int("compound-head")
        if let (file, _) = settings["initial-sound"] {
            profile.initialSound = try InitialSoundRules(contentsOf: folder + "/" + file)
        }
        if let (file, _) = settings["romanization"] {
            profile.romanizations = try RomanizationSystem.readManifest(folder + "/" + file)
        }
        if let (value, _) = settings["romanized-as"] { profile.romanizedAs = value }
        profile.romanizationMinLetters = try int("romanization-min-letters") ?? 1
        profile.romanizationMaxSpellings = try int("romanization-max-spellings") ?? 32
        profilesByFile[settingsPath] = profile
        return profile
    }

    /// `KEY<TAB>VALUE` lines; `#` starts a comment line.
    static func readSettings(_ path: String) throws -> [String: (String, Int)] {
        var result: [String: (String, Int)] = [:]
        for (number, line) in try dataLines(path) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2 else {
                throw TMKitError(.invalidData, "expected KEY<TAB>VALUE", file: path, line: number)
            }
            result[fields[0]] = (fields[1], number)
        }
        return result
    }

    /// Endings, one a line, optionally `ENDING<TAB>REPLACEMENT`.
    static func readSuffixes(_ path: String) throws -> [LanguageProfile.Suffix] {
        try dataLines(path).map { number, line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count <= 2, !fields[0].isEmpty else {
                throw TMKitError(.invalidData, "expected ENDING or ENDING<TAB>REPLACEMENT", file: path, line: number)
            }
            return LanguageProfile.Suffix(text: fields[0].nfc, replacement: fields.count == 2 ? fields[1].nfc : "")
        }
    }

    /// The non-empty, non-comment lines of a data file with their 1-based numbers.
    static func dataLines(_ path: String) throws -> [(Int, String)] {
        let text = try TextFile.read(path).text
        var result: [(Int, String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            result.append((index + 1, line))
        }
        return result
    }
}

/// What `Locales/<lang>/term-matching.tsv` says about one language.
public struct LanguageProfile: Sendable {
    /// An ending that may follow a term; `replacement` is what the term has instead (ies → y).
    public struct Suffix: Sendable, Hashable {
        public var text: String
        public var replacement: String
    }

    public var language: String
    public var suffixes: [Suffix] = []
    public var suffixKind: MatchKind = .plural
    public var maxSuffixes = 0
    /// Minimum term length, in characters, for a suffix to be taken off.
    public var minStem = 1
    /// Minimum length, in characters, of a term that may end a longer word; nil: never.
    public var compoundHead: Int?
    public var initialSound: InitialSoundRules?
    public var romanizations: [RomanizationSystem] = []
    /// The language whose rules romanized terms follow.
    public var romanizedAs: String?
    public var romanizationMinLetters = 1
    public var romanizationMaxSpellings = 32

    public init(language: String) {
        self.language = language
    }
}

extension TermLocales {
    /// The first spelling of `text` in each romanization system of `language` (`RR gwalliso`,
    /// `MR kwalliso`…), for showing a reviewer; empty for a language without romanization data.
    public func romanizations(of text: String, language: String) throws -> [(system: String, spelling: String)] {
        let profile = try profile(for: language)
        return try profile.romanizations.compactMap { system in
            let spelling = try Romanizer(system, language: language).spellings(of: text, limit: 1).first
            return spelling.map { (system.label, $0) }
        }
    }
}
