import TMKitText

/// A terminology collection: concepts with their terms per language, as a TBX file holds them.
public struct Glossary: Codable, Hashable, Sendable {
    /// A short name that identifies the glossary in the workspace (`nk-detention`).
    public var name: String
    /// The glossary's main language (TBX root `xml:lang`), such as `en`.
    public var language: String
    public var header: GlossaryHeader
    public var concepts: [Concept]
    /// The TBX `back` matter (reference objects such as the people named in transactions).
    public var references: [TBXReferenceSection]

    public init(
        name: String, language: String = "en", header: GlossaryHeader = GlossaryHeader(), concepts: [Concept] = [],
        references: [TBXReferenceSection] = []
    ) {
        self.name = name
        self.language = language
        self.header = header
        self.concepts = concepts
        self.references = references
    }

    /// The languages the glossary has terms in, in first-seen order (`en`, `ko`, `ko-Latn`).
    public var languages: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for concept in concepts {
            for section in concept.languages where seen.insert(section.language).inserted {
                result.append(section.language)
            }
        }
        return result
    }

    /// How many terms the glossary holds in all.
    public var termCount: Int {
        concepts.reduce(0) { $0 + $1.languages.reduce(0) { $0 + $1.terms.count } }
    }

    /// A name made from a file path: the file name without its extension.
    public static func name(fromPath path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name.isEmpty ? "glossary" : name
    }

    enum CodingKeys: String, CodingKey { case name, language, header, concepts, references }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "en"
        header = try c.decodeIfPresent(GlossaryHeader.self, forKey: .header) ?? GlossaryHeader()
        concepts = try c.decode([Concept].self, forKey: .concepts)
        references = try c.decodeIfPresent([TBXReferenceSection].self, forKey: .references) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(language, forKey: .language)
        try c.encode(header, forKey: .header)
        try c.encode(concepts, forKey: .concepts)
        if !references.isEmpty { try c.encode(references, forKey: .references) }
    }
}

/// The TBX header: title, publication statement, where the data comes from, encoding notes and
/// revision history.
public struct GlossaryHeader: Codable, Hashable, Sendable {
    public var title: String?
    /// Notes on the title (`titleStmt/note`).
    public var titleNotes: [String]
    /// Paragraphs of the publication statement (licence, publisher).
    public var publication: [String]
    /// Paragraphs of the source description (where the terms come from).
    public var sourceDescription: [String]
    /// Paragraphs of `encodingDesc`.
    public var encoding: [String]
    /// Revision history: each change as its paragraphs.
    public var revisions: [[String]]

    public init(
        title: String? = nil, titleNotes: [String] = [], publication: [String] = [], sourceDescription: [String] = [],
        encoding: [String] = [], revisions: [[String]] = []
    ) {
        self.title = title
        self.titleNotes = titleNotes
        self.publication = publication
        self.sourceDescription = sourceDescription
        self.encoding = encoding
        self.revisions = revisions
    }

    enum CodingKeys: String, CodingKey { case title, titleNotes, publication, sourceDescription, encoding, revisions }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        titleNotes = try c.decodeIfPresent([String].self, forKey: .titleNotes) ?? []
        publication = try c.decodeIfPresent([String].self, forKey: .publication) ?? []
        sourceDescription = try c.decodeIfPresent([String].self, forKey: .sourceDescription) ?? []
        encoding = try c.decodeIfPresent([String].self, forKey: .encoding) ?? []
        revisions = try c.decodeIfPresent([[String]].self, forKey: .revisions) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(title, forKey: .title)
        if !titleNotes.isEmpty { try c.encode(titleNotes, forKey: .titleNotes) }
        if !publication.isEmpty { try c.encode(publication, forKey: .publication) }
        if !sourceDescription.isEmpty { try c.encode(sourceDescription, forKey: .sourceDescription) }
        if !encoding.isEmpty { try c.encode(encoding, forKey: .encoding) }
        if !revisions.isEmpty { try c.encode(revisions, forKey: .revisions) }
    }
}

/// A TBX `refObjectSec`: reference objects (people, organizations) that entries point to.
public struct TBXReferenceSection: Codable, Hashable, Sendable {
    public var type: String
    public var id: String?
    public var objects: [TBXReferenceObject]

    public init(type: String, id: String? = nil, objects: [TBXReferenceObject]) {
        self.type = type
        self.id = id
        self.objects = objects
    }
}

/// A TBX `refObject` and its items (`item`, `itemGrp`, `itemSet`), kept as written.
public struct TBXReferenceObject: Codable, Hashable, Sendable {
    public var id: String?
    public var items: [TBXItem]

    public init(id: String?, items: [TBXItem]) {
        self.id = id
        self.items = items
    }
}

/// Something worth telling about a glossary that did not stop it from loading.
public struct GlossaryWarning: Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var file: String?
    public var line: Int?

    public init(_ message: String, file: String? = nil, line: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
    }

    /// `file:line: message`.
    public var description: String {
        guard let file else { return message }
        if let line, line > 0 { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// A glossary read from a file, with what the reader had to say about it.
public struct LoadedGlossary: Sendable {
    public var glossary: Glossary
    public var warnings: [GlossaryWarning]

    public init(glossary: Glossary, warnings: [GlossaryWarning] = []) {
        self.glossary = glossary
        self.warnings = warnings
    }
}
