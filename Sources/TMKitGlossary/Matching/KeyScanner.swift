import TMKitText

/// Cuts a text into words (ICU word boundaries) and folds each into its key, back to back in
/// one buffer, so that a term spelled as several words (kwan li so, 정치범 수용소) is found by
/// walking on across the words.
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
        // Without ICU (it cannot fail on valid text), the whole text is one word.
        var words = [0..<text.utf8.count]
        if let breaker, let pieces = try? breaker.pieces(in: text) {
            words = pieces.filter(\.isWord).map(\.byteRange)
        }
        text.withUTF8 { bytes in
            for range in words {
                let start = key.count
                folder.fold(bytes, range, into: &key, origins: &origins)
                guard key.count > start else { continue }
                if let last = tokens.indices.last {
                    tokens[last].joinsNext = Self.isJoiner(bytes, tokens[last].textEnd, range.lowerBound)
                }
                tokens.append(Token(keyStart: start, keyEnd: key.count, textStart: range.lowerBound, textEnd: range.upperBound,
                                    joinsNext: false))
            }
        }
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
