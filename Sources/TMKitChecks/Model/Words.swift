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
        words.reserveCapacity(bytes.count / 4)
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
            // The script of the first letter ("Zyyy" until one comes), and whether it is Latin:
            // letters after it need only say whether they are Latin (string compares per letter
            // cost more than the rest of the scan).
            var script = "Zyyy"
            var hasScript = false
            var scriptIsLatin = false
            var upper = false
            var lower = false
            var digit = false
            var letters = 0
            while offset < end {
                let (c, width) = UTF8Decoding.scalar(in: bytes, at: offset)
                if isWordScalar(c) {
                    let v = c.value
                    // Fast answers for ASCII and Hangul, the bulk of en–ko text.
                    let kind: (letter: Bool, upper: Bool, lower: Bool, digit: Bool, script: String?)
                    if v < 0x80 {
                        let isDigit = v >= 0x30 && v <= 0x39
                        kind = (!isDigit, v >= 0x41 && v <= 0x5A, v >= 0x61 && v <= 0x7A, isDigit, "Latn")
                    } else if v >= 0xAC00 && v <= 0xD7A3 {
                        kind = (true, false, false, false, "Hang")
                    } else {
                        let p = c.properties
                        kind = (p.isAlphabetic, p.isUppercase, p.isLowercase, p.numericType != nil, p.isAlphabetic ? Script.code(of: c) : nil)
                    }
                    if kind.letter {
                        // A Korean particle glued to a Latin word (jip-kyul-so는) starts a new word:
                        // a letter whose script differs from the first letter's, one of them Latin.
                        let code = kind.script ?? "Zyyy"
                        let codeIsLatin = v < 0x80 ? true : (v >= 0xAC00 && v <= 0xD7A3) ? false : code == "Latn"
                        if hasScript, scriptIsLatin != codeIsLatin { break }
                        letters += 1
                        // A letter of no particular script (Zyyy) leaves the word's script open.
                        if !hasScript, code != "Zyyy" {
                            script = code
                            hasScript = true
                            scriptIsLatin = codeIsLatin
                        }
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

extension String {
    /// The UTF-8 byte offset range of a `Substring` of this string.
    func byteRange(of part: Substring) -> Range<Int> {
        let start = utf8.distance(from: utf8.startIndex, to: part.startIndex)
        return start..<(start + part.utf8.count)
    }
}
