import TMKitText

/// Reads TBX: version 3 (ISO 30042:2019, `tbx`/`conceptEntry`/`langSec`/`termSec`, DCA style, as
/// TBX-Basic writes it) and legacy version 2 (`martif`/`termEntry`/`langSet`/`tig`/`ntig`, as
/// OmegaT, Translate Toolkit and older tools write it).
///
/// Strict about structure, lenient about content: an element where TBX does not allow it, a
/// missing `term`, `xml:lang` or `id` is an error with file:line:column saying what was expected,
/// and nothing is returned. Data categories TMKit does not model are kept as `TBXItem`s, so a
/// TBX → TBX round trip keeps every field. Parsing goes through `XMLReader`: no network, no
/// external entities, entity declarations refused.
public enum TBXReader {
    /// Reads a TBX file.
    /// - Parameter name: the glossary's name (default: the file name without extension).
    /// - Throws: `TMKitError` for unreadable, malformed or wrongly structured files.
    public static func read(path: String, name: String? = nil) throws -> LoadedGlossary {
        let reader = try XMLReader(path: path)
        return try read(reader, name: name ?? Glossary.name(fromPath: path)) { line in
            // Only on an error: read the line to place the column.
            guard let text = try? TextFile.read(path).text else { return nil }
            return Self.line(line, of: text)
        }
    }

    /// Reads TBX from bytes in memory; `source` names it in errors.
    public static func read(bytes: [UInt8], source: String, name: String? = nil) throws -> LoadedGlossary {
        let reader = try XMLReader(bytes: bytes, name: source)
        return try read(reader, name: name ?? Glossary.name(fromPath: source)) { line in
            Self.line(line, of: String(decoding: bytes, as: UTF8.self))
        }
    }

    static func read(_ reader: XMLReader, name: String, lineText: @escaping (Int) -> String?) throws -> LoadedGlossary {
        var parser = Parser(reader: reader, name: name, lineText: lineText)
        return try parser.run()
    }

    /// The text of a 1-based line.
    static func line(_ number: Int, of text: String) -> String? {
        var current = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number { return String(line) }
            current += 1
        }
        return nil
    }
}

/// Names of the elements at each level, which differ between TBX v3 and v2.
private struct Dialect {
    var version: Int
    var entry: String
    var language: String
    var termSections: Set<String>

    static let v3 = Dialect(version: 3, entry: "conceptEntry", language: "langSec", termSections: ["termSec"])
    static let v2 = Dialect(version: 2, entry: "termEntry", language: "langSet", termSections: ["tig", "ntig"])
}

private struct Parser {
    let reader: XMLReader
    let name: String
    let lineText: (Int) -> String?
    var counter = XMLNode.LineCounter()
    var dialect = Dialect.v3
    var warnings: [GlossaryWarning] = []
    var inlineMarkupCount = 0
    var firstInlineLine: Int?
    /// Lines of concepts and terms, for warnings about duplicates.
    var conceptLines: [Int] = []
    var sectionLines: [[Int]] = []
    var termLines: [[[Int]]] = []

    init(reader: XMLReader, name: String, lineText: @escaping (Int) -> String?) {
        self.reader = reader
        self.name = name
        self.lineText = lineText
    }

    mutating func node() throws -> XMLNode {
        try XMLNode.read(reader, counter: &counter)
    }

    var file: String { reader.source }

    func error(_ node: XMLNode, _ message: String, hint: String? = nil) -> TMKitError {
        let column = node.line > 0 ? lineText(node.line).flatMap(node.column(in:)) : nil
        return TMKitError(.invalidData, message, hint: hint, file: file, line: node.line > 0 ? node.line : nil, column: column)
    }

    func unexpected(_ child: XMLNode, in parent: String, expected: String) -> TMKitError {
        error(
            child, "unexpected <\(child.qualifiedName)> in <\(parent)>: expected \(expected)",
            hint: "fix the TBX structure at that place")
    }

