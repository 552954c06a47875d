import TMKitText
import Testing

@testable import TMKitGlossary

/// The romanizer applies the shipped rule files without ICU (`TransformRules`) and decomposes
/// Hangul itself; these tests hold it to the ICU path, spelling for spelling.
@Suite struct RomanizerFastPathTests {
    static let profile = try! Fixtures.locales.profile(for: "ko")
    /// Romanizers are not thread-safe: each test makes its own.
    let romanizers = Self.profile.romanizations.map { try! Romanizer($0, language: "ko") }

    /// Every system's spellings of `text`, fast and through ICU, with what differs.
    func compare(_ text: String, limit: Int = 32) -> [String] {
        var differences: [String] = []
        for romanizer in romanizers {
            let fast = romanizer.spellings(of: text, limit: limit)
            let reference = romanizer.referenceSpellings(of: text, limit: limit)
            if fast != reference { differences.append("\(romanizer.system.name) \(text): \(fast) ≠ \(reference)") }
        }
        return differences
    }

    @Test func readsEveryShippedRuleFileWithoutICU() {
        #expect(!romanizers.isEmpty)
        for romanizer in romanizers {
            #expect(romanizer.isFast, "\(romanizer.system.name) falls back to ICU")
        }
    }

    @Test func spellsEveryShippedKoreanTermAsICUDoes() throws {
        let glossaries = try ShippedGlossaries.load(from: Fixtures.data).map(\.glossary)
        var texts: [String] = []
        for concept in glossaries.flatMap(\.concepts) {
            for section in concept.languages where section.language.hasPrefix("ko") {
                for term in section.terms {
                    texts.append(term.text)
                    texts += Self.profile.initialSound?.variants(of: term.text) ?? []
                }
            }
        }
        #expect(texts.count > 40)
        let differences = texts.flatMap { compare($0, limit: 64) }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    /// Every final consonant before every initial consonant (the sound changes), every initial
    /// with every vowel, and every final at the end of a word.
    @Test func spellsEverySyllableJunctionAsICUDoes() {
        var texts: [String] = []
        func syllable(_ initial: Int, _ vowel: Int, _ final: Int) -> String {
            String(Unicode.Scalar(UInt32(0xAC00 + initial * 588 + vowel * 28 + final))!)
        }
        for final in 0..<28 {
            for initial in 0..<19 {
                texts.append(syllable(0, 0, final) + syllable(initial, 2, 0) + syllable(5, 20, final))
            }
        }
        for initial in 0..<19 {
            for vowel in 0..<21 { texts.append(syllable(initial, vowel, (initial + vowel) % 28)) }
        }
        let differences = texts.flatMap { compare($0) }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    @Test func spellsRandomWordsAndMixedTextAsICUDoes() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var texts: [String] = [
            "UN 안보리", "6.25 전쟁", "café 관리소", "관리소(정치범수용소)", "a|b 교화소", "노동 단련대", "ㄱ관리",
            "北 관리소", "관리소\u{1100}\u{1161}", "Ŏ관리소", "조선 로동당 중앙위원회",
        ]
        for _ in 0..<300 {
            let length = 1 + Int(next() % 5)
            var word = String.UnicodeScalarView()
            for _ in 0..<length { word.append(Unicode.Scalar(UInt32(0xAC00 + next() % 11172))!) }
            if next() % 4 == 0 { word.append(" ") ; word.append(Unicode.Scalar(UInt32(0xAC00 + next() % 11172))!) }
            texts.append(String(word))
        }
        let differences = texts.flatMap { compare($0) }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    /// Rule files of the subset, each checked against ICU on texts that exercise one rule of
    /// ICU's semantics.
    @Test(arguments: [
        // The first rule that matches wins; the position moves past what was written.
        ("ab > x ; b > y ; a > z ;", ["abb", "aab", "ba", "c"]),
        // A before-context sees what earlier rules wrote, not the original text.
        ("a > b ; b { c > d ;", ["ac", "bc", "abc", "cc"]),
        // An after-context sees the original text ahead.
        ("a } b > x ; b > y ;", ["ab", "abb", "ba"]),
        // Sets, ranges, variables, quoted and escaped text, segments.
        ("$v = [aeiou] ; $v { k > g ; [x-z] > '-' ; \\' > q ; ([m-n]) a > $1 $1 ;", ["aka", "kak", "xyz", "it's", "mana"]),
        ("'n-' { r > l ; r > '(r|l)' ;", ["n-ra", "ra", "n-r"]),
        ("ᆫ ᄅ > ᆯ ᄅ ; ᆨ } [ᄂᄆ] > ᆼ ;", ["\u{11AB}\u{1105}", "\u{11A8}\u{1102}", "\u{11A8}\u{1100}"]),
        // Empty output, and an output that a later position's context reads.
        ("x > ; a > n ; n { b > c ;", ["xab", "ab", "nb"]),
    ])
    func appliesRulesAsICUDoes(rules: String, texts: [String]) throws {
        #expect(TransformRules(rules) != nil)
        let romanizer = try Romanizer(RomanizationSystem(name: "t", label: "t", steps: [.rules(text: rules, file: "t.txt")]), language: "und")
        for text in texts {
            #expect(romanizer.spellings(of: text, limit: 8) == romanizer.referenceSpellings(of: text, limit: 8), "\(rules) on \(text)")
        }
    }

    @Test(arguments: [
        "::NFD ; a > b ;", "a | b > c ;", "[:L:] > x ;", "^a > b ;", "a <> b ;", "a < b ;", "a* > b ;", "[^a] > b ;",
        "a > b | c ;", "\\n > x ;", ". > x ;", "a > b ; c",
    ])
    func leavesSyntaxItDoesNotReadToICU(rules: String) {
        #expect(TransformRules(rules) == nil)
    }

    /// What `spellings` relies on to skip NFC and grapheme clusters for romanized text.
    @Test func textBelowU0300IsNFCAndOneCharacterPerScalar() {
        var view = String.UnicodeScalarView()
        for value in UInt32(1)..<0x300 {
            view.append(Unicode.Scalar(value)!)
            view.append(Unicode.Scalar(0x300 - value)!)
        }
        let text = String(view)
        #expect(text.nfc.unicodeScalars.elementsEqual(text.unicodeScalars))
        // CR LF is the only pair that forms one Character; it holds no ( | ).
        #expect(text.count == text.unicodeScalars.count - text.split(separator: "\r\n", omittingEmptySubsequences: false).count + 1)
    }

    @Test func expandsScalarsAsItExpandsCharacters() {
        for pattern in ["(k|g)ang-(k|g)(eo|o)", "a(b|c", "a)b(c|)d", "(x)(x|y)", "()", "((a|b)|c)", "plain", "(eo|o|u)-(eo|o|u)"] {
            let scalars = pattern.unicodeScalars.map(\.value)
            for limit in [0, 1, 3, 32] {
                #expect(Romanizer.expand(scalars, limit: limit) == Romanizer.expand(pattern, limit: limit), "\(pattern) \(limit)")
            }
        }
    }
}
