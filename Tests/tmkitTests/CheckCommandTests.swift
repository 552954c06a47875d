import Foundation
import Testing
import TMKitTestSupport

/// `tmkit check` end to end: the built binary, its output streams and exit codes.
@Suite struct CheckCommandTests {
    static let english = """
    The Commission estimated that 80,000 to 120,000 people were held in 2013.
    Prisoners are sent there without trial.
    He said: “We will never leave.”
    Camp No. 22 was closed in 2012.
    """
    static let korean = """
    조사위원회는 2013년에 8천~12만 명이 수용되어 있었다고 추정했다.
    Prisoners are sent there without trial.
    그는 “우리는 절대 나가지 않는다고 말했다.
    제22호 관리소는 2012년에 폐쇄되었다.
    """

    /// A temporary folder with the two line-aligned files.
    static func workspace(english: String = english, korean: String = korean) throws -> String {
        let directory = try CommandRunner.temporaryDirectory()
        try english.write(toFile: directory + "/en.txt", atomically: true, encoding: .utf8)
        try korean.write(toFile: directory + "/ko.txt", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func printsCompilerStyleFindingsAndFailsOnErrors() throws {
        let directory = try Self.workspace()
        let result = try CommandRunner.run(["check", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("ko.txt:1:15: error: [numbers.mismatch] the source says 80,000 but the translation says 8천 (= 8,000): make the numbers agree"))
        #expect(lines.contains("  source en.txt:1: The Commission estimated that 80,000 to 120,000 people were held in 2013."))
        #expect(lines.contains { $0.hasPrefix("ko.txt:2:1: error: [untranslated.identical]") })
        #expect(lines.contains { $0.hasPrefix("ko.txt:3:4: warning: [form.quotes] the quotation mark “ has no partner") })
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
        #expect(result.stderr.contains("tmkit: 2 errors, 1 warning and 0 info in 4 segment pairs"))
    }

    /// In a Markdown paragraph of several lines, both places name the sentence's own line, not
    /// the paragraph's first.
    @Test func sourceContextNamesTheSentencesOwnLine() throws {
        let directory = try CommandRunner.temporaryDirectory()
        try "# Camps\n\nCamp No. 15 is at Yodok.\nIt held 50,000 people in 2010.\n"
            .write(toFile: directory + "/en.md", atomically: true, encoding: .utf8)
        try "# 수용소\n\n제15호 관리소는 요덕에 있다.\n2010년에 5천 명이 수용되어 있었다.\n"
            .write(toFile: directory + "/ko.md", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", "en.md", "ko.md"], directory: directory)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("ko.md:4:") && $0.contains("[numbers.mismatch]") }, "\(result.stdout)")
        #expect(lines.contains("  source en.md:4: It held 50,000 people in 2010."), "\(result.stdout)")
    }

    @Test func passesCleanTranslationAndWarningsOnlyFailWithStrict() throws {
        let directory = try Self.workspace(english: "He said: “We will never leave.”\n", korean: "그는 “우리는 절대 나가지 않는다고 말했다.\n")
        let plain = try CommandRunner.run(["check", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(plain.exitCode == 0)
        #expect(plain.stdout.contains("warning: [form.quotes]"))
        let strict = try CommandRunner.run(["check", "--strict", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(strict.exitCode == 1)
    }

    @Test func writesJSONWithSchemaVersionAndFindings() throws {
        let directory = try Self.workspace()
        let result = try CommandRunner.run(["check", "--format", "json", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        let first = findings[0]
        #expect(first["check"] as? String == "numbers.mismatch")
        #expect(first["severity"] as? String == "error")
        #expect(first["source"] as? String == "The Commission estimated that 80,000 to 120,000 people were held in 2013.")
        #expect(first["target"] as? String == "조사위원회는 2013년에 8천~12만 명이 수용되어 있었다고 추정했다.")
        #expect((first["signature"] as? String)?.count == 16)
        let target = try #require(first["targetLocation"] as? [String: Any])
        #expect(target["file"] as? String == "ko.txt")
        #expect(target["line"] as? Int == 1)
        #expect(target["column"] as? Int == 15)
    }

    @Test func configurationSilencesChecksAndFindings() throws {
        let directory = try Self.workspace()
        let json = try CommandRunner.run(["check", "--format", "json", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        let findings = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        let identical = try #require(findings.first { $0["check"] as? String == "untranslated.identical" }?["signature"] as? String)
        try """
        {
          "schemaVersion": 1,
          "checks": { "form": "off" },
          "ignore": [ { "signature": "\(identical)", "reason": "a quotation kept in English" } ]
        }
        """.write(toFile: directory + "/tmkit-check.json", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("[numbers.mismatch]"))
        #expect(!result.stdout.contains("[untranslated.identical]"))
        #expect(!result.stdout.contains("[form.quotes]"))
        #expect(result.stderr.contains("1 error, 0 warnings and 0 info in 4 segment pairs (1 ignored)"))
    }

    @Test func badConfigurationStopsWithItsLine() throws {
        let directory = try Self.workspace()
        try "{\n  \"checks\": {\n    \"numbers.wrong\": \"off\"\n  }\n}\n".write(toFile: directory + "/project.json", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", "--config", "project.json", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("tmkit: error: project.json:3:5: unknown check 'numbers.wrong'"))
    }

    @Test func writesHTMLReportAtomically() throws {
        let directory = try Self.workspace()
        let result = try CommandRunner.run(["check", "--html", "review.html", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 1)
        let html = try String(contentsOfFile: directory + "/review.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<mark class=\"sev-error\" data-checks=\"numbers.mismatch\" title=\"numbers.mismatch\">8천</mark>"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: [
        (["check"], Int32(64), "give the source and the target file"),
        (["check", "--presegmented", "en.txt", "missing.txt"], 66, "missing.txt: no such file"),
        (["check", "--presegmented", "en.txt", "short.txt"], 65, "the line-aligned files differ in length"),
        (["check", "--only", "numbers.nope", "--presegmented", "en.txt", "ko.txt"], 64, "unknown check 'numbers.nope'"),
        (["check", "en.txt"], 64, "one file must be a bilingual XLIFF or TMX file"),
        (["check", "--source-lang", "xx-!!", "--presegmented", "en.txt", "ko.txt"], 64, "--source-lang: 'xx-!!' is not a valid language tag"),
    ])
    func badInputGetsAClearError(arguments: [String], exitCode: Int32, message: String) throws {
        let directory = try Self.workspace()
        try "한 줄.\n".write(toFile: directory + "/short.txt", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(arguments, directory: directory)
        #expect(result.exitCode == exitCode, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func checksBilingualXLIFF() throws {
        let directory = try CommandRunner.temporaryDirectory()
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2"><file source-language="en" target-language="ko" datatype="plaintext" original="a.txt"><body>
        <trans-unit id="u1"><source>Camp No. 15 is at Yodok.</source><target>요덕에 제5호 관리소가 있다.</target></trans-unit>
        <trans-unit id="u2"><source>It holds families.</source></trans-unit>
        </body></file></xliff>
        """.write(toFile: directory + "/project.xlf", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", "project.xlf"], directory: directory)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("project.xlf:3: error: [numbers.mismatch] the source says 15 but the translation says 제5호 (= 5)"))
        #expect(result.stdout.contains("project.xlf:4: error: [untranslated.empty]"))
    }

    @Test func checksTermsAgainstTheShippedGlossary() throws {
        let directory = try Self.workspace(
            english: "He was sent to a kwan-li-so.\nSome reach South Korea as defectors.\nNo one has visited a kwan-li-so.\n",
            korean: "그는 교도소로 보내졌다.\n일부는 새터민으로 한국에 온다.\n정치범수용소를 방문한 사람은 없다.\n")
        let result = try CommandRunner.run(["check", "--presegmented", "--brief", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("ko.txt:1:1: error: [terms.missing] 'kwan-li-so' is not rendered as the glossary says: use 관리소 or 정치범수용소"))
        #expect(result.stdout.contains("ko.txt:2:5: warning: [terms.deprecated] '새터민' is deprecated for 'North Korean defector': write 탈북민"))
        let without = try CommandRunner.run(["check", "--presegmented", "--no-shipped-glossary", "en.txt", "ko.txt"], directory: directory)
        #expect(!without.stdout.contains("[terms."))
    }

    @Test func glossaryThatFailsToLoadStopsTheRun() throws {
        let directory = try Self.workspace()
        try "<tbx><text><body><conceptEntry id=\"x\"></body></text></tbx>".write(toFile: directory + "/bad.tbx", atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["check", "--glossary", "bad.tbx", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("bad.tbx:1"))
        #expect(result.stdout.isEmpty)
    }

    static let tmx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>
    <body>
    <tu tuid="a"><tuv xml:lang="en"><seg>Between 80,000 and 120,000 people are held.</seg></tuv><tuv xml:lang="ko"><seg>8천~12만 명이 수용되어 있다.</seg></tuv></tu>
    <tu tuid="b"><tuv xml:lang="en"><seg>Camp No. 22 was closed.</seg></tuv><tuv xml:lang="ko"><seg>제22호 관리소는 폐쇄되었다.</seg></tuv></tu>
    </body></tmx>
    """

    @Test func checksTMXAndTheWorkspaceMemory() throws {
        let directory = try CommandRunner.temporaryDirectory()
        try Self.tmx.write(toFile: directory + "/memory.tmx", atomically: true, encoding: .utf8)
        let file = try CommandRunner.run(["check", "--brief", "memory.tmx"], directory: directory)
        #expect(file.exitCode == 1)
        #expect(file.stdout.contains("memory.tmx:4: error: [numbers.mismatch] the source says 80,000 but the translation says 8천 (= 8,000)"))
        #expect(!file.stdout.contains("memory.tmx:5:"))

        let imported = try CommandRunner.run(["tm", "import", "memory.tmx", "--db", "work.sqlite"], directory: directory)
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        let memory = try CommandRunner.run(["check", "--memory", "--db", "work.sqlite", "--format", "json"], directory: directory)
        #expect(memory.exitCode == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(memory.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["check"] as? String } == ["numbers.mismatch"])
        #expect(findings.first?["unit"] as? String != nil)
    }

    @Test func listsChecks() throws {
        let result = try CommandRunner.run(["check", "--list-checks"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("numbers.mismatch"))
        #expect(result.stdout.contains("form.initial-capital"))
        #expect(result.stdout.split(separator: "\n").count >= 20)
    }
}
