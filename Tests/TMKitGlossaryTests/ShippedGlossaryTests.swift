import Foundation
import TMKitTestSupport
import TMKitText
import Testing

@testable import TMKitGlossary

/// The shipped North Korea detention glossary: valid, complete, and found by every spelling the
/// issue names.
@Suite struct ShippedGlossaryTests {
    static let loaded: [LoadedGlossary] = try! ShippedGlossaries.load(from: Fixtures.data)
    static let matcher = try! TermMatcher(glossaries: loaded.map(\.glossary), locales: Fixtures.locales)

    var glossary: Glossary { Self.loaded.first { $0.glossary.name == "nk-detention" }!.glossary }

    @Test func loadsWithoutWarnings() {
        #expect(Self.loaded.flatMap(\.warnings).isEmpty, "\(Self.loaded.flatMap(\.warnings))")
    }

    @Test func hasAtLeast25ConceptsEachWithEnglishKoreanDefinitionAndSource() {
        #expect(glossary.concepts.count >= 25)
        for concept in glossary.concepts {
            #expect(!concept.sections(for: "en").isEmpty, "\(concept.id) has no English")
            #expect(!concept.sections(for: "ko").isEmpty, "\(concept.id) has no Korean")
            #expect(concept.definition(in: "en") != nil, "\(concept.id) has no definition")
            #expect(!concept.allSources.isEmpty, "\(concept.id) names no source")
        }
    }

    @Test func validatesAgainstTheTBXCoreSchema() throws {
        let path = ShippedGlossaries.paths(in: Fixtures.data).first { $0.hasSuffix("nk-detention.tbx") }!
        guard let result = try TBXWriterTests.validate(path) else { return }
        #expect(result.ok, "\(result.output)")
    }

    @Test(arguments: [
        ("kwalliso", "kwalliso"), ("gwanliso", "kwalliso"), ("Kwan-Li-So", "kwalliso"), ("관리소에서", "kwalliso"),
        ("kwan-ri-so", "kwalliso"), ("gwalliso", "kwalliso"), ("kwanliso", "kwalliso"), ("정치범 수용소", "kwalliso"),
        ("로동단련대", "rodong-danryeondae"), ("노동단련대", "rodong-danryeondae"), ("ro-dong-dan-ryeon-dae", "rodong-danryeondae"),
        ("kyo-hwa-so", "kyohwaso"), ("교화소로", "kyohwaso"), ("jip-kyul-so", "jipkyulso"), ("kyo-yang-so", "kyoyangso"),
        ("ku-ryu-jang", "kuryujang"), ("bowibu", "state-security"), ("연좌제", "guilt-by-association"), ("songbun", "songbun"),
        ("Commission of Inquiry", "coi"), ("UNHCR", "unhcr"), ("refugee sur place", "refugee-sur-place"), ("defectors", "defector"),
        ("forced repatriation", "forced-repatriation"), ("public executions", "public-execution"),
        ("Kaesong Industrial Complex", "kaesong"), ("six-party talks", "six-party-talks"), ("조선로동당", "wpk"),
    ])
    func findsTheConceptsTheIssueNames(query: String, id: String) {
        let found = Self.matcher.lookup(query)
        #expect(found.first.map { Self.matcher.concept($0.concept).id } == id, "\(query): \(found)")
    }

    @Test func writingTheShippedGlossaryGivesItBackUnchanged() throws {
        let text = TBXWriter.string(glossary)
        let reread = try TBXReader.read(bytes: Array(text.utf8), source: "x.tbx", name: glossary.name).glossary
        #expect(reread == glossary)
    }
}
