import TMKitText

/// A sentence (or paragraph) to align, with where it came from.
public struct AlignmentUnit: Sendable, Hashable {
    public var text: String
    /// Where the text is in its file, when known.
    public var location: SourceLocation?
    /// The 0-based paragraph the unit belongs to (for two-level alignment and for output).
    public var paragraph: Int
    /// A heading (as the reader found it: a Markdown or HTML heading, a short line standing alone):
    /// it translates as a heading and does not merge with the text around it.
    public var isHeading: Bool

    public init(text: String, location: SourceLocation? = nil, paragraph: Int = 0, isHeading: Bool = false) {
        self.text = text
        self.location = location
        self.paragraph = paragraph
        self.isHeading = isHeading
    }

    /// A unit from a segment the segmenter produced, in a paragraph of the given kind.
    public init(_ segment: Segment, kind: BlockKind = .paragraph) {
        self.init(text: segment.text, location: segment.location, paragraph: segment.paragraphIndex, isHeading: kind == .heading)
    }
}
