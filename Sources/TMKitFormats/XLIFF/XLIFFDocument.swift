import TMKitText

/// A bilingual XLIFF file as the checks need it: the languages and each segment's source and
/// target text, with the line it starts on. Inline codes are dropped (`<ph/>`, `<x/>`, `<sc/>`),
/// the text inside paired codes is kept (`<g>`, `<pc>`, `<mrk>`), and XLIFF 2's `<cp hex="…"/>` is
/// the character it names.
public struct XLIFFDocument: Sendable {
    public struct Segment: Sendable, Hashable {
        /// The unit's id (`trans-unit`/`unit`), with the segment's id after a slash when a unit has
        /// several (`u1/s2`).
        public var id: String
        public var source: String
        /// nil when the unit has no target yet.
        public var target: String?
        /// The line of the `<source>` element (1-based).
        public var line: Int
        /// The target's state (`translated`, `final`, `needs-translation`, …) if given.
        public var state: String?
    }

    /// `1.2`, `2.0`, `2.1`.
    public var version: String
    public var sourceLanguage: String?
    public var targetLanguage: String?
    public var segments: [Segment]
    public var path: String
}