    mutating func run() throws -> LoadedGlossary {
        // Find the root element.
        var root: XMLNode?
        while try reader.read() {
            if reader.nodeType == .element {
                root = XMLNode(reader: reader, counter: &counter)
                break
            }
        }
        guard let root else {
            throw TMKitError(.invalidData, "the document has no root element", hint: "give a TBX file", file: file)
        }
        func attribute(_ name: String) -> String? { root.attribute(name) }
        switch root.name {
        case "tbx":
            dialect = .v3
            if attribute("style") == "dct" {
                throw error(root, "TBX in DCT style is not supported", hint: "export the glossary in DCA style (TBX-Basic's usual form)")
            }
        case "martif":
            dialect = .v2
        default:
            throw error(
                root, "expected a TBX document: the root element is <\(root.qualifiedName)>, not <tbx> (TBX v3) or <martif> (TBX v2)",
                hint: "give a TBX file")
        }
        var glossary = Glossary(name: name, language: try languageTag(attribute("xml:lang") ?? "en", at: root))
        var seenIDs: [String: Int] = [:]
        var sawBody = false
        let rootDepth = reader.depth

        while try reader.read() {
            guard reader.nodeType == .element else {
                if reader.nodeType == .endElement && reader.depth == rootDepth { break }
                continue
            }
            let elementName = reader.localName
            switch elementName {
            case "tbxHeader", "martifHeader":
                glossary.header = try header(try node())
            case "text", "body":
                // Containers: descend into them.
                if elementName == "body" { sawBody = true }
                continue
            case "back":
                let back = try node()
                glossary.references = try references(back)
            case dialect.entry:
                let node = try node()
                var concept = try entry(node, index: glossary.concepts.count)
                if let previous = seenIDs[concept.id] {
                    if dialect.version == 3 {
                        throw error(
                            node, "two <conceptEntry> elements have the id '\(concept.id)' (the first is at line \(previous))",
                            hint: "give every concept its own id")
                    }
                    let fresh = "c\(glossary.concepts.count + 1)"
                    warnings.append(
                        GlossaryWarning(
                            "two entries have the id '\(concept.id)'; renamed the second '\(fresh)'", file: file, line: node.line))
                    concept.id = fresh
                }
                seenIDs[concept.id] = node.line
                glossary.concepts.append(concept)
            default:
                let node = try node()
                let expected =
                    dialect.version == 3
                    ? "tbxHeader, text, body, back or conceptEntry"
                    : "martifHeader, text, body, back or termEntry"
                throw unexpected(node, in: node.name == dialect.language ? dialect.entry : "body", expected: expected)
            }
        }
        if !sawBody && glossary.concepts.isEmpty {
            warnings.append(GlossaryWarning("the glossary has no body: no concepts", file: file))
        }
        if inlineMarkupCount > 0 {
            warnings.append(
                GlossaryWarning(
                    "inline markup (such as <hi>) in \(inlineMarkupCount) element\(inlineMarkupCount == 1 ? "" : "s") was read as plain text",
                    file: file, line: firstInlineLine))
        }
        let lines = (conceptLines, sectionLines, termLines)
        let lookup: Glossary.LineLookup = { c, s, t in
            guard c < lines.0.count else { return nil }
            guard let s, s < lines.1[c].count else { return lines.0[c] }
            guard let t, t < lines.2[c][s].count else { return lines.1[c][s] }
            return lines.2[c][s][t]
        }
        warnings += glossary.mergeDuplicateTerms(file: file, line: lookup)
        warnings += glossary.termsInSeveralConcepts(file: file, line: lookup)
        return LoadedGlossary(glossary: glossary, warnings: warnings)
    }

    func languageTag(_ value: String, at node: XMLNode) throws -> String {
        do {
            return try LanguageTag(value).identifier
        } catch let e as TMKitError {
            throw error(node, "xml:lang: " + e.message, hint: e.hint)
        }
    }

    // MARK: Header and back matter

    mutating func header(_ node: XMLNode) throws -> GlossaryHeader {
        var header = GlossaryHeader()
        func paragraphs(_ n: XMLNode) -> [String] {
            n.children.filter { $0.name == "p" }.map { text(of: $0) }
        }
        for child in node.children {
            switch child.name {
            case "fileDesc":
                for part in child.children {
                    switch part.name {
                    case "titleStmt":
                        for item in part.children {
                            if item.name == "title" { header.title = text(of: item) }
                            if item.name == "note" { header.titleNotes.append(text(of: item)) }
                        }
                    case "publicationStmt": header.publication += paragraphs(part)
                    case "sourceDesc": header.sourceDescription += paragraphs(part)
                    default:
                        throw unexpected(part, in: "fileDesc", expected: "titleStmt, publicationStmt or sourceDesc")
                    }
                }
            case "encodingDesc":
                header.encoding += paragraphs(child)
            case "revisionDesc":
                for change in child.children where change.name == "change" {
                    header.revisions.append(paragraphs(change))
                }
            default:
                throw unexpected(child, in: node.name, expected: "fileDesc, encodingDesc or revisionDesc")
            }
        }
        return header
    }

