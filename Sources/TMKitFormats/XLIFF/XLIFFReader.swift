import TMKitText

/// Reads bilingual XLIFF 1.2 and 2.x files (as CAT tools export them) with the safe streaming
/// `XMLReader`: no network, no external entities.
///
/// XLIFF 1.2: `file@source-language/target-language`, `trans-unit` with `source`, `target`, and,
/// when the tool segmented the unit, `seg-source` and `target` split by `<mrk mtype="seg" mid="…">`
/// (each `mid` becomes a segment). Units with `translate="no"` are skipped.
/// XLIFF 2.x: `xliff@srcLang/trgLang`, `unit` → `segment` with `source` and `target`; `ignorable`
/// is skipped.
public enum XLIFFReader {
    /// Reads a file.
    /// - Throws: `TMKitError`: malformed XML with line and column, not XLIFF, an unsupported
    ///   version, or no segments.
    public static func read(path: String) throws -> XLIFFDocument {
        try read(XMLReader(path: path), path: path)
    }

    public static func read(bytes: [UInt8], name: String) throws -> XLIFFDocument {
        try read(XMLReader(bytes: bytes, name: name), path: name)
    }

    static func read(_ reader: XMLReader, path: String) throws -> XLIFFDocument {
        // The root element.
        var version = ""
        var document = XLIFFDocument(version: "", sourceLanguage: nil, targetLanguage: nil, segments: [], path: path)
        while try reader.read() {
            guard reader.nodeType == .element else { continue }
            guard reader.localName == "xliff" else {
                throw reader.structureError("this is not an XLIFF file: the root element is <\(reader.name)>",
                                            hint: "give an XLIFF 1.2 or 2.x file exported by a CAT tool")
            }
            version = reader.attribute("version") ?? ""
            document.sourceLanguage = reader.attribute("srcLang")
            document.targetLanguage = reader.attribute("trgLang")
            break
        }
        guard !version.isEmpty || document.sourceLanguage != nil else {
            if version.isEmpty && reader.nodeType != .element {
                throw TMKitError(.emptyInput, "the file has no XLIFF content", hint: "give an XLIFF 1.2 or 2.x file", file: path)
            }
            throw reader.structureError("the <xliff> element has no version", hint: "XLIFF files say version=\"1.2\" or version=\"2.0\"")
        }
        document.version = version
        if version.hasPrefix("1.") {
            try readVersion1(reader, into: &document)
        } else if version.hasPrefix("2.") {
            try readVersion2(reader, into: &document)
        } else {
            throw reader.structureError("XLIFF version \(version) is not supported", hint: "tmkit reads XLIFF 1.2 and 2.x")
        }
        if document.segments.isEmpty {
            throw TMKitError(.emptyInput, "the XLIFF file has no translation units", hint: "export the file again with its segments", file: path)
        }
        return document
    }

    // MARK: - 1.2

