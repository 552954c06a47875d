/// Where a piece of text came from: the file, the 1-based line of its first character, and its
/// byte range.
///
/// Offsets throughout TMKit are UTF-8 byte offsets into the decoded text of the file (after a byte
/// order mark is removed and UTF-16 is decoded), so that they index `String.utf8` directly.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the first character.
    public var line: Int
    /// UTF-8 byte offsets into the decoded text.
    public var byteRange: Range<Int>

    public init(file: String, line: Int, byteRange: Range<Int>) {
        self.file = file
        self.line = line
        self.byteRange = byteRange
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }

    enum CodingKeys: String, CodingKey { case file, line, start, end }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decode(String.self, forKey: .file)
        line = try c.decode(Int.self, forKey: .line)
        byteRange = try c.decode(Int.self, forKey: .start)..<c.decode(Int.self, forKey: .end)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(byteRange.lowerBound, forKey: .start)
        try c.encode(byteRange.upperBound, forKey: .end)
    }
}

/// What kind of block a paragraph came from.
public enum BlockKind: String, Sendable, Codable, Hashable {
    case paragraph, heading, listItem = "list-item", quote, tableCell = "table-cell", caption, line
}

/// A block of running text: what the readers produce and the segmenter cuts into sentences.
public struct Paragraph: Sendable, Hashable {
    /// The text with markup removed and line breaks inside the block folded to spaces.
    public var text: String
    public var kind: BlockKind
    /// The block's place in its file. For readers that strip markup, the range covers the block's
    /// source, markup included.
    public var location: SourceLocation
    /// 0-based position among the document's paragraphs.
    public var index: Int
    /// True when `text` is the file's bytes at `location.byteRange` with line breaks turned into
    /// spaces (plain text): then an offset into `text` plus the range's start is a file offset.
    public var isVerbatim: Bool
    /// The offsets in `text` where a new source line starts, so a segment's line can be told
    /// exactly: for verbatim paragraphs, and for readers that know where the block's lines fall in
    /// its plain text (Markdown). Empty when one line holds the block or it is not known.
    public var lineStarts: [Int]

    public init(text: String, kind: BlockKind = .paragraph, location: SourceLocation, index: Int,
                isVerbatim: Bool = false, lineStarts: [Int] = []) {
        self.text = text
        self.kind = kind
        self.location = location
        self.index = index
        self.isVerbatim = isVerbatim
        self.lineStarts = lineStarts
    }

    /// The source line of a UTF-8 offset in `text` (the paragraph's first line when its line
    /// starts are not known).
    public func line(atOffset offset: Int) -> Int {
        guard !lineStarts.isEmpty else { return location.line }
        // Binary search: how many line starts are at or before the offset.
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return location.line + low
    }
}

/// A sentence (or heading, or other unit the segmenter produced) inside a paragraph.
public struct Segment: Sendable, Hashable {
    public var text: String
    /// 0-based index of the paragraph in its document.
    public var paragraphIndex: Int
    /// 0-based index of the segment in its paragraph.
    public var indexInParagraph: Int
    /// Where the segment is: for plain text, its exact byte range in the file; for readers that
    /// strip markup, the range is the paragraph's.
    public var location: SourceLocation

    public init(text: String, paragraphIndex: Int, indexInParagraph: Int, location: SourceLocation) {
        self.text = text
        self.paragraphIndex = paragraphIndex
        self.indexInParagraph = indexInParagraph
        self.location = location
    }
}

/// A file read into paragraphs.
public struct Document: Sendable {
    /// The path as the user gave it ("-" for standard input).
    public var path: String
    public var format: DocumentFormat
    public var paragraphs: [Paragraph]
    /// Non-fatal things the reader noticed (replaced bytes with --lossy, and the like).
    public var warnings: [String]

    public init(path: String, format: DocumentFormat, paragraphs: [Paragraph], warnings: [String] = []) {
        self.path = path
        self.format = format
        self.paragraphs = paragraphs
        self.warnings = warnings
    }

    /// All paragraph texts joined with blank lines (for language detection and statistics).
    public var plainText: String { paragraphs.map(\.text).joined(separator: "\n\n") }
}

/// The input formats the readers understand.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case text, markdown, html

    /// The format a file name suggests (`.md` → markdown, `.html`/`.htm`/`.xhtml` → html, else text).
    public static func guess(path: String) -> DocumentFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return .html }
        return .text
    }
}
