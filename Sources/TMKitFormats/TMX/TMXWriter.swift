import Foundation
import TMKitText

/// Writes TMX 1.4b one unit at a time through an `OutputSink`; memory stays flat however many
/// units go through. Output validates against the TMX 1.4 DTD.
///
/// Characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF) are
/// never written raw: they are left out, and `droppedCharacters` / `unitsWithDroppedCharacters`
/// say how many and where, for the caller to report.
///
/// ```swift
/// let writer = TMXWriter(sink: try OutputSink.file("out.tmx"), header: TMXWriter.header(sourceLanguage: "en"))
/// try writer.begin()
/// try writer.write(unit)
/// try writer.finish()   // commits the sink: the file appears only now
/// ```
public final class TMXWriter {
    private let sink: OutputSink
    private var header: TMXHeader
    private var begun = false
    /// Units written so far.
    public private(set) var unitCount = 0
    /// Characters left out because XML 1.0 cannot carry them.
    public private(set) var droppedCharacters = 0
    /// The tuid (or position) of the first units that lost such characters (at most 20).
    public private(set) var unitsWithDroppedCharacters: [String] = []
    /// How many units lost such characters.
    public private(set) var unitsWithDroppedCharactersCount = 0

    /// The header attributes TMX 1.4b requires, in the order the DTD lists them.
    static let requiredHeaderAttributes = ["creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"]
    static let optionalHeaderAttributes: Set<String> = ["o-encoding", "creationdate", "creationid", "changedate", "changeid"]
    static let segmentTypes: Set<String> = ["block", "paragraph", "sentence", "phrase"]
    static let propertyAttributes: Set<String> = ["xml:lang", "o-encoding", "lang"]

    public init(sink: OutputSink, header: TMXHeader) {
        self.sink = sink
        self.header = header
    }

    /// A header with every required attribute; `creationdate` is now.
    public static func header(sourceLanguage: String, creationTool: String = "TMKit", creationToolVersion: String,
                              segmentType: String = "sentence", dataType: String = "plaintext",
                              adminLanguage: String = "en", creationDate: String = TMXDate.now()) -> TMXHeader {
        TMXHeader(version: "1.4", attributes: [
            TMXAttribute("creationtool", creationTool), TMXAttribute("creationtoolversion", creationToolVersion),
            TMXAttribute("segtype", segmentType), TMXAttribute("o-tmf", "TMKit SQLite"),
            TMXAttribute("adminlang", adminLanguage), TMXAttribute("srclang", sourceLanguage),
            TMXAttribute("datatype", dataType), TMXAttribute("creationdate", creationDate),
        ])
    }

    /// Writes the XML declaration, the header and `<body>`.
    public func begin() throws {
        guard !begun else { return }
        begun = true
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header"
        let defaults = ["creationtool": "TMKit", "creationtoolversion": "0", "segtype": "sentence", "o-tmf": "TMKit SQLite",
                        "adminlang": "en", "srclang": "*all*", "datatype": "plaintext"]
        for name in Self.requiredHeaderAttributes {
            var value = header.attributes[named: name] ?? defaults[name]!
            if name == "segtype" && !Self.segmentTypes.contains(value) { value = "sentence" }
            out += attribute(name, value, unit: nil)
        }
        for attr in header.attributes where Self.optionalHeaderAttributes.contains(attr.name) {
            out += attribute(attr.name, attr.value, unit: nil)
        }
        out += ">\n"
        for note in header.notes { out += "  " + property(note, element: "note", unit: nil) + "\n" }
        for prop in header.properties { out += "  " + property(prop, element: "prop", unit: nil) + "\n" }
        for ude in header.userDefinedEncodings { out += "  " + ude + "\n" }
        out += "</header>\n<body>\n"
        try sink.write(out)
    }

