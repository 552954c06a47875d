import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// The Markdown reader: blocks and their kinds, markup stripped from the text, locations.
struct MarkdownReaderTests {
    private func read(_ markdown: String) -> Document {
        MarkdownReader.read(markdown, path: "doc.md")
    }

    private func texts(_ markdown: String) -> [String] {
        read(markdown).paragraphs.map(\.text)
    }

    // MARK: - Inline markup

    static let inlineCases: [(markdown: String, text: String)] = [
        // Emphasis, strong, strikethrough.
        ("Some *emphasis* here.", "Some emphasis here."),
        ("Some **strong** here.", "Some strong here."),
        ("Some _emphasis_ and __strong__.", "Some emphasis and strong."),
        ("***Both*** at once.", "Both at once."),
        ("*Nested **strong** inside* text.", "Nested strong inside text."),
        ("A ~~deleted~~ word and ~single~ tilde.", "A deleted word and single tilde."),
        ("Three ~~~tildes~~~ stay.", "Three ~~~tildes~~~ stay."),
        // What is not emphasis stays as written.
        ("Call snake_case_name and __init__ methods.", "Call snake_case_name and init methods."),
        ("Call snake_case_name here.", "Call snake_case_name here."),
        ("It is 2 * 3 * 4 = 24.", "It is 2 * 3 * 4 = 24."),
        ("A lone * star and a lone _ underscore.", "A lone * star and a lone _ underscore."),
        ("Unclosed *emphasis stays.", "Unclosed *emphasis stays."),
        ("file_name_v2.txt is here", "file_name_v2.txt is here"),
        // CJK text next to punctuation (CommonMark alone would keep these asterisks).
        ("북한은 **\"자력갱생\"**을 강조했다.", "북한은 \"자력갱생\"을 강조했다."),
        ("이것은**굵은**글씨다.", "이것은굵은글씨다."),
        ("**중요**(참고) 자료", "중요(참고) 자료"),
        ("그는 _밑줄_을 썼다.", "그는 밑줄을 썼다."),
        ("파일_이름_v2 그대로", "파일_이름_v2 그대로"),
        // Code spans keep their text.
        ("Run `tmkit segment` now.", "Run tmkit segment now."),
        ("Use ``a `tick` inside`` here.", "Use a `tick` inside here."),
        ("Code ` *not emphasis* ` stays.", "Code *not emphasis* stays."),
        ("An `unclosed backtick stays.", "An `unclosed backtick stays."),
        // Links and images.
        ("See [the report](https://example.org/r \"Title\") today.", "See the report today."),
        ("See [the *annual* report](<a b.html>) today.", "See the annual report today."),
        ("See [text][ref] and [other][] here.\n\n[ref]: https://example.org\n[other]: /x", "See text and other here."),
        ("Known [ref] link.\n\n[ref]: https://example.org \"T\"", "Known ref link."),
        ("Editor's note [sic] and footnote [1] stay.", "Editor's note [sic] and footnote [1] stay."),
        ("A logo ![UN emblem](logo.png \"UN\") here.", "A logo UN emblem here."),
        ("Nested [![alt text](i.png)](https://x.org) link.", "Nested alt text link."),
        ("Parens [in url](https://e.org/a_(b)) ok.", "Parens in url ok."),
        // Autolinks keep the address; inline HTML goes.
        ("Visit <https://example.org/a?b=c> now.", "Visit https://example.org/a?b=c now."),
        ("Write to <info@example.org> today.", "Write to info@example.org today."),
        ("Some <span class=\"x\">inline</span> HTML.", "Some inline HTML."),
        ("Line<br>break and <br/> another.", "Line break and another."),
        ("A <!-- comment --> here.", "A here."),
        ("Math: a < b and c > d.", "Math: a < b and c > d."),
        // Escapes and character references.
        ("Not \\*emphasis\\* and \\_plain\\_ and \\# and \\[x\\].", "Not *emphasis* and _plain_ and # and [x]."),
        ("Tom &amp; Jerry &lt;3 &quot;q&quot; &#44; &#x41; &copy;", "Tom & Jerry <3 \"q\" , A ©"),
        ("No&nbsp;break", "No\u{00A0}break"),
        ("Unknown &bogus; and & alone.", "Unknown &bogus; and & alone."),
        ("Zero &#0; is replaced.", "Zero \u{FFFD} is replaced."),
        // Line breaks inside a paragraph.
        ("First line\nsecond line", "First line second line"),
        ("Hard break  \nwith spaces", "Hard break with spaces"),
        ("Hard break\\\nwith backslash", "Hard break with backslash"),
        // Footnote references go when the footnote is defined.
        ("A claim.[^1]\n\n[^1]: The source.", "A claim."),
    ]

