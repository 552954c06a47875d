import TMKitText

/// A sentence (or paragraph) to align, with where it came from.
public struct AlignmentUnit: Sendable, Hashable {
    public var text: String
    /// Where the text is in its file, when known.
    public var location: SourceLocation?
    /// The 0-based paragraph the unit belongs to (for two-level alignment and for output).
    public var paragraph: Int

    public init(text: String, location: SourceLocation? = nil, paragraph: Int = 0) {
        self.text = text
        self.location = location
        self.paragraph = paragraph
    }

    /// A unit from a segment the segmenter produced.
    public init(_ segment: Segment) {
        self.init(text: segment.text, location: segment.location, paragraph: segment.paragraphIndex)
    }
}