    /// Writes one `<tu>`. Attributes TMX does not define on `<tu>`/`<tuv>` are written as
    /// `<prop type="x-attribute:NAME">`, so nothing is lost and the file still validates.
    /// - Complexity: O(size of the unit).
    public func write(_ unit: TranslationUnit) throws {
        if !begun { try begin() }
        unitCount += 1
        let label = unit.tuid ?? "unit \(unitCount)"
        let droppedBefore = droppedCharacters
        var out = "<tu"
        var extra: [TMXProperty] = []
        for attr in unit.attributes {
            if TMXReader.unitAttributes.contains(attr.name) && (attr.name != "segtype" || Self.segmentTypes.contains(attr.value)) {
                out += attribute(attr.name, attr.value, unit: label)
            } else {
                extra.append(TMXProperty(type: "x-attribute:" + attr.name, text: attr.value))
            }
        }
        out += ">\n"
        for note in unit.notes { out += "  " + property(note, element: "note", unit: label) + "\n" }
        for prop in unit.properties + extra { out += "  " + property(prop, element: "prop", unit: label) + "\n" }
        for variant in unit.variants {
            out += "  <tuv" + attribute("xml:lang", variant.language, unit: label)
            var variantExtra: [TMXProperty] = []
            for attr in variant.attributes {
                if TMXReader.variantAttributes.contains(attr.name) {
                    out += attribute(attr.name, attr.value, unit: label)
                } else {
                    variantExtra.append(TMXProperty(type: "x-attribute:" + attr.name, text: attr.value))
                }
            }
            out += ">"
            if !variant.notes.isEmpty || !variant.properties.isEmpty || !variantExtra.isEmpty {
                out += "\n"
                for note in variant.notes { out += "    " + property(note, element: "note", unit: label) + "\n" }
                for prop in variant.properties + variantExtra { out += "    " + property(prop, element: "prop", unit: label) + "\n" }
                out += "    "
            }
            out += "<seg>" + variant.segment.xml(dropped: &droppedCharacters) + "</seg></tuv>\n"
        }
        out += "</tu>\n"
        if droppedCharacters > droppedBefore {
            unitsWithDroppedCharactersCount += 1
            if unitsWithDroppedCharacters.count < 20 { unitsWithDroppedCharacters.append(label) }
        }
        try sink.write(out)
    }

    /// The texts of a plain pair (see `writePlain`), as UTF-8 bytes.
    public struct PlainPair {
        public var tuid: UnsafeBufferPointer<UInt8>
        public var sourceLanguage: UnsafeBufferPointer<UInt8>
        public var targetLanguage: UnsafeBufferPointer<UInt8>
        public var source: UnsafeBufferPointer<UInt8>
        public var target: UnsafeBufferPointer<UInt8>
        public var createdAt: UnsafeBufferPointer<UInt8>?
        public var createdBy: UnsafeBufferPointer<UInt8>?
        public var changedAt: UnsafeBufferPointer<UInt8>?
        public var changedBy: UnsafeBufferPointer<UInt8>?

        public init(tuid: UnsafeBufferPointer<UInt8>, sourceLanguage: UnsafeBufferPointer<UInt8>, targetLanguage: UnsafeBufferPointer<UInt8>,
                    source: UnsafeBufferPointer<UInt8>, target: UnsafeBufferPointer<UInt8>, createdAt: UnsafeBufferPointer<UInt8>?,
                    createdBy: UnsafeBufferPointer<UInt8>?, changedAt: UnsafeBufferPointer<UInt8>?, changedBy: UnsafeBufferPointer<UInt8>?) {
            self.tuid = tuid
            self.sourceLanguage = sourceLanguage
            self.targetLanguage = targetLanguage
            self.source = source
            self.target = target
            self.createdAt = createdAt
            self.createdBy = createdBy
            self.changedAt = changedAt
            self.changedBy = changedBy
        }
    }

    /// The bytes of one `<tu>` (reused).
    private var unitBytes: [UInt8] = []

