import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// The HTML reader: blocks and kinds, dropped elements, encodings, locations.
struct HTMLReaderTests {
    private func read(_ html: String, lossy: Bool = false) throws -> Document {
        try HTMLReader.read(bytes: Array(html.utf8), path: "page.html", lossy: lossy)
    }

    private func blocks(_ html: String) throws -> [BlockKindAndText] {
        try read(html).paragraphs.map { BlockKindAndText($0.kind, $0.text) }
    }

    // MARK: - Blocks and kinds

    static let blockCases: [(html: String, blocks: [BlockKindAndText])] = [
        ("<h1>Title</h1><p>Body text.</p>", [.init(.heading, "Title"), .init(.paragraph, "Body text.")]),
        ("<h2>Two</h2><h6>Six</h6>", [.init(.heading, "Two"), .init(.heading, "Six")]),
        ("<ul><li>one</li><li>two</li></ul><ol><li>three</li></ol>", [.init(.listItem, "one"), .init(.listItem, "two"), .init(.listItem, "three")]),
        ("<ul><li>outer<ul><li>inner</li></ul>tail</li></ul>", [.init(.listItem, "outer"), .init(.listItem, "inner"), .init(.listItem, "tail")]),
        ("<ul><li><p>para in item</p></li></ul>", [.init(.listItem, "para in item")]),
        ("<dl><dt>Kwalliso</dt><dd>Political prison camp.</dd></dl>", [.init(.listItem, "Kwalliso"), .init(.listItem, "Political prison camp.")]),
        ("<table><caption>Camps</caption><tr><th>Name</th><th>Size</th></tr><tr><td>No. 14</td><td>15,000</td></tr></table>",
         [.init(.caption, "Camps"), .init(.tableCell, "Name"), .init(.tableCell, "Size"), .init(.tableCell, "No. 14"), .init(.tableCell, "15,000")]),
        ("<table><tr><td>&nbsp;</td><td> </td><td>x</td></tr></table>", [.init(.tableCell, "x")]),
        ("<blockquote>Quoted text.</blockquote>", [.init(.quote, "Quoted text.")]),
        ("<blockquote><p>One.</p><p>Two.</p></blockquote>", [.init(.quote, "One."), .init(.quote, "Two.")]),
        ("<figure><img src=\"a.png\" alt=\"A map\"><figcaption>Map of the camps.</figcaption></figure>", [.init(.caption, "Map of the camps.")]),
        // Loose text is kept, cut around the blocks inside its container.
        ("<div>Loose text <p>inner</p> more loose</div>", [.init(.paragraph, "Loose text"), .init(.paragraph, "inner"), .init(.paragraph, "more loose")]),
        ("<body>Text in body.<section>In section.</section><article>In article.</article><main>In main.</main></body>",
         [.init(.paragraph, "Text in body."), .init(.paragraph, "In section."), .init(.paragraph, "In article."), .init(.paragraph, "In main.")]),
        ("Just text, no tags.", [.init(.paragraph, "Just text, no tags.")]),
        // Inline elements keep their text; br is a space; img adds nothing.
        ("<p>An <em>emphasised</em>, <b>bold</b>, <a href=\"x\">linked</a> and <span>spanned</span> word.</p>",
         [.init(.paragraph, "An emphasised, bold, linked and spanned word.")]),
        ("<p>Line<br>break and<br/>another.</p>", [.init(.paragraph, "Line break and another.")]),
        ("<p>Logo <img src=\"l.png\" alt=\"UN\"> here.</p>", [.init(.paragraph, "Logo here.")]),
        ("<p>Run <code>tmkit segment</code> now.</p>", [.init(.paragraph, "Run tmkit segment now.")]),
        ("<p>Tom &amp; Jerry &lt;3 &quot;q&quot; &#44; &#x41; &copy; &mdash;</p>", [.init(.paragraph, "Tom & Jerry <3 \"q\" , A © —")]),
        ("<p>No&nbsp;break</p>", [.init(.paragraph, "No\u{00A0}break")]),
        ("<p>  Many\n\n   spaces\tand\r\nlines  </p>", [.init(.paragraph, "Many spaces and lines")]),
        // Dropped elements.
        ("<html><head><title>Page title</title><style>p{}</style></head><body><p>Body.</p></body></html>", [.init(.paragraph, "Body.")]),
        ("<p>Before.</p><script>var a = '<p>x</p>';</script><p>After.</p>", [.init(.paragraph, "Before."), .init(.paragraph, "After.")]),
        ("<nav><a>Home</a> <a>About</a></nav><header>Site name</header><p>Text.</p><footer>Copyright</footer>", [.init(.paragraph, "Text.")]),
        ("<article><header><h1>Article title</h1></header><p>Text.</p><footer>Tags</footer></article>", [.init(.heading, "Article title"), .init(.paragraph, "Text.")]),
        ("<noscript>Enable JS</noscript><template><p>t</p></template><svg><text>chart</text></svg><p>Text.</p>", [.init(.paragraph, "Text.")]),
        ("<p>Intro.</p><pre>let x = 1\nlet y = 2</pre><p>Outro.</p>", [.init(.paragraph, "Intro."), .init(.paragraph, "Outro.")]),
        ("<p>A<!-- comment --> B</p>", [.init(.paragraph, "A B")]),
        ("<iframe src=\"x\">fallback</iframe><video>No video</video><p>Text.</p>", [.init(.paragraph, "Text.")]),
        // Broken HTML is read the way browsers read it.
        ("<p>Unclosed one<p>Unclosed two<li>item", [.init(.paragraph, "Unclosed one"), .init(.paragraph, "Unclosed two"), .init(.listItem, "item")]),
        ("<div><b>bold <i>both</b> italic</i></div>", [.init(.paragraph, "bold both italic")]),
        ("<p>Korean: <strong>정치범수용소</strong>(관리소)에서</p>", [.init(.paragraph, "Korean: 정치범수용소(관리소)에서")]),
    ]

