/// A number found in text, with its value normalized so that different ways of writing it
/// compare equal: `80,000` = `8만` = `80 thousand`; `2013` = `2013년`; `No. 22` = `제22호`;
/// `nine` = `9명`; `Jan. 5` → month 1 and 5 = `1월 5일`.
public struct NumberMention: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case cardinal, ordinal, percent, year, month, day, designation
        /// A time of day; hours and minutes are separate mentions (7.55am → 7, 55), always weak
        /// because the clock (19:30 ↔ 오후 7시 30분) may differ.
        case time
    }

    /// The normalized value (`8만` → 80000).
    public var value: Double
    public var kind: Kind
    /// UTF-8 byte range of the whole mention in the text (`8만`, `1.2 million`, `제22호`).
    public var byteRange: Range<Int>
    /// Written in words (`nine`, `세 명`) rather than digits.
    public var isSpelledOut: Bool
    /// Often not a number at all, or often translated without one (`one`, `first`, `한 명`):
    /// evidence, not a reason to report a mismatch.
    public var isWeak: Bool
    /// An approximation (`thousands`, `수만`): never compared.
    public var isApproximate: Bool

    public init(value: Double, kind: Kind, byteRange: Range<Int>, isSpelledOut: Bool = false, isWeak: Bool = false,
                isApproximate: Bool = false) {
        self.value = value
        self.kind = kind
        self.byteRange = byteRange
        self.isSpelledOut = isSpelledOut
        self.isWeak = isWeak
        self.isApproximate = isApproximate
    }

    /// The value without a trailing ".0" (`80000`, `3.5`).
    public var valueText: String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    public var description: String { "\(valueText)(\(kind.rawValue))" }

    /// Whether two mentions say the same number (equal values; a tiny relative tolerance for
    /// decimals written at different precision is not applied: 3.5 ≠ 3.6).
    public func sameValue(as other: NumberMention) -> Bool {
        value == other.value || abs(value - other.value) <= 1e-9 * max(abs(value), abs(other.value))
    }
}

/// Finds numbers in text by the rules of one language (`NumberRules`, data in
/// `Locales/<lang>/numbers.json`).
///
/// Thread-safe (immutable after creation). Linear in the text.
public struct NumberExtractor: Sendable {
    public let rules: NumberRules
    private let words: [String: Double]
    private let weak: Set<String>
    private let scales: [String: Double]
    private let approximate: Set<String>
    private let months: [String: Double]
    private let maxNativeLength: Int
    /// Every word the word parser looks up as a whole (nine, first, twice, March, a).
    private let exactKeys: Set<String>
    /// Words the parser matches at the start of a longer word (Korean 한두, 수만, 이틀, 양국은).
    private let prefixKeys: Set<String>
    private let maxPrefixLength: Int
    /// Numerals that take a particle glued on (둘이, 다섯은): the unambiguous ones and the nouns.
    private let numeralNouns: [String: Double]
    /// Every native numeral (세, 다섯), for forms with a glued counter (세명, 여덟번째).
    private let allNativeNumerals: [String: Double]
    /// Hashes of the lowercased keys, so most words are passed over without building a string.
    private let exactHashes: KeyHashSet
    private let prefixHashes: KeyHashSet
    /// Per ASCII scalar: bit 0 a group separator, bit 1 a decimal separator (compared as strings,
    /// as for any other scalar).
    private let asciiSeparators: [UInt8]
    /// The units (`smallUnits`, `largeUnits`) that are one scalar in NFC: a scalar that is none of
    /// them is no unit.
    private let unitScalars: [UInt32]

    public init(rules: NumberRules) {
        self.rules = rules
        var words: [String: Double] = [:]
        for (key, value) in rules.words { words[key.lowercased()] = value }
        self.words = words
        weak = Set(rules.weakWords.map { $0.lowercased() })
        var scales: [String: Double] = [:]
        for (key, value) in rules.scaleWords { scales[key.lowercased()] = value }
        self.scales = scales
        approximate = Set(rules.approximateWords.map { $0.lowercased() })
        var months: [String: Double] = [:]
        for (key, value) in rules.months { months[key.lowercased()] = value }
        self.months = months
        maxNativeLength = rules.nativeNumerals.keys.map(\.count).max() ?? 0
        var exact = Set<String>()
        for dictionary in [rules.words, rules.ordinalWords, rules.scaleWords, rules.months, rules.weakWordValues, rules.ordinalPatterns,
                           rules.nativeNumerals, rules.unambiguousNativeNumerals, rules.sinoNumerals, rules.fractionDenominators,
                           rules.nounNumerals, rules.dayCountWords, rules.standaloneNativeNumerals] {
            for key in dictionary.keys { exact.insert(key.lowercased()) }
        }
        for list in [rules.weakWords, rules.approximateWords, rules.articleAsOne] {
            for key in list { exact.insert(key.lowercased()) }
        }
        for key in rules.nativeRanges.keys { exact.insert(key.lowercased()) }
        for key in rules.months.keys where key.hasSuffix(".") { exact.insert(String(key.lowercased().dropLast())) }
        exactKeys = exact
        numeralNouns = rules.unambiguousNativeNumerals.merging(rules.nounNumerals, uniquingKeysWith: { a, _ in a })
        allNativeNumerals = rules.nativeNumerals.merging(rules.unambiguousNativeNumerals, uniquingKeysWith: { a, _ in a })
        // Prefixes as specific as the parser needs them: a native numeral only before a glued
        // counter or ordinal suffix (세명, not 세계), an approximation only before a unit (수만,
        // not 수감자), so that ordinary Korean words rarely reach the parser.
        var prefixes = Set<String>()
        for key in Array(rules.nativeRanges.keys) + Array(rules.dayCountWords.keys) + Array(rules.unambiguousNativeNumerals.keys)
            + Array(rules.nounNumerals.keys) + Array(rules.weakWordValues.keys) {
            prefixes.insert(key.lowercased())
        }
        let units = Array(rules.smallUnits.keys) + Array(rules.largeUnits.keys)
        for prefix in rules.approximatePrefixes {
            for unit in units { prefixes.insert(prefix + unit) }
        }
        for numeral in allNativeNumerals.keys {
            for follower in rules.gluedCounters + rules.ordinalSuffixes { prefixes.insert(numeral + follower) }
        }
        prefixKeys = prefixes
        maxPrefixLength = prefixes.map(\.count).max() ?? 0
        exactHashes = KeyHashSet(exact.map(Self.keyHash))
        unitScalars = (Array(rules.smallUnits.keys) + Array(rules.largeUnits.keys)).compactMap { unit in
            let scalars = unit.nfc.unicodeScalars
            return scalars.count == 1 ? scalars.first!.value : nil
        }
        asciiSeparators = (0..<128).map { value in
            let c = String(Unicode.Scalar(UInt8(value)))
            return (rules.groupSeparators.contains(c) ? 1 : 0) | (rules.decimalSeparators.contains(c) ? 2 : 0)
        }
        prefixHashes = KeyHashSet(prefixes.map(Self.keyHash))
    }

