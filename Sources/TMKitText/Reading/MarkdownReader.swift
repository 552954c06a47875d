/// Reads Markdown into paragraphs of plain text: CommonMark blocks and inlines, with GitHub's
/// tables, strikethrough, task lists and footnotes.
///
/// What becomes a paragraph, and of which kind:
/// - ATX (`# Title`) and setext (`Title` over `===` or `---`) headings → `.heading`;
/// - paragraphs → `.paragraph` (lines joined with spaces); inside a list item → `.listItem`
///   (nested items are paragraphs of their own; continuation and lazy lines join their item);
///   inside a block quote → `.quote`; footnote definitions → `.paragraph`;
/// - GitHub tables → one `.tableCell` paragraph per non-empty cell (the delimiter row skipped).
///
/// Dropped: fenced and indented code, thematic breaks, HTML blocks, link reference definitions,
/// YAML (`---`) and TOML (`+++`) front matter at the very top.
///
/// No markup reaches the text: emphasis and strikethrough delimiters go (by CommonMark's flanking
/// rules, so `snake_case` and `2 * 3` stay as they are), code spans keep their text, links and
/// images keep their text and alt text, autolinks keep the address, inline HTML tags go,
/// backslash escapes and character references (`&amp;`, `&#44;`, `&nbsp;`) are decoded, and
/// hard line breaks become spaces. Emphasis next to CJK text follows the "CJK-friendly" flanking
/// amendment, so `**"인용"**은` loses its asterisks where plain CommonMark would keep them.
///
/// Locations: `line` is the 1-based line of the block's first line; `byteRange` covers the
/// block's source from the first non-blank byte of its first line (container markers such as
/// `>` and `-` included) to the end of its last line, without the line break. A table cell's
/// range is the cell's own text. Offsets are UTF-8 bytes into `text`.
public enum MarkdownReader {
    /// Reads Markdown text into a document.
    /// - Complexity: O(n) in the length of the text.
    public static func read(_ text: String, path: String) -> Document {
        var blocks = MarkdownBlockParser(text: text)
        blocks.parse()
        var paragraphs: [Paragraph] = []
        paragraphs.reserveCapacity(blocks.blocks.count)
        for block in blocks.blocks {
            var inline = MarkdownInlineParser(source: block.text, references: blocks.references, footnotes: blocks.footnotes)
            var text = inline.plainText()
            var lineStarts = inline.lineStarts
            if block.isItemStart {
                let full = text.utf8.count
                text = MarkdownInlineParser.removingTaskMarker(text)
                let dropped = full - text.utf8.count
                if dropped > 0 { lineStarts = lineStarts.map { max(0, $0 - dropped) } }
            }
            guard !text.isEmpty else { continue }
            paragraphs.append(Paragraph(text: text, kind: block.kind,
                                        location: SourceLocation(file: path, line: block.line, byteRange: block.range),
                                        index: paragraphs.count, lineStarts: lineStarts))
        }
        return Document(path: path, format: .markdown, paragraphs: paragraphs)
    }
}

/// A leaf block's raw inline content, before inline parsing.
struct MarkdownRawBlock {
    var kind: BlockKind
    /// The content lines, container markers and leading white space removed, joined with "\n".
    var text: [UInt8]
    var line: Int
    var range: Range<Int>
    /// A list item's first paragraph (which may open with a task marker `[ ]`).
    var isItemStart: Bool
}

/// The block pass: splits lines into containers (block quotes, list items) and leaf blocks,
/// following CommonMark's algorithm, and collects link reference and footnote labels for the
/// inline pass.
struct MarkdownBlockParser {
    private let bytes: [UInt8]
    private(set) var blocks: [MarkdownRawBlock] = []
    /// Normalized labels of link reference definitions.
    private(set) var references: Set<String> = []
    /// Labels of footnote definitions (`[^note]:`).
    private(set) var footnotes: Set<String> = []

    private enum Container: Equatable {
        case quote
        /// A list item; continuation lines need `indent` columns.
        case item(indent: Int)
    }

    private enum HTMLEnd: Equatable {
        /// A line containing this closing tag (lowercase), as `</script>`.
        case closingTag([UInt8])
        case literal([UInt8])
        case blankLine
    }

