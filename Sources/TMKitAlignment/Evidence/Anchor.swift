import TMKitText

/// Something a sentence and its translation both carry, whatever the languages: a number, a
/// word left untranslated (an acronym, a name in Latin letters), a name written in another
/// script, a question mark, a glossary concept.
///
/// Anchors of kind `.name` come from capitalized Latin-script words (`.loanword` from long
/// lowercase ones); `.nameCandidate` from words of another script, transliterated; a candidate
/// becomes a `.name` or `.loanword` anchor when it sounds like one of the other side's document
/// (see `PhoneticKey`).
public struct AnchorKey: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: UInt8, Sendable, CaseIterable {
        case number, word, name, loanword, nameCandidate, punctuation, term
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    public var description: String { "\(kind):\(value)" }
}

/// A source of anchors: reads one sentence and adds what it finds. Sources are pluggable, so that
/// glossary terms, or a domain's own identifiers, add evidence without touching the search.
public protocol AnchorSource: Sendable {
    /// Adds the anchors in `text`, written in the language of `profile`, to `anchors`.
    func collect(in text: String, words: [WordToken], profile: AlignmentProfile, into anchors: inout [AnchorKey])
}

/// Finds glossary concepts in a sentence: the seam where the glossary's term matcher plugs into
/// alignment. The same concept found on both sides is an anchor.
public protocol TermSpotter: Sendable {
    /// Identifiers of the concepts whose terms occur in `text` (one entry per occurrence).
    func concepts(in text: String, language: LanguageTag) -> [String]
}

/// Glossary concepts as anchors.
public struct TermAnchors: AnchorSource {
    public let spotter: any TermSpotter

    public init(spotter: any TermSpotter) {
        self.spotter = spotter
    }

    public func collect(in text: String, words: [WordToken], profile: AlignmentProfile, into anchors: inout [AnchorKey]) {
        for concept in spotter.concepts(in: text, language: profile.language) {
            anchors.append(AnchorKey(.term, concept))
        }
    }
}

/// Sentence punctuation that translations keep: question and exclamation marks, quotation
/// marks, parentheses. Each counts once per sentence, whatever its form (`"` `“` `‘` `「`).
public struct PunctuationAnchors: AnchorSource {
    public init() {}

    public func collect(in text: String, words: [WordToken], profile: AlignmentProfile, into anchors: inout [AnchorKey]) {
        var question = false
        var exclamation = false
        var quote = false
        var parenthesis = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "?", "？": question = true
            case "!", "！": exclamation = true
            case "\"", "“", "”", "„", "«", "»", "「", "」", "『", "』": quote = true
            case "(", "（": parenthesis = true
            default: break
            }
        }
        if question { anchors.append(AnchorKey(.punctuation, "?")) }
        if exclamation { anchors.append(AnchorKey(.punctuation, "!")) }
        if quote { anchors.append(AnchorKey(.punctuation, "\"")) }
        if parenthesis { anchors.append(AnchorKey(.punctuation, "(")) }
    }
}

/// Latin-script words, lowercased: in a Korean sentence they are acronyms and names left in
/// English (EU, NATO, Long Lartin); they anchor the English sentence holding the same word.
public struct LatinWordAnchors: AnchorSource {
    public init() {}

    public func collect(in text: String, words: [WordToken], profile: AlignmentProfile, into anchors: inout [AnchorKey]) {
        for word in words where word.kind == .latin && word.text.utf8.count >= 2 {
            var value = word.lowered
            // Acronym plurals (MWPs, NGOs) anchor the acronym.
            if value.utf8.count > 3, value.hasSuffix("s"), word.text.dropLast().allSatisfy(\.isUppercase) {
                value.removeLast()
            }
            anchors.append(AnchorKey(.word, value))
        }
    }
}