    mutating func references(_ node: XMLNode) throws -> [TBXReferenceSection] {
        var result: [TBXReferenceSection] = []
        for section in node.children {
            guard section.name == "refObjectSec" || section.name == "refObjectList" else {
                throw unexpected(section, in: "back", expected: "refObjectSec")
            }
            let objects = section.children.filter { $0.name == "refObject" }.map { object in
                TBXReferenceObject(id: object.attribute("id"), items: object.children.map { item($0) })
            }
            result.append(TBXReferenceSection(type: section.attribute("type") ?? "", id: section.attribute("id"), objects: objects))
        }
        return result
    }

    // MARK: Entries

    mutating func entry(_ node: XMLNode, index: Int) throws -> Concept {
        var id = node.attribute("id") ?? ""
        if id.isEmpty {
            if dialect.version == 3 {
                throw error(
                    node, "<conceptEntry> has no id attribute", hint: "TBX v3 requires an id on every conceptEntry, such as id=\"c1\"")
            }
            id = "c\(index + 1)"
        }
        var concept = Concept(id: id, languages: [])
        conceptLines.append(node.line)
        sectionLines.append([])
        termLines.append([])
        let c = conceptLines.count - 1
        for child in node.children {
            if child.name == dialect.language {
                let (section, lines) = try languageSection(child)
                sectionLines[c].append(child.line)
                termLines[c].append(lines)
                concept.languages.append(section)
                continue
            }
            guard Self.auxiliary.contains(child.name) else {
                throw unexpected(
                    child, in: dialect.entry,
                    expected: "\(dialect.language), descrip, descripGrp, admin, adminGrp, note, ref, xref or transacGrp")
            }
            if child.name == "descrip", child.attribute("type") == "subjectField", concept.subjectField == nil, onlyType(child) {
                concept.subjectField = text(of: child)
            } else if let definition = description(child, type: "definition") {
                concept.definitions.append(definition)
            } else if let note = plainNote(child) {
                concept.notes.append(note)
            } else if let source = plainSource(child) {
                concept.sources.append(source)
            } else {
                concept.extras.append(item(child))
            }
        }
        if concept.languages.isEmpty {
            throw error(
                node, "<\(dialect.entry) id=\"\(id)\"> has no <\(dialect.language)>",
                hint: "a concept needs at least one language section with a term")
        }
        return concept
    }

    /// A language section and the line of each of its terms.
    mutating func languageSection(_ node: XMLNode) throws -> (LanguageSection, [Int]) {
        guard let lang = node.attribute("xml:lang") ?? node.attribute("lang") else {
            throw error(node, "<\(dialect.language)> has no xml:lang attribute", hint: "name the language, such as xml:lang=\"ko\"")
        }
        var section = LanguageSection(language: try languageTag(lang, at: node), terms: [])
        var termLineList: [Int] = []
        for child in node.children {
            if dialect.termSections.contains(child.name) {
                section.terms.append(try term(child))
                termLineList.append(child.line)
                continue
            }
            guard Self.auxiliary.contains(child.name) else {
                let sections = dialect.termSections.sorted().joined(separator: " or ")
                throw unexpected(
                    child, in: dialect.language, expected: "\(sections), descrip, descripGrp, admin, note, ref, xref or transacGrp")
            }
            if let definition = description(child, type: "definition") {
                section.definitions.append(definition)
            } else if let note = plainNote(child) {
                section.notes.append(note)
            } else if let source = plainSource(child) {
                section.sources.append(source)
            } else {
                section.extras.append(item(child))
            }
        }
        if section.terms.isEmpty {
            throw error(
                node, "<\(dialect.language) xml:lang=\"\(lang)\"> has no term",
                hint:
                    "add a <\(dialect.version == 3 ? "termSec" : "tig")><term>…</term></\(dialect.version == 3 ? "termSec" : "tig")>, or remove the section"
            )
        }
        return (section, termLineList)
    }