    @Test(arguments: inlineCases)
    func stripsInlineMarkup(markdown: String, text: String) {
        #expect(texts(markdown).first == text)
    }

    // MARK: - Blocks

    static let blockCases: [(markdown: String, blocks: [BlockKindAndText])] = [
        ("# Title\n\nBody text.", [.init(.heading, "Title"), .init(.paragraph, "Body text.")]),
        ("## Closed heading ##\n###### Six", [.init(.heading, "Closed heading"), .init(.heading, "Six")]),
        ("####### Seven is text", [.init(.paragraph, "####### Seven is text")]),
        ("#NoSpace is text", [.init(.paragraph, "#NoSpace is text")]),
        ("Setext one\n===\n\nSetext two\nlines\n---", [.init(.heading, "Setext one"), .init(.heading, "Setext two lines")]),
        ("One\ntwo\nthree", [.init(.paragraph, "One two three")]),
        ("First.\n\nSecond.", [.init(.paragraph, "First."), .init(.paragraph, "Second.")]),
        // Lists.
        ("- one\n- two\n* three\n+ four", [.init(.listItem, "one"), .init(.listItem, "two"), .init(.listItem, "three"), .init(.listItem, "four")]),
        ("1. first\n2) second\n10. tenth", [.init(.listItem, "first"), .init(.listItem, "second"), .init(.listItem, "tenth")]),
        ("- item\n  continued\nlazily", [.init(.listItem, "item continued lazily")]),
        ("- outer\n  - inner\n    - innermost\n- next", [.init(.listItem, "outer"), .init(.listItem, "inner"), .init(.listItem, "innermost"), .init(.listItem, "next")]),
        ("- para one\n\n  para two", [.init(.listItem, "para one"), .init(.listItem, "para two")]),
        ("- [ ] open task\n- [x] done task", [.init(.listItem, "open task"), .init(.listItem, "done task")]),
        ("The year was\n1999. It ended.", [.init(.paragraph, "The year was 1999. It ended.")]),
        ("Text\n1. can interrupt", [.init(.paragraph, "Text"), .init(.listItem, "can interrupt")]),
        // Quotes.
        ("> quoted\n> text", [.init(.quote, "quoted text")]),
        ("> quoted\nlazy line", [.init(.quote, "quoted lazy line")]),
        ("> outer\n>\n> > inner", [.init(.quote, "outer"), .init(.quote, "inner")]),
        ("> - item in quote\n> # heading in quote", [.init(.listItem, "item in quote"), .init(.heading, "heading in quote")]),
        ("- > quote in item", [.init(.quote, "quote in item")]),
        // Dropped blocks.
        ("Before.\n\n```swift\nlet x = \"*code*\"\n```\n\nAfter.", [.init(.paragraph, "Before."), .init(.paragraph, "After.")]),
        ("~~~\ncode\n~~~~\nAfter.", [.init(.paragraph, "After.")]),
        ("```\nunclosed fence swallows the rest\n\n# not a heading", []),
        ("Before.\n\n    indented code\n    more\n\nAfter.", [.init(.paragraph, "Before."), .init(.paragraph, "After.")]),
        ("Para\n    continuation, not code", [.init(.paragraph, "Para continuation, not code")]),
        ("- item\n\n  ```\n  code in item\n  ```\n- next", [.init(.listItem, "item"), .init(.listItem, "next")]),
        ("One.\n\n---\n\n***\n\n_ _ _\n\nTwo.", [.init(.paragraph, "One."), .init(.paragraph, "Two.")]),
        ("<div class=\"note\">\nHTML block text\n</div>\n\nAfter.", [.init(.paragraph, "After.")]),
        ("<!-- a comment\nover lines -->\nAfter.", [.init(.paragraph, "After.")]),
        ("<script>\nvar a = 1;\n\nvar b = 2;\n</script>\nAfter.", [.init(.paragraph, "After.")]),
        ("Text <span>inline</span>\n<span>lazy</span> line", [.init(.paragraph, "Text inline lazy line")]),
        ("[ref]: https://example.org\n\nText.", [.init(.paragraph, "Text.")]),
        ("[a]: /a\n[b]: /b 'title'\nText after definitions.", [.init(.paragraph, "Text after definitions.")]),
        ("---\ntitle: Report\nlang: en\n---\n# Heading", [.init(.heading, "Heading")]),
        ("+++\ntitle = \"x\"\n+++\nText.", [.init(.paragraph, "Text.")]),
        ("Text first.\n---\nnot: front matter", [.init(.heading, "Text first."), .init(.paragraph, "not: front matter")]),
        ("[^note]: The footnote text.\n[^two]: Another one.", [.init(.paragraph, "The footnote text."), .init(.paragraph, "Another one.")]),
        // Tables.
        ("| Camp | Prisoners |\n| --- | ---: |\n| No. 14 | 15,000 |\n| No. 15 | 46,500 |",
         [.init(.tableCell, "Camp"), .init(.tableCell, "Prisoners"), .init(.tableCell, "No. 14"), .init(.tableCell, "15,000"),
          .init(.tableCell, "No. 15"), .init(.tableCell, "46,500")]),
        ("a | b\n--- | ---\n*x* | `y \\| z`", [.init(.tableCell, "a"), .init(.tableCell, "b"), .init(.tableCell, "x"), .init(.tableCell, "y | z")]),
        ("Intro line\n| h |\n| - |\n| v |\n\nAfter.", [.init(.paragraph, "Intro line"), .init(.tableCell, "h"), .init(.tableCell, "v"), .init(.paragraph, "After.")]),
        ("| a | b |\n| --- |\nnot a table", [.init(.paragraph, "| a | b | | --- | not a table")]),
        ("| h |\n|---|\n|   |\n| x |", [.init(.tableCell, "h"), .init(.tableCell, "x")]),
    ]

