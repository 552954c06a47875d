import Foundation

extension XMLScanner {
    /// Where the scanner's bytes come from: a file read in chunks, or bytes in memory; either
    /// possibly through a converter to UTF-8.
    protocol ByteSource: AnyObject {
        /// Reads up to `count` bytes into `buffer`; 0 at the end.
        func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int
    }

    /// A file, read with read(2) (no mmap: mapped pages would count as resident memory).
    final class FileSource: ByteSource {
        private let descriptor: Int32
        private let path: String

        init(path: String) throws {
            try TextFile.checkReadable(path)
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 {
                throw TMKitError(.notReadable, "cannot open the file: \(String(cString: strerror(errno)))", file: path)
            }
            self.path = path
        }

        deinit { close(descriptor) }

        func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
            while true {
                let n = Glibc.read(descriptor, buffer, count)
                if n >= 0 { return n }
                if errno == EINTR { continue }
                throw TMKitError(.io, "reading failed: \(String(cString: strerror(errno)))", file: path)
            }
        }
    }

    /// Bytes in memory (copied by the caller's array; nothing is shared).
    final class MemorySource: ByteSource {
        private let bytes: [UInt8]
        private var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
            let n = min(count, bytes.count - offset)
            if n > 0 {
                bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + offset, count: n) }
                offset += n
            }
            return n
        }
    }

    /// Another source's bytes in some encoding, as UTF-8 (iconv; streaming: a character cut by
    /// a chunk boundary waits for the next chunk).
    final class ConvertingSource: ByteSource {
        private let inner: ByteSource
        private let converter: iconv_t
        private let encoding: String
        private let name: String
        private var pending: [UInt8]
        private var pendingStart = 0
        private var innerDone = false
        private var chunk = [UInt8](repeating: 0, count: 1 << 16)

        /// - Parameter prefix: bytes already taken from `inner` (after any byte-order mark).
        init(_ inner: ByteSource, encoding: String, prefix: [UInt8], name: String) throws {
            let converter = iconv_open("UTF-8", encoding)
            if converter == iconv_t(bitPattern: -1) {
                throw TMKitError(.invalidEncoding, "the document's encoding '\(encoding)' is not supported",
                                 hint: "convert the file to UTF-8", file: name)
            }
            self.inner = inner
            self.converter = converter!
            self.encoding = encoding
            self.name = name
            pending = prefix
        }

        deinit { iconv_close(converter) }

        func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
            while true {
                if pendingStart == pending.count || (!innerDone && pending.count - pendingStart < 16) {
                    // Keep what is left (a cut character) and add a chunk.
                    pending.removeFirst(pendingStart)
                    pendingStart = 0
                    if !innerDone {
                        let n = try chunk.withUnsafeMutableBufferPointer { try inner.read(into: $0.baseAddress!, count: $0.count) }
                        if n == 0 { innerDone = true } else { pending.append(contentsOf: chunk[0..<n]) }
                    }
                }
                if pendingStart == pending.count { return 0 }
                var inLeft = pending.count - pendingStart
                var outLeft = count
                let result: Int = pending.withUnsafeMutableBufferPointer { p in
                    var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(p.baseAddress! + pendingStart).assumingMemoryBound(to: CChar.self)
                    var output: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: CChar.self)
                    return iconv(converter, &input, &inLeft, &output, &outLeft)
                }
                let consumed = pending.count - pendingStart - inLeft
                pendingStart += consumed
                let produced = count - outLeft
                if result == -1 && errno == EILSEQ {
                    if produced > 0 { return produced }
                    throw TMKitError(.invalidEncoding, "the document is not valid \(encoding): a byte sequence cannot be decoded",
                                     hint: "check the encoding the XML declaration names, or convert the file to UTF-8", file: name)
                }
                if result == -1 && errno == EINVAL && innerDone && produced == 0 {
                    throw TMKitError(.invalidEncoding, "the document ends inside a \(encoding) character",
                                     hint: "the file is truncated", file: name)
                }
                if produced > 0 { return produced }
                // E2BIG cannot happen with room for a character; EINVAL: more input is needed.
            }
        }
    }

    /// Decides the encoding from the first bytes (byte-order mark, UTF-16 without one, or the XML
    /// declaration's `encoding`) and returns a source of UTF-8.
    static func utf8Source(_ raw: ByteSource, name: String) throws -> ByteSource {
        // The first bytes: enough for a byte-order mark and an XML declaration.
        var head = [UInt8](repeating: 0, count: 512)
        var count = 0
        while count < head.count {
            let n = try head.withUnsafeMutableBufferPointer { try raw.read(into: $0.baseAddress! + count, count: $0.count - count) }
            if n == 0 { break }
            count += n
        }
        head.removeLast(head.count - count)
        func starts(_ prefix: [UInt8]) -> Bool { head.count >= prefix.count && Array(head[0..<prefix.count]) == prefix }
        func converting(_ encoding: String, skip: Int) throws -> ByteSource {
            try ConvertingSource(raw, encoding: encoding, prefix: Array(head[skip...]), name: name)
        }
        if starts([0x00, 0x00, 0xFE, 0xFF]) { return try converting("UTF-32BE", skip: 4) }
        if starts([0xFF, 0xFE, 0x00, 0x00]) { return try converting("UTF-32LE", skip: 4) }
        if starts([0xFE, 0xFF]) { return try converting("UTF-16BE", skip: 2) }
        if starts([0xFF, 0xFE]) { return try converting("UTF-16LE", skip: 2) }
        if starts([0x00, 0x3C, 0x00, 0x3F]) { return try converting("UTF-16BE", skip: 0) }
        if starts([0x3C, 0x00, 0x3F, 0x00]) { return try converting("UTF-16LE", skip: 0) }
        let skip = starts([0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let declared = declaredEncoding(head[skip...]), !isUTF8(declared) {
            // UTF-16 named in a declaration read as ASCII: the bytes are not UTF-16 (libxml2
            // reads such a file as UTF-8 too).
            if !declared.uppercased().hasPrefix("UTF-16") && !declared.uppercased().hasPrefix("UTF-32") {
                return try converting(declared, skip: skip)
            }
        }
        return PrefixedSource(Array(head[skip...]), then: raw)
    }

    static func isUTF8(_ encoding: String) -> Bool {
        let upper = encoding.uppercased()
        return upper == "UTF-8" || upper == "UTF8"
    }

    /// The `encoding` of an XML declaration at the start of `bytes` read as ASCII, if any.
    static func declaredEncoding(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("<?xml"), let close = text.range(of: "?>") else { return nil }
        let declaration = text[..<close.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    /// Bytes already read, then the rest of a source.
    final class PrefixedSource: ByteSource {
        private let prefix: [UInt8]
        private var offset = 0
        private let rest: ByteSource

        init(_ prefix: [UInt8], then rest: ByteSource) {
            self.prefix = prefix
            self.rest = rest
        }

        func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
            if offset < prefix.count {
                let n = min(count, prefix.count - offset)
                prefix.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + offset, count: n) }
                offset += n
                return n
            }
            return try rest.read(into: buffer, count: count)
        }
    }
}
