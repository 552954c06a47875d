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
    /// UTF-8 byte offsets of the word in its text.
    public var start: Int
    public var end: Int
    /// A word directly follows this one (no punctuation other than white space or a hyphen
    /// between): multi-word names (`Kim Jong-Un`) are joined through this.
    public var joinsNext: Bool

    /// The words of a text.
    /// - Complexity: O(n) in the text's length.
    public static func split(_ text: String) -> [WordToken] {
        var text = text
        return text.withUTF8 { split(utf8: $0) }
    }

    /// Words are read from the UTF-8 bytes; each word's text is made once, from its bytes (short
    /// words live inside the `String` value, with no allocation), and ASCII is lowercased by hand.
    private static func split(utf8: UnsafeBufferPointer<UInt8>) -> [WordToken] {
        var words: [WordToken] = []
        words.reserveCapacity(utf8.count / 5)
        var kind = Kind.latin
        var capitalized = false
        var ascii = true
        var start = -1
        var offset = 0

        func emit(_ end: Int, joins: Bool) {
            let bytes = UnsafeBufferPointer(rebasing: utf8[start..<end])
            let text = String(decoding: bytes, as: UTF8.self)
            var lowered = text
            if kind == .latin {
                if ascii {
                    lowered =
                        capitalized || bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A })
                        ? String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self) : text
                } else {
                    lowered = text.lowercased()
                }
            }
            words.append(
                WordToken(
                    text: text, lowered: lowered, kind: kind, isCapitalized: capitalized, start: start, end: end,
                    joinsNext: joins))
            start = -1
        }

        while offset < utf8.count {
            let byte = utf8[offset]
            let width: Int
            let scalar: Unicode.Scalar
            if byte < 0x80 {
                width = 1
                scalar = Unicode.Scalar(byte)
            } else {
                width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                for k in 1..<width where offset + k < utf8.count { value = value << 6 | UInt32(utf8[offset + k] & 0x3F) }
                scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            }
            if let k = classify(scalar) {
                if start >= 0 && k != kind { emit(offset, joins: false) }
                if start < 0 {
                    kind = k
                    capitalized = byte < 0x80 ? (byte >= 0x41 && byte <= 0x5A) : scalar.properties.isUppercase
                    ascii = true
                    start = offset
                }
                if byte >= 0x80 { ascii = false }
            } else {
                let joining =
                    byte == 0x20 || byte == 0x2D || scalar == "\u{2011}"
                    || (byte >= 0x80
                        ? scalar.properties.isWhitespace
                        : byte == 0x09 || byte == 0x0A || byte == 0x0D)
                if start >= 0 {
                    emit(offset, joins: joining)
                } else if !joining, !words.isEmpty {
                    words[words.count - 1].joinsNext = false
                }
            }
            offset += width
        }
        if start >= 0 { emit(utf8.count, joins: false) }
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
