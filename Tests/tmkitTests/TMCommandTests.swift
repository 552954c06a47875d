import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// Writes `text` into a new file of a fresh temporary directory and returns both paths.
func scratchFile(_ name: String, _ text: String) throws -> (directory: String, path: String) {
    let directory = try CommandRunner.temporaryDirectory()
    let path = directory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (directory, path)
}

let sampleTMX = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
    <body>
    <tu tuid="a"><tuv xml:lang="en"><seg>The political prison camp was closed in 2012.</seg></tuv><tuv xml:lang="ko"><seg>그 정치범 수용소는 2012년에 폐쇄되었다.</seg></tuv></tu>
    <tu tuid="b"><tuv xml:lang="en"><seg>Nine people were detained.</seg></tuv><tuv xml:lang="ko"><seg>9명이 구금되었다.</seg></tuv></tu>
    </body></tmx>
    """

@Suite struct TMCommandTests {
    @Test func importsLooksUpExportsAndCounts() throws {
        let (directory, tmx) = try scratchFile("in.tmx", sampleTMX)
        let db = directory + "/work.sqlite"
        let imported = try CommandRunner.run(["tm", "import", tmx, "--db", db])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        #expect(imported.stdout == "\(tmx): imported 2 units (2 read)\n")

        let stats = try CommandRunner.run(["tm", "stats", "--db", db, "--format", "json"])
        #expect(stats.exitCode == 0)
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(object?["units"] as? Int == 2)
        #expect(object?["schema"] as? Int == 1)

        let lookup = try CommandRunner.run(["tm", "lookup", "The political prison camp was closed in 2013.", "--db", db])
        #expect(lookup.exitCode == 0)
        #expect(lookup.stdout == "97%\tThe political prison camp was closed in 2012.\n\t→ 그 정치범 수용소는 2012년에 폐쇄되었다.\n")

        let none = try CommandRunner.run(["tm", "lookup", "Completely different words here.", "--db", db])
        #expect(none.exitCode == 1)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr.contains("no match of 70% or more"))

        let search = try CommandRunner.run(["tm", "search", "수용소", "--db", db])
        #expect(search.exitCode == 0)
        #expect(search.stdout.contains("ko\t그 정치범 [수용소]는 2012년에 폐쇄되었다."))

        let out = directory + "/out.tmx"
        let exported = try CommandRunner.run(["tm", "export", "--db", db, "-o", out])
        #expect(exported.exitCode == 0)
        #expect(exported.stdout.isEmpty)
        #expect(exported.stderr.contains("exported 2 units"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("<seg>9명이 구금되었다.</seg>"))
        #expect(text.contains("tuid=\"a\""))
    }

    @Test func takesTheDatabaseFromTheEnvironment() throws {
        let (directory, tmx) = try scratchFile("in.tmx", sampleTMX)
        let db = directory + "/env.sqlite"
        #expect(try CommandRunner.run(["tm", "import", tmx], environment: ["TMKIT_DB": db]).exitCode == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        let stats = try CommandRunner.run(["tm", "stats"], environment: ["TMKIT_DB": db])
        #expect(stats.stdout.hasPrefix("units: 2\n"))
    }

    @Test func reportsBadXMLWithItsPlaceAndImportsNothing() throws {
        let broken = sampleTMX.replacingOccurrences(of: "<seg>9명이 구금되었다.</seg>", with: "<seg>9명이 구금되었다.</tuv>")
        let (directory, tmx) = try scratchFile("broken.tmx", broken)
        let db = directory + "/work.sqlite"
        let result = try CommandRunner.run(["tm", "import", tmx, "--db", db])
        #expect(result.exitCode == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("tmkit: error: \(tmx):5:"))
        #expect(result.stderr.contains("not well-formed XML"))
        let stats = try CommandRunner.run(["tm", "stats", "--db", db, "--format", "json"])
        #expect(stats.stdout.contains("\"units\":0"))
    }

    @Test func saysWhatIsMissing() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let missing = try CommandRunner.run(["tm", "import", directory + "/nope.tmx", "--db", directory + "/x.sqlite"])
        #expect(missing.exitCode == 66)
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.sqlite"))
        let noDatabase = try CommandRunner.run(["tm", "lookup", "x", "--db", directory + "/none.sqlite"])
        #expect(noDatabase.exitCode == 66)
        #expect(noDatabase.stderr.contains("no workspace database here"))
        let badLanguage = try CommandRunner.run(["tm", "export", "--db", directory + "/none.sqlite", "--source-lang", "english!"])
        #expect(badLanguage.exitCode == 64)
    }

    @Test func importsTSVAndJSONLFromTheCommandLine() throws {
        let (directory, tsv) = try scratchFile("pairs.tsv", "Kwalliso\t관리소\n")
        let jsonl = directory + "/beads.jsonl"
        try "{\"src\":[\"Camp 15\"],\"tgt\":[\"15호 관리소\"],\"score\":0.9,\"srcLang\":\"en\",\"tgtLang\":\"ko\"}\n"
            .write(toFile: jsonl, atomically: true, encoding: .utf8)
        let db = directory + "/work.sqlite"
        let noLanguages = try CommandRunner.run(["tm", "import", tsv, "--db", db])
        #expect(noLanguages.exitCode == 64)
        let result = try CommandRunner.run(["tm", "import", tsv, jsonl, "--source-lang", "en", "--target-lang", "ko", "--db", db, "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"imported\":1"))
        let stats = try CommandRunner.run(["tm", "stats", "--db", db, "--format", "json"])
        #expect(stats.stdout.contains("\"units\":2"))
    }
}

/// Translate Toolkit (the field's oldest open toolkit) reads what `tmkit tm export` writes, with
/// the same units and the same text.
@Suite struct TranslateToolkitInteropTests {
    @Test func translateToolkitReadsOurExport() throws {
        let script = SharedData.packageRoot + "/Benchmarks/read_with_translate_toolkit.py"
        let pairs = [
            ("A & B <tag> \"quoted\" 'single'", "A와 B <태그> \"인용\""),
            ("  two  spaces and a\ttab", "두  칸과\t탭"),
            ("The camp held 8만 people?", "수용소에는 8만 명이 있었다."),
            ("emoji 🎉 and CJK 漢字", "이모지 🎉"),
        ]
        let tsv = pairs.map { "\($0.0.replacingOccurrences(of: "\t", with: "\\t"))\t\($0.1.replacingOccurrences(of: "\t", with: "\\t"))" }
            .joined(separator: "\n") + "\n"
        let (directory, path) = try scratchFile("pairs.tsv", tsv)
        let db = directory + "/work.sqlite"
        let out = directory + "/out.tmx"
        #expect(try CommandRunner.run(["tm", "import", path, "--source-lang", "en", "--target-lang", "ko", "--db", db]).exitCode == 0)
        #expect(try CommandRunner.run(["tm", "export", "--db", db, "-o", out]).exitCode == 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, out]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            if SharedData.isCI { Issue.record("python3 is missing") }
            print("skipped: python3 not found")
            return
        }
        let output = Data(try TextFile.readAll(fileDescriptor: stdout.fileHandleForReading.fileDescriptor, name: "stdout"))
        let errors = String(decoding: Data(try TextFile.readAll(fileDescriptor: stderr.fileHandleForReading.fileDescriptor, name: "stderr")), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            if SharedData.isCI { Issue.record("translate-toolkit is missing in CI: \(errors)") }
            print("skipped: \(errors)")
            return
        }
        #expect(process.terminationStatus == 0, "\(errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(object["units"] as? Int == pairs.count)
        let read = (object["pairs"] as? [[String]] ?? []).map { ($0[0], $0[1]) }
        #expect(read.map(\.0) == pairs.map(\.0))
        #expect(read.map(\.1) == pairs.map(\.1))
    }
}