    private enum Leaf: Equatable {
        case none, paragraph, indentedCode, table
        case fence(marker: UInt8, length: Int)
        case html(HTMLEnd)
    }

    /// A position in a line, with tab stops every 4 columns. `virtual` counts columns of a tab
    /// that a container prefix consumed only in part.
    private struct Cursor {
        var pos: Int
        var column: Int
        var virtual = 0
    }

    private struct Line {
        /// The first non-blank byte of the physical line (start of the block's range).
        var lead: Int
        /// The content: after container markers and leading white space.
        var start: Int
        var end: Int
        var number: Int
    }

    private var containers: [Container] = []
    private var leaf = Leaf.none
    private var paragraphLines: [Line] = []
    private var paragraphKind = BlockKind.paragraph
    private var paragraphIsItemStart = false

    init(text: String) {
        bytes = Array(text.utf8)
    }

    mutating func parse() {
        var start = 0
        var number = 1
        if let after = frontMatterEnd() {
            start = after.offset
            number = after.line
        }
        let count = bytes.count
        while start < count {
            var lineEnd = start
            while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > start && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            processLine(start, contentEnd, number)
            start = lineEnd + 1
            number += 1
        }
        closeLeaf()
    }

    // MARK: - Lines

    private mutating func processLine(_ start: Int, _ end: Int, _ number: Int) {
        var cursor = Cursor(pos: start, column: 0)
        var lead = start
        while lead < end && isSpaceOrTab(bytes[lead]) { lead += 1 }

        // 1. Which open containers does this line continue?
        var matched = 0
        matching: for container in containers {
            switch container {
            case .quote:
                let (columns, after) = whitespace(cursor, end)
                guard columns <= 3, after.pos < end, bytes[after.pos] == UInt8(ascii: ">") else { break matching }
                cursor = after
                cursor.pos += 1
                cursor.column += 1
                consumeOptionalSpace(&cursor, end)
            case .item(let indent):
                let (columns, after) = whitespace(cursor, end)
                if after.pos >= end {
                    cursor = after  // a blank line stays in the item
                } else {
                    guard columns >= indent else { break matching }
                    advance(&cursor, columns: indent, end)
                }
            }
            matched += 1
        }
        let allMatched = matched == containers.count

        // 2. Leaves that swallow lines whole: code and HTML.
        switch leaf {
        case .fence(let marker, let length):
            if allMatched {
                if isClosingFence(cursor, end, marker: marker, length: length) { leaf = .none }
                return
            }
            leaf = .none
        case .html(let endCondition):
            if allMatched {
                if htmlBlockEnds(endCondition, cursor.pos, end) { leaf = .none }
                return
            }
            leaf = .none
        case .indentedCode:
            if allMatched {
                let (columns, after) = whitespace(cursor, end)
                if after.pos >= end || columns >= 4 { return }
            }
            leaf = .none
        default:
            break
        }

        // 3. New containers and the start of a new leaf.
        enum Start {
            case heading(Range<Int>), fence(UInt8, Int), html(HTMLEnd, Int), setext, table(Int)
            case thematicBreak, indentedCode, footnote(Int)
        }
        var newContainers: [Container] = []
        var start: Start?
        var pushedItem = false
        let paragraphOpen = leaf == .paragraph
        scan: while true {
            let (columns, after) = whitespace(cursor, end)
            if after.pos >= end { break scan }
            let continuesParagraph = paragraphOpen && newContainers.isEmpty
            if columns >= 4 {
                if !continuesParagraph { start = .indentedCode }
                break scan
            }
            let p = after.pos
            let b = bytes[p]
            // Only where the line would otherwise continue a paragraph in the same containers.
            let interrupting = continuesParagraph && allMatched
            if b == UInt8(ascii: ">") {
                newContainers.append(.quote)
                cursor = after
                cursor.pos += 1
                cursor.column += 1
                consumeOptionalSpace(&cursor, end)
                continue scan
            }
            if b == UInt8(ascii: "#"), let content = atxHeading(p, end) {
                start = .heading(content)
                break scan
            }
            if b == UInt8(ascii: "`") || b == UInt8(ascii: "~"), let fence = fenceOpening(p, end) {
                start = .fence(fence.marker, fence.length)
                break scan
            }
            if b == UInt8(ascii: "<"), let html = htmlBlockStart(p, end, allowCompleteTag: !interrupting) {
                start = .html(html, p)
                break scan
            }
            if interrupting && (b == UInt8(ascii: "=") || b == UInt8(ascii: "-")) && isSetextUnderline(p, end) {
                start = .setext
                break scan
            }
            if interrupting, let columnCount = tableDelimiterRow(p, end), let header = paragraphLines.last,
               splitCells(header.start, header.end).count == columnCount {
                start = .table(columnCount)
                break scan
            }
            if (b == UInt8(ascii: "*") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")) && isThematicBreak(p, end) {
                start = .thematicBreak
                break scan
            }
            if let item = listMarker(after, columns: columns, end) {
                if interrupting && !item.canInterruptParagraph { break scan }
                newContainers.append(.item(indent: item.indent))
                cursor = item.content
                pushedItem = true
                continue scan
            }
            if b == UInt8(ascii: "["), let content = footnoteDefinition(p, end) {
                start = .footnote(content)
                break scan
            }
            break scan
        }

        let (_, contentCursor) = whitespace(cursor, end)
        let restIsBlank = contentCursor.pos >= end

        // 4. A lazy continuation line: the paragraph goes on although containers did not match.
        if !allMatched && newContainers.isEmpty && start == nil && !restIsBlank && leaf == .paragraph {
            paragraphLines.append(Line(lead: lead, start: contentCursor.pos, end: trimmedEnd(contentCursor.pos, end), number: number))
            return
        }
        if !allMatched {
            closeLeaf()
            containers.removeLast(containers.count - matched)
        }
        if !newContainers.isEmpty {
            closeLeaf()
            containers += newContainers
        }

        if let start {
            switch start {
            case .heading(let content):
                closeLeaf()
                blocks.append(MarkdownRawBlock(kind: .heading, text: Array(bytes[content]), line: number,
                                               range: lead..<trimmedEnd(lead, end), isItemStart: false))
            case .fence(let marker, let length):
                closeLeaf()
                leaf = .fence(marker: marker, length: length)
            case .html(let endCondition, let from):
                closeLeaf()
                leaf = htmlBlockEnds(endCondition, from, end) && endCondition != .blankLine ? .none : .html(endCondition)
            case .setext:
                finishParagraph(kind: .heading, rangeEnd: trimmedEnd(lead, end))
                leaf = .none
            case .table:
                guard let header = paragraphLines.popLast() else { break }
                finishParagraph(kind: paragraphKind, rangeEnd: nil)
                addTableRow(header)
                leaf = .table
            case .thematicBreak:
                closeLeaf()
            case .indentedCode:
                closeLeaf()
                leaf = .indentedCode
            case .footnote(let content):
                closeLeaf()
                startParagraph(Line(lead: lead, start: content, end: trimmedEnd(content, end), number: number),
                               kind: .paragraph, isItemStart: false)
            }
            return
        }
        if restIsBlank {
            closeLeaf()
            return
        }
        let line = Line(lead: lead, start: contentCursor.pos, end: trimmedEnd(contentCursor.pos, end), number: number)
        switch leaf {
        case .paragraph:
            paragraphLines.append(line)
        case .table:
            addTableRow(line)
        default:
            closeLeaf()
            let kind: BlockKind
            switch containers.last {
            case .item?: kind = .listItem
            case .quote?: kind = .quote
            case nil: kind = .paragraph
            }
            startParagraph(line, kind: kind, isItemStart: pushedItem)
        }
    }

