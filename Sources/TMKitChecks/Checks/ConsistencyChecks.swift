import TMKitText

/// Finds translations that disagree across a document or memory: the same source segment
/// translated in different ways, and different source segments given the same translation.
///
/// Texts are compared after normalization (NFC, white space folded, case folded, final
/// punctuation and quotes at the ends dropped), so "Yes." and "Yes" are one source.
public struct ConsistencyChecks: Check {
    public static let descriptors = [
        CheckDescriptor("consistency.source", .warning, "the same source segment is translated differently elsewhere"),
        CheckDescriptor("consistency.target", .warning, "different source segments share the same translation"),
    ]

    public var scope: CheckScope { .run }

    /// Short segments ("Yes.", "Thank you.") legitimately share translations: a target needs this
    /// many words before `consistency.target` looks at it.
    static let minimumTargetWords = 4

    public init(context: CheckContext) {}

    public func run(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) {
        runInPhases(pairs, into: &sink)
    }

    /// The keys of one pair: hashes of its normalized source and target, and the target's words.
    typealias PairKeys = (source: UInt64, target: UInt64, targetWords: Int)

    /// Normalizes and hashes each pair's texts (ICU: the costly part, independent per pair).
    /// Returns one `PairKeys` per pair of the chunk, zeros for pairs the checks skip.
    public func prepare(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) -> any Sendable {
        let bySource = sink.isEnabled("consistency.source")
        let byTarget = sink.isEnabled("consistency.target")
        guard bySource || byTarget else { return [PairKeys]() }
        return pairs.map { pair -> PairKeys in
            guard pair.link == .pair, !pair.source.isEmpty, !pair.target.isEmpty else { return (0, 0, 0) }
            let source = Self.key(pair.source)
            let target = Self.key(pair.target)
            guard source != 0, target != 0 else { return (0, 0, 0) }
            return (source, target, byTarget ? Words.count(pair.target) : 0)
        }
    }

    /// Finds sources translated in two ways and translations shared by two sources.
    public func judge(_ pairs: ArraySlice<SegmentPair>, prepared: [any Sendable], into sink: inout FindingSink) {
        let bySource = sink.isEnabled("consistency.source")
        let byTarget = sink.isEnabled("consistency.target")
        guard bySource || byTarget else { return }
        // First pair seen for each normalized source / target (by a 64-bit hash of the normalized
        // text: hashing bytes is far cheaper than Swift's canonical-equivalence string hashing, and
        // the texts are already NFC), and the translations already reported. Pairs are kept by
        // position: copying a pair into a table retains each of its strings and arrays.
        var firstBySource: [UInt64: (pair: Int, target: UInt64)] = [:]
        var firstByTarget: [UInt64: (pair: Int, source: UInt64)] = [:]
        firstBySource.reserveCapacity(pairs.count)
        if byTarget { firstByTarget.reserveCapacity(pairs.count) }
        var reported = Set<UInt64>()
        let pairs = Array(pairs)
        // `prepare` returns [PairKeys] for every chunk: anything else is a bug in this file.
        let keys = prepared.flatMap { $0 as! [PairKeys] }
        for (i, key) in keys.enumerated() where key.source != 0 {
            let (source, target) = (key.source, key.target)
            if bySource {
                if let first = firstBySource[source] {
                    if first.target != target, reported.insert(Self.hash(pair: 1, source, target)).inserted {
                        let earlier = pairs[first.pair]
                        sink.report("consistency.source", pairs[i],
                                    "this source is translated differently \(Self.place(earlier)): \"\(earlier.target)\"; use one translation",
                                    item: earlier.target, targetSpan: 0..<pairs[i].target.utf8.count)
                    }
                } else {
                    firstBySource[source] = (i, target)
                }
            }
            if byTarget, key.targetWords >= Self.minimumTargetWords {
                if let first = firstByTarget[target] {
                    if first.source != source, reported.insert(Self.hash(pair: 2, target, source)).inserted {
                        let earlier = pairs[first.pair]
                        sink.report("consistency.target", pairs[i],
                                    "the same translation is given \(Self.place(earlier)) to a different source: \"\(earlier.source)\"; check which one is right",
                                    item: earlier.source, sourceSpan: 0..<pairs[i].source.utf8.count)
                    }
                } else {
                    firstByTarget[target] = (i, source)
                }
            }
        }
    }

