import CICU

/// Cuts paragraphs into sentences: ICU sentence boundaries with the locale's abbreviation
/// suppression (`@ss=standard`), refined by SRX rules from `Locales/<lang>/segmentation.srx`.
///
/// One segmenter serves one language and is not thread-safe; it reuses its buffers, so
/// segmenting is linear in the text and allocates little.
public final class Segmenter {
    public let language: LanguageTag
    /// The rules in force, in order.
    public let rules: [SRXDocument.Rule]
    private let handle: OpaquePointer

    /// A segmenter for `language` with explicit rules (no SRX file: ICU alone).
    /// - Throws: `TMKitError` locating a rule whose pattern does not compile.
    public init(language: LanguageTag, rules: [SRXDocument.Rule] = [], rulesSource: String = "") throws {
        var status: Int32 = 0
        let locale = language.icuLocaleID + "@ss=standard"
        guard let handle = tmk_segmenter_open(locale, &status) else {
            throw TMKitError(.icu, "opening a sentence segmenter for \(language) failed: ICU error \(ICU.errorName(status))")
        }
        self.handle = handle
        self.language = language
        self.rules = rules
        for rule in rules {
            var part: Int32 = 0
            var line: Int32 = 0
            var offset: Int32 = 0
            status = 0
            let ok: Int32
            if let literal = LiteralPattern.literals(of: rule.before) {
                let joined = literal.strings.joined(separator: "\n")
                ok = tmk_segmenter_add_literal_rule(handle, rule.isBreak ? 1 : 0, joined, Int32(joined.utf8.count),
                                                    literal.wordBoundary ? 1 : 0, rule.before, Int32(rule.before.utf8.count),
                                                    rule.after, Int32(rule.after.utf8.count), &status, &part, &line, &offset)
            } else {
                ok = tmk_segmenter_add_rule(handle, rule.isBreak ? 1 : 0, rule.before, Int32(rule.before.utf8.count),
                                            rule.after, Int32(rule.after.utf8.count), &status, &part, &line, &offset)
            }
            if ok == 1, rule.isBreak, let starters = LiteralPattern.starters(of: rule.before) {
                let text = String(String.UnicodeScalarView(starters))
                tmk_segmenter_set_starters(handle, text, Int32(text.utf8.count))
            }
            if ok == 0 {
                let side = part == 0 ? "beforebreak" : "afterbreak"
                let pattern = part == 0 ? rule.before : rule.after
                throw TMKitError(.invalidData,
                                 "the \(side) pattern /\(pattern)/ does not compile (ICU error \(ICU.errorName(status)) at character \(offset + 1))",
                                 hint: "fix the regular expression; SRX uses ICU/Java regex syntax",
                                 file: rulesSource.isEmpty ? nil : rulesSource, line: rule.line > 0 ? rule.line : nil)
            }
        }
    }

    /// A segmenter with the shipped (or given) SRX rules for `language`.
    /// - Parameters:
    ///   - srx: rules to use instead of the shipped ones.
    public convenience init(language: LanguageTag, data: DataDirectory?, srx: SRXDocument? = nil) throws {
        var document = srx
        if document == nil, let data, let path = data.localeFile("segmentation.srx", for: language) {
            document = try SRXDocument(contentsOf: path)
        }
        try self.init(language: language, rules: document?.rules(for: language) ?? [], rulesSource: document?.source ?? "")
    }

    deinit { tmk_segmenter_close(handle) }