    private mutating func startParagraph(_ line: Line, kind: BlockKind, isItemStart: Bool) {
        paragraphLines = [line]
        paragraphKind = kind
        paragraphIsItemStart = isItemStart
        leaf = .paragraph
    }

    private mutating func closeLeaf() {
        if leaf == .paragraph { finishParagraph(kind: paragraphKind, rangeEnd: nil) }
        leaf = .none
    }

    /// Emits the open paragraph, after taking link reference definitions off its start.
    private mutating func finishParagraph(kind: BlockKind, rangeEnd: Int?) {
        defer {
            paragraphLines.removeAll(keepingCapacity: true)
            leaf = .none
        }
        guard !paragraphLines.isEmpty else { return }
        var text = joinedLines(paragraphLines)
        // Definitions end at line ends: drop the lines they took.
        var offset = 0
        var consumedLines = 0
        while offset < text.count, let definition = MarkdownSyntax.referenceDefinition(text, at: offset) {
            references.insert(definition.label)
            for i in offset..<definition.end where text[i] == 0x0A { consumedLines += 1 }
            offset = definition.end
            if definition.end == text.count { consumedLines = paragraphLines.count }
        }
        if consumedLines >= paragraphLines.count { return }
        if consumedLines > 0 {
            paragraphLines.removeFirst(consumedLines)
            text = joinedLines(paragraphLines)
        }
        let first = paragraphLines[0]
        let last = paragraphLines[paragraphLines.count - 1]
        blocks.append(MarkdownRawBlock(kind: kind, text: text, line: first.number, range: first.lead..<(rangeEnd ?? last.end),
                                       isItemStart: paragraphIsItemStart && consumedLines == 0 && kind == .listItem))
    }

