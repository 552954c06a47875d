import Foundation

/// The tokens of XML 1.0, scanned from UTF-8 bytes in the buffer. Every scanner starts at the
/// token's first byte, changes nothing but the current node until the token is complete, and
/// throws `NeedMore` when the buffer ends first: `read()` then reads more and scans the token
/// again. Names of the well-formedness errors follow libxml2's where it has one.
extension XMLScanner.State {
    typealias NeedMore = XMLScanner.NeedMore

    // MARK: - Byte classes

    /// Bytes that end a plain run of text: `<`, `&`, CR, `]` (for `]]>`), control characters
    /// XML does not allow, and every byte of a multi-byte character (checked one by one).
    static let textStops: [Bool] = (0..<256).map { b in
        b == 0x3C || b == 0x26 || b == 0x0D || b == 0x5D || (b < 0x20 && b != 0x09 && b != 0x0A) || b >= 0x80
    }

    /// Bytes that end a plain run of an attribute value: `<`, `&`, both quotes, the white space
    /// that normalization turns into a space, controls and multi-byte characters.
    static let valueStops: [Bool] = (0..<256).map { b in
        b == 0x3C || b == 0x26 || b == 0x22 || b == 0x27 || b < 0x20 || b >= 0x80
    }

    /// The end of the plain text from `start`: ASCII other than `textStops`, and two- and
    /// three-byte characters whose lead byte allows any continuation (most of them: Hangul,
    /// CJK, Latin, Cyrillic), checked here in line. What remains (`<`, `&`, CR, `]`, controls,
    /// the lead bytes E0, ED, EF and four-byte characters, broken UTF-8) is left to the caller.
    @inline(__always)
    static func skipPlainText(_ buffer: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, stops: UnsafePointer<Bool>) -> Int {
        var i = start
        text: while i < end {
            // Eight ASCII bytes at a time while none is a stop: no byte ≥ 0x80, none below 0x20
            // (tab and LF go through the loop below), none of `<`, `&`, `]`.
            while i &+ 8 <= end {
                if Self.hasStop(UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self)) { break }
                i &+= 8
            }
            // Byte by byte up to the next ASCII byte that is not a stop (then eight at a time
            // again): runs of Hangul or CJK stay here.
            while i < end {
                let b = buffer[i]
                if !stops[Int(b)] {
                    i &+= 1
                    continue text
                } else if b >= 0xE1 && b <= 0xEE && b != 0xED && i + 2 < end
                            && buffer[i + 1] & 0xC0 == 0x80 && buffer[i + 2] & 0xC0 == 0x80 {
                    i &+= 3
                } else if b >= 0xC2 && b <= 0xDF && i + 1 < end && buffer[i + 1] & 0xC0 == 0x80 {
                    i &+= 2
                } else {
                    break text
                }
            }
        }
        return i
    }

    /// Whether one of the eight bytes of `x` may be a stop of `textStops` (or tab, LF): a byte
    /// ≥ 0x80 or below 0x20, or `<` (0x3C), `&` (0x26), `]` (0x5D). Bit tricks on the whole
    /// word ("has a byte less than n" and "has a zero byte"), no loop over its bytes.
    @inline(__always)
    static func hasStop(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        // Bytes below 0x20: x - 0x20 borrows into the high bit (exact for bytes < 0x80; bytes ≥
        // 0x80 are caught by the high-bit test anyway).
        let below = (x &- ones &* 0x20) & ~x & highs
        return (x & highs) != 0 || below != 0
            || hasZero(x ^ (ones &* 0x3C)) || hasZero(x ^ (ones &* 0x26)) || hasZero(x ^ (ones &* 0x5D))
    }

    /// The byte tables above as plain pointers, made once: a `static let` is reached through a
    /// call into the runtime (`swift_once`) every time it is read, and these are read for every
    /// text run, name and attribute value.
    struct Tables {
        let textStops: UnsafePointer<Bool>
        let valueStops: UnsafePointer<Bool>
        let asciiName: UnsafePointer<UInt8>

        nonisolated(unsafe) static let shared = Tables(
            textStops: copy(XMLScanner.State.textStops), valueStops: copy(XMLScanner.State.valueStops),
            asciiName: copy(XMLScanner.State.asciiName))

        private static func copy<T>(_ table: [T]) -> UnsafePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: table.count)
            pointer.initialize(from: table, count: table.count)
            return UnsafePointer(pointer)
        }
    }

    /// ASCII name characters: 1 = may start a name, 2 = may follow.
    static let asciiName: [UInt8] = (0..<128).map { b in
        let letter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x3A
        let other = (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
        return letter ? 1 : other ? 2 : 0
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// Whether `count` bytes at `a` and `b` are equal: names are short (`tu`, `seg`,
    /// `xml:lang`), and a call to `memcmp` for each costs more than comparing them in line.
    @inline(__always)
    static func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count > 16 { return memcmp(a, b, count) == 0 }
        var i = 0
        while i < count {
            if a[i] != b[i] { return false }
            i &+= 1
        }
        return true
    }

    // MARK: - Nodes

    /// Scans the next token. Returns true for a node to report, false at the end of the
    /// document, nil for something checked and skipped (comment, processing instruction,
    /// document type, white space outside the root element).
    mutating func scanNode() throws -> Bool? {
        let start = position
        if start >= end {
            if !exhausted { throw NeedMore() }
            return try finish()
        }
        if buffer[start] != 0x3C {
            if phase == .content, let node = whitespaceBeforeTag(from: start) { return node }
            return try scanText(from: start)
        }
        guard start + 1 < end else { throw more("Premature end of data", at: start) }
        switch buffer[start + 1] {
        case 0x2F:  // </
            return try scanEndTag(from: start)
        case 0x21:  // <!
            if try has("<!--", at: start) {
                position = try scanComment(from: start)
                if phase == .start { phase = .prolog }
                return nil
            }
            if try has("<![CDATA[", at: start) {
                guard phase == .content else { throw syntaxError("CDATA section outside the root element", at: start) }
                return try scanText(from: start)
            }
            if try has("<!DOCTYPE", at: start) {
                try scanDocumentType(from: start)
                return nil
            }
            throw syntaxError("StartTag: invalid element name", at: start)
        case 0x3F:  // <?
            position = try scanProcessingInstruction(from: start)
            if phase == .start { phase = .prolog }
            return nil
        default:
            return try scanStartTag(from: start)
        }
    }

    /// The white space between two tags inside the root element (a line end and an indent,
    /// around every element of a pretty-printed TMX file): the node `scanText` makes of it,
    /// without its general machinery. Nil when the text at `start` is anything else (CR, which
    /// becomes LF, included), or the buffer ends first: `scanText` takes it then.
    @inline(__always)
    mutating func whitespaceBeforeTag(from start: Int) -> Bool? {
        var i = start
        while i < end && (buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x09) { i &+= 1 }
        // A tag follows, and not a CDATA section (which would continue the text).
        guard i > start, i + 1 < end, buffer[i] == 0x3C, buffer[i + 1] != 0x21 else { return nil }
        text = UnsafeBufferPointer(start: buffer + start, count: i - start)
        return textNode(.whitespace, from: start, to: i)
    }

    /// Makes the current node a text node from `start` to `end` (`text` is set).
    @inline(__always)
    mutating func textNode(_ type: XMLScanner.NodeType, from start: Int, to end: Int) -> Bool {
        nodeType = type
        nodeStart = start
        depth = openEnds.count
        isEmptyElement = false
        nameStart = 0
        nameEnd = 0
        if !attributeList.isEmpty { attributeList.removeAll(keepingCapacity: true) }
        position = end
        return true
    }

    /// At the end of the bytes: the document must be complete.
    mutating func finish() throws -> Bool {
        switch phase {
        case .start, .prolog:
            throw syntaxError(base + end == 0 ? "Document is empty" : "Start tag expected, '<' not found", at: end)
        case .content:
            let start = openEnds.count > 1 ? openEnds[openEnds.count - 2] : 0
            let name = String(decoding: UnsafeBufferPointer(start: openNames.bytes + start, count: openNames.count - start), as: UTF8.self)
            throw syntaxError("Premature end of data in tag \(name)", at: end)
        case .epilog:
            nodeType = .none
            return false
        }
    }

    /// Whether the bytes at `offset` are `literal` (throws `NeedMore` when the buffer ends
    /// before it can tell).
    mutating func has(_ literal: StaticString, at offset: Int) throws -> Bool {
        let count = literal.utf8CodeUnitCount
        if offset + count > end {
            let available = end - offset
            if available > 0 && memcmp(buffer + offset, literal.utf8Start, available) != 0 { return false }
            if exhausted { return false }
            throw NeedMore()
        }
        return memcmp(buffer + offset, literal.utf8Start, count) == 0
    }

    // MARK: Text

    /// Character data up to the next tag: text, references and CDATA sections, as one node.
    mutating func scanText(from start: Int) throws -> Bool? {
        let buffer = self.buffer
        let end = self.end
        var i = start
        var decoded = false
        // References and CDATA sections (not allowed outside the root element, unlike CR).
        var markup = false
        var runStart = start
        scratch.removeAll()
        func keepRun(upTo offset: Int) {
            if !decoded {
                decoded = true
                scratch.removeAll()
            }
            scratch.append(buffer + runStart, count: offset - runStart)
        }
        i = Self.skipPlainText(buffer, from: i, to: end, stops: tables.textStops)
        scan: while true {
            if i >= end {
                if phase == .content { throw more("Premature end of data", at: i) }
                break scan
            }
            let b = buffer[i]
            switch b {
            case 0x3C:  // <
                // A tag ends the text; only `<!` can start a CDATA section.
                if i + 1 < end && buffer[i + 1] != 0x21 { break scan }
                guard try has("<![CDATA[", at: i) else { break scan }
                markup = true
                keepRun(upTo: i)
                i = try scanCDATA(from: i)
                runStart = i
            case 0x26:  // &
                markup = true
                keepRun(upTo: i)
                i = try scanReference(from: i)
                runStart = i
            case 0x0D:  // CR and CR LF are LF
                keepRun(upTo: i)
                scratch.append(0x0A)
                i += 1
                if i >= end && !exhausted { throw NeedMore() }
                if i < end && buffer[i] == 0x0A { i += 1 }
                runStart = i
            case 0x5D:  // ]
                if try has("]]>", at: i) { throw syntaxError("Sequence ']]>' not allowed in content", at: i) }
                i += 1
            case 0x80...:
                i += try characterLength(at: i)
            default:
                throw syntaxError("PCDATA invalid Char value \(b)", at: i)
            }
            i = Self.skipPlainText(buffer, from: i, to: end, stops: tables.textStops)
        }
        if decoded {
            keepRun(upTo: i)
            text = UnsafeBufferPointer(start: scratch.bytes, count: scratch.count)
        } else {
            text = UnsafeBufferPointer(start: buffer + start, count: i - start)
        }
        let whitespace = text.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }
        if phase != .content {
            guard whitespace && !markup else {
                throw syntaxError(phase == .epilog ? "Extra content at the end of the document" : "Start tag expected, '<' not found", at: start)
            }
            position = i
            if phase == .start { phase = .prolog }
            return nil
        }
        return textNode(whitespace ? .whitespace : .text, from: start, to: i)
    }

    /// A CDATA section's content appended to `scratch`; returns the offset after `]]>`. Line
    /// ends inside are kept as they are (CR included), as libxml2 keeps them.
    mutating func scanCDATA(from start: Int) throws -> Int {
        var i = start + 9
        while true {
            guard i < end else { throw more("CData section not finished", at: start) }
            let b = buffer[i]
            if b == 0x5D, try has("]]>", at: i) {
                scratch.append(buffer + start + 9, count: i - start - 9)
                return i + 3
            }
            if b >= 0x80 {
                i += try characterLength(at: i)
            } else if b < 0x20 && !Self.isSpace(b) {
                throw syntaxError("PCDATA invalid Char value \(b)", at: i)
            } else {
                i += 1
            }
        }
    }

    /// `&name;`, `&#N;` or `&#xH;` at `start`: its character appended to `scratch`; returns the
    /// offset after `;`.
    mutating func scanReference(from start: Int) throws -> Int {
        var i = start + 1
        guard i < end else { throw more("EntityRef: expecting ';'", at: start) }
        if buffer[i] == 0x23 {  // #
            i += 1
            guard i < end else { throw more("CharRef: invalid value", at: start) }
            let hex = buffer[i] == 0x78
            if hex { i += 1 }
            var value: UInt32 = 0
            var digits = 0
            while true {
                guard i < end else { throw more("CharRef: invalid value", at: start) }
                let b = buffer[i]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(b - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(b - 0x41 + 10)
                case 0x3B where digits > 0:
                    guard Self.isAllowed(value) else {
                        throw syntaxError("xmlParseCharRef: invalid xmlChar value \(value)", at: start)
                    }
                    scratch.append(scalar: value)
                    return i + 1
                default:
                    throw syntaxError(hex ? "xmlParseCharRef: invalid hexadecimal value" : "xmlParseCharRef: invalid decimal value", at: start)
                }
                value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)
                digits += 1
                i += 1
            }
        }
        let nameStart = i
        i = try scanName(from: i, context: "EntityRef: no name")
        guard i < end else { throw more("EntityRef: expecting ';'", at: start) }
        guard buffer[i] == 0x3B else { throw syntaxError("EntityRef: expecting ';'", at: i) }
        let name = UnsafeBufferPointer(start: buffer + nameStart, count: i - nameStart)
        for (entity, character) in Self.predefinedEntities
        where entity.utf8CodeUnitCount == name.count && memcmp(entity.utf8Start, name.baseAddress!, name.count) == 0 {
            scratch.append(character)
            return i + 1
        }
        throw syntaxError("Entity '\(String(decoding: name, as: UTF8.self))' not defined", at: start)
    }

    /// The five predefined entities (no others can be declared: see `scanInternalSubset`).
    static let predefinedEntities: [(StaticString, UInt8)] = [("lt", 0x3C), ("gt", 0x3E), ("amp", 0x26), ("apos", 0x27), ("quot", 0x22)]

    /// Whether a code point is a character XML 1.0 allows.
    static func isAllowed(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x1_0000 && v <= 0x10_FFFF)
    }

    /// The length of the UTF-8 character at `offset` (a lead byte ≥ 0x80), checked: well-formed
    /// UTF-8 and a character XML allows (no U+FFFE, U+FFFF).
    @inline(__always)
    mutating func characterLength(at offset: Int) throws -> Int {
        let b = buffer[offset]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F  // no surrogates
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw syntaxError("Input is not proper UTF-8, indicate encoding ! Bytes: 0x\(String(b, radix: 16, uppercase: true))", at: offset)
        }
        guard offset + length <= end else { throw more("Input is not proper UTF-8: the document ends inside a character", at: offset) }
        let second = buffer[offset + 1]
        guard second >= low && second <= high else {
            throw syntaxError("Input is not proper UTF-8, indicate encoding ! Bytes: 0x\(String(b, radix: 16, uppercase: true)) 0x\(String(second, radix: 16, uppercase: true))", at: offset)
        }
        for k in 2..<length where buffer[offset + k] & 0xC0 != 0x80 {
            throw syntaxError("Input is not proper UTF-8, indicate encoding !", at: offset)
        }
        if b == 0xEF && second == 0xBF && buffer[offset + 2] >= 0xBE {
            throw syntaxError("Char 0x\(buffer[offset + 2] == 0xBE ? "FFFE" : "FFFF") out of allowed range", at: offset)
        }
        return length
    }

    /// The scalar value of the checked character at `offset`.
    func scalar(at offset: Int) -> UInt32 { Self.scalar(buffer + offset) }

    /// The scalar value of well-formed UTF-8 at `p` (a lead byte ≥ 0x80).
    static func scalar(_ p: UnsafePointer<UInt8>) -> UInt32 {
        let b = UInt32(p[0])
        if b < 0xE0 { return (b & 0x1F) << 6 | UInt32(p[1] & 0x3F) }
        if b < 0xF0 { return (b & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F) }
        return (b & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6 | UInt32(p[3] & 0x3F)
    }

    // MARK: Names

    /// A name at `start` (XML 1.0 fifth edition's NameStartChar, NameChar); returns its end.
    mutating func scanName(from start: Int, context: @autoclosure () -> String) throws -> Int {
        var i = start
        while true {
            guard i < end else { throw more(context(), at: start) }
            let b = buffer[i]
            if b < 0x80 {
                let kind = tables.asciiName[Int(b)]
                if kind == 0 || (kind == 2 && i == start) { break }
                i += 1
            } else {
                let length = try characterLength(at: i)
                let v = scalar(at: i)
                guard Self.isNameCharacter(v, first: i == start) else { break }
                i += length
            }
        }
        if i == start { throw syntaxError(context(), at: start) }
        return i
    }

    static func isNameCharacter(_ v: UInt32, first: Bool) -> Bool {
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F,
             0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x1_0000...0xE_FFFF:
            return true
        case 0xB7, 0x300...0x36F, 0x203F...0x2040:
            return !first
        default:
            return false
        }
    }

    /// Skips white space from `start`; returns where it ends.
    @inline(__always)
    mutating func skipSpace(from start: Int, context: @autoclosure () -> String) throws -> Int {
        var i = start
        while true {
            guard i < end else { throw more(context(), at: start) }
            guard Self.isSpace(buffer[i]) else { return i }
            i += 1
        }
    }

    /// White space from `start`, at least one character of it; returns where it ends.
    mutating func requireSpace(from start: Int, context: @autoclosure () -> String) throws -> Int {
        let i = try skipSpace(from: start, context: context())
        guard i > start else { throw syntaxError(context(), at: start) }
        return i
    }

    // MARK: Tags

    mutating func scanStartTag(from start: Int) throws -> Bool? {
        if phase == .epilog { throw syntaxError("Extra content at the end of the document", at: start) }
        let nameEnd = try scanName(from: start + 1, context: "StartTag: invalid element name")
        scratch.removeAll()
        if !attributeList.isEmpty { attributeList.removeAll(keepingCapacity: true) }
        var i = nameEnd
        var empty = false
        var declaresPrefix = false
        while true {
            let afterSpace = try skipSpace(from: i, context: "Couldn't find end of Start Tag")
            let b = buffer[afterSpace]
            if b == 0x3E {  // >
                i = afterSpace + 1
                break
            }
            if b == 0x2F {  // />
                guard afterSpace + 1 < end else { throw more("Couldn't find end of Start Tag", at: start) }
                guard buffer[afterSpace + 1] == 0x3E else { throw syntaxError("Couldn't find end of Start Tag", at: afterSpace) }
                i = afterSpace + 2
                empty = true
                break
            }
            guard afterSpace > i else { throw syntaxError("attributes construct error", at: afterSpace) }
            i = try scanAttribute(from: afterSpace)
            if let last = attributeList.last, Self.isPrefixDeclaration(scratch.bytes + last.nameStart, last.nameEnd - last.nameStart) {
                declaresPrefix = true
            }
        }
        // The token is complete: now the document state changes.
        let depth = openEnds.count
        if declaresPrefix { declarePrefixes(depth: depth) }
        try checkPrefixes(elementNameEnd: nameEnd, start: start, depth: depth)
        if phase != .content { phase = .content }
        nodeType = .element
        nodeStart = start
        self.depth = depth
        nameStart = start + 1
        self.nameEnd = nameEnd
        isEmptyElement = empty
        text = UnsafeBufferPointer(start: nil, count: 0)
        if empty {
            prefixes.removeAll { $0.depth >= depth }
            if depth == 0 { phase = .epilog }
        } else {
            openNames.append(buffer + start + 1, count: nameEnd - start - 1)
            openEnds.append(openNames.count)
        }
        position = i
        return true
    }

    /// One `name="value"` at `start`: name and normalized value appended to `scratch` and
    /// `attributeList`; returns the offset after the closing quote.
    mutating func scanAttribute(from start: Int) throws -> Int {
        let nameEnd = try scanName(from: start, context: "error parsing attribute name")
        var i = try skipSpace(from: nameEnd, context: "Couldn't find end of Start Tag")
        let name = UnsafeBufferPointer(start: buffer + start, count: nameEnd - start)
        guard buffer[i] == 0x3D else {
            throw syntaxError("Specification mandates value for attribute \(String(decoding: name, as: UTF8.self))", at: i)
        }
        i = try skipSpace(from: i + 1, context: "AttValue: \" or ' expected")
        let quote = buffer[i]
        guard quote == 0x22 || quote == 0x27 else { throw syntaxError("AttValue: \" or ' expected", at: i) }
        i += 1
        // A repeated name is an error.
        for a in attributeList where a.nameEnd - a.nameStart == name.count && Self.bytesEqual(scratch.bytes + a.nameStart, name.baseAddress!, name.count) {
            throw syntaxError("Attribute \(String(decoding: name, as: UTF8.self)) redefined", at: start)
        }
        let nameOffset = scratch.count
        scratch.append(name.baseAddress!, count: name.count)
        let valueOffset = scratch.count
        var runStart = i
        while true {
            let stops = tables.valueStops
            while i < end && !stops[Int(buffer[i])] { i += 1 }
            guard i < end else { throw more("AttValue: ' expected", at: start) }
            let b = buffer[i]
            if b == quote { break }
            scratch.append(buffer + runStart, count: i - runStart)
            switch b {
            case 0x22, 0x27:  // the other quote
                scratch.append(b)
                i += 1
            case 0x26:
                i = try scanReference(from: i)
            case 0x3C:
                throw syntaxError("Unescaped '<' not allowed in attributes values", at: i)
            case 0x0D:  // CR LF, CR, LF and tab are each one space
                scratch.append(0x20)
                i += 1
                if i >= end && !exhausted { throw NeedMore() }
                if i < end && buffer[i] == 0x0A { i += 1 }
            case 0x09, 0x0A:
                scratch.append(0x20)
                i += 1
            case 0x80...:
                let length = try characterLength(at: i)
                scratch.append(buffer + i, count: length)
                i += length
            default:
                throw syntaxError("invalid character in attribute value", at: i)
            }
            runStart = i
        }
        scratch.append(buffer + runStart, count: i - runStart)
        attributeList.append(Attribute(nameStart: nameOffset, nameEnd: valueOffset, valueStart: valueOffset, valueEnd: scratch.count))
        return i + 1
    }

    mutating func scanEndTag(from start: Int) throws -> Bool? {
        let nameEnd = try scanName(from: start + 2, context: "xmlParseEndTag: '</' not found")
        let close = try skipSpace(from: nameEnd, context: "expected '>'")
        guard buffer[close] == 0x3E else { throw syntaxError("expected '>'", at: close) }
        guard let openEnd = openEnds.last else { throw syntaxError("Extra content at the end of the document", at: start) }
        let openStart = openEnds.count > 1 ? openEnds[openEnds.count - 2] : 0
        let name = UnsafeBufferPointer(start: buffer + start + 2, count: nameEnd - start - 2)
        let matches = openEnd - openStart == name.count && Self.bytesEqual(openNames.bytes + openStart, name.baseAddress!, name.count)
        guard matches else {
            let open = String(decoding: UnsafeBufferPointer(start: openNames.bytes + openStart, count: openEnd - openStart), as: UTF8.self)
            throw syntaxError("Opening and ending tag mismatch: \(open) and \(String(decoding: name, as: UTF8.self))", at: start)
        }
        openNames.removeLast(name.count)
        openEnds.removeLast()
        let depth = openEnds.count
        if !prefixes.isEmpty { prefixes.removeAll { $0.depth >= depth } }
        if depth == 0 { phase = .epilog }
        nodeType = .endElement
        nodeStart = start
        self.depth = depth
        nameStart = start + 2
        self.nameEnd = nameEnd
        isEmptyElement = false
        if !attributeList.isEmpty { attributeList.removeAll(keepingCapacity: true) }
        text = UnsafeBufferPointer(start: nil, count: 0)
        position = close + 1
        return true
    }

    // MARK: Namespaces

    static func isPrefixDeclaration(_ name: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        count > 6 && memcmp(name, "xmlns:", 6) == 0
    }

    /// Records the prefixes the current element's attributes declare (`xmlns:p="…"`).
    mutating func declarePrefixes(depth: Int) {
        for a in attributeList where Self.isPrefixDeclaration(scratch.bytes + a.nameStart, a.nameEnd - a.nameStart) {
            prefixes.append((depth, Array(UnsafeBufferPointer(start: scratch.bytes + a.nameStart + 6, count: a.nameEnd - a.nameStart - 6))))
        }
    }

    /// Prefixed names must be well-formed QNames with a declared prefix (`xml` always is).
    mutating func checkPrefixes(elementNameEnd: Int, start: Int, depth: Int) throws {
        func check(_ name: UnsafeBufferPointer<UInt8>, attribute: Bool) throws {
            guard let colon = name.firstIndex(of: 0x3A) else { return }
            let prefix = UnsafeBufferPointer(rebasing: name[..<colon])
            // Both parts are names without colons (NCNames): the local part starts as a name.
            let local = UnsafeBufferPointer(rebasing: name[(colon + 1)...])
            let first = local.first.map { b in
                b < 0x80 ? tables.asciiName[Int(b)] == 1 : Self.isNameCharacter(Self.scalar(local.baseAddress!), first: true)
            } ?? false
            if prefix.isEmpty || !first || local.contains(0x3A) {
                throw syntaxError("Failed to parse QName '\(String(decoding: name, as: UTF8.self))'", at: start)
            }
            // `xml:lang` on every <tuv>: bytes compared in place.
            if prefix.count == 3 && prefix[0] == 0x78 && prefix[1] == 0x6D && prefix[2] == 0x6C { return }
            if attribute && prefix.count == 5 && memcmp(prefix.baseAddress!, "xmlns", 5) == 0 { return }
            if prefixes.contains(where: { $0.prefix.elementsEqual(prefix) }) { return }
            throw syntaxError("Namespace prefix \(String(decoding: prefix, as: UTF8.self)) on \(String(decoding: local, as: UTF8.self)) is not defined", at: start)
        }
        try check(UnsafeBufferPointer(start: buffer + start + 1, count: elementNameEnd - start - 1), attribute: false)
        for index in attributeList.indices {
            let a = attributeList[index]
            try check(UnsafeBufferPointer(start: scratch.bytes + a.nameStart, count: a.nameEnd - a.nameStart), attribute: true)
        }
    }

    // MARK: Comments, processing instructions, document type

    /// `<!-- … -->`: checked (no `--` inside, allowed characters); returns the offset after it.
    mutating func scanComment(from start: Int) throws -> Int {
        var i = start + 4
        while true {
            guard i < end else { throw more("Comment not terminated", at: start) }
            let b = buffer[i]
            if b == 0x2D {
                guard i + 1 < end else { throw more("Comment not terminated", at: start) }
                if buffer[i + 1] == 0x2D {
                    guard i + 2 < end else { throw more("Comment not terminated", at: start) }
                    guard buffer[i + 2] == 0x3E else { throw syntaxError("Double hyphen within comment", at: i) }
                    return i + 3
                }
                i += 1
            } else if b >= 0x80 {
                i += try characterLength(at: i)
            } else if b < 0x20 && !Self.isSpace(b) {
                throw syntaxError("xmlParseComment: invalid xmlChar value \(b)", at: i)
            } else {
                i += 1
            }
        }
    }

    /// `<?target …?>`, or the XML declaration at the very start: checked; returns the offset
    /// after it.
    mutating func scanProcessingInstruction(from start: Int) throws -> Int {
        let nameEnd = try scanName(from: start + 2, context: "xmlParsePI : no target name")
        let target = String(decoding: UnsafeBufferPointer(start: buffer + start + 2, count: nameEnd - start - 2), as: UTF8.self)
        if target.utf8.contains(0x3A) { throw syntaxError("colons are forbidden from PI names '\(target)'", at: start) }
        if target.lowercased() == "xml" {
            guard target == "xml", phase == .start, base + start == 0 else {
                throw syntaxError("XML declaration allowed only at the start of the document", at: start)
            }
            return try scanDeclaration(from: nameEnd, start: start)
        }
        var i = nameEnd
        guard i < end else { throw more("PI \(target) never end ...", at: start) }
        if !Self.isSpace(buffer[i]) {
            guard try has("?>", at: i) else { throw syntaxError("ParsePI: PI \(target) space expected", at: i) }
        }
        while true {
            guard i < end else { throw more("PI \(target) never end ...", at: start) }
            let b = buffer[i]
            if b == 0x3F, try has("?>", at: i) { return i + 2 }
            if b >= 0x80 {
                i += try characterLength(at: i)
            } else if b < 0x20 && !Self.isSpace(b) {
                throw syntaxError("xmlParsePI: invalid xmlChar value \(b)", at: i)
            } else {
                i += 1
            }
        }
    }

    /// The XML declaration's pseudo-attributes (`version`, then `encoding`, `standalone`);
    /// returns the offset after `?>`. The encoding was taken into account before scanning.
    mutating func scanDeclaration(from nameEnd: Int, start: Int) throws -> Int {
        var i = nameEnd
        var seen: [String] = []
        while true {
            let afterSpace = try skipSpace(from: i, context: "parsing XML declaration: '?>' expected")
            if try has("?>", at: afterSpace) {
                guard seen.first == "version" else { throw syntaxError("Malformed declaration expecting version", at: afterSpace) }
                return afterSpace + 2
            }
            guard afterSpace > i else { throw syntaxError("parsing XML declaration: '?>' expected", at: afterSpace) }
            let keyEnd = try scanName(from: afterSpace, context: "parsing XML declaration: '?>' expected")
            let key = String(decoding: UnsafeBufferPointer(start: buffer + afterSpace, count: keyEnd - afterSpace), as: UTF8.self)
            var j = try skipSpace(from: keyEnd, context: "parsing XML declaration: '?>' expected")
            guard buffer[j] == 0x3D else { throw syntaxError("Blank needed here", at: j) }
            j = try skipSpace(from: j + 1, context: "String not started expecting ' or \"")
            let quote = buffer[j]
            guard quote == 0x22 || quote == 0x27 else { throw syntaxError("String not started expecting ' or \"", at: j) }
            var k = j + 1
            while true {
                guard k < end else { throw more("String not closed", at: j) }
                if buffer[k] == quote { break }
                guard buffer[k] < 0x80 else { throw syntaxError("invalid character in the XML declaration", at: k) }
                k += 1
            }
            let value = String(decoding: UnsafeBufferPointer(start: buffer + j + 1, count: k - j - 1), as: UTF8.self)
            let expected = ["version", "encoding", "standalone"]
            guard let order = expected.firstIndex(of: key), seen.allSatisfy({ expected.firstIndex(of: $0)! < order }) else {
                throw syntaxError(seen.isEmpty ? "Malformed declaration expecting version" : "parsing XML declaration: '?>' expected", at: afterSpace)
            }
            switch key {
            case "version":
                // libxml2 takes any 1.x (and "1." alone) with a warning: so do we.
                guard value.hasPrefix("1."), value.utf8.dropFirst(2).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    throw syntaxError("Unsupported version '\(value)'", at: j)
                }
            case "encoding":
                guard let first = value.unicodeScalars.first, first.properties.isAlphabetic,
                      value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) })
                else { throw syntaxError("Invalid XML encoding name", at: j) }
            default:
                guard value == "yes" || value == "no" else { throw syntaxError("standalone accepts only 'yes' or 'no'", at: j) }
            }
            seen.append(key)
            i = k + 1
        }
    }

    /// `<!DOCTYPE name (external id)? ([ internal subset ])? >`: checked for its syntax and
    /// skipped. Nothing is loaded; entity declarations and parameter-entity references are
    /// refused.
    mutating func scanDocumentType(from start: Int) throws {
        guard phase == .start || phase == .prolog, !sawDocumentType else {
            throw syntaxError("Extra content at the end of the document", at: start)
        }
        // libxml2 does without the space after "<!DOCTYPE": so do we.
        var i = try skipSpace(from: start + 9, context: "DOCTYPE improperly terminated")
        i = try scanName(from: i, context: "xmlParseDocTypeDecl : no DOCTYPE name !")
        i = try skipSpace(from: i, context: "DOCTYPE improperly terminated")
        if try has("SYSTEM", at: i) {
            i = try scanLiteral(from: try requireSpace(from: i + 6, context: "Space required after 'SYSTEM'"))
        } else if try has("PUBLIC", at: i) {
            i = try scanLiteral(from: try requireSpace(from: i + 6, context: "Space required after 'PUBLIC'"))
            i = try scanLiteral(from: try requireSpace(from: i, context: "Space required after the Public Identifier"))
        }
        i = try skipSpace(from: i, context: "DOCTYPE improperly terminated")
        if buffer[i] == 0x5B {  // [
            i = try scanInternalSubset(from: i + 1)
            i = try skipSpace(from: i, context: "DOCTYPE improperly terminated")
        }
        guard buffer[i] == 0x3E else { throw syntaxError("DOCTYPE improperly terminated", at: i) }
        sawDocumentType = true
        phase = .prolog
        position = i + 1
    }

    /// A quoted literal at `start`; returns the offset after its closing quote.
    mutating func scanLiteral(from start: Int) throws -> Int {
        let quote = buffer[start]
        guard quote == 0x22 || quote == 0x27 else { throw syntaxError("SystemLiteral \" or ' expected", at: start) }
        var i = start + 1
        while true {
            guard i < end else { throw more("Unfinished SystemLiteral", at: start) }
            let b = buffer[i]
            if b == quote { return i + 1 }
            if b >= 0x80 {
                i += try characterLength(at: i)
            } else if b < 0x20 && !Self.isSpace(b) {
                throw syntaxError("invalid character in a literal", at: i)
            } else {
                i += 1
            }
        }
    }

    static let refusedEntities = "the document declares its own XML entities; entity declarations are refused "
        + "(they can read local files or expand without bound)"

    /// The declarations between `[` and `]`; returns the offset after `]`.
    mutating func scanInternalSubset(from start: Int) throws -> Int {
        var i = start
        while true {
            i = try skipSpace(from: i, context: "xmlParseInternalSubset: error detected in Markup declaration")
            let b = buffer[i]
            if b == 0x5D { return i + 1 }
            let declaresEntity = try has("<!ENTITY", at: i)
            if b == 0x25 || declaresEntity {
                throw TMKitError(.malformedXML, Self.refusedEntities, hint: "remove the DOCTYPE's entity declarations",
                                 file: source, line: lineNumber(at: i), column: columnNumber(at: i))
            }
            if try has("<!--", at: i) {
                i = try scanComment(from: i)
                continue
            }
            if try has("<?", at: i) {
                // Not at the document's start: a declaration here is refused as such.
                i = try scanProcessingInstruction(from: i)
                continue
            }
            guard try has("<!", at: i) else {
                throw syntaxError("xmlParseInternalSubset: error detected in Markup declaration", at: i)
            }
            // ELEMENT, ATTLIST, NOTATION: up to the `>` outside quotes.
            var j = i + 2
            var quote: UInt8 = 0
            while true {
                guard j < end else { throw more("xmlParseInternalSubset: error detected in Markup declaration", at: i) }
                let c = buffer[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x3E {
                    break
                } else if c == 0x25 {
                    throw TMKitError(.malformedXML, Self.refusedEntities, hint: "remove the DOCTYPE's entity declarations",
                                     file: source, line: lineNumber(at: j), column: columnNumber(at: j))
                }
                if c >= 0x80 { j += try characterLength(at: j) } else { j += 1 }
            }
            i = j + 1
        }
    }
}
