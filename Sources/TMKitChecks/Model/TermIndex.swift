import TMKitText

/// How a glossary judges a term found in text.
public enum TermUse: String, Sendable, Hashable {
    /// Preferred or admitted: a correct rendering.
    case approved
    /// Deprecated: to be replaced by an approved term.
    case deprecated
    /// Forbidden (superseded, wrong): must not appear.
    case forbidden
}

/// A glossary term found in a text.
public struct TermOccurrence: Sendable, Hashable {
    /// The concept the term belongs to.
    public var conceptID: String
    /// The term as the glossary spells it (`관리소`, `kwanliso`).
    public var term: String
    /// The text as written (`관리소에서`'s `관리소`, `kwan-li-so`).
    public var surface: String
    /// UTF-8 byte range of `surface` in the text.
    public var byteRange: Range<Int>
    public var use: TermUse
    /// Whether the match is a romanization of the concept's Korean term (kwanliso, kwan-li-so).
    public var isRomanization: Bool

    public init(conceptID: String, term: String, surface: String, byteRange: Range<Int>, use: TermUse = .approved,
                isRomanization: Bool = false) {
        self.conceptID = conceptID
        self.term = term
        self.surface = surface
        self.byteRange = byteRange
        self.use = use
        self.isRomanization = isRomanization
    }
}

/// The glossary as the term checks need it: find terms in text (particle-, spacing-, variant- and
/// romanization-aware, as the glossary's matcher does) and tell a concept's approved renderings.
///
/// The glossary module's `TermMatcher` conforms through an adapter in this module, so the checks
/// do not depend on how terms are stored or matched.
public protocol TermIndex: Sendable {
    /// The terms of `language` (and romanizations of them) found in `text`, longest match first
    /// where matches overlap.
    func occurrences(in text: String, language: LanguageTag) -> [TermOccurrence]
    /// The approved terms of a concept in a language, preferred first (for messages).
    func approvedTerms(of conceptID: String, in language: LanguageTag) -> [String]
    /// A short label for the concept (its preferred English term), for messages.
    func label(of conceptID: String) -> String
}