    private static func readVersion1(_ reader: XMLReader, into document: inout XLIFFDocument) throws {
        var unitID: String?
        var unitLine = 0
        var skipUnit = false
        var source: String?
        var target: String?
        var state: String?
        var segSource: [(String, String)] = []
        var segTarget: [String: String] = [:]
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                switch reader.localName {
                case "file":
                    document.sourceLanguage = document.sourceLanguage ?? reader.attribute("source-language")
                    document.targetLanguage = document.targetLanguage ?? reader.attribute("target-language")
                case "trans-unit":
                    unitID = reader.attribute("id") ?? "\(document.segments.count + 1)"
                    unitLine = reader.line
                    skipUnit = reader.attribute("translate") == "no"
                    source = nil
                    target = nil
                    state = nil
                    segSource = []
                    segTarget = [:]
                    if reader.isEmptyElement { unitID = nil }
                case "source" where unitID != nil:
                    unitLine = reader.line
                    source = try inlineText(reader, end: "source").text
                case "seg-source" where unitID != nil:
                    segSource = try inlineText(reader, end: "seg-source").segments
                case "target" where unitID != nil:
                    state = reader.attribute("state")
                    let read = try inlineText(reader, end: "target")
                    target = read.text
                    for (mid, text) in read.segments { segTarget[mid] = text }
                case "alt-trans":
                    try skip(reader, end: "alt-trans")
                default: break
                }
            case .endElement where reader.localName == "trans-unit":
                defer { unitID = nil }
                guard let id = unitID, !skipUnit, let source else { continue }
                if segSource.count > 1 {
                    for (mid, text) in segSource {
                        document.segments.append(.init(id: "\(id)/\(mid)", source: text, target: segTarget[mid], line: unitLine, state: state))
                    }
                } else {
                    document.segments.append(.init(id: id, source: source, target: target, line: unitLine, state: state))
                }
            default: break
            }
        }
    }

    // MARK: - 2.x

    private static func readVersion2(_ reader: XMLReader, into document: inout XLIFFDocument) throws {
        var unitID: String?
        var segmentsInUnit: [XLIFFDocument.Segment] = []
        var segmentID: String?
        var source: String?
        var target: String?
        var state: String?
        var line = 0
        var skipUnit = false
        while try reader.read() {
            switch reader.nodeType {
            case .element:
                switch reader.localName {
                case "unit":
                    unitID = reader.attribute("id") ?? "\(document.segments.count + 1)"
                    skipUnit = reader.attribute("translate") == "no"
                    segmentsInUnit = []
                case "segment" where unitID != nil:
                    segmentID = reader.attribute("id")
                    state = reader.attribute("state")
                    source = nil
                    target = nil
                    line = reader.line
                case "source" where segmentID != nil || unitID != nil:
                    line = reader.line
                    source = try inlineText(reader, end: "source").text
                case "target" where unitID != nil:
                    target = try inlineText(reader, end: "target").text
                case "ignorable":
                    try skip(reader, end: "ignorable")
                case "originalData", "notes":
                    try skip(reader, end: reader.localName)
                default: break
                }
            case .endElement:
                switch reader.localName {
                case "segment":
                    if let source {
                        segmentsInUnit.append(.init(id: segmentID ?? "", source: source, target: target, line: line, state: state))
                    }
                    segmentID = nil
                    source = nil
                    target = nil
                case "unit":
                    if let id = unitID, !skipUnit {
                        let several = segmentsInUnit.count > 1
                        for (i, var segment) in segmentsInUnit.enumerated() {
                            segment.id = several ? "\(id)/\(segment.id.isEmpty ? String(i + 1) : segment.id)" : id
                            document.segments.append(segment)
                        }
                    }
                    unitID = nil
                default: break
                }
            default: break
            }
        }
    }

    // MARK: - Inline content

    /// The text of the current element up to its end tag: text of paired codes kept, standalone
    /// codes dropped, `<cp hex>` decoded; and the `<mrk mtype="seg" mid>` segments inside.
    private static func inlineText(_ reader: XMLReader, end: String) throws -> (text: String, segments: [(String, String)]) {
        if reader.isEmptyElement { return ("", []) }
        let depth = reader.depth
        var text = ""
        var segments: [(String, String)] = []
        var segmentMID: String?
        var segmentDepth = 0
        var segmentText = ""
        // Codes whose content is original data, not text (1.2: bpt, ept, it, ph, sub is text).
        var skipDepth: Int?
        while try reader.read() {
            let type = reader.nodeType
            if type == .endElement && reader.depth == depth && reader.localName == end { break }
            if let d = skipDepth {
                if type == .endElement && reader.depth == d { skipDepth = nil }
                continue
            }
            switch type {
            case .text, .cdata, .whitespace, .significantWhitespace:
                let value = reader.value
                text += value
                if segmentMID != nil { segmentText += value }
            case .element:
                let name = reader.localName
                if ["bpt", "ept", "it", "ph"].contains(name), !reader.isEmptyElement {
                    skipDepth = reader.depth
                } else if name == "cp", let hex = reader.attribute("hex"), let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    text.unicodeScalars.append(scalar)
                    if segmentMID != nil { segmentText.unicodeScalars.append(scalar) }
                } else if name == "mrk", reader.attribute("mtype") == "seg", let mid = reader.attribute("mid"), !reader.isEmptyElement {
                    segmentMID = mid
                    segmentDepth = reader.depth
                    segmentText = ""
                }
            case .endElement:
                if let mid = segmentMID, reader.localName == "mrk", reader.depth == segmentDepth {
                    segments.append((mid, segmentText))
                    segmentMID = nil
                }
            default: break
            }
        }
        return (text, segments)
    }

    private static func skip(_ reader: XMLReader, end: String) throws {
        if reader.isEmptyElement { return }
        let depth = reader.depth
        while try reader.read() {
            if reader.nodeType == .endElement && reader.depth == depth && reader.localName == end { return }
        }
    }
}
