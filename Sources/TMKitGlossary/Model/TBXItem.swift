/// One piece of TBX information kept as it was written, for everything the typed model does not
/// name: transactions (`transacGrp`), cross references (`ref`, `xref`), descriptions and notes of
/// other types, and groups (`descripGrp`, `adminGrp`, `termNoteGrp`) that carry more than TMKit
/// reads.
///
/// Keeping these lets a TBX file go through TMKit and come back out with every field.
public struct TBXItem: Codable, Hashable, Sendable {
    /// The element name: `descrip`, `admin`, `termNote`, `note`, `ref`, `xref`, `transac`,
    /// `transacNote`, `date`, `descripNote`, `adminNote`, or a group (`transacGrp`, `descripGrp`,
    /// `adminGrp`, `termNoteGrp`).
    public var element: String
    /// The `type` attribute (the data category), when the element has one.
    public var type: String?
    /// The text content, whitespace collapsed (empty for groups).
    public var text: String
    /// Other attributes (`target`, `id`, `xml:lang`, `datatype`), by name.
    public var attributes: [String: String]
    /// For a group: its members in document order.
    public var children: [TBXItem]

    public init(
        element: String, type: String? = nil, text: String = "", attributes: [String: String] = [:],
        children: [TBXItem] = []
    ) {
        self.element = element
        self.type = type
        self.text = text
        self.attributes = attributes
        self.children = children
    }

    /// Whether this is a group element (`…Grp`).
    public var isGroup: Bool { element.hasSuffix("Grp") }

    enum CodingKeys: String, CodingKey { case element, type, text, attributes, children }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        element = try c.decode(String.self, forKey: .element)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        children = try c.decodeIfPresent([TBXItem].self, forKey: .children) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(element, forKey: .element)
        try c.encodeIfPresent(type, forKey: .type)
        if !text.isEmpty { try c.encode(text, forKey: .text) }
        if !attributes.isEmpty { try c.encode(attributes, forKey: .attributes) }
        if !children.isEmpty { try c.encode(children, forKey: .children) }
    }
}

/// A definition or a context sentence with where it comes from.
public struct Description: Codable, Hashable, Sendable {
    public var text: String
    /// Where the text comes from (TBX `admin type="source"` in the same group).
    public var sources: [String]
    /// Anything else the group held (notes, transactions), kept as written.
    public var extras: [TBXItem]

    public init(_ text: String, sources: [String] = [], extras: [TBXItem] = []) {
        self.text = text
        self.sources = sources
        self.extras = extras
    }

    enum CodingKeys: String, CodingKey { case text, sources, extras }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
        extras = try c.decodeIfPresent([TBXItem].self, forKey: .extras) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        if !sources.isEmpty { try c.encode(sources, forKey: .sources) }
        if !extras.isEmpty { try c.encode(extras, forKey: .extras) }
    }
}
