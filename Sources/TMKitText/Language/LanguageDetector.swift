import Foundation

/// Guesses a text's language from the scripts its letters are written in.
///
/// Which script means which language is data (`Locales/scripts.tsv`), not code: Hangul → ko,
/// kana → ja, Han alone → zh, Latin → en (the default a user overrides with `--lang`).
public struct LanguageDetector: Sendable {
    /// One rule: when `script` is present at or above `share` of the letters, the text is `language`.
    public struct Rule: Sendable, Equatable {
        public var script: String
        public var language: String
        public var share: Double
    }

    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    /// Loads `scripts.tsv`: lines `SCRIPT<TAB>LANGUAGE<TAB>MIN_SHARE`, `#` comments; first match wins.
    public init(contentsOf path: String) throws {
        let text = try TextFile.read(path).text
        var rules: [Rule] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3, let share = Double(fields[2]) else {
                throw TMKitError(.invalidData, "expected SCRIPT<TAB>LANGUAGE<TAB>SHARE", file: path, line: number + 1)
            }
            rules.append(Rule(script: fields[0], language: fields[1], share: share))
        }
        self.rules = rules
    }

    /// The detected language and the share of letters in its script, or nil when the text has no
    /// letters or no rule matches. Looks at the first `limit` scalars only.
    public func detect(_ text: String, limit: Int = 20_000) -> (language: LanguageTag, share: Double, script: String)? {
        var counts: [String: Int] = [:]
        var letters = 0
        for scalar in text.unicodeScalars.prefix(limit) where scalar.properties.isAlphabetic {
            counts[Script.code(of: scalar), default: 0] += 1
            letters += 1
        }
        guard letters > 0 else { return nil }
        for rule in rules {
            let share = Double(counts[rule.script, default: 0]) / Double(letters)
            if share > 0, share >= rule.share, let tag = try? LanguageTag(rule.language) {
                return (tag, share, rule.script)
            }
        }
        return nil
    }
}
