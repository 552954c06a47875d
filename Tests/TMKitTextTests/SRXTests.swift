import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// SRX 2.0 files: the shipped ones parse and round-trip; bad files give located errors.
struct SRXTests {
    static func shippedPath(_ language: String) throws -> String {
        try #require(DataDirectory.locate().localeFile("segmentation.srx", for: LanguageTag(language)))
    }

    private func write(_ text: String, _ name: String = "rules.srx") throws -> String {
        let path = try CommandRunner.temporaryDirectory() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func srx(rules: String, maps: String = #"<languagemap languagepattern="en.*" languagerulename="Test"/>"#) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <srx xmlns="http://www.lisa.org/srx20" version="2.0">
          <header segmentsubflows="yes" cascade="yes"/>
          <body>
            <languagerules>
              <languagerule languagerulename="Test">
        \(rules)
              </languagerule>
            </languagerules>
            <maprules>
              \(maps)
            </maprules>
          </body>
        </srx>
        """
    }

    @Test(arguments: ["en", "ko"])
    func shippedRulesParse(language: String) throws {
        let document = try SRXDocument(contentsOf: Self.shippedPath(language))
        #expect(document.cascade)
        #expect(document.languageRules.count == 1)
        #expect(document.maps.count == 1)
        let rules = document.rules(for: try LanguageTag(language))
        #expect(rules.count >= 5)
        #expect(rules.contains { $0.isBreak } && rules.contains { !$0.isBreak })
        #expect(rules.allSatisfy { $0.line > 1 && !$0.before.isEmpty })
        // Every rule compiles.
        _ = try Segmenter(language: LanguageTag(language), rules: rules, rulesSource: document.source)
        // The rules are for their language only.
        #expect(document.rules(for: try LanguageTag(language == "en" ? "ko" : "en")).isEmpty)
    }

    @Test(arguments: ["en", "ko"])
    func roundTripThroughXMLIsEqual(language: String) throws {
        let original = try SRXDocument(contentsOf: Self.shippedPath(language))
        let xml = original.xml()
        let reparsed = try SRXDocument(bytes: Array(xml.utf8), name: "written.srx")
        #expect(reparsed.languageRules.map { $0.rules.map(\.before) } == original.languageRules.map { $0.rules.map(\.before) })
        #expect(reparsed.languageRules.map { $0.rules.map(\.after) } == original.languageRules.map { $0.rules.map(\.after) })
        #expect(reparsed.languageRules.map { $0.rules.map(\.isBreak) } == original.languageRules.map { $0.rules.map(\.isBreak) })
        #expect(reparsed.maps == original.maps)
        #expect(reparsed.cascade == original.cascade)
        #expect(reparsed == original, "equality compares rules, not where they were read from")
        // Canonical output is written back byte for byte.
        #expect(reparsed.xml() == xml)
    }

    @Test
    func mergingKeepsEveryLanguage() throws {
        let merged = SRXDocument.merging([try SRXDocument(contentsOf: Self.shippedPath("en")), try SRXDocument(contentsOf: Self.shippedPath("ko"))])
        #expect(merged.languageRules.map(\.name) == ["English", "Korean"])
        #expect(!merged.rules(for: .english).isEmpty && !merged.rules(for: .korean).isEmpty)
    }

    @Test
    func cascadeDecidesWhetherLaterMapsAddRules() throws {
        let two = """
            <?xml version="1.0"?>
            <srx version="2.0"><header cascade="CASCADE"/><body><languagerules>
            <languagerule languagerulename="A"><rule break="no"><beforebreak>A\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>
            <languagerule languagerulename="B"><rule break="no"><beforebreak>B\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>
            </languagerules><maprules>
            <languagemap languagepattern="ko.*" languagerulename="A"/><languagemap languagepattern=".*" languagerulename="B"/>
            </maprules></body></srx>
            """
        let cascading = try SRXDocument(bytes: Array(two.replacingOccurrences(of: "CASCADE", with: "yes").utf8), name: "c.srx")
        let first = try SRXDocument(bytes: Array(two.replacingOccurrences(of: "CASCADE", with: "no").utf8), name: "f.srx")
        #expect(cascading.rules(for: .korean).map(\.before) == ["A\\.", "B\\."])
        #expect(first.rules(for: .korean).map(\.before) == ["A\\."])
        #expect(first.rules(for: .english).map(\.before) == ["B\\."])
    }

    @Test
    func malformedXMLIsAnErrorWithItsLine() throws {
        let path = try write(Self.srx(rules: "<rule break=\"no\"><beforebreak>Dr\\.</beforebreak><afterbreak>\\s</afterbreak>"))
        do {
            _ = try SRXDocument(contentsOf: path)
            Issue.record("expected an error")
        } catch let error as TMKitError {
            #expect(error.code == .malformedXML)
            #expect(error.file == path)
            // The <rule> opened on line 7 meets </languagerule> on line 8.
            #expect(error.line == 8)
            #expect(error.description.hasPrefix("\(path):8:"))
            #expect(error.message.contains("rule line 7"))
        }
    }

    @Test(arguments: [
        ("<notsrx/>", "expected an <srx> root element"),
        (srx(rules: "<rule break=\"maybe\"><beforebreak>a</beforebreak><afterbreak>b</afterbreak></rule>"), "expected yes or no"),
        (srx(rules: "", maps: #"<languagemap languagepattern="en.*" languagerulename="Missing"/>"#), "'Missing'"),
        (srx(rules: "", maps: #"<languagemap languagepattern="en.*"/>"#), "languagerulename"),
    ])
    func wronglyStructuredFileIsAnError(text: String, fragment: String) throws {
        let path = try write(text)
        do {
            _ = try SRXDocument(contentsOf: path)
            Issue.record("expected an error")
        } catch let error as TMKitError {
            #expect(error.code == .invalidData)
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.file == path)
        }
    }

    @Test
    func ruleThatDoesNotCompileNamesFileAndLine() throws {
        let rules = """
                    <rule break="no">
                      <beforebreak>Dr\\.</beforebreak>
                      <afterbreak>\\s</afterbreak>
                    </rule>
                    <rule break="no">
                      <beforebreak>(unclosed</beforebreak>
                      <afterbreak>\\s</afterbreak>
                    </rule>
            """
        let path = try write(Self.srx(rules: rules))
        let document = try SRXDocument(contentsOf: path)
        #expect(document.languageRules[0].rules.map(\.line) == [7, 11])
        do {
            _ = try Segmenter(language: .english, data: nil, srx: document)
            Issue.record("expected an error")
        } catch let error as TMKitError {
            #expect(error.code == .invalidData)
            #expect(error.file == path)
            #expect(error.line == 11)
            #expect(error.message.contains("beforebreak"))
            #expect(error.message.contains("(unclosed"))
        }
    }

    @Test
    func userRulesWithAnUnboundedBeforePatternStillWork() throws {
        // `\d+` cannot go into a look-behind; the segmenter tests it in a window instead.
        let rules = """
                    <rule break="no"><beforebreak>\\bsection\\s\\d+\\.</beforebreak><afterbreak>\\s\\p{Lu}</afterbreak></rule>
            """
        let text = "Read section 12. The court ruled. It ended."
        #expect(try Segmenter(language: .english, rules: []).sentences(in: text) == ["Read section 12.", "The court ruled.", "It ended."])
        let document = try SRXDocument(contentsOf: write(Self.srx(rules: rules)))
        let segmenter = try Segmenter(language: .english, data: nil, srx: document)
        #expect(try segmenter.sentences(in: text) == ["Read section 12. The court ruled.", "It ended."])
    }

    @Test
    func userBreakRuleAddsABreak() throws {
        let rules = """
                    <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>
            """
        let document = try SRXDocument(contentsOf: write(Self.srx(rules: rules)))
        let segmenter = try Segmenter(language: .english, data: nil, srx: document)
        #expect(try segmenter.sentences(in: "One clause; another clause. Done.") == ["One clause;", "another clause.", "Done."])
    }

    @Test
    func entityDeclarationsInSRXAreRefused() throws {
        let path = try write("""
            <?xml version="1.0"?>
            <!DOCTYPE srx [<!ENTITY e "expanded">]>
            <srx version="2.0"><body/></srx>
            """)
        #expect(throws: TMKitError.self) { try SRXDocument(contentsOf: path) }
    }
}
