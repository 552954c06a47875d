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
/// Not thread-safe (ICU transliterators are not): the matcher uses one while building its index.
final class Romanizer {
    let system: RomanizationSystem
    private let steps: [Transliterator?]

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
    }

    /// The spellings of `text` in this system, first (most common) first, at most `limit`.
    func spellings(of text: String, limit: Int) -> [String] {
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