    @Test(arguments: blockCases)
    func readsBlocksWithTheirKinds(markdown: String, blocks: [BlockKindAndText]) {
        let paragraphs = read(markdown).paragraphs
        #expect(paragraphs.map { BlockKindAndText($0.kind, $0.text) } == blocks)
        #expect(paragraphs.map(\.index) == Array(paragraphs.indices))
    }

    // MARK: - Locations

    @Test
    func givesLineOfFirstLineAndByteRangeOfBlockSource() {
        let markdown = "# Title\n\nFirst paragraph\nover two lines.\n\n- item one\n  - nested\n\n> quoted\n"
        let document = read(markdown)
        let utf8 = Array(markdown.utf8)
        func source(_ p: Paragraph) -> String { String(decoding: utf8[p.location.byteRange], as: UTF8.self) }
        let p = document.paragraphs
        #expect(p.map(\.location.line) == [1, 3, 6, 7, 9])
        #expect(source(p[0]) == "# Title")
        #expect(source(p[1]) == "First paragraph\nover two lines.")
        #expect(source(p[2]) == "- item one")
        #expect(source(p[3]) == "- nested")
        #expect(source(p[4]) == "> quoted")
        #expect(p.allSatisfy { $0.location.file == "doc.md" && !$0.isVerbatim })
    }

