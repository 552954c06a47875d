import TMKitText

/// A term's normative status (TBX `administrativeStatus`): whether translators should use it.
///
/// TBX-Basic allows preferred, admitted, deprecated and superseded. `forbidden` is TMKit's name for
/// a term that must never appear (other tools' "forbidden" terms); it is written as
/// `forbiddenTerm-admn-sts`, outside TBX-Basic's pick list, so the shipped glossary marks terms
/// not to use as `deprecated` instead. Values from other dialects are kept as they are.
public struct TermStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The TBX value, such as `preferredTerm-admn-sts`.
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let preferred = TermStatus(rawValue: "preferredTerm-admn-sts")
    public static let admitted = TermStatus(rawValue: "admittedTerm-admn-sts")
    public static let deprecated = TermStatus(rawValue: "deprecatedTerm-admn-sts")
    public static let superseded = TermStatus(rawValue: "supersededTerm-admn-sts")
    public static let forbidden = TermStatus(rawValue: "forbiddenTerm-admn-sts")

    /// The short name: `preferred`, `admitted`, `deprecated`, `superseded`, `forbidden`, or the
    /// raw value with its `-admn-sts` / `Term` decoration removed.
    public var name: String {
        var text = rawValue
        if text.hasSuffix("-admn-sts") { text.removeLast("-admn-sts".count) }
        if text.hasSuffix("Term") { text.removeLast("Term".count) }
        return text
    }

    /// Parses a short name (`preferred`) or a TBX value (`preferredTerm-admn-sts`).
    public init(name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("-") || trimmed.hasSuffix("Term") {
            rawValue = trimmed
        } else {
            rawValue = trimmed + "Term-admn-sts"
        }
    }

    /// Whether translators are told not to use the term (deprecated, superseded or forbidden).
    public var discouragesUse: Bool {
        self == .deprecated || self == .superseded || self == .forbidden
    }

    public var description: String { name }

    public init(from decoder: Decoder) throws {
        self.init(name: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}

/// The form of a term (TBX `termType`): full form, abbreviation, a romanization, and so on.
public struct TermType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let fullForm = TermType(rawValue: "fullForm")
    public static let acronym = TermType(rawValue: "acronym")
    public static let abbreviation = TermType(rawValue: "abbreviation")
    public static let shortForm = TermType(rawValue: "shortForm")
    public static let variant = TermType(rawValue: "variant")
    public static let phrase = TermType(rawValue: "phrase")
    /// A romanization or other transliteration (TBX-Default's `transliteratedForm`).
    public static let transliteratedForm = TermType(rawValue: "transliteratedForm")

    /// Whether the term is another script's spelling written in this one (`transliteratedForm`,
    /// `transcribedForm`, `romanizedForm`).
    public var isTransliteration: Bool {
        ["transliteratedForm", "transcribedForm", "romanizedForm"].contains(rawValue)
    }

    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// One designation of a concept in one language (TBX `termSec`).
public struct Term: Codable, Hashable, Sendable {
    /// The term as written, NFC.
    public var text: String
    /// The `termSec`'s `id`, when it has one.
    public var id: String?
    public var status: TermStatus?
    public var type: TermType?
    /// TBX `partOfSpeech`: noun, verb, adjective, adverb, other.
    public var partOfSpeech: String?
    /// Where this spelling is used (TBX `geographicalUsage`), written as a language tag such as
    /// `ko-KP` (North Korean spelling) or `ko-KR`; other values are kept as written.
    public var usage: String?
    /// Sentences that show the term in use.
    public var contexts: [Description]
    public var notes: [String]
    /// Where the term comes from (`admin type="source"` on the term).
    public var sources: [String]
    /// Everything else the `termSec` held, as written.
    public var extras: [TBXItem]

    public init(
        _ text: String, status: TermStatus? = nil, type: TermType? = nil, partOfSpeech: String? = nil,
        usage: String? = nil, contexts: [Description] = [], notes: [String] = [], sources: [String] = [],
        extras: [TBXItem] = [], id: String? = nil
    ) {
        self.text = text
        self.id = id
        self.status = status
        self.type = type
        self.partOfSpeech = partOfSpeech
        self.usage = usage
        self.contexts = contexts
        self.notes = notes
        self.sources = sources
        self.extras = extras
    }

    /// `usage` as a language tag, when it is one (`ko-KP`).
    public var usageTag: LanguageTag? {
        guard let usage, usage.contains("-") else { return nil }
        return try? LanguageTag(usage)
    }

    enum CodingKeys: String, CodingKey {
        case text, id, status, type, partOfSpeech, usage, contexts, notes, sources, extras
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        status = try c.decodeIfPresent(TermStatus.self, forKey: .status)
        type = try c.decodeIfPresent(TermType.self, forKey: .type)
        partOfSpeech = try c.decodeIfPresent(String.self, forKey: .partOfSpeech)
        usage = try c.decodeIfPresent(String.self, forKey: .usage)
        contexts = try c.decodeIfPresent([Description].self, forKey: .contexts) ?? []
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        sources = try c.decodeIfPresent([String].self, forKey: .sources) ?? []
        extras = try c.decodeIfPresent([TBXItem].self, forKey: .extras) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(partOfSpeech, forKey: .partOfSpeech)
        try c.encodeIfPresent(usage, forKey: .usage)
        if !contexts.isEmpty { try c.encode(contexts, forKey: .contexts) }
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
        if !sources.isEmpty { try c.encode(sources, forKey: .sources) }
        if !extras.isEmpty { try c.encode(extras, forKey: .extras) }
    }
}
