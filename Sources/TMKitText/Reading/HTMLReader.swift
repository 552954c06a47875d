import Foundation

/// Reads HTML into paragraphs with libxml2's HTML parser (forgiving, as browsers are), walking
/// the parsed tree.
///
/// What becomes a paragraph, and of which kind:
/// - `h1`–`h6` → `.heading`; `li`, `dt`, `dd` → `.listItem`; `td`, `th` → `.tableCell`;
///   `blockquote` → `.quote`; `figcaption`, `caption` → `.caption`;
/// - `p` → `.paragraph`, or the kind of the block it stands in (`<li><p>` is a list item);
/// - text standing loose in `body`, `div`, `section`, `article`, `main` and other containers,
///   between their blocks, is a paragraph of its own, so no text is lost.
///
/// Dropped with their content: `head` (the `<title>` too: it is metadata and usually repeats the
/// first heading), `script`, `style`, `noscript`, `template`, `svg`, `math`, `iframe`, `object`,
/// `canvas`, `audio`, `video`, `textarea`, `select`, `nav`, `footer`, page-level `header` (a
/// `header` inside `article`, `section` or `main` holds the article's title and is kept), and
/// `pre`: in the reports TMKit reads, preformatted text is code, ASCII tables or data, where
/// sentence segmentation makes no sense — as the Markdown reader drops code blocks.
///
/// Inline elements (`a`, `em`, `span`, `b`, `code`, ...) keep their text; `br` is a space; `img`
/// adds nothing (its `alt` is an attribute, and splicing it into the sentence would break it).
/// libxml2 decodes character references; white space is collapsed.
///
/// Encoding: a UTF-8 or UTF-16 byte order mark decides; otherwise valid UTF-8 is read as UTF-8,
/// and other bytes are converted (by ICU) from the charset the document declares in
/// `<meta charset>` or `<meta http-equiv="Content-Type">` (EUC-KR and friends are read as
/// windows-949, Latin-1 as windows-1252, as browsers do). Bytes that fit neither are an error
/// with their byte offset, or U+FFFD with `lossy`.
///
/// Locations: `line` is the line of the block's start tag (`p`, `h1`, `li`, `td`, ...); for
/// text loose in a container (`div`, `section`, `body`, ...), the line where the text starts (libxml2 reports where a text node's first chunk ends, which this corrects for
/// the line breaks in the text; a character reference before a line break makes it early).
/// `byteRange` covers whole lines: from the start of the block's first line to the end (before
/// the line break) of the line where its text ends, in the UTF-8 of the decoded document — the
/// lines may hold markup and other blocks that share them.
public enum HTMLReader {
    /// Reads an HTML document.
    /// - Throws: `TMKitError` for an empty, binary or undecodable document (with the byte offset
    ///   of the first bad byte unless `lossy`), or when libxml2 cannot parse it at all.
    /// - Complexity: O(n) in the size of the document.
    public static func read(bytes: [UInt8], path: String, lossy: Bool) throws -> Document {
        let decoded = try decode(bytes, path: path, lossy: lossy)
        let utf8 = Array(decoded.text.utf8)
        let reader = try XMLReader(html: utf8, name: path, encoding: "UTF-8")
        var walker = HTMLBlockWalker()
        try walker.walk(reader)
        let lines = LineTable(utf8)
        let paragraphs = walker.blocks.enumerated().map { index, block in
            Paragraph(text: block.text, kind: block.kind,
                      location: SourceLocation(file: path, line: block.line, byteRange: lines.range(from: block.line, through: block.lastLine)),
                      index: index)
        }
        return Document(path: path, format: .html, paragraphs: paragraphs, warnings: decoded.warning.map { [$0] } ?? [])
    }
}

/// Start offsets of the lines of a UTF-8 text.
struct LineTable {
    private let utf8: [UInt8]
    private var starts: [Int] = [0]

    init(_ utf8: [UInt8]) {
        self.utf8 = utf8
        for (i, b) in utf8.enumerated() where b == 0x0A { starts.append(i + 1) }
    }

    /// From the start of line `first` to the end of line `last` (1-based; the line break, CRLF
    /// included, left out). Lines past the end are clamped to the last line.
    func range(from first: Int, through last: Int) -> Range<Int> {
        let firstIndex = min(max(first, 1), starts.count) - 1
        let lastIndex = min(max(last, first, 1), starts.count) - 1
        var end = lastIndex + 1 < starts.count ? starts[lastIndex + 1] - 1 : utf8.count
        if end > starts[lastIndex] && utf8[end - 1] == 0x0D { end -= 1 }
        return starts[firstIndex]..<max(starts[firstIndex], end)
    }
}

/// Walks libxml2's HTML tree and gathers block texts.
struct HTMLBlockWalker {
    struct Block {
        var text: String
        var kind: BlockKind
        var line: Int
        var lastLine: Int
    }

