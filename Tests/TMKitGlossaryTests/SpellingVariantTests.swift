import TMKitText
import Testing

@testable import TMKitGlossary

/// The spellings TMKit makes from Korean terms with the data in Locales/ko: romanizations and
/// North/South initial-sound variants.
@Suite struct SpellingVariantTests {
    static let profile = try! Fixtures.locales.profile(for: "ko")

    func spellings(_ term: String) throws -> Set<String> {
        var result = Set<String>()
        for system in Self.profile.romanizations {
            let romanizer = try Romanizer(system, language: "ko")
            result.formUnion(romanizer.spellings(of: term, limit: 64))
        }
        return result
    }

    /// What matching compares: lower case, no hyphens, spaces or accents.
    func folded(_ spellings: Set<String>) -> Set<String> {
        var scanner = KeyScanner()
        return Set(spellings.map { String(decoding: scanner.key(of: $0), as: UTF8.self) })
    }

    @Test func romanizes관리소InEverySpellingOfEnglishReports() throws {
        let made = try spellings("관리소")
        #expect(made.isSuperset(of: ["gwalliso", "kwalliso", "kwan-li-so", "kwan-ri-so", "gwan-ri-so"]), "\(made)")
        #expect(folded(made).isSuperset(of: ["kwalliso", "kwanliso", "kwanriso", "gwalliso", "gwanliso"]))
    }

    @Test(arguments: [
        ("교화소", ["kyohwaso", "gyohwaso", "kyo-hwa-so"]),
        ("집결소", ["jipgyeolso", "chipkyŏlso", "jip-kyul-so"]),
        ("로동단련대", ["rodongdallyeondae", "rodongdallyŏndae", "ro-dong-dan-ryeon-dae"]),
        ("구류장", ["guryujang", "kuryujang", "ku-ryu-jang"]),
        ("한국어", ["hangugeo", "han'gugŏ"]),
        ("독립", ["dongnip", "tongnip"]),
    ])
    func appliesSoundChangesAndSyllableSpellings(term: String, expected: [String]) throws {
        let made = try spellings(term)
        #expect(made.isSuperset(of: Set(expected)), "\(term): \(made.sorted())")
    }

    @Test func namesEachSystem() throws {
        let shown = try Fixtures.locales.romanizations(of: "관리소", language: "ko")
        #expect(shown.map(\.system).contains("McCune–Reischauer"))
        #expect(shown.first { $0.system == "Revised Romanization" }?.spelling == "gwalliso")
        #expect(shown.first { $0.system == "McCune–Reischauer" }?.spelling == "kwalliso")
    }

    @Test func expandsChoicesConsistentlyAndFirstChoiceFirst() {
        let made = Romanizer.expand("(k|g)ang-(k|g)(eo|o)", limit: 10)
        #expect(made.first == "kang-keo")
        #expect(made.count == 4)
        #expect(!made.contains("kang-geo"))
        #expect(Romanizer.expand("(a|b)(c|d)(e|f)", limit: 3).count == 3)
    }

    @Test(arguments: [
        ("로동", ["노동"]), ("노동", ["로동"]), ("리용", ["이용"]), ("녀성", ["여성"]), ("여성", ["려성", "녀성"]),
        ("력사", ["역사"]), ("류학", ["유학"]), ("례절", ["예절"]), ("락원", ["낙원"]),
    ])
    func makesTheOtherNorthSouthSpellingOfTheFirstSyllable(term: String, expected: [String]) throws {
        let rules = try #require(Self.profile.initialSound)
        let variants = rules.variants(of: term)
        #expect(Set(variants).isSuperset(of: Set(expected)), "\(term): \(variants)")
    }

    /// The same term gets its variants in the same order in every run (rule order: ㄹ before ㄴ),
    /// so the index, and which of two equal spellings a match reports, do not change between runs.
    @Test func makesVariantsInTheOrderOfTheRules() throws {
        let rules = try #require(Self.profile.initialSound)
        #expect(rules.variants(of: "여성") == ["려성", "녀성"])
        #expect(rules.variants(of: "인민보안성") == ["린민보안성", "닌민보안성"])
    }

    @Test func leavesInnerSyllablesAlone() throws {
        let rules = try #require(Self.profile.initialSound)
        // 단련 keeps its 련 in both spellings; only the first syllable of each word changes.
        #expect(rules.variants(of: "노동단련대") == ["로동단련대"])
        #expect(rules.variants(of: "강제 노동").contains("강제 로동"))
        #expect(rules.variants(of: "관리소").isEmpty)
    }

    @Test func placesARomanizationRuleErrorInItsFile() throws {
        let system = RomanizationSystem(
            name: "broken", label: "broken", steps: [.rules(text: "a > b ;\nc > $undefined ;", file: "bad.txt")])
        let error = try #require(throws: TMKitError.self) { try Romanizer(system, language: "ko") }
        #expect(error.file == "bad.txt")
        #expect(error.line != nil)
    }
}
