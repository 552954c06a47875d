import Foundation
import GRDB
import TMKitFormats
import TMKitMemory
import TMKitTestSupport
import TMKitText
import Testing

/// A fresh memory in its own temporary directory.
func freshMemory() throws -> (memory: TranslationMemory, directory: String) {
    let directory = try CommandRunner.temporaryDirectory()
    return (try TranslationMemory(path: directory + "/tm.sqlite"), directory)
}

func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// A TMX document around some `<tu>` elements.
func tmxDocument(_ body: String, srclang: String = "en") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="\(srclang)" datatype="plaintext"/>
    <body>
    \(body)
    </body></tmx>
    """
}

func pairTU(_ en: String, _ ko: String, tuid: String? = nil) -> String {
    "<tu\(tuid.map { " tuid=\"\($0)\"" } ?? "")><tuv xml:lang=\"en\"><seg>\(XMLWriter.escapeText(en))</seg></tuv><tuv xml:lang=\"ko\"><seg>\(XMLWriter.escapeText(ko))</seg></tuv></tu>"
}

func allUnits(_ memory: TranslationMemory) throws -> [MemoryUnit] {
    try memory.units()
}

@Suite struct ComplianceKitImportTests {
    /// Units stored per ImportTest file with the default pair rule (the unit's srclang, else the
    /// header's, paired with every other variant), and one stored source ⇄ target, read from the
    /// files by hand.
    @Test(arguments: [
        ("ImportTest1A.tmx", 2, "First segment with [\t\t   ]", "Premier segment avec [\t\t   ]"),
        ("ImportTest1B.tmx", 1, "Text of the segment", "Texte du segment"),
        ("ImportTest1C.tmx", 12, "First entry in US English", "First entry in UK English"),
        ("ImportTest1D.tmx", 3, "à=agrave, é=eacute, æ=aelig", "à=agrave, é=eacute, æ=aelig"),
        ("ImportTest1E.tmx", 3, "ÿ=U+00FF, ™=U+2122, ’=U+2019", "ÿ=U+00FF, ™=U+2122, ’=U+2019"),
        ("ImportTest1F.tmx", 3, "“=U+201C, –=U+2013, ¤=U+00A4", "“=U+201C, –=U+2013, ¤=U+00A4"),
        ("ImportTest1G.tmx", 3, "à=agrave, é=eacute, æ=aelig", "à=agrave, é=eacute, æ=aelig"),
        ("ImportTest1H.tmx", 3, "“=U+201C, –=U+2013, ¤=U+00A4", "“=U+201C, –=U+2013, ¤=U+00A4"),
        ("ImportTest1I.tmx", 1, "English segment with [    ]", "Japanese segment with [\u{3000}\u{3000}]"),
        ("ImportTest1J.tmx", 2, "Second entry in US English", "Second entry in UK English"),
        ("ImportTest1J_many.tmx", 3, "[not to import] Third entry in Spanish", "[not to import] Third entry in US English"),
        ("ImportTest1K.tmx", 2, "Second Entry - French Canadian", "Second Entry - UK English"),
        ("ImportTest1L.tmx", 2, "Text of the segment.", "Texte du segment."),
        ("ImportTest2A.tmx", 7, "Some text with a part highlighted.", "Du texte avec une portion délimitée."),
        ("ImportTest2A-0index.tmx", 7, "The big black cat sleeps.", "Le gros chat noir dors."),
        ("ImportTest2B.tmx", 7, "Nested formatting = Bold+Italic+Underlined, Bold+Italic, Bold.", "Format en gigogne = gras+italique+souligné, gras+italique, gras."),
        ("ImportTest2C.tmx", 2, "Click  to start.", "Cliquez  pour commencer."),
    ])
    func importsImportTestFile(file: String, units: Int, source: String, target: String) throws {
        let relative = "tmx/compliance-kit/\(file)"
        guard SharedData.available(relative) else { return }
        let (memory, _) = try freshMemory()
        let summary = try memory.importTMX(path: SharedData.path(relative)!)
        #expect(summary.imported == units)
        #expect(try memory.unitCount() == units)
        let stored = try allUnits(memory)
        #expect(stored.contains { $0.source.plainText == source && $0.target.plainText == target })
    }

    @Test func picksTheAskedPairFromMultilingualUnits() throws {
        guard SharedData.available("tmx/compliance-kit/ImportTest1J_many.tmx") else { return }
        let (memory, _) = try freshMemory()
        let summary = try memory.importTMX(path: SharedData.path("tmx/compliance-kit/ImportTest1J_many.tmx")!,
                                           options: ImportOptions(sourceLanguage: "en-US", targetLanguage: "en-GB"))
        // The file says: only the first and second entries have both en-us and en-gb.
        #expect(summary.imported == 2)
        #expect(summary.withoutPair == 1)
        #expect(try allUnits(memory).map(\.target.plainText).sorted() == ["First entry in UK English", "Second entry in UK English"])
    }

    @Test func importsAllPairsWhenAsked() throws {
        guard SharedData.available("tmx/compliance-kit/ImportTest1C.tmx") else { return }
        let (memory, _) = try freshMemory()
        let summary = try memory.importTMX(path: SharedData.path("tmx/compliance-kit/ImportTest1C.tmx")!, options: ImportOptions(allPairs: true))
        #expect(summary.imported == 3 * 5 * 4)
    }

    @Test func exportGivesInlineCodesBack() throws {
        guard SharedData.available("tmx/compliance-kit/ImportTest2A.tmx") else { return }
        let (memory, directory) = try freshMemory()
        let path = SharedData.path("tmx/compliance-kit/ImportTest2A.tmx")!
        _ = try memory.importTMX(path: path)
        let exported = directory + "/out.tmx"
        _ = try memory.exportTMX(to: try OutputSink.file(exported), creationToolVersion: "test")

        func variants(_ file: String) throws -> [[TMXVariant]] {
            let reader = try TMXReader(path: file)
            var result: [[TMXVariant]] = []
            while let unit = try reader.next() { result.append(unit.variants.map { TMXVariant(language: $0.language, segment: $0.segment) }) }
            return result
        }
        // The inverted unit (fr-CA first) comes back with the source first.
        let original = try variants(path).map { $0.sorted { $0.language < $1.language } }
        let again = try variants(exported).map { $0.sorted { $0.language < $1.language } }
        #expect(again == original)
    }
}

@Suite struct ImportTests {
    @Test func importsNothingFromAFileWithBadXMLAtItsEnd() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/broken.tmx"
        let units = (0..<500).map { pairTU("Sentence \($0).", "문장 \($0).") }.joined(separator: "\n")
        try write(tmxDocument(units) + "\n<oops>", to: path)
        let error = try #require(throws: TMKitError.self) { try memory.importTMX(path: path) }
        #expect(error.code == .malformedXML)
        #expect(error.file == path && error.line == 505 && error.column != nil)
        #expect(try memory.unitCount() == 0)
    }

    @Test func skipsDuplicatesByDefault() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/a.tmx"
        try write(tmxDocument(pairTU("The camp.", "수용소.") + pairTU("The camp.", "수용소.") + pairTU("The camp.", "관리소.")), to: path)
        let summary = try memory.importTMX(path: path)
        #expect(summary.imported == 2)
        #expect(summary.skippedDuplicates == 1)
        let again = try memory.importTMX(path: path)
        #expect(again.imported == 0 && again.skippedDuplicates == 3)
    }

    @Test func keepsDuplicatesWhenAskedAndDedupeRemovesThem() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/a.tmx"
        try write(tmxDocument(pairTU("The camp.", "수용소.") + pairTU("The camp.", "수용소.")), to: path)
        #expect(try memory.importTMX(path: path, options: ImportOptions(duplicates: .keep)).imported == 2)
        #expect(try memory.statistics().duplicates == 1)
        #expect(try memory.removeDuplicates(dryRun: true) == 1)
        #expect(try memory.unitCount() == 2)
        #expect(try memory.removeDuplicates() == 1)
        #expect(try memory.unitCount() == 1)
    }

    @Test func overwritesTheMetadataOfDuplicates() throws {
        let (memory, directory) = try freshMemory()
        let first = directory + "/a.tmx"
        let second = directory + "/b.tmx"
        try write(tmxDocument("<tu tuid=\"old\" changedate=\"20200101T000000Z\"><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"ko\"><seg>가</seg></tuv></tu>"), to: first)
        try write(tmxDocument("<tu tuid=\"new\" changedate=\"20240101T000000Z\"><prop type=\"x-client\">NK</prop><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"ko\"><seg>가</seg></tuv></tu>"), to: second)
        _ = try memory.importTMX(path: first)
        let summary = try memory.importTMX(path: second, options: ImportOptions(duplicates: .overwrite))
        #expect(summary.overwritten == 1 && summary.imported == 0)
        let unit = try #require(try memory.unit(id: 1))
        #expect(unit.tuid == "new")
        #expect(unit.changedAt == "20240101T000000Z")
        #expect(unit.metadata.unit.properties == [TMXProperty(type: "x-client", text: "NK")])
    }

    @Test func importsAlignerBeadsFromJSONL() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/beads.jsonl"
        try write("""
            {"src":["The camp was closed.","It held 5,000 people."],"tgt":["5천 명을 수용하던 수용소는 폐쇄되었다."],"score":0.82,"srcLang":"en","tgtLang":"ko","document":"report","paragraph":3,"sentence":0}
            {"src":["Untranslated."],"tgt":[],"score":0.1,"srcLang":"en","tgtLang":"ko"}

            {"src":"Kwalliso","tgt":"관리소","srcLang":"en","tgtLang":"ko"}
            """, to: path)
        let summary = try memory.importJSONL(path: path)
        #expect(summary.imported == 2 && summary.withoutPair == 1)
        let unit = try #require(try memory.unit(id: 1))
        #expect(unit.source.plainText == "The camp was closed. It held 5,000 people.")
        #expect(unit.score == 0.82)
        #expect(unit.origin == MemoryUnit.Origin(document: "report", paragraph: 3, sentence: 0))
    }

    @Test func refusesABadJSONLLineAndImportsNothing() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/beads.jsonl"
        try write("{\"src\":[\"A\"],\"tgt\":[\"가\"],\"srcLang\":\"en\",\"tgtLang\":\"ko\"}\n{\"src\":[\"B\"]}\n", to: path)
        let error = try #require(throws: TMKitError.self) { try memory.importJSONL(path: path) }
        #expect(error.line == 2 && error.message.contains("\"tgt\" is missing"))
        #expect(try memory.unitCount() == 0)
    }

    @Test func importsTSVPairs() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/pairs.tsv"
        try write("Political prison camp\t정치범 수용소\nLine\\nbreak\t줄\\n바꿈\t0.9\n", to: path)
        let summary = try memory.importTSV(path: path, options: ImportOptions(sourceLanguage: "en", targetLanguage: "ko"))
        #expect(summary.imported == 2)
        let unit = try #require(try memory.unit(id: 2))
        #expect(unit.source.plainText == "Line\nbreak" && unit.target.plainText == "줄\n바꿈" && unit.score == 0.9)
    }

    @Test func importsBeadsFromTheLibrary() throws {
        let (memory, _) = try freshMemory()
        let summary = try memory.importBeads([
            BeadPair(sourceSentences: ["Nine people were held."], targetSentences: ["9명이 구금되었다."], score: 0.9),
            BeadPair(sourceSentences: [], targetSentences: ["추가 문장."]),
        ], sourceLanguage: .english, targetLanguage: .korean, source: "report.en.txt")
        #expect(summary.imported == 1 && summary.withoutPair == 1)
        #expect(try memory.unit(id: 1)?.targetLanguage == "ko")
    }

    @Test func exportRestoresOriginScoreAndMetadataOnReimport() throws {
        let (memory, directory) = try freshMemory()
        var unit = MemoryUnit(sourceLanguage: "en", targetLanguage: "ko", source: "The camp.", target: "수용소.")
        unit.score = 0.75
        unit.origin = MemoryUnit.Origin(document: "report", paragraph: 2, sentence: 1)
        _ = try memory.importBeads([BeadPair(sourceSentences: ["The camp."], targetSentences: ["수용소."], score: 0.75,
                                             origin: unit.origin)], sourceLanguage: .english, targetLanguage: .korean)
        let exported = directory + "/out.tmx"
        _ = try memory.exportTMX(to: try OutputSink.file(exported), creationToolVersion: "test")
        let copy = try TranslationMemory(path: directory + "/copy.sqlite")
        _ = try copy.importTMX(path: exported)
        let back = try #require(try copy.unit(id: 1))
        let original = try #require(try memory.unit(id: 1))
        #expect(back.origin == original.origin && back.score == 0.75)
        #expect(back.createdAt == original.createdAt && back.createdBy == original.createdBy)
        #expect(back.tuid == "1")
    }
}

@Suite struct ExportTests {
    @Test func exportValidatesAgainstTheTMXDTD() throws {
        guard SharedData.available("tmx/tmx14.dtd"), SharedData.available("tmx/compliance-kit/ImportTest2C.tmx") else { return }
        let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let xmllint else {
            if SharedData.isCI { Issue.record("xmllint is missing (apt-get install libxml2-utils)") }
            print("skipped: xmllint not installed (apt-get install libxml2-utils)")
            return
        }
        let (memory, directory) = try freshMemory()
        for file in ["ImportTest2C.tmx", "ImportTest2A.tmx", "ImportTest1C.tmx", "ImportTest1L.tmx"] {
            _ = try memory.importTMX(path: SharedData.path("tmx/compliance-kit/\(file)")!)
        }
        _ = try memory.importBeads([BeadPair(sourceSentences: ["Control\u{01} char"], targetSentences: ["제어 문자"])],
                                   sourceLanguage: .english, targetLanguage: .korean)
        let exported = directory + "/out.tmx"
        let summary = try memory.exportTMX(to: try OutputSink.file(exported), creationToolVersion: "test")
        #expect(summary.units == 2 + 7 + 12 + 2 + 1)
        #expect(summary.droppedCharacters == 1)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--dtdvalid", SharedData.path("tmx/tmx14.dtd")!, exported]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let messages = String(decoding: Data(try TextFile.readAll(fileDescriptor: errors.fileHandleForReading.fileDescriptor, name: "errors")), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(messages)")
        #expect(messages.isEmpty)
    }

    @Test func filtersByLanguagePairDocumentAndDate() throws {
        let (memory, directory) = try freshMemory()
        _ = try memory.importBeads([BeadPair(sourceSentences: ["A"], targetSentences: ["가"])], sourceLanguage: .english,
                                   targetLanguage: .korean, options: ImportOptions(document: "one"))
        _ = try memory.importBeads([BeadPair(sourceSentences: ["가"], targetSentences: ["A"])], sourceLanguage: .korean,
                                   targetLanguage: .english, options: ImportOptions(document: "two"))
        func count(_ filter: UnitFilter) throws -> Int {
            try memory.exportTMX(to: try OutputSink.file(directory + "/f.tmx"), filter: filter, creationToolVersion: "t").units
        }
        #expect(try count(UnitFilter()) == 2)
        #expect(try count(UnitFilter(sourceLanguage: "en", targetLanguage: "ko")) == 1)
        #expect(try count(UnitFilter(document: "two")) == 1)
        #expect(try count(UnitFilter(since: "29990101T000000Z")) == 0)
        #expect(try count(UnitFilter(until: "29990101T000000Z")) == 2)
    }
}

@Suite struct LookupTests {
    func memoryWith(_ pairs: [(String, String)]) throws -> TranslationMemory {
        let (memory, _) = try freshMemory()
        _ = try memory.importBeads(pairs.map { BeadPair(sourceSentences: [$0.0], targetSentences: [$0.1]) },
                                   sourceLanguage: .english, targetLanguage: .korean)
        return memory
    }

    @Test func scoresExactCaseOnlyAndFuzzyMatchesAsCATToolsDo() throws {
        let memory = try memoryWith([
            ("The prison camp was closed in 2012.", "그 수용소는 2012년에 폐쇄되었다."),
            ("The prison camp was closed in 2013.", "그 수용소는 2013년에 폐쇄되었다."),
            ("Completely unrelated text about weather.", "날씨에 관한 무관한 글."),
        ])
        let exact = try memory.lookup("The prison camp was closed in 2012.")
        #expect(exact.map(\.score) == [100, 97])
        #expect(exact[0].unit.target.plainText == "그 수용소는 2012년에 폐쇄되었다.")
        let caseOnly = try memory.lookup("the prison camp  was closed in 2012.")
        #expect(caseOnly.first?.score == 99)
        #expect(try memory.lookup("Nothing like it at all, no.").isEmpty)
    }

    @Test(arguments: [
        // Korean: particles glued to words; character level keeps the score high.
        ("관리소에서 일어난 일", "관리소에 일어난 일", 90),
        ("정치범 수용소", "정치범수용소", 85),
    ])
    func findsKoreanVariantsWithCharacterSimilarity(stored: String, query: String, minimum: Int) throws {
        let (memory, _) = try freshMemory()
        _ = try memory.importBeads([BeadPair(sourceSentences: [stored], targetSentences: ["x"])], sourceLanguage: .korean, targetLanguage: .english)
        let matches = try memory.lookup(query, options: LookupOptions(threshold: 50))
        #expect(matches.count == 1)
        #expect((matches.first?.score ?? 0) >= minimum)
    }

    @Test func honoursThresholdLimitAndLanguages() throws {
        let memory = try memoryWith((0..<20).map { ("The camp held \($0) people in the valley.", "수용소 \($0)") })
        #expect(try memory.lookup("The camp held 7 people in the valley.", options: LookupOptions(limit: 3)).count == 3)
        #expect(try memory.lookup("The camp held 7 people in the valley.", options: LookupOptions(threshold: 100)).count == 1)
        #expect(try memory.lookup("The camp held 7 people in the valley.", options: LookupOptions(sourceLanguage: "ko")).isEmpty)
    }

    @Test(arguments: [
        ("kitten", "sitting", 57),  // distance 3 of 7
        ("abc", "abc", 100),
        ("관리소", "관리소에", 75),
        ("", "", 100),
    ])
    func computesSimilarityPercent(a: String, b: String, expected: Int) {
        #expect(Similarity.percent(MatchKey(a).scalars, MatchKey(b).scalars) == expected)
    }

    @Test func bandedDistanceAgreesWithTheFullOne() {
        let words = ["수용소", "관리소", "kwalliso", "kwan-li-so", "gwalliso", "정치범 수용소", "정치범수용소", "", "a"]
        for a in words {
            for b in words {
                let x = MatchKey(a).scalars
                let y = MatchKey(b).scalars
                let full = Similarity.levenshtein(x, y, limit: 1000)!
                for limit in 0...12 {
                    let banded = Similarity.levenshtein(x, y, limit: limit)
                    #expect(banded == (full <= limit ? full : nil), "\(a) \(b) \(limit)")
                }
            }
        }
    }
}

@Suite struct SearchTests {
    @Test func findsPhrasesInEitherLanguageWithTheirPlace() throws {
        let (memory, _) = try freshMemory()
        _ = try memory.importBeads([
            BeadPair(sourceSentences: ["Kwalliso No. 15 is a Political Prison Camp."], targetSentences: ["15호 관리소는 정치범 수용소이다."]),
            BeadPair(sourceSentences: ["The camp was closed."], targetSentences: ["수용소는 폐쇄되었다."]),
            BeadPair(sourceSentences: ["Weather."], targetSentences: ["날씨."]),
        ], sourceLanguage: .english, targetLanguage: .korean)
        let english = try memory.search("political prison camp")
        #expect(english.count == 1)
        #expect(english[0].side == .source && english[0].byteRange == 21..<42)
        let korean = try memory.search("수용소", side: .target)
        #expect(korean.map(\.unit.id) == [1, 2])
        #expect(try memory.search("수용소", side: .source).isEmpty)
        #expect(try memory.search("ca").count == 2)
        #expect(try memory.search("camp", limit: 1).count == 1)
    }
}

@Suite struct ConcurrencyTests {
    /// A first import runs with a rollback journal (`BulkLoad`); the workspace is in WAL mode
    /// afterwards, read-only connections open it, and later imports run as usual.
    @Test func firstImportLeavesAWALWorkspace() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/tm.sqlite"
        let body = (0..<300).map { pairTU("Sentence \($0) of the report.", "보고서의 \($0)번째 문장.") }.joined(separator: "\n")
        try write(tmxDocument(body), to: directory + "/a.tmx")
        #expect(try memory.importTMX(path: directory + "/a.tmx").imported == 300)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        let mode = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let reader = try TranslationMemory(path: path, readOnly: true)
        #expect(try reader.unitCount() == 300)
        #expect(try reader.lookup("Sentence 7 of the report.").first?.score == 100)
        // The second import, into a memory that holds units, runs in WAL mode beside the reader.
        try write(tmxDocument(pairTU("One more.", "하나 더.")), to: directory + "/b.tmx")
        #expect(try memory.importTMX(path: directory + "/b.tmx").imported == 1)
        #expect(try reader.unitCount() == 301)
    }

    /// A first import while another connection has the workspace open cannot switch journals
    /// and runs in WAL mode: it neither waits nor fails, and the reader sees the result.
    @Test func firstImportBesideAnOpenReader() throws {
        let (memory, directory) = try freshMemory()
        let reader = try TranslationMemory(path: directory + "/tm.sqlite", readOnly: true)
        #expect(try reader.unitCount() == 0)
        let body = (0..<50).map { pairTU("Line \($0).", "줄 \($0).") }.joined(separator: "\n")
        try write(tmxDocument(body), to: directory + "/a.tmx")
        let started = Date()
        #expect(try memory.importTMX(path: directory + "/a.tmx").imported == 50)
        #expect(Date().timeIntervalSince(started) < 5, "the import waited for the reader")
        #expect(try reader.unitCount() == 50)
    }

    @Test func readersWorkWhileAnImportRuns() async throws {
        let (memory, directory) = try freshMemory()
        _ = try memory.importBeads([BeadPair(sourceSentences: ["Seed."], targetSentences: ["씨앗."])], sourceLanguage: .english, targetLanguage: .korean)
        let path = directory + "/big.tmx"
        let body = (0..<20_000).map { pairTU("Sentence number \($0) of the report.", "보고서의 \($0)번째 문장.") }.joined(separator: "\n")
        try write(tmxDocument(body), to: path)

        let importer = Task.detached { try memory.importTMX(path: path) }
        // While the import runs, readers see the committed state (one unit), never a half import.
        var readsDuringImport = 0
        let reader = try TranslationMemory(path: directory + "/tm.sqlite", readOnly: true)
        let start = Date()
        while Date().timeIntervalSince(start) < 60 {
            let count = try reader.unitCount()
            #expect(count == 1 || count == 20_001)
            if count == 20_001 { break }
            #expect(try reader.lookup("Seed.").first?.score == 100)
            readsDuringImport += 1
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        let summary = try await importer.value
        #expect(summary.imported == 20_000)
        #expect(readsDuringImport > 0)
        #expect(try reader.unitCount() == 20_001)
    }
}
