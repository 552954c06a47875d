import TMKitText

/// One unit to check: a source segment and its translation, with where each came from.
///
/// Pairs come from an alignment (a document pair), from line-aligned files, or from a TMX/XLIFF
/// file. A segment that the alignment left without a counterpart is a pair with an empty side and
/// `link` `.sourceOnly` (1-0) or `.targetOnly` (0-1).
public struct SegmentPair: Sendable, Hashable {
    /// How the two sides were linked.
    public enum Link: String, Sendable, Hashable, Codable {
        /// A translation unit: source and target belong together (1-1, or n-m joined).
        case pair
        /// A source segment with no counterpart (an alignment bead 1-0): possibly omitted.
        case sourceOnly = "source-only"
        /// A target segment with no counterpart (a bead 0-1): possibly added.
        case targetOnly = "target-only"
    }

    /// 0-based position in the run (document order).
    public var index: Int
    public var source: String
    public var target: String
    public var sourceLocation: SourceLocation?
    public var targetLocation: SourceLocation?
    public var link: Link
    /// The alignment score of the bead, when the pair came from an aligner (0...1).
    public var score: Double?
    /// The unit's id in its file (XLIFF `unit`/`trans-unit` id, TMX `tuid`), when it has one.
    public var unitID: String?
    /// When a side joins several segments (an n-m bead): where each starts in the text and where
    /// it is in its file. Empty for a single segment.
    public var sourceParts: [SegmentPart] = []
    public var targetParts: [SegmentPart] = []

    public init(index: Int, source: String, target: String, sourceLocation: SourceLocation? = nil,
                targetLocation: SourceLocation? = nil, link: Link = .pair, score: Double? = nil, unitID: String? = nil) {
        self.index = index
        self.source = source
        self.target = target
        self.sourceLocation = sourceLocation
        self.targetLocation = targetLocation
        self.link = link
        self.score = score
        self.unitID = unitID
    }
}

/// One segment of a side that joins several: its UTF-8 range in the joined text and its place.
public struct SegmentPart: Sendable, Hashable {
    public var range: Range<Int>
    public var location: SourceLocation

    public init(range: Range<Int>, location: SourceLocation) {
        self.range = range
        self.location = location
    }
}

extension Array where Element == SegmentPart {
    /// The part holding a UTF-8 offset of the joined text, with the offset made relative to it.
    func part(containing offset: Int) -> (part: SegmentPart, offset: Int)? {
        guard let part = last(where: { $0.range.lowerBound <= offset }) else { return nil }
        return (part, offset - part.range.lowerBound)
    }
}

/// What a check run looks at: the pairs and the two languages.
public struct CheckInput: Sendable {
    public var pairs: [SegmentPair]
    public var sourceLanguage: LanguageTag
    public var targetLanguage: LanguageTag
    /// The names of the two sides for reports (file paths, or one path for a bilingual file).
    public var sourceName: String
    public var targetName: String

    public init(pairs: [SegmentPair], sourceLanguage: LanguageTag, targetLanguage: LanguageTag,
                sourceName: String, targetName: String) {
        self.pairs = pairs
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.sourceName = sourceName
        self.targetName = targetName
    }
}
