import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// `tmkit segment`, run as the built binary: stdout, stderr and exit code checked apart.
struct SegmentCommandTests {
    static let english = """
        Findings

        Mr. Kirby said U.S. officials visited camp No. 14 on Jan. 5. About 80,000 people were held.
        "Is it true?" she asked.
        """
    static let korean = "주요 결과\n\n그는 \"가겠다.\"라고 말했다. 수용소에 8만 명이 있다.\n제22호 관리소는 폐쇄됐다.\n"

    private func file(_ content: [UInt8], _ name: String) throws -> String {
        let path = try CommandRunner.temporaryDirectory() + "/" + name
        try Data(content).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func file(_ text: String, _ name: String) throws -> String {
        try file(Array(text.utf8), name)
    }

    private func run(_ arguments: [String], stdin: String? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, stdin: stdin)
    }

    // MARK: - Formats

    @Test
    func textFormatPrintsASentenceALineAndParagraphsApart() throws {
        let result = try run(["segment", "--lang", "en", file(Self.english, "report.txt")])
        #expect(result.exitCode == 0)
        #expect(result.stdout == """
            Findings

            Mr. Kirby said U.S. officials visited camp No. 14 on Jan. 5.
            About 80,000 people were held.
            "Is it true?" she asked.

            """)
        #expect(result.stderr == "")
    }

    @Test
    func detectedLanguageIsNotedOnStandardError() throws {
        let result = try run(["segment", file(Self.korean, "ko.txt")])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "주요 결과\n\n그는 \"가겠다.\"라고 말했다.\n수용소에 8만 명이 있다.\n제22호 관리소는 폐쇄됐다.\n")
        #expect(result.stderr.contains("language ko (detected:"))
        #expect(result.stderr.contains("--lang"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test
    func jsonlGivesLocationsThatSliceTheFile() throws {
        let path = try file(Self.korean, "ko.txt")
        let result = try run(["segment", "--lang", "ko", "--format", "jsonl", path])
        #expect(result.exitCode == 0)
        let utf8 = Array(Self.korean.utf8)
        let records = try result.stdout.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(records.count == 4)
        #expect(records.map { $0["line"] as? Int } == [1, 3, 3, 4])
        #expect(records.map { $0["paragraph"] as? Int } == [0, 1, 1, 1])
        #expect(records.map { $0["segment"] as? Int } == [0, 0, 1, 2])
        for record in records {
            #expect(record["schema"] as? String == "tmkit.segment/1")
            #expect(record["language"] as? String == "ko")
            #expect(record["file"] as? String == path)
            let start = try #require(record["start"] as? Int)
            let end = try #require(record["end"] as? Int)
            #expect(String(decoding: utf8[start..<end], as: UTF8.self) == record["text"] as? String)
        }
    }

    @Test
    func tsvHasSevenColumns() throws {
        let path = try file("A\ttabbed sentence here. Another one.\n", "t.txt")
        let result = try run(["segment", "--lang", "en", "--format", "tsv", path])
        #expect(result.exitCode == 0)
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.count == 7 })
        #expect(rows[0][0] == Substring(path))
        #expect(rows[0][1...5] == ["0", "0", "1", "0", "\("A\ttabbed sentence here.".utf8.count)"])
        // White space inside a segment is one space, so no tab can break the columns.
        #expect(rows[0][6] == "A tabbed sentence here.")
        #expect(rows[1][1...4] == ["0", "1", "1", "\("A\ttabbed sentence here. ".utf8.count)"])
        #expect(rows[1][6] == "Another one.")
    }

    @Test
    func readsStandardInput() throws {
        let result = try run(["segment", "--lang", "en", "-"], stdin: "First one. Second one.\n")
        #expect(result.exitCode == 0)
        #expect(result.stdout == "First one.\nSecond one.\n")
    }

    @Test
    func readsMarkdownAndHTMLWithoutMarkup() throws {
        let markdown = try file("# Title\n\nSome **bold** text. A [link](https://x.org).\n\n```\ncode\n```\n", "notes.md")
        let md = try run(["segment", "--lang", "en", markdown])
        #expect(md.exitCode == 0)
        #expect(md.stdout == "Title\n\nSome bold text.\nA link.\n")
        let html = try file("<html><head><title>T</title></head><body><h1>Title</h1><p>Some <b>bold</b> text. Next.</p></body></html>", "page.html")
        let htmlResult = try run(["segment", "--lang", "en", html])
        #expect(htmlResult.exitCode == 0)
        #expect(htmlResult.stdout == "Title\n\nSome bold text.\nNext.\n")
    }

    @Test
    func onePerLineTreatsEveryLineAsAParagraph() throws {
        let path = try file("One. Two.\nThree.\n", "lines.txt")
        let result = try run(["segment", "--lang", "en", "--one-per-line", path])
        #expect(result.stdout == "One.\nTwo.\n\nThree.\n")
    }

    // MARK: - Errors

    @Test(arguments: ["xx-nope", "en_US_", "klingon", ""])
    func invalidLanguageIsAUsageError(tag: String) throws {
        let result = try run(["segment", "--lang", tag, file("Text.", "t.txt")])
        #expect(result.exitCode == 64)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.hasPrefix("tmkit: error: --lang: '\(tag)'"))
        #expect(result.stderr.contains("BCP 47"))
    }

    @Test
    func missingFileNamesThePath() throws {
        let path = "/nonexistent/report.txt"
        let result = try run(["segment", "--lang", "en", path])
        #expect(result.exitCode == 66)
        #expect(result.stdout == "")
        #expect(result.stderr == "tmkit: error: \(path): no such file (check the path)\n")
    }

    @Test
    func directoryIsNotAFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let result = try run(["segment", "--lang", "en", directory])
        #expect(result.exitCode == 66)
        #expect(result.stderr.contains("\(directory): is a directory"))
    }

    @Test(arguments: [
        ([UInt8](), "empty.txt", "the file is empty"),
        (Array(" \n\t\n".utf8), "blank.txt", "only white space"),
        ([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00], "image.txt", "binary file"),
        (Array("***\n\n```\nonly code\n```\n".utf8), "markup.md", "no text found"),
    ])
    func inputWithoutTextIsBadData(content: [UInt8], name: String, message: String) throws {
        let path = try file(content, name)
        let result = try run(["segment", "--lang", "en", path])
        #expect(result.exitCode == 65)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("tmkit: error: \(path)"))
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test
    func invalidUTF8GivesTheByteOffsetAndLossyWarns() throws {
        let path = try file(Array("Good line.\nBad ".utf8) + [0xFF] + Array(" byte here.\n".utf8), "bad.txt")
        let strict = try run(["segment", "--lang", "en", path])
        #expect(strict.exitCode == 65)
        #expect(strict.stderr.contains("\(path):2: invalid UTF-8 at byte 15 (0xFF)"))
        #expect(strict.stderr.contains("--lossy"))
        let lossy = try run(["segment", "--lang", "en", "--lossy", path])
        #expect(lossy.exitCode == 0)
        #expect(lossy.stdout == "Good line.\nBad \u{FFFD} byte here.\n")
        #expect(lossy.stderr == "tmkit: warning: \(path): replaced 1 invalid UTF-8 byte with U+FFFD (first at byte 15)\n")
    }

    @Test
    func badUserRulesNameFileAndLine() throws {
        let srx = """
            <?xml version="1.0"?>
            <srx version="2.0"><header cascade="yes"/><body><languagerules>
            <languagerule languagerulename="X">
            <rule break="no"><beforebreak>([unclosed</beforebreak><afterbreak></afterbreak></rule>
            </languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="X"/></maprules></body></srx>
            """
        let rules = try file(srx, "bad.srx")
        let result = try run(["segment", "--lang", "en", "--rules", rules, file("Text.", "t.txt")])
        #expect(result.exitCode == 65)
        #expect(result.stderr.hasPrefix("tmkit: error: \(rules):4: the beforebreak pattern"))
    }

    @Test
    func noFileIsAUsageErrorWithAnExample() throws {
        let result = try run(["segment"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("tmkit segment report.txt"))
    }

    // MARK: - Rules, version, help

    @Test(arguments: ["en", "ko"])
    func exportedRulesParseAsSRX(language: String) throws {
        let result = try run(["segment", "--export-rules", "--lang", language])
        #expect(result.exitCode == 0)
        let document = try SRXDocument(bytes: Array(result.stdout.utf8), name: "exported.srx")
        let shipped = try SRXDocument(contentsOf: #require(DataDirectory.locate().localeFile("segmentation.srx", for: LanguageTag(language))))
        #expect(document == shipped)
    }

    @Test
    func exportedRulesWithoutALanguageHoldEveryShippedLanguage() throws {
        let result = try run(["segment", "--export-rules"])
        #expect(result.exitCode == 0)
        let document = try SRXDocument(bytes: Array(result.stdout.utf8), name: "all.srx")
        #expect(Set(document.languageRules.map(\.name)).isSuperset(of: ["English", "Korean"]))
    }

    @Test
    func versionNamesToolAndICU() throws {
        let result = try run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("tmkit "))
        #expect(result.stdout.contains("(ICU \(ICU.version))"))
    }

    @Test
    func helpTeachesByExample() throws {
        let top = try run(["--help"])
        #expect(top.exitCode == 0)
        #expect(top.stdout.contains("tmkit segment report.en.txt"))
        let segment = try run(["segment", "--help"])
        #expect(segment.exitCode == 0)
        #expect(segment.stdout.contains("Examples:"))
        #expect(segment.stdout.contains("tmkit segment --lang ko --format jsonl"))
        #expect(segment.stdout.contains("--lossy"))
    }
}
