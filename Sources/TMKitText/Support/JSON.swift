/// Minimal, fast JSON text building for line-oriented output (JSONL), where a `JSONEncoder` per
/// line would dominate the run time.
public enum JSON {
    /// A JSON string literal, quotes included.
    /// - Complexity: O(n).
    public static func quote(_ text: String) -> String {
        var needsEscape = false
        for b in text.utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        if !needsEscape { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON object from ordered key–value pairs whose values are already JSON text.
    public static func object(_ pairs: KeyValuePairs<String, String>) -> String {
        var out = "{"
        var first = true
        for (key, value) in pairs {
            if !first { out += "," }
            first = false
            out += quote(key) + ":" + value
        }
        return out + "}"
    }

    /// A JSON array of strings.
    public static func array(_ strings: [String]) -> String {
        "[" + strings.map(quote).joined(separator: ",") + "]"
    }
}

/// Tab-separated values: fields with tabs, newlines or backslashes escaped as `\t`, `\n`, `\\`.
public enum TSV {
    public static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaped = false
        for c in field {
            if escaped {
                switch c {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