    /// The extractor for a language, with its rules from the data folder.
    public init(language: LanguageTag, data: DataDirectory?) throws {
        self.init(rules: try NumberRules.load(for: language, data: data))
    }

    /// All numbers in `text`, in order.
    /// - Complexity: O(n) in the text's length.
    public func numbers(in text: String) -> [NumberMention] {
        var scanner = Scanner(text: text)
        var result: [NumberMention] = []
        while !scanner.atEnd {
            let c = scanner.current
            if Self.isDigit(c) {
                let start = scanner.index
                if let mentions = parseDigits(&scanner), !mentions.isEmpty {
                    result += mentions
                } else {
                    scanner.index = start + 1
                }
            } else if Scanner.isLetter(c) {
                let start = scanner.index
                if scanner.isWordStart, mayStartNumber(scanner, at: start), let mentions = parseWords(&scanner), !mentions.isEmpty {
                    result += mentions
                } else {
                    scanner.index = start
                    scanner.skipWord()
                }
            } else {
                scanner.index += 1
            }
        }
        // "1" is so often "a"/"an" in the other language (1년 ↔ a year), and months so often
        // rewritten (June 12 ↔ 지난달 12일), that they are evidence but not grounds for a report.
        // Days of the month likewise (Thursday ↔ 3일).
        for i in result.indices where (result[i].value == 1 && result[i].kind == .cardinal) || result[i].kind == .month || result[i].kind == .day {
            result[i].isWeak = true
        }
        return result
    }

    // MARK: - Digits

    private func parseDigits(_ s: inout Scanner) -> [NumberMention]? {
        let start = s.index
        var (value, hasSeparator, hasDecimal) = readDigitNumber(&s)
        var kind = NumberMention.Kind.cardinal
        if let special = parseTimeOrFraction(&s, start: start, value: value, hasSeparator: hasSeparator, hasDecimal: hasDecimal) {
            return special
        }

        // Korean-style units glued to the digits: 8만, 3천, 2천500만, 1억 2천만, 5.5억.
        if !rules.smallUnits.isEmpty || !rules.largeUnits.isEmpty, let unitValue = readMyriad(&s, first: value) {
            value = unitValue
        }

        // A designation prefix right before the digits: 제22호.
        var startOfMention = start
        for prefix in rules.designationPrefixes where s.endsBefore(start, with: prefix) {
            kind = .designation
            startOfMention = start - prefix.unicodeScalars.count
        }
        // An English designator before: No. 22, #22.
        if kind == .cardinal {
            for designator in rules.designators where s.endsBefore(start, with: designator, allowingSpaces: true) {
                kind = .designation
                break
            }
        }
        if s.index > start, s.peekWord(in: rules.ordinalSuffixes, glued: true) != nil, !hasDecimal {
            // 21st, 3rd
            let suffix = s.peekWord(in: rules.ordinalSuffixes, glued: true)!
            s.index += suffix.unicodeScalars.count
            kind = .ordinal
        }

        // What follows: percent, scale words, year/month/day suffixes, designation suffixes.
        if let percent = s.peekFollowing(rules.percentWords) {
            s.index = percent
            kind = .percent
        } else if let (scale, end) = followingScale(&s) {
            value *= scale
            s.index = end
        } else if let suffix = rules.yearSuffix, s.peekGlued(suffix) {
            s.index += suffix.unicodeScalars.count
            // 2013년 is a year; 1년, 10년 are durations.
            kind = value >= 1000 && !hasDecimal ? .year : .cardinal
            if s.peekGlued("대") { s.index += 1 }  // 1990년대: the 1990s
        } else if let suffix = rules.monthSuffix, s.peekGlued(suffix), value >= 1, value <= 12, !hasDecimal {
            s.index += suffix.unicodeScalars.count
            kind = .month
        } else if let suffix = rules.daySuffix, s.peekGlued(suffix), value >= 1, value <= 31, !hasDecimal {
            s.index += suffix.unicodeScalars.count
            kind = .day
        } else if let suffix = rules.designationSuffixes.first(where: { s.peekGlued($0) }) {
            if kind == .designation || !rules.designationPrefixes.isEmpty {
                s.index += suffix.unicodeScalars.count
                kind = .designation
            }
        } else if kind == .cardinal, !hasSeparator, !hasDecimal, s.index - start == 4,
                  rules.yearRange.count == 2, Int(value) >= rules.yearRange[0], Int(value) <= rules.yearRange[1] {
            kind = .year
            if s.peekGlued("s") { s.index += 1 }  // the 1990s
        }
        return [NumberMention(value: value, kind: kind, byteRange: s.offset(of: startOfMention)..<s.offset(of: s.index))]
    }

