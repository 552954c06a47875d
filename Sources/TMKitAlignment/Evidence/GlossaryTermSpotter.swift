import Foundation
import TMKitGlossary
import TMKitText

/// Glossary terms as alignment evidence: the glossary's term matcher finds concepts in each
/// sentence, whatever the spelling (관리소에서, kwalliso, political prison camp); the same
/// concept on both sides of a bead is an anchor.
///
/// Safe to share between threads: each thread scans with its own `TermScanner` (which keeps its
/// buffers and language filters from sentence to sentence).
public final class GlossaryTermSpotter: TermSpotter, @unchecked Sendable {
    public let matcher: TermMatcher
    private let threadKey = "TMKitAlignment.GlossaryTermSpotter.\(UUID().uuidString)"

    public init(matcher: TermMatcher) {
        self.matcher = matcher
    }

    public func concepts(in text: String, language: LanguageTag) -> [String] {
        let dictionary = Thread.current.threadDictionary
        let scanner: TermScanner
        if let existing = dictionary[threadKey] as? TermScanner {
            scanner = existing
        } else {
            scanner = TermScanner(matcher: matcher)
            dictionary[threadKey] = scanner
        }
        return scanner.matches(in: text, language: language).map { $0.concept.description }
    }
}
