import Foundation
import TMKitTestSupport
import TMKitText
import Testing

@testable import TMKitGlossary

/// Writing TBX v3: schema-valid output and round trips that keep every field.
@Suite struct TBXWriterTests {
    static let example = "tbx/Example_Astronomy_TBX-Basic_DCA.tbx"
    static let schema = "tbx/TBXcoreStructV03.rng"

    /// Validates a file with `xmllint --relaxng`; nil when xmllint is not installed (outside CI).
    static func validate(_ path: String) throws -> (ok: Bool, output: String)? {
        guard let schema = SharedData.path(Self.schema) else { return nil }
        let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let xmllint else {
            if SharedData.isCI { Issue.record("xmllint is not installed (apt-get install libxml2-utils)") }
            print("skipped: xmllint not installed")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--relaxng", schema, path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: Data(try TextFile.readAll(fileDescriptor: pipe.fileHandleForReading.fileDescriptor, name: "pipe")), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus == 0, output)
    }

    @Test func roundTripOfTheSharedExampleKeepsEveryField() throws {
        guard SharedData.available(Self.example), let path = SharedData.path(Self.example) else { return }
        let original = try TBXReader.read(path: path).glossary
        let written = TBXWriter.string(original)
        let reread = try TBXReader.read(bytes: Array(written.utf8), source: "written.tbx", name: original.name).glossary
        #expect(reread == original)
        // Canonical output: writing what was read back gives the same bytes.
        #expect(TBXWriter.string(reread) == written)
    }

    @Test func writtenTBXValidatesAgainstTheCoreStructureSchema() throws {
        guard SharedData.available(Self.example), let path = SharedData.path(Self.example) else { return }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = directory + "/out.tbx"
        try TBXWriter.string(try TBXReader.read(path: path).glossary).write(toFile: out, atomically: true, encoding: .utf8)
        guard let result = try Self.validate(out) else { return }
        #expect(result.ok, "\(result.output)")
    }

    @Test func writesAConceptBuiltInCodeAsValidTBXBasic() throws {
        let concept = Concept(
            id: "kwalliso",
            languages: [
                LanguageSection(
                    language: "en",
                    terms: [
                        Term("political prison camp", status: .preferred, type: .fullForm, partOfSpeech: "noun")
                    ], definitions: [Description("A camp for people the state treats as its enemies.", sources: ["A/HRC/25/63"])]),
                LanguageSection(
                    language: "ko",
                    terms: [
                        Term("관리소", status: .preferred, partOfSpeech: "noun", usage: "ko-KP", notes: ["North Korean usage"]),
                        Term("정치범수용소", status: .admitted, usage: "ko-KR"),
                    ]),
                LanguageSection(language: "ko-Latn", terms: [Term("kwan-li-so", type: .variant)]),
            ], subjectField: "detention", sources: ["US State Department country report 2012"])
        let glossary = Glossary(name: "test", concepts: [concept])
        let text = TBXWriter.string(glossary)
        #expect(text.contains("<termNote type=\"geographicalUsage\">ko-KP</termNote>"))
        #expect(text.contains("<descripGrp>"))
        let reread = try TBXReader.read(bytes: Array(text.utf8), source: "t.tbx", name: "test").glossary
        #expect(reread.concepts == [concept])
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try text.write(toFile: directory + "/t.tbx", atomically: true, encoding: .utf8)
        guard let result = try Self.validate(directory + "/t.tbx") else { return }
        #expect(result.ok, "\(result.output)")
    }

    @Test func escapesMarkupCharactersInTermsAndNotes() throws {
        let concept = Concept(
            id: "c1",
            languages: [
                LanguageSection(language: "en", terms: [Term("R&D <pilot> \"camp\"", notes: ["a < b & c"])])
            ])
        let text = TBXWriter.string(Glossary(name: "x", concepts: [concept]))
        #expect(text.contains("<term>R&amp;D &lt;pilot&gt; \"camp\"</term>"))
        let reread = try TBXReader.read(bytes: Array(text.utf8), source: "x.tbx").glossary
        #expect(reread.concepts[0].languages[0].terms[0].text == "R&D <pilot> \"camp\"")
        #expect(reread.concepts[0].languages[0].terms[0].notes == ["a < b & c"])
    }

    @Test func legacyVersion2IsWrittenBackAsVersion3() throws {
        let xml = """
            <martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
            <text><body><termEntry id="7"><langSet xml:lang="en"><tig><term>defector</term></tig></langSet></termEntry></body></text></martif>
            """
        let g = try TBXReader.read(bytes: Array(xml.utf8), source: "v2.tbx").glossary
        let text = TBXWriter.string(g)
        #expect(text.contains("<conceptEntry id=\"c7\">"))
        #expect(text.contains("<langSec xml:lang=\"en\">"))
        #expect(text.contains("<termSec>"))
    }
}
