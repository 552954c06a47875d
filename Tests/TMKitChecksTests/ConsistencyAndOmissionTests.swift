import Testing
import TMKitChecks
import TMKitText

struct ConsistencyChecksTests {
    @Test func reportsSameSourceTranslatedDifferently() throws {
        let found = Fixture.findings([
            ("Clean water is scarce.", "깨끗한 물이 부족합니다."),
            ("Food is scarce too.", "식량도 부족합니다."),
            ("Clean water is scarce", "깨끗한 물이 부족하다."),
        ], only: ["consistency"])
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.check == "consistency.source")
        #expect(finding.pairIndex == 2)
        #expect(finding.message.contains("at line 1"))
    }

    @Test func acceptsRepeatedSourceWithSameTranslation() {
        #expect(Fixture.findings([("Yes.", "네."), ("Yes", "네")], only: ["consistency"]).isEmpty)
    }

    @Test func reportsDifferentSourcesWithSameLongTranslation() {
        let found = Fixture.findings([
            ("The camps hold about 80,000 people in remote valleys.", "관리소에는 외딴 골짜기에 약 8만 명이 수용되어 있다."),
            ("The camps hold about 120,000 people in remote valleys.", "관리소에는 외딴 골짜기에 약 8만 명이 수용되어 있다."),
            ("Yes.", "네."), ("Yeah.", "네."),
        ], only: ["consistency"])
        #expect(found.map(\.check) == ["consistency.target"])
        #expect(found.first?.pairIndex == 1)
    }
}

struct OmissionChecksTests {
    @Test func reportsSourceOnlyAndTargetOnlyBeads() {
        let pairs = [
            SegmentPair(index: 0, source: "Relatives may be detained.", target: "", link: .sourceOnly),
            SegmentPair(index: 1, source: "", target: "이들은 감시를 받는다.", link: .targetOnly),
        ]
        let result = CheckRunner(context: Fixture.context, only: ["omission", "addition"]).run(pairs)
        #expect(result.findings.map(\.check) == ["omission.missing", "addition.extra"])
        #expect(result.findings.map(\.severity) == [.error, .warning])
    }

    @Test func reportsTranslationFarShorterThanItsSource() {
        let source = "Detainees are questioned there about their time abroad and about any contact with South Koreans or missionaries."
        #expect(Fixture.findings(source, "조사를 받는다.", only: ["omission"]).map(\.check) == ["omission.short"])
        #expect(Fixture.findings(source, "구금된 사람들은 이곳에서 해외 체류 기간의 행적과 한국인이나 선교사와의 접촉 여부에 대해 조사를 받는다.",
                                 only: ["omission"]).isEmpty)
    }
}
