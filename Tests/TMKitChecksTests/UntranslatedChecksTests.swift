import Testing
import TMKitChecks
import TMKitText

struct UntranslatedChecksTests {
    @Test func reportsEmptyTranslation() {
        #expect(Fixture.findings("The camp is closed.", "", only: ["untranslated"]).map(\.check) == ["untranslated.empty"])
        #expect(Fixture.findings("The camp is closed.", "  ", only: ["untranslated"]).map(\.check) == ["untranslated.empty"])
    }

    @Test func reportsSourceCopiedUnchanged() {
        let found = Fixture.findings("Prisoners are sent there without trial.", "Prisoners are sent there without trial.", only: ["untranslated"])
        #expect(found.map(\.check) == ["untranslated.identical"])
    }

    @Test(arguments: ["BBC", "iPhone X", "2014", "Kim Jong-un", "A/HRC/25/63"])
    func keepsNamesAndCodesThatStayTheSame(text: String) {
        #expect(Fixture.findings(text, text, only: ["untranslated"]).isEmpty, "\(text)")
    }

    @Test func reportsTranslationMostlyInSourceScript() {
        let found = Fixture.findings("The Commission concluded that the abuses amount to crimes against humanity.",
                                     "조사위원회는 the abuses in the camps amount to crimes against humanity라고 결론지었다.", only: ["untranslated"])
        #expect(found.map(\.check) == ["untranslated.script"])
    }

    @Test func reportsRomanizationLeftInKorean() throws {
        let found = Fixture.findings("A jip-kyul-so is run by the provincial police.", "jip-kyul-so는 도 단위 경찰이 운영한다.", only: ["untranslated"])
        let finding = try #require(found.first)
        #expect(finding.check == "untranslated.leftover")
        #expect(finding.item == "jip-kyul-so")
        #expect(finding.targetSpan == 0..<11)
    }

    @Test(arguments: [
        ("People are first taken to holding centres, known as jip-kyul-so.", "사람들은 먼저 집결소(jip-kyul-so)로 보내진다."),
        ("Email jo@samaritans.org or visit the website.", "jo@samaritans.org로 이메일을 보내거나 웹사이트를 방문하라."),
        ("He cited weather.com reports.", "그는 weather.com의 보도를 인용했다."),
        ("Quote log 247 when you call.", "전화할 때 log 247을 언급하라."),
        ("His first song was Proud by Heather Small.", "그의 첫 곡은 Proud by Heather Small이었다."),
    ])
    func keepsGlossesAddressesAndTitles(source: String, target: String) {
        #expect(Fixture.findings(source, target, only: ["untranslated.leftover"]).isEmpty, "\(target)")
    }
}
