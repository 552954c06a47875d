import Foundation
import TMKitText

/// Compares the numbers of source and target: digits, separators, Korean myriad units
/// (8만 = 80,000), number words (nine ↔ 9명), ordinals, years (2013 ↔ 2013년), designations
/// (No. 22 ↔ 제22호), ranges.
///
/// The rule that keeps false alarms rare on real translations: a *strong* mention on one side is
/// reported only when no mention on the other side (strong or weak, not approximate) has the same
/// value. Weak mentions (one, first, twice, months, days, times of day) explain but are never
/// reported: they are so often rewritten (a year ↔ 1년, June 12 ↔ 지난달 12일).
public struct NumberChecks: Check {
    public static let descriptors = [
        CheckDescriptor("numbers.mismatch", .error, "a number in one side has no counterpart in the other (80,000 ↔ 8천)"),
        CheckDescriptor("numbers.unit", .warning, "a year or percentage lost its unit in the translation (2013년에 → 2013에)"),
    ]

    public var scope: CheckScope { .pair }
    let context: CheckContext
    let targetYearSuffix: String?

    public init(context: CheckContext) {
        self.context = context
        targetYearSuffix = context.targetNumbers.rules.yearSuffix
    }

    public func run(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) {
        for pair in pairs where pair.link == .pair && !pair.target.isEmpty {
            check(pair, &sink)
        }
    }

    private func check(_ pair: SegmentPair, _ sink: inout FindingSink) {
        let source = context.sourceNumbers.numbers(in: pair.source)
        // A number spelled out only in the translation (두 나라 for "both countries") is weak
        // evidence of a fault when the source has no number at all: only digits count then, and
        // without any the translation need not be read. (Only asked then: it reads the whole text.)
        if source.isEmpty && !Self.hasDigit(pair.target) { return }
        var target = context.targetNumbers.numbers(in: pair.target)
        if source.isEmpty { target.removeAll { $0.isSpelledOut } }
        if source.isEmpty && target.isEmpty { return }

        func unexplained(_ mine: [NumberMention], _ other: [NumberMention]) -> [NumberMention] {
            mine.filter { m in
                !m.isWeak && !m.isApproximate && !other.contains { !$0.isApproximate && $0.sameValue(as: m) }
            }
        }
        let missing = unexplained(source, target)
        let extra = unexplained(target, source)
        if sink.isEnabled("numbers.mismatch"), !missing.isEmpty || !extra.isEmpty {
            sink.report("numbers.mismatch", pair, message(missing: missing, extra: extra, pair: pair),
                        item: (missing.map { "-" + $0.valueText } + extra.map { "+" + $0.valueText }).joined(separator: ","),
                        sourceSpan: missing.first?.byteRange, targetSpan: extra.first?.byteRange)
        }
        if sink.isEnabled("numbers.unit") {
            checkUnits(pair, source: source, target: target, &sink)
        }
    }

    /// Whether `text` has an ASCII or a full-width digit.
    static func hasDigit(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0xFF10 && $0.value <= 0xFF19) }
    }

    private func message(missing: [NumberMention], extra: [NumberMention], pair: SegmentPair) -> String {
        func shown(_ m: NumberMention, in text: String) -> String {
            let surface = text.utf8Slice(m.byteRange)
            let value = Self.format(m.value)
            let digitsOnly = surface.allSatisfy { $0.isNumber || $0 == "," || $0 == "." }
            return digitsOnly || surface == value ? surface : "\(surface) (= \(value))"
        }
        let lost = missing.map { shown($0, in: pair.source) }
        let added = extra.map { shown($0, in: pair.target) }
        switch (lost.isEmpty, added.isEmpty) {
        case (false, false):
            return "the source says \(Self.list(lost)) but the translation says \(Self.list(added)): make the numbers agree"
        case (false, true):
            return "\(Self.list(lost)) in the source \(lost.count == 1 ? "is" : "are") missing from the translation: add \(lost.count == 1 ? "it" : "them")"
        default:
            return "\(Self.list(added)) in the translation \(added.count == 1 ? "is" : "are") not in the source: correct or remove \(added.count == 1 ? "it" : "them")"
        }
    }

    /// A source year or percentage whose value is in the target only without its unit.
    private func checkUnits(_ pair: SegmentPair, source: [NumberMention], target: [NumberMention], _ sink: inout FindingSink) {
        for m in source where !m.isWeak && (m.kind == .year || m.kind == .percent) {
            let same = target.filter { $0.sameValue(as: m) }
            guard !same.isEmpty else { continue }
            if m.kind == .percent, !same.contains(where: { $0.kind == .percent }) {
                let t = same[0]
                sink.report("numbers.unit", pair,
                            "\(pair.source.utf8Slice(m.byteRange)) is a percentage, but the translation has \(pair.target.utf8Slice(t.byteRange)) without a percent sign: add it",
                            item: "%" + m.valueText, sourceSpan: m.byteRange, targetSpan: t.byteRange)
            } else if m.kind == .year, let suffix = targetYearSuffix {
                // A bare year glued to a particle (2013에) lacks its unit; 2013년에, (2013) and
                // 1000명 (not a year after all) do not.
                for t in same {
                    let surface = pair.target.utf8Slice(t.byteRange)
                    guard !surface.contains(suffix), let glued = Self.gluedWord(in: pair.target, at: t.byteRange.upperBound),
                          context.targetSettings.yearUnitParticles.contains(glued) else { continue }
                    sink.report("numbers.unit", pair,
                                "the year \(surface) has no \(suffix) before the word that follows: write \(surface)\(suffix)",
                                item: "year" + m.valueText, sourceSpan: m.byteRange, targetSpan: t.byteRange)
                    break
                }
            }
        }
    }

    /// The letters glued right after a byte offset (the particle in 2013에는).
    static func gluedWord(in text: String, at offset: Int) -> String? {
        guard offset < text.utf8.count else { return nil }
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        guard let scalarStart = start.samePosition(in: text.unicodeScalars) else { return nil }
        var word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars[scalarStart...] {
            guard scalar.properties.isAlphabetic else { break }
            word.append(scalar)
        }
        return word.isEmpty ? nil : String(word)
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// 80000 → "80,000"; 3.5 → "3.5".
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            let digits = String(Int64(abs(value)))
            var out = ""
            for (i, c) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(c)
            }
            return value < 0 ? "-" + out : out
        }
        return String(value)
    }
}

extension String {
    /// The text at a UTF-8 byte range (clamped to the string).
    func utf8Slice(_ range: Range<Int>) -> String {
        let count = utf8.count
        let lower = min(max(range.lowerBound, 0), count)
        let upper = min(max(range.upperBound, lower), count)
        let start = utf8.index(utf8.startIndex, offsetBy: lower)
        let end = utf8.index(start, offsetBy: upper - lower)
        return String(self[start..<end])
    }

    /// The scalar that starts at a UTF-8 offset, or nil at the end or inside a scalar.
    func scalar(atUTF8 offset: Int) -> Unicode.Scalar? {
        guard offset >= 0, offset < utf8.count else { return nil }
        let index = utf8.index(utf8.startIndex, offsetBy: offset)
        guard let scalarIndex = index.samePosition(in: unicodeScalars) else { return nil }
        return unicodeScalars[scalarIndex]
    }
}
