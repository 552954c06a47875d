import Testing
import TMKitChecks
import TMKitGlossary
import TMKitText

/// The adapter over the glossary's matcher, with the shipped glossary (Glossary/*.tbx).
struct GlossaryTermIndexTests {
    static let index: GlossaryTermIndex = try! #require(try GlossaryTermIndex.load(data: Fixture.data))

    @Test func findsKoreanTermsWithParticlesAndSpacing() {
        let found = Self.index.occurrences(in: "그는 관리소에서 정치범 수용소로 옮겨졌다.", language: .korean)
        #expect(found.map(\.term) == ["관리소", "정치범수용소"])
        #expect(found.map(\.surface) == ["관리소", "정치범 수용소"])
        #expect(Set(found.map(\.conceptID)).count == 1, "one concept, two renderings")
        #expect(found.allSatisfy { $0.use == .approved && !$0.isRomanization })
    }

    @Test func romanizationsAreSpellingsInEnglishAndLeftoversInKorean() {
        let english = Self.index.occurrences(in: "He was held in a kwan-li-so and later in a kwanliso.", language: .english)
        #expect(english.count == 2)
        #expect(english.allSatisfy { $0.isRomanization })
        #expect(Self.index.occurrences(in: "jip-kyul-so는 경찰이 운영한다.", language: .korean).isEmpty)
        // Asked for as English (the source language), the romanization is found: a leftover. (With a
        // Korean particle glued on, the word-based leftover rule finds it instead.)
        #expect(Self.index.occurrences(in: "경찰이 운영하는 jip-kyul-so 시설", language: .english).map(\.isRomanization) == [true])
    }

    @Test func approvedRenderingsLeaveOutRomanizationsAndDeprecatedTerms() throws {
        let defector = try #require(Self.index.occurrences(in: "a North Korean defector", language: .english).first)
        let renderings = Self.index.approvedTerms(of: defector.conceptID, in: .korean)
        #expect(renderings.contains("탈북민"))
        #expect(!renderings.contains("새터민"))
        #expect(Self.index.occurrences(in: "새터민으로", language: .korean).first?.use == .deprecated)
        let camp = try #require(Self.index.occurrences(in: "a kwanliso", language: .english).first)
        #expect(Self.index.approvedTerms(of: camp.conceptID, in: .korean).allSatisfy { !$0.contains("kw") })
        #expect(Self.index.label(of: camp.conceptID) == "'political prison camp'")
    }

    @Test func acronymsMatchOnlyAsWritten() {
        #expect(Self.index.occurrences(in: "Labour MPs voted against it.", language: .english).isEmpty)
        #expect(Self.index.occurrences(in: "He was held by the MPS.", language: .english).count == 1)
    }
}
