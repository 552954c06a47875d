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
    /// - Complexity: O(n) in the text's length.
    static func split(_ text: String) -> [Word] {
        var words: [Word] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var offset = 0
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard isWordScalar(scalar) else {
                offset += UTF8.width(scalar)
                index = scalars.index(after: index)
                continue
            }
            let start = index
            let startOffset = offset
            var script = "Zyyy"
            var upper = false
            var lower = false
            var digit = false
            var letters = 0
            while index < scalars.endIndex {
                let c = scalars[index]
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
                    let next = scalars.index(after: index)
                    guard next < scalars.endIndex, isWordScalar(scalars[next]), index > start else { break }
                } else {
                    break
                }
                offset += UTF8.width(c)
                index = scalars.index(after: index)
            }
            words.append(Word(text: Substring(text.unicodeScalars[start..<index]), byteRange: startOffset..<offset, script: script,
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
        for c in text.unicodeScalars {
            let isWord = isWordScalar(c)
            if isWord && !inWord { n += 1 }
            inWord = isWord || (inWord && (c == "-" || c == "'" || c == "’"))
        }
        return n
    }

    /// Letters and digits in `text` (white space and punctuation left out): the length measure of
    /// the length checks.
    /// - Complexity: O(n).
    static func contentLength(_ text: String) -> Int {
        var n = 0
        for c in text.unicodeScalars where isWordScalar(c) { n += 1 }
        return n
    }
}

extension String {
    /// The UTF-8 byte offset range of a `Substring` of this string.
    func byteRange(of part: Substring) -> Range<Int> {
        let start = utf8.distance(from: utf8.startIndex, to: part.startIndex)
        return start..<(start + part.utf8.count)
    }
}
