import Foundation
import TMKitTestSupport
import TMKitText
import Testing

@testable import TMKitGlossary

/// Reading TBX v3 and v2: every field of the shared TBX-Basic example, and clear errors for
/// documents that are not TBX.
@Suite struct TBXReaderTests {
    static let example = "tbx/Example_Astronomy_TBX-Basic_DCA.tbx"

    func read(_ xml: String, name: String = "test.tbx") throws -> LoadedGlossary {
        try TBXReader.read(bytes: Array(xml.utf8), source: name)
    }

    @Test func importsTheSharedTBXBasicExampleWithAllItsData() throws {
        guard SharedData.available(Self.example), let path = SharedData.path(Self.example) else { return }
        let loaded = try TBXReader.read(path: path)
        let g = loaded.glossary
        // Count what the file holds with a plain text scan, independently of the reader.
        let raw = try String(contentsOfFile: path, encoding: .utf8)
        func count(_ needle: String) -> Int { raw.components(separatedBy: needle).count - 1 }
        #expect(g.concepts.count == count("<conceptEntry "))
        #expect(g.termCount == count("<term>"))
        #expect(g.language == "en")
        #expect(g.header.publication == ["This is a Publication Statement", "This is another P of Publication Statement"])
        #expect(g.header.sourceDescription == ["TBX file, created via MultiTerm Export"])

        let definitions = g.concepts.flatMap { $0.languages.flatMap(\.definitions) }
        #expect(definitions.count == count("type=\"definition\""))
        let contexts = g.concepts.flatMap { $0.languages.flatMap { $0.terms.flatMap(\.contexts) } }
        #expect(contexts.count == count("type=\"context\""))
        #expect(contexts.allSatisfy { $0.sources.count == 1 })
        let subjectFields = g.concepts.compactMap(\.subjectField)
        #expect(subjectFields.count == count("type=\"subjectField\""))
        let statuses = g.concepts.flatMap { $0.languages.flatMap { $0.terms.compactMap(\.status) } }
        #expect(statuses.count == count("type=\"administrativeStatus\""))
        let pos = g.concepts.flatMap { $0.languages.flatMap { $0.terms.compactMap(\.partOfSpeech) } }
        #expect(pos.count == count("type=\"partOfSpeech\""))
        let termTypes = g.concepts.flatMap { $0.languages.flatMap { $0.terms.compactMap(\.type) } }
        #expect(termTypes.count == count("type=\"termType\""))

        // Transactions and graphics are kept as items, at every level.
        func items(_ concept: Concept) -> [TBXItem] {
            concept.extras + concept.languages.flatMap { $0.extras + $0.terms.flatMap(\.extras) }
        }
        let all = g.concepts.flatMap(items)
        #expect(all.filter { $0.element == "transacGrp" }.count == count("<transacGrp>"))
        #expect(all.filter { $0.element == "xref" }.count == count("<xref "))
        let notes = g.concepts.flatMap { $0.notes + $0.languages.flatMap { $0.notes + $0.terms.flatMap(\.notes) } }
        #expect(notes.count == count("<note>"))
        #expect(g.references.first?.objects.first?.items.first?.text == "Tommy Tomolonis")

        // Spot-check one concept in full.
        let first = try #require(g.concepts.first)
        #expect(first.id == "c1")
        #expect(first.subjectField == "General")
        let english = try #require(first.languages.first { $0.language == "en" })
        #expect(english.definitions.first?.text == "A group of stars formed together in the spiral arms of a galaxy.")
        #expect(english.definitions.first?.sources == ["Oxford2007"])
        #expect(english.terms.map(\.text) == ["open cluster", "galactic cluster"])
        #expect(english.terms[0].status == .preferred)
        #expect(english.terms[1].status == .superseded)
        #expect(english.terms[1].notes.count == 2)
        let xref = try #require(first.extras.first { $0.element == "xref" })
        #expect(xref.type == "xGraphic")
        #expect(xref.attributes["target"]?.hasPrefix("https://en.wikipedia.org/") == true)
        #expect(xref.text == "Open_Cluster.JPG")
        // An escaped ampersand comes back as one character.
        #expect(raw.contains("&amp;name=phpWiki"))
        #expect(contexts.contains { $0.sources.contains { $0.contains("&name=phpWiki") } })
    }

