import Foundation

/// A fast streaming pull reader for large XML data files (TMX): elements, attributes and text,
/// with the calls `XMLReader` has for them, at a fraction of its cost.
///
/// Why it exists: libxml2's reader (`XMLReader`) builds and frees a tree node for every
/// element and text run, decodes text one character at a time and hands every name and value
/// over as a C string; on a 78 MB, 200,000-unit TMX file that alone takes longer than the whole
/// import may (Benchmarks/memory.md). This reader scans UTF-8 bytes in place with a table per
/// byte, and a value becomes a `String` only when asked for. `XMLReader` stays the reader for
/// everything else (HTML, TBX, SRX): it reports comments, processing instructions and the
/// document type, which this one checks and skips.
///
/// It is strict: a document that is not well-formed XML 1.0 (5th edition) is refused with
/// file:line:column and libxml2's wording where there is one (start and end tags that do not
/// match, a second root element, `]]>` in text, characters XML cannot carry, bytes that are
/// not UTF-8, undeclared namespace prefixes, ...). Line ends are normalized and attribute values
/// normalized as XML requires; the five predefined entities and character references are
/// replaced; CDATA sections are text (merged with the text around them; line ends inside are
/// kept as they are, as libxml2 keeps them). Tests hold it to libxml2's verdict on thousands of
/// randomly broken documents. Where the two differ: element, attribute-list and notation
/// declarations in an internal DTD subset are skipped without a check of their inner syntax,
/// namespace names are not checked to be URIs, and an encoding name iconv does not know is
/// refused (libxml2 reads such a file as UTF-8).
///
/// Safe by construction: it never loads anything. A document type is read for its syntax only
/// (no external DTD is fetched), and a document that declares entities of its own, or uses a
/// parameter entity, is refused: no entity-expansion bombs, no external-entity reads. Memory
/// holds one buffer, which grows only to fit the largest single token (a tag, a text run).
///
/// Encodings: UTF-8 (with or without byte-order mark) is read in place; UTF-16 and UTF-32
/// (byte-order mark or the XML declaration's first bytes) and any encoding iconv knows by the
/// declaration's name (ISO-8859-1, windows-1252, EUC-KR, ...) are converted to UTF-8 as they
/// stream in.
///
/// ```swift
/// let xml = try XMLScanner(path: "memory.tmx")
/// while try xml.read() {
///     if xml.nodeType == .element && xml.isNamed("seg") { ... }
/// }
/// ```
public final class XMLScanner {
    public typealias NodeType = XMLReader.NodeType

    /// The path or name used in errors.
    public var source: String { state.pointee.source }
    /// All that scanning changes, in a struct held through a pointer: a class's stored `var`
    /// is checked for exclusive access at run time on every read and write (a call into the
    /// Swift runtime, dearer than scanning a tag), memory behind a pointer is not. The state is
    /// owned by this object alone and never shared between threads.
    let state: UnsafeMutablePointer<State>

    /// Opens a file for streaming.
    /// - Throws: `TMKitError` when the file is missing, a directory or unreadable, or its
    ///   encoding is unknown.
    public convenience init(path: String) throws {
        try self.init(source: FileSource(path: path), name: path)
    }

    /// Reads XML from bytes in memory.
    public convenience init(bytes: [UInt8], name: String) throws {
        try self.init(source: MemorySource(bytes), name: name)
    }

    init(source raw: ByteSource, name: String) throws {
        let input = try Self.utf8Source(raw, name: name)
        state = .allocate(capacity: 1)
        state.initialize(to: State(source: name, input: input))
    }

