import Foundation
import TMKitText

/// How one language behaves in alignment, read from `Locales/<lang>/alignment.json`: length
/// weights per script, the length prior relative to English, the stem length for the lexical
/// model, the transliteration for names; and how it writes numbers (`Locales/<lang>/numbers.json`).
///
/// A language without the file gets `AlignmentProfile.neutral(for:)`: every character counts 1,
/// the length ratio is learnt from the documents alone.
public struct AlignmentProfile: Sendable {
    public var language: LanguageTag
    /// Weight of one character by ISO 15924 script code (`Hang` → 2); other characters weigh 1.
    public var lengthWeights: [String: Double]
    /// Expected weighted length of a translation of one weighted unit of English text.
    public var lengthPerEnglishUnit: Double
    /// Words are cut to their first N letters for the lexical model (0: whole words). Agglutinative
    /// languages glue particles to stems, so a short prefix stands for the stem.
    public var lexicalStemLength: Int
    /// The ICU transform that writes this language's words in Latin letters, for matching names.
    public var transliteration: String?
    /// Reads numbers the way the language writes them (`8만`, `nine`); nil: digits only.
    public var numbers: NumberExtractor? {
        didSet { numberTriggers = numbers.map { NumberTriggers(rules: $0.rules) } ?? NumberTriggers() }
    }
    /// Words that may start a number, so that sentences without one skip the extractor.
    public private(set) var numberTriggers = NumberTriggers()
    /// Where a sentence may end without the segmenter's cut (headings run into a sentence).
    public var softBoundaries = SoftBoundaries()
    /// The file the profile came from, if any.
    public var source: String?

    public init(language: LanguageTag, lengthWeights: [String: Double] = [:], lengthPerEnglishUnit: Double = 1,
                lexicalStemLength: Int = 0, transliteration: String? = nil, numbers: NumberExtractor? = nil,
                source: String? = nil) {
        self.language = language
        self.lengthWeights = lengthWeights
        self.lengthPerEnglishUnit = lengthPerEnglishUnit
        self.lexicalStemLength = lexicalStemLength
        self.transliteration = transliteration
        self.numbers = numbers
        numberTriggers = numbers.map { NumberTriggers(rules: $0.rules) } ?? NumberTriggers()
        self.source = source
    }

    /// The profile of a language with no data: plain character counts, digits only.
    public static func neutral(for language: LanguageTag) -> AlignmentProfile {
        AlignmentProfile(language: language)
    }

    /// The shipped profile of `language` (trying `ko-KP`, then `ko`), or the neutral one, with
    /// the language's number rules.
    /// - Throws: `TMKitError` locating a malformed file.
    public static func load(for language: LanguageTag, data: DataDirectory?) throws -> AlignmentProfile {
        var profile = AlignmentProfile.neutral(for: language)
        if let data, let path = data.localeFile("alignment.json", for: language) {
            profile = try load(contentsOf: path, language: language)
        }
        profile.numbers = try NumberExtractor(language: language, data: data)
        return profile
    }

    /// Reads a profile file.
    public static func load(contentsOf path: String, language: LanguageTag) throws -> AlignmentProfile {
        let file = try TextFile.read(path)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
        } catch {
            throw TMKitError(.invalidData, "not valid JSON: \((error as NSError).localizedDescription)",
                             hint: "fix the alignment profile", file: path)
        }
        guard let root = object as? [String: Any] else {
            throw TMKitError(.invalidData, "an alignment profile is a JSON object", file: path)
        }
        func numbers(_ key: String) throws -> [String: Double] {
            guard let value = root[key] else { return [:] }
            guard let table = value as? [String: Any] else {
                throw TMKitError(.invalidData, "'\(key)' must be an object of numbers", file: path)
            }
            var result: [String: Double] = [:]
            for (name, number) in table {
                guard let number = number as? NSNumber, number.doubleValue.isFinite, number.doubleValue > 0 else {
                    throw TMKitError(.invalidData, "'\(key)': the value of '\(name)' must be a positive number", file: path)
                }
                result[name.lowercased()] = number.doubleValue
            }
            return result
        }
        var profile = AlignmentProfile(language: language, source: path)
        profile.lengthWeights = try numbers("lengthWeights").reduce(into: [:]) { $0[Self.scriptCode($1.key)] = $1.value }
        if let ratio = root["lengthPerEnglishUnit"] {
            guard let ratio = ratio as? NSNumber, ratio.doubleValue > 0.05, ratio.doubleValue < 20 else {
                throw TMKitError(.invalidData, "'lengthPerEnglishUnit' must be a number between 0.05 and 20", file: path)
            }
            profile.lengthPerEnglishUnit = ratio.doubleValue
        }
        if let stem = root["lexicalStemLength"] {
            guard let stem = stem as? NSNumber, stem.intValue >= 0, stem.intValue <= 20 else {
                throw TMKitError(.invalidData, "'lexicalStemLength' must be a whole number from 0 to 20", file: path)
            }
            profile.lexicalStemLength = stem.intValue
        }
        if let transform = root["transliteration"] {
            guard let transform = transform as? String else {
                throw TMKitError(.invalidData, "'transliteration' must be an ICU transform ID such as Hangul-Latin", file: path)
            }
            profile.transliteration = transform
        }
        var boundaries = SoftBoundaries()
        if let endings = root["sentenceEndings"] {
            guard let endings = endings as? [String] else {
                throw TMKitError(.invalidData, "'sentenceEndings' must be a list of word endings", file: path)
            }
            boundaries.sentenceEndings = endings.filter { !$0.isEmpty }
        }
        if let words = root["headingNonFinalWords"] {
            guard let words = words as? [String] else {
                throw TMKitError(.invalidData, "'headingNonFinalWords' must be a list of words", file: path)
            }
            boundaries.headingNonFinalWords = Set(words.map { $0.lowercased() })
        }
        if let words = root["sentenceStarters"] {
            guard let words = words as? [String] else {
                throw TMKitError(.invalidData, "'sentenceStarters' must be a list of words", file: path)
            }
            boundaries.sentenceStarters = Set(words.map { $0.lowercased() })
        }
        if let capitals = root["hasCapitals"] {
            guard let capitals = capitals as? Bool else {
                throw TMKitError(.invalidData, "'hasCapitals' must be true or false", file: path)
            }
            boundaries.hasCapitals = capitals
        }
        profile.softBoundaries = boundaries
        return profile
    }

    /// ISO 15924 codes are written `Hang`; the JSON keys were lowercased with the others.
    private static func scriptCode(_ key: String) -> String {
        key.prefix(1).uppercased() + key.dropFirst()
    }

    /// The prior length ratio of a translation from `source` into `target`: target units per
    /// source unit.
    public static func priorRatio(source: AlignmentProfile, target: AlignmentProfile) -> Double {
        target.lengthPerEnglishUnit / source.lengthPerEnglishUnit
    }
}
