import Foundation
import TMKitTestSupport
import Testing

/// `tmkit glossary` end to end: the built binary, with stdout, stderr and exit code apart.
@Suite struct GlossaryCommandTests {
    func tmkit(_ arguments: [String], directory: String? = nil, stdin: String? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments, stdin: stdin, directory: directory)
    }

    func inTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    @Test(arguments: ["kwalliso", "gwanliso", "Kwan-Li-So", "관리소에서", "kwan-ri-so"])
    func looksUpThePoliticalPrisonCampFromAnySpelling(query: String) throws {
        try inTemporaryDirectory { dir in
            let result = try tmkit(["glossary", "lookup", query], directory: dir)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("political prison camp  [kwalliso in nk-detention, shipped]"), "\(result.stdout)")
            #expect(result.stdout.contains("관리소 (preferred, ko-KP)"))
            #expect(result.stdout.contains("정치범수용소 (preferred, ko-KR)"))
            #expect(result.stdout.contains("definition (en): A camp run by the state security agency"))
            #expect(result.stdout.contains("source:     UN Commission of Inquiry"))
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func looksUpTheNorthKoreanSpellingOfTheLabourTrainingCamp() throws {
        try inTemporaryDirectory { dir in
            let result = try tmkit(["glossary", "lookup", "로동단련대"], directory: dir)
            #expect(result.exitCode == 0)
            #expect(result.stdout.hasPrefix("labour training camp  [rodong-danryeondae in nk-detention, shipped]"))
            #expect(result.stdout.contains("found as:   로동단련대 (ko-KP; exact)"))
        }
    }

    @Test func aMissExitsOneWithSuggestions() throws {
        try inTemporaryDirectory { dir in
            let result = try tmkit(["glossary", "lookup", "kwalisso"], directory: dir)
            #expect(result.exitCode == 1)
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr == "tmkit: error: no glossary term matches 'kwalisso' (did you mean: kwalliso (political prison camp)?)\n")
        }
    }

    @Test func looksUpAsJSONWithASchemaVersion() throws {
        try inTemporaryDirectory { dir in
            let result = try tmkit(["glossary", "lookup", "kyo-hwa-so", "--format", "json"], directory: dir)
            #expect(result.exitCode == 0)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(object?["schema"] as? String == "tmkit-glossary-lookup/1")
            let first = (object?["results"] as? [[String: Any]])?.first
            #expect((first?["concept"] as? [String: Any])?["id"] as? String == "kyohwaso")
        }
    }

    @Test func scansADocumentForEveryOccurrenceWithLineAndColumn() throws {
        try inTemporaryDirectory { dir in
            let text = "첫 줄.\n그는 요덕관리소에서 태어났고 로동단련대를 거쳐 교화소로 보내졌다.\n"
            try text.write(toFile: dir + "/report.ko.txt", atomically: true, encoding: .utf8)
            let result = try tmkit(["glossary", "scan", "report.ko.txt"], directory: dir)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines == [
                    "report.ko.txt:2:6: 관리소에서 → kwalliso: political prison camp (관리소, compound+particle)",
                    "report.ko.txt:2:17: 로동단련대를 → rodong-danryeondae: labour training camp (로동단련대, particle)",
                    "report.ko.txt:2:27: 교화소로 → kyohwaso: correctional labour camp (교화소, particle)",
                ])
            #expect(result.stderr.contains("3 term occurrences of 3 concepts"))
        }
    }

    @Test func scanFindsNothingAndExitsOne() throws {
        try inTemporaryDirectory { dir in
            try "Nothing to see here.\n".write(toFile: dir + "/plain.txt", atomically: true, encoding: .utf8)
            let result = try tmkit(["glossary", "scan", "--lang", "en", "plain.txt"], directory: dir)
            #expect(result.exitCode == 1)
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func importsListsExportsAndRemovesAUserGlossary() throws {
        try inTemporaryDirectory { dir in
            try "labour camp\t노동수용소\tclient term\nre-education\t재교육\n".write(toFile: dir + "/client.txt", atomically: true, encoding: .utf8)
            let imported = try tmkit(["glossary", "import", "client.txt", "--format", "tsv", "--db", "w.sqlite"], directory: dir)
            #expect(imported.exitCode == 0, "\(imported.stderr)")
            #expect(imported.stderr.contains("imported glossary 'client': 2 concepts, 4 terms (en, ko)"))

            let list = try tmkit(["glossary", "list", "--db", "w.sqlite"], directory: dir)
            #expect(list.stdout.contains("nk-detention"))
            #expect(list.stdout.contains("client        workspace  2 concepts, 4 terms (en, ko)"), "\(list.stdout)")

            // The imported term is found by lookup and scan.
            let lookup = try tmkit(["glossary", "lookup", "노동수용소에서", "--db", "w.sqlite"], directory: dir)
            #expect(lookup.stdout.hasPrefix("labour camp  [c1 in client, workspace]"), "\(lookup.stdout)")

            let exported = try tmkit(["glossary", "export", "client", "--format", "tsv", "--db", "w.sqlite"], directory: dir)
            #expect(exported.stdout == "labour camp\t노동수용소\tclient term\nre-education\t재교육\n")

            let tbx = try tmkit(["glossary", "export", "client", "--db", "w.sqlite", "-o", "client.tbx"], directory: dir)
            #expect(tbx.exitCode == 0)
            #expect(try String(contentsOfFile: dir + "/client.tbx", encoding: .utf8).contains("<term>노동수용소</term>"))

            let removed = try tmkit(["glossary", "remove", "client", "--db", "w.sqlite"], directory: dir)
            #expect(removed.exitCode == 0)
            let again = try tmkit(["glossary", "remove", "client", "--db", "w.sqlite"], directory: dir)
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("no imported glossary named 'client'"))
        }
    }

    @Test func importOfABrokenTBXImportsNothingAndSaysWhere() throws {
        try inTemporaryDirectory { dir in
            let bad =
                "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body>\n<conceptEntry id=\"c1\"><langSec xml:lang=\"en\"><termSec><term>x</term></termSec></langSec></conceptEntry>\n<conceptEntry id=\"c2\"><langSec xml:lang=\"en\"></langSec></conceptEntry></body></text></tbx>"
            try bad.write(toFile: dir + "/bad.tbx", atomically: true, encoding: .utf8)
            let result = try tmkit(["glossary", "import", "bad.tbx", "--db", "w.sqlite"], directory: dir)
            #expect(result.exitCode == 65)
            #expect(
                result.stderr
                    == "tmkit: error: bad.tbx:3:23: <langSec xml:lang=\"en\"> has no term (add a <termSec><term>…</term></termSec>, or remove the section)\n"
            )
            #expect(!FileManager.default.fileExists(atPath: dir + "/w.sqlite"))
        }
    }

    @Test func refusesAnEntityBombWithoutImportingAnything() throws {
        try inTemporaryDirectory { dir in
            let bomb =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body><conceptEntry id=\"c1\"><langSec xml:lang=\"en\"><termSec><term>&b;</term></termSec></langSec></conceptEntry></body></text></tbx>"
            try bomb.write(toFile: dir + "/bomb.tbx", atomically: true, encoding: .utf8)
            let result = try tmkit(["glossary", "import", "bomb.tbx", "--db", "w.sqlite"], directory: dir)
            #expect(result.exitCode == 65)
            #expect(result.stderr.contains("bomb.tbx:"))
            #expect(result.stderr.contains("entity declarations are refused"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/w.sqlite"))
        }
    }
}
