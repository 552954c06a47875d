import TMKitText

/// The form of a segment that matching compares: NFKC, case-folded, whitespace runs collapsed to
/// one space and trimmed. Two segments that differ only in case, width or spacing have the
/// same key; the fuzzy score still tells them apart from a true exact match (99 %, not 100 %).
public struct MatchKey: Hashable, Sendable {
    /// The normalized text as Unicode scalar values.
    public let scalars: [UInt32]

    /// - Complexity: O(n).
    public init(_ text: String) {
        let folded: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            folded = text
        } else {
            folded = (try? text.normalized(.nfkcCasefold)) ?? text
        }
        var out: [UInt32] = []
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            var v = scalar.value
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || (v > 0x7F && scalar.properties.isWhitespace) {
                pendingSpace = !out.isEmpty
                continue
            }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(v)
        }
        scalars = out
    }

    /// 64-bit FNV-1a over the key's scalars: the exact-match index (stable across runs, unlike
    /// Swift's seeded `Hasher`).
    public var hash: Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in scalars {
            var x = v
            for _ in 0..<3 {
                h ^= UInt64(x & 0xFF)
                h &*= 0x100_0000_01b3
                x >>= 8
            }
        }
        return Int64(bitPattern: h)
    }

    /// The distinct character trigrams of the key, each packed exactly into 63 bits (three
    /// 21-bit scalars), with the text padded by a boundary mark at each end so that short
    /// segments and segment starts and ends have grams too.
    /// - Complexity: O(n log n) (sorted to drop repeats).
    public var paddedTrigrams: [Int64] {
        Self.trigrams(of: scalars, padded: true)
    }

    /// Calls `body` with each padded trigram, repeats included, without allocating.
    /// - Complexity: O(n).
    @inline(__always)
    public func forEachPaddedTrigram(_ body: (Int64) -> Void) {
        let n = scalars.count
        if n == 0 { return }
        scalars.withUnsafeBufferPointer { s in
            var a: Int64 = 0
            var b: Int64 = 0
            for i in 0...n {
                let c: Int64 = i < n ? Int64(s[i]) : 0
                body(a << 42 | b << 21 | c)
                a = b
                b = c
            }
            body(a << 42 | b << 21)
        }
    }

    /// The distinct trigrams inside the text, without boundary marks (for phrase search).
    public var innerTrigrams: [Int64] {
        Self.trigrams(of: scalars, padded: false)
    }

    static func trigrams(of scalars: [UInt32], padded: Bool) -> [Int64] {
        let n = scalars.count
        if n == 0 || (!padded && n < 3) { return [] }
        var grams: [Int64] = []
        grams.reserveCapacity(n + 2)
        @inline(__always) func at(_ i: Int) -> Int64 {
            // Index -1 and n are the boundary mark (0, a code point no text carries here).
            i < 0 || i >= n ? 0 : Int64(scalars[i])
        }
        let range = padded ? -2..<n : 0..<(n - 2)
        for i in range {
            grams.append(at(i) << 42 | at(i + 1) << 21 | at(i + 2))
        }
        grams.sort()
        var unique = 0
        for i in 0..<grams.count where i == 0 || grams[i] != grams[i - 1] {
            grams[unique] = grams[i]
            unique += 1
        }
        grams.removeLast(grams.count - unique)
        return grams
    }
}

/// Stable 64-bit hashing (FNV-1a) for duplicate detection.
public enum StableHash {
    public static func fnv1a(_ parts: [String]) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for b in part.utf8 {
                h ^= UInt64(b)
                h &*= 0x100_0000_01b3
            }
            h ^= 0xFF  // a separator no UTF-8 text contains
            h &*= 0x100_0000_01b3
        }
        return Int64(bitPattern: h)
    }
}
