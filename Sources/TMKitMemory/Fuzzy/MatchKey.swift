import TMKitText

/// The form of a segment that matching compares: NFKC, case-folded, whitespace runs collapsed to
/// one space and trimmed. Two segments that differ only in case, width or spacing have the
/// same key; the fuzzy score still tells them apart from a true exact match (99 %, not 100 %).
public struct MatchKey: Hashable, Sendable {
    /// The normalized text as Unicode scalar values.
    public let scalars: [UInt32]

    /// - Complexity: O(n). ASCII text (most source text in practice) is folded byte by byte;
    ///   other text goes through ICU's NFKC case folding first.
    public init(_ text: String) {
        var text = text
        var out: [UInt32] = []
        let n = text.withUTF8 { Self.fold($0, into: &out) }
        scalars = Array(out[0..<n])
    }

    /// The key of the UTF-8 text `utf8` into the first elements of `out`; returns how many.
    /// `out` is grown when too short and never shrunk: an import folds every unit's source into
    /// one buffer, without an allocation or a count change per unit.
    /// - Complexity: O(n).
    static func fold(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt32]) -> Int {
        if out.count < utf8.count { out = [UInt32](repeating: 0, count: max(utf8.count, out.count * 2)) }
        if let n = out.withUnsafeMutableBufferPointer({ foldASCII(utf8, into: $0) }) { return n }
        let text = String(decoding: utf8, as: UTF8.self)
        let folded = (try? text.normalized(.nfkcCasefold)) ?? text
        var key: [UInt32] = []
        key.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            var v = scalar.value
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || (v > 0x7F && scalar.properties.isWhitespace) {
                pendingSpace = !key.isEmpty
                continue
            }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            if pendingSpace {
                key.append(0x20)
                pendingSpace = false
            }
            key.append(v)
        }
        if out.count < key.count { out = [UInt32](repeating: 0, count: key.count) }
        out.withUnsafeMutableBufferPointer { out in _ = out.initialize(from: key) }
        return key.count
    }

    /// The key of ASCII text into `out` (room for `bytes.count`); returns its length, or nil
    /// when a byte is not ASCII. The same rules as the general path (NFKC leaves ASCII as it
    /// is; case folding lowers A–Z), without a `Unicode.Scalar` per character: this runs once
    /// per unit on import.
    @inline(__always)
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt32>) -> Int? {
        var any: UInt8 = 0
        for b in bytes { any |= b }
        if any >= 0x80 { return nil }
        guard let source = bytes.baseAddress, let target = out.baseAddress else { return 0 }
        // Branch-free: every byte is written (white space as a space), and the count advances
        // except for white space after white space (or at the start); a space left at the end
        // is dropped. Spaces come every few letters: a branch on them would be mispredicted
        // once a word.
        var n = 0
        var previousSpace: UInt8 = 1
        for i in 0..<bytes.count {
            let b = source[i]
            // Tab, LF, CR and space: bit b of a mask, for b ≤ 0x20.
            let space = UInt8(truncatingIfNeeded: (0x1_0000_2600 as UInt64) >> UInt64(b & 0x3F)) & (b <= 0x20 ? 1 : 0)
            let upper: UInt8 = b &- 0x41 < 26 ? 0x20 : 0
            target[n] = UInt32(space != 0 ? 0x20 : b | upper)
            n &+= Int(1 &- (space & previousSpace))
            previousSpace = space
        }
        if n > 0 && previousSpace != 0 { n -= 1 }
        return n
    }

    /// 64-bit FNV-1a over the key's scalars, three bytes each, low byte first: the exact-match
    /// index (stable across runs, unlike Swift's seeded `Hasher`; stored in every memory, so it
    /// never changes).
    ///
    /// A zero byte only multiplies (h ^ 0 = h), so the rounds of a scalar's high zero bytes fold
    /// into one multiplication by a power of the prime: one multiplication per ASCII character
    /// and two per Hangul syllable instead of three, the same value. The multiplications form
    /// one dependency chain, whose length is what this costs on every imported unit.
    /// - Complexity: O(n).
    public var hash: Int64 {
        scalars.withUnsafeBufferPointer { Self.hash($0) }
    }

    /// `hash` of a key's scalars.
    static func hash(_ scalars: UnsafeBufferPointer<UInt32>) -> Int64 {
        let prime: UInt64 = 0x100_0000_01b3
        let prime2 = prime &* prime
        let prime3 = prime2 &* prime
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in scalars {
            if v < 0x100 {
                h = (h ^ UInt64(v)) &* prime3
            } else if v < 0x1_0000 {
                h = ((h ^ UInt64(v & 0xFF)) &* prime ^ UInt64(v >> 8)) &* prime2
            } else {
                h = ((h ^ UInt64(v & 0xFF)) &* prime ^ UInt64(v >> 8 & 0xFF)) &* prime
                h = (h ^ UInt64(v >> 16 & 0xFF)) &* prime
            }
        }
        return Int64(bitPattern: h)
    }

    // MARK: - Trigrams for the index

    /// How many consecutive trigrams one selection window of the index spans (see `indexGrams`;
    /// `windowMinima` is unrolled for 4).
    public static let window = 4

    /// The trigrams the fuzzy index keeps for this key, distinct and ascending.
    ///
    /// Trigrams are character trigrams of the key, each packed exactly into 63 bits (three
    /// 21-bit scalars), with the text padded by two boundary marks at each end so that short
    /// segments and segment starts and ends have grams too. Of every `window` consecutive
    /// trigrams the index keeps the one with the smallest hash ("winnowing", Schleimer, Wilkerson
    /// and Aiken 2003): about 2 in `window + 1` trigrams, and the choice depends on the text
    /// around a trigram only, so two texts that share a run of `window + 2` characters keep at
    /// least one trigram of it in common, whatever else they hold. Near-duplicates, which share
    /// long runs, keep most of their trigrams in common; the index and its import cost shrink
    /// by 60 % (Benchmarks/memory.md has the recall figures).
    /// - Complexity: O(n log n) (sorted to drop repeats).
    public var indexGrams: [Int64] {
        let grams = [Int64](unsafeUninitializedCapacity: scalars.count + 2) { buffer, count in
            count = indexGrams(into: buffer.baseAddress!)
        }
        return Self.sortedUnique(grams)
    }

    /// Writes the trigrams the index keeps (see `indexGrams`) to `out`, which has room for
    /// `scalars.count + 2`, a few possibly more than once; returns how many.
    /// - Complexity: O(n).
    @inline(__always)
    public func indexGrams(into out: UnsafeMutablePointer<Int64>) -> Int {
        scalars.withUnsafeBufferPointer { Self.indexGrams($0, into: out) }
    }

    /// For ASCII text: the `hash` and the `indexGrams(into:)` of its key, without a `MatchKey`
    /// (the general fold, the hash and the winnowing were half of an import's preparing thread).
    /// Nil when a byte is not ASCII. `key` is scratch room for `bytes.count + 2` bytes (the key,
    /// then the two boundary marks), `out` has room for `bytes.count + 2` grams. Tests hold it
    /// to `MatchKey(text)`.
    ///
    /// Two passes, both free of data-dependent branches: the first writes the key (ASCII folded,
    /// runs of white space as one space, none at the ends) by storing every byte and advancing
    /// or not; the second hashes it and winnows its trigrams (`windowMinima`). Branching on
    /// spaces, one word in six characters, cost a misprediction per word.
    /// - Complexity: O(n).
    static func hashAndGramsASCII(_ bytes: UnsafeBufferPointer<UInt8>, key: UnsafeMutablePointer<UInt8>,
                                  into out: UnsafeMutablePointer<Int64>) -> (hash: Int64, count: Int)? {
        var any: UInt8 = 0
        var n = 0
        // 1 while the key is empty or ends with a space: a space then is not kept.
        var afterSpace: UInt8 = 1
        for b in bytes {
            any |= b
            // Tab, LF, CR and space: bits 9, 10, 13 and 32 of the mask.
            let space = UInt8(truncatingIfNeeded: b < 0x21 ? (UInt64(0x1_0000_2600) &>> UInt64(b)) & 1 : 0)
            let upper = UInt8(truncatingIfNeeded: unsafeBitCast(b &- 0x41 < 26, to: UInt8.self))
            key[n] = space != 0 ? 0x20 : b | upper << 5
            n &+= Int(1 &- (space & afterSpace))
            afterSpace = space
        }
        if any >= 0x80 { return nil }
        if n > 0 && key[n - 1] == 0x20 { n -= 1 }
        let prime3: UInt64 = 0x100_0000_01b3 &* 0x100_0000_01b3 &* 0x100_0000_01b3
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        if n == 0 { return (Int64(bitPattern: h), 0) }
        // The two boundary marks after the text.
        key[n] = 0
        key[n + 1] = 0
        var gram: Int64 = 0
        let count = Self.windowMinima(count: n + 2, into: out) { i in
            let c = key[i]
            if i < n { h = (h ^ UInt64(c)) &* prime3 }
            gram = (gram << 21 | Int64(c)) & Int64.max
            return gram
        }
        return (Int64(bitPattern: h), count)
    }

    /// `indexGrams(into:)` of a key's scalars.
    @inline(__always)
    static func indexGrams(_ s: UnsafeBufferPointer<UInt32>, into out: UnsafeMutablePointer<Int64>) -> Int {
        let n = s.count
        if n == 0 { return 0 }
        // The padded trigram ending at position i, rolled from the one before (boundary marks
        // are 0 before and after the text).
        var previous: Int64 = 0
        return Self.windowMinima(count: n + 2, into: out) { i in
            let c: Int64 = i < n ? Int64(s[i]) : 0
            previous = (previous << 21 | c) & Int64.max
            return previous
        }
    }

    /// Trigrams that the index holds for every text containing this key as a phrase: the
    /// smallest of each window lying wholly inside the phrase's own (unpadded) trigrams, which
    /// such a text keeps whatever surrounds the phrase. Empty when the phrase is shorter than
    /// `window + 2` characters (a search then scans the text instead).
    public var phraseGrams: [Int64] {
        let n = scalars.count
        guard n >= Self.window + 2 else { return [] }
        let grams = [Int64](unsafeUninitializedCapacity: n) { buffer, count in
            count = scalars.withUnsafeBufferPointer { s in
                Self.windowMinima(count: n - 2, into: buffer.baseAddress!) { i in
                    Int64(s[i]) << 42 | Int64(s[i + 1]) << 21 | Int64(s[i + 2])
                }
            }
        }
        return Self.sortedUnique(grams)
    }

    /// The order in which the windows pick trigrams: the gram times an odd constant, a bijection
    /// (no two grams tie) whose high bits, which decide the order, depend on every bit of the
    /// gram; unlike the gram itself it does not favour rare letters or low code points. (Not the
    /// constant `PostingBuilder` hashes with: the picked grams would crowd its low slots.)
    @inline(__always)
    static func rank(_ gram: Int64) -> UInt64 {
        UInt64(bitPattern: gram) &* 0xD6E8_FEB8_6659_FD93
    }

    /// The gram of a rank: the constant's inverse modulo 2⁶⁴ (`rank` is a bijection), so the
    /// window loop carries ranks only.
    @inline(__always)
    static func gram(ofRank rank: UInt64) -> Int64 {
        Int64(bitPattern: rank &* 0xCFEE_444D_8B59_A89B)
    }

    /// Writes the smallest-ranked gram of each window of `window` consecutive grams (of all of
    /// them when there are fewer) to `out` (room for `count`), once when neighbouring windows
    /// pick the same gram; returns how many. `gram(i)` gives gram i, 0 ≤ i < count.
    ///
    /// Unrolled for a window of 4 and free of data-dependent branches (the pick is stored
    /// always and kept by advancing the count or not): which gram is smallest is a coin toss for
    /// the branch predictor, and this runs for every character of every unit imported. Only
    /// ranks are carried from window to window (a gram is its rank times the inverse
    /// constant): few enough values to stay in registers.
    @inline(__always)
    static func windowMinima(count: Int, into out: UnsafeMutablePointer<Int64>, gram: (Int) -> Int64) -> Int {
        if count < window {
            // One window, shorter than the rest. (`gram` may be called once per index only:
            // it can roll a state from gram to gram.)
            guard count > 0 else { return 0 }
            var best = rank(gram(0))
            for i in 1..<count { best = min(best, rank(gram(i))) }
            out[0] = Self.gram(ofRank: best)
            return 1
        }
        var r0 = rank(gram(0)), r1 = rank(gram(1)), r2 = rank(gram(2))
        var r3 = rank(gram(3))
        var last = min(min(r0, r1), min(r2, r3))
        out[0] = Self.gram(ofRank: last)
        var n = 1
        var i = 4
        while i < count {
            (r0, r1, r2) = (r1, r2, r3)
            r3 = rank(gram(i))
            let pick = min(min(r0, r1), min(r2, r3))
            out[n] = Self.gram(ofRank: pick)
            // Bool to 0 or 1 without a branch.
            n &+= Int(unsafeBitCast(pick != last, to: UInt8.self))
            last = pick
            i &+= 1
        }
        return n
    }

    static func sortedUnique(_ values: [Int64]) -> [Int64] {
        var values = values
        values.sort()
        var unique = 0
        for i in 0..<values.count where i == 0 || values[i] != values[i - 1] {
            values[unique] = values[i]
            unique += 1
        }
        values.removeLast(values.count - unique)
        return values
    }
}

/// Stable 64-bit hashing (FNV-1a) for duplicate detection.
public enum StableHash {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Adds one part (its bytes, then a separator) to `h`: `fnv1a` of several parts is these
    /// calls one after the other from `basis`.
    @inline(__always)
    static func add(_ bytes: UnsafeBufferPointer<UInt8>, to h: inout UInt64) {
        var x = h
        for b in bytes {
            x ^= UInt64(b)
            x &*= 0x100_0000_01b3
        }
        x ^= 0xFF  // a separator no UTF-8 text contains
        x &*= 0x100_0000_01b3
        h = x
    }

    /// - Complexity: O(total UTF-8 bytes); one pass over each part's contiguous UTF-8.
    public static func fnv1a(_ parts: [String]) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for var part in parts {
            part.withUTF8 { bytes in
                for b in bytes {
                    h ^= UInt64(b)
                    h &*= 0x100_0000_01b3
                }
            }
            h ^= 0xFF  // a separator no UTF-8 text contains
            h &*= 0x100_0000_01b3
        }
        return Int64(bitPattern: h)
    }
}