    mutating func term(_ node: XMLNode) throws -> Term {
        // v2 ntig keeps the term and its notes in a termGrp.
        var parts = node.children
        if node.name == "ntig" {
            guard let group = parts.first(where: { $0.name == "termGrp" }) else {
                throw error(node, "<ntig> has no <termGrp>", hint: "an ntig holds <termGrp><term>…</term></termGrp>")
            }
            parts = group.children + parts.filter { $0 !== group }
        }
        guard let termNode = parts.first(where: { $0.name == "term" }) else {
            throw error(node, "<\(node.name)> has no <term>", hint: "add the term: <term>…</term>")
        }
        let text = self.text(of: termNode)
        if text.isEmpty {
            throw error(termNode, "empty <term>", hint: "write the term, or remove its section")
        }
        var term = Term(text, id: node.attribute("id"))
        for child in parts {
            if child === termNode { continue }
            if child.name == "term" {
                throw error(child, "a second <term> in one <\(node.name)>", hint: "give each term its own \(node.name)")
            }
            if child.name == "termNote" && onlyType(child) {
                let value = self.text(of: child)
                switch child.attribute("type") {
                case "administrativeStatus" where term.status == nil: term.status = TermStatus(rawValue: value); continue
                case "termType" where term.type == nil: term.type = TermType(rawValue: value); continue
                case "partOfSpeech" where term.partOfSpeech == nil: term.partOfSpeech = value; continue
                case "geographicalUsage" where term.usage == nil: term.usage = value; continue
                default: break
                }
                term.extras.append(item(child))
                continue
            }
            if child.name == "termNote" || child.name == "termNoteGrp" || child.name == "termCompList" {
                term.extras.append(item(child))
                continue
            }
            guard Self.auxiliary.contains(child.name) else {
                throw unexpected(
                    child, in: node.name, expected: "term, termNote, termNoteGrp, descrip, descripGrp, admin, note, ref, xref or transacGrp"
                )
            }
            if let context = description(child, type: "context") {
                term.contexts.append(context)
            } else if let note = plainNote(child) {
                term.notes.append(note)
            } else if let source = plainSource(child) {
                term.sources.append(source)
            } else {
                term.extras.append(item(child))
            }
        }
        return term
    }

    // MARK: Data categories

    /// Elements of TBX's auxiliary information, allowed at every level.
    static let auxiliary: Set<String> = ["admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "xref", "transacGrp"]

    /// Whether an element has no attribute but `type` (so the typed model loses nothing).
    func onlyType(_ node: XMLNode) -> Bool {
        node.attributes.allSatisfy { $0.name == "type" }
    }

    /// A definition or context: a plain `descrip` of `type`, or a `descripGrp` around one, with
    /// its sources and anything else it groups.
    mutating func description(_ node: XMLNode, type: String) -> Description? {
        if node.name == "descrip", node.attribute("type") == type, onlyType(node) {
            return Description(text(of: node))
        }
        guard node.name == "descripGrp", onlyType(node) || node.attributes.isEmpty,
            let first = node.children.first, first.name == "descrip", first.attribute("type") == type, onlyType(first)
        else { return nil }
        var result = Description(text(of: first))
        for child in node.children.dropFirst() {
            if let source = plainSource(child) { result.sources.append(source) } else { result.extras.append(item(child)) }
        }
        return result
    }

    mutating func plainNote(_ node: XMLNode) -> String? {
        guard node.name == "note", node.attributes.isEmpty else { return nil }
        return text(of: node)
    }

    mutating func plainSource(_ node: XMLNode) -> String? {
        guard node.name == "admin", node.attribute("type") == "source", onlyType(node) else { return nil }
        return text(of: node)
    }

    /// Any element as a `TBXItem`.
    mutating func item(_ node: XMLNode) -> TBXItem {
        var attributes: [String: String] = [:]
        for (name, value) in node.attributes where name != "type" { attributes[name] = value }
        let children = node.children.filter { !XMLNode.inlineElements.contains($0.name) }
        if !children.isEmpty {
            return TBXItem(element: node.name, type: node.attribute("type"), attributes: attributes, children: children.map { item($0) })
        }
        return TBXItem(element: node.name, type: node.attribute("type"), text: text(of: node), attributes: attributes)
    }

    mutating func text(of node: XMLNode) -> String {
        if node.hasInlineMarkup || node.children.contains(where: { XMLNode.inlineElements.contains($0.name) }) {
            inlineMarkupCount += 1
            if firstInlineLine == nil { firstInlineLine = node.line }
        }
        return node.collapsedText
    }
}
