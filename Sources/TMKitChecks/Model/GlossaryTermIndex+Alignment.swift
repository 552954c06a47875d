import TMKitAlignment
import TMKitText

/// The aligner uses the same glossary as evidence: sentences that mention one concept on both
/// sides belong together.
extension GlossaryTermIndex: TermSpotter {
    public func concepts(in text: String, language: LanguageTag) -> [String] {
        occurrences(in: text, language: language).map(\.conceptID)
    }
}
