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
        let offset = start + min(span?.lowerBound ?? 0, segment.count)
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

    private static func find(_ needle: [UInt8], in haystack: [UInt8], within range: Range<Int>) -> Int? {
        guard needle.count <= range.count, let first = needle.first else { return nil }
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
