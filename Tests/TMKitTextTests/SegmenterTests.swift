import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// Sentence segmentation with the shipped SRX rules: what must stay whole, what must split.
struct SegmenterTests {
    static let data = Result { try DataDirectory.locate() }

    static func segmenter(_ tag: String) throws -> Segmenter {
        try Segmenter(language: LanguageTag(tag), data: data.get())
    }

    // MARK: - English

    static let englishWhole: [String] = [
        "Mr. Kirby arrived at the camp on Monday.",
        "Dr. Smith and Prof. Lee met Gen. Park in the capital.",
        "U.S. officials said the talks would resume.",
        "The U.N. Security Council met on Friday.",
        "He was held in camp No. 14 for twenty years.",
        "Some fruits, e.g. apples, are red.",
        "Many groups, i.e. churches and schools, took part.",
        "The trial began on Jan. 5 in Seoul.",
        "The law took effect in Sept. 2014 after a long debate.",
        "About 80,000 people were held in the camps.",
        "Growth was 3.5 percent last year.",
        "\"Is it true?\" she asked.",
        "\"Stop!\" he shouted at the guard.",
        "He said \"Stop!\" and left.",
        "John F. Kennedy visited Berlin in 1963.",
        "Known as Puff Daddy, P. Diddy and Diddy, he changed his name again.",
        "The case of Roe v. Wade was cited.",
        "The rally starts at 7 p.m. ET tonight.",
        "See p. 5 for the table.",
        "Prices rose (by 5%) in the first quarter.",
    ]

    @Test(arguments: englishWhole)
    func keepsEnglishSentenceWhole(sentence: String) throws {
        #expect(try Self.segmenter("en").sentences(in: sentence) == [sentence])
    }

    static let englishSplits: [(text: String, sentences: [String])] = [
        ("Mr. Kirby arrived. He left.", ["Mr. Kirby arrived.", "He left."]),
        ("Where is he? Nobody knows. It is sad!", ["Where is he?", "Nobody knows.", "It is sad!"]),
        ("I live in the U.S. It is big.", ["I live in the U.S.", "It is big."]),
        ("He said: \"I will go.\" Then he went.", ["He said: \"I will go.\"", "Then he went."]),
        ("\"Is it true?\" she asked. He nodded.", ["\"Is it true?\" she asked.", "He nodded."]),
        ("The alliance includes the EU and NATO. Macedonian leaders objected.", ["The alliance includes the EU and NATO.", "Macedonian leaders objected."]),
        ("It happened at 19:30 BST. The driver stopped.", ["It happened at 19:30 BST.", "The driver stopped."]),
        ("He enlisted on Sept. He was arrested later.", ["He enlisted on Sept.", "He was arrested later."]),
        ("Most achieved a grade A. The data showed it.", ["Most achieved a grade A.", "The data showed it."]),
        ("It is all they have left now. 18 holes to make a mark.", ["It is all they have left now.", "18 holes to make a mark."]),
        ("Growth was 3.5 percent. It slowed in 2019.", ["Growth was 3.5 percent.", "It slowed in 2019."]),
        ("The vote was 5–4. It passed.", ["The vote was 5–4.", "It passed."]),
    ]

    @Test(arguments: englishSplits)
    func splitsEnglishWhereSentencesEnd(text: String, sentences: [String]) throws {
        #expect(try Self.segmenter("en").sentences(in: text) == sentences)
    }

    // MARK: - Korean

    static let koreanWhole: [String] = [
        "그는 \"가겠다.\"라고 말했다.",
        "그는 \"정말이냐?\"며 물었다.",
        "\"물에 상어가 있어요!\" 라고 그가 소리쳤다.",
        "수용소에 8만 명이 수감되어 있다.",
        "제22호 관리소는 2012년에 폐쇄됐다.",
        "성장률은 3.5%였다.",
        "디오니시오 A. 린드가 연주했다.",
        "U.S. 관리들이 그렇게 말했다.",
        "미국은 A.I. 자금을 두 배로 늘려야 한다.",
        "로 v.웨이드 판결이 인용됐다.",
        "『보고서』를 읽었다.",
        "그는 '안 된다'고 했다.",
    ]

    @Test(arguments: koreanWhole)
    func keepsKoreanSentenceWhole(sentence: String) throws {
        #expect(try Self.segmenter("ko").sentences(in: sentence) == [sentence])
    }