    /// A sentence on the third line of a paragraph is on line 3 of the block, through markup,
    /// a task marker and a hard break.
    @Test
    func segmentsKnowTheLineTheyStartOn() throws {
        let markdown = """
        # 관리소

        Camp No. 15 is at Yodok.
        It held **50,000** people
        in 2010. Camp No. 22 closed\\
        in 2012.

        - [x] First item
          spans two lines. Second sentence.
        """
        let document = read(markdown)
        let segmenter = try Segmenter(language: .english, data: DataDirectory.locate())
        var lines: [String: Int] = [:]
        for paragraph in document.paragraphs {
            for segment in try segmenter.segments(of: paragraph) { lines[segment.text] = segment.location.line }
        }
        #expect(lines["Camp No. 15 is at Yodok."] == 3)
        #expect(lines["It held 50,000 people in 2010."] == 4)
        #expect(lines["Camp No. 22 closed in 2012."] == 5)
        #expect(lines["First item spans two lines."] == 8)
        #expect(lines["Second sentence."] == 9)
        #expect(document.paragraphs[1].line(atOffset: 0) == 3)
    }

    @Test
    func tableCellRangeIsTheCellText() {
        let markdown = "| 구분 | 인원 |\n|---|---|\n| 관리소 | 8만 명 |"
        let document = read(markdown)
        let utf8 = Array(markdown.utf8)
        for paragraph in document.paragraphs {
            #expect(String(decoding: utf8[paragraph.location.byteRange], as: UTF8.self) == paragraph.text)
        }
        #expect(document.paragraphs.map(\.location.line) == [1, 1, 3, 3])
    }

    @Test
    func linesAfterFrontMatterAndCRLFAreCounted() {
        let markdown = "---\r\ntitle: x\r\n---\r\n\r\nFirst.\r\n\r\n## Second\r\n"
        let document = read(markdown)
        #expect(document.paragraphs.map(\.text) == ["First.", "Second"])
        #expect(document.paragraphs.map(\.location.line) == [5, 7])
        let utf8 = Array(markdown.utf8)
        #expect(String(decoding: utf8[document.paragraphs[1].location.byteRange], as: UTF8.self) == "## Second")
    }

    @Test
    func setextHeadingRangeIncludesUnderline() {
        let markdown = "Intro.\n\nReport\nTitle\n=====\n"
        let heading = read(markdown).paragraphs[1]
        #expect(heading.kind == .heading)
        #expect(heading.location.line == 3)
        #expect(String(decoding: Array(markdown.utf8)[heading.location.byteRange], as: UTF8.self) == "Report\nTitle\n=====")
    }

    @Test
    func tabsCountAsFourColumns() {
        // A tab after the marker is content indentation; a tab-indented block is code.
        #expect(texts("-\titem with tab\n\n\tcode under the item") == ["item with tab", "code under the item"])
        #expect(texts("\tcode at top level\n\nText.") == ["Text."])
    }

    // MARK: - No markup leaks

    static let realisticReport = """
        ---
        title: "Annual report on detention"
        lang: en
        ---

        # Political Prison Camps in *North Korea*

        The **Commission of Inquiry** (COI) found that the _kwalliso_ system held between
        80,000 and 120,000 people in 2014.[^coi] See [the full report][report] and the
        [summary](https://example.org/summary "Summary") for details; the camp list is at
        <https://example.org/camps>.

        ## Findings

        1. Camp **No. 14** (Kaechon) is a *total control zone*.
        2. Former prisoners described ~~rumours~~ *first-hand* accounts of forced labour.
           - Testimony was collected in Seoul &amp; Geneva.
           - Some witnesses asked that their names be withheld&nbsp;entirely.

        > "We were told that nobody leaves," one survivor said.
        > The report calls this a *crime against humanity*.

        | Camp | Also called | Prisoners (est.) |
        |:-----|:-----------:|-----------------:|
        | Camp 14 | **Kaechon** | 15,000 |
        | Camp 15 | `Yodok` | 46,500 |

        ![Satellite image of the camp](camp14.png)

        ```
        # not a heading: code
        let x = [1, 2, 3]
        ```

        Contact <press@example.org> or read <abbr title="Commission of Inquiry">COI</abbr> notes.

        ***

        ### 요약

        유엔 조사위원회(COI)는 **정치범수용소**(관리소)에 8만~12만 명이 수감되어 있다고 밝혔다.
        자세한 내용은 [보고서](https://example.org/ko)를 참고하라.

        [report]: https://example.org/report "COI report"
        [^coi]: Report of the Commission of Inquiry, 2014.
        """

