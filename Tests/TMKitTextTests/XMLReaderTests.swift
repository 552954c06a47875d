import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// The streaming XML reader: walking, located errors, and refusing entity tricks.
struct XMLReaderTests {
    struct Node: Equatable, CustomStringConvertible {
        var type: XMLReader.NodeType
        var name: String
        var value: String
        var depth: Int
        var description: String { "\(type) \(name) '\(value)' @\(depth)" }
    }

    private func walk(_ reader: XMLReader) throws -> [Node] {
        var nodes: [Node] = []
        while try reader.read() {
            nodes.append(Node(type: reader.nodeType, name: reader.name, value: reader.value, depth: reader.depth))
        }
        return nodes
    }

    static let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header srclang="en" xml:lang="en"/>
          <body>
            <tu tuid="1">
              <tuv xml:lang="ko"><seg>관리소 &amp; 수용소 <![CDATA[<b>]]></seg></tuv>
            </tu>
          </body>
        </tmx>
        """

    @Test
    func walksAWellFormedDocument() throws {
        let reader = try XMLReader(bytes: Array(Self.tmx.utf8), name: "memory.tmx")
        var elements: [String] = []
        var text = ""
        var languages: [String] = []
        var emptyElements: [String] = []
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                elements.append(reader.name)
                if let lang = reader.attribute("xml:lang") { languages.append(lang) }
                if reader.isEmptyElement { emptyElements.append(reader.name) }
                if reader.isNamed("tu") {
                    #expect(reader.attributes.map(\.name) == ["tuid"])
                    #expect(reader.line == 5)
                    #expect(reader.depth == 2)
                }
            case .text, .cdata:
                text += reader.value
            default:
                break
            }
        }
        #expect(elements == ["tmx", "header", "body", "tu", "tuv", "seg"])
        #expect(languages == ["en", "ko"])
        #expect(emptyElements == ["header"])
        #expect(text == "관리소 & 수용소 <b>")
        #expect(reader.source == "memory.tmx")
    }

    @Test
    func readsAFileByPathAndUTF16() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let path = directory + "/utf16.xml"
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<doc lang=\"ko\">정치범수용소</doc>\n"
        try Data([0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: path))
        let nodes = try walk(XMLReader(path: path))
        #expect(nodes.map(\.name) == ["doc", "#text", "doc"])
        #expect(nodes[1].value == "정치범수용소")
        let reader = try XMLReader(path: path)
        _ = try reader.read()
        #expect(reader.attribute("lang") == "ko")
        #expect(reader.attribute("missing") == nil)
    }

    @Test(arguments: [
        ("<a>\n  <b>text</a>\n", 2),
        ("<a>\n\n<b attr=noquotes/></a>", 3),
        ("<a>&undefined;</a>", 1),
        ("<a></a>\n<second/>", 2),
        ("<a>\u{1}</a>", 1),
    ])
    func notWellFormedIsAnErrorWithLineAndColumn(xml: String, line: Int) throws {
        let reader = try XMLReader(bytes: Array(xml.utf8), name: "broken.xml")
        let error = thrownTMKitError { while try reader.read() {} }
        #expect(error?.code == .malformedXML)
        #expect(error?.file == "broken.xml")
        #expect(error?.line == line)
        #expect((error?.column ?? 0) > 0)
        #expect(error?.message.hasPrefix("not well-formed XML: ") == true)
        #expect(error?.description.hasPrefix("broken.xml:\(line):") == true)
        // The reader stays failed.
        #expect(throws: TMKitError.self) { try reader.read() }
    }

    @Test
    func billionLaughsIsRefused() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 { xml += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n" }
        xml += "]>\n<lolz>&lol9;</lolz>\n"
        let reader = try XMLReader(bytes: Array(xml.utf8), name: "lolz.xml")
        var text = ""
        let error = thrownTMKitError {
            while try reader.read() { text += reader.value }
        }
        #expect(error?.code == .malformedXML)
        #expect(error?.message.contains("entity declarations are refused") == true)
        #expect(error?.hint?.contains("DOCTYPE") == true)
        #expect(!text.contains("lollol"))
    }

    @Test
    func externalEntityIsRefusedAndNothingIsRead() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let secret = directory + "/secret.txt"
        try "TOP-SECRET-CONTENT".write(toFile: secret, atomically: true, encoding: .utf8)
        for target in ["/etc/passwd", secret] {
            let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(target)\">]>\n<r>&x;</r>\n"
            let path = directory + "/xxe.xml"
            try xml.write(toFile: path, atomically: true, encoding: .utf8)
            for reader in [try XMLReader(path: path), try XMLReader(bytes: Array(xml.utf8), name: "xxe.xml")] {
                var seen = ""
                let error = thrownTMKitError {
                    while try reader.read() { seen += reader.value + reader.name }
                }
                #expect(error?.message.contains("entity declarations are refused") == true)
                #expect(!seen.contains("root:"))
                #expect(!seen.contains("TOP-SECRET"))
            }
        }
    }

    @Test
    func externalDTDIsNotLoaded() throws {
        let directory = try CommandRunner.temporaryDirectory()
        try "<!ENTITY leak \"LEAKED\">".write(toFile: directory + "/evil.dtd", atomically: true, encoding: .utf8)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"file://\(directory)/evil.dtd\">\n<r>ok &leak;</r>\n"
        let reader = try XMLReader(bytes: Array(xml.utf8), name: "dtd.xml")
        var seen = ""
        _ = thrownTMKitError { while try reader.read() { seen += reader.value } }
        #expect(!seen.contains("LEAKED"))
    }

    @Test
    func missingFileIsAnError() {
        let error = thrownTMKitError { _ = try XMLReader(path: "/nonexistent/memory.tmx") }
        #expect(error?.code == .fileNotFound)
        #expect(error?.file == "/nonexistent/memory.tmx")
    }

    @Test
    func writerEscapesWhatTheReaderReadsBack() throws {
        let tricky = "a < b & c > d \"q\" 'a' \u{1} end"
        let xml = "<r a=\"\(XMLWriter.escapeAttribute(tricky))\">\(XMLWriter.escapeText(tricky))</r>"
        let reader = try XMLReader(bytes: Array(xml.utf8), name: "w.xml")
        _ = try reader.read()
        let attribute = try #require(reader.attribute("a"))
        _ = try reader.read()
        #expect(reader.value == attribute)
        #expect(reader.value.hasPrefix("a < b & c > d \"q\" 'a' "))
        #expect(reader.value.hasSuffix(" end"))
    }
}
