import TMKitText

/// A word of a sentence as the evidence layer sees it: a run of letters of one kind, or a run of
/// digits. Runs are cut at white space, punctuation, and where Latin letters meet letters of
/// another script (`MWP에서` → `MWP`, `에서`) or digits meet letters (`2013년` → `2013`, `년`).
public struct WordToken: Sendable {
    public enum Kind: UInt8, Sendable {
        case latin
        /// Letters of any other script (Hangul, Cyrillic, Han, ...).
        case foreign
        case digits
    }

    public var text: String
    /// The text lowercased (Latin words; others as they are).
    public var lowered: String
    public var kind: Kind
    /// The first letter is an uppercase letter (names, acronyms, sentence starts).
    public var isCapitalized: Bool
    /// A word directly follows this one (no punctuation other than white space or a hyphen
    /// between): multi-word names (`Kim Jong-Un`) are joined through this.
    public var joinsNext: Bool

    /// The words of a text.
    /// - Complexity: O(n) in the text's length.
    public static func split(_ text: String) -> [WordToken] {
        var words: [WordToken] = []
        var current = String.UnicodeScalarView()
        var kind = Kind.latin
        var capitalized = false

        func emit(joins: Bool) {
            let text = String(current)
            words.append(WordToken(text: text, lowered: kind == .latin ? text.lowercased() : text, kind: kind, isCapitalized: capitalized,
                                   joinsNext: joins))
            current.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            if let k = classify(scalar) {
                if !current.isEmpty && k != kind { emit(joins: false) }
                if current.isEmpty {
                    kind = k
                    capitalized = scalar.properties.isUppercase
                }
                current.append(scalar)
            } else {
                let joining = scalar == " " || scalar == "-" || scalar == "\u{2011}" || scalar.properties.isWhitespace
                if !current.isEmpty {
                    emit(joins: joining)
                } else if !joining, !words.isEmpty {
                    words[words.count - 1].joinsNext = false
                }
            }
        }
        if !current.isEmpty { emit(joins: false) }
        return words
    }

    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> Kind? {
        let v = scalar.value
        if v < 0x80 {
            if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { return .latin }
            if v >= 0x30 && v <= 0x39 { return .digits }
            return nil
        }
        if v >= 0xAC00 && v <= 0xD7A3 { return .foreign }
        if scalar.properties.isAlphabetic { return isLatinExtended(scalar) ? .latin : .foreign }
        if scalar.properties.numericType == .decimal { return .digits }
        return nil
    }

    /// Latin letters outside ASCII (é, ø, ł): letters with case in the Latin blocks.
    @inline(__always)
    private static func isLatinExtended(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v >= 0xC0 && v <= 0x24F) || (v >= 0x1E00 && v <= 0x1EFF)
    }
}
