import TMKitText

/// What a check reports: which check, how serious, what to do, and where on both sides.
public struct Finding: Sendable, Hashable {
    /// The stable check id, such as `numbers.mismatch` (see `CheckRegistry`).
    public var check: String
    public var severity: Severity
    /// What is wrong and what to do, as one sentence without a final period.
    public var message: String
    /// The texts of the two segments (either may be empty: a 1-0 or 0-1 pair, an empty target).
    public var source: String
    public var target: String
    public var sourceLocation: SourceLocation?
    public var targetLocation: SourceLocation?
    /// The part of `source` / `target` the finding is about, as UTF-8 byte offsets into the
    /// segment text (not the file), for highlighting and columns.
    public var sourceSpan: Range<Int>?
    public var targetSpan: Range<Int>?
    /// The specific thing found (a number, a term, a repeated word), part of the signature.
    public var item: String
    /// The pair's position in the run.
    public var pairIndex: Int
    /// The segments a joined side is made of (see `SegmentPair.sourceParts`).
    public var sourceParts: [SegmentPart]
    public var targetParts: [SegmentPart]
    /// A hash of the check id, the normalized segment texts and the item: the same finding on the
    /// same texts has the same signature in every run, wherever the segment moved in the file.
    public var signature: String

    public init(check: String, severity: Severity, message: String, pair: SegmentPair, item: String = "",
                sourceSpan: Range<Int>? = nil, targetSpan: Range<Int>? = nil) {
        self.check = check
        self.severity = severity
        self.message = message
        source = pair.source
        target = pair.target
        sourceLocation = pair.sourceLocation
        targetLocation = pair.targetLocation
        self.sourceSpan = sourceSpan
        self.targetSpan = targetSpan
        self.item = item
        pairIndex = pair.index
        sourceParts = pair.sourceParts
        targetParts = pair.targetParts
        signature = FindingSignature.make(check: check, source: pair.source, target: pair.target, item: item)
    }
}

extension Finding {
    /// Where a span of one side is: the segment that holds it when the side joins several (its
    /// location, text, and the span made relative to it), else the side's own.
    public func place(target: Bool) -> (location: SourceLocation?, text: String, span: Range<Int>?) {
        let (parts, location, text, span) = target ? (targetParts, targetLocation, self.target, targetSpan)
            : (sourceParts, sourceLocation, source, sourceSpan)
        guard !parts.isEmpty, let found = parts.part(containing: span?.lowerBound ?? 0) else { return (location, text, span) }
        let partText = text.utf8Slice(found.part.range)
        let relative = span.map { (found.offset)..<(found.offset + $0.count) }
        return (found.part.location, partText, relative)
    }
}

/// The stable signature of a finding, for ignore lists that survive edits elsewhere in a file.
///
/// 64-bit FNV-1a over a versioned, field-separated string of: check id, source and target after
/// normalization (NFC, white space runs folded to one space, trimmed), and the item. Line numbers
/// and file names are deliberately left out, so inserting a paragraph above does not change it;
/// editing the segment itself does, which is what a reviewer wants (the old "this is fine" no
/// longer applies). Swift's `Hasher` is seeded per process, so it cannot be used here.
public enum FindingSignature {
    /// 16 lowercase hex digits.
    /// - Complexity: O(n) in the texts' length.
    public static func make(check: String, source: String, target: String, item: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x1F
            hash = hash &* 0x0000_0100_0000_01b3
        }
        feed("tmkit-finding-1")
        feed(check)
        feed(normalize(source))
        feed(normalize(target))
        feed(item)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// NFC with white space runs folded to one space and the ends trimmed.
    static func normalize(_ text: String) -> String {
        foldWhiteSpace(text.utf8.allSatisfy { $0 < 0x80 } ? text : text.nfc)
    }

    /// White space runs folded to one space, the ends trimmed.
    /// - Complexity: O(n).
    static func foldWhiteSpace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let isSpace = v < 0x80 ? (v == 0x20 || (v >= 0x09 && v <= 0x0D)) : (v >= 0xAC00 && v <= 0xD7A3) ? false : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}
