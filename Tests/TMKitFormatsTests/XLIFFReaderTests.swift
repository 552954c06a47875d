import Testing
import TMKitFormats
import TMKitText

struct XLIFFReaderTests {
    static func read(_ xml: String) throws -> XLIFFDocument {
        try XLIFFReader.read(bytes: Array(xml.utf8), name: "test.xlf")
    }

    @Test func readsVersion12WithInlineCodes() throws {
        let document = try Self.read("""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file source-language="en" target-language="ko" datatype="plaintext" original="report.txt">
            <body>
              <trans-unit id="1">
                <source>Camp <g id="b">No. 15</g> is at Yodok.<x id="br"/></source>
                <target state="translated">요덕에 <g id="b">제15호</g> 관리소가 있다.<x id="br"/></target>
              </trans-unit>
              <group id="g1">
                <trans-unit id="2"><source>No target yet.</source></trans-unit>
                <trans-unit id="3" translate="no"><source>ICC</source><target>ICC</target></trans-unit>
              </group>
              <trans-unit id="4"><source>A <ph id="1">&lt;b&gt;</ph>bold<ph id="2">&lt;/b&gt;</ph> word.</source><target></target></trans-unit>
            </body>
          </file>
        </xliff>
        """)
        #expect(document.version == "1.2")
        #expect(document.sourceLanguage == "en")
        #expect(document.targetLanguage == "ko")
        #expect(document.segments.map(\.id) == ["1", "2", "4"])
        #expect(document.segments[0].source == "Camp No. 15 is at Yodok.")
        #expect(document.segments[0].target == "요덕에 제15호 관리소가 있다.")
        #expect(document.segments[0].state == "translated")
        #expect(document.segments[0].line == 6)
        #expect(document.segments[1].target == nil)
        #expect(document.segments[2].source == "A bold word.")
        #expect(document.segments[2].target == "")
    }

    @Test func splitsSegmentedUnitsByMarker() throws {
        let document = try Self.read("""
        <xliff version="1.2"><file source-language="en" target-language="ko"><body>
        <trans-unit id="7">
          <source>First. Second.</source>
          <seg-source><mrk mtype="seg" mid="1">First.</mrk> <mrk mtype="seg" mid="2">Second.</mrk></seg-source>
          <target><mrk mtype="seg" mid="1">첫째.</mrk> <mrk mtype="seg" mid="2">둘째.</mrk></target>
        </trans-unit>
        </body></file></xliff>
        """)
        #expect(document.segments.map(\.id) == ["7/1", "7/2"])
        #expect(document.segments.map(\.source) == ["First.", "Second."])
        #expect(document.segments.map(\.target) == ["첫째.", "둘째."])
    }

    @Test func readsVersion2() throws {
        let document = try Self.read("""
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="ko-KR">
          <file id="f1">
            <unit id="u1">
              <originalData><data id="d1">&lt;br/&gt;</data></originalData>
              <segment id="s1" state="final">
                <source>Between <pc id="1">80,000</pc> and 120,000.<ph id="2" dataRef="d1"/></source>
                <target>8만~12만 명.<ph id="2" dataRef="d1"/></target>
              </segment>
              <ignorable><source> </source></ignorable>
              <segment id="s2"><source>Tab<cp hex="0009"/>here.</source><target>탭</target></segment>
            </unit>
            <unit id="u2"><segment><source>Untranslated.</source></segment></unit>
          </file>
        </xliff>
        """)
        #expect(document.version == "2.0")
        #expect(document.sourceLanguage == "en-US")
        #expect(document.targetLanguage == "ko-KR")
        #expect(document.segments.map(\.id) == ["u1/s1", "u1/s2", "u2"])
        #expect(document.segments[0].source == "Between 80,000 and 120,000.")
        #expect(document.segments[0].target == "8만~12만 명.")
        #expect(document.segments[0].state == "final")
        #expect(document.segments[1].source == "Tab\there.")
        #expect(document.segments[2].target == nil)
    }

    @Test(arguments: [
        ("<tmx version=\"1.4\"><body/></tmx>", "not an XLIFF file"),
        ("<xliff version=\"3.0\"><file/></xliff>", "version 3.0 is not supported"),
        ("<xliff version=\"1.2\"><file><body></body></file></xliff>", "no translation units"),
        ("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source></body></file></xliff>", "not well-formed"),
        ("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><xliff version=\"1.2\"/>", "entity"),
    ])
    func rejectsWhatIsNotXLIFF(xml: String, message: String) {
        do {
            _ = try Self.read(xml)
            Issue.record("accepted \(xml)")
        } catch let error as TMKitError {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.file == "test.xlf")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
