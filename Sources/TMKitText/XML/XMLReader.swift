import CLibXML

/// A streaming pull reader over XML (libxml2's xmlTextReader), also used to walk HTML documents.
///
/// Safe by construction: no network, no external DTDs or entities, and documents that declare
/// entities of their own are refused (no entity-expansion bombs, no external-entity reads).
/// Memory does not grow with the file. Not thread-safe.
///
/// ```swift
/// let reader = try XMLReader(path: "memory.tmx")
/// while try reader.read() {
///     if reader.nodeType == .element && reader.name == "tu" { ... }
/// }
/// ```
public final class XMLReader {
    public enum NodeType: Int32, Sendable {
        case none = 0, element = 1, attribute = 2, text = 3, cdata = 4, entityReference = 5
        case processingInstruction = 7, comment = 8, documentType = 10
        case whitespace = 13, significantWhitespace = 14, endElement = 15
        case other = -1
    }

    private let handle: OpaquePointer
    /// The path or name used in errors.
    public let source: String
    private var bytes: UnsafeMutableRawBufferPointer?

    /// Opens a file for streaming.
    /// - Throws: `TMKitError` when the file is missing, a directory or unreadable.
    public init(path: String) throws {
        try TextFile.checkReadable(path)
        guard let handle = tmk_xml_open_file(path) else {
            throw TMKitError(.notReadable, "cannot open the file as XML", file: path)
        }
        self.handle = handle
        self.source = path
    }

    /// Reads XML from bytes in memory (copied, so the caller's buffer may go away).
    public init(bytes: [UInt8], name: String) throws {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        guard let handle = tmk_xml_open_memory(copy.baseAddress!.assumingMemoryBound(to: CChar.self), Int64(bytes.count), name) else {
            copy.deallocate()
            throw TMKitError(.malformedXML, "cannot parse the document as XML", file: name)
        }
        self.handle = handle
        self.source = name
        self.bytes = copy
    }

    /// Parses HTML bytes with libxml2's HTML parser and walks the tree with the same calls.
    public init(html bytes: [UInt8], name: String, encoding: String? = nil) throws {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        guard let handle = tmk_html_open_memory(copy.baseAddress!.assumingMemoryBound(to: CChar.self), Int64(bytes.count), name, encoding) else {
            copy.deallocate()
            throw TMKitError(.malformedXML, "cannot parse the document as HTML", file: name)
        }
        self.handle = handle
        self.source = name
        self.bytes = copy
    }

    deinit {
        tmk_xml_close(handle)
        bytes?.deallocate()
    }

    /// Moves to the next node. Returns false at the end of the document.
    /// - Throws: `TMKitError` `.malformedXML` with file:line:column and the parser's message.
    @discardableResult
    public func read() throws -> Bool {
        let r = tmk_xml_read(handle)
        if r == 1 { return true }
        if r == 0 { return false }
        throw error()
    }

    /// The first error the parser reported, located.
    public func error() -> TMKitError {
        var line: Int32 = 0
        var column: Int32 = 0
        let message = tmk_xml_error(handle, &line, &column).map { String(cString: $0) } ?? "the document is not well-formed XML"
        let refused = message.contains("entity declarations are refused")
        return TMKitError(.malformedXML, refused ? message : "not well-formed XML: \(message)",
                          hint: refused ? "remove the DOCTYPE's entity declarations" : "fix the XML at that place",
                          file: source, line: line > 0 ? Int(line) : nil, column: column > 0 ? Int(column) : nil)
    }

    public var nodeType: NodeType { NodeType(rawValue: tmk_xml_node_type(handle)) ?? .other }
    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(tmk_xml_depth(handle)) }
    /// True for an empty element such as `<ph/>`, which has no end-element node.
    public var isEmptyElement: Bool { tmk_xml_is_empty_element(handle) == 1 }
    /// The qualified name, such as `xml:lang` or `tu`.
    public var name: String { String(cString: tmk_xml_name(handle)) }
    public var localName: String { String(cString: tmk_xml_local_name(handle)) }
    public var namespaceURI: String { String(cString: tmk_xml_namespace(handle)) }
    /// The text of a text, CDATA, whitespace or comment node.
    public var value: String { String(cString: tmk_xml_value(handle)) }
    /// 1-based line of the current node (0 when unknown). For an end element, the line of its
    /// start tag.
    public var line: Int { Int(tmk_xml_line(handle)) }
    /// The column near the current node when the parser can tell it, else 0 (libxml2 keeps no
    /// columns on nodes).
    public var column: Int { Int(tmk_xml_column(handle)) }

    /// Whether the current node is `name` (an element start or end).
    @inline(__always)
    public func isNamed(_ expected: StaticString) -> Bool {
        guard let actual = tmk_xml_name(handle) else { return false }
        return expected.withUTF8Buffer { buffer in
            var i = 0
            while i < buffer.count {
                if UInt8(bitPattern: actual[i]) != buffer[i] { return false }
                i += 1
            }
            return actual[i] == 0
        }
    }

    /// The attributes of the current element in document order, names as written (`xml:lang`).
    public var attributes: [(name: String, value: String)] {
        let count = tmk_xml_attribute_count(handle)
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(Int(count))
        for i in 0..<count {
            var name: UnsafePointer<CChar>?
            var value: UnsafePointer<CChar>?
            if tmk_xml_attribute_at(handle, i, &name, &value) == 1, let name, let value {
                result.append((String(cString: name), String(cString: value)))
            }
        }
        return result
    }

    /// One attribute's value, or nil.
    public func attribute(_ name: String) -> String? {
        let count = tmk_xml_attribute_count(handle)
        for i in 0..<count {
            var n: UnsafePointer<CChar>?
            var v: UnsafePointer<CChar>?
            if tmk_xml_attribute_at(handle, i, &n, &v) == 1, let n, let v, String(cString: n) == name {
                return String(cString: v)
            }
        }
        return nil
    }

    /// A located error about the current node (for wrongly structured documents).
    public func structureError(_ message: String, hint: String? = nil) -> TMKitError {
        TMKitError(.invalidData, message, hint: hint, file: source, line: line > 0 ? line : nil,
                   column: column > 0 ? column : nil)
    }
}
