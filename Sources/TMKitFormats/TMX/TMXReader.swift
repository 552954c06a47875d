import TMKitText

/// Reads TMX 1.1 to 1.4b one translation unit at a time; memory does not grow with the file.
///
/// Built on `XMLScanner` (TMX files are large: it reads them several times faster than
/// libxml2's reader), so it is safe with hostile files (nothing is loaded, entity declarations
/// are refused) and reports bad XML with file:line:column. Encodings: whatever the BOM or XML
/// declaration says (UTF-8, UTF-8 with BOM, UTF-16 LE/BE, ISO-8859-1, ...).
///
/// Nothing is silently dropped: inline codes and their attributes are kept, whitespace inside
/// `<seg>` is kept exactly, and unknown elements or attributes where TMX has no place for them
/// become `<prop type="x-element:NAME">` / `<prop type="x-attribute:NAME">` (TMX's extension
/// point) with a warning; an unknown element inside `<seg>` keeps its text, with a warning.
///
/// ```swift
/// let reader = try TMXReader(path: "memory.tmx")
/// while let unit = try reader.next() { ... }
/// reader.warnings.forEach { print($0) }
/// ```
public final class TMXReader {
    /// The document's header (read when the reader is opened).
    public private(set) var header = TMXHeader()
    private let xml: XMLScanner
    private var inBody = false
    private var finished = false
    private var warningIndex: [String: Int] = [:]
    /// What was accepted with a change, each kind once with a count.
    public private(set) var warnings: [TMXWarning] = []
    private var languageCache: [String: String] = [:]
    private var recentLanguages: [(raw: String, canonical: String)] = []
    /// Where `next()` reads plain units.
    private let plainScratch = TMXPlainUnit()

    /// The path or name used in errors and warnings.
    public var source: String { xml.source }
    /// The current line (for progress and errors).
    public var line: Int { xml.line }

    static let unitAttributes: Set<String> = [
        "tuid", "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
        "creationdate", "creationid", "changedate", "segtype", "changeid", "o-tmf", "srclang",
    ]
    static let variantAttributes: Set<String> = [
        "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
        "creationdate", "creationid", "changedate", "o-tmf", "changeid",
    ]
    static let versions: Set<String> = ["1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b"]

    /// Opens a TMX file and reads its header.
    /// - Throws: `TMKitError` for a missing file, XML that is not well-formed (file:line:column),
    ///   or a document that is not TMX.
    public init(path: String) throws {
        xml = try XMLScanner(path: path)
        try readHeader()
    }

    /// Reads TMX from bytes (tests, standard input).
    public init(bytes: [UInt8], name: String) throws {
        xml = try XMLScanner(bytes: bytes, name: name)
        try readHeader()
    }

    /// The next translation unit, or nil at the end of the document (which is then known to be
    /// well-formed to its last byte).
    /// - Complexity: O(size of the unit).
    public func next() throws -> TranslationUnit? {
        switch try nextItem(plain: plainScratch) {
        case nil: return nil
        case .plain: return plainScratch.translationUnit
        case .unit(let unit): return unit
        }
    }

    /// What `nextItem(plain:)` read.
    public enum Item {
        /// A plain unit, now in the `TMXPlainUnit` given.
        case plain
        /// Any other unit.
        case unit(TranslationUnit)
    }

    /// The next translation unit, or nil at the end of the document: a plain one (see
    /// `TMXPlainUnit`) into `plain`, reusing its memory, any other as a `TranslationUnit`. For
    /// readers of large files that can use a plain unit as it is (a memory's import); the units
    /// and warnings are those of `next()`.
    /// - Complexity: O(size of the unit).
    public func nextItem(plain: TMXPlainUnit) throws -> Item? {
        guard try moveToUnit() else { return nil }
        return try readItem(plain)
    }

    /// The unit read by the general reader, for tests: `next()` must give the same.
    func nextGeneral() throws -> TranslationUnit? {
        guard try moveToUnit() else { return nil }
        return try readUnit()
    }

