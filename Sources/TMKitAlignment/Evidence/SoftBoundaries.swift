import TMKitText

/// Places inside a segment where a sentence may end although the segmenter did not cut there: a
/// heading run into the first sentence of its paragraph (`… looking like muppets' There is …`,
/// `… 걱정했다 몇몇 상원 의원들은 …`), or a full stop the segmenter took for an abbreviation
/// (`… the EU and NATO. Macedonian President …`). The aligner cuts there only when both languages
/// agree that two sentences stand there (see `BeadSplitter`).
///
/// What marks a sentence end without punctuation is language data (`Locales/<lang>/alignment.json`):
/// Korean declarative endings (`다`), and, for languages with capital letters, the words a heading
/// does not end with (`the`, `of`).
public struct SoftBoundaries: Sendable {
    /// How sure a candidate is.
    public enum Strength: Int, Sendable, Comparable {
        /// Any space between words: only paired with a sure cut on the other side.
        case weak = 0
        /// Between two capitalized words: a heading may end with a name, but most such places are
        /// inside a name (`Sergio Aguero`).
        case capitalized = 1
        /// A capitalized word after a lowercase word that can end a heading.
        case heading = 2
        /// As `heading`, and the next word is one that often opens a sentence (`The`, `There`)
        /// or an opening quotation mark.
        case likelyHeading = 3
        /// Sentence punctuation, or a sentence-ending word form, before a space.
        case strong = 4

        public static func < (a: Strength, b: Strength) -> Bool { a.rawValue < b.rawValue }
    }

    public struct Candidate: Sendable, Hashable {
        /// UTF-8 offset where the second piece starts (after the white space).
        public var offset: Int
        /// UTF-8 offset where the first piece ends (before the white space).
        public var end: Int
        public var strength: Strength
    }

    /// Word endings that end a sentence without a full stop (Korean `다`).
    public var sentenceEndings: [String]
    /// Words a heading does not end with (lowercased).
    public var headingNonFinalWords: Set<String>
    /// Words that often open a sentence (`the`, `there`, `he`), lowercased: a heading followed by
    /// one of them ends there more likely than before any capitalized word.
    public var sentenceStarters: Set<String> = []
    /// Whether the language marks sentence starts with capitals (then headings can be told).
    public var hasCapitals: Bool
    /// Headings are looked for in the first this many words of a segment.
    public var headingWindow = 20

    public init(sentenceEndings: [String] = [], headingNonFinalWords: Set<String> = [], hasCapitals: Bool = true) {
        self.sentenceEndings = sentenceEndings
        self.headingNonFinalWords = headingNonFinalWords
        self.hasCapitals = hasCapitals
    }

    static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]", "」", "』", "》", "〉", "»"]
    static let openers: Set<Unicode.Scalar> = ["\"", "'", "“", "‘", "(", "[", "「", "『", "《", "〈", "«"]
    static let terminals: Set<Unicode.Scalar> = [".", "!", "?", "…", "。", "？", "！"]

    /// The candidates in a segment's text, in order.
    /// - Complexity: O(n).
    public func candidates(in text: String) -> [Candidate] {
        let scalars = Array(text.unicodeScalars)
        var offsets = [Int](repeating: 0, count: scalars.count + 1)
        for (k, scalar) in scalars.enumerated() { offsets[k + 1] = offsets[k] + UTF8.width(scalar) }
        var result: [Candidate] = []
        var k = 0
        var words = 0
        // The words before each gap: [start, end) in scalars.
        var wordStart = 0
        while k < scalars.count {
            guard scalars[k].properties.isWhitespace else { k += 1; continue }
            let previousEnd = k
            while k < scalars.count && scalars[k].properties.isWhitespace { k += 1 }
            let nextStart = k
            words += 1
            defer { wordStart = nextStart }
            guard previousEnd > wordStart, nextStart < scalars.count else { continue }
            let previous = scalars[wordStart..<previousEnd]
            let next = scalars[nextStart]
            // The previous word's last scalar past closing quotes and brackets.
            var last = previousEnd - 1
            while last > wordStart && Self.closers.contains(scalars[last]) { last -= 1 }
            let lastScalar = scalars[last]
            var strength = Strength.weak
            if Self.terminals.contains(lastScalar) {
                if !hasCapitals || next.properties.isUppercase || Self.openers.contains(next) || next.properties.numericType != nil
                    || !next.properties.isLowercase {
                    strength = .strong
                }
            } else if sentenceEndings.contains(where: { ending in Self.ends(scalars[wordStart...last], with: ending) }) {
                strength = .strong
            } else if hasCapitals && words <= headingWindow && (lastScalar.properties.isAlphabetic || lastScalar.properties.numericType != nil
                                                                 || Self.closers.contains(scalars[previousEnd - 1])) {
                let word = String(String.UnicodeScalarView(previous)).lowercased()
                if (next.properties.isUppercase || Self.openers.contains(next)) && !headingNonFinalWords.contains(word) {
                    var end = nextStart
                    while end < scalars.count && !scalars[end].properties.isWhitespace { end += 1 }
                    let following = String(String.UnicodeScalarView(scalars[nextStart..<end])).lowercased()
                    if Self.openers.contains(next) || sentenceStarters.contains(following) {
                        strength = .likelyHeading
                    } else {
                        strength = scalars[wordStart].properties.isUppercase ? .capitalized : .heading
                    }
                }
            }
            if strength == .weak && [",", ";", ":", "-", "–", "—", "/", "("].contains(lastScalar) { continue }
            result.append(Candidate(offset: offsets[nextStart], end: offsets[previousEnd], strength: strength))
        }
        return result
    }

    /// Whether a text ends with sentence punctuation (before closing quotes and brackets).
    public static func endsSentence(_ text: String) -> Bool {
        for scalar in text.unicodeScalars.reversed() {
            if closers.contains(scalar) || scalar.properties.isWhitespace { continue }
            return terminals.contains(scalar)
        }
        return false
    }

    /// Whether a word ends with `ending` right at its last letter (`걱정했다`, not `다음`).
    static func ends(_ word: ArraySlice<Unicode.Scalar>, with ending: String) -> Bool {
        let tail = Array(ending.unicodeScalars)
        guard word.count > tail.count else { return false }
        return Array(word.suffix(tail.count)) == tail
    }
}
