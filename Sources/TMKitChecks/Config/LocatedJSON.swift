import TMKitText

/// A JSON value that remembers where it was written, so that a configuration error can say
/// `file:line:column` (Foundation's decoders do not).
indirect enum LocatedJSON: Sendable {
    case object([(key: String, keyLine: Int, keyColumn: Int, value: LocatedJSON)], line: Int, column: Int)
    case array([LocatedJSON], line: Int, column: Int)
    case string(String, line: Int, column: Int)
    case number(Double, line: Int, column: Int)
    case bool(Bool, line: Int, column: Int)
    case null(line: Int, column: Int)

    var line: Int {
        switch self {
        case .object(_, let line, _), .array(_, let line, _), .string(_, let line, _), .number(_, let line, _),
             .bool(_, let line, _), .null(let line, _): line
        }
    }

    var column: Int {
        switch self {
        case .object(_, _, let column), .array(_, _, let column), .string(_, _, let column), .number(_, _, let column),
             .bool(_, _, let column), .null(_, let column): column
        }
    }

    /// What kind of value this is, for messages ("a string", "an array").
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }

    /// Parses JSON text.
    /// - Throws: `TMKitError` `.invalidData` with the line and column of the first error.
    static func parse(_ text: String, file: String) throws -> LocatedJSON {
        var parser = Parser(bytes: Array(text.utf8), file: file)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.error("unexpected text after the end of the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let file: String
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        var column: Int { String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).count + 1 }

        func error(_ message: String) -> TMKitError {
            TMKitError(.invalidData, "not valid JSON: \(message)", hint: "fix the file at that place", file: file, line: line, column: column)
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        mutating func value() throws -> LocatedJSON {
            guard index < bytes.count else { throw error("the file ends where a value was expected") }
            let (l, c) = (line, column)
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, keyLine: Int, keyColumn: Int, value: LocatedJSON)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members, line: l, column: c)
                }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                    let (kl, kc) = (line, column)
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
                    index += 1
                    skipSpace()
                    members.append((key, kl, kc, try value()))
                    skipSpace()
                    guard index < bytes.count else { throw error("the file ends inside an object (missing '}')") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        return .object(members, line: l, column: c)
                    }
                    throw error("expected ',' or '}' in an object")
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [LocatedJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items, line: l, column: c)
                }
                while true {
                    skipSpace()
                    items.append(try value())
                    skipSpace()
                    guard index < bytes.count else { throw error("the file ends inside an array (missing ']')") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        return .array(items, line: l, column: c)
                    }
                    throw error("expected ',' or ']' in an array")
                }
            case UInt8(ascii: "\""):
                return .string(try string(), line: l, column: c)
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true, line: l, column: c)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false, line: l, column: c)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null(line: l, column: c)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw error("malformed number") }
                return .number(number, line: l, column: c)
            default:
                throw error("unexpected character '\(String(decoding: [bytes[index]], as: UTF8.self))'")
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else {
                throw error("unexpected word (expected \(word))")
            }
            index += expected.count
        }

        mutating func string() throws -> String {
            index += 1  // opening quote
            var out: [UInt8] = []
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b == 0x0A { throw error("line break inside a string (missing closing quote?)") }
                if b == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard index + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16),
                              let scalar = Unicode.Scalar(code) else { throw error("malformed \\u escape") }
                        out.append(contentsOf: Array(String(scalar).utf8))
                        index += 4
                    default: out.append(bytes[index])
                    }
                    index += 1
                    continue
                }
                out.append(b)
                index += 1
            }
            throw error("the file ends inside a string (missing closing quote)")
        }
    }
}