    private(set) var blocks: [Block] = []

    private struct Frame {
        var name: String
        var isBlock: Bool
        var kind: BlockKind
    }

    /// Elements whose content is not prose.
    static let dropped: Set<String> = [
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "audio", "video",
        "textarea", "select", "nav", "footer", "pre",
    ]

    /// Elements that start and end a block of text.
    static let blocksWithKind: [String: BlockKind] = [
        "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading, "h6": .heading,
        "li": .listItem, "dt": .listItem, "dd": .listItem, "td": .tableCell, "th": .tableCell, "blockquote": .quote,
        "figcaption": .caption, "caption": .caption,
    ]
    /// Block elements that take the kind of the block they stand in.
    static let plainBlocks: Set<String> = [
        "p", "div", "section", "article", "main", "aside", "body", "html", "header", "hgroup", "ul", "ol", "dl", "menu",
        "table", "thead", "tbody", "tfoot", "tr", "figure", "address", "details", "summary", "fieldset", "legend", "form",
        "hr", "center", "dialog", "search",
    ]

    private var frames: [Frame] = []
    private var text: [UInt8] = []
    /// The line of the open block's first line (nil: set by the first text).
    private var line: Int?
    private var lastLine = 1
    private var lastElementLine = 1

    mutating func walk(_ reader: XMLReader) throws {
        var skipDepth: Int?
        while try reader.read() {
            let type = reader.nodeType
            if let depth = skipDepth {
                if type == .endElement && reader.depth == depth { skipDepth = nil }
                continue
            }
            switch type {
            case .element:
                let name = reader.localName.lowercased()
                let isEmpty = reader.isEmptyElement
                let elementLine = max(reader.line, 1)
                lastElementLine = max(lastElementLine, elementLine)
                if isDropped(name) {
                    if !isEmpty { skipDepth = reader.depth }
                    continue
                }
                if name == "br" {
                    text.append(0x20)
                    continue
                }
                let kind = Self.blocksWithKind[name]
                if kind != nil || Self.plainBlocks.contains(name) {
                    flush()
                    if isEmpty { continue }
                    frames.append(Frame(name: name, isBlock: true, kind: kind ?? currentKind))
                    // A text block starts at its tag; a container's loose text where the text is.
                    line = kind != nil || name == "p" ? elementLine : nil
                    lastLine = elementLine
                } else if !isEmpty {
                    frames.append(Frame(name: name, isBlock: false, kind: currentKind))
                }
            case .endElement:
                guard let frame = frames.popLast() else { continue }
                if frame.isBlock {
                    flush(kind: frame.kind)
                    line = nil  // loose text after it takes its own line
                }
            case .text, .cdata, .whitespace, .significantWhitespace:
                append(reader.value, nodeLine: reader.line)
            default:
                break
            }
        }
        flush()
    }

    private var currentKind: BlockKind {
        frames.last(where: \.isBlock)?.kind ?? .paragraph
    }

    private func isDropped(_ name: String) -> Bool {
        if Self.dropped.contains(name) { return true }
        if name == "header" {
            // A page header is navigation; an article's header holds its title.
            return !frames.contains { $0.name == "article" || $0.name == "section" || $0.name == "main" }
        }
        return false
    }

    private mutating func append(_ value: String, nodeLine: Int) {
        let utf8 = value.utf8
        if line == nil, let first = utf8.firstIndex(where: { !MarkdownSyntax.isWhitespace($0) }) {
            // libxml2 gives the line where the text node's first chunk ends: count back the line
            // breaks after the first character.
            let breaks = utf8[first...].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            line = max(lastElementLine, nodeLine - breaks, 1)
        }
        lastLine = max(lastLine, nodeLine)
        text += utf8
    }

    private mutating func flush(kind: BlockKind? = nil) {
        defer {
            text.removeAll(keepingCapacity: true)
        }
        guard let collapsed = Self.collapsed(text) else { return }
        let first = line ?? lastLine
        blocks.append(Block(text: collapsed, kind: kind ?? currentKind, line: first, lastLine: max(first, lastLine)))
        line = nil
    }

    /// White space runs as one space, trimmed (no-break spaces inside are kept; at the ends they
    /// go too); nil when nothing is left.
    static func collapsed(_ bytes: [UInt8]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if MarkdownSyntax.isWhitespace(b) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(b)
        }
        guard !out.isEmpty else { return nil }
        let string = String(decoding: out, as: UTF8.self)
        let scalars = string.unicodeScalars
        guard scalars.contains(where: { !$0.properties.isWhitespace }) else { return nil }
        if scalars.first!.properties.isWhitespace || scalars.last!.properties.isWhitespace {
            return string.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return string
    }
}