    /// Times of day (7.55am, 19:30, 7시 55분) and Korean fractions (3분의 2), or nil.
    private func parseTimeOrFraction(_ s: inout Scanner, start: Int, value: Double, hasSeparator: Bool, hasDecimal: Bool) -> [NumberMention]? {
        let afterNumber = s.index
        // 오후 5.30: a time-of-day word right before the number.
        if rules.timePrefixes.contains(where: { s.endsBefore(start, with: $0, allowingSpaces: true) }), value < 25 {
            var end = afterNumber
            if let suffix = rules.timeSuffixes.first(where: { s.peekGlued($0) }) { end += suffix.unicodeScalars.count }
            s.index = end
            if hasDecimal {
                let hours = value.rounded(.down)
                let minutes = ((value - hours) * 100).rounded()
                return [NumberMention(value: hours, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: end), isWeak: true),
                        NumberMention(value: minutes, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: end), isWeak: true)]
            }
            return [NumberMention(value: value, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: end), isWeak: true)]
        }
        // 3분의 2 = 2/3
        if let marker = rules.fractionMarker, !hasDecimal, s.peekGlued(marker) {
            var position = afterNumber + marker.unicodeScalars.count
            while position < s.count && s.scalars[position] == " " { position += 1 }
            if position < s.count, Self.isDigit(s.scalars[position]) {
                var probe = s
                probe.index = position
                let (numerator, _, _) = readDigitNumber(&probe)
                s.index = probe.index
                return [NumberMention(value: numerator / max(value, 1), kind: .cardinal, byteRange: s.offset(of: start)..<s.offset(of: s.index))]
            }
        }
        // 7시, 55분
        if let suffix = rules.timeSuffixes.first(where: { s.peekGlued($0) }), !hasSeparator {
            // Not the fraction marker (분의) and not a longer word (시간 = hours, 분야 = field).
            let end = afterNumber + suffix.unicodeScalars.count
            let nextIsHangul = end < s.count && (0xAC00...0xD7A3).contains(s.scalars[end].value)
            let follower = nextIsHangul ? s.word(at: end).0 : ""
            // 간 follows counters as a particle (3개월간) but after 시 it makes the counter 시간.
            let makesCounter = !follower.isEmpty && rules.counters.contains(suffix + follower)
            if !makesCounter && (!nextIsHangul || rules.counterFollowers.contains(follower) || follower == "경") {
                s.index = end
                return [NumberMention(value: value, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: end), isWeak: true)]
            }
        }
        // 19:30, 4:40
        if !hasDecimal, !hasSeparator, s.index < s.count, s.scalars[s.index] == ":", s.digitsFollow(exactly: 2, after: s.index + 1), value < 25 {
            let minuteStart = s.index + 1
            var probe = s
            probe.index = minuteStart
            let (minutes, _, _) = readDigitNumber(&probe)
            s.index = probe.index
            if let marker = s.peekFollowing(rules.timeMarkers) { s.index = marker }
            return [NumberMention(value: value, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: minuteStart - 1), isWeak: true),
                    NumberMention(value: minutes, kind: .time, byteRange: s.offset(of: minuteStart)..<s.offset(of: s.index), isWeak: true)]
        }
        // 7.55am, 4.40 am, 3 p.m.
        if !hasSeparator, let markerEnd = s.peekFollowing(rules.timeMarkers), value < 25 {
            s.index = markerEnd
            if hasDecimal {
                let hours = value.rounded(.down)
                let minutes = ((value - hours) * 100).rounded()
                return [NumberMention(value: hours, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: markerEnd), isWeak: true),
                        NumberMention(value: minutes, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: markerEnd), isWeak: true)]
            }
            return [NumberMention(value: value, kind: .time, byteRange: s.offset(of: start)..<s.offset(of: markerEnd), isWeak: true)]
        }
        return nil
    }

    /// Reads digits with group separators (only before exactly three digits) and one decimal part.
    private func readDigitNumber(_ s: inout Scanner) -> (Double, Bool, Bool) {
        var integer: Double = 0
        var hasSeparator = false
        var hasDecimal = false
        while !s.atEnd {
            let c = s.current
            if let d = Self.digitValue(c) {
                integer = integer * 10 + Double(d)
                s.index += 1
            } else if isSeparator(c, group: true), s.digitsFollow(exactly: 3, after: s.index + 1) {
                hasSeparator = true
                s.index += 1
            } else {
                break
            }
        }
        var value = integer
        if !s.atEnd, isSeparator(s.current, group: false), s.index + 1 < s.count, Self.isDigit(s.scalars[s.index + 1]) {
            s.index += 1
            var scale = 0.1
            while !s.atEnd, let d = Self.digitValue(s.current) {
                value += Double(d) * scale
                scale /= 10
                s.index += 1
            }
            hasDecimal = true
            value = (value * 1e9).rounded() / 1e9
        }
        return (value, hasSeparator, hasDecimal)
    }

    /// Whether `c` is one of the group (or decimal) separators: ASCII from the table made at init
    /// (building a string to compare costs more than the rest of reading a number's digits).
    @inline(__always)
    private func isSeparator(_ c: Unicode.Scalar, group: Bool) -> Bool {
        if c.value < 0x80 { return asciiSeparators[Int(c.value)] & (group ? 1 : 2) != 0 }
        return (group ? rules.groupSeparators : rules.decimalSeparators).contains(String(c))
    }

    /// Korean myriad units after a number: returns the combined value and leaves the scanner
    /// after the last unit, or nil (scanner unchanged) when no unit follows.
    private func readMyriad(_ s: inout Scanner, first: Double) -> Double? {
        var total: Double = 0
        var group: Double = 0
        var pending: Double? = first
        var sawUnit = false
        var position = s.index
        var lastLarge = Double.infinity
        func unit(at i: Int) -> (small: Double?, large: Double?) {
            // Most scalars after a number are no unit: ASCII and Hangul syllables are answered
            // from the unit scalars (equal as strings only to themselves) without building one.
            let v = s.scalars[i].value
            if (v < 0x80 || (v >= 0xAC00 && v <= 0xD7A3)) && !unitScalars.contains(v) { return (nil, nil) }
            let c = String(s.scalars[i])
            return (rules.smallUnits[c], rules.largeUnits[c])
        }
        // A unit character counts as a unit only when it does not start another word (만큼, 천안).
        func isUnitHere(_ i: Int) -> Bool {
            guard i < s.count else { return false }
            let (small, large) = unit(at: i)
            guard small != nil || large != nil else { return false }
            let next = i + 1
            guard next < s.count else { return true }
            let c = s.scalars[next]
            if !(0xAC00...0xD7A3).contains(c.value) { return true }
            let (nextSmall, nextLarge) = unit(at: next)
            if nextSmall != nil || nextLarge != nil { return true }
            let rest = s.word(at: next).0
            if String(s.scalars[i]) == "만" && rest.hasPrefix("큼") { return false }
            return true  // a counter or particle glued after the unit: 8만명, 3천여
        }
        /// After `from`, skip one space when a unit follows it (22 억, 5 천만).
        func unitStart(_ from: Int) -> Int? {
            if isUnitHere(from) { return from }
            if from < s.count, s.scalars[from] == " ", isUnitHere(from + 1) {
                // A spaced unit must end its word (22 억 5 천만 명), so 천안 is not 천.
                return from + 1
            }
            return nil
        }
        while true {
            if let at = unitStart(position) {
                let (small, large) = unit(at: at)
                if let small {
                    group += (pending ?? 1) * small
                } else if let large {
                    group += pending ?? 0
                    total += (group == 0 ? 1 : group) * large
                    group = 0
                    lastLarge = large
                }
                pending = nil
                sawUnit = true
                position = at + 1
                continue
            }
            guard sawUnit else { break }
            // More digits: glued after a small unit (2천500만), or after a space when a unit
            // follows them (1억 2천만, 1억 4천 2백만), or a remainder below the last large unit
            // (37만 5,000달러).
            var digitStart = position
            if digitStart < s.count, s.scalars[digitStart] == " " { digitStart += 1 }
            guard digitStart < s.count, Self.isDigit(s.scalars[digitStart]) else { break }
            if digitStart != position && pending != nil { break }
            var probe = s
            probe.index = digitStart
            let (v, _, _) = readDigitNumber(&probe)
            if unitStart(probe.index) != nil {
                pending = v
                position = probe.index
                continue
            }
            if digitStart == position && group > 0 {
                pending = v  // 2천500 (then the end)
                position = probe.index
                break
            }
            if v < lastLarge && lastLarge.isFinite, probe.index >= s.count || !Self.isDigit(s.scalars[probe.index]) {
                pending = v
                position = probe.index
            }
            break
        }
        guard sawUnit else { return nil }
        total += group + (pending ?? 0)
        s.index = position
        return total
    }

    /// A scale word or abbreviation after the number: `1.2 million`, `5bn`, `$3m`.
    private func followingScale(_ s: inout Scanner) -> (Double, Int)? {
        // Glued abbreviation (5bn; 3m and 5k only after a currency sign).
        for (abbreviation, value) in rules.scaleAbbreviations {
            if s.peekGluedWord(abbreviation) {
                let needsCurrency = abbreviation == "m" || abbreviation == "k"
                if needsCurrency && !s.currencyBefore() { continue }
                return (value, s.index + abbreviation.unicodeScalars.count)
            }
        }
        // A scale word, glued (£11million) or after a space.
        var position = s.index
        if position < s.count, s.scalars[position].properties.isAlphabetic {
            let (word, end) = s.word(at: position)
            if let value = scales[word.lowercased()] { return (value, end) }
            return nil
        }
        guard position < s.count, s.scalars[position] == " " else { return nil }
        position += 1
        let (word, end) = s.word(at: position)
        if let value = scales[word.lowercased()] { return (value, end) }
        return nil
    }

    // MARK: - Words

    static func keyHash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in key.unicodeScalars { hash = (hash ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// The cheap test before `parseWords`: hashes the word at `start` as it is scanned (ASCII
    /// lowercased, Hangul as is) and looks the whole word, its hyphen parts, its form without 's,
    /// and its first few letters up in the key hashes. No allocation. Conservative: a word with
    /// other letters (accents, other scripts) passes, and so does a hash collision.
    /// - Complexity: O(k) for a word of k letters.
    private func mayStartNumber(_ s: Scanner, at start: Int) -> Bool {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        let basis: UInt64 = 0xcbf2_9ce4_8422_2325
        var whole = basis
        var part = basis
        var beforeApostrophe: UInt64?
        var letters = 0
        var i = start
        while i < s.count {
            let c = s.scalars[i]
            var v = c.value
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { v += 0x20 } else if !(v >= 0x61 && v <= 0x7A) {
                    // An inner hyphen or apostrophe (word(at:) keeps them when a letter follows).
                    guard c == "-" || c == "'", i > start, i + 1 < s.count, Scanner.isLetter(s.scalars[i + 1]) else { break }
                    if c == "-" {
                        if exactHashes.contains(part) { return true }
                        part = basis
                    } else {
                        beforeApostrophe = whole
                    }
                    whole = (whole ^ UInt64(v)) &* prime
                    i += 1
                    continue
                }
            } else if c == "’" {
                guard i > start, i + 1 < s.count, Scanner.isLetter(s.scalars[i + 1]) else { break }
                beforeApostrophe = whole
                whole = (whole ^ UInt64(v)) &* prime
                i += 1
                continue
            } else if !(v >= 0xAC00 && v <= 0xD7A3) {
                if c.properties.isAlphabetic { return true }
                break
            }
            whole = (whole ^ UInt64(v)) &* prime
            part = (part ^ UInt64(v)) &* prime
            letters += 1
            if letters <= maxPrefixLength, prefixHashes.contains(whole) { return true }
            i += 1
        }
        if exactHashes.contains(whole) || exactHashes.contains(part) { return true }
        if let beforeApostrophe, exactHashes.contains(beforeApostrophe) { return true }
        return false
    }

    /// Whether a word could start a number: it, or a hyphen-separated part of it, is a number word,
    /// or it begins with one of the words matched as prefixes. Most words are not, and skipping
    /// them early is what keeps extraction fast.
    /// - Complexity: O(k) dictionary lookups for a word of k characters (k ≤ the longest prefix key).
    private func mightBeNumberWord(_ lower: String) -> Bool {
        if exactKeys.contains(lower) { return true }
        if lower.utf8.contains(0x2D) {  // a hyphen (bytes: Foundation's contains searches by characters, far slower)
            for part in lower.split(separator: "-") where exactKeys.contains(String(part)) { return true }
        }
        guard maxPrefixLength > 0 else { return false }
        var prefix = ""
        for character in lower.prefix(maxPrefixLength) {
            prefix.append(character)
            if prefixKeys.contains(prefix) { return true }
        }
        return false
    }

    private func parseWords(_ s: inout Scanner) -> [NumberMention]? {
        let start = s.index
        let (word, end) = s.word(at: start)
        var lower = word.lowercased()
        if lower.hasSuffix("'s") || lower.hasSuffix("’s") { lower = String(lower.dropLast(2)) }
        guard mightBeNumberWord(lower) else { return nil }

        // Korean: native numerals before a counter (세 명), ordinals (첫, 두 번째), approximations (수만).
        if !rules.nativeNumerals.isEmpty || !rules.ordinalPatterns.isEmpty {
            // Small ranges: 한두 번, 서너 명 — both values, weak.
            for (rangeWord, values) in rules.nativeRanges where word.hasPrefix(rangeWord) && values.count == 2 {
                let rest = String(word.dropFirst(rangeWord.count))
                if rest.isEmpty || isCounterWord(rest) {
                    s.index = end
                    let range = s.offset(of: start)..<s.offset(of: end)
                    return values.map { NumberMention(value: $0, kind: .cardinal, byteRange: range, isSpelledOut: true, isWeak: true) }
                }
            }
            if let mention = parseNative(&s, word: word, start: start, end: end) { return [mention] }
        }
        // Months: January 5 → month 1 (the day is read as its own number).
        if let month = months[lower] ?? months[lower + "."] {
            var monthEnd = end
            if !months.keys.contains(lower), monthEnd < s.count, s.scalars[monthEnd] == "." { monthEnd += 1 }
            let capitalized = word.first?.isUppercase ?? false
            if !rules.monthsNeedCapital || capitalized {
                // "May" and "March" are also ordinary words: require a digit nearby.
                let ambiguous = lower == "may" || lower == "march"
                if !ambiguous || s.digitNear(monthEnd) {
                    s.index = monthEnd
                    return [NumberMention(value: month, kind: .month, byteRange: s.offset(of: start)..<s.offset(of: monthEnd), isSpelledOut: true)]
                }
            }
        }
        if approximate.contains(lower) {
            s.index = end
            return []
        }
        if let ordinal = rules.ordinalWords[lower] {
            s.index = end
            return [NumberMention(value: ordinal, kind: .ordinal, byteRange: s.offset(of: start)..<s.offset(of: end), isSpelledOut: true, isWeak: true)]
        }
        if let weakValue = rules.weakWordValues[lower] ?? weakWordWithFollower(word) {
            s.index = end
            return [NumberMention(value: weakValue, kind: .cardinal, byteRange: s.offset(of: start)..<s.offset(of: end), isSpelledOut: true, isWeak: true)]
        }
        if lower.utf8.contains(0x2D) {
            let parts = lower.split(separator: "-").map(String.init)
            // two-thirds
            if parts.count == 2, let numerator = words[parts[0]], let denominator = rules.fractionDenominators[parts[1]] {
                s.index = end
                return [NumberMention(value: numerator / denominator, kind: .cardinal, byteRange: s.offset(of: start)..<s.offset(of: end), isSpelledOut: true)]
            }
            // second-degree, first-ever: the ordinal in front.
            if let first = parts.first, let ordinal = rules.ordinalWords[first] {
                s.index = end
                return [NumberMention(value: ordinal, kind: .ordinal, byteRange: s.offset(of: start)..<s.offset(of: end), isSpelledOut: true, isWeak: true)]
            }
            // three-time, four-day, six-point: the number in front.
            if parts.count >= 2, let first = parts.first, let value = words[first], !(parts.count == 2 && words[parts[1]] != nil) {
                s.index = end
                return [NumberMention(value: value, kind: .cardinal, byteRange: s.offset(of: start)..<s.offset(of: end), isSpelledOut: true,
                                      isWeak: weak.contains(first))]
            }
            // double-digit; mother-of-three: a number elsewhere in the compound, as evidence only.
            if !(parts.count == 2 && words[parts[0]] != nil && words[parts[1]] != nil),
               let value = parts.lazy.compactMap({ self.rules.weakWordValues[$0] ?? self.words[$0] }).first {
                s.index = end
                return [NumberMention(value: value, kind: .cardinal, byteRange: s.offset(of: start)..<s.offset(of: end), isSpelledOut: true, isWeak: true)]
            }
        }
        // Cardinal words: nine, twenty-five, one hundred and five, a million, two billion.
        var total: Double = 0
        var current: Double = 0
        var sawNumber = false
        var position = start
        var lastEnd = start
        var weakOnly = true
        var wordsRead = 0
        while position < s.count {
            let (w, e) = s.word(at: position)
            if w.isEmpty { break }
            let lw = w.lowercased()
            var value: Double?
            if let v = words[lw] {
                value = v
            } else if lw.utf8.contains(0x2D) {
                // twenty-five
                let parts = lw.split(separator: "-").map(String.init)
                if parts.count == 2, let tens = words[parts[0]], let ones = words[parts[1]], tens >= 20, ones < 10 {
                    value = tens + ones
                }
            }
            if let v = value {
                // Words add up only as tens + units (twenty five) or after a hundred (a hundred
                // five); "one two" is two numbers.
                if sawNumber, current > 0 {
                    let tensThenUnits = current >= 20 && current < 100 && current.truncatingRemainder(dividingBy: 10) == 0 && v < 10
                    let afterHundred = current.truncatingRemainder(dividingBy: 100) == 0 && v < 100
                    if !(tensThenUnits || afterHundred) { break }
                }
                current += v
                sawNumber = true
                if !weak.contains(lw) { weakOnly = false }
                lastEnd = e
                wordsRead += 1
            } else if let scale = scales[lw], sawNumber || (wordsRead == 0 && rules.articleAsOne.contains(lw)) {
                if scale == 100 {
                    current = max(current, 1) * scale
                } else {
                    total += max(current, 1) * scale
                    current = 0
                }
                weakOnly = false
                lastEnd = e
                wordsRead += 1
            } else if wordsRead == 0 && rules.articleAsOne.contains(lw) {
                // "a" / "an" count as one only before a scale word: a hundred, a million.
                var next = e
                while next < s.count && s.scalars[next] == " " { next += 1 }
                let (w2, _) = s.word(at: next)
                guard scales[w2.lowercased()] != nil else { break }
                current = 1
                sawNumber = true
                wordsRead += 1
            } else if sawNumber && rules.connectors.contains(lw) {
                // "one hundred and five": go on only if a number word follows.
                var next = e
                while next < s.count && s.scalars[next] == " " { next += 1 }
                let (w2, _) = s.word(at: next)
                guard words[w2.lowercased()] != nil else { break }
            } else {
                break
            }
            // Continue past one space (or a hyphen handled inside the word).
            position = e
            if position < s.count && s.scalars[position] == " " { position += 1 } else { break }
        }
        guard sawNumber, lastEnd > start else { return nil }
        // A capitalized number word inside a sentence names something (the Four Corners, the Six
        // Nations): evidence only.
        if rules.capitalizedNumberWordsAreNames, s.scalars[start].properties.isUppercase, s.isInsideSentence(start) { weakOnly = true }
        var kind = NumberMention.Kind.cardinal
        var mentionEnd = lastEnd
        if let percent = s.peekFollowing(rules.percentWords, from: lastEnd) {
            kind = .percent
            mentionEnd = percent
        }
        s.index = mentionEnd
        return [NumberMention(value: total + current, kind: kind, byteRange: s.offset(of: start)..<s.offset(of: mentionEnd),
                              isSpelledOut: true, isWeak: weakOnly)]
    }

    private func parseNative(_ s: inout Scanner, word: String, start: Int, end: Int) -> NumberMention? {
        func mention(_ value: Double, _ kind: NumberMention.Kind, to stop: Int, weak: Bool = false, approximate: Bool = false) -> NumberMention {
            s.index = stop
            return NumberMention(value: value, kind: kind, byteRange: s.offset(of: start)..<s.offset(of: stop), isSpelledOut: true,
                                 isWeak: weak, isApproximate: approximate)
        }
        // Approximations: 수만 명, 수천 명 — consumed so 만 is not read as a number, never compared.
        for prefix in rules.approximatePrefixes where word.hasPrefix(prefix) && word != prefix {
            let rest = word.dropFirst(prefix.count)
            if rules.largeUnits[String(rest.prefix(1))] != nil || rules.smallUnits[String(rest.prefix(1))] != nil {
                return mention(0, .cardinal, to: end, weak: true, approximate: true)
            }
        }
        // Ordinals: 첫, 첫째 …
        if let ordinal = rules.ordinalPatterns[word] { return mention(ordinal, .ordinal, to: end, weak: true) }

        // Day counts: 이틀, 나흘간, 사흘 동안.
        for (dayWord, value) in rules.dayCountWords where word.hasPrefix(dayWord) {
            let rest = String(word.dropFirst(dayWord.count))
            if rest.isEmpty || rules.counterFollowers.contains(rest) || rest == "째" { return mention(value, .cardinal, to: end) }
        }
        let nextStart = s.nextWordStart(after: end)
        let (nextWord, nextEnd) = nextStart.map { s.word(at: $0) } ?? ("", end)

        // A native numeral as a whole word: 세 명, 열 다섯 마리, 두 번째, 여섯 게임.
        if var value = rules.nativeNumerals[word] ?? rules.unambiguousNativeNumerals[word] {
            var stop = end
            var following = (nextWord, nextStart, nextEnd)
            // 열 다섯 = 15, 스무 세 = 23 (tens, then units, as separate words)
            if value >= 10, value.truncatingRemainder(dividingBy: 10) == 0,
               let units = rules.nativeNumerals[nextWord] ?? rules.unambiguousNativeNumerals[nextWord], units < 10 {
                value += units
                stop = nextEnd
                let afterStart = s.nextWordStart(after: nextEnd)
                let (w, e) = afterStart.map { s.word(at: $0) } ?? ("", nextEnd)
                following = (w, afterStart, e)
            }
            if let suffix = rules.ordinalSuffixes.first(where: { following.0.hasPrefix($0) }), let at = following.1 {
                return mention(value, .ordinal, to: at + suffix.unicodeScalars.count, weak: true)
            }
            if isCounterWord(following.0), let at = following.1 {
                let counter = rules.counters.filter { following.0.hasPrefix($0) }.max { $0.count < $1.count } ?? ""
                return mention(value, .cardinal, to: at + counter.unicodeScalars.count, weak: value == 1)
            }
            if rules.unambiguousNativeNumerals[word] != nil || stop != end { return mention(value, .cardinal, to: stop) }
            // 두 국가, 세 사람: a numeral that is only a numeral when it stands alone before a noun.
            if rules.standaloneNativeNumerals[word] != nil, nextStart != nil { return mention(value, .cardinal, to: stop) }
            return nil
        }
        // 둘이, 셋은: a numeral noun with a particle.
        for (numeral, value) in numeralNouns
        where word.hasPrefix(numeral) && word.count > numeral.count {
            if rules.counterFollowers.contains(String(word.dropFirst(numeral.count))) { return mention(value, .cardinal, to: end) }
        }
        // A native numeral glued to an ordinal suffix or a counter that may be glued: 여덟번째, 세명.
        for (numeral, value) in allNativeNumerals
        where word.hasPrefix(numeral) && word.count > numeral.count {
            let rest = String(word.dropFirst(numeral.count))
            if let suffix = rules.ordinalSuffixes.first(where: { rest.hasPrefix($0) }) {
                return mention(value, .ordinal, to: start + numeral.unicodeScalars.count + suffix.unicodeScalars.count, weak: true)
            }
            if let counter = rules.gluedCounters.first(where: { rest.hasPrefix($0) }),
               rest == counter || rules.counterFollowers.contains(String(rest.dropFirst(counter.count))) {
                return mention(value, .cardinal, to: start + numeral.unicodeScalars.count + counter.unicodeScalars.count, weak: value == 1)
            }
        }
        // Sino-Korean numerals as whole words before a counter: 오 주, 십 년.
        if let value = rules.sinoNumerals[word], isCounterWord(nextWord), let at = nextStart {
            let counter = rules.counters.filter { nextWord.hasPrefix($0) }.max { $0.count < $1.count } ?? ""
            return mention(value, .cardinal, to: at + counter.unicodeScalars.count)
        }
        return nil
    }

    /// A weak number word followed by a particle (양국은 = both countries).
    private func weakWordWithFollower(_ word: String) -> Double? {
        for (key, value) in rules.weakWordValues where word.hasPrefix(key) && word.count > key.count {
            if rules.counterFollowers.contains(String(word.dropFirst(key.count))) { return value }
        }
        return nil
    }

    /// A counter as a whole word, or followed by a particle: 명, 명이, 마리를.
    private func isCounterWord(_ word: String) -> Bool {
        guard !word.isEmpty else { return false }
        for counter in rules.counters where word.hasPrefix(counter) {
            let rest = String(word.dropFirst(counter.count))
            if rest.isEmpty || rules.counterFollowers.contains(rest) { return true }
        }
        return false
    }

    // MARK: - Characters

    @inline(__always)
    static func digitValue(_ c: Unicode.Scalar) -> Int? {
        let v = c.value
        if v >= 0x30 && v <= 0x39 { return Int(v - 0x30) }
        if v >= 0xFF10 && v <= 0xFF19 { return Int(v - 0xFF10) }  // fullwidth digits
        return nil
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { digitValue(c) != nil }
}

/// A cursor over a string's scalars that knows each scalar's UTF-8 offset.
struct Scanner {
    let text: String
    let scalars: [Unicode.Scalar]
    private let offsets: [Int]
    var index = 0

    init(text: String) {
        self.text = text
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        let count = text.utf8.count
        scalars.reserveCapacity(count)
        offsets.reserveCapacity(count + 1)
        var bytesOfText = text
        bytesOfText.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let (scalar, width) = UTF8Decoding.scalar(in: bytes, at: offset)
                scalars.append(scalar)
                offsets.append(offset)
                offset += width
            }
        }
        offsets.append(count)
        self.scalars = scalars
        self.offsets = offsets
    }

    var count: Int { scalars.count }
    var atEnd: Bool { index >= scalars.count }
    var current: Unicode.Scalar { scalars[index] }

    func offset(of index: Int) -> Int { offsets[index] }

    /// Whether something other than the start of a sentence comes before `position`: a word or a
    /// comma, not a full stop, a colon, an opening quote or bracket.
    func isInsideSentence(_ position: Int) -> Bool {
        var i = position - 1
        while i >= 0 && scalars[i] == " " { i -= 1 }
        guard i >= 0 else { return false }
        return !".!?:;\"“‘'(—–-".unicodeScalars.contains(scalars[i])
    }

    /// Whether the scalar before `index` is not a letter or digit.
    var isWordStart: Bool {
        guard index > 0 else { return true }
        let previous = scalars[index - 1]
        return !(Scanner.isLetter(previous) || NumberExtractor.isDigit(previous))
    }

    /// A letter, with fast answers for ASCII and Hangul syllables.
    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        if v >= 0xAC00 && v <= 0xD7A3 { return true }
        return c.properties.isAlphabetic
    }

    mutating func skipWord() {
        let start = index
        while !atEnd && (Scanner.isLetter(current) || current == "-" || current == "'") { index += 1 }
        if index == start { index += 1 }
    }

    /// The word at `position`: letters with inner hyphens and apostrophes.
    /// - Complexity: O(k) for a word of k scalars; the word is copied out of the text's UTF-8 in one
    ///   piece (building it scalar by scalar cost more than the rest of a number's parse).
    func word(at position: Int) -> (String, Int) {
        var end = position
        while end < count {
            let c = scalars[end]
            if Scanner.isLetter(c) {
                end += 1
            } else if (c == "-" || c == "'" || c == "’"), end > position, end + 1 < count, Scanner.isLetter(scalars[end + 1]) {
                end += 1
            } else {
                break
            }
        }
        guard end > position else { return ("", end) }
        // Scalar-aligned bounds, sliced as scalars (a String slice would round them to characters).
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: offsets[position])
        let upper = utf8.index(lower, offsetBy: offsets[end] - offsets[position])
        return (String(Substring(text.unicodeScalars[lower..<upper])), end)
    }

    /// Whether the text right before `position` ends with `string` (optionally followed by spaces).
    func endsBefore(_ position: Int, with string: String, allowingSpaces: Bool = false) -> Bool {
        var end = position
        if allowingSpaces {
            while end > 0 && scalars[end - 1] == " " { end -= 1 }
        }
        // No array of the needle, nor its count (which walks the string): this runs for every
        // number against every designator. Compared from its end backwards.
        let needle = string.unicodeScalars
        var before = end
        for scalar in needle.reversed() {
            before -= 1
            if before < 0 || scalars[before] != scalar { return false }
        }
        guard before < end else { return false }
        // The designator must itself start a word (no "piano. 5").
        if before > 0, let first = needle.first, Scanner.isLetter(first), Scanner.isLetter(scalars[before - 1]) { return false }
        return true
    }

    /// Whether `string` follows right at the current position.
    func peekGlued(_ string: String) -> Bool {
        var i = index
        for scalar in string.unicodeScalars {
            guard i < count, scalars[i] == scalar else { return false }
            i += 1
        }
        return true
    }

    /// Whether `string` follows right here and ends a word (for `5bn`, not `5bnx`).
    func peekGluedWord(_ string: String) -> Bool {
        guard peekGlued(string) else { return false }
        let end = index + string.unicodeScalars.count
        return end >= count || !scalars[end].properties.isAlphabetic
    }

    /// One of `candidates` glued here, as a whole word ending (21st).
    func peekWord(in candidates: [String], glued: Bool) -> String? {
        candidates.first { peekGluedWord($0) }
    }

    /// After optional spaces from `from` (default: here), one of `candidates` (a symbol such as
    /// "%" or a word such as "percent"); returns the end position.
    func peekFollowing(_ candidates: [String], from: Int? = nil) -> Int? {
        let origin = from ?? index
        for candidate in candidates {
            // Not the needle's count: it walks the string, for every candidate after every number.
            let needle = candidate.unicodeScalars
            for spaces in 0...1 {
                let start = origin + spaces
                if spaces == 1 && (origin >= count || scalars[origin] != " ") { continue }
                if start > count { continue }
                var ok = true
                var i = start
                var last: Unicode.Scalar?
                for scalar in needle {
                    if i >= count || scalars[i] != scalar {
                        ok = false
                        break
                    }
                    last = scalar
                    i += 1
                }
                if !ok { continue }
                let end = i
                if let last, last.properties.isAlphabetic, end < count, scalars[end].properties.isAlphabetic,
                   !(scalars[end].value >= 0xAC00 && scalars[end].value <= 0xD7A3) {
                    continue  // "percentage" is not "percent"; Korean particles may follow (퍼센트가)
                }
                return end
            }
        }
        return nil
    }

    /// Whether exactly `n` digits start at `position` (then a non-digit or the end): a group of
    /// thousands after a separator.
    func digitsFollow(exactly n: Int, after position: Int) -> Bool {
        guard position + n <= count else { return false }
        for i in position..<(position + n) where !NumberExtractor.isDigit(scalars[i]) { return false }
        return position + n == count || !NumberExtractor.isDigit(scalars[position + n])
    }

    /// A currency sign right before the number that starts at the current token.
    func currencyBefore() -> Bool {
        var i = index - 1
        while i >= 0 && (NumberExtractor.isDigit(scalars[i]) || scalars[i] == "," || scalars[i] == ".") { i -= 1 }
        guard i >= 0 else { return false }
        return ["$", "£", "€", "¥", "₩"].contains(scalars[i])
    }

    /// Where the next word starts after one run of spaces from `position` (nil at the end or when
    /// something other than a space comes first).
    func nextWordStart(after position: Int) -> Int? {
        var i = position
        guard i < count, scalars[i] == " " else { return nil }
        while i < count && scalars[i] == " " { i += 1 }
        return i < count && scalars[i].properties.isAlphabetic ? i : nil
    }

    /// A digit within two positions after a space (May 5) or right before (5 May).
    func digitNear(_ position: Int) -> Bool {
        var i = position
        while i < count && scalars[i] == " " { i += 1 }
        if i < count && NumberExtractor.isDigit(scalars[i]) { return true }
        var j = position
        while j > 0 && scalars[j - 1].properties.isAlphabetic { j -= 1 }
        j -= 1
        while j > 0 && scalars[j] == " " { j -= 1 }
        return j >= 0 && j < count && NumberExtractor.isDigit(scalars[j])
    }
}