    static let koreanSplits: [(text: String, sentences: [String])] = [
        ("그는 집에 갔다. 그녀는 남았다.", ["그는 집에 갔다.", "그녀는 남았다."]),
        ("괜찮아요. 정말요.", ["괜찮아요.", "정말요."]),
        ("어디 가니까? 모르겠다.", ["어디 가니까?", "모르겠다."]),
        ("정말 그럴까? 아니다!", ["정말 그럴까?", "아니다!"]),
        ("그는 갔다.그녀는 왔다.", ["그는 갔다.", "그녀는 왔다."]),
        ("그는 \"정말이다.\" 그리고 떠났다.", ["그는 \"정말이다.\"", "그리고 떠났다."]),
        ("그는 말했다. \"가자.\" 그녀는 웃었다.", ["그는 말했다.", "\"가자.\"", "그녀는 웃었다."]),
        ("책 제목은 『자유』였다. 좋았다.", ["책 제목은 『자유』였다.", "좋았다."]),
        ("그것은 (사실) 끝났다. 다시 시작했다.", ["그것은 (사실) 끝났다.", "다시 시작했다."]),
        ("그는 \"가겠다.\"라고 말했다. 그리고 떠났다.", ["그는 \"가겠다.\"라고 말했다.", "그리고 떠났다."]),
        ("말했다.(연합뉴스) 다음 문장이다.", ["말했다.(연합뉴스)", "다음 문장이다."]),
        ("성능이 제한된다는 것이 밝혀졌습니다. 7000t급 함정은 무겁다.", ["성능이 제한된다는 것이 밝혀졌습니다.", "7000t급 함정은 무겁다."]),
    ]

    @Test(arguments: koreanSplits)
    func splitsKoreanWhereSentencesEnd(text: String, sentences: [String]) throws {
        #expect(try Self.segmenter("ko").sentences(in: text) == sentences)
    }

    // MARK: - Headings and locations

    @Test(arguments: [
        ("en", "Findings\nThe camps held 80,000 people. Many died.", ["Findings", "The camps held 80,000 people.", "Many died."]),
        ("ko", "주요 결과\n수용소에 8만 명이 있다. 많이 죽었다.", ["주요 결과", "수용소에 8만 명이 있다.", "많이 죽었다."]),
    ])
    func headingLineInsideABlockIsItsOwnSegment(tag: String, text: String, expected: [String]) throws {
        let paragraph = try #require(PlainTextReader.paragraphs(in: text, file: "t.txt").first)
        let segments = try Self.segmenter(tag).segments(of: paragraph)
        #expect(segments.map(\.text) == expected)
        #expect(segments.map(\.location.line) == [1, 2, 2])
        let utf8 = Array(text.utf8)
        for segment in segments {
            #expect(String(decoding: utf8[segment.location.byteRange], as: UTF8.self) == segment.text)
        }
    }

    @Test
    func headingWithoutPunctuationBeforeAParagraphStaysApart() throws {
        let text = "Introduction\n\nThe report covers 2014. It was long."
        let document = Document(path: "t.txt", format: .text, paragraphs: PlainTextReader.paragraphs(in: text, file: "t.txt"))
        let segments = try Self.segmenter("en").segments(of: document)
        #expect(segments.map(\.text) == ["Introduction", "The report covers 2014.", "It was long."])
        #expect(segments.map(\.paragraphIndex) == [0, 1, 1])
        #expect(segments.map(\.indexInParagraph) == [0, 0, 1])
    }

    @Test
    func segmentsOfMarkupParagraphsCarryTheParagraphLocation() throws {
        let document = MarkdownReader.read("Intro.\n\n- First *point*. Second point.\n", path: "m.md")
        let segments = try Self.segmenter("en").segments(of: document)
        #expect(segments.map(\.text) == ["Intro.", "First point.", "Second point."])
        #expect(segments[1].location == document.paragraphs[1].location)
        #expect(segments[2].location == document.paragraphs[1].location)
    }

    @Test
    func whiteSpaceInsideASegmentIsCollapsedAndEdgesTrimmed() throws {
        #expect(try Self.segmenter("en").sentences(in: "  One\tsentence   here.   Two.  ") == ["One sentence here.", "Two."])
        #expect(try Self.segmenter("en").sentences(in: "") == [])
        #expect(try Self.segmenter("en").sentences(in: "   \t ") == [])
    }

    @Test
    func lineBreakEndsASegment() throws {
        // ICU reads a line break as the end of a paragraph; the readers fold the breaks inside a
        // block to spaces and keep only the one after a heading.
        #expect(try Self.segmenter("en").sentences(in: "Heading\r\nBody text here.") == ["Heading", "Body text here."])
    }

    @Test(arguments: [
        ("It ended. ... And then.", ["It ended. ...", "And then."]),
        ("He left.\n”\nThen.", ["He left. ”", "Then."]),
        ("Stop. !!! Go.", ["Stop. !!!", "Go."]),
    ])
    func piecesWithoutLettersJoinTheSentenceBefore(text: String, expected: [String]) throws {
        #expect(try Self.segmenter("en").sentences(in: text) == expected)
    }

    @Test(arguments: [
        ("en", "1. Introduction to the report.", ["1. Introduction to the report."]),
        ("en", "  2. Scope of the work. It is wide.", ["2. Scope of the work.", "It is wide."]),
        ("ko", "1. 서론을 시작한다.", ["1. 서론을 시작한다."]),
        ("ko", "U.S. 관리들이 말했다. 끝났다.", ["U.S. 관리들이 말했다.", "끝났다."]),
    ])
    func caretInARuleMeansTheStartOfTheText(tag: String, text: String, expected: [String]) throws {
        #expect(try Self.segmenter(tag).sentences(in: text) == expected)
    }

