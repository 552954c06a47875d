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
        // The key and origins as locals while they are written through pointers.
        var key: [UInt8] = []
        var origins: [Int32] = []
        swap(&key, &self.key)
        swap(&origins, &self.origins)
        defer {
            swap(&key, &self.key)
            swap(&origins, &self.origins)
        }
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
        guard !words.isEmpty else { return }
        text.withUTF8 { bytes in
            // Room for the whole text: simple characters never fold longer.
            key.append(contentsOf: repeatElement(0, count: bytes.count))
            origins.append(contentsOf: repeatElement(0, count: bytes.count))
            var written = 0
            var w = 0
            var i = words[0].lowerBound
            var wordStart = 0
            while true {
                // Fold words until one holds a character ICU must fold.
                let clusterAt: Int? = key.withUnsafeMutableBufferPointer { keyOut in
                    origins.withUnsafeMutableBufferPointer { originsOut in
                        while w < words.count {
                            let range = words[w]
                            if let stop = KeyFolder.foldSimple(
                                bytes, range, from: &i, key: keyOut.baseAddress!, origins: originsOut.baseAddress!, written: &written)
                            {
                                return stop
                            }
                            if written > wordStart {
                                if let last = tokens.indices.last {
                                    tokens[last].joinsNext = Self.isJoiner(bytes, tokens[last].textEnd, range.lowerBound)
                                }
                                tokens.append(
                                    Token(
                                        keyStart: wordStart, keyEnd: written, textStart: range.lowerBound, textEnd: range.upperBound,
                                        joinsNext: false))
                            }
                            w += 1
                            if w < words.count {
                                i = words[w].lowerBound
                                wordStart = written
                            }
                        }
                        return nil
                    }
                }
                guard let at = clusterAt else { break }
                let (folded, clusterEnd) = folder.foldCluster(bytes, at: at, end: words[w].upperBound)
                // The folded cluster and the rest of the text must fit.
                let needed = written + folded.count + (bytes.count - clusterEnd)
                if needed > key.count {
                    key.append(contentsOf: repeatElement(0, count: needed - key.count))
                    origins.append(contentsOf: repeatElement(0, count: needed - origins.count))
                }
                for (k, byte) in folded.enumerated() {
                    key[written + k] = byte
                    origins[written + k] = Int32(at)
                }
                written += folded.count
                i = clusterEnd
            }
            key.removeLast(key.count - written)
            origins.removeLast(origins.count - written)
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
                k = asciiClass(b)
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
                let next = nextByte < 0x80 ? asciiClass(nextByte) : characterClass(UTF8Step.scalar(bytes, i + length).0)
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
    @inline(__always)
    static func asciiClass(_ b: UInt8) -> CharacterClass {
        let lower = b | 0x20
        if (lower >= 0x61 && lower <= 0x7A) || b == 0x5F { return .letter }
        return b >= 0x30 && b <= 0x39 ? .digit : .other
    }

    @inline(__always)
    static func isJoiner(_ scalar: UInt32) -> Bool {
        scalar == 0x27 || scalar == 0x2E || scalar == 0x2C || scalar == 0x2019 || scalar == 0x2018
    }

    /// The class of a non-ASCII scalar: Hangul at once, the rest from Unicode properties.
    @inline(__always)
    static func characterClass(_ scalar: UInt32) -> CharacterClass {
        if scalar >= 0xAC00 && scalar <= 0xD7A3 { return .letter }
        if scalar < 0x80 { return asciiClass(UInt8(scalar)) }
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
        var text = text
        if let simple = text.withUTF8({ Self.simpleKey($0) }) { return simple }
        analyze(text)
        return key
    }

    /// The key of text made only of ASCII and precomposed Hangul, without cutting it into words
    /// first (what indexing thousands of terms and their romanizations needs); nil for other
    /// text. The same key as `analyze` makes: for these characters the words' keys joined are the
    /// letters (lower case), digits, `_` and Hangul syllables in order, plus a period or comma
    /// between two digits (3.5, 10,000); everything else separates words or folds away.
    /// - Complexity: O(n).
    static func simpleKey(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count)
        let count = bytes.count
        var i = 0
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                switch asciiClass(b) {
                case .letter: key.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                case .digit: key.append(b)
                case .other:
                    if (b == 0x2E || b == 0x2C) && i > 0 && i + 1 < count && asciiClass(bytes[i - 1]) == .digit
                        && asciiClass(bytes[i + 1]) == .digit
                    {
                        key.append(b)
                    }
                }
                i += 1
                continue
            }
            guard b >= 0xEA && b <= 0xED, i + 2 < count else { return nil }
            let scalar = KeyFolder.decode(bytes, at: i, length: 3)
            guard scalar >= 0xAC00 && scalar <= 0xD7A3 else { return nil }
            key.append(bytes[i])
            key.append(bytes[i + 1])
            key.append(bytes[i + 2])
            i += 3
        }
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