    /// Reads on to the next `<tu>` start tag; false at the end of the document (which is then
    /// known to be well-formed to its last byte). Elements outside units are skipped with a
    /// warning.
    private func moveToUnit() throws -> Bool {
        guard !finished else { return false }
        while try xml.read() {
            switch xml.nodeType {
            case .element:
                if inBody && xml.isNamed("tu") {
                    return true
                } else if !inBody && xml.isNamed("body") {
                    inBody = !xml.isEmptyElement
                } else {
                    let name = xml.name
                    let line = xml.line
                    let text = try collectText()
                    warn("unknown element <\(name)> outside <tu> skipped" + (text.isEmpty ? "" : " with its text"), line: line)
                }
            case .endElement:
                if xml.isNamed("body") { inBody = false }
            default:
                break
            }
        }
        finished = true
        return false
    }

    // MARK: - Header

    private func readHeader() throws {
        // The root element.
        while try xml.read() {
            if xml.nodeType == .element { break }
        }
        guard xml.nodeType == .element else {
            throw TMKitError(.invalidData, "the document has no root element", hint: "is this a TMX file?", file: xml.source)
        }
        guard xml.isNamed("tmx") else {
            throw xml.structureError("not a TMX document: the root element is <\(xml.name)>, not <tmx>",
                                     hint: "give a TMX file (TMX 1.1 to 1.4b)")
        }
        header.version = xml.attribute("version") ?? ""
        if !Self.versions.contains(header.version) {
            warn("TMX version '\(header.version)' is not one of 1.1–1.4b; read as 1.4b", line: xml.line)
        }
        if xml.isEmptyElement {
            finished = true
            return
        }
        while try xml.read() {
            guard xml.nodeType == .element else {
                if xml.nodeType == .endElement && xml.isNamed("tmx") { finished = true; return }
                continue
            }
            if xml.isNamed("header") {
                header.attributes = xml.attributes.map { TMXAttribute($0.name, $0.value) }
                if !xml.isEmptyElement { try readHeaderContent() }
                return
            }
            if xml.isNamed("body") {
                warn("<body> comes without a <header>", line: xml.line)
                inBody = !xml.isEmptyElement
                return
            }
            let name = xml.name
            let line = xml.line
            _ = try collectText()
            warn("unknown element <\(name)> before <header> skipped", line: line)
        }
    }

    private func readHeaderContent() throws {
        while try xml.read() {
            switch xml.nodeType {
            case .element:
                if xml.isNamed("prop") {
                    header.properties.append(try readProperty(note: false))
                } else if xml.isNamed("note") {
                    header.notes.append(try readProperty(note: true))
                } else if xml.isNamed("ude") {
                    header.userDefinedEncodings.append(try serializeSubtree())
                } else {
                    let name = xml.name
                    let line = xml.line
                    let text = try collectText()
                    header.properties.append(TMXProperty(type: "x-element:" + name, text: text))
                    warn("unknown element <\(name)> in <header> kept as <prop type=\"x-element:\(name)\">", line: line)
                }
            case .endElement:
                if xml.isNamed("header") { return }
            default:
                break
            }
        }
    }

    // MARK: - Plain units

    /// A `<tu>` (the current element) read as a plain unit as long as it is one; from the first
    /// thing a plain unit cannot hold, the general reader takes over with what was read so far.
    private func readItem(_ plain: TMXPlainUnit) throws -> Item {
        plain.reset(line: xml.line)
        for index in 0..<xml.attributeCount {
            guard let attribute = TMXPlainUnit.Attribute.named(xml, at: index) else { return .unit(try readUnit()) }
            plain.appendAttribute(attribute, xml.attributeValueBytes(at: index))
        }
        if xml.isEmptyElement { return .plain }
        while try xml.read() {
            switch xml.nodeType {
            case .element:
                guard xml.isNamed("tuv") else { return .unit(try continueUnit(plain.translationUnit, atCurrentNode: true)) }
                if let unit = try readPlainVariant(plain) { return .unit(unit) }
            case .endElement:
                return .plain  // </tu>: what is inside is read to its end
            case .whitespace:
                break
            default:
                return .unit(try continueUnit(plain.translationUnit, atCurrentNode: true))
            }
        }
        return .plain
    }

