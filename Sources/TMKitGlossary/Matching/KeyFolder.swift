import TMKitText

/// Folds the UTF-8 bytes of a word into its matching key: lower case, NFC, compatibility forms
/// and accents folded away (ŏ → o, Ｕ → u), apostrophes and in-word periods dropped (Han'guk →
/// hanguk, U.N → un). Records, for every key byte, where its character started in the text, so a
/// match in the key maps back to exact text offsets.
///
/// ASCII and precomposed Hangul take a fast path (`foldSimple`); other characters go through ICU
/// once each and are cached (`foldCluster`). Not thread-safe (the cache): each scanner has its own.
struct KeyFolder {
    private var cache: [String: [UInt8]] = [:]

    /// Folds `bytes[i..<range.upperBound]` (the rest of a word) into `key` and `origins` from
    /// `written` on, through pointers: ASCII and precomposed Hangul fold to at most as many bytes
    /// as they have, so the caller only makes room for the word's length. Stops at a character
    /// that needs ICU (see `foldCluster(_:at:end:)`) and returns its position; nil when the word
    /// is done.
    /// - Complexity: O(n) in the word's length.
    @inline(__always)
    static func foldSimple(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, from i: inout Int, key: UnsafeMutablePointer<UInt8>,
        origins: UnsafeMutablePointer<Int32>, written: inout Int
    ) -> Int? {
        let end = range.upperBound
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x27 {
                    i += 1
                    continue
                }
                if b == 0x2E {
                    // A period inside a word (U.N, e.g) goes; one between digits (3.5) stays.
                    let digitBefore = i > range.lowerBound && (0x30...0x39).contains(bytes[i - 1])
                    let digitAfter = i + 1 < end && (0x30...0x39).contains(bytes[i + 1])
                    if !(digitBefore && digitAfter) {
                        i += 1
                        continue
                    }
                }
                key[written] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                origins[written] = Int32(i)
                written += 1
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            let scalar = decode(bytes, at: i, length: length)
            // Precomposed Hangul not followed by a conjoining jamo is already NFC and has no case.
            if (0xAC00...0xD7A3).contains(scalar) && !isConjoiningAt(bytes, i + length, end) {
                key[written] = bytes[i]
                key[written + 1] = bytes[i + 1]
                key[written + 2] = bytes[i + 2]
                origins[written] = Int32(i)
                origins[written + 1] = Int32(i)
                origins[written + 2] = Int32(i)
                written += 3
                i += 3
                continue
            }
            if scalar == 0x2019 || scalar == 0x2018 || scalar == 0x02BC {
                i += length
                continue
            }
            return i
        }
        return nil
    }

    /// The key of the character at `i` and the combining marks or conjoining jamo after it (up
    /// to `end`), and where they end: NFKC case folding without accents, through ICU once per
    /// distinct cluster.
    mutating func foldCluster(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (key: [UInt8], end: Int) {
        let b = bytes[i]
        var clusterEnd = i + (b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2)
        while clusterEnd < end {
            let b2 = bytes[clusterEnd]
            if b2 < 0x80 { break }
            let l2 = b2 >= 0xF0 ? 4 : b2 >= 0xE0 ? 3 : 2
            let s2 = Self.decode(bytes, at: clusterEnd, length: l2)
            guard let u = Unicode.Scalar(s2), u.properties.generalCategory.isMark || (0x1160...0x11FF).contains(s2) else { break }
            clusterEnd += l2
        }
        let cluster = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<clusterEnd]), as: UTF8.self)
        return (foldCluster(cluster), clusterEnd)
    }

    private mutating func foldCluster(_ cluster: String) -> [UInt8] {
        if let cached = cache[cluster] { return cached }
        var text = (try? cluster.normalized(.nfkcCasefold)) ?? cluster.lowercased()
        if text.unicodeScalars.contains(where: { $0.value >= 0x80 && !(0xAC00...0xD7A3).contains($0.value) }) {
            // Drop accents: decompose, remove nonspacing marks, recompose (Hangul recomposes too).
            let decomposed = (try? text.normalized(.nfd)) ?? text
            var kept = String.UnicodeScalarView()
            for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
                kept.append(scalar)
            }
            text = String(kept).nfc
        }
        let bytes = Array(text.utf8).filter { $0 != 0x27 }
        cache[cluster] = bytes
        return bytes
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> UInt32 {
        switch length {
        case 2: return UInt32(bytes[i] & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        case 3: return UInt32(bytes[i] & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        default:
            return UInt32(bytes[i] & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                | UInt32(bytes[i + 3] & 0x3F)
        }
    }

    /// Whether a conjoining vowel or final jamo (U+1160–11FF) starts at `i`.
    @inline(__always)
    static func isConjoiningAt(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        guard i + 3 <= end, bytes[i] == 0xE1 else { return false }
        let s = decode(bytes, at: i, length: 3)
        return (0x1160...0x11FF).contains(s)
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}
