import TMKitText

/// A word in a segment: a run of letters, digits and combining marks, with inner hyphens and
/// apostrophes (`jip-kyul-so`, `don't`), and what the checks need to know about it.
struct Word: Sendable {
    var text: Substring
    /// UTF-8 byte range in the segment.
    var byteRange: Range<Int>
    /// The script of its first letter (`Latn`, `Hang`), or `Zyyy` for digits only.
    var script: String
    var hasUppercase: Bool
    var hasLowercase: Bool
    var hasDigit: Bool
    var letterCount: Int
}

enum Words {
    /// The words of `text`, in order.
    /// - Complexity: O(n) in the text's length: one pass over its UTF-8, decoding scalars in
    ///   place (walking `unicodeScalars` by index decoded each scalar twice and dominated the
    ///   form and untranslated checks).
    static func split(_ text: String) -> [Word] {
        text.utf8.withContiguousStorageIfAvailable { split(text, $0) } ?? Array(text.utf8).withUnsafeBufferPointer { split(text, $0) }
    }

    private static func split(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        let end = bytes.count
        let utf8 = text.utf8
        var offset = 0
        while offset < end {
            let (first, firstWidth) = UTF8Decoding.scalar(in: bytes, at: offset)
            guard isWordScalar(first) else {
                offset += firstWidth
                continue
            }
            let startOffset = offset
            var script = "Zyyy"
            var upper = false
            var lower = false
            var digit = false
            var letters = 0
            while offset < end {
                let (c, width) = UTF8Decoding.scalar(in: bytes, at: offset)
                if isWordScalar(c) {
                    let v = c.value
                    // Fast answers for ASCII and Hangul, the bulk of en–ko text.
                    let kind: (letter: Bool, upper: Bool, lower: Bool, digit: Bool, script: String)
                    if v < 0x80 {
                        let isDigit = v >= 0x30 && v <= 0x39
                        kind = (!isDigit, v >= 0x41 && v <= 0x5A, v >= 0x61 && v <= 0x7A, isDigit, isDigit ? "Zyyy" : "Latn")
                    } else if v >= 0xAC00 && v <= 0xD7A3 {
                        kind = (true, false, false, false, "Hang")
                    } else {
                        let p = c.properties
                        kind = (p.isAlphabetic, p.isUppercase, p.isLowercase, p.numericType != nil, p.isAlphabetic ? Script.code(of: c) : "Zyyy")
                    }
                    if kind.letter {
                        // A Korean particle glued to a Latin word (jip-kyul-so는) starts a new word.
                        let code = kind.script
                        if script != "Zyyy", code != script, script == "Latn" || code == "Latn" { break }
                        letters += 1
                        if script == "Zyyy" { script = code }
                        if kind.upper { upper = true } else if kind.lower { lower = true }
                    } else if kind.digit {
                        digit = true
                    }
                } else if c == "-" || c == "'" || c == "’" {
                    // Inside a word only when a letter or digit follows.
                    let next = offset + width
                    guard next < end, isWordScalar(UTF8Decoding.scalar(in: bytes, at: next).scalar), offset > startOffset else { break }
                } else {
                    break
                }
                offset += width
            }
            let lowerIndex = utf8.index(utf8.startIndex, offsetBy: startOffset)
            let upperIndex = utf8.index(lowerIndex, offsetBy: offset - startOffset)
            words.append(Word(text: Substring(text.unicodeScalars[lowerIndex..<upperIndex]), byteRange: startOffset..<offset, script: script,
                              hasUppercase: upper, hasLowercase: lower, hasDigit: digit, letterCount: letters))
        }
        return words
    }

    @inline(__always)
    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 {
            let v = c.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if c.value >= 0xAC00 && c.value <= 0xD7A3 { return true }
        let p = c.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    /// How many words `split` would return, without building them.
    /// - Complexity: O(n).
    static func count(_ text: String) -> Int {
        var n = 0
        var inWord = false
        forEachScalar(text) { c in
            let isWord = isWordScalar(c)
            if isWord && !inWord { n += 1 }
            inWord = isWord || (inWord && (c == "-" || c == "'" || c == "’"))
        }
        return n
    }

    /// Letters and digits in `text` (white space and punctuation left out): the length measure of
    /// the length checks.
    /// - Complexity: O(n), over the UTF-8 bytes (ASCII and Hangul answered without the scalar
    ///   property tables).
    static func contentLength(_ text: String) -> Int {
        var n = 0
        forEachScalar(text) { c in
            if isWordScalar(c) { n += 1 }
        }
        return n
    }

    /// Calls `body` with each scalar of `text`, decoded from its UTF-8 in place.
    @inline(__always)
    private static func forEachScalar(_ text: String, _ body: (Unicode.Scalar) -> Void) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var offset = 0
            while offset < bytes.count {
                let (scalar, width) = UTF8Decoding.scalar(in: bytes, at: offset)
                body(scalar)
                offset += width
            }
        }
        if done == nil {
            for scalar in text.unicodeScalars { body(scalar) }
        }
    }
}

/// Decoding scalars straight from a string's UTF-8 (which Swift guarantees is valid).
enum UTF8Decoding {
    /// The scalar starting at byte `offset` and its width in bytes (1–4).
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let b0 = UInt32(bytes[offset])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let value: UInt32
        let width: Int
        if b0 < 0xE0 {
            value = (b0 & 0x1F) << 6 | UInt32(bytes[offset + 1]) & 0x3F
            width = 2
        } else if b0 < 0xF0 {
            value = (b0 & 0x0F) << 12 | (UInt32(bytes[offset + 1]) & 0x3F) << 6 | UInt32(bytes[offset + 2]) & 0x3F
            width = 3
        } else {
            value = (b0 & 0x07) << 18 | (UInt32(bytes[offset + 1]) & 0x3F) << 12 | (UInt32(bytes[offset + 2]) & 0x3F) << 6
                | UInt32(bytes[offset + 3]) & 0x3F
            width = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }
}

extension String {
    /// The UTF-8 byte offset range of a `Substring` of this string.
    func byteRange(of part: Substring) -> Range<Int> {
        let start = utf8.distance(from: utf8.startIndex, to: part.startIndex)
        return start..<(start + part.utf8.count)
    }
}