    /// The UTF-8 byte ranges of the sentences in `text`, trimmed of surrounding white space.
    /// A piece with no letter or digit (a stray closing quote, a dash) joins the sentence before it.
    /// - Complexity: O(n) in the text's length for the shipped rules.
    public func sentenceRanges(in text: String) throws -> [Range<Int>] {
        var text = text
        return try text.withUTF8 { utf8 -> [Range<Int>] in
            guard utf8.count > 0, let base = utf8.baseAddress else { return [] }
            var ends: UnsafePointer<Int64>?
            var status: Int32 = 0
            let count = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                tmk_segmenter_run(handle, $0, Int64(utf8.count), &ends, &status)
            }
            try ICU.check(status, "sentence segmentation")
            guard let ends else { return [] }
            var result: [Range<Int>] = []
            result.reserveCapacity(Int(count))
            var start = 0
            for i in 0..<Int(count) {
                let end = Int(ends[i])
                var lower = start
                var upper = end
                while lower < upper && Self.isSpace(utf8, at: lower) { lower = Self.nextScalar(utf8, lower) }
                while upper > lower && Self.isSpaceBefore(utf8, upper) { upper = Self.previousScalar(utf8, upper) }
                start = end
                if lower >= upper { continue }
                if !Self.hasLetterOrDigit(utf8, lower..<upper), let last = result.last {
                    result[result.count - 1] = last.lowerBound..<upper
                    continue
                }
                result.append(lower..<upper)
            }
            return result
        }
    }

    /// The sentences of `text` as strings, white space inside each collapsed to single spaces.
    public func sentences(in text: String) throws -> [String] {
        let utf8 = text.utf8
        return try sentenceRanges(in: text).map { range in
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            return Self.collapsingWhitespace(text[lower..<upper])
        }
    }

    /// Segments a paragraph, with each segment's source location.
    public func segments(of paragraph: Paragraph) throws -> [Segment] {
        let text = paragraph.text
        let ranges = try sentenceRanges(in: text)
        var result: [Segment] = []
        result.reserveCapacity(ranges.count)
        let utf8 = text.utf8
        for (i, range) in ranges.enumerated() {
            var location = paragraph.location
            if paragraph.isVerbatim {
                let base = paragraph.location.byteRange.lowerBound
                location.byteRange = (base + range.lowerBound)..<(base + range.upperBound)
                location.line = paragraph.line(atOffset: range.lowerBound)
            }
            // Slicing by UTF-8 offsets on scalar boundaries: no re-validation, no copy of the paragraph.
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            let slice = Substring(text[lower..<upper])
            result.append(Segment(text: Self.collapsingWhitespace(slice), paragraphIndex: paragraph.index,
                                  indexInParagraph: i, location: location))
        }
        return result
    }

    /// Segments every paragraph of a document.
    public func segments(of document: Document) throws -> [Segment] {
        var result: [Segment] = []
        for paragraph in document.paragraphs { result += try segments(of: paragraph) }
        return result
    }

    // MARK: - Byte helpers (UTF-8)

    /// The text with each run of white space (space, tab, CR, LF, FF) as one space.
    static func collapsingWhitespace(_ text: Substring) -> String {
        // Fast path: no tab, newline, CR or double space.
        var needs = false
        var previousSpace = false
        for b in text.utf8 {
            if b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || (b == 0x20 && previousSpace) { needs = true; break }
            previousSpace = b == 0x20
        }
        if !needs { return String(text) }
        let bytes = text.utf8
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var inSpace = false
        for b in bytes {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                if !inSpace { out.append(0x20) }
                inSpace = true
            } else {
                out.append(b)
                inSpace = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func isSpace(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = utf8[i]
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C { return true }
        if b < 0x80 { return false }
        return decode(utf8, at: i).properties.isWhitespace
    }

    @inline(__always)
    static func isSpaceBefore(_ utf8: UnsafeBufferPointer<UInt8>, _ end: Int) -> Bool {
        isSpace(utf8, at: previousScalar(utf8, end))
    }

    @inline(__always)
    static func nextScalar(_ utf8: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = utf8[i]
        if b < 0x80 { return i + 1 }
        if b < 0xE0 { return i + 2 }
        if b < 0xF0 { return i + 3 }
        return i + 4
    }

    @inline(__always)
    static func previousScalar(_ utf8: UnsafeBufferPointer<UInt8>, _ end: Int) -> Int {
        var i = end - 1
        while i > 0 && utf8[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Unicode.Scalar {
        let b0 = UInt32(utf8[i])
        var value: UInt32
        if b0 < 0x80 { value = b0 }
        else if b0 < 0xE0 { value = (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F) }
        else if b0 < 0xF0 { value = (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F) }
        else { value = (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    static func hasLetterOrDigit(_ utf8: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let b = utf8[i]
            if b < 0x80 {
                if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { return true }
                i += 1
            } else {
                let scalar = decode(utf8, at: i)
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return true }
                i = nextScalar(utf8, i)
            }
        }
        return false
    }
}