    private func joinedLines(_ lines: [Line]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(lines.reduce(0) { $0 + $1.end - $1.start + 1 })
        for (i, line) in lines.enumerated() {
            if i > 0 { text.append(0x0A) }
            text += bytes[line.start..<line.end]
        }
        return text
    }

    private mutating func addTableRow(_ line: Line) {
        for cell in splitCells(line.start, line.end) where !cell.isEmpty {
            // GitHub unescapes `\|` before inline parsing, so that a pipe can stand in a code span.
            var text: [UInt8] = []
            text.reserveCapacity(cell.count)
            var i = cell.lowerBound
            while i < cell.upperBound {
                if bytes[i] == UInt8(ascii: "\\") && i + 1 < cell.upperBound && bytes[i + 1] == UInt8(ascii: "|") { i += 1 }
                text.append(bytes[i])
                i += 1
            }
            blocks.append(MarkdownRawBlock(kind: .tableCell, text: text, line: line.number, range: cell, isItemStart: false))
        }
    }

    // MARK: - Block syntax

    private func isSpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start && isSpaceOrTab(bytes[e - 1]) { e -= 1 }
        return e
    }

    /// The columns of white space at the cursor, and the cursor after it.
    private func whitespace(_ cursor: Cursor, _ end: Int) -> (Int, Cursor) {
        var columns = cursor.virtual
        var pos = cursor.pos
        var column = cursor.column
        while pos < end {
            if bytes[pos] == 0x20 {
                columns += 1
                column += 1
            } else if bytes[pos] == 0x09 {
                let width = 4 - column % 4
                columns += width
                column += width
            } else {
                break
            }
            pos += 1
        }
        return (columns, Cursor(pos: pos, column: column))
    }

    /// Consumes `columns` columns of white space (a tab may be consumed in part).
    private func advance(_ cursor: inout Cursor, columns: Int, _ end: Int) {
        var need = columns
        if cursor.virtual > 0 {
            let use = min(need, cursor.virtual)
            cursor.virtual -= use
            need -= use
        }
        while need > 0 && cursor.pos < end {
            if bytes[cursor.pos] == 0x20 {
                cursor.pos += 1
                cursor.column += 1
                need -= 1
            } else if bytes[cursor.pos] == 0x09 {
                let width = 4 - cursor.column % 4
                cursor.pos += 1
                cursor.column += width
                if width <= need { need -= width } else {
                    cursor.virtual = width - need
                    need = 0
                }
            } else {
                break
            }
        }
    }

    /// The optional space after a block quote's `>`.
    private func consumeOptionalSpace(_ cursor: inout Cursor, _ end: Int) {
        if cursor.virtual > 0 {
            cursor.virtual -= 1
        } else if cursor.pos < end && bytes[cursor.pos] == 0x20 {
            cursor.pos += 1
            cursor.column += 1
        } else if cursor.pos < end && bytes[cursor.pos] == 0x09 {
            let width = 4 - cursor.column % 4
            cursor.pos += 1
            cursor.column += width
            cursor.virtual = width - 1
        }
    }

    /// The content range of an ATX heading starting at `p` (without the closing `#`s).
    private func atxHeading(_ p: Int, _ end: Int) -> Range<Int>? {
        var i = p
        while i < end && bytes[i] == UInt8(ascii: "#") { i += 1 }
        let level = i - p
        guard level >= 1, level <= 6, i == end || isSpaceOrTab(bytes[i]) else { return nil }
        var start = i
        while start < end && isSpaceOrTab(bytes[start]) { start += 1 }
        var stop = trimmedEnd(start, end)
        // A closing sequence: #s at the end, after a space (or making up the whole content).
        var hashes = stop
        while hashes > start && bytes[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes < stop && (hashes == start || isSpaceOrTab(bytes[hashes - 1])) {
            stop = trimmedEnd(start, hashes)
        }
        return start..<stop
    }

    private func fenceOpening(_ p: Int, _ end: Int) -> (marker: UInt8, length: Int)? {
        let marker = bytes[p]
        var i = p
        while i < end && bytes[i] == marker { i += 1 }
        let length = i - p
        guard length >= 3 else { return nil }
        if marker == UInt8(ascii: "`") {
            // A backtick fence's info string may not hold a backtick (that is inline code).
            for j in i..<end where bytes[j] == marker { return nil }
        }
        return (marker, length)
    }

    private func isClosingFence(_ cursor: Cursor, _ end: Int, marker: UInt8, length: Int) -> Bool {
        let (columns, after) = whitespace(cursor, end)
        guard columns <= 3 else { return false }
        var i = after.pos
        while i < end && bytes[i] == marker { i += 1 }
        guard i - after.pos >= length else { return false }
        while i < end && isSpaceOrTab(bytes[i]) { i += 1 }
        return i == end
    }

    private func isThematicBreak(_ p: Int, _ end: Int) -> Bool {
        let marker = bytes[p]
        var count = 0
        for i in p..<end {
            if bytes[i] == marker { count += 1 } else if !isSpaceOrTab(bytes[i]) { return false }
        }
        return count >= 3
    }

    private func isSetextUnderline(_ p: Int, _ end: Int) -> Bool {
        let marker = bytes[p]
        var i = p
        while i < end && bytes[i] == marker { i += 1 }
        while i < end && isSpaceOrTab(bytes[i]) { i += 1 }
        return i == end
    }

    private struct ListMarker {
        /// Columns a continuation line needs (relative to the enclosing container's content).
        var indent: Int
        var content: Cursor
        var canInterruptParagraph: Bool
    }

    /// A bullet (`-`, `+`, `*`) or ordered (`1.`, `1)`) list marker at the cursor.
    private func listMarker(_ at: Cursor, columns: Int, _ end: Int) -> ListMarker? {
        let p = at.pos
        var q = p
        var number = -1
        let b = bytes[p]
        if b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: "*") {
            q += 1
        } else if b >= 0x30 && b <= 0x39 {
            number = 0
            while q < end && q - p < 9 && bytes[q] >= 0x30 && bytes[q] <= 0x39 {
                number = number * 10 + Int(bytes[q] - 0x30)
                q += 1
            }
            guard q < end, bytes[q] == UInt8(ascii: ".") || bytes[q] == UInt8(ascii: ")") else { return nil }
            q += 1
        } else {
            return nil
        }
        guard q == end || isSpaceOrTab(bytes[q]) else { return nil }
        let width = q - p
        var cursor = Cursor(pos: q, column: at.column + width)
        let (spaces, afterSpaces) = whitespace(cursor, end)
        let blank = afterSpaces.pos >= end
        let padding: Int
        if blank {
            padding = 1
            cursor = afterSpaces
        } else if spaces > 4 {
            // Indented code inside the item: the content starts one column after the marker.
            padding = 1
            advance(&cursor, columns: 1, end)
        } else {
            padding = spaces
            cursor = afterSpaces
        }
        return ListMarker(indent: columns + width + padding, content: cursor,
                          canInterruptParagraph: !blank && (number < 0 || number == 1))
    }

    /// The content start of a footnote definition `[^label]: text`, recording its label.
    private mutating func footnoteDefinition(_ p: Int, _ end: Int) -> Int? {
        guard p + 2 < end, bytes[p + 1] == UInt8(ascii: "^") else { return nil }
        var i = p + 2
        while i < end && bytes[i] != UInt8(ascii: "]") && !isSpaceOrTab(bytes[i]) && bytes[i] != UInt8(ascii: "[") { i += 1 }
        guard i > p + 2, i + 1 < end, bytes[i] == UInt8(ascii: "]"), bytes[i + 1] == UInt8(ascii: ":") else { return nil }
        footnotes.insert(MarkdownSyntax.normalizedLabel(bytes[(p + 2)..<i]))
        var content = i + 2
        while content < end && isSpaceOrTab(bytes[content]) { content += 1 }
        return content
    }

    /// GitHub table delimiter row (`| --- | :-: |`): its column count. A pipe is required, so that
    /// `---` under a line stays a setext heading.
    private func tableDelimiterRow(_ p: Int, _ end: Int) -> Int? {
        let stop = trimmedEnd(p, end)
        var i = p
        var sawPipe = false
        var cells = 0
        if bytes[i] == UInt8(ascii: "|") {
            sawPipe = true
            i += 1
        }
        while true {
            while i < stop && isSpaceOrTab(bytes[i]) { i += 1 }
            if i >= stop { break }
            if bytes[i] == UInt8(ascii: ":") { i += 1 }
            let dashes = i
            while i < stop && bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i > dashes else { return nil }
            if i < stop && bytes[i] == UInt8(ascii: ":") { i += 1 }
            while i < stop && isSpaceOrTab(bytes[i]) { i += 1 }
            cells += 1
            if i >= stop { break }
            guard bytes[i] == UInt8(ascii: "|") else { return nil }
            sawPipe = true
            i += 1
        }
        return sawPipe && cells > 0 ? cells : nil
    }

    /// The trimmed byte ranges of a table row's cells, split at pipes that are not escaped.
    private func splitCells(_ start: Int, _ end: Int) -> [Range<Int>] {
        var i = start
        let stop = trimmedEnd(start, end)
        if i < stop && bytes[i] == UInt8(ascii: "|") { i += 1 }
        var cells: [Range<Int>] = []
        var cellStart = i
        func add(_ from: Int, _ to: Int) {
            var a = from
            var b = to
            while a < b && isSpaceOrTab(bytes[a]) { a += 1 }
            while b > a && isSpaceOrTab(bytes[b - 1]) { b -= 1 }
            cells.append(a..<b)
        }
        while i < stop {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "|") {
                add(cellStart, i)
                cellStart = i + 1
            }
            i += 1
        }
        if cellStart < stop { add(cellStart, min(stop, bytes.count)) }
        return cells
    }

    // MARK: - HTML blocks

    private static let rawTextTags: [[UInt8]] = ["script", "pre", "style", "textarea"].map { Array($0.utf8) }
    private static let blockTags: Set<[UInt8]> = Set([
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame",
        "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link",
        "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ].map { Array($0.utf8) })

    /// The CommonMark HTML block starting at `p` (a `<`), as the condition that ends it.
    private func htmlBlockStart(_ p: Int, _ end: Int, allowCompleteTag: Bool) -> HTMLEnd? {
        func has(_ prefix: String, at i: Int) -> Bool {
            var j = i
            for b in prefix.utf8 {
                guard j < end, bytes[j] == b else { return false }
                j += 1
            }
            return true
        }
        // 1: raw text elements, up to their closing tag.
        for tag in Self.rawTextTags {
            var j = p + 1
            var same = true
            for b in tag {
                guard j < end, bytes[j] | 0x20 == b else {
                    same = false
                    break
                }
                j += 1
            }
            if same && (j == end || isSpaceOrTab(bytes[j]) || bytes[j] == UInt8(ascii: ">")) {
                return .closingTag(Array("</".utf8) + tag + [UInt8(ascii: ">")])
            }
        }
        // 2–5: comments, processing instructions, CDATA, declarations.
        if has("<!--", at: p) { return .literal(Array("-->".utf8)) }
        if has("<?", at: p) { return .literal(Array("?>".utf8)) }
        if has("<![CDATA[", at: p) { return .literal(Array("]]>".utf8)) }
        if has("<!", at: p), p + 2 < end, MarkdownSyntax.isASCIILetter(bytes[p + 2]) { return .literal([UInt8(ascii: ">")]) }
        // 6: block-level tags, up to a blank line.
        var nameStart = p + 1
        if nameStart < end && bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
        var nameEnd = nameStart
        while nameEnd < end && (MarkdownSyntax.isASCIILetter(bytes[nameEnd]) || (nameEnd > nameStart && bytes[nameEnd] >= 0x30 && bytes[nameEnd] <= 0x39)) {
            nameEnd += 1
        }
        if nameEnd > nameStart {
            let name = bytes[nameStart..<nameEnd].map { $0 | 0x20 }
            let next = nameEnd < end ? bytes[nameEnd] : 0x20
            if Self.blockTags.contains(name)
                && (isSpaceOrTab(next) || next == UInt8(ascii: ">") || (next == UInt8(ascii: "/") && nameEnd + 1 < end && bytes[nameEnd + 1] == UInt8(ascii: ">"))) {
                return .blankLine
            }
        }
        // 7: any complete tag alone on its line (cannot interrupt a paragraph).
        if allowCompleteTag, let tagEnd = MarkdownSyntax.htmlTagEnd(bytes, p, end) {
            var i = tagEnd
            while i < end && isSpaceOrTab(bytes[i]) { i += 1 }
            if i == end { return .blankLine }
        }
        return nil
    }

    private func htmlBlockEnds(_ condition: HTMLEnd, _ start: Int, _ end: Int) -> Bool {
        switch condition {
        case .blankLine:
            var i = start
            while i < end && isSpaceOrTab(bytes[i]) { i += 1 }
            return i == end
        case .closingTag(let tag):
            return contains(tag, start, end, caseInsensitive: true)
        case .literal(let text):
            return contains(text, start, end, caseInsensitive: false)
        }
    }

    private func contains(_ needle: [UInt8], _ start: Int, _ end: Int, caseInsensitive: Bool) -> Bool {
        guard end - start >= needle.count else { return false }
        var i = start
        while i + needle.count <= end {
            var j = 0
            while j < needle.count {
                let b = caseInsensitive && MarkdownSyntax.isASCIILetter(bytes[i + j]) ? bytes[i + j] | 0x20 : bytes[i + j]
                if b != needle[j] { break }
                j += 1
            }
            if j == needle.count { return true }
            i += 1
        }
        return false
    }

    // MARK: - Front matter

    /// Where the text continues after YAML (`---` … `---`/`...`) or TOML (`+++` … `+++`) front
    /// matter on the very first line; nil when there is none (or it is never closed).
    private func frontMatterEnd() -> (offset: Int, line: Int)? {
        func lineIs(_ start: Int, _ end: Int, _ marker: String) -> Bool {
            let e = trimmedEnd(start, end)
            guard e - start == 3 else { return false }
            return zip(bytes[start..<e], marker.utf8).allSatisfy { $0 == $1 }
        }
        var firstEnd = 0
        while firstEnd < bytes.count && bytes[firstEnd] != 0x0A { firstEnd += 1 }
        let firstContentEnd = firstEnd > 0 && bytes[firstEnd - 1] == 0x0D ? firstEnd - 1 : firstEnd
        let closers: [String]
        if lineIs(0, firstContentEnd, "---") { closers = ["---", "..."] } else if lineIs(0, firstContentEnd, "+++") { closers = ["+++"] } else { return nil }
        var start = firstEnd + 1
        var line = 2
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let contentEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
            if closers.contains(where: { lineIs(start, contentEnd, $0) }) { return (end + 1, line + 1) }
            start = end + 1
            line += 1
        }
        return nil
    }
}
