/// A small streaming XML writer: escapes text and attribute values, refuses what XML 1.0 cannot
/// carry, and writes through a sink in chunks so memory stays flat on large exports.
public struct XMLWriter {
    /// Characters XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF;
    /// unpaired surrogates cannot occur in a Swift string).
    @inline(__always)
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v == 0x09 || v == 0x0A || v == 0x0D }
        return v != 0xFFFE && v != 0xFFFF
    }

    /// Whether `text` holds a character XML 1.0 cannot carry.
    public static func hasDisallowedCharacters(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            || text.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF }
    }

    /// Escapes text content: `&`, `<`, `>`; characters XML cannot carry are dropped and counted
    /// in `dropped` (the caller decides how to report or encode them).
    public static func escapeText(_ text: String, dropped: inout Int) -> String {
        escape(text, attribute: false, dropped: &dropped)
    }

    /// Escapes an attribute value (also `"`, and tab/LF/CR as character references so they survive
    /// attribute-value normalization).
    public static func escapeAttribute(_ text: String, dropped: inout Int) -> String {
        escape(text, attribute: true, dropped: &dropped)
    }

    public static func escapeText(_ text: String) -> String {
        var dropped = 0
        return escapeText(text, dropped: &dropped)
    }

    public static func escapeAttribute(_ text: String) -> String {
        var dropped = 0
        return escapeAttribute(text, dropped: &dropped)
    }

    private static func escape(_ text: String, attribute: Bool, dropped: inout Int) -> String {
        // Fast path: nothing to escape (most text), the string returned as it is.
        if !mayNeedEscaping(text, attribute: attribute) { return text }
        var text = text
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        // A Swift string is valid UTF-8: the byte escaper always takes it.
        _ = text.withUTF8 { appendEscaped($0, attribute: attribute, to: &out, dropped: &dropped) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends UTF-8 text to `out` escaped: `&`, `<`, `>`, CR as `&#13;`; in an attribute also
    /// `"`, tab and LF; characters XML 1.0 cannot carry (`isAllowed`) left out and counted in
    /// `dropped`. `escapeText` / `escapeAttribute` are this on a string's bytes; writers that
    /// build their output as bytes call it directly. Returns false, appending nothing, when
    /// `text` is not valid UTF-8 (the caller then goes through `String`, which repairs it).
    /// - Complexity: O(n).
    public static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, attribute: Bool, to out: inout [UInt8], dropped: inout Int) -> Bool {
        // Most text needs nothing: checked in one pass, then copied at once.
        var plain = true
        var ascii = true
        for b in text where b < UInt8(ascii: "?") || b >= 0x80 {
            if b >= 0x80 {
                ascii = false
                if b == 0xEF { plain = false }
            } else if b < 0x20 || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                        || (attribute && b == UInt8(ascii: "\"")) {
                plain = false
            }
        }
        if !ascii && !isValidUTF8(text) { return false }
        if plain {
            out.append(contentsOf: text)
            return true
        }
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i]
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
            case 0x09 where attribute: out.append(contentsOf: "&#9;".utf8)
            case 0x0A where attribute: out.append(contentsOf: "&#10;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            case 0x09, 0x0A: out.append(b)
            case 0..<0x20: dropped += 1
            case 0xEF where i + 2 < n && text[i + 1] == 0xBF && (text[i + 2] == 0xBE || text[i + 2] == 0xBF):
                // U+FFFE, U+FFFF
                dropped += 1
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        return true
    }

    /// Whether `bytes` are well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF).
    /// - Complexity: O(n).
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            @inline(__always) func continuation(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
            switch b {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard continuation(1), continuation(2) else { return false }
                let second = bytes[i + 1]
                if b == 0xE0 && second < 0xA0 { return false }  // overlong
                if b == 0xED && second >= 0xA0 { return false }  // surrogate
                i += 3
            case 0xF0...0xF4:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                let second = bytes[i + 1]
                if b == 0xF0 && second < 0x90 { return false }  // overlong
                if b == 0xF4 && second >= 0x90 { return false }  // above U+10FFFF
                i += 4
            default:
                return false
            }
        }
        return true
    }

    /// Whether `text` holds a byte `escape` must look at: `&`, `<`, `>`, a control character
    /// (tab, LF and CR included), `"` in an attribute, or 0xEF, the lead byte of U+FFFE and
    /// U+FFFF (and of other characters, which the slow path keeps).
    ///
    /// A loop over the contiguous UTF-8 bytes: every byte of every exported segment passes
    /// here, and `String.UTF8View`'s iterator cost several times more (a fifth of the export's
    /// CPU). One comparison sends all bytes but those below `?` and 0xEF on at once.
    /// - Complexity: O(n).
    @inline(__always)
    static func mayNeedEscaping(_ text: String, attribute: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for b in bytes where b < UInt8(ascii: "?") || b == 0xEF {
                if b < 0x20 || b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == 0xEF
                    || (attribute && b == UInt8(ascii: "\"")) {
                    return true
                }
            }
            return false
        }
    }
}
