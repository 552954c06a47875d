import TMKitText

/// A small element tree for one TBX entry, built from the streaming `XMLReader` so that a large
/// file is never held in memory as a whole: the reader builds one `conceptEntry` at a time.
final class XMLNode {
    /// The local name (`termSec`), without a namespace prefix.
    let name: String
    /// The qualified name as written (`min:partOfSpeech`).
    let qualifiedName: String
    let namespace: String
    let attributes: [(name: String, value: String)]
    var children: [XMLNode] = []
    /// All text inside the element, descendants' text included, in document order.
    var text = ""
    /// True when the element holds both text and child elements (inline markup such as `<hi>`).
    var hasInlineMarkup = false
    /// 1-based line of the start tag.
    let line: Int
    /// How many elements of the same name start earlier on the same line (to find the column).
    let occurrence: Int

    init(reader: XMLReader, counter: inout LineCounter) {
        name = reader.localName
        qualifiedName = reader.name
        namespace = reader.namespaceURI
        attributes = reader.attributes
        line = reader.line
        occurrence = counter.next(line: line, name: qualifiedName)
    }

    /// Counts start tags per name on the current line.
    struct LineCounter {
        var line = 0
        var counts: [String: Int] = [:]

        mutating func next(line: Int, name: String) -> Int {
            if line != self.line {
                self.line = line
                counts.removeAll(keepingCapacity: true)
            }
            defer { counts[name, default: 0] += 1 }
            return counts[name, default: 0]
        }
    }

    /// The 1-based column (in characters) of this element's start tag in `lineText`, the text of
    /// its line.
    func column(in lineText: String) -> Int? {
        let needle = Array(("<" + qualifiedName).unicodeScalars)
        let scalars = Array(lineText.unicodeScalars)
        var seen = 0
        var i = 0
        while i + needle.count <= scalars.count {
            if scalars[i] == needle[0] && Array(scalars[i..<(i + needle.count)]) == needle {
                let next = i + needle.count < scalars.count ? scalars[i + needle.count] : ">"
                if next == ">" || next == "/" || next == " " || next == "\t" || next == "\r" {
                    if seen == occurrence { return i + 1 }
                    seen += 1
                }
            }
            i += 1
        }
        return nil
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The text with runs of white space folded to one space, trimmed, in NFC.
    var collapsedText: String { XMLNode.collapse(text) }

    static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out.nfc
    }

    /// Reads the element the reader is on, with everything inside it, and leaves the reader on
    /// its end tag.
    /// - Throws: the reader's located error for XML that is not well-formed.
    static func read(_ reader: XMLReader, counter: inout LineCounter) throws -> XMLNode {
        let node = XMLNode(reader: reader, counter: &counter)
        if reader.isEmptyElement { return node }
        let depth = reader.depth
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                let child = try read(reader, counter: &counter)
                node.children.append(child)
                if !child.text.isEmpty { node.text += child.text }
            case .text, .cdata, .significantWhitespace, .whitespace:
                let value = reader.value
                node.text += value
                if !node.children.isEmpty, reader.nodeType == .text || reader.nodeType == .cdata {
                    node.hasInlineMarkup = true
                }
            case .endElement where reader.depth == depth:
                if !node.children.isEmpty, node.text.contains(where: { !$0.isWhitespace }),
                    node.children.allSatisfy({ XMLNode.inlineElements.contains($0.name) })
                {
                    node.hasInlineMarkup = true
                }
                return node
            default:
                continue
            }
        }
        throw reader.structureError("the document ends inside <\(node.qualifiedName)>", hint: "the file is truncated")
    }

    /// TBX inline elements, whose text counts as the enclosing element's text.
    static let inlineElements: Set<String> = ["hi", "foreign", "sc", "ec", "ph", "bpt", "ept"]
}
