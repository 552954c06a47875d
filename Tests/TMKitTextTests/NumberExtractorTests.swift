import Testing
import TMKitText

/// Number extraction with the shipped Locales/ rules: the values that must compare equal across
/// English and Korean.
struct NumberExtractorTests {
    static let data = try! DataDirectory.locate()
    static let english = try! NumberExtractor(language: .english, data: data)
    static let korean = try! NumberExtractor(language: .korean, data: data)

    static func values(_ extractor: NumberExtractor, _ text: String) -> [Double] {
        extractor.numbers(in: text).filter { !$0.isApproximate }.map(\.value)
    }

    @Test(arguments: [
        ("8만 명이 수용되어 있다.", [80_000.0]),
        ("12만 명", [120_000]),
        ("3천 명", [3_000]),
        ("2천500만 달러", [25_000_000]),
        ("1억 2천만 원", [120_000_000]),
        ("1억2천만 원", [120_000_000]),
        ("5.5억 달러", [550_000_000]),
        ("2013년에", [2013]),
        ("제22호 관리소", [22]),
        ("22호 관리소", [22]),
        ("세 명이 처형되었다", [3]),
        ("아홉 명", [9]),
        ("9명", [9]),
        ("80,000명", [80_000]),
        ("3.5%가 증가", [3.5]),
        ("1월 5일", [1, 5]),
        ("8만~12만 명", [80_000, 120_000]),
        ("1990년대", [1990]),
    ])
    func readsKoreanNumbers(text: String, expected: [Double]) {
        #expect(Self.values(Self.korean, text) == expected, "\(text)")
    }

    @Test(arguments: [
        ("80,000 people", [80_000.0]),
        ("between 80,000 and 120,000 prisoners", [80_000, 120_000]),
        ("3,000 guards", [3_000]),
        ("nine people were executed", [9]),
        ("twenty-five defectors", [25]),
        ("one hundred and five cases", [105]),
        ("a million people", [1_000_000]),
        ("1.2 million people", [1_200_000]),
        ("$5bn in aid", [5_000_000_000]),
        ("3.5 percent", [3.5]),
        ("in 2013", [2013]),
        ("camp No. 22", [22]),
        ("on Jan. 5", [1, 5]),
        ("on January 5, 2014", [1, 5, 2014]),
        ("the 1990s", [1990]),
        ("the 21st century", [21]),
    ])
    func readsEnglishNumbers(text: String, expected: [Double]) {
        #expect(Self.values(Self.english, text) == expected, "\(text)")
    }

    @Test func sameValueAcrossLanguages() {
        let pairs = [("80,000", "8만"), ("120,000", "12만"), ("3,000", "3천"), ("nine", "9명"), ("2013", "2013년"), ("No. 22", "제22호")]
        for (en, ko) in pairs {
            let a = Self.english.numbers(in: en)
            let b = Self.korean.numbers(in: ko)
            #expect(a.count == 1 && b.count == 1 && a[0].sameValue(as: b[0]), "\(en) vs \(ko)")
        }
    }

    @Test func kindsAreTold() {
        #expect(Self.korean.numbers(in: "2013년").first?.kind == .year)
        #expect(Self.korean.numbers(in: "제22호").first?.kind == .designation)
        #expect(Self.english.numbers(in: "No. 22").first?.kind == .designation)
        #expect(Self.english.numbers(in: "3.5%").first?.kind == .percent)
        #expect(Self.korean.numbers(in: "3.5퍼센트가").first?.kind == .percent)
        #expect(Self.english.numbers(in: "the first time").first?.kind == .ordinal)
    }

    @Test func byteRangeCoversTheWholeMention() {
        let text = "약 8만여 명과 제22호"
        let mentions = Self.korean.numbers(in: text)
        let utf8 = Array(text.utf8)
        let surfaces = mentions.map { String(decoding: utf8[$0.byteRange], as: UTF8.self) }
        #expect(surfaces == ["8만", "제22호"])
    }

