import TMKitText

/// Numbers as anchors, by value, read by the language's `NumberExtractor`: `26,750` and `26750`;
/// `8만` and `80,000`; `3.26 million` and `326만`; `2013년` and `2013`; `No. 22` and `제22호`;
/// `nine` and `9명`. Approximations (`수만`) and weak mentions (`one`, `한 명`, often not a number
/// at all) are left out; months keep apart from other numbers (`Jan.` is not `1명`).
public struct NumberAnchors: AnchorSource {
    public init() {}

    public func collect(in text: String, words: [WordToken], profile: AlignmentProfile, into anchors: inout [AnchorKey]) {
        guard let extractor = profile.numbers else {
            for word in words where word.kind == .digits { anchors.append(AnchorKey(.number, word.text)) }
            return
        }
        // Most sentences hold no number: read only those with a digit or a word that may start one.
        let triggers = profile.numberTriggers
        guard words.contains(where: { word in
            switch word.kind {
            case .digits: return true
            case .latin: return triggers.words.contains(word.lowered)
            case .foreign: return word.text.unicodeScalars.first.map(triggers.starters.contains) ?? false
            }
        }) else { return }
        for mention in extractor.numbers(in: text) where !mention.isApproximate && !mention.isWeak {
            let value = mention.kind == .month ? "month " + mention.valueText : mention.valueText
            anchors.append(AnchorKey(.number, value))
        }
    }
}

/// The words that can start a number worth anchoring on (weak and approximate ones are not),
/// from a language's number rules: whole words (`nine`, `million`) and first letters of words the
/// rules read by prefix (`세명`, `다섯째`).
public struct NumberTriggers: Sendable {
    public var words: Set<String> = []
    public var starters: Set<Unicode.Scalar> = []

    public init() {}

    public init(rules: NumberRules) {
        words = Set((Array(rules.words.keys) + Array(rules.scaleWords.keys)).map { $0.lowercased() })
        for table in [rules.nativeNumerals, rules.unambiguousNativeNumerals, rules.nounNumerals, rules.sinoNumerals, rules.dayCountWords] {
            for key in table.keys { if let first = key.unicodeScalars.first { starters.insert(first) } }
        }
        // A Latin number word glued to letters of its script is read by prefix too.
        for word in words where word.unicodeScalars.contains(where: { $0.value > 0x7F }) {
            if let first = word.unicodeScalars.first { starters.insert(first) }
        }
    }
}
