import Foundation
import GRDB
import TMKitMemory
import TMKitTestSupport
import TMKitText
import Testing

@testable import TMKitGlossary

/// User glossaries in the workspace database: stored whole, listed, replaced, removed.
@Suite struct GlossaryStoreTests {
    func withStore(_ body: (GlossaryStore, String) throws -> Void) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/work.sqlite"
        try body(GlossaryStore(try Workspace(path: path)), path)
    }

    @Test func storesAGlossaryWholeAndReadsItBack() throws {
        guard SharedData.available("tbx/Example_Astronomy_TBX-Basic_DCA.tbx"),
            let path = SharedData.path("tbx/Example_Astronomy_TBX-Basic_DCA.tbx")
        else { return }
        let original = try TBXReader.read(path: path).glossary
        try withStore { store, _ in
            #expect(try store.save(original, sourceFile: path, format: "tbx") == false)
            #expect(try store.glossary(named: original.name) == original)
            let summary = try #require(try store.list().first)
            #expect(summary.name == original.name)
            #expect(summary.concepts == original.concepts.count)
            #expect(summary.terms == original.termCount)
            #expect(summary.languages == original.languages.sorted())
        }
    }

    @Test func importingTheSameNameReplacesTheGlossary() throws {
        try withStore { store, _ in
            let first = Glossary(name: "client", concepts: [Fixtures.concept("a", en: ["camp"], ko: ["수용소"])])
            let second = Glossary(name: "client", concepts: [Fixtures.concept("b", en: ["prison"], ko: ["감옥"])])
            try store.save(first, sourceFile: nil, format: "tsv")
            #expect(try store.save(second, sourceFile: nil, format: "tsv") == true)
            #expect(try store.all() == [second])
            #expect(try store.list().count == 1)
        }
    }

    @Test func removesAGlossaryAndSaysWhenThereWasNone() throws {
        try withStore { store, path in
            try store.save(
                Glossary(name: "x", concepts: [Fixtures.concept("a", en: ["camp"], ko: ["수용소"])]), sourceFile: nil, format: "tbx")
            #expect(try store.remove(named: "x"))
            #expect(try store.remove(named: "x") == false)
            #expect(try store.list().isEmpty)
            // Nothing of it is left behind in the tables.
            let reopened = try Workspace(path: path, readOnly: true)
            let terms = try reopened.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM glossary_term") }
            #expect(terms == 0)
        }
    }
}
