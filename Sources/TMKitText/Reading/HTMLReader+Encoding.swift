import CICU
import Foundation

extension HTMLReader {
    /// A document decoded to UTF-8.
    struct Decoded {
        var text: String
        var warning: String?
    }

    /// Decodes HTML bytes: BOM, else UTF-8, else the charset the document declares.
    /// - Throws: `TMKitError` `.emptyInput`, `.binaryInput` or `.invalidEncoding` (with the byte
    ///   offset and line of the first bad byte).
    static func decode(_ bytes: [UInt8], path: String, lossy: Bool) throws -> Decoded {
        do {
            let file = try TextFile.decode(bytes, path: path, lossy: false)
            return Decoded(text: file.text, warning: nil)
        } catch let error as TMKitError where error.code == .invalidEncoding {
            let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            if !hasBOM, let label = declaredCharset(bytes), let converter = converterName(label) {
                return try convert(bytes, converter: converter, label: label, path: path, lossy: lossy)
            }
            guard lossy else { throw error }
            let file = try TextFile.decode(bytes, path: path, lossy: true)
            return Decoded(text: file.text, warning: file.warning)
        }
    }

    /// The ICU converter for a charset label, or nil when the label means UTF-8 (WHATWG reads a
    /// `<meta>` that says UTF-16 as UTF-8 too: a document that can declare it in ASCII is not
    /// UTF-16). Korean and Latin-1 labels map to the supersets browsers use.
    static func converterName(_ label: String) -> String? {
        let name = label.lowercased()
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
             "utf-16", "utf-16le", "utf-16be", "unicode", "unicodefeff", "unicodefffe", "csunicode", "ucs-2", "iso-10646-ucs-2":
            return nil
        case "euc-kr", "cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989",
             "ksc5601", "ksc_5601", "windows-949", "cp949", "uhc":
            return "windows-949"
        case "ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "latin1", "l1",
             "cp1252", "windows-1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100", "csisolatin1":
            return "windows-1252"
        default:
            return label
        }
    }

    /// The charset a document declares in its first 1024 bytes (`<meta charset="...">`, or
    /// `<meta http-equiv="Content-Type" content="...; charset=...">`), as HTML's prescan finds it.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let limit = min(bytes.count, 1024)
        var i = 0
        while i < limit {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if bytes[i...].starts(with: "<!--".utf8) {
                var j = i + 4
                while j + 2 < bytes.count && !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">")) { j += 1 }
                i = j + 3
                continue
            }
            let tagEnd = i + 5
            guard tagEnd < bytes.count, bytes[(i + 1)..<tagEnd].map({ $0 | 0x20 }) == Array("meta".utf8),
                  MarkdownSyntax.isWhitespace(bytes[tagEnd]) || bytes[tagEnd] == UInt8(ascii: "/") else {
                i += 1
                continue
            }
            var charset: String?
            var isContentType = false
            var contentCharset: String?
            var j = tagEnd
            while let attribute = Self.attribute(bytes, &j) {
                switch attribute.name {
                case "charset": charset = charset ?? attribute.value
                case "http-equiv": isContentType = attribute.value.lowercased() == "content-type"
                case "content": contentCharset = Self.charset(inContentType: attribute.value)
                default: break
                }
            }
            if let charset, !charset.isEmpty { return charset }
            if isContentType, let contentCharset { return contentCharset }
            i = j
        }
        return nil
    }

    /// The next attribute of a tag at `j` (name lowercased), or nil at the tag's end.
    private static func attribute(_ bytes: [UInt8], _ j: inout Int) -> (name: String, value: String)? {
        let limit = min(bytes.count, j + 2048)
        while j < limit && (MarkdownSyntax.isWhitespace(bytes[j]) || bytes[j] == UInt8(ascii: "/")) { j += 1 }
        guard j < limit, bytes[j] != UInt8(ascii: ">") else { return nil }
        let nameStart = j
        while j < limit && !MarkdownSyntax.isWhitespace(bytes[j]) && bytes[j] != UInt8(ascii: "=") && bytes[j] != UInt8(ascii: ">")
            && bytes[j] != UInt8(ascii: "/") { j += 1 }
        let name = String(decoding: bytes[nameStart..<j].map { MarkdownSyntax.isASCIILetter($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        while j < limit && MarkdownSyntax.isWhitespace(bytes[j]) { j += 1 }
        guard j < limit, bytes[j] == UInt8(ascii: "=") else { return (name, "") }
        j += 1
        while j < limit && MarkdownSyntax.isWhitespace(bytes[j]) { j += 1 }
        guard j < limit else { return (name, "") }
        let quote = bytes[j]
        let valueStart: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            j += 1
            valueStart = j
            while j < limit && bytes[j] != quote { j += 1 }
            let value = String(decoding: bytes[valueStart..<j], as: UTF8.self)
            if j < limit { j += 1 }
            return (name, value)
        }
        valueStart = j
        while j < limit && !MarkdownSyntax.isWhitespace(bytes[j]) && bytes[j] != UInt8(ascii: ">") { j += 1 }
        return (name, String(decoding: bytes[valueStart..<j], as: UTF8.self))
    }

    /// `text/html; charset=euc-kr` → `euc-kr`.
    static func charset(inContentType value: String) -> String? {
        let lower = value.lowercased()
        guard let range = lower.range(of: "charset") else { return nil }
        var rest = lower[range.upperBound...].drop { $0 == " " || $0 == "\t" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        if let quote = rest.first, quote == "\"" || quote == "'" {
            let inner = rest.dropFirst()
            guard let close = inner.firstIndex(of: quote) else { return nil }
            return String(inner[..<close])
        }
        let value = rest.prefix { $0 != ";" && $0 != " " && $0 != "\t" }
        return value.isEmpty ? nil : String(value)
    }

    /// Converts bytes from a legacy charset to UTF-8 with ICU.
    static func convert(_ bytes: [UInt8], converter: String, label: String, path: String, lossy: Bool) throws -> Decoded {
        var length: Int64 = 0
        var replaced: Int64 = 0
        var firstBad: Int64 = -1
        var status: Int32 = 0
        let output = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                tmk_convert_to_utf8(converter, chars.baseAddress, Int64(chars.count), lossy ? 1 : 0, &length, &replaced, &firstBad, &status)
            }
        }
        guard let output else {
            if firstBad >= 0 && firstBad < bytes.count {
                let offset = Int(firstBad)
                let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw TMKitError(.invalidEncoding,
                                 "invalid \(label) at byte \(offset) (\(String(format: "0x%02X", bytes[offset])))",
                                 hint: "the document declares charset \(label); re-save it as UTF-8, or pass --lossy to replace bad bytes with U+FFFD",
                                 file: path, line: line)
            }
            throw TMKitError(.invalidEncoding, "the document is not UTF-8 and declares charset '\(label)', which cannot be converted (ICU: \(ICU.errorName(status)))",
                             hint: "re-save the file as UTF-8", file: path)
        }
        defer { tmk_free(output) }
        let text = String(decoding: UnsafeRawBufferPointer(start: output, count: Int(length)), as: UTF8.self)
        var warning: String?
        if replaced > 0 {
            warning = "\(path): replaced \(replaced) byte\(replaced == 1 ? "" : "s") that are not valid \(label) with U+FFFD (first at byte \(firstBad))"
        }
        return Decoded(text: text, warning: warning)
    }
}
