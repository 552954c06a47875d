import TMKitText

/// Writes a glossary as TBX v3 (ISO 30042:2019), TBX-Basic dialect in DCA style: the form that
/// validates against the TBX core structure schema (`TBXcoreStructV03.rng`) and that TBX-Basic
/// tools read.
///
/// The output is canonical: the same glossary always gives the same bytes, so reading what was
/// written and writing it again reproduces it exactly. Typed fields come first at each level
/// (subject field, definitions, notes, sources; for a term: part of speech, status, type, usage,
/// contexts, notes, sources), then the kept `TBXItem`s in their original order.
public enum TBXWriter {
    /// The TBX v3 namespace the core structure schema expects.
    public static let namespace = "urn:iso:std:iso:30042:ed-2"

    /// Writes the glossary to a sink in chunks (memory stays flat for large glossaries).
    public static func write(_ glossary: Glossary, to sink: OutputSink) throws {
        var writer = Writer(sink: sink)
        try writer.glossary(glossary)
        try writer.flush()
    }

    /// The glossary as TBX text.
    public static func string(_ glossary: Glossary) -> String {
        var writer = Writer(sink: nil)
        try? writer.glossary(glossary)
        return writer.buffer
    }

    /// A valid XML ID (NCName) made from `id`: invalid characters become `_`, and an ID that does
    /// not start with a letter or `_` gets a `c` in front (`12` → `c12`).
    public static func xmlID(_ id: String) -> String {
        var out = ""
        for scalar in id.unicodeScalars {
            let ok = scalar.properties.isAlphabetic || scalar == "_" || scalar == "-" || scalar == "." || ("0"..."9").contains(scalar)
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        if let first = out.unicodeScalars.first, first.properties.isAlphabetic || first == "_" { return out }
        return "c" + out
    }
}

private struct Writer {
    let sink: OutputSink?
    var buffer = ""
    var level = 0

    init(sink: OutputSink?) {
        self.sink = sink
        buffer.reserveCapacity(1 << 16)
    }

    mutating func flush() throws {
        guard let sink else { return }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func line(_ text: String) throws {
        buffer += String(repeating: "  ", count: level)
        buffer += text
        buffer += "\n"
        if sink != nil && buffer.utf8.count >= 1 << 16 { try flush() }
    }

    mutating func open(_ element: String, _ attributes: [(String, String)] = []) throws {
        try line("<\(element)\(attributeText(attributes))>")
        level += 1
    }

    mutating func close(_ element: String) throws {
        level -= 1
        try line("</\(element)>")
    }

    func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(XMLWriter.escapeAttribute($0.1))\"" }.joined()
    }

    mutating func leaf(_ element: String, _ text: String, _ attributes: [(String, String)] = []) throws {
        try line("<\(element)\(attributeText(attributes))>\(XMLWriter.escapeText(text))</\(element)>")
    }

    mutating func glossary(_ g: Glossary) throws {
        try line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        try open("tbx", [("type", "TBX-Basic"), ("style", "dca"), ("xml:lang", g.language), ("xmlns", TBXWriter.namespace)])
        try header(g.header)
        try open("text")
        if !g.concepts.isEmpty {
            try open("body")
            for concept in g.concepts { try self.concept(concept) }
            try close("body")
        }
        if !g.references.isEmpty {
            try open("back")
            for section in g.references {
                var attributes: [(String, String)] = []
                if let id = section.id { attributes.append(("id", id)) }
                attributes.append(("type", section.type))
                try open("refObjectSec", attributes)
                for object in section.objects {
                    try open("refObject", object.id.map { [("id", $0)] } ?? [])
                    for item in object.items { try self.item(item) }
                    try close("refObject")
                }
                try close("refObjectSec")
            }
            try close("back")
        }
        try close("text")
        try close("tbx")
    }

