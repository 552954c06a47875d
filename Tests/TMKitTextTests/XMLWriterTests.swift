import Testing
@testable import TMKitText

/// `XMLWriter`'s escaping: plain text comes back as it is (the fast path), everything else is
/// escaped or dropped as XML 1.0 requires.
struct XMLWriterTests {
    @Test(arguments: [
        ("The camp held 8,000 prisoners.", "The camp held 8,000 prisoners."),
        ("관리소에서 8만 명이 일했다.", "관리소에서 8만 명이 일했다."),
        ("A & B <i>", "A &amp; B &lt;i&gt;"),
        ("정치범 <수용소> & 로동", "정치범 &lt;수용소&gt; &amp; 로동"),
        ("line\r\nend", "line&#13;\nend"),
        ("tab\there", "tab\there"),
        ("say \"hi\"", "say \"hi\""),
        ("ｆｕｌｌ　ｗｉｄｔｈ？", "ｆｕｌｌ　ｗｉｄｔｈ？"),
        ("bad \u{FFFE}\u{FFFF} chars\u{1}", "bad  chars"),
    ])
    func escapesTextContent(text: String, expected: String) {
        var dropped = 0
        #expect(XMLWriter.escapeText(text, dropped: &dropped) == expected)
        #expect(dropped == text.unicodeScalars.filter { !XMLWriter.isAllowed($0) }.count)
    }

    @Test(arguments: [
        ("kwalliso", "kwalliso"),
        ("say \"hi\"", "say &quot;hi&quot;"),
        ("a\tb\nc", "a&#9;b&#10;c"),
        ("수용소 & camp", "수용소 &amp; camp"),
    ])
    func escapesAttributeValues(text: String, expected: String) {
        #expect(XMLWriter.escapeAttribute(text) == expected)
    }

    @Test(arguments: [
        ("plain English text, digits 0-9 and ? ! = ;", false, false),
        ("한국어 문장입니다.", false, false),
        ("quote \" only", false, true),
        ("ampersand &", true, true),
        ("fullwidth ？ has the lead byte 0xEF", true, true),
        ("newline\n", true, true),
    ])
    func fastPathLetsPlainTextThrough(text: String, inText: Bool, inAttribute: Bool) {
        #expect(XMLWriter.mayNeedEscaping(text, attribute: false) == inText)
        #expect(XMLWriter.mayNeedEscaping(text, attribute: true) == inAttribute)
    }
}
