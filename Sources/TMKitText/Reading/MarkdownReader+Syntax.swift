import CLibXML

/// Small CommonMark scanners shared by the block and inline passes. Each works on UTF-8 bytes,
/// starts at an index and returns where its construct ends (nil when it is not there), and looks
/// at most a bounded number of bytes ahead, so callers stay linear.
enum MarkdownSyntax {
    /// How far a link destination, title or HTML tag may reach. Real ones are far shorter; the
    /// bound keeps pathological input (thousands of unclosed `<a title="`) linear.
    static let lookahead = 4096

    @inline(__always)
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always)
    static func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E)
    }

    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }

    /// A link label as CommonMark matches it: white space collapsed, trimmed, case-folded.
    static func normalizedLabel<C: Collection<UInt8>>(_ bytes: C) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for b in bytes {
            if isWhitespace(b) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self).lowercased()
    }

    // MARK: - Links

    /// The end of a link label `[...]` starting at `i` (just past the `]`), and the label's
    /// content range; nil when there is no valid label (unescaped `[`, more than 999 characters).
    static func linkLabel(_ s: [UInt8], _ i: Int) -> (end: Int, content: Range<Int>)? {
        guard i < s.count, s[i] == UInt8(ascii: "[") else { return nil }
        var j = i + 1
        while j < s.count && j - i <= 1000 {
            let b = s[j]
            if b == UInt8(ascii: "\\") && j + 1 < s.count {
                j += 2
                continue
            }
            if b == UInt8(ascii: "[") { return nil }
            if b == UInt8(ascii: "]") { return (j + 1, (i + 1)..<j) }
            j += 1
        }
        return nil
    }

    /// Skips spaces and tabs, and at most one line break.
    static func skipSpaceAndOneNewline(_ s: [UInt8], _ i: Int) -> (end: Int, sawSpace: Bool) {
        var j = i
        var newlines = 0
        while j < s.count {
            if s[j] == 0x20 || s[j] == 0x09 { j += 1 } else if s[j] == 0x0A && newlines == 0 {
                newlines += 1
                j += 1
            } else { break }
        }
        return (j, j > i)
    }

    /// The end of a link destination at `i`: `<...>` or a run without spaces or control
    /// characters, with balanced parentheses.
    static func linkDestination(_ s: [UInt8], _ i: Int) -> Int? {
        guard i < s.count else { return nil }
        let limit = min(s.count, i + lookahead)
        if s[i] == UInt8(ascii: "<") {
            var j = i + 1
            while j < limit {
                let b = s[j]
                if b == UInt8(ascii: "\\") && j + 1 < limit {
                    j += 2
                    continue
                }
                if b == 0x0A || b == UInt8(ascii: "<") { return nil }
                if b == UInt8(ascii: ">") { return j + 1 }
                j += 1
            }
            return nil
        }
        var j = i
        var depth = 0
        while j < limit {
            let b = s[j]
            if b == UInt8(ascii: "\\") && j + 1 < limit && isASCIIPunctuation(s[j + 1]) {
                j += 2
                continue
            }
            if b <= 0x20 || b == 0x7F { break }
            if b == UInt8(ascii: "(") {
                depth += 1
                if depth > 32 { return nil }
            } else if b == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1
            }
            j += 1
        }
        return j > i && depth == 0 ? j : nil
    }

    /// The end of a link title at `i`: `"..."`, `'...'` or `(...)`, without a blank line inside.
    static func linkTitle(_ s: [UInt8], _ i: Int) -> Int? {
        guard i < s.count else { return nil }
        let open = s[i]
        let close: UInt8
        switch open {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): close = open
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        default: return nil
        }
        let limit = min(s.count, i + lookahead)
        var j = i + 1
        var lineIsBlank = false
        while j < limit {
            let b = s[j]
            if b == UInt8(ascii: "\\") && j + 1 < limit {
                j += 2
                continue
            }
            if b == close { return j + 1 }
            if open == UInt8(ascii: "(") && b == UInt8(ascii: "(") { return nil }
            if b == 0x0A {
                if lineIsBlank { return nil }
                lineIsBlank = true
            } else if b != 0x20 && b != 0x09 {
                lineIsBlank = false
            }
            j += 1
        }
        return nil
    }

    /// The end of an inline link's tail `(destination "title")` starting at `i` (the `(`).
    static func inlineLinkTail(_ s: [UInt8], _ i: Int) -> Int? {
        guard i < s.count, s[i] == UInt8(ascii: "(") else { return nil }
        var j = skipSpaceAndOneNewline(s, i + 1).end
        guard j < s.count else { return nil }
        if s[j] == UInt8(ascii: ")") { return j + 1 }
        guard let destinationEnd = linkDestination(s, j) else { return nil }
        j = destinationEnd
        let space = skipSpaceAndOneNewline(s, j)
        j = space.end
        if space.sawSpace, let titleEnd = linkTitle(s, j) {
            j = skipSpaceAndOneNewline(s, titleEnd).end
        }
        guard j < s.count, s[j] == UInt8(ascii: ")") else { return nil }
        return j + 1
    }

    /// A link reference definition `[label]: destination "title"` starting at `i` (the start of a
    /// line): where it ends (after its line break) and its normalized label.
    static func referenceDefinition(_ s: [UInt8], at i: Int) -> (end: Int, label: String)? {
        var j = i
        while j < s.count && j - i < 3 && s[j] == 0x20 { j += 1 }
        guard let label = linkLabel(s, j), label.end < s.count, s[label.end] == UInt8(ascii: ":") else { return nil }
        let normalized = normalizedLabel(s[label.content])
        guard !normalized.isEmpty else { return nil }
        // `[^note]:` is a footnote, not a link.
        if s[label.content.lowerBound] == UInt8(ascii: "^") { return nil }
        j = skipSpaceAndOneNewline(s, label.end + 1).end
        guard let destinationEnd = linkDestination(s, j) else { return nil }
        func lineEnd(_ k: Int) -> Int? {
            var m = k
            while m < s.count && (s[m] == 0x20 || s[m] == 0x09) { m += 1 }
            if m == s.count { return m }
            return s[m] == 0x0A ? m + 1 : nil
        }
        // With a title (on the same line or the next)...
        let space = skipSpaceAndOneNewline(s, destinationEnd)
        if space.sawSpace, let titleEnd = linkTitle(s, space.end), let end = lineEnd(titleEnd) {
            return (end, normalized)
        }
        // ...or without one.
        guard let end = lineEnd(destinationEnd) else { return nil }
        return (end, normalized)
    }

    // MARK: - HTML

    /// The end of an HTML open tag, closing tag, comment, processing instruction, declaration or
    /// CDATA section at `i` (a `<`), as CommonMark's inline HTML defines them.
    static func htmlTagEnd(_ s: [UInt8], _ i: Int, _ end: Int) -> Int? {
        let limit = min(end, i + lookahead)
        guard i + 1 < limit, s[i] == UInt8(ascii: "<") else { return nil }
        func find(_ terminator: String, from: Int) -> Int? {
            let t = Array(terminator.utf8)
            var j = from
            while j + t.count <= limit {
                if s[j] == t[0] && s[j..<(j + t.count)].elementsEqual(t) { return j + t.count }
                j += 1
            }
            return nil
        }
        let b = s[i + 1]
        if b == UInt8(ascii: "!") {
            if i + 3 < limit && s[i + 2] == UInt8(ascii: "-") && s[i + 3] == UInt8(ascii: "-") {
                // <!--> and <!---> are complete comments too.
                if i + 4 < limit && s[i + 4] == UInt8(ascii: ">") { return i + 5 }
                if i + 5 < limit && s[i + 4] == UInt8(ascii: "-") && s[i + 5] == UInt8(ascii: ">") { return i + 6 }
                return find("-->", from: i + 4)
            }
            if s[i...].starts(with: "<![CDATA[".utf8) { return find("]]>", from: i + 9) }
            if i + 2 < limit && isASCIILetter(s[i + 2]) { return find(">", from: i + 3) }
            return nil
        }
        if b == UInt8(ascii: "?") { return find("?>", from: i + 2) }
        var j = i + 1
        let closing = b == UInt8(ascii: "/")
        if closing { j += 1 }
        guard j < limit, isASCIILetter(s[j]) else { return nil }
        while j < limit && (isASCIILetter(s[j]) || isASCIIDigit(s[j]) || s[j] == UInt8(ascii: "-")) { j += 1 }
        if closing {
            while j < limit && isWhitespace(s[j]) { j += 1 }
            return j < limit && s[j] == UInt8(ascii: ">") ? j + 1 : nil
        }
        // Attributes.
        while true {
            let spaceStart = j
            while j < limit && isWhitespace(s[j]) { j += 1 }
            guard j < limit else { return nil }
            if s[j] == UInt8(ascii: ">") { return j + 1 }
            if s[j] == UInt8(ascii: "/") { return j + 1 < limit && s[j + 1] == UInt8(ascii: ">") ? j + 2 : nil }
            guard j > spaceStart else { return nil }
            let nameStart = s[j]
            guard isASCIILetter(nameStart) || nameStart == UInt8(ascii: "_") || nameStart == UInt8(ascii: ":") else { return nil }
            j += 1
            while j < limit && (isASCIILetter(s[j]) || isASCIIDigit(s[j]) || s[j] == UInt8(ascii: "_") || s[j] == UInt8(ascii: ".")
                || s[j] == UInt8(ascii: ":") || s[j] == UInt8(ascii: "-")) { j += 1 }
            // An optional value.
            var k = j
            while k < limit && isWhitespace(s[k]) { k += 1 }
            guard k < limit, s[k] == UInt8(ascii: "=") else { continue }
            k += 1
            while k < limit && isWhitespace(s[k]) { k += 1 }
            guard k < limit else { return nil }
            let quote = s[k]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                k += 1
                while k < limit && s[k] != quote { k += 1 }
                guard k < limit else { return nil }
                j = k + 1
            } else {
                let valueStart = k
                while k < limit && !isWhitespace(s[k]) && !"\"'=<>`".utf8.contains(s[k]) { k += 1 }
                guard k > valueStart else { return nil }
                j = k
            }
        }
    }

    /// The tag name of an open or closing tag at `i` (lowercased), or nil for other HTML.
    static func htmlTagName(_ s: [UInt8], _ i: Int) -> [UInt8]? {
        var j = i + 1
        if j < s.count && s[j] == UInt8(ascii: "/") { j += 1 }
        let start = j
        while j < s.count && (isASCIILetter(s[j]) || isASCIIDigit(s[j])) { j += 1 }
        return j > start ? s[start..<j].map { $0 | 0x20 } : nil
    }

    // MARK: - Character references

    /// Decodes a character reference at `i` (a `&`): `&amp;`, `&#44;`, `&#x2C;`. Returns the
    /// scalar and where the reference ends, or nil when it is not one (then `&` is literal).
    static func characterReference(_ s: [UInt8], _ i: Int) -> (scalar: Unicode.Scalar, end: Int)? {
        var j = i + 1
        guard j < s.count else { return nil }
        if s[j] == UInt8(ascii: "#") {
            j += 1
            var value: UInt32 = 0
            let hex = j < s.count && (s[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            while j < s.count && j - digitsStart < (hex ? 6 : 7) {
                let b = s[j]
                if isASCIIDigit(b) {
                    value = value * (hex ? 16 : 10) + UInt32(b - 0x30)
                } else if hex && (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "f") {
                    value = value * 16 + UInt32((b | 0x20) - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                j += 1
            }
            guard j > digitsStart, j < s.count, s[j] == UInt8(ascii: ";") else { return nil }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (scalar ?? "\u{FFFD}", j + 1)
        }
        let nameStart = j
        while j < s.count && j - nameStart < 32 && (isASCIILetter(s[j]) || isASCIIDigit(s[j])) { j += 1 }
        guard j > nameStart, j < s.count, s[j] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: s[nameStart..<j], as: UTF8.self)
        guard let scalar = namedCharacter(name) else { return nil }
        return (scalar, j + 1)
    }

    /// A named character reference: libxml2's HTML 4 table (all 253 names), plus `apos`, which
    /// HTML 5 and XML add.
    static func namedCharacter(_ name: String) -> Unicode.Scalar? {
        if name == "apos" { return "'" }
        let value = tmk_html_entity(name)
        return value > 0 ? Unicode.Scalar(UInt32(value)) : nil
    }
}