    @Test func readsLegacyTBXVersion2AsOmegaTAndTranslateToolkitWriteIt() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX" xml:lang="en">
              <martifHeader><fileDesc><sourceDesc><p>OmegaT glossary</p></sourceDesc></fileDesc></martifHeader>
              <text><body>
                <termEntry id="1">
                  <note>camp run by the security ministry</note>
                  <langSet xml:lang="en"><tig><term>political prison camp</term>
                    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
                  <langSet xml:lang="ko"><ntig><termGrp><term>관리소</term>
                    <termNote type="partOfSpeech">noun</termNote></termGrp>
                    <descrip type="context">그는 관리소에서 태어났다.</descrip></ntig></langSet>
                </termEntry>
                <termEntry>
                  <langSet xml:lang="ko_KP"><tig><term>로동단련대</term></tig></langSet>
                </termEntry>
              </body></text>
            </martif>
            """
        let g = try read(xml).glossary
        #expect(g.concepts.count == 2)
        #expect(g.concepts[0].id == "1")
        #expect(g.concepts[0].notes == ["camp run by the security ministry"])
        #expect(g.concepts[0].languages[0].terms[0].status == .preferred)
        let korean = g.concepts[0].languages[1].terms[0]
        #expect(korean.text == "관리소")
        #expect(korean.partOfSpeech == "noun")
        #expect(korean.contexts.map(\.text) == ["그는 관리소에서 태어났다."])
        #expect(g.concepts[1].id == "c2")
        #expect(g.concepts[1].languages[0].language == "ko-KP")
        #expect(g.header.sourceDescription == ["OmegaT glossary"])
    }

    @Test(arguments: [
        (
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body><conceptEntry id=\"c1\"><langSec xml:lang=\"en\"><termSec></termSec></langSec></conceptEntry></body></text></tbx>",
            "<termSec> has no <term>", 1
        ),
        (
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body><conceptEntry id=\"c1\">\n<termSec><term>x</term></termSec></conceptEntry></body></text></tbx>",
            "unexpected <termSec> in <conceptEntry>: expected langSec", 2
        ),
        (
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body>\n\n<conceptEntry><langSec xml:lang=\"en\"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>",
            "<conceptEntry> has no id attribute", 3
        ),
        (
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body><conceptEntry id=\"c1\"><langSec><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>",
            "<langSec> has no xml:lang attribute", 1
        ),
        (
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body><conceptEntry id=\"c1\"><langSec xml:lang=\"not a tag\"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>",
            "xml:lang: 'not a tag' is not a valid language tag", 1
        ),
        ("<html><body>not a glossary</body></html>", "expected a TBX document: the root element is <html>", 1),
        (
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body><conceptEntry id=\"c1\"><langSec xml:lang=\"en\"><termSec><term>x</term></termSec></langSec></conceptEntry>\n<conceptEntry id=\"c1\"><langSec xml:lang=\"en\"><termSec><term>y</term></termSec></langSec></conceptEntry></body></text></tbx>",
            "two <conceptEntry> elements have the id 'c1'", 2
        ),
    ])
    func refusesWronglyStructuredTBXWithItsPlace(xml: String, message: String, line: Int) throws {
        let error = try #require(throws: TMKitError.self) { try read(xml, name: "bad.tbx") }
        #expect(error.message.contains(message), "\(error)")
        #expect(error.file == "bad.tbx")
        #expect(error.line == line, "\(error)")
        #expect(error.column != nil)
    }

    @Test func refusesXMLThatIsNotWellFormedWithLineAndColumn() throws {
        let xml =
            "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\">\n<text><body>\n<conceptEntry id=\"c1\"></langSec>\n</body></text></tbx>"
        let error = try #require(throws: TMKitError.self) { try read(xml, name: "broken.tbx") }
        #expect(error.code == .malformedXML)
        #expect(error.file == "broken.tbx")
        #expect(error.line == 3)
        #expect(error.column != nil)
    }

    @Test func refusesEntityExpansionBombs() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE tbx [
              <!ENTITY a "lol">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            ]>
            <tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&c;</term></termSec></langSec></conceptEntry></body></text></tbx>
            """
        let error = try #require(throws: TMKitError.self) { try read(xml, name: "bomb.tbx") }
        #expect(error.message.contains("entity"))
        #expect(error.line != nil)
    }

    @Test func neverReadsExternalEntities() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let secret = directory + "/secret.txt"
        try "SECRET-CONTENT".write(toFile: secret, atomically: true, encoding: .utf8)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE tbx [ <!ENTITY leak SYSTEM "file://\(secret)"> ]>
            <tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&leak;</term></termSec></langSec></conceptEntry></body></text></tbx>
            """
        let error = try #require(throws: TMKitError.self) { try read(xml, name: "xxe.tbx") }
        #expect(!error.description.contains("SECRET-CONTENT"))
    }

    @Test func mergesATermWrittenTwiceInOneConceptWithAWarning() throws {
        let xml = """
            <tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body>
            <conceptEntry id="c1"><langSec xml:lang="en">
              <termSec><term>labour camp</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
              <termSec><term>labour camp</term><termNote type="partOfSpeech">noun</termNote><note>seen in COI report</note></termSec>
            </langSec></conceptEntry>
            </body></text></tbx>
            """
        let loaded = try read(xml)
        let terms = loaded.glossary.concepts[0].languages[0].terms
        #expect(terms.count == 1)
        #expect(terms[0].status == .preferred)
        #expect(terms[0].partOfSpeech == "noun")
        #expect(terms[0].notes == ["seen in COI report"])
        let warning = try #require(loaded.warnings.first)
        #expect(warning.message.contains("appears twice in concept 'c1'; merged"))
        #expect(warning.line == 4)
    }

    @Test func reportsATermThatNamesTwoConcepts() throws {
        let xml = """
            <tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body>
            <conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>camp</term></termSec></langSec></conceptEntry>
            <conceptEntry id="c2"><langSec xml:lang="en"><termSec><term>camp</term></termSec></langSec></conceptEntry>
            </body></text></tbx>
            """
        let loaded = try read(xml)
        #expect(loaded.glossary.concepts.count == 2)
        #expect(loaded.warnings.map(\.message) == ["term 'camp' (en) names several concepts: 'c1', 'c2'"])
        #expect(loaded.warnings.first?.line == 3)
    }
}
