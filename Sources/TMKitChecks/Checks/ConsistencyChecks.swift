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
        let bySource = sink.isEnabled("consistency.source")
        let byTarget = sink.isEnabled("consistency.target")
        guard bySource || byTarget else { return }
        // First pair seen for each normalized source / target, and the translations already reported.
        var firstBySource: [String: (pair: SegmentPair, target: String)] = [:]
        var firstByTarget: [String: (pair: SegmentPair, source: String)] = [:]
        var reported = Set<String>()
        for pair in pairs where pair.link == .pair && !pair.source.isEmpty && !pair.target.isEmpty {
            let source = Self.normalize(pair.source)
            let target = Self.normalize(pair.target)
            guard !source.isEmpty, !target.isEmpty else { continue }
            if bySource {
                if let first = firstBySource[source] {
                    if first.target != target, reported.insert("s\u{1F}" + source + "\u{1F}" + target).inserted {
                        sink.report("consistency.source", pair,
                                    "this source is translated differently \(Self.place(first.pair)): \"\(first.pair.target)\"; use one translation",
                                    item: first.pair.target, targetSpan: 0..<pair.target.utf8.count)
                    }
                } else {
                    firstBySource[source] = (pair, target)
                }
            }
            if byTarget, Words.split(pair.target).count >= Self.minimumTargetWords {
                if let first = firstByTarget[target] {
                    if first.source != source, reported.insert("t\u{1F}" + target + "\u{1F}" + source).inserted {
                        sink.report("consistency.target", pair,
                                    "the same translation is given \(Self.place(first.pair)) to a different source: \"\(first.pair.source)\"; check which one is right",
                                    item: first.pair.source, sourceSpan: 0..<pair.source.utf8.count)
                    }
                } else {
                    firstByTarget[target] = (pair, source)
                }
            }
        }
    }

    /// "at line 12" / "in unit 7" / "in pair 3", for messages.
    static func place(_ pair: SegmentPair) -> String {
        if let line = pair.targetLocation?.line ?? pair.sourceLocation?.line { return "at line \(line)" }
        if let id = pair.unitID { return "in unit \(id)" }
        return "in pair \(pair.index + 1)"
    }

    /// Case-folded, white space folded, with final punctuation and surrounding quotes dropped.
    static func normalize(_ text: String) -> String {
        var folded = FindingSignature.normalize(text).lowercased()
        let trim: Set<Character> = [".", "!", "?", "。", "\"", "“", "”", "'", "‘", "’", " ", "…"]
        while let last = folded.last, trim.contains(last) { folded.removeLast() }
        while let first = folded.first, trim.contains(first) { folded.removeFirst() }
        return folded
    }
}