    @Test func wordsThatAreNotNumbersAreWeakOrIgnored() {
        // "one" as a pronoun, "first" as an ordinal word: found but weak.
        #expect(Self.english.numbers(in: "no one knows").allSatisfy { $0.isWeak })
        #expect(Self.english.numbers(in: "for the first time").allSatisfy { $0.isWeak })
        // Korean native numerals need a counter: 한국, 세계, 네 are not numbers.
        #expect(Self.korean.numbers(in: "한국은 세계에서 네, 그렇습니다").isEmpty)
        // "May" the verb is not a month; "thousands" is an approximation.
        #expect(Self.english.numbers(in: "They May leave.").isEmpty)
        #expect(Self.values(Self.english, "thousands of people") == [])
        // Approximate Korean amounts are marked, not compared.
        #expect(Self.korean.numbers(in: "수만 명").allSatisfy { $0.isApproximate })
        // A decimal point needs a digit after it; a sentence-final period is not one.
        #expect(Self.values(Self.english, "It was 2013.") == [2013])
        // Thousands separators only before exactly three digits: a list stays a list.
        #expect(Self.values(Self.english, "1,2,3") == [1, 2, 3])
    }
}

extension NumberExtractorTests {
    @Test(arguments: [
        ("22 억 5 천만 명", [2_250_000_000.0]),
        ("370 억 달러", [37_000_000_000]),
        ("1억 4천 2백만 명", [142_000_000]),
        ("37만 5,000달러", [375_000]),
        ("3분의 2 이상", [2.0 / 3.0]),
        ("열 다섯 마리", [15]),
        ("두 국가는", [2]),
        ("오 주 남았습니다", [5]),
        ("나흘 동안", [4]),
        ("여섯 게임", [6]),
    ])
    func readsHarderKoreanNumbers(text: String, expected: [Double]) {
        #expect(Self.values(Self.korean, text) == expected, "\(text)")
    }

    @Test func timesAreWeakAndSplit() {
        let en = Self.english.numbers(in: "found at 7.55am")
        #expect(en.map(\.value) == [7, 55] && en.allSatisfy { $0.isWeak && $0.kind == .time })
        let ko = Self.korean.numbers(in: "오전 7시 55분에")
        #expect(ko.map(\.value) == [7, 55] && ko.allSatisfy { $0.isWeak })
        #expect(Self.korean.numbers(in: "오후 5.30이").map(\.value) == [5, 30])
    }

    @Test func counterNeedsToBeAWordOfItsOwn() {
        // 열대성 (tropical) and 세대 (generation) hide 열/세 + 대, which are not numbers.
        #expect(Self.korean.numbers(in: "열대성 폭풍이 세대를 넘어").isEmpty)
        #expect(Self.korean.numbers(in: "여덟번째 앨범").first?.kind == .ordinal)
        #expect(Self.korean.numbers(in: "두 번째 회담").first?.kind == .ordinal)
    }

    @Test func hyphenatedNumberWords() {
        #expect(Self.values(Self.english, "a three-time winner") == [3])
        #expect(Self.values(Self.english, "a four-day week") == [4])
        #expect(Self.values(Self.english, "two-thirds majority") == [2.0 / 3.0])
        #expect(Self.english.numbers(in: "second-degree murder").first?.kind == .ordinal)
    }
}

extension NumberExtractorTests {
    /// 12시간 is a duration (the counter 시간), not 12 o'clock: a strong number, so "ten hours" ↔
    /// 12시간 is reported; 7시 55분 stays a weak time of day.
    @Test func hoursAreACountNotATimeOfDay() {
        let hours = Self.korean.numbers(in: "하루 12시간 일했다")
        #expect(hours.contains { $0.value == 12 && !$0.isWeak && $0.kind == .cardinal })
        #expect(Self.korean.numbers(in: "7시 55분에").allSatisfy { $0.kind == .time && $0.isWeak })
        #expect(Self.korean.numbers(in: "3개월간").first?.value == 3)
    }
}

extension NumberExtractorTests {
    /// Words that carry a number without being one (biennial ↔ 2년마다, the two Koreas ↔ 남북한),
    /// and number words that are names (the Four Corners): evidence, never reported.
    @Test func numberLikeWordsAndNamesAreWeak() {
        #expect(Self.english.numbers(in: "the biennial event").allSatisfy { $0.isWeak })
        #expect(Self.english.numbers(in: "on the quarter-hour mark").first?.value == 15)
        #expect(Self.english.numbers(in: "Rain will spread into the Four Corners.").allSatisfy { $0.isWeak })
        #expect(Self.english.numbers(in: "Four people died.").contains { !$0.isWeak && $0.value == 4 })
        #expect(Self.korean.numbers(in: "남북한 사이의").allSatisfy { $0.isWeak })
        #expect(Self.korean.numbers(in: "15분 동안").first?.kind == .time)
    }
}
