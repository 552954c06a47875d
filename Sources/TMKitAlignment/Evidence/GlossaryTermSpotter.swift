import TMKitGlossary
import TMKitText

/// Glossary terms as alignment evidence: the glossary's term matcher finds concepts in each
/// sentence, whatever the spelling (관리소에서, kwalliso, political prison camp); the same
/// concept on both sides of a bead is an anchor.
public struct GlossaryTermSpotter: TermSpotter {
    public let matcher: TermMatcher

    public init(matcher: TermMatcher) {
        self.matcher = matcher
    }

    public func concepts(in text: String, language: LanguageTag) -> [String] {
        matcher.matches(in: text, language: language).map { $0.concept.description }
    }
}