    // MARK: - Languages without shipped rules

    @Test(arguments: [
        ("de", "Das ist gut. Wir gehen jetzt nach Hause! Kommst du mit?", ["Das ist gut.", "Wir gehen jetzt nach Hause!", "Kommst du mit?"]),
        ("ja", "今日は晴れです。明日は雨でしょう。本当？はい！", ["今日は晴れです。", "明日は雨でしょう。", "本当？", "はい！"]),
        ("zh", "今天天气很好。明天会下雨吗？会的！", ["今天天气很好。", "明天会下雨吗？", "会的！"]),
        ("fr", "M. Dupont est arrivé. Il est parti.", ["M. Dupont est arrivé.", "Il est parti."]),
    ])
    func languagesWithoutSRXUseICUDefaults(tag: String, text: String, expected: [String]) throws {
        let segmenter = try Self.segmenter(tag)
        #expect(segmenter.rules.isEmpty)
        #expect(try segmenter.sentences(in: text) == expected)
    }

    @Test
    func regionalTagFallsBackToTheLanguageRules() throws {
        let segmenter = try Self.segmenter("ko-KP")
        #expect(!segmenter.rules.isEmpty)
        #expect(try segmenter.sentences(in: "그는 \"가겠다.\"라고 말했다. 끝.") == ["그는 \"가겠다.\"라고 말했다.", "끝."])
    }

    // MARK: - Rules given in code

    @Test
    func breakRuleAddsABreakICUDoesNotMake() throws {
        let plain = try Segmenter(language: .english, rules: [])
        #expect(try plain.sentences(in: "First part; second part.") == ["First part; second part."])
        let withRule = try Segmenter(language: .english, rules: [.init(isBreak: true, before: ";", after: "\\s")])
        #expect(try withRule.sentences(in: "First part; second part.") == ["First part;", "second part."])
    }

    /// Break rules are found by different scans depending on their shape: from the characters a
    /// match can end with (literal tables, look-behind, a second character after the break), from
    /// the characters it can start with, or by a plain regex search.
    @Test(arguments: [
        (";", "\\s", "First part; second part.", ["First part;", "second part."]),
        ("\\b(?:Jan|Feb)\\.", "\\s+\\p{Lu}", "It was in Jan. Then came Feb. Then spring.", ["It was in Jan.", "Then came Feb.", "Then spring."]),
        ("\\p{Ll}[.?!]", "\\s+\\d+\\s+\\p{Ll}", "Nobody left now. 18 holes remain.", ["Nobody left now.", "18 holes remain."]),
        ("😀", "\\s", "We smile 😀 then we go.", ["We smile 😀", "then we go."]),
        (".;.", "\\s", "One;x two three.", ["One;x", "two three."]),
        ("[A-Z]{2,}:", "\\s", "NOTE: the camps are closed.", ["NOTE:", "the camps are closed."]),
    ])
    func breakRulesOfEveryShapeAddTheirBreaks(before: String, after: String, text: String, expected: [String]) throws {
        #expect(try Segmenter(language: .english, rules: []).sentences(in: text).count < expected.count)
        let rule = SRXDocument.Rule(isBreak: true, before: before, after: after)
        #expect(try Segmenter(language: .english, rules: [rule]).sentences(in: text) == expected)
    }

    @Test
    func unboundedBeforePatternWorksThroughTheWindow() throws {
        // `[0-9]+` has no bounded length, so ICU cannot use it in a look-behind: the segmenter
        // matches it in a window that ends at the candidate break instead.
        let text = "See paragraph 12. The end follows."
        let plain = try Segmenter(language: .english, rules: [])
        #expect(try plain.sentences(in: text) == ["See paragraph 12.", "The end follows."])
        let rule = SRXDocument.Rule(isBreak: false, before: "paragraph\\s+[0-9]+\\.", after: "\\s")
        #expect(try Segmenter(language: .english, rules: [rule]).sentences(in: text) == [text])
    }

    @Test
    func firstMatchingRuleDecides() throws {
        let keep = SRXDocument.Rule(isBreak: false, before: "Corp\\.", after: "\\s")
        let split = SRXDocument.Rule(isBreak: true, before: "Corp\\.", after: "\\s")
        let text = "Acme Corp. Staff left."
        #expect(try Segmenter(language: .english, rules: [keep, split]).sentences(in: text) == [text])
        #expect(try Segmenter(language: .english, rules: [split, keep]).sentences(in: text) == ["Acme Corp.", "Staff left."])
    }

    @Test
    func segmentersBuiltInParallelAgree() async throws {
        // Rule tables were once sorted through a shared static: build many at once.
        let text = "Dr. Kim met Mr. Lee on Jan. 5. They talked."
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<16 { group.addTask { try Self.segmenter("en").sentences(in: text) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == ["Dr. Kim met Mr. Lee on Jan. 5.", "They talked."] })
    }
}
