import Foundation
import TMKitText

/// One way of spelling a language's terms in Latin letters, as `Locales/<lang>/romanization.tsv`
/// names it: a label and the steps that make the spelling (NFD, then ICU transform rule files).
public struct RomanizationSystem: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        case nfd
        /// ICU transform rules and the file they came from (to place rule errors).
        case rules(text: String, file: String)
    }

    /// A short name (`rr`, `mr`).
    public var name: String
    /// What to call it (`Revised Romanization`).
    public var label: String
    public var steps: [Step]

    /// Reads a manifest: `NAME<TAB>LABEL<TAB>STEPS`, steps separated by spaces.
    static func readManifest(_ path: String) throws -> [RomanizationSystem] {
        let folder = (path as NSString).deletingLastPathComponent
        var rulesByFile: [String: String] = [:]
        return try TermLocales.dataLines(path).map { number, line in
            let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 else {
                throw TMKitError(.invalidData, "expected NAME<TAB>LABEL<TAB>STEPS", file: path, line: number)
            }
            let steps: [Step] = try fields[2].split(separator: " ").map { word in
                if word == "NFD" { return .nfd }
                let file = folder + "/" + word
                if rulesByFile[file] == nil { rulesByFile[file] = try TextFile.read(file).text }
                return .rules(text: rulesByFile[file]!, file: file)
            }
            return RomanizationSystem(name: fields[0], label: fields[1], steps: steps)
        }
    }
}

/// Applies a romanization system: compiles its rules once and spells terms.
///
/// Rule files in the plain subset `TransformRules` reads are applied without ICU, on Unicode
/// scalars, and NFD of Hangul is computed directly; ICU does the rest. Both give the same
/// spellings (`referenceSpellings` is the ICU-only path the tests compare with); this one is
/// what makes indexing thousands of Korean terms take milliseconds instead of seconds.
///
/// Not thread-safe (ICU transliterators are not, and the buffers are reused): the matcher uses one
/// while building its index.
final class Romanizer {
    let system: RomanizationSystem
    private let steps: [Transliterator?]
    private let rules: [TransformRules?]
    private let isNFD: [Bool]
    private var current: [UInt32] = []
    private var scratch: [UInt32] = []

    /// - Throws: `TMKitError` with file:line:column when a rule file does not compile.
    init(_ system: RomanizationSystem, language: String) throws {
        self.system = system
        steps = try system.steps.enumerated().map { index, step in
            switch step {
            case .nfd: return nil
            case .rules(let text, let file):
                return try Transliterator(rules: text, name: "TMKit-\(language)-\(system.name)-\(index)", file: file)
            }
        }
        rules = system.steps.map { step in
            if case .rules(let text, _) = step { return TransformRules(text) }
            return nil
        }
        isNFD = system.steps.map { $0 == .nfd }
    }

    /// Whether every rule step runs without ICU.
    var isFast: Bool {
        zip(isNFD, rules).allSatisfy { $0 || $1 != nil }
    }

    /// The spellings of `text` in this system, first (most common) first, at most `limit`.
    /// - Complexity: O(n × r + limit × n) for n characters and r rules per character.
    func spellings(of text: String, limit: Int) -> [String] {
        // The buffers as locals while working: a class's stored arrays pay an exclusivity check
        // on every access.
        var current: [UInt32] = []
        var scratch: [UInt32] = []
        swap(&current, &self.current)
        swap(&scratch, &self.scratch)
        defer {
            swap(&current, &self.current)
            swap(&scratch, &self.scratch)
        }
        current.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { current.append(scalar.value) }
        for index in isNFD.indices {
            if isNFD[index] {
                if Self.decomposeHangul(current, into: &scratch) {
                    swap(&current, &scratch)
                } else {
                    let string = Self.string(current)
                    current = ((try? string.normalized(.nfd)) ?? string).unicodeScalars.map(\.value)
                }
            } else if let rules = rules[index] {
                rules.apply(current, into: &scratch)
                swap(&current, &scratch)
            } else if let transliterator = steps[index] {
                current = transliterator.transliterate(Self.string(current)).unicodeScalars.map(\.value)
            }
        }
        // Below U+0300 every character is NFC on its own and none combines with a neighbour (the
        // first combining mark is U+0300), so the text is already NFC and each character is its
        // own grapheme cluster: the expansion over scalars gives what `expand` gives over
        // Characters.
        if current.allSatisfy({ $0 < 0x300 }) { return Self.expand(current, limit: limit) }
        return Self.expand(Self.string(current).nfc, limit: limit)
    }

    /// `spellings(of:limit:)` computed through ICU alone, step by step on strings: the reference
    /// the fast path must equal.
    func referenceSpellings(of text: String, limit: Int) -> [String] {
        var current = text
        for (step, transliterator) in zip(system.steps, steps) {
            if let transliterator {
                current = transliterator.transliterate(current)
            } else if case .nfd = step {
                current = (try? current.normalized(.nfd)) ?? current
            }
        }
        return Self.expand(current.nfc, limit: limit)
    }

    /// Canonical decomposition (NFD) of text made of ASCII, Hangul syllables and conjoining jamo,
    /// computed arithmetically (Unicode §3.12) into `output`; false for other text. None of these
    /// characters has a combining class, so nothing is reordered.
    static func decomposeHangul(_ scalars: [UInt32], into output: inout [UInt32]) -> Bool {
        output.removeAll(keepingCapacity: true)
        for s in scalars {
            if s >= 0xAC00 && s <= 0xD7A3 {
                let index = s - 0xAC00
                output.append(0x1100 + index / 588)
                output.append(0x1161 + (index % 588) / 28)
                if index % 28 != 0 { output.append(0x11A7 + index % 28) }
            } else if s < 0x80 || (0x1100...0x11FF).contains(s) {
                output.append(s)
            } else {
                return false
            }
        }
        return true
    }

