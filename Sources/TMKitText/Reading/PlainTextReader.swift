import Foundation

/// Reads plain text into paragraphs: a paragraph is a block of lines between blank lines (or,
/// with `onePerLine`, every non-blank line).
///
/// Inside a block, line breaks become spaces, except after a heading: a short line without final
/// punctuation that opens a block (or follows a finished sentence) stays a line of its own, so the
/// segmenter makes it its own segment. Paragraph text keeps the file's bytes one for one
/// (`isVerbatim`), so every segment knows its exact byte range and line.
public enum PlainTextReader {
    public struct Options: Sendable {
        /// Every non-blank line is a paragraph.
        public var onePerLine: Bool
        /// Replace invalid UTF-8 with U+FFFD (and warn) instead of failing.
        public var lossy: Bool

        public init(onePerLine: Bool = false, lossy: Bool = false) {
            self.onePerLine = onePerLine
            self.lossy = lossy
        }
    }

    /// Reads a whole file (or "-" for standard input) into a document.
    public static func read(_ path: String, options: Options = Options()) throws -> Document {
        var paragraphs: [Paragraph] = []
        let warnings = try forEachParagraph(path, options: options) { paragraphs.append($0) }
        return Document(path: path, format: .text, paragraphs: paragraphs, warnings: warnings)
    }

    /// Paragraphs of text already in memory.
    public static func paragraphs(in text: String, file: String, onePerLine: Bool = false) -> [Paragraph] {
        var result: [Paragraph] = []
        var splitter = BlockSplitter(file: file, onePerLine: onePerLine)
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            _ = try? splitter.consume(buffer, isFinal: true) { result.append($0) }
        }
        return result
    }

    /// Streams a file paragraph by paragraph; memory holds one chunk and one paragraph at a time.
    /// UTF-16 files are decoded whole first. Returns warnings (such as replaced bytes).
    /// - Throws: the `TextFile` errors (missing, directory, empty, binary, invalid UTF-8 with its offset).
    @discardableResult
    public static func forEachParagraph(_ path: String, options: Options = Options(), chunkSize: Int = 1 << 20,
                                        _ body: (Paragraph) throws -> Void) throws -> [String] {
        if path == "-" {
            let file = try TextFile.read(path, lossy: options.lossy)
            var splitter = BlockSplitter(file: path, onePerLine: options.onePerLine)
            let bytes = Array(file.text.utf8)
            try bytes.withUnsafeBufferPointer { buffer in
                _ = try splitter.consume(buffer, isFinal: true, body)
            }
            return file.warning.map { [$0] } ?? []
        }
        try TextFile.checkReadable(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TMKitError(.notReadable, "cannot open the file", hint: "check its permissions", file: path)
        }
        defer { try? handle.close() }
        var pending = [UInt8]()
        var first = true
        var splitter = BlockSplitter(file: path, onePerLine: options.onePerLine)
        var fileOffset = 0  // bytes of the file before `pending`
        var sawText = false
        var warnings: [String] = []
        while true {
            let data = handle.readData(ofLength: chunkSize)
            let isFinal = data.isEmpty
            if !isFinal { pending.append(contentsOf: data) }
            if first {
                if pending.count < 4 && !isFinal { continue }
                first = false
                if pending.count >= 2 && (pending[0] == 0xFF && pending[1] == 0xFE || pending[0] == 0xFE && pending[1] == 0xFF) {
                    // UTF-16: decode the whole file, then split.
                    var rest = pending
                    while true {
                        let more = handle.readData(ofLength: chunkSize)
                        if more.isEmpty { break }
                        rest.append(contentsOf: more)
                    }
                    let file = try TextFile.decode(rest, path: path, lossy: options.lossy)
                    let bytes = Array(file.text.utf8)
                    try bytes.withUnsafeBufferPointer { buffer in
                        _ = try splitter.consume(buffer, isFinal: true, body)
                    }
                    return file.warning.map { [$0] } ?? []
                }
                if pending.count >= 3 && pending[0] == 0xEF && pending[1] == 0xBB && pending[2] == 0xBF {
                    pending.removeFirst(3)
                    splitter.fileOffsetBias = 3
                }
                if pending.isEmpty && isFinal {
                    throw TMKitError(.emptyInput, "the file is empty", hint: "give a file with text in it", file: path)
                }
            }
            if pending.contains(0) {
                throw TMKitError(.binaryInput, "this is a binary file, not text (it contains NUL bytes)",
                                 hint: "give a text file: UTF-8, or UTF-16 with a byte order mark", file: path)
            }
            let usable = isFinal ? pending.count : completeUTF8Prefix(pending)
            splitter.lossy = options.lossy
            let consumed = try pending.withUnsafeBufferPointer { buffer in
                try splitter.consume(UnsafeBufferPointer(rebasing: buffer[0..<usable]), isFinal: isFinal) { paragraph in
                    sawText = true
                    try body(paragraph)
                }
            }
            fileOffset += consumed
            pending.removeFirst(consumed)
            if isFinal { break }
        }
        if splitter.replacedBytes > 0, let first = splitter.firstReplacedOffset {
            warnings.append("\(path): replaced \(splitter.replacedBytes) invalid UTF-8 byte\(splitter.replacedBytes == 1 ? "" : "s") with U+FFFD (first at byte \(first))")
        }
        if !sawText {
            throw TMKitError(.emptyInput, "the file has no text (only white space)", hint: "give a file with text in it", file: path)
        }
        return warnings
    }

    /// The length of the longest prefix that does not end inside a UTF-8 sequence.
    static func completeUTF8Prefix(_ bytes: [UInt8]) -> Int {
        var i = bytes.count
        var back = 0
        while i > 0 && back < 4 {
            let b = bytes[i - 1]
            if b & 0xC0 != 0x80 {
                // A lead byte at i-1: is its sequence complete?
                let need = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                return need <= back + 1 ? bytes.count : i - 1
            }
            i -= 1
            back += 1
        }
        return bytes.count
    }
}

