import Foundation
import TMKitText

/// Turns a finding's span inside a segment into a file line and column, reading each file once.
///
/// For plain text a segment's location is its exact byte range in the file; for Markdown and
/// HTML it is the block's range (markup included), so the segment text is looked up inside it.
/// When the text cannot be found (markup inside the sentence), the line is the block's and the
/// column is unknown.
public final class SourcePositions {
    private var files: [String: [UInt8]?] = [:]
    private var lineStarts: [String: [Int]] = [:]

    public init() {}

    /// The 1-based line and column (in characters) of `span` (UTF-8 offsets in `text`) for a segment
    /// with `text` at `location`; nil column when it cannot be told.
    public func position(of span: Range<Int>?, in text: String, at location: SourceLocation) -> (line: Int, column: Int?) {
        guard let bytes = bytes(of: location.file) else { return (location.line, nil) }
        let segment = Array(text.utf8)
        let range = location.byteRange.clamped(to: 0..<bytes.count)
        var start: Int?
        if range.count == segment.count, bytes[range].elementsEqual(segment) {
            start = range.lowerBound
        } else if !segment.isEmpty, let found = Self.find(segment, in: bytes, within: range) {
            start = found
        }
        guard let start else { return (location.line, nil) }
        let offset = Self.fileOffset(of: min(span?.lowerBound ?? 0, segment.count), in: segment, matchedAt: start, bytes)
        let starts = lines(of: location.file, bytes)
        // The last line start at or before the offset.
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        let lineIndex = max(low - 1, 0)
        let column = String(decoding: bytes[starts[lineIndex]..<offset], as: UTF8.self).count + 1
        return (lineIndex + 1, column)
    }

    /// The file offset of the segment's byte `offset`, walking both with white space runs matched.
    private static func fileOffset(of offset: Int, in segment: [UInt8], matchedAt start: Int, _ bytes: [UInt8]) -> Int {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        var i = start
        var j = 0
        while j < offset && i < bytes.count {
            if isSpace(segment[j]) && isSpace(bytes[i]) {
                while j < segment.count && isSpace(segment[j]) { j += 1 }
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            } else {
                i += 1
                j += 1
            }
        }
        return i
    }

    private func bytes(of file: String) -> [UInt8]? {
        if let cached = files[file] { return cached }
        var loaded: [UInt8]? = nil
        if file != "-", let data = FileManager.default.contents(atPath: file) {
            var b = [UInt8](data)
            // Offsets count from after a UTF-8 byte order mark (see SourceLocation); UTF-16 files
            // are decoded before offsets are taken, so their bytes do not match and are skipped.
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
            loaded = b
        }
        files[file] = loaded
        return loaded
    }

    private func lines(of file: String, _ bytes: [UInt8]) -> [Int] {
        if let cached = lineStarts[file] { return cached }
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts[file] = starts
        return starts
    }

    /// Where `needle` starts inside `haystack[range]`, white space runs matching any white space
    /// run (readers fold a block's line breaks into spaces).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], within range: Range<Int>) -> Int? {
        guard let first = needle.first, !range.isEmpty else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        var start = range.lowerBound
        while start < range.upperBound {
            if haystack[start] == first {
                var i = start
                var j = 0
                while j < needle.count && i < range.upperBound {
                    if isSpace(needle[j]) && isSpace(haystack[i]) {
                        while j < needle.count && isSpace(needle[j]) { j += 1 }
                        while i < range.upperBound && isSpace(haystack[i]) { i += 1 }
                    } else if needle[j] == haystack[i] {
                        i += 1
                        j += 1
                    } else {
                        break
                    }
                }
                if j == needle.count { return start }
            }
            start += 1
        }
        return nil
    }
}