    @Test
    func realisticDocumentKeepsNoMarkup() {
        let document = read(Self.realisticReport)
        #expect(document.paragraphs.count >= 20)
        for paragraph in document.paragraphs {
            for marker in ["*", "_", "#", "[", "](", "<", ">", "&amp;", "&nbsp;", "`", "~~", "|", "---"] {
                #expect(!paragraph.text.contains(marker), "markup \(marker) leaked into \(paragraph.kind) '\(paragraph.text)'")
            }
            #expect(paragraph.text == paragraph.text.trimmingCharacters(in: .whitespaces))
            #expect(!paragraph.text.contains("  "))
        }
        let kinds = Set(document.paragraphs.map(\.kind))
        #expect(kinds == [.heading, .paragraph, .listItem, .quote, .tableCell])
        let texts = document.paragraphs.map(\.text)
        #expect(texts.contains("Political Prison Camps in North Korea"))
        #expect(texts.contains("Camp No. 14 (Kaechon) is a total control zone."))
        #expect(texts.contains("Testimony was collected in Seoul & Geneva."))
        #expect(texts.contains("유엔 조사위원회(COI)는 정치범수용소(관리소)에 8만~12만 명이 수감되어 있다고 밝혔다. 자세한 내용은 보고서를 참고하라."))
        #expect(texts.contains("Contact press@example.org or read COI notes."))
        #expect(texts.contains("Report of the Commission of Inquiry, 2014."))
        #expect(texts.contains { $0.hasPrefix("The Commission of Inquiry (COI) found that the kwalliso system held between 80,000") })
        #expect(!texts.contains { $0.contains("let x") || $0.contains("title:") || $0.contains("camp14.png") })
    }

    // MARK: - Robustness

    @Test(arguments: [
        String(repeating: "[", count: 5000) + "text",
        String(repeating: "*a ", count: 5000),
        String(repeating: "`", count: 3) + "x" + String(repeating: " `` ", count: 3000),
        String(repeating: "<a href=\"", count: 2000),
        String(repeating: "<!-- ", count: 3000),
        String(repeating: "> ", count: 500) + "deep",
        String(repeating: "[a](", count: 3000),
    ])
    func pathologicalInputEndsWithText(markdown: String) {
        let document = read(markdown)
        #expect(document.paragraphs.count <= 1)
        #expect(!(document.paragraphs.first?.text.isEmpty ?? false))
    }

    @Test
    func emptyAndBlankInputGiveNoParagraphs() {
        #expect(read("").paragraphs.isEmpty)
        #expect(read("\n\n   \n\t\n").paragraphs.isEmpty)
        #expect(read("---\n***\n```\n```").paragraphs.isEmpty)
    }

    @Test
    func readerChoosesMarkdownByExtension() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let path = directory + "/notes.md"
        try "# Notes\n\nSome *text*.".write(toFile: path, atomically: true, encoding: .utf8)
        let document = try DocumentReader.read(path)
        #expect(document.format == .markdown)
        #expect(document.paragraphs.map(\.text) == ["Notes", "Some text."])
    }
}

/// A paragraph's kind and text, for tables of expected blocks.
struct BlockKindAndText: Equatable, CustomStringConvertible, Sendable {
    var kind: BlockKind
    var text: String
    init(_ kind: BlockKind, _ text: String) {
        self.kind = kind
        self.text = text
    }
    var description: String { "\(kind.rawValue): \(text)" }
}
