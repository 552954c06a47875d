import TMKitText

/// Checks of the translation's form: quotes and brackets left open, double spaces, a word written
/// twice, a missing capital, a length far beyond what the source leads one to expect.
///
/// Each compares with the source so that it stays quiet where the source does the same (a quote
/// that spans two sentences is open in both).
public struct FormChecks: Check {
    public static let descriptors = [
        CheckDescriptor("form.quotes", .warning, "a quotation mark without its partner in the translation"),
        CheckDescriptor("form.brackets", .warning, "a bracket without its partner in the translation"),
        CheckDescriptor("form.double-space", .warning, "two or more spaces in a row in the translation"),
        CheckDescriptor("form.repeated-word", .warning, "the same word twice in a row in the translation"),
        CheckDescriptor("form.length-ratio", .info, "the translation is far longer than the source leads one to expect"),
        CheckDescriptor("form.initial-capital", .warning, "the source starts with a capital, the translation with a small letter",
                        requiresTargetFeatures: ["case"]),
    ]

    public var scope: CheckScope { .pair }
    let context: CheckContext
    let sourceQuotes: PairedMarks
    let targetQuotes: PairedMarks
    let sourceBrackets: PairedMarks
    let targetBrackets: PairedMarks
    let allowedRepeats: Set<String>
    let length: LengthExpectation?

    public init(context: CheckContext) {
        self.context = context
        sourceQuotes = PairedMarks(context.sourceSettings.quotePairs, apostrophes: context.sourceSettings.apostrophes,
                                   interchangeable: context.sourceSettings.interchangeableQuotes)
        targetQuotes = PairedMarks(context.targetSettings.quotePairs, apostrophes: context.targetSettings.apostrophes,
                                   interchangeable: context.targetSettings.interchangeableQuotes)
        sourceBrackets = PairedMarks(context.sourceSettings.bracketPairs, apostrophes: [])
        targetBrackets = PairedMarks(context.targetSettings.bracketPairs, apostrophes: [])
        allowedRepeats = Set(context.targetSettings.allowedRepeats.map { $0.lowercased() })
        length = LengthExpectation(context: context)
    }

    public func run(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) {
        for pair in pairs where pair.link == .pair && !pair.target.isEmpty && !pair.source.isEmpty {
            check(pair, &sink)
        }
    }

    private func check(_ pair: SegmentPair, _ sink: inout FindingSink) {
        if sink.isEnabled("form.quotes"), let open = targetQuotes.firstUnpaired(in: pair.target), sourceQuotes.firstUnpaired(in: pair.source) == nil {
            sink.report("form.quotes", pair, "the quotation mark \(open.mark) has no partner: close the quotation or remove the mark",
                        item: open.mark, targetSpan: open.byteRange)
        }
        if sink.isEnabled("form.brackets"), let open = targetBrackets.firstUnpaired(in: pair.target),
           sourceBrackets.firstUnpaired(in: pair.source) == nil {
            sink.report("form.brackets", pair, "the bracket \(open.mark) has no partner: close it or remove it",
                        item: open.mark, targetSpan: open.byteRange)
        }
        if sink.isEnabled("form.double-space"), let at = Self.doubleSpace(in: pair.target), Self.doubleSpace(in: pair.source) == nil {
            sink.report("form.double-space", pair, "two spaces in a row: use one", targetSpan: at)
        }
        if sink.isEnabled("form.repeated-word") {
            checkRepeats(pair, &sink)
        }
        // The bracket-free ratio (a scan more) only for the few pairs that look too long.
        if sink.isEnabled("form.length-ratio"), let length, let plain = length.ratio(pair), plain > length.bounds.high,
           let ratio = length.ratio(pair, excludingBracketsIn: context.targetSettings.bracketPairs), ratio > length.bounds.high {
            sink.report("form.length-ratio", pair,
                        "the translation is \(LengthExpectation.percent(ratio / length.bounds.expected)) of the usual length for this source: check for added or repeated text")
        }
        if sink.isEnabled("form.initial-capital"), let s = Self.firstLetter(pair.source), let t = Self.firstLetter(pair.target),
           s.scalar.properties.isUppercase, t.scalar.properties.isLowercase {
            sink.report("form.initial-capital", pair, "the translation starts with a small letter: capitalize \(t.scalar)",
                        targetSpan: t.offset..<(t.offset + UTF8.width(t.scalar)))
        }
    }

