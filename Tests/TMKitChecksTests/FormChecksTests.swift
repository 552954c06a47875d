import Testing
import TMKitChecks
import TMKitText

struct FormChecksTests {
    @Test(arguments: [
        ("Welsh AMs worried about 'looking like muppets'", "웨일스 의원들은 ‘멍청이처럼 보이는 것’을 걱정했다"),
        ("He said: “We will never leave.”", "그는 “우리는 절대 떠나지 않는다”고 말했다."),
        ("He said \"no\".", "그는 “아니다\"라고 말했다."),
        ("The prisoners' camp.", "수감자들의 수용소."),
        ("“It began", "“그것이 시작되었다"),
        ("It ended.”", "끝났다.”"),
    ])
    func acceptsPairedOrMirroredQuotes(source: String, target: String) {
        #expect(Fixture.findings(source, target, only: ["form.quotes"]).isEmpty, "\(target)")
    }

    @Test func reportsQuoteLeftOpen() throws {
        let finding = try #require(Fixture.findings("He said: “We will never leave.”", "그는 “우리는 절대 떠나지 않는다고 말했다.",
                                                    only: ["form"]).first)
        #expect(finding.check == "form.quotes")
        #expect(finding.item == "“")
        #expect(finding.severity == .warning)
    }

    @Test func reportsBracketLeftOpen() {
        #expect(Fixture.findings("The report (A/HRC/25/63) was published.", "보고서(A/HRC/25/63가 발표되었다.", only: ["form"]).map(\.check)
            == ["form.brackets"])
    }

    @Test func reportsDoubleSpaceOnlyWhenTheSourceHasNone() {
        #expect(Fixture.findings("Beatings were common.", "구타가  일상이었다.", only: ["form"]).map(\.check) == ["form.double-space"])
        #expect(Fixture.findings("Beatings  were common.", "구타가  일상이었다.", only: ["form"]).isEmpty)
    }

    @Test func reportsRepeatedWord() throws {
        let finding = try #require(Fixture.findings("They work to meet quotas.", "할당량을 채우기 위해 위해 일한다.", only: ["form"]).first)
        #expect(finding.check == "form.repeated-word")
        #expect(finding.item == "위해")
    }

    /// Repeats are compared as `lowercased()` would (the comparison decides most pairs without
    /// lower-casing: these pin down where it must still find a repeat or must not).
    @Test(arguments: [
        ("The report was published.", "보고서 The the 발표되었다.", "the"),
        ("The report was published.", "보고서 ÄRGER ärger 발표되었다.", "ärger"),
        ("The report was published.", "보고서 ΣΟΦΙΑ σοφια 발표되었다.", "σοφια"),
        ("They were held there.", "그들은 그곳에 그곳에 수감되었다.", "그곳에"),
    ])
    func reportsRepeatedWordWhateverItsCase(source: String, target: String, item: String) {
        #expect(Fixture.findings(source, target, only: ["form.repeated-word"]).map(\.item) == [item], "\(target)")
    }

    @Test(arguments: [
        ("They were held there.", "그들은 그곳에 그곳의 수감되었다."),
        ("They were held there.", "그들은 the tho 수감되었다."),
        ("They were held there.", "그들은 Kelvin KELVIM 수감되었다."),
    ])
    func acceptsEqualLengthWordsThatDiffer(source: String, target: String) {
        #expect(Fixture.findings(source, target, only: ["form.repeated-word"]).isEmpty, "\(target)")
    }

    @Test(arguments: [
        ("Hurry, hurry!", "빨리 빨리!"),
        ("Pump it out, pump it out, I'm feeding them.", "쭉욱 쭉욱 짜내서 아기에게 젖을 준다."),
    ])
    func acceptsRepeatsTheLanguageOrSourceAllows(source: String, target: String) {
        #expect(Fixture.findings(source, target, only: ["form.repeated-word"]).isEmpty)
    }

    @Test func capitalCheckIsOffForKoreanAndOnForEnglish() throws {
        #expect(Fixture.context.targetSettings.features.isEmpty)
        let reverse = try CheckContext.load(source: .korean, target: .english, data: Fixture.data)
        let found = Fixture.findings("관리소는 폐쇄되었다.", "the camp was closed.", only: ["form"], context: reverse)
        #expect(found.isEmpty, "Korean has no capitals to compare")
        let english = try CheckContext.load(source: .english, target: .english, data: Fixture.data)
        #expect(Fixture.findings("The camp was closed.", "the camp was shut.", only: ["form"], context: english).map(\.check)
            == ["form.initial-capital"])
    }

    @Test func reportsTranslationFarLongerThanExpected() {
        let source = "The camps are large areas in remote mountain valleys, far from towns."
        let target = String(repeating: "관리소는 외딴 산골짜기에 자리한 넓은 구역으로 전기 철조망과 경비 초소로 둘러싸여 있다. ", count: 3)
        #expect(Fixture.findings(source, target, only: ["form.length-ratio"]).map(\.severity) == [.info])
    }
}