    deinit {
        state.pointee.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Moves to the next element, end of element or text run. Returns false at the end of the
    /// document, which is then known to be well-formed to its last byte.
    /// - Throws: `TMKitError` `.malformedXML` with file:line:column.
    @discardableResult
    public func read() throws -> Bool {
        try state.pointee.read()
    }

    public var nodeType: NodeType { state.pointee.nodeType }
    /// True for an empty element such as `<ph/>`, which has no end-element node.
    public var isEmptyElement: Bool { state.pointee.isEmptyElement }
    /// Depth of the current node (the root element is 0).
    public var depth: Int { state.pointee.depth }

    /// The qualified name of the current element or end of element (`xml:lang`, `tu`).
    public var name: String {
        let s = state.pointee
        return String(decoding: UnsafeBufferPointer(start: s.buffer + s.nameStart, count: s.nameEnd - s.nameStart), as: UTF8.self)
    }

    /// Whether the current node is an element or end of element called `expected`. Compares
    /// bytes: no string is made.
    @inline(__always)
    public func isNamed(_ expected: StaticString) -> Bool {
        let count = state.pointee.nameEnd - state.pointee.nameStart
        guard expected.utf8CodeUnitCount == count else { return false }
        return State.bytesEqual(state.pointee.buffer + state.pointee.nameStart, expected.utf8Start, count)
    }

    /// The text of the current text node (decoded: references replaced, line ends normalized).
    public var value: String {
        String(decoding: state.pointee.text, as: UTF8.self)
    }

    /// The bytes of `value`, valid until the next `read()`.
    public var valueBytes: UnsafeBufferPointer<UInt8> { state.pointee.text }

    /// How many attributes the current element has.
    public var attributeCount: Int { state.pointee.attributeList.count }

    /// The name of attribute `index`, as written (`xml:lang`).
    public func attributeName(at index: Int) -> String {
        let a = state.pointee.attributeList[index]
        return String(decoding: UnsafeBufferPointer(start: state.pointee.scratch.bytes + a.nameStart, count: a.nameEnd - a.nameStart), as: UTF8.self)
    }

    /// Whether attribute `index` is called `expected` (no string is made).
    @inline(__always)
    public func attribute(at index: Int, isNamed expected: StaticString) -> Bool {
        let a = state.pointee.attributeList[index]
        guard expected.utf8CodeUnitCount == a.nameEnd - a.nameStart else { return false }
        return State.bytesEqual(state.pointee.scratch.bytes + a.nameStart, expected.utf8Start, a.nameEnd - a.nameStart)
    }

    /// The value of attribute `index` (normalized as XML requires).
    public func attributeValue(at index: Int) -> String {
        let a = state.pointee.attributeList[index]
        return String(decoding: UnsafeBufferPointer(start: state.pointee.scratch.bytes + a.valueStart, count: a.valueEnd - a.valueStart), as: UTF8.self)
    }

    /// The bytes of `attributeValue(at:)`, valid until the next `read()`.
    public func attributeValueBytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let a = state.pointee.attributeList[index]
        return UnsafeBufferPointer(start: state.pointee.scratch.bytes + a.valueStart, count: a.valueEnd - a.valueStart)
    }

    /// The attributes of the current element in document order, names as written.
    public var attributes: [(name: String, value: String)] {
        (0..<attributeCount).map { (attributeName(at: $0), attributeValue(at: $0)) }
    }

    /// One attribute's value, or nil.
    public func attribute(_ name: String) -> String? {
        (0..<attributeCount).first { attributeName(at: $0) == name }.map(attributeValue(at:))
    }

    /// 1-based line where the current node starts.
    public var line: Int { state.pointee.lineNumber(at: state.pointee.nodeStart) }

    /// 1-based column where the current node starts (in characters).
    public var column: Int { state.pointee.columnNumber(at: state.pointee.nodeStart) }

    /// A located error about the current node (for wrongly structured documents).
    public func structureError(_ message: String, hint: String? = nil) -> TMKitError {
        TMKitError(.invalidData, message, hint: hint, file: source, line: line, column: column)
    }

    /// Thrown inside a token that the buffer does not hold to its end; `read()` then reads
    /// more and scans the token again from its start.
    struct NeedMore: Error {}

    /// The scanner's state: the buffer, the document's open elements, the current node.
    struct State {
        let source: String
        let input: ByteSource

        // MARK: Buffer (UTF-8)

        var buffer: UnsafeMutablePointer<UInt8>
        var capacity = XMLScanner.initialCapacity
        /// The first byte not consumed yet.
        var position = 0
        /// The end of the bytes read so far.
        var end = 0
        /// True when the source has no more bytes.
        var exhausted = false
        /// The offset in the document of `buffer[0]`.
        var base = 0

        // MARK: Lines (counted lazily, up to `counted`)

        var counted = 0
        var lineAtCounted = 1

        // MARK: Document

        enum Phase { case start, prolog, content, epilog }
        var phase = Phase.start
        /// Names of the open elements, one after the other; `openEnds[i]` is where name i ends.
        var openNames = ByteBuffer(capacity: 256)
        var openEnds: [Int] = []
        var sawDocumentType = false
        /// Namespace prefixes declared by open elements (depth of the element, prefix).
        var prefixes: [(depth: Int, prefix: [UInt8])] = []

        // MARK: Current node

        var nodeType: NodeType = .none
        var isEmptyElement = false
        var depth = 0
        var nodeStart = 0
        var nameStart = 0
        var nameEnd = 0
        var text: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
        /// Decoded text and attributes of the current node.
        var scratch = ByteBuffer()
        struct Attribute {
            var nameStart: Int
            var nameEnd: Int
            var valueStart: Int
            var valueEnd: Int
        }
        var attributeList: [Attribute] = []
        let tables = Tables.shared

