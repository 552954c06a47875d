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
            if ok == 1 {
                let edges = PatternEdges.suffix(of: rule.before)
                let first = rule.after.isEmpty ? nil : PatternEdges.prefix(of: rule.after)
                _ = tmk_segmenter_set_filters(handle, rule.before.isEmpty ? nil : edges.last, rule.before.isEmpty ? nil : edges.secondLast, first)
                if rule.isBreak, !rule.after.isEmpty, let second = PatternEdges.second(of: rule.after) {
                    tmk_segmenter_set_after_second(handle, second)
                }
            }
            if ok == 1, rule.isBreak, let starters = LiteralPattern.starters(of: rule.before) {
                let text = String(String.UnicodeScalarView(starters))
                tmk_segmenter_set_starters(handle, text, Int32(text.utf8.count))
                if let second = PatternEdges.second(of: rule.before) { tmk_segmenter_set_scan_second(handle, second) }
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
        try sentences(of: text).map(\.range)
    }

    /// Sentence ranges and whether each holds white space to fold.
    private func sentences(of text: String) throws -> [(range: Range<Int>, irregular: Bool)] {
        var text = text
        return try text.withUTF8 { utf8 -> [(range: Range<Int>, irregular: Bool)] in
            guard utf8.count > 0, let base = utf8.baseAddress else { return [] }
            var ranges: UnsafePointer<Int64>?
            var status: Int32 = 0
            let count = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                tmk_segmenter_run(handle, $0, Int64(utf8.count), &ranges, &status)
            }
            try ICU.check(status, "sentence segmentation")
            guard let ranges else { return [] }
            return (0..<Int(count)).map { (Int(ranges[3 * $0])..<Int(ranges[3 * $0 + 1]), ranges[3 * $0 + 2] != 0) }
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
        let ranges = try sentences(of: text)
        var result: [Segment] = []
        result.reserveCapacity(ranges.count)
        let utf8 = text.utf8
        for (i, (range, irregular)) in ranges.enumerated() {
            var location = paragraph.location
            if paragraph.isVerbatim {
                let base = paragraph.location.byteRange.lowerBound
                location.byteRange = (base + range.lowerBound)..<(base + range.upperBound)
            }
            location.line = paragraph.line(atOffset: range.lowerBound)
            // Slicing by UTF-8 offsets on scalar boundaries: no re-validation, no copy of the paragraph.
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            let slice = text[lower..<upper]
            result.append(Segment(text: irregular ? Self.collapsingWhitespace(slice) : String(slice), paragraphIndex: paragraph.index,
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
        var contiguous = text
        return contiguous.withUTF8 { bytes -> String in
            // Fast path: no tab, newline, CR, form feed or double space — copy as it is. Eight
            // bytes at a time skip runs with no byte at or below 0x20.
            var needs = false
            var i = 0
            let count = bytes.count
            let raw = UnsafeRawBufferPointer(bytes)
            while i < count {
                if i + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    // Any byte < 0x21 among eight ASCII-or-not bytes (the high-bit bytes never count).
                    let low = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
                    if low == 0 {
                        i += 8
                        continue
                    }
                }
                let b = bytes[i]
                if b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || (b == 0x20 && i + 1 < count && bytes[i + 1] == 0x20) {
                    needs = true
                    break
                }
                i += 1
            }
            if !needs { return String(text) }
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
    }
}