/// Splits UTF-8 bytes into paragraphs; keeps its position (offset, line, paragraph index)
/// across chunks.
struct BlockSplitter {
    let file: String
    let onePerLine: Bool
    var offset = 0  // file offset of the buffer's first byte
    var line = 1  // line number of the buffer's first byte
    var index = 0
    /// Replace invalid UTF-8 (counting it) instead of throwing.
    var lossy = false
    var replacedBytes = 0
    /// File offset of the first replaced byte (with `lossy`).
    var firstReplacedOffset: Int?
    /// Bytes of the file before the text (a UTF-8 byte order mark): locations count from the
    /// text, but messages about bad bytes give file offsets, as `TextFile` does.
    var fileOffsetBias = 0

    init(file: String, onePerLine: Bool) {
        self.file = file
        self.onePerLine = onePerLine
    }

    struct Line {
        var start: Int  // content start (after leading white space)
        var end: Int  // content end (before trailing white space)
        var rawStart: Int
        var number: Int
    }

    /// Emits every complete paragraph in `bytes` and returns how many bytes were consumed (up to
    /// the start of an unfinished block, unless `isFinal`).
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool, _ emit: (Paragraph) throws -> Void) throws -> Int {
        var block: [Line] = []
        var blockRawStart = 0
        var blockStartLine = line
        var position = 0
        var currentLine = line
        let count = bytes.count
        while position < count {
            // Find the end of this line.
            var lineEnd = count
            if let found = memchr(bytes.baseAddress! + position, 0x0A, count - position) {
                lineEnd = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if lineEnd == count && !isFinal { break }  // incomplete line: wait for more
            var start = position
            var end = lineEnd
            while start < end && Self.isSpace(bytes[start]) { start += 1 }
            while end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
            let isBlank = start == end || Self.isIdeographicSpaceOnly(bytes, start, end)
            if isBlank {
                if !block.isEmpty {
                    try emit(try makeParagraph(bytes, block))
                    block.removeAll()
                }
            } else {
                if block.isEmpty {
                    blockRawStart = position
                    blockStartLine = currentLine
                }
                block.append(Line(start: start, end: end, rawStart: position, number: currentLine))
                if onePerLine {
                    try emit(try makeParagraph(bytes, block))
                    block.removeAll()
                }
            }
            position = lineEnd < count ? lineEnd + 1 : lineEnd
            currentLine += 1
        }
        if !block.isEmpty {
            if isFinal {
                try emit(try makeParagraph(bytes, block))
                block.removeAll()
            } else {
                // Hand the unfinished block back to the caller.
                position = blockRawStart
                currentLine = blockStartLine
            }
        }
        offset += position
        line = currentLine
        return position
    }

    private mutating func makeParagraph(_ bytes: UnsafeBufferPointer<UInt8>, _ block: [Line]) throws -> Paragraph {
        let start = block[0].start
        let end = block[block.count - 1].end
        if block.count == 1, let valid = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) {
            // One line: the bytes are the text.
            let paragraph = Paragraph(
                text: valid, kind: Self.endsSentence(bytes, block[0]) ? (onePerLine ? .line : .paragraph) : .heading,
                location: SourceLocation(file: file, line: block[0].number, byteRange: (offset + start)..<(offset + end)),
                index: index, isVerbatim: true, lineStarts: [])
            index += 1
            return paragraph
        }
        var text = [UInt8](bytes[start..<end])
        var lineStarts: [Int] = []
        let longest = block.map { $0.end - $0.start }.max() ?? 0
        var previousFinished = true
        for (i, line) in block.enumerated() {
            if i > 0 { lineStarts.append(line.rawStart - start) }
            guard i + 1 < block.count else { break }
            let next = block[i + 1]
            let keepBreak = Self.isHeading(bytes, line, next, longest: longest, previousFinished: previousFinished)
            // Turn the line break (and a CR before it) into spaces; after a heading keep the LF.
            for j in line.end..<next.start where j >= start {
                let b = text[j - start]
                if b == 0x0A { text[j - start] = keepBreak ? 0x0A : 0x20 }
                else if b == 0x0D || b == 0x09 || b == 0x0C { text[j - start] = 0x20 }
            }
            previousFinished = Self.endsSentence(bytes, line) || keepBreak
        }
        // Each paragraph's bytes are validated once, here.
        let string: String
        if let valid = String(validating: text, as: UTF8.self) {
            string = valid
        } else {
            let bad = Self.firstInvalidByte(text)
            if !lossy {
                throw TMKitError(.invalidEncoding, "invalid UTF-8 at byte \(fileOffsetBias + offset + start + bad) (\(String(format: "0x%02X", text[bad])))",
                                 hint: "re-save the file as UTF-8, or pass --lossy to replace bad bytes with U+FFFD",
                                 file: file, line: lineNumberOf(bad, block: block, start: start))
            }
            let repaired = String(decoding: text, as: UTF8.self)
            replacedBytes += Self.countInvalidBytes(text)
            if firstReplacedOffset == nil { firstReplacedOffset = fileOffsetBias + offset + start + bad }
            string = repaired
        }
        let paragraph = Paragraph(
            text: string,
            kind: block.count == 1 && !Self.endsSentence(bytes, block[0]) ? .heading : (onePerLine ? .line : .paragraph),
            location: SourceLocation(file: file, line: block[0].number, byteRange: (offset + start)..<(offset + end)),
            index: index, isVerbatim: true, lineStarts: lineStarts)
        index += 1
        return paragraph
    }

    private func lineNumberOf(_ offsetInText: Int, block: [Line], start: Int) -> Int {
        var number = block[0].number
        for line in block.dropFirst() where line.rawStart - start <= offsetInText { number = line.number }
        return number
    }

    static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    static func countInvalidBytes(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var count = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .error(let length): count += length
            case .emptyInput: return count
            }
        }
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B }

    static func isIdeographicSpaceOnly(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // U+3000 IDEOGRAPHIC SPACE (E3 80 80) and U+00A0 (C2 A0) count as blank.
        var i = start
        while i < end {
            if bytes[i] == 0xE3 && i + 2 < end + 1 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 { i += 3; continue }
            if bytes[i] == 0xC2 && i + 1 < end && bytes[i + 1] == 0xA0 { i += 2; continue }
            if isSpace(bytes[i]) { i += 1; continue }
            return false
        }
        return true
    }

    /// Whether a line ends a sentence (or clause): final punctuation, possibly inside closing
    /// quotes or brackets.
    static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        // Only the last few characters matter: decode from a scalar boundary near the end.
        var from = max(line.start, line.end - 24)
        while from > line.start && bytes[from] & 0xC0 == 0x80 { from -= 1 }
        let text = String(decoding: bytes[from..<line.end], as: UTF8.self)
        var scalars = text.unicodeScalars.reversed().makeIterator()
        while let scalar = scalars.next() {
            if closers.contains(scalar) { continue }
            return terminals.contains(scalar)
        }
        return false
    }

    static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]", "}", "」", "』", "》", "〉", "»", "*", "_"]
    static let terminals: Set<Unicode.Scalar> = [".", "!", "?", "…", ":", ";", ",", "。", "？", "！", "，", "、", "—", "–", "-", "：", "；"]

    /// A heading: a line without final punctuation, clearly shorter than the block's longest line,
    /// opening the block or following a finished sentence, and followed by a line that starts a
    /// sentence (not with a lowercase letter).
    static func isHeading(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Line, _ next: Line, longest: Int, previousFinished: Bool) -> Bool {
        guard previousFinished, !endsSentence(bytes, line) else { return false }
        let length = line.end - line.start
        guard length * 10 < longest * 7 else { return false }
        let nextText = String(decoding: bytes[next.start..<min(next.end, next.start + 8)], as: UTF8.self)
        guard let first = nextText.unicodeScalars.first else { return false }
        return !first.properties.isLowercase
    }
}
