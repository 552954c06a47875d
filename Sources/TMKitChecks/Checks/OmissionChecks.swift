import TMKitText

/// Finds what the translation left out or added: source sentences the alignment found no
/// counterpart for (1-0 beads), target sentences without a source (0-1), and translations far
/// shorter than their source leads one to expect (part of the sentence left out).
public struct OmissionChecks: Check {
    public static let descriptors = [
        CheckDescriptor("omission.missing", .error, "a source sentence with no counterpart in the translation (a 1-0 bead)"),
        CheckDescriptor("omission.short", .warning, "the translation is far shorter than its source leads one to expect"),
        CheckDescriptor("addition.extra", .warning, "a sentence in the translation with no counterpart in the source (a 0-1 bead)"),
    ]

    public var scope: CheckScope { .pair }
    let length: LengthExpectation?
    /// Below this alignment confidence a bead that joins sentences on the target side only is
    /// reported as a possible addition.
    static let uncertainJoin = 0.6

    public init(context: CheckContext) {
        length = LengthExpectation(context: context)
    }

    public func run(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) {
        for pair in pairs {
            switch pair.link {
            case .sourceOnly:
                guard Words.contentLength(pair.source) > 0 else { continue }
                sink.report("omission.missing", pair,
                            "this source sentence has no translation: translate it (or, if it was left out on purpose, add the finding to the ignore list)",
                            sourceSpan: 0..<pair.source.utf8.count)
            case .targetOnly:
                guard Words.contentLength(pair.target) > 0 else { continue }
                sink.report("addition.extra", pair,
                            "this sentence of the translation has no counterpart in the source: check that it belongs here",
                            targetSpan: 0..<pair.target.utf8.count)
            case .pair:
                // The aligner joined more target sentences than source ones and is unsure of it: the
                // last may have no counterpart (an addition the alignment absorbed).
                if let score = pair.score, score < Self.uncertainJoin, pair.targetParts.count > max(pair.sourceParts.count, 1),
                   let last = pair.targetParts.last {
                    sink.report("addition.extra", pair,
                                "this sentence may have no counterpart in the source (the alignment joined it to the one before, \(Int(score * 100))% sure): check that it belongs here",
                                item: "joined", targetSpan: last.range)
                }
                guard sink.isEnabled("omission.short"), let length, !pair.target.isEmpty, let ratio = length.ratio(pair),
                      ratio < length.bounds.low else { continue }
                sink.report("omission.short", pair,
                            "the translation is \(LengthExpectation.percent(ratio / length.bounds.expected)) of the usual length for this source: check for a left-out clause")
            }
        }
    }
}
