import CICU

/// ICU break iteration (characters, words, lines, sentences) over a string's UTF-8 bytes.
///
/// Boundaries are UTF-8 byte offsets; no offset is converted from UTF-16, so iterating is linear.
/// An iterator is not thread-safe: give each thread its own.
public final class BreakIterator {
    public enum Kind: Int32, Sendable {
        case character = 0, word = 1, line = 2, sentence = 3
    }

    /// A word-break piece of text and what ICU says it is.
    public struct Piece: Sendable, Equatable {
        /// UTF-8 byte range in the text.
        public var byteRange: Range<Int>
        /// ICU's rule status: 0 for spaces and punctuation, 100–199 numbers, 200–299 letters,
        /// 300–399 kana, 400–499 ideographs.
        public var ruleStatus: Int32
        /// A word or a number (not spaces or punctuation).
        public var isWord: Bool { ruleStatus >= 100 }
    }

    private let handle: OpaquePointer
    public let kind: Kind
    public let locale: String

    /// Opens an iterator for an ICU locale ID such as "en", "ko" or "en@ss=standard".
    /// - Throws: `TMKitError` with code `.icu` when ICU cannot open it.
    public init(_ kind: Kind, locale: String) throws {
        var status: Int32 = 0
        guard let handle = tmk_break_open(kind.rawValue, locale, &status) else {
            throw TMKitError(.icu, "opening a \(kind) break iterator for '\(locale)' failed: ICU error \(ICU.errorName(status))")
        }
        self.handle = handle
        self.kind = kind
        self.locale = locale
    }

    deinit { tmk_break_close(handle) }

    /// All boundaries after the start, ending with the text's UTF-8 length.
    /// - Complexity: O(n) in the text's length.
    public func boundaries(in text: String) throws -> [Int] {
        var result: [Int] = []
        try iterate(text) { offsets, _, count in
            for i in 0..<count { result.append(Int(offsets[i])) }
        }
        return result
    }

    /// The text cut at word boundaries, each piece with ICU's rule status.
    /// - Complexity: O(n) in the text's length.
    public func pieces(in text: String) throws -> [Piece] {
        var result: [Piece] = []
        var start = 0
        try iterate(text) { offsets, statuses, count in
            for i in 0..<count {
                let end = Int(offsets[i])
                result.append(Piece(byteRange: start..<end, ruleStatus: statuses[i]))
                start = end
            }
        }
        return result
    }

    /// Counts boundaries without collecting them (for measuring raw ICU speed).
    public func countBoundaries(in text: String) throws -> Int {
        var total = 0
        try iterate(text) { _, _, count in total += count }
        return total
    }

    private func iterate(_ text: String, _ body: (UnsafePointer<Int64>, UnsafePointer<Int32>, Int) -> Void) throws {
        var text = text
        try text.withUTF8 { utf8 in
            var status: Int32 = 0
            let base = UnsafeRawPointer(utf8.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
            tmk_break_set_utf8(handle, base, Int64(utf8.count), &status)
            try ICU.check(status, "setting break iterator text")
            let capacity = 1024
            let offsets = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
            let statuses = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
            defer {
                offsets.deallocate()
                statuses.deallocate()
            }
            while true {
                let n = Int(tmk_break_collect(handle, offsets, statuses, Int64(capacity)))
                if n > 0 { body(offsets, statuses, n) }
                if n < capacity { break }
            }
        }
    }
}
