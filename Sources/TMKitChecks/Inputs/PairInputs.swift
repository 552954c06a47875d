import TMKitFormats
import TMKitText

/// Builds the pairs to check from the inputs `tmkit check` takes.
public enum PairInputs {
    /// Two line-aligned files: line i of the target translates line i of the source. Lines blank on
    /// both sides are skipped; a line blank on one side only is a pair with an empty side (an
    /// empty target is reported as untranslated).
    /// - Throws: `TMKitError` for unreadable files and when the files differ in line count (the
    ///   lines would not correspond: align the documents instead).
    public static func presegmented(source: TextFile, target: TextFile) throws -> [SegmentPair] {
        let sourceLines = lines(source.text)
        let targetLines = lines(target.text)
        guard sourceLines.count == targetLines.count else {
            throw TMKitError(.invalidData,
                             "the line-aligned files differ in length: \(source.path) has \(sourceLines.count) lines, \(target.path) has \(targetLines.count)",
                             hint: "with --presegmented line i must translate line i; without it the documents are aligned first", file: target.path)
        }
        var pairs: [SegmentPair] = []
        pairs.reserveCapacity(sourceLines.count)
        for (i, (s, t)) in zip(sourceLines, targetLines).enumerated() {
            let sourceText = s.text.trimmingSpaces
            let targetText = t.text.trimmingSpaces
            if sourceText.isEmpty && targetText.isEmpty { continue }
            pairs.append(SegmentPair(index: pairs.count, source: sourceText, target: targetText,
                                     sourceLocation: SourceLocation(file: source.path, line: i + 1, byteRange: s.range(trimmedTo: sourceText)),
                                     targetLocation: SourceLocation(file: target.path, line: i + 1, byteRange: t.range(trimmedTo: targetText))))
        }
        if pairs.isEmpty {
            throw TMKitError(.emptyInput, "the files have no text", hint: "give two line-aligned text files", file: source.path)
        }
        return pairs
    }

    /// The segments of a bilingual XLIFF file. A unit without a target is a pair with an empty
    /// target (reported as untranslated).
    public static func xliff(_ document: XLIFFDocument) -> [SegmentPair] {
        document.segments.enumerated().map { i, segment in
            let location = SourceLocation(file: document.path, line: segment.line, byteRange: 0..<0)
            return SegmentPair(index: i, source: segment.source.trimmingSpaces, target: (segment.target ?? "").trimmingSpaces,
                               sourceLocation: location, targetLocation: location, unitID: segment.id)
        }
    }

    /// A group of aligned segments: `source` and `target` index ranges into the two documents'
    /// segments (empty on one side for a 1-0 or 0-1 bead), with the aligner's score.
    public struct AlignedGroup: Sendable, Hashable {
        public var source: Range<Int>
        public var target: Range<Int>
        public var score: Double?

        public init(source: Range<Int>, target: Range<Int>, score: Double? = nil) {
            self.source = source
            self.target = target
            self.score = score
        }
    }

    /// Pairs from an alignment of two segmented documents. An n-m bead becomes one pair (texts
    /// joined with a space, located at its first segment); a 1-0 bead becomes a source-only pair
    /// and a 0-1 bead a target-only pair, one per segment.
    public static func aligned(source: [Segment], target: [Segment], groups: [AlignedGroup]) -> [SegmentPair] {
        var pairs: [SegmentPair] = []
        func location(_ segments: ArraySlice<Segment>) -> SourceLocation? {
            guard let first = segments.first, let last = segments.last else { return nil }
            guard first.location.file == last.location.file, last.location.byteRange.upperBound >= first.location.byteRange.lowerBound else {
                return first.location
            }
            return SourceLocation(file: first.location.file, line: first.location.line,
                                  byteRange: first.location.byteRange.lowerBound..<last.location.byteRange.upperBound)
        }
        func joined(_ segments: ArraySlice<Segment>) -> String { segments.map(\.text).joined(separator: " ") }
        func parts(_ segments: ArraySlice<Segment>) -> [SegmentPart] {
            guard segments.count > 1 else { return [] }
            var offset = 0
            return segments.map { segment in
                defer { offset += segment.text.utf8.count + 1 }
                return SegmentPart(range: offset..<(offset + segment.text.utf8.count), location: segment.location)
            }
        }
        for group in groups {
            let s = source[group.source.clamped(to: source.indices)]
            let t = target[group.target.clamped(to: target.indices)]
            if !s.isEmpty && !t.isEmpty {
                var pair = SegmentPair(index: pairs.count, source: joined(s), target: joined(t), sourceLocation: location(s),
                                       targetLocation: location(t), link: .pair, score: group.score)
                pair.sourceParts = parts(s)
                pair.targetParts = parts(t)
                pairs.append(pair)
            } else if !s.isEmpty {
                for segment in s {
                    pairs.append(SegmentPair(index: pairs.count, source: segment.text, target: "", sourceLocation: segment.location,
                                             link: .sourceOnly, score: group.score))
                }
            } else {
                for segment in t {
                    pairs.append(SegmentPair(index: pairs.count, source: "", target: segment.text, targetLocation: segment.location,
                                             link: .targetOnly, score: group.score))
                }
            }
        }
        return pairs
    }

    /// A line of a file and where it starts (UTF-8 byte offset).
    struct Line {
        var text: Substring
        var start: Int

        /// The byte range of the line's text without the surrounding white space `trimmed` lost.
        func range(trimmedTo trimmed: String) -> Range<Int> {
            guard !trimmed.isEmpty, let first = text.unicodeScalars.firstIndex(where: { !$0.properties.isWhitespace }) else {
                return start..<start
            }
            let lead = text.utf8.distance(from: text.startIndex, to: first)
            return (start + lead)..<(start + lead + trimmed.utf8.count)
        }
    }

    /// The lines of a text (LF or CR LF endings).
    /// - Complexity: O(n).
    static func lines(_ text: String) -> [Line] {
        var result: [Line] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var lineOffset = 0
        var offset = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == 0x0A {
                var end = index
                if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
                result.append(Line(text: text[start..<end], start: lineOffset))
                start = utf8.index(after: index)
                lineOffset = offset + 1
            }
            offset += 1
            index = utf8.index(after: index)
        }
        if start < utf8.endIndex { result.append(Line(text: text[start..<utf8.endIndex], start: lineOffset)) }
        return result
    }
}

private extension String {
    /// Without leading and trailing spaces, tabs and carriage returns.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

private extension Substring {
    var trimmingSpaces: String { String(self).trimmingSpaces }
}
