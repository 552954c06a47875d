import Foundation
import TMKitTestSupport
import TMKitText
import Testing

@testable import TMKitGlossary

/// OmegaT's TSV, CSV and TMKit's JSON: reading, writing and round trips.
@Suite struct DelimitedAndJSONTests {
    func tsv(_ text: String) throws -> LoadedGlossary {
        try DelimitedGlossary.read(
            text: text, source: "terms.txt", separator: .tab, sourceLanguage: .english,
            targetLanguage: .korean, name: "terms")
    }

    func written(_ body: (OutputSink) throws -> Void) throws -> String {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out"
        let sink = try OutputSink.file(path)
        try body(sink)
        try sink.commit()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func readsOmegaTTabSeparatedGlossaries() throws {
        let g = try tsv("political prison camp\t관리소\tNK usage\n# a comment\n\ncorrectional labour camp\t교화소\n").glossary
        #expect(g.concepts.count == 2)
        #expect(g.concepts[0].languages.map(\.language) == ["en", "ko"])
        #expect(g.concepts[0].languages[1].terms[0].text == "관리소")
        #expect(g.concepts[0].notes == ["NK usage"])
        #expect(g.concepts[1].notes.isEmpty)
    }

    @Test func refusesALineWithoutATargetWithItsLineNumber() throws {
        let error = try #require(throws: TMKitError.self) { try tsv("camp\t수용소\nkwalliso\n") }
        #expect(error.line == 2)
        #expect(error.file == "terms.txt")
        #expect(error.message.contains("expected SOURCE<TAB>TARGET"))
    }

    @Test func mergesARepeatedPairAndReportsASourceWithTwoTargets() throws {
        let loaded = try tsv("camp\t수용소\ncamp\t수용소\tagain\ncamp\t캠프\n")
        #expect(loaded.glossary.concepts.count == 2)
        #expect(loaded.glossary.concepts[0].notes == ["again"])
        #expect(loaded.warnings.contains { $0.message.contains("appears twice") && $0.line == 2 })
        #expect(loaded.warnings.contains { $0.message.contains("term 'camp' (en) names several concepts") && $0.line == 3 })
    }

    @Test func readsCSVWithQuotedFields() throws {
        let text = "\"Workers' Party of Korea\",조선로동당,\"ruling party, founded 1945\"\n\"say \"\"hi\"\"\",안녕,\n"
        let g = try DelimitedGlossary.read(
            text: text, source: "t.csv", separator: .comma, sourceLanguage: .english,
            targetLanguage: .korean, name: "t"
        ).glossary
        #expect(g.concepts.count == 2)
        #expect(g.concepts[0].notes == ["ruling party, founded 1945"])
        #expect(g.concepts[1].languages[0].terms[0].text == "say \"hi\"")
    }

    @Test func tsvRoundTripKeepsSourceTargetAndComment() throws {
        let text = "political prison camp\t관리소\tNK usage\ncorrectional labour camp\t교화소\n"
        let g = try tsv(text).glossary
        let out = try written { try DelimitedGlossary.write(g, separator: .tab, sourceLanguage: "en", targetLanguage: "ko", to: $0) }
        #expect(out == text)
    }

    @Test func tsvExportLeavesOutDeprecatedTermsAndUsesThePreferredTarget() throws {
        let concept = Concept(
            id: "defector",
            languages: [
                LanguageSection(language: "en", terms: [Term("defector", status: .preferred), Term("escapee", status: .deprecated)]),
                LanguageSection(language: "ko", terms: [Term("새터민", status: .deprecated), Term("탈북민", status: .preferred)]),
            ])
        let out = try written {
            try DelimitedGlossary.write(
                Glossary(name: "x", concepts: [concept]), separator: .tab, sourceLanguage: "en", targetLanguage: "ko", to: $0)
        }
        #expect(out == "defector\t탈북민\n")
    }

    @Test func jsonRoundTripKeepsEveryField() throws {
        guard SharedData.available("tbx/Example_Astronomy_TBX-Basic_DCA.tbx"),
            let path = SharedData.path("tbx/Example_Astronomy_TBX-Basic_DCA.tbx")
        else { return }
        let original = try TBXReader.read(path: path).glossary
        let data = try GlossaryJSON.data(original)
        #expect(String(decoding: data, as: UTF8.self).contains("\"schema\" : \"tmkit-glossary/1\""))
        let reread = try GlossaryJSON.read(bytes: Array(data), source: "g.json").glossary
        #expect(reread == original)
    }

    @Test func refusesJSONThatIsNotAGlossaryNamingTheField() throws {
        let json = #"{"schema":"tmkit-glossary/1","glossary":{"name":"x","concepts":[{"id":"c1"}]}}"#
        let error = try #require(throws: TMKitError.self) { try GlossaryJSON.read(bytes: Array(json.utf8), source: "bad.json") }
        #expect(error.message.contains("missing 'languages'"), "\(error)")
        #expect(error.file == "bad.json")
    }
}
