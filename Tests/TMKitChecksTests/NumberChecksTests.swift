import Testing
import TMKitChecks
import TMKitText

/// The number check: a strong number on one side with no same-valued mention on the other.
struct NumberChecksTests {
    @Test(arguments: [
        ("Between 80,000 and 120,000 people are held.", "8만~12만 명이 수용되어 있다."),
        ("Nine people were executed.", "9명이 처형되었다."),
        ("The camp opened in 2013.", "수용소는 2013년에 문을 열었다."),
        ("Camp No. 22 was closed.", "제22호 관리소는 폐쇄되었다."),
        ("About 3,000 guards work there.", "약 3천 명의 경비가 일한다."),
        ("It lasted six months.", "6개월 동안 계속되었다."),
        ("A year later he was released.", "1년 뒤 그는 석방되었다."),
        ("The report was presented on 17 March 2014.", "보고서는 2014년 3월 17일에 제출되었다."),
        ("Relatives up to three generations may be detained.", "3대에 걸친 친척까지 구금될 수 있다."),
        ("Hundreds of thousands died.", "수십만 명이 사망했다."),
        ("They worked for ten hours a day.", "그들은 하루 10시간 일했다."),
    ])
    func acceptsNumbersThatAgree(source: String, target: String) {
        #expect(Fixture.findings(source, target, only: ["numbers"]).isEmpty, "\(source) ↔ \(target)")
    }

    @Test(arguments: [
        ("Between 80,000 and 120,000 people are held.", "8천~12만 명이 수용되어 있다.", "-80000,+8000"),
        ("Nine people were executed.", "8명이 처형되었다.", "-9,+8"),
        ("Camp No. 15 is the best known.", "제5호 관리소가 가장 잘 알려져 있다.", "-15,+5"),
        ("The camp opened in 2013.", "수용소는 2012년에 문을 열었다.", "-2013,+2012"),
        ("They worked for ten hours a day.", "그들은 하루 12시간 일했다.", "-10,+12"),
        ("It was presented on 17 March 2014.", "2014년 3월 7일에 제출되었다.", "-17"),
        ("More than 240 interviews were held.", "비공개 면담이 진행되었다.", "-240"),
    ])
    func reportsNumbersThatDiffer(source: String, target: String, item: String) {
        let found = Fixture.findings(source, target, only: ["numbers.mismatch"])
        #expect(found.count == 1)
        #expect(found.first?.item == item)
        #expect(found.first?.severity == .error)
    }

    @Test func messageShowsBothNumbersAndWhatToDo() throws {
        let finding = try #require(Fixture.findings("80,000 people", "8천 명", only: ["numbers"]).first)
        #expect(finding.message == "the source says 80,000 but the translation says 8천 (= 8,000): make the numbers agree")
        #expect(finding.targetSpan.map { finding.target.utf8Slice($0) } == "8천")
    }

    @Test func reportsBareYearBeforeParticle() throws {
        let finding = try #require(Fixture.findings("It was closed in 2012.", "2012에 폐쇄되었다.", only: ["numbers"]).first)
        #expect(finding.check == "numbers.unit")
        #expect(finding.message.contains("2012년"))
        // 1000명: a count, not a year; 2012년에: correct.
        #expect(Fixture.findings("Almost 1000 people were injured.", "거의 1000명이 다쳤다.", only: ["numbers"]).isEmpty)
        #expect(Fixture.findings("It was closed in 2012.", "2012년에 폐쇄되었다.", only: ["numbers"]).isEmpty)
    }

    @Test func reportsPercentageWithoutSign() {
        let found = Fixture.findings("Sales were up 2.8 per cent.", "매출이 2.8 상승했다.", only: ["numbers"])
        #expect(found.map(\.check) == ["numbers.unit"])
        #expect(Fixture.findings("Sales were up 2.8 per cent.", "매출이 2.8% 상승했다.", only: ["numbers"]).isEmpty)
    }
}
