import TMKitText

/// North/South Korean spellings of a word's first syllable (the initial-sound rule, 두음법칙):
/// South Korean spelling turns a word-initial ㄹ into ㄴ or ㅇ and a word-initial ㄴ before
/// i/y-vowels into ㅇ; North Korean spelling keeps them (로동 / 노동, 리용 / 이용, 녀성 / 여성).
///
/// The rules are data (`Locales/ko/initial-sound.tsv`); this type applies them both ways.
public struct InitialSoundRules: Sendable {
    struct Rule: Sendable {
        /// Leading-consonant indexes (0 = ㄱ … 18 = ㅎ) and vowel indexes (0 = ㅏ … 20 = ㅣ).
        var from: Int
        var vowels: Set<Int>?
        var to: Int
    }

    var rules: [Rule]
    /// `alternatives(initial:vowel:)` for every initial and vowel, made once.
    private var table: [[Int]] = []

    static let initials = Array("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ".unicodeScalars)

    /// Reads `INITIAL<TAB>VOWELS<TAB>INITIAL` lines written with compatibility jamo (ㄹ, ㅑ).
    public init(contentsOf path: String) throws {
        rules = []
        for (number, line) in try TermLocales.dataLines(path) {
            let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            func initial(_ text: String) -> Int? {
                guard text.unicodeScalars.count == 1, let s = text.unicodeScalars.first else { return nil }
                return Self.initials.firstIndex(of: s)
            }
            guard fields.count == 3, let from = initial(fields[0]), let to = initial(fields[2]) else {
                throw TMKitError(
                    .invalidData, "expected INITIAL<TAB>VOWELS (or *)<TAB>INITIAL, with compatibility jamo such as ㄹ",
                    file: path, line: number)
            }
            var vowels: Set<Int>?
            if fields[1] != "*" {
                var set = Set<Int>()
                for scalar in fields[1].unicodeScalars {
                    guard (0x314F...0x3163).contains(scalar.value) else {
                        throw TMKitError(.invalidData, "'\(scalar)' is not a vowel jamo (ㅏ … ㅣ)", file: path, line: number)
                    }
                    set.insert(Int(scalar.value - 0x314F))
                }
                vowels = set
            }
            rules.append(Rule(from: from, vowels: vowels, to: to))
        }
        table = (0..<(19 * 21)).map { alternatives(initial: $0 / 21, vowel: $0 % 21) }
    }

    /// `properties.isWhitespace`, without Unicode's tables for ASCII and Hangul.
    private static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return s.value == 0x20 || (0x09...0x0D).contains(s.value) }
        if (0xAC00...0xD7A3).contains(s.value) { return false }
        return s.properties.isWhitespace
    }

    /// The initial a rule list gives `(initial, vowel)`, trying rules in order.
    private func forward(_ initial: Int, _ vowel: Int) -> Int? {
        for rule in rules where rule.from == initial {
            if rule.vowels?.contains(vowel) ?? true { return rule.to }
        }
        return nil
    }

    /// The other spellings of a syllable's initial: North → South and South → North.
    func alternatives(initial: Int, vowel: Int) -> [Int] {
        var result: [Int] = []
        if let to = forward(initial, vowel), to != initial { result.append(to) }
        // Reverse: every initial whose forward rule gives this one for this vowel, in the order
        // the rules name them (a Set's order changes from run to run, and with it the order of
        // the variants and which of two equal spellings a match reports).
        var tried: [Int] = []
        for rule in rules where !tried.contains(rule.from) {
            tried.append(rule.from)
            if rule.from != initial && forward(rule.from, vowel) == initial { result.append(rule.from) }
        }
        return result
    }

    /// The other spellings of `text`: the first syllable of each of its words changed by the
    /// rules, both ways (노동단련대 → 로동단련대; 로동 → 노동; 여성 → 려성, 녀성). At most `limit`.
    public func variants(of text: String, limit: Int = 8) -> [String] {
        // Most terms have no word-initial syllable the rules change: find out without arrays.
        var changes = false
        var previous: Unicode.Scalar?
        for s in text.unicodeScalars {
            if (0xAC00...0xD7A3).contains(s.value) && (previous.map(Self.isWhitespace) ?? true) {
                let code = Int(s.value) - 0xAC00
                if !table[(code / 588) * 21 + (code % 588) / 28].isEmpty {
                    changes = true
                    break
                }
            }
            previous = s
        }
        guard changes else { return [] }
        let scalars = Array(text.unicodeScalars)
        var starts: [Int] = []
        for (i, s) in scalars.enumerated() where (0xAC00...0xD7A3).contains(s.value) {
            if i == 0 || scalars[i - 1].properties.isWhitespace { starts.append(i) }
        }
        var results: [[Unicode.Scalar]] = [scalars]
        for index in starts {
            let code = Int(scalars[index].value) - 0xAC00
            let initial = code / 588
            let vowel = (code % 588) / 28
            let final = code % 28
            let others = table[initial * 21 + vowel]
            if others.isEmpty { continue }
            var grown = results
            for base in results {
                for other in others {
                    var copy = base
                    copy[index] = Unicode.Scalar(UInt32(0xAC00 + other * 588 + vowel * 28 + final))!
                    grown.append(copy)
                }
            }
            results = Array(grown.prefix(limit + 1))
        }
        return results.dropFirst().map { String(String.UnicodeScalarView($0)) }
    }
}
