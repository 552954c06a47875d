import Foundation

/// How one language writes numbers, loaded from `Locales/<lang>/numbers.json`.
///
/// Every field is optional, so a language starts with digits only and grows by data: English has
/// number words and scale words (`nine`, `1.2 million`), Korean has myriad units
/// (`8만` = 80,000, `1억 2천만` = 120,000,000), native numerals before counters (`세 명` = 3) and
/// designations (`제22호`).
public struct NumberRules: Sendable, Decodable {
    public var groupSeparators: [String] = [","]
    public var decimalSeparators: [String] = ["."]
    public var words: [String: Double] = [:]
    /// Words that are often not numbers at all ("one" as a pronoun).
    public var weakWords: [String] = []
    public var ordinalWords: [String: Double] = [:]
    public var ordinalSuffixes: [String] = []
    public var scaleWords: [String: Double] = [:]
    /// Scale abbreviations after a number (`5bn`, `$3m`); `m`/`k` only after a currency sign.
    public var scaleAbbreviations: [String: Double] = [:]
    public var connectors: [String] = []
    public var articleAsOne: [String] = []
    public var approximateWords: [String] = []
    public var percentWords: [String] = []
    public var months: [String: Double] = [:]
    public var monthsNeedCapital: Bool = false
    public var designators: [String] = []
    public var yearRange: [Int] = [1000, 2199]
    public var smallUnits: [String: Double] = [:]
    public var largeUnits: [String: Double] = [:]
    public var approximatePrefixes: [String] = []
    public var nativeNumerals: [String: Double] = [:]
    public var counters: [String] = []
    public var ordinalPatterns: [String: Double] = [:]
    public var yearSuffix: String?
    public var monthSuffix: String?
    public var daySuffix: String?
    public var designationPrefixes: [String] = []
    public var designationSuffixes: [String] = []
    /// Words that say a number without being one (twice, double, a decade): weak mentions.
    public var weakWordValues: [String: Double] = [:]
    /// Denominators of spelled-out fractions (two-thirds).
    public var fractionDenominators: [String: Double] = [:]
    /// After a number, these make it a time of day (7.55am, 19:30 BST): weak, hours and minutes apart.
    public var timeMarkers: [String] = []
    /// Native numerals that are numbers even without a counter (다섯, 여섯).
    public var unambiguousNativeNumerals: [String: Double] = [:]
    /// Sino-Korean numerals as whole words, counted only before a counter (오 주, 십 년).
    public var sinoNumerals: [String: Double] = [:]
    /// Words for a number of days (이틀 = two days).
    public var dayCountWords: [String: Double] = [:]
    /// Counters that may be glued to a native numeral (세명, 여덟번째); others need a space.
    public var gluedCounters: [String] = []
    /// What may follow a counter inside the same word (particles: 명이, 명의).
    public var counterFollowers: [String] = []
    /// Suffixes after digits that make a time of day (7시 55분).
    public var timeSuffixes: [String] = []
    /// The marker of a fraction between denominator and numerator (3분의 2 = 2/3).
    public var fractionMarker: String?
    /// Words before a number that make it a time of day (오후 5.30).
    public var timePrefixes: [String] = []
    /// Native numerals that count as numbers before any noun (두 국가 = two countries).
    public var standaloneNativeNumerals: [String: Double] = [:]
    /// Words for a small range (한두 = one or two): two weak mentions.
    public var nativeRanges: [String: [Double]] = [:]
    /// Numeral nouns, counted only with a particle glued on (둘이, 셋은), since 둘 alone is also
    /// a verb form (둘 수 있다).
    public var nounNumerals: [String: Double] = [:]
    /// A capitalized number word inside a sentence is a name (the Four Corners): weak.
    public var capitalizedNumberWordsAreNames: Bool = false

    public init() {}

