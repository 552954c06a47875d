import TMKitText

/// Cuts a text into words and folds each into its key, back to back in one buffer, so that a
/// term spelled as several words (kwan li so, 정치범 수용소) is found by walking on across the
/// words.
///
/// Words are runs of letters, digits and marks, joined across an apostrophe or period between
/// letters (Han'guk, U.N) and a period or comma between digits (3.5, 10,000), as in Unicode's
/// word-boundary rules; unlike them, a middle dot or colon ends a word, so the Korean list
/// 구금·고문 is two words, each of which may be a term. Text in a script written without spaces between words (Chinese,
/// Japanese, Thai…) goes to ICU's word break iterator, which has the dictionaries for it.
///
/// Not thread-safe (ICU break iterator, fold cache): each scanner has its own.
struct KeyScanner {
    struct Token {
        /// Byte range of the word's key in `key`.
        var keyStart: Int
        var keyEnd: Int
        /// UTF-8 byte range of the word in the text.
        var textStart: Int
        var textEnd: Int
        /// Whether only spaces or hyphens separate it from the next word, so a term may go on.
        var joinsNext: Bool
    }

    private let breaker: BreakIterator?
    private var folder = KeyFolder()
    /// The folded words of the last text, back to back.
    var key: [UInt8] = []
    /// For each key byte, the text offset where its character starts.
    var origins: [Int32] = []
    var tokens: [Token] = []
    private var words: [Range<Int>] = []

    init() {
        breaker = try? BreakIterator(.word, locale: "root")
    }

    /// Cuts and folds `text`; the results are in `key`, `origins` and `tokens`.
    /// - Complexity: O(n).
    mutating func analyze(_ text: String) {
        key.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        guard !text.isEmpty else { return }
        var text = text
        text.makeContiguousUTF8()
        words.removeAll(keepingCapacity: true)
        let needsICU = text.withUTF8 { Self.split($0, into: &words) }
        if needsICU {
            // Without ICU (it cannot fail on valid text), the whole text is one word.
            words = [0..<text.utf8.count]
            if let breaker, let pieces = try? breaker.pieces(in: text) {
                words = pieces.filter(\.isWord).map(\.byteRange)
            }
        }
        text.withUTF8 { bytes in
            for range in words {
                let start = key.count
                folder.fold(bytes, range, into: &key, origins: &origins)
                guard key.count > start else { continue }
                if let last = tokens.indices.last {
                    tokens[last].joinsNext = Self.isJoiner(bytes, tokens[last].textEnd, range.lowerBound)
                }
                tokens.append(
                    Token(
                        keyStart: start, keyEnd: key.count, textStart: range.lowerBound, textEnd: range.upperBound,
                        joinsNext: false))
            }
        }
    }

    /// Word ranges of UTF-8 text. Returns true, leaving `words` incomplete, when the text holds
    /// a script that needs ICU's dictionaries.
    /// - Complexity: O(n).
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, into words: inout [Range<Int>]) -> Bool {
        let count = bytes.count
        var i = 0
        var start = -1
        var previous = CharacterClass.other
        while i < count {
            let b = bytes[i]
            var length = 1
            var k: CharacterClass
            var scalar = UInt32(b)
            if b < 0x80 {
                k = asciiClasses[Int(b)]
            } else {
                (scalar, length) = UTF8Step.scalar(bytes, i)
                if scalar >= 0x0E00 && needsDictionary(scalar) { return true }
                k = characterClass(scalar)
            }
            if k != .other {
                if start < 0 { start = i }
                previous = k
                i += length
                continue
            }
            // A joiner between two word characters keeps the word going.
            if start >= 0 && i + length < count && previous != .other && isJoiner(scalar) {
                let nextByte = bytes[i + length]
                let next = nextByte < 0x80 ? asciiClasses[Int(nextByte)] : characterClass(UTF8Step.scalar(bytes, i + length).0)
                let apostrophe = scalar == 0x27 || scalar == 0x2019 || scalar == 0x2018
                if (previous == .letter && next == .letter && (apostrophe || scalar == 0x2E))
                    || (previous == .digit && next == .digit && (apostrophe || scalar == 0x2E || scalar == 0x2C))
                {
                    i += length
                    continue
                }
            }
            if start >= 0 {
                words.append(start..<i)
                start = -1
            }
            previous = .other
            i += length
        }
        if start >= 0 { words.append(start..<count) }
        return false
    }

    enum CharacterClass: UInt8 {
        case letter, digit, other
    }

    /// Letters (and `_`), digits and the rest, for ASCII.
    static let asciiClasses: [CharacterClass] = (0..<128).map { b in
        if (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || b == 0x5F { return .letter }
        return (0x30...0x39).contains(b) ? .digit : .other
    }

    @inline(__always)
    static func isJoiner(_ scalar: UInt32) -> Bool {
        scalar == 0x27 || scalar == 0x2E || scalar == 0x2C || scalar == 0x2019 || scalar == 0x2018
    }

    /// The class of a non-ASCII scalar: Hangul at once, the rest from Unicode properties.
    @inline(__always)
    static func characterClass(_ scalar: UInt32) -> CharacterClass {
        if scalar >= 0xAC00 && scalar <= 0xD7A3 { return .letter }
        if scalar < 0x80 { return asciiClasses[Int(scalar)] }
        if (scalar >= 0x1100 && scalar <= 0x11FF) || (scalar >= 0x3130 && scalar <= 0x318F) { return .letter }
        guard let u = Unicode.Scalar(scalar) else { return .other }
        let properties = u.properties
        if properties.isAlphabetic || properties.generalCategory.isMark { return .letter }
        return properties.numericType != nil ? .digit : .other
    }

    /// Scripts written without spaces between words, which need ICU's dictionaries.
    @inline(__always)
    static func needsDictionary(_ s: UInt32) -> Bool {
        if s >= 0xAC00 && s <= 0xD7A3 { return false }
        return (0x0E00...0x0EFF).contains(s) || (0x1000...0x109F).contains(s) || (0x1780...0x17FF).contains(s)
            || (0x3040...0x30FF).contains(s) || (0x31F0...0x31FF).contains(s) || (0x3400...0x4DBF).contains(s)
            || (0x4E00...0x9FFF).contains(s) || (0xF900...0xFAFF).contains(s) || (0xFF66...0xFF9F).contains(s)
            || (0x20000...0x3FFFF).contains(s)
    }

    /// The key of a whole text: its folded words joined (Kwan-Li-So → kwanliso).
    mutating func key(of text: String) -> [UInt8] {
        analyze(text)
        return key
    }

    /// Whether the bytes between two words only hold spaces, hyphens and apostrophes (a term may
    /// span them: Kwan-Li-So, Workers' Party).
    static func isJoiner(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= 16 else { return false }
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x2D || b == 0x27 {
                i += 1
                continue
            }
            if b < 0x80 { return false }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            guard i + length <= end else { return false }
            let scalar = KeyFolder.decode(bytes, at: i, length: length)
            // No-break, thin and ideographic spaces; soft, Unicode and non-breaking hyphens; curly
            // apostrophes.
            guard [0x00A0, 0x00AD, 0x2009, 0x202F, 0x3000, 0x2010, 0x2011, 0x2018, 0x2019, 0x02BC].contains(scalar) else { return false }
            i += length
        }
        return true
    }
}