    /// Writes a pair of plain text without other metadata (the common case of a memory's
    /// export) straight from bytes: the same `<tu>` `write(_:)` writes for the unit
    /// `<tu tuid srclang creationdate creationid changedate changeid>` with two variants, without
    /// a `TranslationUnit` or a string in between. Dates that are not TMX dates and empty ids
    /// are left out, as there. Returns false, writing nothing, when a text is not valid UTF-8
    /// (the caller then writes the unit through `write(_:)`).
    /// - Complexity: O(size of the unit).
    public func writePlain(_ pair: PlainPair) throws -> Bool {
        if !begun { try begin() }
        let droppedBefore = droppedCharacters
        var out = unitBytes
        out.removeAll(keepingCapacity: true)
        defer { unitBytes = out }
        func attribute(_ name: StaticString, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
            out.append(0x20)
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(contentsOf: "=\"".utf8)
            guard XMLWriter.appendEscaped(value, attribute: true, to: &out, dropped: &droppedCharacters) else { return false }
            out.append(UInt8(ascii: "\""))
            return true
        }
        func isDate(_ value: UnsafeBufferPointer<UInt8>?) -> Bool { value.map(TMXDate.isValid(utf8:)) ?? false }
        out.append(contentsOf: "<tu".utf8)
        var ok = attribute("tuid", pair.tuid) && attribute("srclang", pair.sourceLanguage)
        if ok, isDate(pair.createdAt) { ok = attribute("creationdate", pair.createdAt!) }
        if ok, let by = pair.createdBy, !by.isEmpty { ok = attribute("creationid", by) }
        if ok, isDate(pair.changedAt) { ok = attribute("changedate", pair.changedAt!) }
        if ok, let by = pair.changedBy, !by.isEmpty { ok = attribute("changeid", by) }
        out.append(contentsOf: ">\n".utf8)
        func variant(_ language: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
            out.append(contentsOf: "  <tuv".utf8)
            guard attribute("xml:lang", language) else { return false }
            out.append(contentsOf: "><seg>".utf8)
            guard XMLWriter.appendEscaped(text, attribute: false, to: &out, dropped: &droppedCharacters) else { return false }
            out.append(contentsOf: "</seg></tuv>\n".utf8)
            return true
        }
        ok = ok && variant(pair.sourceLanguage, pair.source) && variant(pair.targetLanguage, pair.target)
        guard ok else {
            droppedCharacters = droppedBefore
            return false
        }
        out.append(contentsOf: "</tu>\n".utf8)
        unitCount += 1
        if droppedCharacters > droppedBefore {
            unitsWithDroppedCharactersCount += 1
            if unitsWithDroppedCharacters.count < 20 { unitsWithDroppedCharacters.append(String(decoding: pair.tuid, as: UTF8.self)) }
        }
        try out.withUnsafeBufferPointer { try sink.write(bytes: $0) }
        return true
    }

    /// Closes `<body>` and `<tmx>` and commits the sink (a file appears only now).
    public func finish() throws {
        if !begun { try begin() }
        try sink.write("</body>\n</tmx>\n")
        try sink.commit()
    }

    private func attribute(_ name: String, _ value: String, unit: String?) -> String {
        " " + name + "=\"" + XMLWriter.escapeAttribute(value, dropped: &droppedCharacters) + "\""
    }

    private func property(_ property: TMXProperty, element: String, unit: String?) -> String {
        var out = "<" + element
        if element == "prop" { out += attribute("type", property.type ?? "x-unknown", unit: unit) }
        for attr in property.attributes where Self.propertyAttributes.contains(attr.name) {
            out += attribute(attr.name, attr.value, unit: unit)
        }
        return out + ">" + XMLWriter.escapeText(property.text, dropped: &droppedCharacters) + "</" + element + ">"
    }
}

/// TMX dates: `YYYYMMDDThhmmssZ` (UTC), as TMX 1.4b requires.
public enum TMXDate {
    /// The current time as a TMX date.
    public static func now() -> String {
        format(secondsSince1970: Int64(time(nil)))
    }

    /// Formats seconds since 1970 (UTC).
    public static func format(secondsSince1970 seconds: Int64) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }

    /// Whether `text` is a TMX date (`20020523T091200Z`).
    public static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValid(utf8: $0) }
    }

    /// Whether the UTF-8 bytes `text` are a TMX date.
    public static func isValid(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count == 16, text[8] == UInt8(ascii: "T"), text[15] == UInt8(ascii: "Z") else { return false }
        for i in 0..<16 where i != 8 && i != 15 {
            if text[i] < UInt8(ascii: "0") || text[i] > UInt8(ascii: "9") { return false }
        }
        return true
    }

    /// Reads a date given by a user, `2024-05-01`, `2024-05-01T10:00:00Z` or TMX's own form,
    /// into TMX form (for comparisons: TMX dates sort as text).
    public static func parse(userDate text: String) -> String? {
        if isValid(text) { return text }
        let digits = text.filter(\.isNumber)
        guard digits.count == 8 || digits.count == 14 else { return nil }
        let d = Array(digits)
        let date = String(d[0..<8])
        let timePart = digits.count == 14 ? String(d[8..<14]) : "000000"
        return date + "T" + timePart + "Z"
    }
}