    @Test(arguments: blockCases)
    func readsBlocksWithTheirKinds(html: String, blocks: [BlockKindAndText]) throws {
        let document = try read(html)
        #expect(document.paragraphs.map { BlockKindAndText($0.kind, $0.text) } == blocks)
        #expect(document.paragraphs.map(\.index) == Array(document.paragraphs.indices))
        #expect(document.format == .html)
    }

    // MARK: - Locations

    @Test
    func linesAreTheBlockStartTagLines() throws {
        let html = """
            <!DOCTYPE html>
            <html>
            <head><title>T</title></head>
            <body>
            <h1>Heading</h1>
            <p>First paragraph
            over two lines.</p>
            <ul>
              <li>Item</li>
            </ul>
            <div>
            Loose text here.
            </div>
            <p>Last &amp; final
            paragraph.</p>
            </body>
            </html>
            """
        let document = try read(html)
        #expect(document.paragraphs.map(\.text) == ["Heading", "First paragraph over two lines.", "Item", "Loose text here.", "Last & final paragraph."])
        #expect(document.paragraphs.map(\.location.line) == [5, 6, 9, 12, 14])
        let utf8 = Array(html.utf8)
        func source(_ p: Paragraph) -> String { String(decoding: utf8[p.location.byteRange], as: UTF8.self) }
        #expect(source(document.paragraphs[0]) == "<h1>Heading</h1>")
        #expect(source(document.paragraphs[1]) == "<p>First paragraph\nover two lines.</p>")
        #expect(source(document.paragraphs[2]) == "  <li>Item</li>")
        #expect(source(document.paragraphs[3]).contains("Loose text here."))
        #expect(source(document.paragraphs[4]).hasPrefix("<p>Last &amp; final"))
        for paragraph in document.paragraphs {
            let range = paragraph.location.byteRange
            #expect(range.lowerBound == 0 || utf8[range.lowerBound - 1] == 0x0A, "a range starts at a line start")
            #expect(range.upperBound == utf8.count || utf8[range.upperBound] == 0x0A, "a range ends at a line end")
            #expect(paragraph.location.file == "page.html")
        }
    }