/// A set of 64-bit key hashes with a bitmap in front: most words of a text are no number word, and
/// one bit test answers "certainly not" for them, where `Set<UInt64>.contains` would first hash
/// the hash again (SipHash) — for every letter of every word. Answers exactly as the set does.
struct KeyHashSet: Sendable {
    private let hashes: Set<UInt64>
    private let bits: [UInt64]
    private let mask: UInt64

    init(_ hashes: [UInt64]) {
        self.hashes = Set(hashes)
        // About 64 bits per key (at least 4,096): a word not in the set passes the bitmap with a
        // chance of 1 in 64 or less.
        var size = 4096
        while size < hashes.count * 64 { size *= 2 }
        mask = UInt64(size - 1)
        var bits = [UInt64](repeating: 0, count: size / 64)
        for hash in hashes {
            let bit = Int(Self.fold(hash) & mask)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.bits = bits
    }

    /// FNV-1a's low bits are weak for short keys: fold the high half in.
    @inline(__always)
    private static func fold(_ hash: UInt64) -> UInt64 { hash ^ (hash >> 29) ^ (hash >> 47) }

    /// - Complexity: O(1); a set lookup only when the bitmap says maybe.
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        let bit = Int(Self.fold(hash) & mask)
        guard bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return false }
        return hashes.contains(hash)
    }
}
