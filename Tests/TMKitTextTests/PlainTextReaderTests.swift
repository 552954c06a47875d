import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// The plain-text reader: paragraphs, headings, exact byte ranges and lines, streaming.
struct PlainTextReaderTests {
    static let report = """
        Political Prison Camps

        The Commission of Inquiry found that the camps held between 80,000 and 120,000 people.
        Camp No. 14 is a total control zone. Nobody has been released from it.

        정치범수용소
        유엔 조사위원회는 관리소에 8만~12만 명이 수감되어 있다고 밝혔다. 제14호 관리소는
        완전통제구역이다.

           Indented paragraph with trailing spaces.   \r
        Second line of it.\r

        """

    private func write(_ text: String, _ name: String = "report.txt") throws -> String {
        let path = try CommandRunner.temporaryDirectory() + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test
    func blankLinesSeparateParagraphsAndLinesJoinWithSpaces() {
        let paragraphs = PlainTextReader.paragraphs(in: Self.report, file: "r.txt")
        #expect(paragraphs.map(\.text) == [
            "Political Prison Camps",
            "The Commission of Inquiry found that the camps held between 80,000 and 120,000 people. Camp No. 14 is a total control zone. Nobody has been released from it.",
            "정치범수용소\n유엔 조사위원회는 관리소에 8만~12만 명이 수감되어 있다고 밝혔다. 제14호 관리소는 완전통제구역이다.",
            // Verbatim: the three trailing spaces, CR and LF become five spaces.
            "Indented paragraph with trailing spaces.     Second line of it.",
        ])
        #expect(paragraphs.map(\.kind) == [.heading, .paragraph, .paragraph, .paragraph])
        #expect(paragraphs.map(\.location.line) == [1, 3, 6, 10])
        #expect(paragraphs.allSatisfy { $0.isVerbatim })
        #expect(paragraphs.map(\.index) == [0, 1, 2, 3])
    }

    @Test
    func paragraphTextIsTheFileBytesWithLineBreaksAsSpaces() {
        let utf8 = Array(Self.report.utf8)
        for paragraph in PlainTextReader.paragraphs(in: Self.report, file: "r.txt") {
            let source = utf8[paragraph.location.byteRange].map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
            let text = Array(paragraph.text.utf8).map { $0 == 0x0A ? 0x20 : $0 }
            #expect(source == text)
        }
    }

    @Test(arguments: ["en", "ko"])
    func singleLineSegmentsSliceTheirExactBytes(tag: String) throws {
        let segmenter = try Segmenter(language: LanguageTag(tag), data: DataDirectory.locate())
        let utf8 = Array(Self.report.utf8)
        var checked = 0
        for paragraph in PlainTextReader.paragraphs(in: Self.report, file: "r.txt") {
            for segment in try segmenter.segments(of: paragraph) {
                let source = String(decoding: utf8[segment.location.byteRange], as: UTF8.self)
                #expect(segment.location.line == Self.report.utf8.prefix(segment.location.byteRange.lowerBound).filter { $0 == 0x0A }.count + 1)
                guard !source.contains("\n") else { continue }
                #expect(source == segment.text)
                checked += 1
            }
        }
        #expect(checked >= 6)
    }

    @Test
    func segmentLinesFollowTheSourceLines() throws {
        let text = "First sentence here. Second one\nruns over. Third\nsentence.\n"
        let paragraph = try #require(PlainTextReader.paragraphs(in: text, file: "t.txt").first)
        let segments = try Segmenter(language: .english, data: DataDirectory.locate()).segments(of: paragraph)
        #expect(segments.map(\.text) == ["First sentence here.", "Second one runs over.", "Third sentence."])
        #expect(segments.map(\.location.line) == [1, 1, 2])
        #expect(paragraph.line(atOffset: 0) == 1)
        #expect(paragraph.line(atOffset: 32) == 2)
        #expect(paragraph.line(atOffset: 50) == 3)
    }

    @Test
    func onePerLineMakesEveryLineAParagraph() {
        let text = "First line.\nSecond line.\n\nHeading line\nLast line.\n"
        let paragraphs = PlainTextReader.paragraphs(in: text, file: "t.txt", onePerLine: true)
        #expect(paragraphs.map(\.text) == ["First line.", "Second line.", "Heading line", "Last line."])
        #expect(paragraphs.map(\.kind) == [.line, .line, .heading, .line])
        #expect(paragraphs.map(\.location.line) == [1, 2, 4, 5])
    }

    @Test(arguments: [
        // A heading opens the block: its line break stays, so it is its own segment.
        ("Introduction\nThe report covers the camps in detail.", ["Introduction", "The report covers the camps in detail."]),
        // A line that continues a sentence is no heading.
        ("The camps held between\n80,000 and 120,000 people.", ["The camps held between 80,000 and 120,000 people."]),
        // Followed by a lowercase word: a wrapped line, not a heading.
        ("Prisoners in the\ncamps were forced to work.", ["Prisoners in the camps were forced to work."]),
        // After a finished sentence, a short line without punctuation is a heading again.
        ("The first part ends here and is long enough.\nSecond Part\nIt starts here.", ["The first part ends here and is long enough.", "Second Part", "It starts here."]),
    ])
    func headingLinesInsideABlock(text: String, segments: [String]) throws {
        let paragraph = try #require(PlainTextReader.paragraphs(in: text, file: "t.txt").first)
        #expect(try Segmenter(language: .english, data: DataDirectory.locate()).segments(of: paragraph).map(\.text) == segments)
    }

    @Test
    func ideographicSpaceLineSeparatesParagraphs() {
        let paragraphs = PlainTextReader.paragraphs(in: "첫 문단이다.\n\u{3000}\u{3000}\n둘째 문단이다.", file: "k.txt")
        #expect(paragraphs.map(\.text) == ["첫 문단이다.", "둘째 문단이다."])
    }

    @Test(arguments: [1, 2, 3, 5, 7, 64, 1 << 20])
    func streamingInChunksGivesTheSameParagraphs(chunkSize: Int) throws {
        let path = try write(Self.report)
        var streamed: [Paragraph] = []
        try PlainTextReader.forEachParagraph(path, chunkSize: chunkSize) { streamed.append($0) }
        let inMemory = PlainTextReader.paragraphs(in: Self.report, file: path)
        #expect(streamed == inMemory)
    }

    @Test
    func byteOrderMarkIsNotPartOfTheText() throws {
        let path = try CommandRunner.temporaryDirectory() + "/bom.txt"
        try Data([0xEF, 0xBB, 0xBF] + Array("첫 문장이다.\n".utf8)).write(to: URL(fileURLWithPath: path))
        let document = try PlainTextReader.read(path)
        #expect(document.paragraphs.map(\.text) == ["첫 문장이다."])
        #expect(document.paragraphs[0].location.byteRange == 0..<"첫 문장이다.".utf8.count)
    }

    @Test
    func utf16FileIsReadWhole() throws {
        let text = "Heading\n\n첫 문장이다. Second sentence.\n"
        let path = try CommandRunner.temporaryDirectory() + "/utf16.txt"
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: path))
        let document = try PlainTextReader.read(path, options: .init())
        #expect(document.paragraphs.map(\.text) == ["Heading", "첫 문장이다. Second sentence."])
        #expect(document.paragraphs[1].location.byteRange == 9..<(9 + "첫 문장이다. Second sentence.".utf8.count))
    }

    @Test
    func invalidUTF8InAStreamedFileGivesItsFileOffset() throws {
        // The bad byte sits behind a BOM and several chunk boundaries.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("good line\n\nbad ".utf8) + [0xFF] + Array(" byte\n".utf8)
        let path = try CommandRunner.temporaryDirectory() + "/bad.txt"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for chunkSize in [4, 1 << 20] {
            do {
                try PlainTextReader.forEachParagraph(path, chunkSize: chunkSize) { _ in }
                Issue.record("expected an error")
            } catch let error as TMKitError {
                #expect(error.code == .invalidEncoding)
                #expect(error.message.contains("byte 18"), "\(error.message)")
                #expect(error.line == 3)
            }
        }
        let lossy = try PlainTextReader.read(path, options: .init(lossy: true))
        #expect(lossy.paragraphs.map(\.text) == ["good line", "bad \u{FFFD} byte"])
        #expect(lossy.warnings == ["\(path): replaced 1 invalid UTF-8 byte with U+FFFD (first at byte 18)"])
    }
}