        init(source: String, input: ByteSource) {
            self.source = source
            self.input = input
            buffer = .allocate(capacity: capacity)
        }

        func deallocate() {
            buffer.deallocate()
            scratch.deallocate()
            openNames.deallocate()
        }

        mutating func read() throws -> Bool {
            while true {
                do {
                    if let more = try scanNode() { return more }
                } catch is NeedMore {
                    try refill()
                }
            }
        }

        // MARK: - Buffer and lines

        /// Keeps the bytes not consumed, and reads more after them (the buffer doubles when one
        /// token fills it).
        mutating func refill() throws {
            if position > 0 {
                countLines(upTo: position)
                let kept = end - position
                if kept > 0 { buffer.update(from: buffer + position, count: kept) }
                base += position
                counted -= position
                end = kept
                nodeStart = 0
                position = 0
            }
            if end == capacity {
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let n = try input.read(into: buffer + end, count: capacity - end)
            if n == 0 { exhausted = true } else { end += n }
        }

        /// Counts the line ends before `offset` (a buffer offset at or after `counted`).
        /// - Complexity: O(bytes), sixteen at a time (SSE2 compares; every byte of a file is
        ///   counted once, on refills if nothing asks for a line).
        mutating func countLines(upTo offset: Int) {
            guard offset > counted else { return }
            let buffer = self.buffer
            var newlines = 0
            var i = counted
            let lf = SIMD16<UInt8>(repeating: 0x0A)
            let one = SIMD16<UInt8>(repeating: 1)
            while i + 16 <= offset {
                // Per-lane counts, summed before a lane can overflow (255 blocks).
                var lanes = SIMD16<UInt8>()
                var blocks = 0
                while blocks < 255 && i + 16 <= offset {
                    let v = UnsafeRawPointer(buffer + i).loadUnaligned(as: SIMD16<UInt8>.self)
                    lanes &+= one.replacing(with: 0, where: v .!= lf)
                    i += 16
                    blocks += 1
                }
                newlines &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            }
            while i < offset {
                newlines &+= buffer[i] == 0x0A ? 1 : 0
                i += 1
            }
            lineAtCounted += newlines
            counted = offset
        }

        mutating func lineNumber(at offset: Int) -> Int {
            countLines(upTo: offset)
            return lineAtCounted
        }

        /// Characters (not continuation bytes) from the line's start, as far back as the buffer
        /// holds it (only errors ask: the search back is not worth doing for every node).
        func columnNumber(at offset: Int) -> Int {
            var column = 1
            var i = min(offset, end) - 1
            while i >= 0 && buffer[i] != 0x0A {
                if buffer[i] & 0xC0 != 0x80 { column += 1 }
                i -= 1
            }
            return column
        }

        /// An error at a buffer offset: not well-formed XML.
        mutating func syntaxError(_ message: String, at offset: Int) -> TMKitError {
            TMKitError(.malformedXML, "not well-formed XML: \(message)", hint: "fix the XML at that place", file: source,
                       line: lineNumber(at: offset), column: columnNumber(at: offset))
        }

        /// What to throw when a token runs past the bytes read: `NeedMore`, or at the end of
        /// the document, a located error.
        mutating func more(_ message: @autoclosure () -> String, at offset: Int) -> Error {
            exhausted ? syntaxError(message(), at: min(offset, end)) : NeedMore()
        }
    }

    static let initialCapacity = 1 << 18
}

/// A growable byte buffer that stays put while it is not appended to.
struct ByteBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 12) {
        bytes = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    func deallocate() { bytes.deallocate() }

    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        (bytes + count).update(from: source, count: n)
        count += n
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        bytes[count] = byte
        count += 1
    }

    /// Appends the UTF-8 form of a scalar value (already checked to be a Unicode scalar).
    mutating func append(scalar value: UInt32) {
        if value < 0x80 {
            append(UInt8(value))
        } else if value < 0x800 {
            append(UInt8(0xC0 | value >> 6))
            append(UInt8(0x80 | value & 0x3F))
        } else if value < 0x10000 {
            append(UInt8(0xE0 | value >> 12))
            append(UInt8(0x80 | value >> 6 & 0x3F))
            append(UInt8(0x80 | value & 0x3F))
        } else {
            append(UInt8(0xF0 | value >> 18))
            append(UInt8(0x80 | value >> 12 & 0x3F))
            append(UInt8(0x80 | value >> 6 & 0x3F))
            append(UInt8(0x80 | value & 0x3F))
        }
    }

    mutating func removeAll() { count = 0 }

    mutating func removeLast(_ n: Int) { count -= n }

    private mutating func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = larger
        capacity = size
    }
}