    /// A `<tuv>` (the current element) of a plain unit. Returns nil when it was plain (and is now
    /// in `plain`), else the whole unit, read to its end by the general reader.
    private func readPlainVariant(_ plain: TMXPlainUnit) throws -> TranslationUnit? {
        let line = xml.line
        var raw: String?
        for index in 0..<xml.attributeCount {
            if raw == nil && (xml.attribute(at: index, isNamed: "xml:lang") || xml.attribute(at: index, isNamed: "lang")) {
                raw = xml.attributeValue(at: index)
                continue
            }
            // Another attribute: the general reader reads this <tuv> from its start tag.
            return try continueUnit(plain.translationUnit, withVariant: readVariant())
        }
        guard let raw, !raw.isEmpty else { return try continueUnit(plain.translationUnit, withVariant: readVariant()) }
        let start = plain.byteCount
        var sawSegment = false
        var hasText = false
        if !xml.isEmptyElement {
            variant: while try xml.read() {
                switch xml.nodeType {
                case .element:
                    if xml.isNamed("seg") && !sawSegment {
                        sawSegment = true
                        if xml.isEmptyElement { continue }
                        segment: while try xml.read() {
                            switch xml.nodeType {
                            case .text, .whitespace:
                                plain.append(xml.valueBytes)
                                hasText = true
                            case .element:
                                // Inline markup: the general reader reads the rest of the segment.
                                let text = hasText ? plain.string(start..<plain.byteCount) : nil
                                plain.truncate(to: start)
                                let content = try Self.readInline(xml, until: "seg", initial: text.map { [.text($0)] } ?? [],
                                                                  atCurrentNode: true) { message, line in self.warn(message, line: line) }
                                var partial = PartialVariant(line: line, language: raw, sawSegment: true, content: content)
                                try continueVariant(&partial, atCurrentNode: false)
                                return try continueUnit(plain.translationUnit, withVariant: finishVariant(partial))
                            default:
                                break segment  // </seg>
                            }
                        }
                    } else {
                        // A prop, a note, a second <seg> or an unknown element.
                        let text = hasText ? plain.string(start..<plain.byteCount) : nil
                        plain.truncate(to: start)
                        var partial = PartialVariant(line: line, language: raw, sawSegment: sawSegment, content: text.map { [.text($0)] } ?? [])
                        try continueVariant(&partial, atCurrentNode: true)
                        return try continueUnit(plain.translationUnit, withVariant: finishVariant(partial))
                    }
                case .endElement:
                    break variant  // </tuv>
                default:
                    break  // text directly inside <tuv> is ignored, as by the general reader
                }
            }
        }
        if !sawSegment { warn("a <tuv> without <seg> is read as an empty segment", line: line) }
        plain.appendVariant(language: canonicalLanguage(raw, line: line), textFrom: start, hasText: hasText)
        return nil
    }

    // MARK: - Units

    private func readUnit() throws -> TranslationUnit {
        var unit = TranslationUnit(variants: [], line: xml.line)
        for index in 0..<xml.attributeCount {
            let name = xml.attributeName(at: index)
            if Self.unitAttributes.contains(name) {
                unit.attributes.append(TMXAttribute(name, xml.attributeValue(at: index)))
            } else {
                unit.properties.append(TMXProperty(type: "x-attribute:" + name, text: xml.attributeValue(at: index)))
                warn("unknown <tu> attribute '\(name)' kept as <prop type=\"x-attribute:\(name)\">", line: xml.line)
            }
        }
        if xml.isEmptyElement { return unit }
        return try continueUnit(unit, atCurrentNode: false)
    }

    /// `unit` with `variant` added, read on to its end.
    private func continueUnit(_ unit: TranslationUnit, withVariant variant: TMXVariant?) throws -> TranslationUnit {
        var unit = unit
        if let variant { unit.variants.append(variant) }
        return try continueUnit(unit, atCurrentNode: false)
    }

