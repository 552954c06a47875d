import Foundation
import TMKitFormats
import TMKitTestSupport
import TMKitText
import Testing

/// Reads every unit of a TMX file.
func readAll(_ reader: TMXReader) throws -> [TranslationUnit] {
    var units: [TranslationUnit] = []
    while let unit = try reader.next() { units.append(unit) }
    return units
}

func readTMX(_ text: String, name: String = "test.tmx") throws -> (units: [TranslationUnit], reader: TMXReader) {
    let reader = try TMXReader(bytes: Array(text.utf8), name: name)
    return (try readAll(reader), reader)
}

/// A TMX document around some `<tu>` elements.
func tmx(_ body: String, version: String = "1.4", srclang: String = "en") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <tmx version="\(version)"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="\(srclang)" datatype="plaintext"/>
    <body>\(body)</body></tmx>
    """
}

@Suite struct ComplianceKitTests {
    static let kit = "tmx/compliance-kit"

    /// Every ImportTest file of the LISA kit: its number of `<tu>`, and the text of one variant
    /// (as read from the files by hand).
    @Test(arguments: [
        ("ImportTest1A.tmx", 2, 0, "en-US", "First segment with [\t\t   ]"),
        ("ImportTest1A.tmx", 2, 1, "fr-CA", "Second segment avec [  \t\t]"),
        ("ImportTest1B.tmx", 1, 0, "fr-CA", "Texte du segment"),
        ("ImportTest1C.tmx", 3, 2, "ja-JP", "Third entry in Japanese"),
        ("ImportTest1D.tmx", 3, 0, "en-US", "à=agrave, é=eacute, æ=aelig"),
        ("ImportTest1E.tmx", 3, 1, "en-GB", "ÿ=U+00FF, ™=U+2122, ’=U+2019"),
        ("ImportTest1F.tmx", 3, 2, "en-US", "“=U+201C, –=U+2013, ¤=U+00A4"),
        ("ImportTest1G.tmx", 3, 0, "en-GB", "à=agrave, é=eacute, æ=aelig"),
        ("ImportTest1H.tmx", 3, 1, "en-US", "ÿ=U+00FF, ™=U+2122, ’=U+2019"),
        ("ImportTest1I.tmx", 1, 0, "ja-JP", "Japanese segment with [\u{3000}\u{3000}]"),
        ("ImportTest1J.tmx", 2, 1, "en-US", "Second entry in US English"),
        ("ImportTest1J_many.tmx", 3, 2, "es-ES", "[not to import] Third entry in Spanish"),
        ("ImportTest1K.tmx", 2, 0, "de-DE", "First Entry - German"),
        ("ImportTest1L.tmx", 1, 0, "fr", "Texte du segment."),
        ("ImportTest2A.tmx", 7, 0, "fr-CA", "Le gros chat noir dors."),
        ("ImportTest2A-0index.tmx", 7, 6, "fr-CA", "Du texte avec une portion délimitée."),
        ("ImportTest2B.tmx", 7, 3, "en-US", "First sentence."),
        ("ImportTest2C.tmx", 1, 0, "en-GB", "Click  to start."),
    ])
    func readsImportTestFile(file: String, units: Int, index: Int, language: String, text: String) throws {
        guard SharedData.available("\(Self.kit)/\(file)") else { return }
        let reader = try TMXReader(path: SharedData.path("\(Self.kit)/\(file)")!)
        let read = try readAll(reader)
        #expect(read.count == units)
        #expect(read[index].variant(language)?.segment.plainText == text)
    }

    @Test func everyImportTestFileReadsWithoutError() throws {
        guard SharedData.available(Self.kit), let dir = SharedData.path(Self.kit) else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("ImportTest") && $0.hasSuffix(".tmx") }
        #expect(files.count == 17)
        for file in files {
            let units = try readAll(try TMXReader(path: dir + "/" + file))
            #expect(!units.isEmpty, "\(file)")
            #expect(units.allSatisfy { $0.variants.count >= 2 }, "\(file)")
        }
    }

    @Test func keepsInlineCodesWithAttributesAndContent() throws {
        guard SharedData.available("\(Self.kit)/ImportTest2C.tmx") else { return }
        let unit = try readAll(try TMXReader(path: SharedData.path("\(Self.kit)/ImportTest2C.tmx")!))[0]
        let english = try #require(unit.variant("en-US"))
        #expect(english.segment.xml == """
            <it x="1" pos="begin" type="italic">&lt;I&gt;</it><bpt x="2" i="1" type="bold">&lt;B&gt;</bpt>Click \
            <ph x="3" type="image" assoc="b">&lt;IMG SRC="here.png" ALT="<sub>Start Here!</sub>"&gt;</ph> to \
            <hi type="verb" x="4">start</hi>.<ept i="1">&lt;/B&gt;</ept>
            """)
        #expect(unit.tuid == "tu001")
        #expect(unit.attributes[named: "usagecount"] == "100")
        #expect(unit.notes.map(\.text) == ["Text of tu note 1", "Text of tu note 2"])
        #expect(unit.properties.map(\.type) == ["myPropeType"])
        #expect(english.notes.count == 2 && english.properties.count == 1)
    }

    @Test func keepsHeaderPropsNotesAndUserDefinedEncodings() throws {
        guard SharedData.available("\(Self.kit)/ImportTest1L.tmx") else { return }
        let reader = try TMXReader(path: SharedData.path("\(Self.kit)/ImportTest1L.tmx")!)
        #expect(reader.header.attributes[named: "creationtool"] == "myTool")
        #expect(reader.header.notes.map(\.text) == ["Text of header note 1", "Text of header note 2"])
        #expect(reader.header.properties.map(\.text) == ["Data"])
        #expect(reader.header.userDefinedEncodings.count == 1)
        #expect(reader.header.userDefinedEncodings.first?.contains("<map unicode=\"#xF8FF\"") == true)
        _ = try readAll(reader)
        #expect(reader.warnings.isEmpty)
    }
}

@Suite struct TMXReaderTests {
    @Test(arguments: [
        "  leading and trailing  ",
        "tab\tinside",
        "line\nbreak",
        "정치범  수용소",
    ])
    func keepsWhitespaceInsideSegmentsExactly(text: String) throws {
        let escaped = XMLWriter.escapeText(text)
        let (units, _) = try readTMX(tmx("<tu><tuv xml:lang=\"en\"><seg>\(escaped)</seg></tuv><tuv xml:lang=\"ko\"><seg>x</seg></tuv></tu>"))
        #expect(units[0].variants[0].segment.plainText == text)
    }

    @Test func readsTMX11LangAttribute() throws {
        let (units, reader) = try readTMX(tmx("<tu><tuv lang=\"EN-US\"><seg>Hello</seg></tuv><tuv lang=\"KO\"><seg>안녕</seg></tuv></tu>", version: "1.1"))
        #expect(units[0].variants.map(\.language) == ["en-US", "ko"])
        #expect(reader.warnings.isEmpty)
    }

    @Test func turnsUnknownAttributesAndElementsIntoPropsWithWarnings() throws {
        let (units, reader) = try readTMX(tmx("""
            <tu tuid="7" x-origin="scan"><tuv xml:lang="en" x-flag="1"><seg>A</seg></tuv><custom>kept text</custom>\
            <tuv xml:lang="ko"><seg>가 <mrk>표시</mrk></seg></tuv></tu>
            """))
        let unit = units[0]
        #expect(unit.properties.contains(TMXProperty(type: "x-attribute:x-origin", text: "scan")))
        #expect(unit.properties.contains(TMXProperty(type: "x-element:custom", text: "kept text")))
        #expect(unit.variants[0].properties.contains(TMXProperty(type: "x-attribute:x-flag", text: "1")))
        #expect(unit.variants[1].segment.plainText == "가 표시")
        #expect(reader.warnings.count == 4)
        #expect(reader.warnings.allSatisfy { $0.file == "test.tmx" && $0.line > 0 })
    }

    @Test func reportsMalformedXMLWithLineAndColumn() throws {
        let text = tmx("<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv><tuv xml:lang=\"ko\"><seg>가</tuv></tu>")
        // libxml2 parses ahead, so the error may come when the reader opens or on a later unit.
        let error = try #require(throws: TMKitError.self) { _ = try readTMX(text, name: "broken.tmx") }
        #expect(error.code == .malformedXML)
        #expect(error.file == "broken.tmx")
        #expect(error.line == 3)
        #expect(error.column != nil)
    }

    @Test func refusesEntityExpansionBombs() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&c;</seg></tuv></tu></body></tmx>
            """
        let error = try #require(throws: TMKitError.self) { _ = try readTMX(bomb) }
        // Refused by XMLReader (entity declarations) or by libxml2's own amplification guard.
        #expect(error.code == .malformedXML)
        #expect(error.message.contains("entit"))
    }

    @Test func neverReadsExternalEntities() throws {
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&secret;</seg></tuv></tu></body></tmx>
            """
        #expect(throws: TMKitError.self) { _ = try readTMX(external) }
    }

    @Test func refusesADocumentThatIsNotTMX() throws {
        let error = try #require(throws: TMKitError.self) { _ = try readTMX("<xliff version=\"1.2\"/>") }
        #expect(error.message.contains("not a TMX document"))
    }

    @Test func readsUTF16WithByteOrderMark() throws {
        let text = tmx("<tu><tuv xml:lang=\"en\"><seg>camp</seg></tuv><tuv xml:lang=\"ko\"><seg>수용소</seg></tuv></tu>")
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 {
                let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                bytes += bigEndian ? pair.reversed() : pair
            }
            let units = try readAll(try TMXReader(bytes: bytes, name: "utf16.tmx"))
            #expect(units[0].variant("ko")?.segment.plainText == "수용소")
        }
    }
}

@Suite struct TMXWriterTests {
    func write(_ units: [TranslationUnit]) throws -> (text: String, writer: TMXWriter) {
        let dir = try CommandRunner.temporaryDirectory()
        let path = dir + "/out.tmx"
        let writer = TMXWriter(sink: try OutputSink.file(path), header: TMXWriter.header(sourceLanguage: "en", creationToolVersion: "test"))
        for unit in units { try writer.write(unit) }
        try writer.finish()
        return (try String(contentsOfFile: path, encoding: .utf8), writer)
    }

    @Test func roundTripsInlineCodesPropsAndNotes() throws {
        let original = tmx("""
            <tu tuid="1" creationdate="20240101T000000Z"><note>checked</note><prop type="x-client">NKDB</prop>\
            <tuv xml:lang="en"><seg>The <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>camp<ept i="1">&lt;/b&gt;</ept> \
            <ph x="2">&lt;br/&gt;</ph>closed<it pos="end">&lt;/i&gt;</it> <ut>{\\ul}</ut> <hi type="term">kwalliso</hi></seg></tuv>\
            <tuv xml:lang="ko"><prop type="x-reviewed">yes</prop><seg><bpt i="1">&lt;b&gt;</bpt>관리소<ept i="1">&lt;/b&gt;</ept>는   폐쇄되었다</seg></tuv></tu>
            """)
        let (first, _) = try readTMX(original)
        let (written, _) = try write(first)
        let (second, _) = try readTMX(written)
        #expect(second.map(\.variants) == first.map(\.variants))
        #expect(second[0].notes == first[0].notes)
        #expect(second[0].properties == first[0].properties)
        #expect(second[0].attributes == first[0].attributes)
        #expect(first[0].variants[1].segment.plainText == "관리소는   폐쇄되었다")
    }

    @Test func leavesOutCharactersXMLCannotCarryAndCountsThem() throws {
        let unit = TranslationUnit(attributes: [TMXAttribute("tuid", "u1")], variants: [
            TMXVariant(language: "en", segment: TMXSegment(text: "bell\u{07}here\u{0B}")),
            TMXVariant(language: "ko", segment: TMXSegment(text: "종\u{1F}")),
        ])
        let (text, writer) = try write([unit])
        #expect(writer.droppedCharacters == 3)
        #expect(writer.unitsWithDroppedCharacters == ["u1"])
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let (read, _) = try readTMX(text)
        #expect(read[0].variants[0].segment.plainText == "bellhere")
    }

    @Test func writesEveryRequiredHeaderAttribute() throws {
        let (text, _) = try write([])
        for attribute in ["creationtool=", "creationtoolversion=", "segtype=", "o-tmf=", "adminlang=", "srclang=", "datatype="] {
            #expect(text.contains(attribute))
        }
        #expect(text.contains("<tmx version=\"1.4\">"))
    }

    @Test(arguments: [(Int64(0), "19700101T000000Z"), (Int64(1_700_000_000), "20231114T221320Z")])
    func formatsDatesAsTMXRequires(seconds: Int64, expected: String) {
        #expect(TMXDate.format(secondsSince1970: seconds) == expected)
        #expect(TMXDate.isValid(expected))
    }

    @Test(arguments: [("2024-05-01", "20240501T000000Z"), ("2024-05-01T10:20:30Z", "20240501T102030Z"), ("20240501T102030Z", "20240501T102030Z")])
    func readsDatesUsersWrite(input: String, expected: String) {
        #expect(TMXDate.parse(userDate: input) == expected)
    }
}
