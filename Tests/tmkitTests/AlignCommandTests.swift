import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// `tmkit align`, run as the built binary: stdout, stderr and exit code checked apart.
struct AlignCommandTests {
    static var samples: String { SharedData.packageRoot + "/Samples/align" }
    static var english: String { samples + "/flood.en.txt" }
    static var korean: String { samples + "/flood.ko.txt" }

    private func file(_ text: String, _ name: String) throws -> String {
        let path = try CommandRunner.temporaryDirectory() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(["align"] + arguments)
    }

    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    // MARK: - Formats

    @Test
    func textFormatShowsTheTwoSidesAndASummaryOnStandardError() throws {
        let result = try run([Self.english, Self.korean])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Flood recovery in Gangneung"))
        #expect(result.stdout.contains("│ 겨울을 앞두고 강릉의 홍수 복구가 더뎌지다"))
        #expect(result.stderr.contains("tmkit: aligned 13 en and 13 ko sentences: 13 1-1; 0 left out, 0 added"))
        #expect(result.stderr.contains("paragraphs first: 5 and 5 paragraphs"))
        #expect(!result.stdout.contains("tmkit:"))
    }

    @Test
    func jsonlGivesSchemaHeaderAndBeadsWithLocationsThatSliceTheFiles() throws {
        let result = try run([Self.english, Self.korean, "--format", "jsonl", "--quiet"])
        #expect(result.exitCode == 0)
        #expect(result.stderr == "")
        let objects = try lines(result.stdout).map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.first?["schema"] as? String == "tmkit.align/1")
        #expect(objects.count == 14)
        let koreanBytes = Array(try String(contentsOfFile: Self.korean, encoding: .utf8).utf8)
        for bead in objects.dropFirst() {
            let location = try #require(bead["tgtLocation"] as? [String: Any])
            let slice = String(decoding: koreanBytes[(location["start"] as! Int)..<(location["end"] as! Int)], as: UTF8.self)
            #expect((bead["tgt"] as? [String])?.joined(separator: " ") == slice)
        }
    }

    @Test
    func sentenceLeftOutIsReportedWithItsPlace() throws {
        var korean = try String(contentsOfFile: Self.korean, encoding: .utf8)
        korean = korean.replacingOccurrences(of: "시는 학교와 교회에 대피소 12곳을 열었다.", with: "")
        let result = try run([Self.english, try file(korean, "flood.ko.txt"), "--format", "tsv"])
        #expect(result.exitCode == 0)
        let omitted = try #require(lines(result.stdout).first { $0.contains("\t1-0\t") })
        #expect(omitted.hasPrefix("The city has opened 12 shelters in schools and churches.\t\t"))
        #expect(result.stderr.contains("1 left out"))
        #expect(result.stderr.contains("left out of the translation:"))
        #expect(result.stderr.contains("flood.en.txt:5: \"The city has opened 12 shelters"))
    }

    @Test
    func tmxOutputIsTMX14WithOneUnitPerPair() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let result = try run([Self.english, Self.korean, "--format", "tmx", "-o", directory + "/out.tmx", "--quiet"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "")
        let tmx = try String(contentsOfFile: directory + "/out.tmx", encoding: .utf8)
        #expect(tmx.contains("<tmx version=\"1.4\">"))
        #expect(tmx.components(separatedBy: "<tu>").count - 1 == 13)
        #expect(tmx.contains("<tuv xml:lang=\"ko\"><seg>겨울을 앞두고 강릉의 홍수 복구가 더뎌지다</seg></tuv>"))
        #expect(tmx.contains("<prop type=\"x-tmkit-confidence\">"))
    }

    /// The aligner's JSONL goes into the memory as it is: languages and document from its
    /// header line, confidence as score; a sentence left out of the translation makes no unit.
    @Test
    func jsonlOutputImportsIntoTheMemory() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let korean = try String(contentsOfFile: Self.korean, encoding: .utf8)
            .replacingOccurrences(of: "시는 학교와 교회에 대피소 12곳을 열었다.", with: "")
        let shortened = try file(korean, "flood.ko.txt")
        let aligned = try run([Self.english, shortened, "--format", "jsonl", "-o", directory + "/pairs.jsonl", "--quiet"])
        #expect(aligned.exitCode == 0, "\(aligned.stderr)")
        let db = directory + "/tm.sqlite"
        let imported = try CommandRunner.run(["tm", "import", directory + "/pairs.jsonl", "--db", db])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        #expect((imported.stdout + imported.stderr).contains("imported 12 units"), "\(imported.stdout)")
        let found = try CommandRunner.run(["tm", "lookup", "Why did the warning system fail?", "--db", db, "--format", "json"])
        #expect(found.exitCode == 0)
        #expect(found.stdout.contains("경보 시스템은 왜 작동하지 않았을까?"))
        #expect(found.stdout.contains("\"targetLang\":\"ko\""), "the target language comes from the header line: \(found.stdout)")
        #expect(found.stdout.contains("\"document\":\"flood.en.txt\""))
    }

    @Test(.enabled(if: SharedData.available("tmx/tmx14.dtd")))
    func tmxOutputValidatesAgainstTheDTD() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            print("skipped: xmllint not installed")
            return
        }
        let directory = try CommandRunner.temporaryDirectory()
        _ = try run([Self.english, Self.korean, "--format", "tmx", "-o", directory + "/out.tmx", "--quiet"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--dtdvalid", SharedData.path("tmx/tmx14.dtd")!, directory + "/out.tmx"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test
    func htmlReviewPageIsWrittenBesideTheOutput() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let result = try run([Self.english, Self.korean, "--html", directory + "/review.html", "--format", "beads"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.hasPrefix("0\t0\n"))
        let page = try String(contentsOfFile: directory + "/review.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("겨울을 앞두고 강릉의 홍수 복구가 더뎌지다"))
        #expect(page.contains("&quot;We cannot wait for spring,&quot;"))
    }

    @Test
    func presegmentedCollectionsGiveTheHarnessFormat() throws {
        let source = "%%DOC a\nOne.\nTwo is here.\n%%DOC b\nThree things.\n"
        let target = "%%DOC a\n하나.\n둘이 여기 있다.\n%%DOC b\n세 가지.\n"
        let result = try run([
            "--presegmented", "--docs", try file(source, "src.txt"), try file(target, "tgt.txt"), "--format", "beads", "-q",
        ])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "%%DOC a\n0\t0\n1\t1\n%%DOC b\n0\t0\n")
    }

    @Test
    func markdownHeadingOnOneSideOnlyIsLeftOutNotMerged() throws {
        let english = """
            # Flood recovery in Gangneung slows as winter nears

            Gangneung city officials said on Tuesday that 80,000 residents are still without clean water.

            ## Shelters

            Volunteers from Seoul and Busan have arrived to help. The city has opened 12 shelters in schools and churches.
            """
        let korean = """
            # 겨울을 앞두고 강릉의 홍수 복구가 더뎌지다

            강릉시 관계자들은 화요일 주민 8만 명이 여전히 깨끗한 물을 쓰지 못하고 있다고 밝혔다.

            서울과 부산에서 온 자원봉사자들이 도움을 주기 위해 도착했다. 시는 학교와 교회에 대피소 12곳을 열었다.
            """
        let result = try run([try file(english, "f.en.md"), try file(korean, "f.ko.md"), "--format", "beads"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "0\t0\n1\t1\n2\t\n3\t2\n4\t3\n")
        #expect(result.stderr.contains("f.en.md:5: \"Shelters\""))
    }

    // MARK: - Bad input

    @Test
    func emptyFileIsAnErrorNamingIt() throws {
        let empty = try file("", "empty.ko.txt")
        let result = try run([Self.english, empty])
        #expect(result.exitCode == 65)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("empty.ko.txt: the file is empty"))
    }

    @Test
    func missingFileIsAnErrorNamingIt() throws {
        let result = try run([Self.english, "/nonexistent/flood.ko.txt"])
        #expect(result.exitCode == 66)
        #expect(result.stderr.contains("/nonexistent/flood.ko.txt: no such file"))
    }

    @Test
    func unrelatedFilesStopWithTheEvidenceUnlessForced() throws {
        let game = """
            대전 이글스가 일요일 홈 경기에서 인천 마린스를 7대 2로 꺾었다. 선발 투수 오정우는 6이닝 동안 삼진 8개를 잡아냈다.

            4회에 터진 최민재의 3점 홈런이 승부를 갈랐다. 감독은 경기 후 선수들이 끝까지 집중력을 잃지 않았다고 평가했다. 이글스는 이번 승리로 리그 3위로 올라섰다.

            관중 1만 5천 명이 경기장을 찾았다. 다음 경기는 수요일 저녁 부산에서 열린다. 마린스는 최근 다섯 경기에서 네 번 졌다.

            구단은 다음 달 새 외국인 타자를 영입할 계획이다. 시즌은 10월 둘째 주에 끝난다. 오정우는 올 시즌 11승째를 거뒀다.
            """
        let path = try file(game, "game.ko.txt")
        let refused = try run([Self.english, path])
        #expect(refused.exitCode == 65)
        #expect(refused.stdout == "")
        #expect(refused.stderr.contains("game.ko.txt does not look like a translation of"))
        #expect(refused.stderr.contains("--force"))
        let forced = try run([Self.english, path, "--force", "--format", "beads"])
        #expect(forced.exitCode == 0)
        #expect(!forced.stdout.isEmpty)
        #expect(forced.stderr.contains("warning:"))
    }

    @Test
    func translationMuchLongerThanExpectedIsWarnedAboutWithTheFactor() throws {
        let korean = try String(contentsOfFile: Self.korean, encoding: .utf8)
        let long = try file(String(repeating: korean + "\n", count: 10), "long.ko.txt")
        let result = try run([Self.english, long, "--force", "--format", "beads"])
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("long.ko.txt is"))
        #expect(result.stderr.contains("times as long as a translation of"))
    }

    @Test
    func documentsMissingFromOneCollectionAreNamed() throws {
        let result = try run(["--presegmented", "--docs", try file("%%DOC a\nOne.\n", "s.txt"), try file("%%DOC b\n하나.\n", "t.txt")])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("document 'a' is not in"))
    }

    @Test
    func docsWithoutPresegmentedIsAUsageError() throws {
        let result = try run(["--docs", Self.english, Self.korean])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--presegmented"))
    }

    @Test
    func mixedScriptsAndLatinWordsInKoreanStillAlign() throws {
        let english = "The EU and NATO met in Brussels. Kim Jong-un did not attend.\n"
        let korean = "EU와 NATO(북대서양조약기구)가 브뤼셀에서 만났다. 김정은은 참석하지 않았다.\n"
        let result = try run([try file(english, "m.en.txt"), try file(korean, "m.ko.txt"), "--format", "beads", "-q"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "0\t0\n1\t1\n")
    }
}