    /// The hash of `normalize(text)`, computed in one pass without building strings for the
    /// common case (ASCII, Hangul, punctuation); other text takes the full path. 0 for a text
    /// that normalizes to nothing.
    /// - Complexity: O(n).
    static func key(_ text: String) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var started = false
        var pendingSpace = false
        var pending: [UInt32] = []  // trim characters after the last kept one
        // Scalars decoded from the UTF-8 in place (walking `unicodeScalars` cost several times more).
        var bytesOfText = text
        return bytesOfText.withUTF8 { bytes in
            var next = 0
            while next < bytes.count {
                let (scalar, width) = UTF8Decoding.scalar(in: bytes, at: next)
                let start = next
                next += width
                var v = scalar.value
                let isTrimmed = Self.isTrimmed(v)
                if v >= 0x80 && !(v >= 0xAC00 && v <= 0xD7A3) && !isTrimmed && !(v >= 0x3000 && v <= 0x303F) {
                    // Anything that may need NFC or lower-casing: the full path.
                    if scalar.properties.changesWhenLowercased || scalar.properties.canonicalCombiningClass.rawValue != 0
                        || (v >= 0x1100 && v <= 0x11FF) || scalar.properties.isWhitespace {
                        let normalized = normalize(text)
                        return normalized.isEmpty ? 0 : self.hash(normalized)
                    }
                }
                if v == 0x20 || (v >= 0x09 && v <= 0x0D) {
                    if started { pendingSpace = true }
                    continue
                }
                if isTrimmed {
                    if started {
                        if pendingSpace { pending.append(0x20) }
                        pendingSpace = false
                        pending.append(v)
                    }
                    continue
                }
                if v >= 0x41 && v <= 0x5A { v += 0x20 }
                if started {
                    if !pending.isEmpty {
                        for p in pending { hash = feed(hash, p, prime) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    if pendingSpace { hash = feed(hash, 0x20, prime) }
                }
                pendingSpace = false
                started = true
                if v < 0x80 {
                    hash = (hash ^ UInt64(v)) &* prime
                } else {
                    // The scalar's own bytes (only ASCII is changed, by lower-casing).
                    for i in start..<next { hash = (hash ^ UInt64(bytes[i])) &* prime }
                }
            }
            guard started else { return 0 }
            return hash == 0 ? 1 : hash
        }
    }

    /// Feeds a scalar's UTF-8 bytes, so the result equals `hash(_ text:)` of the same text.
    @inline(__always)
    private static func feed(_ hash: UInt64, _ value: UInt32, _ prime: UInt64) -> UInt64 {
        var h = hash
        guard let scalar = Unicode.Scalar(value) else { return h }
        for byte in UTF8.encode(scalar)! { h = (h ^ UInt64(byte)) &* prime }
        return h
    }

    static let trimmed: Set<Unicode.Scalar> = [".", "!", "?", "。", "\"", "“", "”", "'", "‘", "’", "…"]

    /// `trimmed.contains`, without hashing (this runs for every character).
    @inline(__always)
    static func isTrimmed(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0x21, 0x3F, 0x22, 0x27, 0x3002, 0x201C, 0x201D, 0x2018, 0x2019, 0x2026: return true
        default: return false
        }
    }

    /// 64-bit FNV-1a of a text's UTF-8 (never 0, which marks "no key").
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash == 0 ? 1 : hash
    }

    static func hash(pair kind: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        (((kind &* 0x9E37_79B9_7F4A_7C15) ^ a) &* 0x0000_0100_0000_01b3) ^ (b &* 0xC2B2_AE3D_27D4_EB4F)
    }

    /// "at line 12" / "in unit 7" / "in pair 3", for messages.
    static func place(_ pair: SegmentPair) -> String {
        if let line = pair.targetLocation?.line ?? pair.sourceLocation?.line { return "at line \(line)" }
        if let id = pair.unitID { return "in unit \(id)" }
        return "in pair \(pair.index + 1)"
    }

    /// Case-folded, white space folded, with final punctuation and surrounding quotes dropped.
    static func normalize(_ text: String) -> String {
        var scalars = FindingSignature.normalize(text).unicodeScalars[...]
        while let last = scalars.last, last == " " || trimmed.contains(last) { scalars.removeLast() }
        while let first = scalars.first, first == " " || trimmed.contains(first) { scalars.removeFirst() }
        let trimmed = String(String.UnicodeScalarView(scalars))
        // Lower-casing allocates a new string: only when some letter may have case (Hangul has none).
        let mayHaveCase = trimmed.unicodeScalars.contains { c in
            let v = c.value
            return v < 0x80 ? (v >= 0x41 && v <= 0x5A) : !(v >= 0xAC00 && v <= 0xD7A3) && c.properties.changesWhenLowercased
        }
        return mayHaveCase ? trimmed.lowercased() : trimmed
    }
}