    static func string(_ scalars: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for s in scalars { view.append(Unicode.Scalar(s) ?? "\u{FFFD}") }
        return String(view)
    }

    /// `expand` over scalars below U+0300 (see `spellings`): the same spellings, without building
    /// Characters.
    static func expand(_ pattern: [UInt32], limit: Int) -> [String] {
        let open: UInt32 = 0x28
        let close: UInt32 = 0x29
        let bar: UInt32 = 0x7C
        guard let firstOpen = pattern.firstIndex(of: open) else { return [string(utf8Below0300: pattern[...])] }
        // Parts as (start, end, group) triples, group -1 for literal text; group g's choices as
        // (start, end) pairs in choices[choiceStart[g]..<choiceStart[g + 1]]. Flat arrays: this
        // runs for every term.
        var parts: [Int] = []
        parts.reserveCapacity(48)
        var bodies: [Range<Int>] = []
        bodies.reserveCapacity(8)
        var choices: [Int] = []
        choices.reserveCapacity(32)
        var choiceStart: [Int] = [0]
        choiceStart.reserveCapacity(9)
        var literalStart = 0
        var index = firstOpen
        while index < pattern.count {
            guard pattern[index] == open, let end = pattern[(index + 1)...].firstIndex(of: close) else {
                index += 1
                continue
            }
            if literalStart < index { Self.append(&parts, literalStart, index, -1) }
            let body = (index + 1)..<end
            // The same choices written again are one choice, made the same way everywhere.
            var group = bodies.firstIndex { pattern[$0].elementsEqual(pattern[body]) } ?? -1
            if group < 0 {
                group = bodies.count
                bodies.append(body)
                var from = body.lowerBound
                for k in body where pattern[k] == bar {
                    choices.append(from)
                    choices.append(k)
                    from = k + 1
                }
                choices.append(from)
                choices.append(body.upperBound)
                choiceStart.append(choices.count)
            }
            Self.append(&parts, body.lowerBound, body.upperBound, group)
            index = end + 1
            literalStart = index
        }
        if bodies.isEmpty { return [string(utf8Below0300: pattern[...])] }
        if literalStart < pattern.count { Self.append(&parts, literalStart, pattern.count, -1) }
        var results: [String] = []
        results.reserveCapacity(min(limit, 64))
        var choice = [Int](repeating: 0, count: bodies.count)
        var spelling: [UInt32] = []
        spelling.reserveCapacity(pattern.count)
        while results.count < limit {
            spelling.removeAll(keepingCapacity: true)
            var p = 0
            while p < parts.count {
                let group = parts[p + 2]
                var from = parts[p]
                var to = parts[p + 1]
                if group >= 0 {
                    let c = choiceStart[group] + 2 * choice[group]
                    from = choices[c]
                    to = choices[c + 1]
                }
                for k in from..<to { spelling.append(pattern[k]) }
                p += 3
            }
            results.append(string(utf8Below0300: spelling[...]))
            // Next combination: the last group changes fastest.
            var g = bodies.count - 1
            while g >= 0 {
                choice[g] += 1
                if choice[g] < (choiceStart[g + 1] - choiceStart[g]) / 2 { break }
                choice[g] = 0
                g -= 1
            }
            if g < 0 { break }
        }
        return results
    }

    /// Appends a part (start, end, group) without an array literal, which would allocate.
    @inline(__always)
    private static func append(_ parts: inout [Int], _ start: Int, _ end: Int, _ group: Int) {
        parts.append(start)
        parts.append(end)
        parts.append(group)
    }

    /// Text of scalars below U+0300 (one or two UTF-8 bytes each).
    static func string(utf8Below0300 scalars: ArraySlice<UInt32>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 2) { buffer in
            var n = 0
            for s in scalars {
                if s < 0x80 {
                    buffer[n] = UInt8(s)
                    n += 1
                } else {
                    buffer[n] = UInt8(0xC0 | (s >> 6))
                    buffer[n + 1] = UInt8(0x80 | (s & 0x3F))
                    n += 2
                }
            }
            return n
        }
    }


    /// Expands `(a|b)` choices into spellings. Groups with the same text are one choice made the
    /// same way everywhere (a writer who spells one ㄱ with g spells them all with g).
    /// - Complexity: O(limit × length).
    static func expand(_ pattern: String, limit: Int) -> [String] {
        enum Part { case literal(String), group(Int) }
        var parts: [Part] = []
        var groups: [[String]] = []
        var groupIndex: [String: Int] = [:]
        var literal = ""
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let c = pattern[index]
            if c == "(", let close = pattern[index...].firstIndex(of: ")") {
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                let body = String(pattern[pattern.index(after: index)..<close])
                let g: Int
                if let existing = groupIndex[body] {
                    g = existing
                } else {
                    g = groups.count
                    groupIndex[body] = g
                    groups.append(body.split(separator: "|", omittingEmptySubsequences: false).map(String.init))
                }
                parts.append(.group(g))
                index = pattern.index(after: close)
            } else {
                literal.append(c)
                index = pattern.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        if groups.isEmpty { return [pattern] }
        var results: [String] = []
        var choice = [Int](repeating: 0, count: groups.count)
        while results.count < limit {
            var spelling = ""
            for part in parts {
                switch part {
                case .literal(let text): spelling += text
                case .group(let g): spelling += groups[g][choice[g]]
                }
            }
            results.append(spelling)
            // Next combination: the last group changes fastest.
            var g = groups.count - 1
            while g >= 0 {
                choice[g] += 1
                if choice[g] < groups[g].count { break }
                choice[g] = 0
                g -= 1
            }
            if g < 0 { break }
        }
        return results
    }
}