    /// The rest of a `<tu>`: from the current node when `atCurrentNode`, else from the next.
    private func continueUnit(_ unit: TranslationUnit, atCurrentNode: Bool) throws -> TranslationUnit {
        var unit = unit
        var pending = atCurrentNode
        while try pending || xml.read() {
            pending = false
            switch xml.nodeType {
            case .element:
                if xml.isNamed("tuv") {
                    if let variant = try readVariant() { unit.variants.append(variant) }
                } else if xml.isNamed("prop") {
                    unit.properties.append(try readProperty(note: false))
                } else if xml.isNamed("note") {
                    unit.notes.append(try readProperty(note: true))
                } else {
                    let name = xml.name
                    let line = xml.line
                    let text = try collectText()
                    unit.properties.append(TMXProperty(type: "x-element:" + name, text: text))
                    warn("unknown element <\(name)> in <tu> kept as <prop type=\"x-element:\(name)\">", line: line)
                }
            case .endElement:
                if xml.isNamed("tu") { return unit }
            case .text:
                let text = xml.value
                if !text.allSatisfy(\.isWhitespace) {
                    unit.properties.append(TMXProperty(type: "x-text", text: text))
                    warn("text directly inside <tu> kept as <prop type=\"x-text\">", line: xml.line)
                }
            default:
                break
            }
        }
        return unit
    }

    /// A `<tuv>` read so far.
    private struct PartialVariant {
        let line: Int
        var language: String?
        var sawSegment = false
        var variant = TMXVariant(language: "", segment: TMXSegment([]))

        init(line: Int, language: String? = nil, sawSegment: Bool = false, content: [TMXInline] = []) {
            self.line = line
            self.language = language
            self.sawSegment = sawSegment
            variant.segment.content = content
        }
    }

    private func readVariant() throws -> TMXVariant? {
        var partial = PartialVariant(line: xml.line)
        for index in 0..<xml.attributeCount {
            if xml.attribute(at: index, isNamed: "xml:lang") || (partial.language == nil && xml.attribute(at: index, isNamed: "lang")) {
                partial.language = xml.attributeValue(at: index)
                continue
            }
            let name = xml.attributeName(at: index)
            if Self.variantAttributes.contains(name) {
                partial.variant.attributes.append(TMXAttribute(name, xml.attributeValue(at: index)))
            } else {
                partial.variant.properties.append(TMXProperty(type: "x-attribute:" + name, text: xml.attributeValue(at: index)))
                warn("unknown <tuv> attribute '\(name)' kept as <prop type=\"x-attribute:\(name)\">", line: xml.line)
            }
        }
        if !xml.isEmptyElement { try continueVariant(&partial, atCurrentNode: false) }
        return finishVariant(partial)
    }

    /// The rest of a `<tuv>`, to its end tag: from the current node when `atCurrentNode`.
    private func continueVariant(_ partial: inout PartialVariant, atCurrentNode: Bool) throws {
        var pending = atCurrentNode
        while try pending || xml.read() {
            pending = false
            switch xml.nodeType {
            case .element:
                if xml.isNamed("seg") {
                    if partial.sawSegment { warn("a second <seg> in one <tuv>: its text is appended", line: xml.line) }
                    partial.sawSegment = true
                    if !xml.isEmptyElement {
                        let content = try readInline(until: "seg")
                        if partial.variant.segment.content.isEmpty {
                            partial.variant.segment.content = content
                        } else {
                            partial.variant.segment.content.append(contentsOf: content)
                        }
                    }
                } else if xml.isNamed("prop") {
                    partial.variant.properties.append(try readProperty(note: false))
                } else if xml.isNamed("note") {
                    partial.variant.notes.append(try readProperty(note: true))
                } else {
                    let name = xml.name
                    let elementLine = xml.line
                    let text = try collectText()
                    partial.variant.properties.append(TMXProperty(type: "x-element:" + name, text: text))
                    warn("unknown element <\(name)> in <tuv> kept as <prop type=\"x-element:\(name)\">", line: elementLine)
                }
            case .endElement:
                if xml.isNamed("tuv") { return }
            default:
                break
            }
        }
    }

    private func finishVariant(_ partial: PartialVariant) -> TMXVariant? {
        var variant = partial.variant
        guard let language = partial.language, !language.isEmpty else {
            warn("a <tuv> without xml:lang was skipped" + (variant.segment.content.isEmpty ? "" : " with its text"), line: partial.line)
            return nil
        }
        if !partial.sawSegment { warn("a <tuv> without <seg> is read as an empty segment", line: partial.line) }
        variant.language = canonicalLanguage(language, line: partial.line)
        return variant
    }

    private func readInline(until end: String) throws -> [TMXInline] {
        try Self.readInline(xml, until: end) { message, line in self.warn(message, line: line) }
    }

