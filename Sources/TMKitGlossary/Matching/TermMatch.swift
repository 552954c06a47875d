/// Where a concept lives among the matcher's glossaries.
public struct ConceptRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var glossary: Int
    public var concept: Int

    public init(glossary: Int, concept: Int) {
        self.glossary = glossary
        self.concept = concept
    }

    public static func < (a: ConceptRef, b: ConceptRef) -> Bool {
        (a.glossary, a.concept) < (b.glossary, b.concept)
    }

    public var description: String { "\(glossary):\(concept)" }
}

/// Where a term lives: its concept, language section and place in it.
public struct TermRef: Hashable, Sendable {
    public var concept: ConceptRef
    public var section: Int
    public var term: Int

    public init(concept: ConceptRef, section: Int, term: Int) {
        self.concept = concept
        self.section = section
        self.term = term
    }
}

/// One place where a glossary term occurs in a text.
public struct TermMatch: Hashable, Sendable {
    public var concept: ConceptRef
    /// The glossary term found (for a generated spelling, the term it was made from).
    public var term: TermRef
    /// The term's language (`en`, `ko`, `ko-KP`).
    public var language: String
    /// The spelling that matched: the term itself, or the variant TMKit made from it
    /// (`kwan-li-so`, `노동단련대`).
    public var spelling: String
    /// The text as it stands at the match, suffix included (`관리소에서`).
    public var text: String
    /// UTF-8 byte range of the match in the text, suffix included.
    public var byteRange: Range<Int>
    /// UTF-8 byte range of the term alone, without a particle or plural ending.
    public var termByteRange: Range<Int>
    /// How the text differs from the term.
    public var kind: MatchKind

    public init(
        concept: ConceptRef, term: TermRef, language: String, spelling: String, text: String,
        byteRange: Range<Int>, termByteRange: Range<Int>, kind: MatchKind
    ) {
        self.concept = concept
        self.term = term
        self.language = language
        self.spelling = spelling
        self.text = text
        self.byteRange = byteRange
        self.termByteRange = termByteRange
        self.kind = kind
    }
}

/// A concept that is close to a query that matched nothing ("did you mean").
public struct TermSuggestion: Hashable, Sendable {
    public var concept: ConceptRef
    /// The spelling that came closest.
    public var spelling: String
    /// Edit distance between the folded query and the folded spelling, in characters.
    public var distance: Int
}
