import TMKitText

/// One attribute as written in TMX (`tuid`, `creationdate`, `x`, `type`, ...), in document order.
public struct TMXAttribute: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == TMXAttribute {
    /// The value of the first attribute called `name`.
    public subscript(named name: String) -> String? {
        first { $0.name == name }?.value
    }

    /// Sets (or, with nil, removes) an attribute, keeping the position of an existing one.
    public mutating func set(_ name: String, _ value: String?) {
        if let index = firstIndex(where: { $0.name == name }) {
            if let value { self[index].value = value } else { remove(at: index) }
        } else if let value {
            append(TMXAttribute(name, value))
        }
    }
}

/// A `<prop type="...">` (TMX's extension point) or a `<note>`: text plus attributes.
public struct TMXProperty: Hashable, Sendable {
    /// `type` for a prop; nil for a note.
    public var type: String?
    public var text: String
    /// The other attributes (`xml:lang`, `o-encoding`).
    public var attributes: [TMXAttribute]

    public init(type: String?, text: String, attributes: [TMXAttribute] = []) {
        self.type = type
        self.text = text
        self.attributes = attributes
    }
}

/// A piece of segment content: text, or an inline element (`bpt`, `ept`, `ph`, `it`, `ut`, `hi`,
/// `sub`) with its attributes and content, kept so that export writes it back as it came.
public indirect enum TMXInline: Hashable, Sendable {
    case text(String)
    case element(name: String, attributes: [TMXAttribute], content: [TMXInline])

    /// Inline elements whose content is native code (not text to translate).
    static let codeElements: Set<String> = ["bpt", "ept", "ph", "it", "ut"]
    /// Every inline element TMX 1.4b defines.
    public static let elementNames: Set<String> = ["bpt", "ept", "ph", "it", "ut", "hi", "sub"]
}

/// The content of a `<seg>`: text runs and inline elements, whitespace exactly as read.
public struct TMXSegment: Hashable, Sendable {
    public var content: [TMXInline]

    public init(_ content: [TMXInline]) {
        self.content = content
    }

    /// A segment of plain text, no codes.
    public init(text: String) {
        content = text.isEmpty ? [] : [.text(text)]
    }

    /// True when the segment holds inline elements.
    public var hasMarkup: Bool {
        content.contains { if case .element = $0 { return true } else { return false } }
    }

    /// The translatable text: text runs and the text of `hi` (highlighted text), without the
    /// native code held by `bpt`/`ept`/`ph`/`it`/`ut`. This is what matching and search see.
    /// - Complexity: O(n) in the size of the segment.
    public var plainText: String {
        if content.count == 1, case .text(let text) = content[0] { return text }
        var out = ""
        func walk(_ nodes: [TMXInline]) {
            for node in nodes {
                switch node {
                case .text(let text): out += text
                case .element(let name, _, let children):
                    if !TMXInline.codeElements.contains(name) { walk(children) }
                }
            }
        }
        walk(content)
        return out
    }

    /// The content as TMX (what goes between `<seg>` and `</seg>`), escaped; characters XML 1.0
    /// cannot carry are left out and counted in `dropped`.
    /// - Complexity: O(n) in the size of the segment.
    public func xml(dropped: inout Int) -> String {
        var out = ""
        func walk(_ nodes: [TMXInline]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    out += XMLWriter.escapeText(text, dropped: &dropped)
                case .element(let name, let attributes, let children):
                    out += "<" + name
                    for attribute in attributes {
                        out += " " + attribute.name + "=\"" + XMLWriter.escapeAttribute(attribute.value, dropped: &dropped) + "\""
                    }
                    if children.isEmpty {
                        out += "/>"
                    } else {
                        out += ">"
                        walk(children)
                        out += "</" + name + ">"
                    }
                }
            }
        }
        walk(content)
        return out
    }

    public var xml: String {
        var dropped = 0
        return xml(dropped: &dropped)
    }
}

/// A `<tuv>`: one language's version of a translation unit.
public struct TMXVariant: Hashable, Sendable {
    /// The language as written in `xml:lang` (or TMX 1.1's `lang`), canonicalized to BCP 47 when
    /// it is a valid tag.
    public var language: String
    /// The other attributes (`creationdate`, `changeid`, ...), `xml:lang` left out.
    public var attributes: [TMXAttribute]
    public var properties: [TMXProperty]
    public var notes: [TMXProperty]
    public var segment: TMXSegment

    public init(language: String, segment: TMXSegment, attributes: [TMXAttribute] = [],
                properties: [TMXProperty] = [], notes: [TMXProperty] = []) {
        self.language = language
        self.segment = segment
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
    }
}

/// A `<tu>`: the same text in several languages, with its metadata.
public struct TranslationUnit: Hashable, Sendable {
    /// Attributes as written (`tuid`, `srclang`, `creationdate`, `usagecount`, ...).
    public var attributes: [TMXAttribute]
    public var properties: [TMXProperty]
    public var notes: [TMXProperty]
    public var variants: [TMXVariant]
    /// The line where the `<tu>` starts in its file (0 when built in code).
    public var line: Int

    public init(attributes: [TMXAttribute] = [], properties: [TMXProperty] = [], notes: [TMXProperty] = [],
                variants: [TMXVariant], line: Int = 0) {
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
        self.variants = variants
        self.line = line
    }

    public var tuid: String? { attributes[named: "tuid"] }

    /// The first variant in `language` (compared case-insensitively).
    public func variant(_ language: String) -> TMXVariant? {
        let wanted = language.lowercased()
        return variants.first { $0.language.lowercased() == wanted }
    }
}

/// The `<header>` of a TMX document.
public struct TMXHeader: Hashable, Sendable {
    /// The `version` attribute of `<tmx>` (1.1 to 1.4).
    public var version: String
    public var attributes: [TMXAttribute]
    public var properties: [TMXProperty]
    public var notes: [TMXProperty]
    /// `<ude>` elements (user-defined encodings), kept as TMX text.
    public var userDefinedEncodings: [String]

    public init(version: String = "1.4", attributes: [TMXAttribute] = [], properties: [TMXProperty] = [],
                notes: [TMXProperty] = [], userDefinedEncodings: [String] = []) {
        self.version = version
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
        self.userDefinedEncodings = userDefinedEncodings
    }

    /// The header's `srclang` (a language, or `*all*`).
    public var sourceLanguage: String? { attributes[named: "srclang"] }
}

/// A note about input the reader accepted with a change (an unknown element or attribute
/// turned into a `prop`, say): what, where first, how often.
public struct TMXWarning: Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var file: String
    public var line: Int
    public var count: Int

    public var description: String {
        "\(file):\(line): \(message)" + (count > 1 ? " (\(count) times)" : "")
    }
}

extension TMXSegment {
    /// Parses segment content written as TMX (what `xml` returns), for stored segments.
    /// - Throws: `TMKitError` when the markup is not well-formed.
    public init(markup: String) throws {
        let reader = try XMLScanner(bytes: Array(("<seg>" + markup + "</seg>").utf8), name: "segment")
        try reader.read()
        if reader.isEmptyElement {
            self.init([])
            return
        }
        self.init(try TMXReader.readInline(reader, until: "seg") { _, _ in })
    }
}