    enum CodingKeys: String, CodingKey {
        case groupSeparators, decimalSeparators, words, weakWords, ordinalWords, ordinalSuffixes, scaleWords
        case scaleAbbreviations, connectors, articleAsOne, approximateWords, percentWords, months, monthsNeedCapital
        case designators, yearRange, smallUnits, largeUnits, approximatePrefixes, nativeNumerals, counters
        case ordinalPatterns, yearSuffix, monthSuffix, daySuffix, designationPrefixes, designationSuffixes
        case weakWordValues, fractionDenominators, timeMarkers, unambiguousNativeNumerals, sinoNumerals, dayCountWords
        case gluedCounters, counterFollowers, timeSuffixes, fractionMarker, timePrefixes, standaloneNativeNumerals, nativeRanges, nounNumerals
        case capitalizedNumberWordsAreNames
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func get<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        groupSeparators = try get(.groupSeparators, [","])
        decimalSeparators = try get(.decimalSeparators, ["."])
        words = try get(.words, [:])
        weakWords = try get(.weakWords, [])
        ordinalWords = try get(.ordinalWords, [:])
        ordinalSuffixes = try get(.ordinalSuffixes, [])
        scaleWords = try get(.scaleWords, [:])
        scaleAbbreviations = try get(.scaleAbbreviations, [:])
        connectors = try get(.connectors, [])
        articleAsOne = try get(.articleAsOne, [])
        approximateWords = try get(.approximateWords, [])
        percentWords = try get(.percentWords, [])
        months = try get(.months, [:])
        monthsNeedCapital = try get(.monthsNeedCapital, false)
        designators = try get(.designators, [])
        yearRange = try get(.yearRange, [1000, 2199])
        smallUnits = try get(.smallUnits, [:])
        largeUnits = try get(.largeUnits, [:])
        approximatePrefixes = try get(.approximatePrefixes, [])
        nativeNumerals = try get(.nativeNumerals, [:])
        counters = try get(.counters, [])
        ordinalPatterns = try get(.ordinalPatterns, [:])
        yearSuffix = try c.decodeIfPresent(String.self, forKey: .yearSuffix)
        monthSuffix = try c.decodeIfPresent(String.self, forKey: .monthSuffix)
        daySuffix = try c.decodeIfPresent(String.self, forKey: .daySuffix)
        designationPrefixes = try get(.designationPrefixes, [])
        designationSuffixes = try get(.designationSuffixes, [])
        weakWordValues = try get(.weakWordValues, [:])
        fractionDenominators = try get(.fractionDenominators, [:])
        timeMarkers = try get(.timeMarkers, [])
        unambiguousNativeNumerals = try get(.unambiguousNativeNumerals, [:])
        sinoNumerals = try get(.sinoNumerals, [:])
        dayCountWords = try get(.dayCountWords, [:])
        gluedCounters = try get(.gluedCounters, [])
        counterFollowers = try get(.counterFollowers, [])
        timeSuffixes = try get(.timeSuffixes, [])
        fractionMarker = try c.decodeIfPresent(String.self, forKey: .fractionMarker)
        timePrefixes = try get(.timePrefixes, [])
        standaloneNativeNumerals = try get(.standaloneNativeNumerals, [:])
        nativeRanges = try get(.nativeRanges, [:])
        nounNumerals = try get(.nounNumerals, [:])
        capitalizedNumberWordsAreNames = try get(.capitalizedNumberWordsAreNames, false)
    }

    /// Loads the rules for a language (`Locales/<lang>/numbers.json`), or digits-only rules when
    /// the language has none.
    /// - Throws: `TMKitError` naming the file when it is not valid JSON of this shape.
    public static func load(for language: LanguageTag, data: DataDirectory?) throws -> NumberRules {
        guard let data, let path = data.localeFile("numbers.json", for: language) else { return NumberRules() }
        return try load(path: path)
    }

    public static func load(path: String) throws -> NumberRules {
        let bytes = try TextFile.readBytes(path)
        do {
            return try JSONDecoder().decode(NumberRules.self, from: Data(bytes))
        } catch let DecodingError.dataCorrupted(context) {
            throw TMKitError(.invalidData, "not valid JSON: \(context.debugDescription)", hint: "fix the number rules file", file: path)
        } catch let DecodingError.typeMismatch(_, context) {
            throw TMKitError(.invalidData, "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)",
                             hint: "see Locales/en/numbers.json for the expected shape", file: path)
        } catch {
            throw TMKitError(.invalidData, "cannot read number rules: \(error)", file: path)
        }
    }
}
