/// The inline pass: turns a block's raw content into plain text, following CommonMark's inline
/// algorithm (delimiter stack for emphasis, bracket stack for links) but keeping only text.
///
/// Linear in the content: each byte is looked at a bounded number of times; backtick closers are
/// found through per-length cursors that only move forward, and emphasis uses CommonMark's
/// "openers bottom" table.
struct MarkdownInlineParser {
    private let s: [UInt8]
    private let references: Set<String>
    private let footnotes: Set<String>

    /// Output pieces: text (a range in `out`), a delimiter run (whatever count is left of it is
    /// printed), or removed (a `[` that turned out to open a link).
    private enum Node {
        case text(Range<Int>)
        case delimiter(Int)
        case removed
    }

    private struct Delimiter {
        var node: Int
        var char: UInt8
        var count: Int
        var original: Int
        var canOpen: Bool
        var canClose: Bool
        var previous: Int
        var next: Int
    }

    private struct Bracket {
        var node: Int
        var isImage: Bool
        var active: Bool
        /// Delimiters with an index above this one are inside the brackets.
        var delimiterBottom: Int
        /// Where the bracket's text starts in `s`.
        var textStart: Int
    }

    private var out: [UInt8] = []
    private var nodes: [Node] = []
    private var delimiters: [Delimiter] = []
    private var lastDelimiter = -1
    private var brackets: [Bracket] = []
    /// Backtick runs by length: their start positions, and a cursor per length.
    private var backtickRuns: [Int: [Int]] = [:]
    private var backtickCursor: [Int: Int] = [:]
    private var textStart = 0
    /// After `plainText()`: the UTF-8 offsets in the plain text where a new source line of the
    /// block starts (one per line break, in order).
    private(set) var lineStarts: [Int] = []

    init(source: [UInt8], references: Set<String>, footnotes: Set<String>) {
        self.s = source
        self.references = references
        self.footnotes = footnotes
        out.reserveCapacity(source.count)
    }

    /// The content as plain text, white space collapsed and trimmed.
    mutating func plainText() -> String {
        indexBacktickRuns()
        var i = 0
        let n = s.count
        while i < n {
            let b = s[i]
            switch b {
            case UInt8(ascii: "\\"):
                if i + 1 < n && MarkdownSyntax.isASCIIPunctuation(s[i + 1]) {
                    out.append(s[i + 1])
                    i += 2
                } else if i + 1 < n && s[i + 1] == 0x0A {
                    lineBreak()
                    i += 2
                } else {
                    out.append(b)
                    i += 1
                }
            case UInt8(ascii: "`"):
                i = codeSpan(at: i)
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                i = delimiterRun(at: i)
            case UInt8(ascii: "!") where i + 1 < n && s[i + 1] == UInt8(ascii: "["):
                flushText()
                nodes.append(.text(out.count..<out.count + 2))
                out += [UInt8(ascii: "!"), UInt8(ascii: "[")]
                textStart = out.count
                brackets.append(Bracket(node: nodes.count - 1, isImage: true, active: true, delimiterBottom: delimiters.count - 1, textStart: i + 2))
                i += 2
            case UInt8(ascii: "["):
                if let end = footnoteReference(at: i) {
                    i = end
                    continue
                }
                flushText()
                nodes.append(.text(out.count..<out.count + 1))
                out.append(b)
                textStart = out.count
                brackets.append(Bracket(node: nodes.count - 1, isImage: false, active: true, delimiterBottom: delimiters.count - 1, textStart: i + 1))
                i += 1
            case UInt8(ascii: "]"):
                i = closeBracket(at: i)
            case UInt8(ascii: "<"):
                i = angleBracket(at: i)
            case UInt8(ascii: "&"):
                if let reference = MarkdownSyntax.characterReference(s, i) {
                    append(reference.scalar)
                    i = reference.end
                } else {
                    out.append(b)
                    i += 1
                }
            case 0x0A:
                lineBreak()
                i += 1
            default:
                out.append(b)
                i += 1
            }
        }
        flushText()
        processEmphasis(bottom: -1)
        return render()
    }

    // MARK: - Pieces

    /// Closes the pending text node (bytes appended to `out` since the last node).
    private mutating func flushText() {
        if out.count > textStart { nodes.append(.text(textStart..<out.count)) }
        textStart = out.count
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        out += UTF8.encode(scalar)!
    }