    mutating func header(_ h: GlossaryHeader) throws {
        try open("tbxHeader")
        try open("fileDesc")
        if !h.publication.isEmpty {
            try open("publicationStmt")
            for p in h.publication { try leaf("p", p) }
            try close("publicationStmt")
        }
        if let title = h.title {
            try open("titleStmt")
            try leaf("title", title)
            for note in h.titleNotes { try leaf("note", note) }
            try close("titleStmt")
        }
        // The schema requires a source description.
        try open("sourceDesc")
        for p in h.sourceDescription.isEmpty ? ["Written by TMKit."] : h.sourceDescription { try leaf("p", p) }
        try close("sourceDesc")
        try close("fileDesc")
        if !h.encoding.isEmpty {
            try open("encodingDesc")
            for p in h.encoding { try leaf("p", p) }
            try close("encodingDesc")
        }
        if !h.revisions.isEmpty {
            try open("revisionDesc")
            for change in h.revisions where !change.isEmpty {
                try open("change")
                for p in change { try leaf("p", p) }
                try close("change")
            }
            try close("revisionDesc")
        }
        try close("tbxHeader")
    }

    mutating func concept(_ c: Concept) throws {
        try open("conceptEntry", [("id", TBXWriter.xmlID(c.id))])
        if let subject = c.subjectField { try leaf("descrip", subject, [("type", "subjectField")]) }
        for d in c.definitions { try description(d, type: "definition") }
        for note in c.notes { try leaf("note", note) }
        for source in c.sources { try leaf("admin", source, [("type", "source")]) }
        for item in c.extras { try self.item(item) }
        for section in c.languages {
            try open("langSec", [("xml:lang", section.language)])
            for d in section.definitions { try description(d, type: "definition") }
            for note in section.notes { try leaf("note", note) }
            for source in section.sources { try leaf("admin", source, [("type", "source")]) }
            for item in section.extras { try self.item(item) }
            for term in section.terms { try self.term(term) }
            try close("langSec")
        }
        try close("conceptEntry")
    }

    mutating func term(_ t: Term) throws {
        try open("termSec", t.id.map { [("id", TBXWriter.xmlID($0))] } ?? [])
        try leaf("term", t.text)
        if let pos = t.partOfSpeech { try leaf("termNote", pos, [("type", "partOfSpeech")]) }
        if let status = t.status { try leaf("termNote", status.rawValue, [("type", "administrativeStatus")]) }
        if let type = t.type { try leaf("termNote", type.rawValue, [("type", "termType")]) }
        if let usage = t.usage { try leaf("termNote", usage, [("type", "geographicalUsage")]) }
        // The schema wants every termNote before the other information.
        let termNotes = t.extras.filter { $0.element == "termNote" || $0.element == "termNoteGrp" || $0.element == "termCompList" }
        for item in termNotes { try self.item(item) }
        for context in t.contexts { try description(context, type: "context") }
        for note in t.notes { try leaf("note", note) }
        for source in t.sources { try leaf("admin", source, [("type", "source")]) }
        for item in t.extras where !termNotes.contains(item) { try self.item(item) }
        try close("termSec")
    }

    mutating func description(_ d: Description, type: String) throws {
        if d.sources.isEmpty && d.extras.isEmpty {
            try leaf("descrip", d.text, [("type", type)])
            return
        }
        try open("descripGrp")
        try leaf("descrip", d.text, [("type", type)])
        for source in d.sources { try leaf("admin", source, [("type", "source")]) }
        for item in d.extras { try self.item(item) }
        try close("descripGrp")
    }

    mutating func item(_ item: TBXItem) throws {
        var attributes: [(String, String)] = []
        if let type = item.type { attributes.append(("type", type)) }
        for key in item.attributes.keys.sorted() { attributes.append((key, item.attributes[key]!)) }
        if item.children.isEmpty {
            try leaf(item.element, item.text, attributes)
        } else {
            try open(item.element, attributes)
            for child in item.children { try self.item(child) }
            try close(item.element)
        }
    }
}
