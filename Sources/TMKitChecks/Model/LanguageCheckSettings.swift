import Foundation
import TMKitText

/// How the checks treat one language, loaded from `Locales/<lang>/checks.json`.
///
/// Language behaviour is data: Korean has no capitals (so checks that need `case` are off), writes
/// in Hangul and Hanja, quotes with `“”`, `‘’`, `「」`, and its translations of English run at
/// about half the characters. Every field has a default, so a language without a file gets
/// neutral settings.
public struct LanguageCheckSettings: Sendable, Decodable, Equatable {
    /// Features the language has (`case`); a check that requires a feature the target lacks is off.
    public var features: Set<String> = ["case"]
    /// ISO 15924 scripts the language is written in; letters in other scripts are foreign.
    public var scripts: [String] = ["Latn"]
    /// Checks that never run when this language is the target.
    public var disabledChecks: [String] = []
    /// Opening and closing quote marks; a pair with equal marks (`"`) counts by parity.
    public var quotePairs: [[String]] = [["\"", "\""], ["“", "”"]]
    public var bracketPairs: [[String]] = [["(", ")"], ["[", "]"], ["{", "}"]]
    /// Groups of quote marks read as one: the first stands for the rest (`["\"", "“", "”"]`: a
    /// translation that opens with " and closes with ” is not reported).
    public var interchangeableQuotes: [[String]] = []
    /// Words glued to a bare year that show its unit is missing (Korean 2013에 for 2013년에).
    public var yearUnitParticles: [String] = []
    /// Marks that are apostrophes inside words (don’t), not closing quotes.
    public var apostrophes: [String] = ["'", "’"]
    /// Words that may legitimately be repeated (English "had had", "that that").
    public var allowedRepeats: [String] = []
    /// Below this share of words in the language's scripts, a target counts as untranslated.
    public var minimumScriptShare: Double = 0.5
    /// Expected length of a translation into this language, by source language: the ratio of
    /// letters and digits (target / source), with the bounds beyond which a pair is an outlier.
    public var lengthRatio: [String: LengthRatio] = [:]
    /// Words that are fine to leave in another script inside this language's text (e.g. "vs").
    public var allowedForeignWords: [String] = []

    public struct LengthRatio: Sendable, Decodable, Equatable {
        public var expected: Double
        public var low: Double
        public var high: Double
        /// Pairs whose source has fewer letters and digits than this are not judged by length.
        public var minimumSourceLength: Int = 40
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case features, scripts, disabledChecks, quotePairs, bracketPairs, apostrophes, allowedRepeats, minimumScriptShare
        case lengthRatio, allowedForeignWords, interchangeableQuotes, yearUnitParticles
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LanguageCheckSettings()
        features = try c.decodeIfPresent(Set<String>.self, forKey: .features) ?? defaults.features
        scripts = try c.decodeIfPresent([String].self, forKey: .scripts) ?? defaults.scripts
        disabledChecks = try c.decodeIfPresent([String].self, forKey: .disabledChecks) ?? []
        quotePairs = try c.decodeIfPresent([[String]].self, forKey: .quotePairs) ?? defaults.quotePairs
        bracketPairs = try c.decodeIfPresent([[String]].self, forKey: .bracketPairs) ?? defaults.bracketPairs
        apostrophes = try c.decodeIfPresent([String].self, forKey: .apostrophes) ?? defaults.apostrophes
        allowedRepeats = try c.decodeIfPresent([String].self, forKey: .allowedRepeats) ?? []
        minimumScriptShare = try c.decodeIfPresent(Double.self, forKey: .minimumScriptShare) ?? defaults.minimumScriptShare
        lengthRatio = try c.decodeIfPresent([String: LengthRatio].self, forKey: .lengthRatio) ?? [:]
        allowedForeignWords = try c.decodeIfPresent([String].self, forKey: .allowedForeignWords) ?? []
        interchangeableQuotes = try c.decodeIfPresent([[String]].self, forKey: .interchangeableQuotes) ?? []
        yearUnitParticles = try c.decodeIfPresent([String].self, forKey: .yearUnitParticles) ?? []
        for pair in quotePairs + bracketPairs where pair.count != 2 || pair.contains(where: { $0.unicodeScalars.count != 1 }) {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "quote and bracket pairs are two single characters each, such as [\"(\", \")\"]; found \(pair)"))
        }
    }

    /// The settings for a language (`Locales/<lang>/checks.json`, trying `ko-KP` then `ko`), or the
    /// defaults when there is no such file.
    /// - Throws: `TMKitError` `.invalidData` naming the file when it is malformed.
    public static func load(for language: LanguageTag, data: DataDirectory?) throws -> LanguageCheckSettings {
        guard let data, let path = data.localeFile("checks.json", for: language) else { return LanguageCheckSettings() }
        return try load(path: path)
    }

    public static func load(path: String) throws -> LanguageCheckSettings {
        let bytes = try TextFile.readBytes(path)
        do {
            return try JSONDecoder().decode(LanguageCheckSettings.self, from: Data(bytes))
        } catch let DecodingError.dataCorrupted(context) {
            throw TMKitError(.invalidData, "not valid check settings: \(context.debugDescription)", hint: "see Locales/ko/checks.json for the shape", file: path)
        } catch let DecodingError.typeMismatch(_, context) {
            throw TMKitError(.invalidData, "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)",
                             hint: "see Locales/ko/checks.json for the shape", file: path)
        } catch {
            throw TMKitError(.invalidData, "cannot read check settings: \(error)", file: path)
        }
    }

    /// Whether a script code belongs to this language (`Hang` for Korean).
    @inline(__always)
    public func isOwnScript(_ code: String) -> Bool { scripts.contains(code) }
}