    /// Inline content up to the end of `end`: text runs (adjacent ones merged) and elements.
    /// With `atCurrentNode`, the current node is the first one read; `initial` is content read
    /// before.
    static func readInline(_ xml: XMLScanner, until end: String, initial: [TMXInline] = [], atCurrentNode: Bool = false,
                           warn: (String, Int) -> Void) throws -> [TMXInline] {
        var content = initial
        var pending = atCurrentNode
        func appendText(_ text: String) {
            if case .text(let previous)? = content.last {
                content[content.count - 1] = .text(previous + text)
            } else {
                content.append(.text(text))
            }
        }
        while try pending || xml.read() {
            pending = false
            switch xml.nodeType {
            case .text, .whitespace:
                appendText(xml.value)
            case .element:
                let name = xml.name
                if TMXInline.elementNames.contains(name) {
                    let attributes = xml.attributes.map { TMXAttribute($0.name, $0.value) }
                    let children = xml.isEmptyElement ? [] : try readInline(xml, until: name, warn: warn)
                    content.append(.element(name: name, attributes: attributes, content: children))
                } else {
                    warn("unknown element <\(name)> inside <\(end)>: its text is kept, the element is not", xml.line)
                    if !xml.isEmptyElement {
                        for node in try readInline(xml, until: name, warn: warn) {
                            if case .text(let text) = node { appendText(text) } else { content.append(node) }
                        }
                    }
                }
            case .endElement:
                return content
            default:
                break
            }
        }
        return content
    }

    /// A `<prop>` or `<note>`: its text and attributes.
    private func readProperty(note: Bool) throws -> TMXProperty {
        var property = TMXProperty(type: nil, text: "")
        for (name, value) in xml.attributes {
            if name == "type" && !note { property.type = value } else { property.attributes.append(TMXAttribute(name, value)) }
        }
        if !note && property.type == nil {
            property.type = "x-unknown"
            warn("a <prop> without type is kept as type \"x-unknown\"", line: xml.line)
        }
        property.text = try collectText()
        return property
    }

    /// All text under the current element (which is consumed to its end).
    private func collectText() throws -> String {
        if xml.isEmptyElement { return "" }
        let depth = xml.depth
        var text = ""
        while try xml.read() {
            switch xml.nodeType {
            case .text, .whitespace:
                text += xml.value
            case .endElement where xml.depth == depth:
                return text
            default:
                break
            }
        }
        return text
    }

    /// The current element and its content as XML text (for `<ude>`, kept verbatim).
    private func serializeSubtree() throws -> String {
        var out = ""
        let depth = xml.depth
        func openTag() -> String {
            var tag = "<" + xml.name
            for (name, value) in xml.attributes { tag += " \(name)=\"\(XMLWriter.escapeAttribute(value))\"" }
            return tag + (xml.isEmptyElement ? "/>" : ">")
        }
        out += openTag()
        if xml.isEmptyElement { return out }
        while try xml.read() {
            switch xml.nodeType {
            case .element: out += openTag()
            case .text, .whitespace: out += XMLWriter.escapeText(xml.value)
            case .endElement:
                out += "</" + xml.name + ">"
                if xml.depth == depth { return out }
            default: break
            }
        }
        return out
    }

    private func canonicalLanguage(_ raw: String, line: Int) -> String {
        // Most files hold two or three languages: comparing small strings is cheaper than
        // hashing them for the dictionary.
        if let recent = recentLanguages.first(where: { $0.raw == raw }) { return recent.canonical }
        if let known = languageCache[raw] {
            if recentLanguages.count < 4 { recentLanguages.append((raw, known)) }
            return known
        }
        let canonical: String
        if let tag = try? LanguageTag(raw) {
            canonical = tag.identifier
        } else {
            canonical = raw
            warn("'\(raw)' is not a valid BCP 47 language tag; kept as written", line: line)
        }
        languageCache[raw] = canonical
        return canonical
    }

    private func warn(_ message: String, line: Int) {
        if let index = warningIndex[message] {
            warnings[index].count += 1
        } else {
            warningIndex[message] = warnings.count
            warnings.append(TMXWarning(message: message, file: xml.source, line: line, count: 1))
        }
    }
}
