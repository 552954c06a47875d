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
        guard words.contains(where: triggers.mayStartNumber) else { return }
        for mention in extractor.numbers(in: text) where !mention.isApproximate && !mention.isWeak {
            let value = mention.kind == .month ? "month " + mention.valueText : mention.valueText
            anchors.append(AnchorKey(.number, value))
        }
    }
}

/// The words that can start a number worth anchoring on (weak and approximate ones are not),
/// from a language's number rules, so that sentences without any skip the extractor: whole words
/// (`nine`, `million`, `세`, `다섯`) and numerals glued to a counter, an ordinal suffix or a
/// particle (`세명`, `다섯째`, `둘이`, `이틀간`).
public struct NumberTriggers: Sendable {
    public var words: Set<String> = []
    public var prefixes: Set<String> = []
    /// First letters of what may follow a glued numeral.
    public var followers: Set<Unicode.Scalar> = []
    private var longestPrefix = 0

    public init() {}

    public init(rules: NumberRules) {
        words = Set((Array(rules.words.keys) + Array(rules.scaleWords.keys)).map { $0.lowercased() })
        for table in [rules.nativeNumerals, rules.unambiguousNativeNumerals, rules.sinoNumerals, rules.standaloneNativeNumerals,
                      rules.dayCountWords] {
            words.formUnion(table.keys)
        }
        for table in [rules.nativeNumerals, rules.unambiguousNativeNumerals, rules.nounNumerals, rules.dayCountWords] {
            prefixes.formUnion(table.keys)
        }
        for list in [rules.gluedCounters, rules.ordinalSuffixes, rules.counterFollowers, rules.counters] {
            for item in list { if let first = item.unicodeScalars.first { followers.insert(first) } }
        }
        longestPrefix = prefixes.map(\.unicodeScalars.count).max() ?? 0
    }

    /// Whether a word may start a number the extractor reads.
    public func mayStartNumber(_ word: WordToken) -> Bool {
        switch word.kind {
        case .digits: return true
        case .latin: return words.contains(word.lowered)
        case .foreign:
            if words.contains(word.text) { return true }
            guard longestPrefix > 0 else { return false }
            let scalars = word.text.unicodeScalars
            var prefix = String.UnicodeScalarView()
            var index = scalars.startIndex
            for _ in 0..<longestPrefix {
                guard index != scalars.endIndex else { break }
                prefix.append(scalars[index])
                index = scalars.index(after: index)
                guard index != scalars.endIndex else { break }
                if followers.contains(scalars[index]) && prefixes.contains(String(prefix)) { return true }
            }
            return false
        }
    }
}
