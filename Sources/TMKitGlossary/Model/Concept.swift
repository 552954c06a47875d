import TMKitText

/// The terms of one concept in one language (TBX `langSec`).
public struct LanguageSection: Codable, Hashable, Sendable {
    /// The language as written in `xml:lang`, canonical BCP 47 (`en`, `ko`, `ko-KP`, `ko-Latn`).
    public var language: String
    public var definitions: [Description]
    public var notes: [String]
    public var sources: [String]
    public var extras: [TBXItem]
    public var terms: [Term]

    public init(
        language: String, terms: [Term], definitions: [Description] = [], notes: [String] = [],
        sources: [String] = [], extras: [TBXItem] = []
    ) {
        self.language = language
        self.terms = terms
        self.definitions = definitions
        self.notes = notes
        self.sources = sources
        self.extras = extras
    }

    /// The language as a tag (nil only for a tag that failed to parse, which readers refuse).
    public var tag: LanguageTag? { try? LanguageTag(language) }

    enum CodingKeys: String, CodingKey { case language, definitions, notes, sources, extras, terms }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = try c.decode(String.self, forKey: .language)
        definitions = try c.decodeIfPresent([Description].self, forKey: .definitions) ?? []
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
        extras = try c.decodeIfPresent([TBXItem].self, forKey: .extras) ?? []
        terms = try c.decode([Term].self, forKey: .terms)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(language, forKey: .language)
        if !definitions.isEmpty { try c.encode(definitions, forKey: .definitions) }
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
        if !sources.isEmpty { try c.encode(sources, forKey: .sources) }
        if !extras.isEmpty { try c.encode(extras, forKey: .extras) }
        try c.encode(terms, forKey: .terms)
    }
}

/// One concept with its terms in every language (TBX `conceptEntry`).
public struct Concept: Codable, Hashable, Sendable, Identifiable {
    /// The entry's `id`, unique within its glossary.
    public var id: String
    public var subjectField: String?
    /// Language-independent definitions (most glossaries define per language instead).
    public var definitions: [Description]
    public var notes: [String]
    /// Where the facts about the concept come from.
    public var sources: [String]
    public var extras: [TBXItem]
    public var languages: [LanguageSection]

    public init(
        id: String, languages: [LanguageSection], subjectField: String? = nil, definitions: [Description] = [],
        notes: [String] = [], sources: [String] = [], extras: [TBXItem] = []
    ) {
        self.id = id
        self.languages = languages
        self.subjectField = subjectField
        self.definitions = definitions
        self.notes = notes
        self.sources = sources
        self.extras = extras
    }

    /// The language sections for a language, any region or script (`ko` finds `ko`, `ko-KP`, `ko-Latn`).
    public func sections(for language: String) -> [LanguageSection] {
        languages.filter { $0.language == language || $0.language.hasPrefix(language + "-") }
    }

    /// The first definition in `language` (or a language-independent one).
    public func definition(in language: String) -> Description? {
        sections(for: language).lazy.compactMap(\.definitions.first).first ?? definitions.first
    }

    /// The term to show first for a language: the first preferred one, else the first that is not
    /// discouraged, else the first.
    public func preferredTerm(in language: String) -> Term? {
        let terms = sections(for: language).filter { $0.tag?.script == nil || $0.language == language }.flatMap(\.terms)
        return terms.first { $0.status == .preferred } ?? terms.first { !($0.status?.discouragesUse ?? false) } ?? terms.first
    }

    /// Every source named anywhere in the concept (concept, languages, definitions, terms), once each.
    public var allSources: [String] {
        var seen = Set<String>()
        var result: [String] = []
        func add(_ list: [String]) {
            for s in list where seen.insert(s).inserted { result.append(s) }
        }
        add(sources)
        definitions.forEach { add($0.sources) }
        for section in languages {
            add(section.sources)
            section.definitions.forEach { add($0.sources) }
            section.terms.forEach { add($0.sources) }
        }
        return result
    }

    enum CodingKeys: String, CodingKey { case id, subjectField, definitions, notes, sources, extras, languages }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        subjectField = try c.decodeIfPresent(String.self, forKey: .subjectField)
        definitions = try c.decodeIfPresent([Description].self, forKey: .definitions) ?? []
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
        extras = try c.decodeIfPresent([TBXItem].self, forKey: .extras) ?? []
        languages = try c.decode([LanguageSection].self, forKey: .languages)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(subjectField, forKey: .subjectField)
        if !definitions.isEmpty { try c.encode(definitions, forKey: .definitions) }
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
        if !sources.isEmpty { try c.encode(sources, forKey: .sources) }
        if !extras.isEmpty { try c.encode(extras, forKey: .extras) }
        try c.encode(languages, forKey: .languages)
    }
}
