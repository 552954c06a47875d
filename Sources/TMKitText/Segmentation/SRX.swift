import Foundation

/// Segmentation rules in SRX 2.0 (LISA's Segmentation Rules eXchange), the format OmegaT and
/// Okapi use, so rules move between tools.
///
/// Semantics: a language's rules are tried in order at each position; the first rule whose
/// `beforebreak` matches the text ending there and whose `afterbreak` matches the text starting
/// there decides (break or no break). TMKit adds one thing: where no rule matches, ICU's sentence
/// boundaries (with the locale's abbreviation list) decide, so an SRX file only has to hold the
/// exceptions to ICU.
public struct SRXDocument: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var isBreak: Bool
        public var before: String
        public var after: String
        /// Where the rule is in its file (line of `<rule>`), for errors.
        public var line: Int

        public init(isBreak: Bool, before: String, after: String, line: Int = 0) {
            self.isBreak = isBreak
            self.before = before
            self.after = after
            self.line = line
        }

        /// Rules are equal when they segment alike: where they were read from does not count.
        public static func == (a: Rule, b: Rule) -> Bool {
            a.isBreak == b.isBreak && a.before == b.before && a.after == b.after
        }
    }

    public struct LanguageRule: Sendable, Equatable {
        public var name: String
        public var rules: [Rule]
        public init(name: String, rules: [Rule]) {
            self.name = name
            self.rules = rules
        }
    }

    public struct LanguageMap: Sendable, Equatable {
        /// A regular expression over the language code (matched case-insensitively, whole code).
        public var pattern: String
        public var ruleName: String
        public init(pattern: String, ruleName: String) {
            self.pattern = pattern
            self.ruleName = ruleName
        }
    }

    /// With cascading, every map that matches contributes its rules in order; without, only the first.
    public var cascade: Bool
    public var languageRules: [LanguageRule]
    public var maps: [LanguageMap]
    /// The file the rules came from (for errors).
    public var source: String

    public init(cascade: Bool = true, languageRules: [LanguageRule], maps: [LanguageMap], source: String = "") {
        self.cascade = cascade
        self.languageRules = languageRules
        self.maps = maps
        self.source = source
    }

    /// Documents are equal when they hold the same rules and maps, wherever they were read from
    /// (so a file and its `xml()` written back compare equal).
    public static func == (a: SRXDocument, b: SRXDocument) -> Bool {
        a.cascade == b.cascade && a.languageRules == b.languageRules && a.maps == b.maps
    }

    /// The ordered rules that apply to a language.
    public func rules(for language: LanguageTag) -> [Rule] {
        var result: [Rule] = []
        let codes = [language.identifier, language.icuLocaleID]
        for map in maps {
            let matches = codes.contains { code in
                (try? Regex(map.pattern).ignoresCase().wholeMatch(in: code)) != nil
            }
            guard matches else { continue }
            if let rule = languageRules.first(where: { $0.name == map.ruleName }) {
                result += rule.rules
            }
            if !cascade { break }
        }
        return result
    }

    /// Merges documents: language rules are concatenated, maps appended in order.
    public static func merging(_ documents: [SRXDocument]) -> SRXDocument {
        SRXDocument(cascade: documents.allSatisfy(\.cascade),
                    languageRules: documents.flatMap(\.languageRules),
                    maps: documents.flatMap(\.maps),
                    source: documents.map(\.source).joined(separator: ", "))
    }
}

extension SRXDocument {
    /// Reads an SRX 2.0 file (also SRX 1.0, which has the same rule elements).
    /// - Throws: `TMKitError` with file:line for malformed XML or a wrongly structured file.
    public init(contentsOf path: String) throws {
        let reader = try XMLReader(path: path)
        try self.init(reader: reader)
    }

    public init(bytes: [UInt8], name: String) throws {
        try self.init(reader: XMLReader(bytes: bytes, name: name))
    }

