import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// The fast XML scanner reads what libxml2 (`XMLReader`) reads, and refuses what it refuses.
struct XMLScannerTests {
    /// A node as both readers report it. Text runs are merged (libxml2 splits text at
    /// comments and processing instructions, which the scanner skips); attributes are sorted
    /// (libxml2 lists namespace declarations last).
    struct Node: Equatable, CustomStringConvertible {
        var kind: String
        var name: String
        var value: String
        var depth: Int
        var attributes: [String]
        var description: String { "\(kind) \(name) \(value.debugDescription) @\(depth) \(attributes)" }
    }

    static func append(_ node: Node, to nodes: inout [Node]) {
        if node.kind == "text", let last = nodes.last, last.kind == "text", last.depth == node.depth {
            nodes[nodes.count - 1].value += node.value
        } else {
            nodes.append(node)
        }
    }

    static func libxml2Nodes(_ bytes: [UInt8]) throws -> [Node] {
        let reader = try XMLReader(bytes: bytes, name: "test.xml")
        var nodes: [Node] = []
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                append(Node(kind: reader.isEmptyElement ? "empty" : "element", name: reader.name, value: "", depth: reader.depth,
                            attributes: reader.attributes.map { "\($0.name)=\($0.value)" }.sorted()), to: &nodes)
            case .endElement:
                append(Node(kind: "end", name: reader.name, value: "", depth: reader.depth, attributes: []), to: &nodes)
            case .text, .cdata, .whitespace, .significantWhitespace:
                append(Node(kind: "text", name: "", value: reader.value, depth: reader.depth, attributes: []), to: &nodes)
            default:
                break
            }
        }
        return nodes
    }

    static func scannerNodes(_ bytes: [UInt8]) throws -> [Node] {
        let scanner = try XMLScanner(bytes: bytes, name: "test.xml")
        var nodes: [Node] = []
        while try scanner.read() {
            switch scanner.nodeType {
            case .element:
                append(Node(kind: scanner.isEmptyElement ? "empty" : "element", name: scanner.name, value: "", depth: scanner.depth,
                            attributes: scanner.attributes.map { "\($0.name)=\($0.value)" }.sorted()), to: &nodes)
            case .endElement:
                append(Node(kind: "end", name: scanner.name, value: "", depth: scanner.depth, attributes: []), to: &nodes)
            default:
                append(Node(kind: "text", name: "", value: scanner.value, depth: scanner.depth, attributes: []), to: &nodes)
            }
        }
        return nodes
    }

    /// Both readers' outcome: the nodes, or nil for an error.
    static func outcomes(_ bytes: [UInt8]) -> (libxml2: [Node]?, scanner: [Node]?) {
        (try? libxml2Nodes(bytes), try? scannerNodes(bytes))
    }

    static let sample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <!-- a memory -->
        <tmx version="1.4">
          <header creationtool="t" srclang="en" o-tmf="x"><note>Header &amp; note</note></header>
          <body>
            <tu tuid="1" xml:lang="en"><prop type="x-a">p&#233;</prop>
              <tuv xml:lang="en"><seg>Camp <bpt i="1" x="1">&lt;b&gt;</bpt>No. 15<ept i="1">&lt;/b&gt;</ept> &quot;kwalliso&quot;</seg></tuv>
              <tuv xml:lang="ko"><seg>15호 <![CDATA[<관리소>]]> 정치범  수용소&#x1F600;</seg></tuv>
            </tu>
            <?pi some data?>
            <tu><tuv lang='fr' a="tab\there"><seg>l'été<ph/></seg></tuv></tu>
          </body>
        </tmx>
        <!-- end -->
        """

    /// Namespaces, an internal subset, references in attributes, CR LF line ends.
    static let secondSample = "<?xml version='1.0' standalone='yes'?>\r\n<!DOCTYPE t [\r\n<!ELEMENT t ANY>\r\n"
        + "<!ATTLIST t a CDATA 'x>y'>\r\n<!-- c -->\r\n<?p d?>]>\r\n<t xmlns:n=\"urn:n\" n:a='&lt;&#x41;&amp;'>\r\n"
        + "  <n:e b=\"1\" c='two\r\nlines'>Ünïcödé &#169; <i/>text</n:e>\r\n  <e xml:space=\"preserve\"> \t </e>\r\n</t>\r\n"

    @Test(arguments: [
        sample,
        secondSample,
        "<a/>",
        "<a></a>",
        "<?xml version='1.0'?>\n<a b = 'c'  d=\"e\" >text</a>\n",
        "<a>line\r\nbreak\rand\nmore</a>",
        "<a v='one\ttwo\r\nthree&#10;four&#9;'/>",
        "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;</a>",
        "<a><![CDATA[x]]]]><![CDATA[>y]]></a>",
        "<a>]]</a>",
        "<p:a xmlns:p='urn:x' p:b='1'><p:c/></p:a>",
        "<a xmlns='urn:default'><b xml:lang='ko'/></a>",
        "<a>\u{7F}\u{A0}\u{D7FF}\u{E000}\u{FFFD}\u{10000}</a>",
        "<élan ñame='ü'>日本</élan>",
        "<!DOCTYPE a [<!ELEMENT a (#PCDATA)><!ATTLIST a x CDATA #IMPLIED><!-- c --><?p x?>]><a>x</a>",
        "<!DOCTYPE a PUBLIC \"-//x//EN\" \"a.dtd\"><a/>",
        "<a>x<!-- between -->y<?pi?>z</a>",
        "\u{FEFF}<a>BOM</a>",
        "<a><![CDATA[x\ry\r\nz]]></a>",
        "<a>x\ry<![CDATA[\r]]>\n</a>",
    ])
    func readsWhatLibxml2Reads(document: String) throws {
        let bytes = Array(document.utf8)
        let expected = try Self.libxml2Nodes(bytes)
        let nodes = try Self.scannerNodes(bytes)
        #expect(nodes == expected, "scanner \(nodes), libxml2 \(expected)")
    }

    @Test(arguments: [
        "",
        "   ",
        "text",
        "<a>",
        "<a></b>",
        "<a><b></a></b>",
        "<a/><b/>",
        "<a/>text",
        "text<a/>",
        "<a b='1' b='2'/>",
        "<a b=1/>",
        "<a b/>",
        "<a b='<'/>",
        "<a b='x'c='y'/>",
        "<a>&nbsp;</a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#xFFFE;</a>",
        "<a>&amp</a>",
        "<a>]]></a>",
        "<a>\u{1}</a>",
        "<a>\u{FFFF}</a>",
        "<a><!-- a -- b --></a>",
        "<a><!-- x ---></a>",
        "<a><?xml version='1.0'?></a>",
        " <?xml version='1.0'?><a/>",
        "<?xml encoding='UTF-8'?><a/>",
        "<?xml version='2.0'?><a/>",
        "<a><![CDATA[x</a>",
        "<![CDATA[x]]><a/>",
        "<1a/>",
        "<a 1b='x'/>",
        "<p:a/>",
        "<a p:b='1'/>",
        "<a:/>",
        "<a></a ",
        "<a>x</a><!-- unfinished",
        "<!DOCTYPE a><!DOCTYPE a><a/>",
        "<a/><!DOCTYPE a>",
    ])
    func refusesWhatLibxml2Refuses(document: String) throws {
        let bytes = Array(document.utf8)
        #expect(throws: (any Error).self) { _ = try Self.libxml2Nodes(bytes) }
        let error = try #require(throws: TMKitError.self) { _ = try Self.scannerNodes(bytes) }
        #expect(error.code == .malformedXML)
        #expect(error.file == "test.xml")
        #expect((error.line ?? 0) >= 1)
    }

    @Test func refusesBytesThatAreNotUTF8() throws {
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x28, 0xA1], [0xF5, 0x80, 0x80, 0x80]] {
            let bytes = Array("<a>x".utf8) + bad + Array("y</a>".utf8)
            #expect(Self.outcomes(bytes).libxml2 == nil)
            let error = try #require(throws: TMKitError.self) { _ = try Self.scannerNodes(bytes) }
            #expect(error.code == .malformedXML, "\(bad)")
        }
    }

    /// Seeded random edits of a rich document: for every edit, both readers refuse it, or both
    /// read the same nodes.
    /// Edits go after `editsAfter`. Not in the XML declaration: an encoding name libxml2 does
    /// not know is read as UTF-8 there, and refused here (`refusesAnEncodingItDoesNotKnow`).
    /// Not in an internal subset: libxml2 checks the syntax of element and attribute-list
    /// declarations, which the scanner skips. Not in a namespace name: libxml2 checks it is a
    /// URI, the scanner does not (TMX has no namespaces).
    @Test(arguments: [(sample, "?>\n"), (secondSample, "&amp;'>")])
    func agreesWithLibxml2OnMutatedDocuments(document: String, editsAfter marker: String) throws {
        let original = Array(document.utf8)
        let editable = try #require(document.range(of: marker).map { document.utf8.distance(from: document.startIndex, to: $0.upperBound) })
        // Bytes that matter to XML syntax, and some that are not UTF-8 or not allowed.
        let interesting: [UInt8] = Array("<>&;\"'/!?-]= \r\n\t:#xa".utf8) + [0x01, 0xC3, 0xA9, 0xFF, 0x80]
        var random = SplitMix64(seed: 2026)
        var disagreements: [String] = []
        var refused = 0
        for round in 0..<4000 {
            var bytes = original
            for _ in 0...(round % 2) {
                let at = editable + Int(random.next() % UInt64(bytes.count - editable))
                switch random.next() % 3 {
                case 0: bytes[at] = interesting[Int(random.next() % UInt64(interesting.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(interesting[Int(random.next() % UInt64(interesting.count))], at: at)
                }
            }
            let (libxml2, scanner) = Self.outcomes(bytes)
            if libxml2 == nil { refused += 1 }
            if libxml2 != scanner {
                let detail = libxml2.flatMap { l in scanner.map { s in zip(l, s).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "" } } ?? ""
                disagreements.append("round \(round): libxml2 \(libxml2.map { "read \($0.count) nodes" } ?? "refused"), scanner \(scanner.map { "read \($0.count) nodes" } ?? "refused") \(detail):\n\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements; first: \(disagreements.first ?? "")")
        // The edits break most documents: the test is about refusals as much as about reading.
        #expect(refused > 1000)
    }

    @Test func refusesAnEncodingItDoesNotKnow() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF--8\"?><a/>".utf8)
        let error = try #require(throws: TMKitError.self) { _ = try Self.scannerNodes(bytes) }
        #expect(error.code == .invalidEncoding)
        #expect(error.message.contains("UTF--8"))
    }

    @Test func readsTokensAcrossBufferRefills() throws {
        // Larger than the scanner's first buffer (256 KB), with a text run larger than it too:
        // tags and characters are cut by refills, and the buffer grows.
        var document = "<?xml version=\"1.0\"?>\n<body>\n"
        for i in 0..<4000 {
            document += "<tu tuid=\"\(i)\"><seg>Unit \(i) 정치범 수용소 &amp; <![CDATA[<x>]]>\r\n</seg></tu>\n"
        }
        document += "<big>" + String(repeating: "관리소 kwalliso ", count: 30_000) + "</big>\n</body>\n"
        let bytes = Array(document.utf8)
        #expect(bytes.count > 600_000)
        let expected = try Self.libxml2Nodes(bytes)
        #expect(try Self.scannerNodes(bytes) == expected)
    }

    @Test func locatesErrorsByLineAndColumn() throws {
        let bytes = Array("<a>\n  <b>\n    <c>텍스트</b>\n</a>".utf8)
        let error = try #require(throws: TMKitError.self) { _ = try Self.scannerNodes(bytes) }
        #expect(error.line == 3)
        #expect(error.column == 11)
        #expect(error.message.contains("Opening and ending tag mismatch: c and b"))
    }

    /// Lines counted sixteen bytes at a time, across refills: every element's line is the
    /// number of line ends before it, plus one.
    @Test func countsLinesOfNodesAcrossRefills() throws {
        var document = "<body>"
        var expected: [Int] = []
        var line = 1
        for i in 0..<30_000 {
            // Lines of every length, line ends at every offset modulo 16, some lines empty.
            let gap = String(repeating: "\n", count: i % 3) + String(repeating: " ", count: i % 17)
            document += gap
            line += i % 3
            expected.append(line)
            document += "<u>관리소 \(i)\n" + String(repeating: "x", count: i % 23) + "</u>"
            line += 1
        }
        document += "</body>"
        let scanner = try XMLScanner(bytes: Array(document.utf8), name: "lines.xml")
        var lines: [Int] = []
        while try scanner.read() {
            if scanner.nodeType == .element && scanner.isNamed("u") { lines.append(scanner.line) }
        }
        #expect(lines.count == expected.count)
        let firstWrong = zip(lines, expected).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstWrong == nil, "element \(firstWrong?.offset ?? 0): line \(firstWrong?.element.0 ?? 0), not \(firstWrong?.element.1 ?? 0)")
    }

    @Test func countsLinesOfNodes() throws {
        let scanner = try XMLScanner(bytes: Array("<a>\n<b/>\r\n<c>\nx</c></a>".utf8), name: "lines.xml")
        var lines: [String: Int] = [:]
        while try scanner.read() {
            if scanner.nodeType == .element { lines[scanner.name] = scanner.line }
        }
        #expect(lines == ["a": 1, "b": 2, "c": 3])
    }

    @Test(arguments: ["UTF-16LE", "UTF-16BE"])
    func readsUTF16(encoding: String) throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a b='관리소'>수용소 camp 😀</a>"
        let big = encoding.hasSuffix("BE")
        var bytes: [UInt8] = big ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += big ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(try Self.scannerNodes(bytes) == Self.libxml2Nodes(bytes))
        #expect(try Self.scannerNodes(bytes).contains { $0.value == "수용소 camp 😀" })
    }

    @Test func readsTheEncodingTheDeclarationNames() throws {
        // "été" in ISO-8859-1: one byte a letter.
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a n='".utf8) + [0xE9] + Array("'>".utf8)
            + [0xE9, 0x74, 0xE9] + Array("</a>".utf8)
        let nodes = try Self.scannerNodes(bytes)
        #expect(nodes == (try Self.libxml2Nodes(bytes)))
        #expect(nodes.contains { $0.value == "été" })
        #expect(nodes.first?.attributes == ["n=é"])
    }

    @Test func refusesEntityDeclarationsAndNeverLoadsAnything() throws {
        for document in [
            "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
            "<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>",
            "<!DOCTYPE a [<!ENTITY % p SYSTEM 'http://example.com/x.dtd'> %p;]><a/>",
            "<!DOCTYPE a [%p;]><a/>",
        ] {
            let error = try #require(throws: TMKitError.self) { _ = try Self.scannerNodes(Array(document.utf8)) }
            #expect(error.code == .malformedXML)
            #expect(error.message.contains("entit"), "\(document): \(error.message)")
        }
    }

    @Test func refusesAMissingFileClearly() throws {
        let error = try #require(throws: TMKitError.self) { _ = try XMLScanner(path: "/nonexistent/memory.tmx") }
        #expect(error.code == .fileNotFound)
    }
}

