import Foundation
import GRDB
import TMKitFormats
import TMKitMemory
import TMKitTestSupport
import TMKitText
import Testing

/// The fuzzy index keeps a winnowed selection of trigrams: what it keeps is enough to find
/// near-duplicates and phrases, and the import builds it (and the exact-match index) right.
@Suite struct GramIndexTests {
    /// Every padded trigram of a key (what the index kept before winnowing).
    static func allTrigrams(_ text: String) -> Set<Int64> {
        let s = MatchKey(text).scalars.map(Int64.init)
        guard !s.isEmpty else { return [] }
        let padded = [0, 0] + s + [0, 0]
        return Set((0..<(padded.count - 2)).map { padded[$0] << 42 | padded[$0 + 1] << 21 | padded[$0 + 2] })
    }

    /// The exact-match hash as first defined (and stored in every memory): FNV-1a over three
    /// bytes per scalar, low byte first, one round per byte.
    static func bytewiseKeyHash(_ key: MatchKey) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in key.scalars {
            for shift: UInt32 in [0, 8, 16] {
                h ^= UInt64(v >> shift & 0xFF)
                h &*= 0x100_0000_01b3
            }
        }
        return Int64(bitPattern: h)
    }

    @Test(arguments: [
        "", "The prison camp was closed in 2012.", "관리소에서 일어난 일", "Café ½ ｆｕｌｌ　ｗｉｄｔｈ",
        "𝐁old 𝔉raktur 😀 emoji", "北朝鮮 政治犯 收容所", "mixed 로동 and 노동 in one line",
    ])
    func keyHashIsTheStoredBytewiseFNV(text: String) {
        let key = MatchKey(text)
        #expect(key.hash == Self.bytewiseKeyHash(key))
    }

    @Test(arguments: [
        ("The prison camp was closed in 2012 after the report.", "In 2013 the prison camp was closed after the report came out."),
        ("관리소에서 일어난 일을 기록한 보고서이다.", "그것은 관리소에서 일어난 일을 기록했다."),
        ("Kwalliso No. 15 held political prisoners.", "kwalliso no. 15 HELD them"),
    ])
    func textsSharingARunOfWindowPlusTwoCharactersShareAnIndexedTrigram(a: String, b: String) {
        let x = MatchKey(a)
        let y = MatchKey(b)
        let kept = Set(x.indexGrams)
        #expect(kept.isSubset(of: Self.allTrigrams(a)))
        // Fewer than all: about 2 in window + 1.
        #expect(kept.count < Self.allTrigrams(a).count * 3 / 4)
        // Every run of window + 2 characters the texts share gives them a kept trigram in common.
        let run = MatchKey.window + 2
        let ys = y.scalars
        var shared = false
        for i in 0...(x.scalars.count - run) {
            let piece = Array(x.scalars[i..<(i + run)])
            if (0...(ys.count - run)).contains(where: { Array(ys[$0..<($0 + run)]) == piece }) { shared = true }
        }
        #expect(shared)
        #expect(!kept.isDisjoint(with: y.indexGrams))
    }

    @Test(arguments: [
        ("political prison", ["A political prison camp.", "political prison", "The political prisoner was freed.", "nonpolitical prisons"]),
        ("정치범 수용소", ["북한의 정치범 수용소에서", "정치범 수용소는 폐쇄되었다", "그 정치범 수용소"]),
    ])
    func phraseTrigramsAreKeptForEveryTextHoldingThePhrase(phrase: String, texts: [String]) {
        let grams = MatchKey(phrase).phraseGrams
        #expect(!grams.isEmpty)
        for text in texts {
            #expect(Set(grams).isSubset(of: MatchKey(text).indexGrams), "\(text)")
        }
    }

    @Test func shortPhrasesHaveNoGuaranteedTrigramsAndAreFoundByScanning() throws {
        #expect(MatchKey("camp").phraseGrams.isEmpty)
        let (memory, _) = try freshMemory()
        _ = try memory.importBeads([BeadPair(sourceSentences: ["A camp."], targetSentences: ["수용소."])], sourceLanguage: .english, targetLanguage: .korean)
        #expect(try memory.search("camp", side: .source).count == 1)
    }

    @Test func rebuildsTheIndexOfAMemoryMadeBeforeWinnowing() throws {
        let (memory, directory) = try freshMemory()
        _ = try memory.importBeads((0..<50).map { BeadPair(sourceSentences: ["The camp held \($0) people in the valley."], targetSentences: ["수용소 \($0)"]) },
                                   sourceLanguage: .english, targetLanguage: .korean)
        // As a memory of the first schema: its index emptied (any old content goes), the
        // migration not yet run.
        let path = directory + "/tm.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM tm_gram; DELETE FROM tm_gram_count; DELETE FROM grdb_migrations WHERE identifier = '002-memory-winnowed-grams'")
        }
        try queue.close()
        let reopened = try TranslationMemory(path: path)
        let matches = try reopened.lookup("The camp held 7 people in the hills.")
        #expect(matches.first?.unit.target.plainText == "수용소 7")
        #expect(try reopened.search("people in the valley").count == 20)
    }

    @Test func buildsTheSourceKeyIndexAfterALoadThatDeferredIt() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/a.tmx"
        try write(tmxDocument((0..<300).map { pairTU("Sentence \($0) of the report.", "보고서 문장 \($0).") }.joined(separator: "\n")), to: path)
        #expect(try memory.importTMX(path: path, options: ImportOptions(duplicates: .keep)).imported == 300)
        let indexes = try DatabaseQueue(path: directory + "/tm.sqlite").read { try String.fetchAll($0, sql: "SELECT name FROM pragma_index_list('tm_unit')") }
        #expect(indexes.contains("tm_unit_source_key"))
        #expect(try memory.lookup("Sentence 42 of the report.").first?.score == 100)
    }

    /// Duplicates kept, rows go in sixteen to a statement (`ImportSession.rowsPerInsert`); the
    /// memory is the one that one row per statement makes (policy skip, no duplicates here):
    /// same ids, rows and postings, also for a second import after the first.
    @Test func rowsInsertedSixteenAtATimeAreTheRowsInsertedOneByOne() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let first = directory + "/a.tmx", second = directory + "/b.tmx"
        // 613 and 37 units: several batches of 256, and groups of 16 with a remainder.
        try write(tmxDocument((0..<613).map { pairTU("Sentence \($0) of the report, \(String(repeating: "long ", count: $0 % 7)).", "보고서 문장 \($0).") }
            .joined(separator: "\n")), to: first)
        try write(tmxDocument((0..<37).map { pairTU("Another line \($0).", "다른 줄 \($0).") }.joined(separator: "\n")), to: second)
        func contents(_ policy: DuplicatePolicy) throws -> [[String]] {
            let path = directory + "/\(policy).sqlite"
            let memory = try TranslationMemory(path: path)
            #expect(try memory.importTMX(path: first, options: ImportOptions(duplicates: policy)).imported == 613)
            #expect(try memory.importTMX(path: second, options: ImportOptions(duplicates: policy)).imported == 37)
            let match = try memory.lookup("Sentence 500 of the report, long long long.").first
            #expect(match?.unit.target.plainText == "보고서 문장 500." && match?.score ?? 0 < 100)
            return try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT id || char(9) || source_text || char(9) || target_text || char(9) || source_key || char(9) || hash FROM tm_unit ORDER BY id")
                    + String.fetchAll(db, sql: "SELECT gram || char(9) || hex(units) FROM tm_gram ORDER BY gram, batch")
            }.map { [$0] }
        }
        let many = try contents(.keep)
        #expect(many.count > 650)
        #expect(many == (try contents(.skip)))
    }

    @Test func keepsTheSourceKeyIndexWhenADeferringLoadFails() throws {
        let (memory, directory) = try freshMemory()
        let path = directory + "/broken.tmx"
        try write(tmxDocument((0..<300).map { pairTU("Sentence \($0).", "문장 \($0).") }.joined(separator: "\n")) + "\n<oops>", to: path)
        #expect(throws: TMKitError.self) { try memory.importTMX(path: path, options: ImportOptions(duplicates: .keep)) }
        let indexes = try DatabaseQueue(path: directory + "/tm.sqlite").read { try String.fetchAll($0, sql: "SELECT name FROM pragma_index_list('tm_unit')") }
        #expect(indexes.contains("tm_unit_source_key"))
        #expect(try memory.unitCount() == 0)
        // The failed load was a first import (`BulkLoad`): the workspace is in WAL mode again.
        let mode = try DatabaseQueue(path: directory + "/tm.sqlite").read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        #expect(!FileManager.default.fileExists(atPath: directory + "/tm.sqlite-journal"))
    }
}