    init(reader: XMLReader) throws {
        var cascade = false
        var languageRules: [LanguageRule] = []
        var maps: [LanguageMap] = []
        var sawRoot = false
        var current: LanguageRule?
        var rule: Rule?
        var text = ""
        var capturing = false
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                let name = reader.localName
                if !sawRoot {
                    guard name == "srx" else {
                        throw reader.structureError("expected an <srx> root element, found <\(name)>", hint: "give an SRX 2.0 file")
                    }
                    sawRoot = true
                    continue
                }
                switch name {
                case "header":
                    cascade = (reader.attribute("cascade") ?? "no").lowercased() == "yes"
                case "languagerule":
                    guard let ruleName = reader.attribute("languagerulename") else {
                        throw reader.structureError("<languagerule> needs a languagerulename attribute")
                    }
                    current = LanguageRule(name: ruleName, rules: [])
                    if reader.isEmptyElement {
                        languageRules.append(current!)
                        current = nil
                    }
                case "rule":
                    guard current != nil else { throw reader.structureError("<rule> outside a <languagerule>") }
                    let breakValue = (reader.attribute("break") ?? "yes").lowercased()
                    guard breakValue == "yes" || breakValue == "no" else {
                        throw reader.structureError("<rule break=\"\(breakValue)\">: expected yes or no")
                    }
                    rule = Rule(isBreak: breakValue == "yes", before: "", after: "", line: reader.line)
                case "beforebreak", "afterbreak":
                    guard rule != nil else { throw reader.structureError("<\(name)> outside a <rule>") }
                    text = ""
                    capturing = !reader.isEmptyElement
                case "languagemap":
                    guard let pattern = reader.attribute("languagepattern"), let ruleName = reader.attribute("languagerulename") else {
                        throw reader.structureError("<languagemap> needs languagepattern and languagerulename attributes")
                    }
                    maps.append(LanguageMap(pattern: pattern, ruleName: ruleName))
                default:
                    break
                }
            case .text, .cdata, .whitespace, .significantWhitespace:
                if capturing { text += reader.value }
            case .endElement:
                switch reader.localName {
                case "beforebreak":
                    rule?.before = text
                    capturing = false
                case "afterbreak":
                    rule?.after = text
                    capturing = false
                case "rule":
                    if let r = rule { current?.rules.append(r) }
                    rule = nil
                case "languagerule":
                    if let c = current { languageRules.append(c) }
                    current = nil
                default:
                    break
                }
            default:
                break
            }
        }
        guard sawRoot else { throw TMKitError(.invalidData, "not an SRX file: no <srx> element", file: reader.source) }
        let names = Set(languageRules.map(\.name))
        for map in maps where !names.contains(map.ruleName) {
            throw TMKitError(.invalidData, "<languagemap> names a languagerule '\(map.ruleName)' that the file does not define", file: reader.source)
        }
        self.init(cascade: cascade, languageRules: languageRules, maps: maps, source: reader.source)
    }

    /// The document as SRX 2.0 XML.
    public func xml() -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <srx xmlns="http://www.lisa.org/srx20" version="2.0">
          <header segmentsubflows="yes" cascade="\(cascade ? "yes" : "no")">
            <formathandle type="start" include="no"/>
            <formathandle type="end" include="yes"/>
            <formathandle type="isolated" include="yes"/>
          </header>
          <body>
            <languagerules>

        """
        for languageRule in languageRules {
            out += "      <languagerule languagerulename=\"\(XMLWriter.escapeAttribute(languageRule.name))\">\n"
            for rule in languageRule.rules {
                out += "        <rule break=\"\(rule.isBreak ? "yes" : "no")\">\n"
                out += "          <beforebreak>\(XMLWriter.escapeText(rule.before))</beforebreak>\n"
                out += "          <afterbreak>\(XMLWriter.escapeText(rule.after))</afterbreak>\n"
                out += "        </rule>\n"
            }
            out += "      </languagerule>\n"
        }
        out += "    </languagerules>\n    <maprules>\n"
        for map in maps {
            out += "      <languagemap languagepattern=\"\(XMLWriter.escapeAttribute(map.pattern))\" languagerulename=\"\(XMLWriter.escapeAttribute(map.ruleName))\"/>\n"
        }
        out += "    </maprules>\n  </body>\n</srx>\n"
        return out
    }
}