    @Test
    func rangesOfUTF16DocumentsIndexTheDecodedText() throws {
        let html = "<p>첫째 문단.</p>\n<p>둘째 문단.</p>\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + Self.littleEndian(html)
        let document = try HTMLReader.read(bytes: bytes, path: "ko.html", lossy: false)
        let utf8 = Array(html.utf8)
        #expect(document.paragraphs.map(\.location.line) == [1, 2])
        #expect(document.paragraphs.map { String(decoding: utf8[$0.location.byteRange], as: UTF8.self) } == ["<p>첫째 문단.</p>", "<p>둘째 문단.</p>"])
    }

    // MARK: - Encodings

    static let koreanHTML = "<html><head><meta charset=\"utf-8\"></head><body><p>한국어 문장이다.</p></body></html>"

    static func littleEndian(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    static func bigEndian(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

    static let unicodeEncodings: [(String, [UInt8])] = [
        ("UTF-8", Array(koreanHTML.utf8)),
        ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(koreanHTML.utf8)),
        ("UTF-16LE with BOM", [0xFF, 0xFE] + littleEndian(koreanHTML)),
        ("UTF-16BE with BOM", [0xFE, 0xFF] + bigEndian(koreanHTML)),
    ]

    @Test(arguments: unicodeEncodings)
    func decodesUnicodeEncodings(name: String, bytes: [UInt8]) throws {
        let document = try HTMLReader.read(bytes: bytes, path: name, lossy: false)
        #expect(document.paragraphs.map(\.text) == ["한국어 문장이다."])
        #expect(document.warnings.isEmpty)
    }

    /// "한국어 문장이다." in EUC-KR.
    static let eucKR: [UInt8] = [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE, 0x20, 0xB9, 0xAE, 0xC0, 0xE5, 0xC0, 0xCC, 0xB4, 0xD9, 0x2E]

    @Test(arguments: [
        "<meta charset=\"euc-kr\">",
        "<META CHARSET=EUC-KR>",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ks_c_5601-1987\">",
        "<!-- <meta charset=\"windows-1252\"> --><meta charset='cp949'>",
    ])
    func convertsTheDeclaredKoreanCharset(meta: String) throws {
        let bytes = Array("<html><head>\(meta)</head><body><p>".utf8) + Self.eucKR + Array("</p></body></html>".utf8)
        let document = try HTMLReader.read(bytes: bytes, path: "euc-kr.html", lossy: false)
        #expect(document.paragraphs.map(\.text) == ["한국어 문장이다."])
    }

    @Test
    func convertsLatin1AsWindows1252() throws {
        // 0xE9 is é in Latin-1; 0x93/0x94 are curly quotes only in windows-1252, as browsers read it.
        let bytes = Array("<meta charset=iso-8859-1><p>caf".utf8) + [0xE9, 0x20, 0x93, 0x71, 0x94] + Array("</p>".utf8)
        let document = try HTMLReader.read(bytes: bytes, path: "latin1.html", lossy: false)
        #expect(document.paragraphs.map(\.text) == ["café “q”"])
    }

    @Test
    func validUTF8WinsOverAWrongDeclaration() throws {
        let document = try read("<meta charset=\"euc-kr\"><p>한국어는 UTF-8이다.</p>")
        #expect(document.paragraphs.map(\.text) == ["한국어는 UTF-8이다."])
    }

    @Test
    func invalidUTF8IsAnErrorWithItsByteOffset() throws {
        let bytes = Array("<p>ok</p>\n<p>bad ".utf8) + [0xC3, 0x28] + Array("</p>".utf8)
        do {
            _ = try HTMLReader.read(bytes: bytes, path: "bad.html", lossy: false)
            Issue.record("expected an error")
        } catch let error as TMKitError {
            #expect(error.code == .invalidEncoding)
            #expect(error.message.contains("byte 17"))
            #expect(error.line == 2)
            #expect(error.file == "bad.html")
        }
    }

    @Test
    func lossyReplacesInvalidBytesAndWarns() throws {
        let bytes = Array("<p>bad ".utf8) + [0xFF] + Array(" byte</p>".utf8)
        let document = try HTMLReader.read(bytes: bytes, path: "bad.html", lossy: true)
        #expect(document.paragraphs.map(\.text) == ["bad \u{FFFD} byte"])
        #expect(document.warnings.count == 1)
        #expect(document.warnings.first?.contains("byte 7") == true)
    }

    @Test
    func invalidBytesInTheDeclaredCharsetAreAnError() throws {
        // 0xC7 0x20: a EUC-KR lead byte without its trail byte.
        let bytes = Array("<meta charset=euc-kr>\n<p>".utf8) + [0xC7, 0x20, 0x41] + Array("</p>".utf8)
        #expect(throws: TMKitError.self) { try HTMLReader.read(bytes: bytes, path: "k.html", lossy: false) }
        do {
            _ = try HTMLReader.read(bytes: bytes, path: "k.html", lossy: false)
        } catch let error as TMKitError {
            #expect(error.code == .invalidEncoding)
            #expect(error.message.contains("euc-kr"))
            #expect(error.message.contains("byte 25"))
            #expect(error.line == 2)
        }
        let lossy = try HTMLReader.read(bytes: bytes, path: "k.html", lossy: true)
        #expect(lossy.paragraphs.first?.text.contains("\u{FFFD}") == true)
        #expect(lossy.warnings.count == 1)
    }

    @Test
    func unknownDeclaredCharsetIsAnError() throws {
        let bytes = Array("<meta charset=x-no-such-charset><p>".utf8) + [0xB0, 0xA1] + Array("</p>".utf8)
        do {
            _ = try HTMLReader.read(bytes: bytes, path: "x.html", lossy: false)
            Issue.record("expected an error")
        } catch let error as TMKitError {
            #expect(error.code == .invalidEncoding)
            #expect(error.message.contains("x-no-such-charset"))
        }
    }

    static let badDocuments: [([UInt8], TMKitError.Code)] = [
        ([], .emptyInput),
        (Array("<p>a</p>".utf8) + [0, 0, 1], .binaryInput),
    ]

    @Test(arguments: badDocuments)
    func emptyAndBinaryDocumentsAreErrors(bytes: [UInt8], code: TMKitError.Code) {
        do {
            _ = try HTMLReader.read(bytes: bytes, path: "x.html", lossy: false)
            Issue.record("expected an error")
        } catch let error as TMKitError {
            #expect(error.code == code)
            #expect(error.file == "x.html")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test
    func documentWithoutTextHasNoParagraphs() throws {
        #expect(try read("<html><head><title>Only a title</title></head><body>  <img src=x> </body></html>").paragraphs.isEmpty)
    }

    // MARK: - No markup leaks

    static let realisticPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Report &ndash; Detention in North Korea</title>
          <style>body { font: 12px/1.5 sans-serif; } .x > p { color: red; }</style>
          <script>window.dataLayer = [{"page": "<p>report</p>"}];</script>
        </head>
        <body>
          <header class="site"><a href="/">Home</a> | <a href="/reports">Reports</a></header>
          <nav><ul><li><a href="#a">Findings</a></li><li><a href="#b">Camps</a></li></ul></nav>
          <main>
            <article>
              <header><h1>Political Prison Camps in <em>North Korea</em></h1></header>
              <p>The <strong>Commission of Inquiry</strong> (COI) found that the <i>kwalliso</i> system held
                 between 80,000 and 120,000 people in 2014.<sup><a href="#fn1">1</a></sup></p>
              <h2 id="a">Findings</h2>
              <ol>
                <li>Camp <b>No.&nbsp;14</b> (Kaechon) is a <em>total control zone</em>.</li>
                <li>Former prisoners described <del>rumours</del> first-hand accounts of forced labour.
                  <ul><li>Testimony was collected in Seoul &amp; Geneva.</li></ul></li>
              </ol>
              <blockquote><p>&ldquo;We were told that nobody leaves,&rdquo; one survivor said.</p></blockquote>
              <table>
                <caption>Estimated prisoners by camp</caption>
                <thead><tr><th>Camp</th><th>Prisoners</th></tr></thead>
                <tbody><tr><td>Camp 14</td><td>15,000</td></tr><tr><td>Camp 15 <small>(Yodok)</small></td><td>46,500</td></tr></tbody>
              </table>
              <figure><img src="camp14.png" alt="Satellite image"><figcaption>Camp 14 seen from space.</figcaption></figure>
              <pre><code>if (x &lt; 3) { print("code") }</code></pre>
              <div class="note">A note that sits in a div, outside any paragraph.</div>
              <h3>요약</h3>
              <p>유엔 조사위원회는 <strong>정치범수용소</strong>(관리소)에 8만~12만 명이 수감되어 있다고 밝혔다.</p>
              <p id="fn1">1. Report of the Commission of Inquiry, 2014.</p>
            </article>
          </main>
          <footer>&copy; 2024 Example Org. <a href="/privacy">Privacy</a></footer>
          <script>track();</script>
        </body>
        </html>
        """

    @Test
    func realisticPageKeepsNoMarkup() throws {
        let document = try read(Self.realisticPage)
        let texts = document.paragraphs.map(\.text)
        for paragraph in document.paragraphs {
            for marker in ["<", ">", "&amp;", "&nbsp;", "&ldquo;", "{", "dataLayer", "Home", "Privacy", "©", "print("] {
                #expect(!paragraph.text.contains(marker), "\(marker) leaked into \(paragraph.kind) '\(paragraph.text)'")
            }
            #expect(!paragraph.text.contains("  "))
            #expect(paragraph.text == paragraph.text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(Set(document.paragraphs.map(\.kind)) == [.heading, .paragraph, .listItem, .quote, .tableCell, .caption])
        #expect(texts.first == "Political Prison Camps in North Korea")
        #expect(texts.contains("Camp No.\u{00A0}14 (Kaechon) is a total control zone."))
        #expect(texts.contains("Testimony was collected in Seoul & Geneva."))
        #expect(texts.contains("“We were told that nobody leaves,” one survivor said."))
        #expect(texts.contains("Camp 15 (Yodok)"))
        #expect(texts.contains("A note that sits in a div, outside any paragraph."))
        #expect(texts.contains("유엔 조사위원회는 정치범수용소(관리소)에 8만~12만 명이 수감되어 있다고 밝혔다."))
        #expect(texts.contains { $0.hasPrefix("The Commission of Inquiry (COI) found that the kwalliso system held between 80,000 and 120,000 people in 2014.") })
        #expect(!texts.contains { $0.contains("Report – Detention") }, "the <title> is not a paragraph")
    }

    @Test
    func documentReaderChoosesHTMLByExtension() throws {
        let directory = try CommandRunner.temporaryDirectory()
        for name in ["page.html", "page.HTM", "page.xhtml"] {
            let path = directory + "/" + name
            try "<p>Hello <b>world</b>.</p>".write(toFile: path, atomically: true, encoding: .utf8)
            let document = try DocumentReader.read(path)
            #expect(document.format == .html)
            #expect(document.paragraphs.map(\.text) == ["Hello world."])
        }
    }
}