    /// A soft or hard line break: both are a space in plain text (trailing spaces are dropped;
    /// the final white-space collapse takes care of them). It is kept as a line feed until the
    /// output is rendered, which records where the next source line starts.
    private mutating func lineBreak() {
        out.append(0x0A)
    }

    private mutating func indexBacktickRuns() {
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "`") {
                let start = i
                while i < s.count && s[i] == UInt8(ascii: "`") { i += 1 }
                backtickRuns[i - start, default: []].append(start)
            } else {
                i += 1
            }
        }
    }

    /// A code span keeps its text (line breaks as spaces, one padding space stripped from each
    /// side); an opener without a closer is literal backticks.
    private mutating func codeSpan(at i: Int) -> Int {
        var j = i
        while j < s.count && s[j] == UInt8(ascii: "`") { j += 1 }
        let length = j - i
        // The first run of the same length that starts after this one.
        var closer: Int?
        if let runs = backtickRuns[length] {
            var cursor = backtickCursor[length, default: 0]
            while cursor < runs.count && runs[cursor] < j { cursor += 1 }
            backtickCursor[length] = cursor
            if cursor < runs.count { closer = runs[cursor] }
        }
        guard let closer else {
            out += s[i..<j]
            return j
        }
        var content = Array(s[j..<closer])
        for k in content.indices where content[k] == 0x0A { content[k] = 0x20 }
        if content.count >= 2 && content.first == 0x20 && content.last == 0x20 && content.contains(where: { $0 != 0x20 }) {
            content = Array(content[1..<(content.count - 1)])
        }
        out += content
        return closer + length
    }

    /// A run of `*`, `_` or `~`: pushed as a delimiter with CommonMark's flanking rules.
    private mutating func delimiterRun(at i: Int) -> Int {
        let char = s[i]
        var j = i
        while j < s.count && s[j] == char { j += 1 }
        let count = j - i
        if char == UInt8(ascii: "~") && count > 2 {
            // Three or more tildes are not strikethrough (GitHub).
            out += s[i..<j]
            return j
        }
        let before = i > 0 ? scalar(before: i) : nil
        let after = j < s.count ? scalar(at: j) : nil
        let beforeSpace = before.map(Self.isWhitespace) ?? true
        let afterSpace = after.map(Self.isWhitespace) ?? true
        let beforePunct = before.map(Self.isPunctuation) ?? false
        let afterPunct = after.map(Self.isPunctuation) ?? false
        // CJK-friendly amendment: punctuation next to a CJK character does not stop flanking.
        let beforeCJK = before.map(Self.isCJK) ?? false
        let afterCJK = after.map(Self.isCJK) ?? false
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct || beforeCJK)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct || afterCJK)
        let canOpen: Bool
        let canClose: Bool
        if char == UInt8(ascii: "_") {
            // Inside a word `_` is literal (snake_case); a CJK neighbour on the outside counts as
            // a word edge, as Korean glues particles to the emphasis: _강조_를.
            canOpen = leftFlanking && (!rightFlanking || beforePunct || beforeCJK)
            canClose = rightFlanking && (!leftFlanking || afterPunct || afterCJK)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        flushText()
        if !canOpen && !canClose {
            out += s[i..<j]
            return j
        }
        nodes.append(.delimiter(delimiters.count))
        delimiters.append(Delimiter(node: nodes.count - 1, char: char, count: count, original: count, canOpen: canOpen,
                                    canClose: canClose, previous: lastDelimiter, next: -1))
        if lastDelimiter >= 0 { delimiters[lastDelimiter].next = delimiters.count - 1 }
        lastDelimiter = delimiters.count - 1
        return j
    }

    /// `[^note]` referring to a defined footnote: dropped (the note is its own paragraph).
    private func footnoteReference(at i: Int) -> Int? {
        guard !footnotes.isEmpty, i + 2 < s.count, s[i + 1] == UInt8(ascii: "^"),
              let label = MarkdownSyntax.linkLabel(s, i) else { return nil }
        let name = MarkdownSyntax.normalizedLabel(s[(label.content.lowerBound + 1)..<label.content.upperBound])
        return footnotes.contains(name) ? label.end : nil
    }

    /// `]`: closes a link or image when a destination or a known reference follows; the link
    /// keeps its text, an image its alt text. Otherwise `]` (and its `[`) stay literal.
    private mutating func closeBracket(at i: Int) -> Int {
        guard let bracket = brackets.last else {
            out.append(UInt8(ascii: "]"))
            return i + 1
        }
        guard bracket.active else {
            brackets.removeLast()
            out.append(UInt8(ascii: "]"))
            return i + 1
        }
        var end: Int?
        if i + 1 < s.count && s[i + 1] == UInt8(ascii: "(") {
            end = MarkdownSyntax.inlineLinkTail(s, i + 1)
        }
        if end == nil, i + 1 < s.count, s[i + 1] == UInt8(ascii: "["), let label = MarkdownSyntax.linkLabel(s, i + 1) {
            // [text][ref] and [text][]: unmistakably link syntax, so the brackets go even when
            // the reference is not defined (a missing definition should not leak markup).
            end = label.end
        }
        if end == nil {
            // [text] alone is a link only when a definition says so; otherwise ("[sic]", "[1]")
            // it is the author's text.
            let label = MarkdownSyntax.normalizedLabel(s[bracket.textStart..<i])
            if !label.isEmpty && references.contains(label) { end = i + 1 }
        }
        guard let end else {
            brackets.removeLast()
            out.append(UInt8(ascii: "]"))
            return i + 1
        }
        flushText()
        processEmphasis(bottom: bracket.delimiterBottom)
        nodes[bracket.node] = .removed
        brackets.removeLast()
        if !bracket.isImage {
            // Links cannot contain links: earlier `[` openers become literal.
            for k in brackets.indices where !brackets[k].isImage { brackets[k].active = false }
        }
        return end
    }

    /// `<`: an autolink keeps its address, an HTML tag goes (`<br>` becomes a space), anything
    /// else is a literal `<`.
    private mutating func angleBracket(at i: Int) -> Int {
        if let autolink = autolink(at: i) {
            out += s[(i + 1)..<(autolink - 1)]
            return autolink
        }
        if let end = MarkdownSyntax.htmlTagEnd(s, i, s.count) {
            if MarkdownSyntax.htmlTagName(s, i) == Array("br".utf8) { out.append(0x20) }
            return end
        }
        out.append(UInt8(ascii: "<"))
        return i + 1
    }

    /// The end of `<scheme:address>` or `<name@host>` at `i`.
    private func autolink(at i: Int) -> Int? {
        let limit = min(s.count, i + MarkdownSyntax.lookahead)
        var j = i + 1
        // URI: a scheme of 2–32 characters, a colon, then no spaces, `<` or `>`.
        if j < limit && MarkdownSyntax.isASCIILetter(s[j]) {
            let schemeStart = j
            while j < limit && j - schemeStart < 33
                && (MarkdownSyntax.isASCIILetter(s[j]) || MarkdownSyntax.isASCIIDigit(s[j]) || s[j] == UInt8(ascii: "+")
                    || s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: "-")) { j += 1 }
            if j - schemeStart >= 2 && j - schemeStart <= 32 && j < limit && s[j] == UInt8(ascii: ":") {
                j += 1
                while j < limit && s[j] > 0x20 && s[j] != UInt8(ascii: "<") && s[j] != UInt8(ascii: ">") { j += 1 }
                if j < limit && s[j] == UInt8(ascii: ">") { return j + 1 }
            }
        }
        // E-mail address.
        j = i + 1
        let localStart = j
        while j < limit && (MarkdownSyntax.isASCIILetter(s[j]) || MarkdownSyntax.isASCIIDigit(s[j]) || ".!#$%&'*+/=?^_`{|}~-".utf8.contains(s[j])) { j += 1 }
        guard j > localStart, j < limit, s[j] == UInt8(ascii: "@") else { return nil }
        j += 1
        let hostStart = j
        while j < limit && (MarkdownSyntax.isASCIILetter(s[j]) || MarkdownSyntax.isASCIIDigit(s[j]) || s[j] == UInt8(ascii: "-") || s[j] == UInt8(ascii: ".")) { j += 1 }
        guard j > hostStart, j < limit, s[j] == UInt8(ascii: ">") else { return nil }
        return j + 1
    }

    // MARK: - Emphasis

    private mutating func unlink(_ d: Int) {
        let previous = delimiters[d].previous
        let next = delimiters[d].next
        if previous >= 0 { delimiters[previous].next = next }
        if next >= 0 { delimiters[next].previous = previous } else { lastDelimiter = previous }
        delimiters[d].previous = -2
        delimiters[d].next = -2
    }

    /// CommonMark's "process emphasis" over the delimiters above `bottom`; matched delimiters
    /// lose their characters, unmatched ones stay as literal text.
    private mutating func processEmphasis(bottom: Int) {
        // The first delimiter above the bottom.
        var closer = -1
        var d = lastDelimiter
        while d > bottom {
            closer = d
            d = delimiters[d].previous
        }
        guard closer >= 0 else { return }
        // openersBottom[char][closer can open][original length % 3]
        var openersBottom = [Int](repeating: bottom, count: 18)
        func slot(_ c: Delimiter) -> Int {
            let charIndex = c.char == UInt8(ascii: "*") ? 0 : c.char == UInt8(ascii: "_") ? 1 : 2
            return charIndex * 6 + (c.canOpen ? 3 : 0) + c.original % 3
        }
        while closer >= 0 {
            let c = delimiters[closer]
            guard c.canClose else {
                closer = c.next
                continue
            }
            let key = slot(c)
            var opener = c.previous
            var found = false
            while opener > bottom && opener > openersBottom[key] {
                let o = delimiters[opener]
                if o.char == c.char && o.canOpen {
                    if c.char == UInt8(ascii: "~") {
                        if o.count == c.count { found = true }
                    } else {
                        // The "rule of three" for runs that can both open and close.
                        let oddMatch = (o.canClose || c.canOpen) && (o.original + c.original) % 3 == 0
                            && !(o.original % 3 == 0 && c.original % 3 == 0)
                        if !oddMatch { found = true }
                    }
                    if found { break }
                }
                opener = o.previous
            }
            if found {
                let use = c.char == UInt8(ascii: "~") ? c.count : (c.count >= 2 && delimiters[opener].count >= 2 ? 2 : 1)
                delimiters[opener].count -= use
                delimiters[closer].count -= use
                var between = delimiters[opener].next
                while between != closer && between >= 0 {
                    let next = delimiters[between].next
                    unlink(between)
                    between = next
                }
                if delimiters[opener].count == 0 { unlink(opener) }
                if delimiters[closer].count == 0 {
                    let next = delimiters[closer].next
                    unlink(closer)
                    closer = next
                }
            } else {
                openersBottom[key] = max(bottom, c.previous)
                let next = c.next
                if !c.canOpen { unlink(closer) }
                closer = next
            }
        }
        // Whatever is left above the bottom is literal text now.
        while lastDelimiter > bottom { unlink(lastDelimiter) }
    }

    // MARK: - Output

    private mutating func render() -> String {
        var text: [UInt8] = []
        text.reserveCapacity(out.count)
        var pendingSpace = false
        var pendingLines = 0
        var starts: [Int] = []
        func emit(_ b: UInt8) {
            if MarkdownSyntax.isWhitespace(b) {
                pendingSpace = !text.isEmpty
                if b == 0x0A { pendingLines += 1 }
                return
            }
            if pendingSpace { text.append(0x20) }
            pendingSpace = false
            // The line breaks in the white space just folded: the next line starts here.
            for _ in 0..<pendingLines { starts.append(text.count) }
            pendingLines = 0
            text.append(b)
        }
        defer { lineStarts = starts }
        for node in nodes {
            switch node {
            case .text(let range):
                for k in range { emit(out[k]) }
            case .delimiter(let d):
                let delimiter = delimiters[d]
                for _ in 0..<delimiter.count { emit(delimiter.char) }
            case .removed:
                break
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A list item's text without its task marker (`[ ] `, `[x] `).
    static func removingTaskMarker(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 3, utf8[0] == UInt8(ascii: "["), utf8[2] == UInt8(ascii: "]"),
              utf8[1] == 0x20 || utf8[1] | 0x20 == UInt8(ascii: "x"),
              utf8.count == 3 || utf8[3] == 0x20 else { return text }
        return String(decoding: utf8.dropFirst(utf8.count > 3 ? 4 : 3), as: UTF8.self)
    }

    // MARK: - Characters

    private func scalar(at i: Int) -> Unicode.Scalar {
        let b = s[i]
        if b < 0x80 { return Unicode.Scalar(b) }
        var iterator = s[i...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }

    private func scalar(before i: Int) -> Unicode.Scalar {
        var j = i - 1
        while j > 0 && s[j] & 0xC0 == 0x80 { j -= 1 }
        return scalar(at: j)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0C }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// Unicode punctuation as CommonMark 0.31 defines it: the P and S general categories.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return MarkdownSyntax.isASCIIPunctuation(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Hangul, kana, Han ideographs and CJK punctuation and forms.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3000...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F,
             0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