    private func checkRepeats(_ pair: SegmentPair, _ sink: inout FindingSink) {
        let words = Words.split(pair.target)
        guard words.count > 1 else { return }
        let utf8 = pair.target.utf8
        for i in 1..<words.count {
            let a = words[i - 1]
            let b = words[i]
            guard b.letterCount > 0, a.text.utf8.count == b.text.utf8.count, Self.sameIgnoringCase(a.text, b.text) else { continue }
            // Only white space between the two (not "다시, 다시" or "no - no").
            let gap = utf8.index(utf8.startIndex, offsetBy: a.byteRange.upperBound)..<utf8.index(utf8.startIndex, offsetBy: b.byteRange.lowerBound)
            guard utf8[gap].allSatisfy({ $0 == 0x20 }) else { continue }
            if allowedRepeats.contains(b.text.lowercased()) { continue }
            // A translation that mirrors a repetition in the source ("pump it out, pump it out" →
            // 쭉욱 쭉욱) is not a typo.
            if Self.hasRepeat(Words.split(pair.source), within: 4) { return }
            sink.report("form.repeated-word", pair, "'\(b.text)' is written twice in a row: delete one",
                        item: b.text.lowercased(), targetSpan: a.byteRange.lowerBound..<b.byteRange.upperBound)
            return
        }
    }

    /// Whether two words are equal after `lowercased()`, deciding most unequal pairs (Korean
    /// syllables, ASCII letters) at their first difference without building lower-case copies.
    /// - Complexity: O(k) for words of k scalars.
    static func sameIgnoringCase(_ a: Substring, _ b: Substring) -> Bool {
        if a.utf8.elementsEqual(b.utf8) { return true }
        var first = a.unicodeScalars.makeIterator()
        var second = b.unicodeScalars.makeIterator()
        while let x = first.next(), let y = second.next() {
            if x == y { continue }
            let (v, w) = (x.value, y.value)
            if v < 0x80 && w < 0x80 {
                // ASCII lower-cases letter by letter: the copies differ here unless only case does.
                if (v | 0x20 == w | 0x20) && (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { continue }
                return false
            }
            // Two different scalars that lower-casing leaves alone (Hangul has no case): the
            // copies, equal up to here, differ here.
            if !Self.mayChangeWhenLowercased(x) && !Self.mayChangeWhenLowercased(y) { return false }
            break
        }
        return a.lowercased() == b.lowercased()
    }

    @inline(__always)
    private static func mayChangeWhenLowercased(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        if v >= 0xAC00 && v <= 0xD7A3 { return false }
        return c.properties.changesWhenLowercased
    }

    /// Whether some content word (four letters or more: not "in", "the") comes again within
    /// `distance` words.
    private static func hasRepeat(_ words: [Word], within distance: Int) -> Bool {
        guard words.count > 1 else { return false }
        let lowered = words.map { $0.text.lowercased() }
        for i in 1..<words.count where words[i].letterCount >= 4 {
            for j in max(0, i - distance)..<i where lowered[j] == lowered[i] { return true }
        }
        return false
    }

    /// The byte range of the first run of two or more spaces between words.
    /// - Complexity: O(n), over the UTF-8 bytes in place (the string's byte iterator cost several
    ///   times more).
    static func doubleSpace(in text: String) -> Range<Int>? {
        var text = text
        return text.withUTF8 { bytes in
            var run = 0
            var start = 0
            var seenText = false
            for offset in bytes.indices {
                if bytes[offset] == 0x20 {
                    if run == 0 { start = offset }
                    run += 1
                } else {
                    if run >= 2 && seenText { return start..<offset }
                    run = 0
                    seenText = true
                }
            }
            return nil
        }
    }

    static func firstLetter(_ text: String) -> (scalar: Unicode.Scalar, offset: Int)? {
        var offset = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic { return (scalar, offset) }
            if scalar.properties.numericType != nil { return nil }
            offset += UTF8.width(scalar)
        }
        return nil
    }
}

/// Quotation marks or brackets, by pairs from the language's data.
struct PairedMarks: Sendable {
    struct Unpaired {
        var mark: String
        var byteRange: Range<Int>
    }

    private var closeFor: [Unicode.Scalar: Unicode.Scalar] = [:]
    private var closers: Set<Unicode.Scalar> = []
    private var symmetric: Set<Unicode.Scalar> = []
    private let apostrophes: Set<Unicode.Scalar>
    /// Marks read as another one (“ and ” as ", so a translation that mixes straight and curly
    /// double quotes is not reported).
    private var interchangeable: [Unicode.Scalar: Unicode.Scalar] = [:]
    /// Every mark (and apostrophe) this table knows: a bit per ASCII character, a set for the rest.
    private let asciiMarks: UInt128
    private let otherMarks: Set<Unicode.Scalar>

