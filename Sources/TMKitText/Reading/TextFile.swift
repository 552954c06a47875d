import Foundation

/// A text file decoded to a Swift string, with clear errors for everything that is not text.
///
/// Reads UTF-8, UTF-8 with a byte order mark, and UTF-16 (LE or BE) with a byte order mark.
/// Invalid UTF-8 is an error that gives the byte offset and line; with `lossy` the bad bytes
/// become U+FFFD and the file is read with a warning.
public struct TextFile: Sendable {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
    }

    /// The path as given ("-" for standard input).
    public let path: String
    public let text: String
    public let encoding: Encoding
    /// How many invalid bytes were replaced (only with `lossy`).
    public let replacedBytes: Int
    /// Where the first replaced byte was (only with `lossy`).
    public let firstReplacedOffset: Int?

    /// A warning to print when bytes were replaced, else nil.
    public var warning: String? {
        guard replacedBytes > 0, let offset = firstReplacedOffset else { return nil }
        return "\(path): replaced \(replacedBytes) invalid UTF-8 byte\(replacedBytes == 1 ? "" : "s") with U+FFFD (first at byte \(offset))"
    }

    /// Reads a file, or standard input for "-".
    /// - Throws: `TMKitError` for a missing, unreadable, directory, empty, binary or
    ///   badly encoded file, with the path (and the byte offset and line for bad UTF-8).
    public static func read(_ path: String, lossy: Bool = false, allowEmpty: Bool = false) throws -> TextFile {
        let bytes = try readBytes(path)
        return try decode(bytes, path: path, lossy: lossy, allowEmpty: allowEmpty)
    }

    /// Every byte from a file descriptor (a pipe, standard input) up to its end. A read that a
    /// signal interrupts is retried (Foundation's `readDataToEndOfFile` traps on it instead).
    /// - Throws: `TMKitError` `.io` naming the system error.
    public static func readAll(fileDescriptor: Int32, name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                return bytes
            } else if errno != EINTR && errno != EAGAIN {
                throw TMKitError(.io, "cannot read: \(String(cString: strerror(errno)))", file: name)
            }
        }
    }

    /// Reads raw bytes with the same checks on the path (missing, directory, unreadable).
    public static func readBytes(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return try readAll(fileDescriptor: STDIN_FILENO, name: "-")
        }
        try checkReadable(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TMKitError(.notReadable, "cannot read the file", hint: "check its permissions", file: path)
        }
        return [UInt8](data)
    }

    /// Throws the right error when `path` is missing, a directory or unreadable.
    public static func checkReadable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TMKitError(.fileNotFound, "no such file", hint: "check the path", file: path)
        }
        if isDirectory.boolValue {
            throw TMKitError(.isDirectory, "is a directory, not a file", hint: "name a file inside it", file: path)
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw TMKitError(.notReadable, "permission denied", hint: "check the file's permissions", file: path)
        }
    }

    /// Decodes bytes already read.
    public static func decode(_ bytes: [UInt8], path: String, lossy: Bool = false, allowEmpty: Bool = false) throws -> TextFile {
        if bytes.isEmpty && !allowEmpty {
            throw TMKitError(.emptyInput, "the file is empty", hint: "give a file with text in it", file: path)
        }
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let little = bytes[0] == 0xFF
            let body = bytes.count - 2
            if body % 2 != 0 {
                throw TMKitError(.invalidEncoding, "UTF-16 text with an odd number of bytes (\(bytes.count))",
                                 hint: "the file is truncated or not UTF-16", file: path)
            }
            var units = [UInt16]()
            units.reserveCapacity(body / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            var text = ""
            var replaced = 0
            var first: Int?
            var index = 0
            var iterator = units.makeIterator()
            var decoder = UTF16()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    text.unicodeScalars.append(scalar)
                    index += scalar.value > 0xFFFF ? 2 : 1
                case .emptyInput:
                    break decoding
                case .error:
                    if !lossy {
                        throw TMKitError(.invalidEncoding, "invalid UTF-16 at byte \(2 + index * 2) (an unpaired surrogate)",
                                         hint: "re-save the file as UTF-8, or pass --lossy to replace bad characters", file: path)
                    }
                    if first == nil { first = 2 + index * 2 }
                    replaced += 2
                    index += 1
                    text.unicodeScalars.append("\u{FFFD}")
                }
            }
            if text.unicodeScalars.contains(where: { $0.value == 0 }) {
                throw binary(path)
            }
            return TextFile(path: path, text: text, encoding: little ? .utf16LittleEndian : .utf16BigEndian,
                            replacedBytes: replaced, firstReplacedOffset: first)
        }
        var start = 0
        var encoding = Encoding.utf8
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            start = 3
            encoding = .utf8WithBOM
        }
        let body = bytes[start...]
        if body.contains(0) { throw binary(path) }
        if let text = String(validating: body, as: UTF8.self) {
            if text.isEmpty && !allowEmpty {
                throw TMKitError(.emptyInput, "the file is empty", hint: "give a file with text in it", file: path)
            }
            return TextFile(path: path, text: text, encoding: encoding, replacedBytes: 0, firstReplacedOffset: nil)
        }
        // Find the first bad byte to report it, or replace every bad sequence.
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        var offset = start
        var replaced = 0
        var first: Int?
        var scalars = String.UnicodeScalarView()
        var controlCount = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D && scalar.value != 0x0C {
                    controlCount += 1
                }
                scalars.append(scalar)
                offset += encoded.count
            case .emptyInput:
                break loop
            case .error(let length):
                if first == nil { first = offset }
                if !lossy {
                    let line = bytes[start..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                    let byte = String(format: "0x%02X", bytes[offset])
                    // Many bad bytes early on: most likely not a text file at all.
                    throw TMKitError(.invalidEncoding, "invalid UTF-8 at byte \(offset) (\(byte))",
                                     hint: "re-save the file as UTF-8, or pass --lossy to replace bad bytes with U+FFFD",
                                     file: path, line: line)
                }
                replaced += length
                offset += length
                scalars.append("\u{FFFD}")
            }
        }
        if lossy && replaced * 10 > body.count {
            throw TMKitError(.binaryInput, "\(replaced) of \(body.count) bytes are not UTF-8: this does not look like a text file",
                             hint: "give a text file (UTF-8 or UTF-16 with BOM)", file: path)
        }
        _ = controlCount
        return TextFile(path: path, text: String(scalars), encoding: encoding, replacedBytes: replaced, firstReplacedOffset: first)
    }

    private static func binary(_ path: String) -> TMKitError {
        TMKitError(.binaryInput, "this is a binary file, not text (it contains NUL bytes)",
                   hint: "give a text file: UTF-8, or UTF-16 with a byte order mark", file: path)
    }
}