    init(_ pairs: [[String]], apostrophes: [String], interchangeable groups: [[String]] = []) {
        for group in groups {
            guard let representative = group.first?.unicodeScalars.first else { continue }
            for member in group.dropFirst() {
                if let scalar = member.unicodeScalars.first { interchangeable[scalar] = representative }
            }
        }
        for pair in pairs {
            guard let first = pair[0].unicodeScalars.first, let last = pair[1].unicodeScalars.first else { continue }
            let open = interchangeable[first] ?? first
            let close = interchangeable[last] ?? last
            if open == close {
                symmetric.insert(open)
            } else {
                closeFor[open] = close
                closers.insert(close)
            }
        }
        self.apostrophes = Set(apostrophes.compactMap(\.unicodeScalars.first))
        var ascii: UInt128 = 0
        var other = Set<Unicode.Scalar>()
        let all = Array(closeFor.keys) + Array(closers) + Array(symmetric) + Array(interchangeable.keys) + Array(self.apostrophes)
        for scalar in all {
            if scalar.value < 0x80 { ascii |= 1 << UInt128(scalar.value) } else { other.insert(scalar) }
        }
        asciiMarks = ascii
        otherMarks = other
    }

    /// The first mark without a partner (an opener never closed, or a closer never opened), or nil
    /// when all are paired. The mark is reported as written (“, not the " it is read as).
    /// - Complexity: O(n).
    func firstUnpaired(in text: String) -> Unpaired? {
        var stack: [(mark: Unicode.Scalar, written: Unicode.Scalar, offset: Int)] = []
        var symmetricOpen: [Unicode.Scalar: (written: Unicode.Scalar, offset: Int)] = [:]
        var offset = 0
        var previous: Unicode.Scalar = " "
        func unpaired(_ written: Unicode.Scalar, _ at: Int) -> Unpaired {
            Unpaired(mark: String(written), byteRange: at..<(at + UTF8.width(written)))
        }
        // Scalars decoded from the UTF-8 in place (walking `unicodeScalars` cost several times more).
        var text = text
        return text.withUTF8 { bytes in
            var next = 0
            while next < bytes.count {
                let (written, width) = UTF8Decoding.scalar(in: bytes, at: next)
                offset = next
                next += width
                defer { previous = written }
                // Most characters are no mark at all: one bit test for ASCII, a range test for Hangul.
                let v = written.value
                if v < 0x80 {
                    if asciiMarks & (1 << UInt128(v)) == 0 { continue }
                } else if (v >= 0xAC00 && v <= 0xD7A3) || !otherMarks.contains(written) {
                    continue
                }
                let scalar = interchangeable[written] ?? written
                // After a letter, a mark that may be an apostrophe (don’t, the prisoners’) closes a
                // quotation only when one is open: ‘것’을 closes, don’t does not.
                if apostrophes.contains(scalar), previous.properties.isAlphabetic,
                   !stack.contains(where: { closeFor[$0.mark] == scalar }) {
                    continue
                }
                if symmetric.contains(scalar) {
                    if symmetricOpen[scalar] != nil { symmetricOpen[scalar] = nil } else { symmetricOpen[scalar] = (written, offset) }
                } else if closeFor[scalar] != nil {
                    stack.append((scalar, written, offset))
                } else if closers.contains(scalar) {
                    if let index = stack.lastIndex(where: { closeFor[$0.mark] == scalar }) {
                        stack.remove(at: index)
                    } else {
                        return unpaired(written, offset)
                    }
                }
            }
            if let first = stack.first { return unpaired(first.written, first.offset) }
            if let open = symmetricOpen.values.min(by: { $0.offset < $1.offset }) { return unpaired(open.written, open.offset) }
            return nil
        }
    }
}

/// How long a translation into the target language usually is for a source of a given length
/// (letters and digits, by the ratio in the target's `checks.json`).
struct LengthExpectation: Sendable {
    let bounds: LanguageCheckSettings.LengthRatio

    init?(context: CheckContext) {
        guard let bounds = context.targetSettings.lengthRatio[context.sourceLanguage.language] else { return nil }
        self.bounds = bounds
    }

    /// target / source length, or nil for a source too short to judge.
    func ratio(_ pair: SegmentPair) -> Double? {
        let source = Words.contentLength(pair.source)
        guard source >= bounds.minimumSourceLength else { return nil }
        return Double(Words.contentLength(pair.target)) / Double(source)
    }

    /// The ratio with the target's bracketed text left out: glosses such as 세라 페일린(Sarah Palin)
    /// lengthen a translation without adding to it.
    func ratio(_ pair: SegmentPair, excludingBracketsIn pairs: [[String]]) -> Double? {
        let source = Words.contentLength(pair.source)
        guard source >= bounds.minimumSourceLength else { return nil }
        let regions = BracketRegions(pair.target, pairs: pairs)
        var length = 0
        var offset = 0
        for scalar in pair.target.unicodeScalars {
            if Words.isWordScalar(scalar) && !regions.contains(offset) { length += 1 }
            offset += UTF8.width(scalar)
        }
        return Double(length) / Double(source)
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
