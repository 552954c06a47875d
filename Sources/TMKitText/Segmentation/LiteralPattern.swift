/// Recognizes SRX `beforebreak` patterns that are a plain set of strings, such as
/// `\b(?:Dr|Mr|Mrs)\.`, so the segmenter can test them by comparing strings instead of running
/// the regex engine at every sentence end. Anything else is left to ICU's regex engine.
enum LiteralPattern {
    /// The strings the pattern matches and whether it starts with `\b`, or nil when the pattern
    /// is not of that simple shape.
    static func literals(of pattern: String) -> (strings: [String], wordBoundary: Bool)? {
        var chars = Array(pattern)
        var wordBoundary = false
        if chars.starts(with: ["\\", "b"]) {
            wordBoundary = true
            chars.removeFirst(2)
        }
        var alternatives: [String] = [""]
        var index = 0
        // Optional group of alternatives: (?:a|b) or (a|b).
        if index < chars.count && chars[index] == "(" {
            var i = index + 1
            if i + 1 < chars.count && chars[i] == "?" && chars[i + 1] == ":" { i += 2 }
            var current = ""
            var found: [String] = []
            var closed = false
            while i < chars.count {
                let c = chars[i]
                if c == "|" {
                    found.append(current)
                    current = ""
                } else if c == ")" {
                    found.append(current)
                    closed = true
                    i += 1
                    break
                } else if let literal = literalCharacter(chars, &i) {
                    current.append(literal)
                    continue
                } else {
                    return nil
                }
                i += 1
            }
            guard closed, !found.contains(where: \.isEmpty) else { return nil }
            alternatives = found
            index = i
        }
        // The rest must be literal characters.
        var suffix = ""
        while index < chars.count {
            guard let literal = literalCharacter(chars, &index) else { return nil }
            suffix.append(literal)
        }
        let strings = alternatives.map { $0 + suffix }
        guard !strings.contains(where: \.isEmpty) else { return nil }
        return (strings, wordBoundary)
    }

    /// A literal character at `i` (plain, or an escaped punctuation mark); advances `i`.
    private static func literalCharacter(_ chars: [Character], _ i: inout Int) -> Character? {
        let c = chars[i]
        if c == "\\" {
            guard i + 1 < chars.count else { return nil }
            let next = chars[i + 1]
            guard next.isPunctuation || next.isSymbol || next == " " else { return nil }
            i += 2
            return next
        }
        if "^$.|?*+()[]{}".contains(c) { return nil }
        i += 1
        return c
    }
}

extension LiteralPattern {
    /// The characters a match of `pattern` can start with, when its first element is a plain
    /// character, an escaped punctuation mark or a simple bracket class (`[.?!]`, `[a-z]`);
    /// nil when that cannot be told simply (`\p{L}`, `.`, a group, a negated class, `^`).
    static func starters(of pattern: String) -> [Unicode.Scalar]? {
        let chars = Array(pattern.unicodeScalars)
        guard let first = chars.first else { return nil }
        if first == "[" {
            var i = 1
            guard i < chars.count, chars[i] != "^" else { return nil }
            var result: [Unicode.Scalar] = []
            var previous: Unicode.Scalar?
            while i < chars.count {
                var c = chars[i]
                if c == "]" { break }
                if c == "[" { return nil }
                if c == "\\" {
                    guard i + 1 < chars.count else { return nil }
                    let next = chars[i + 1]
                    guard Character(next).isPunctuation || Character(next).isSymbol || "\\-[]^.".unicodeScalars.contains(next) || next == "]" else { return nil }
                    c = next
                    i += 2
                } else if c == "-", let low = previous, i + 1 < chars.count, chars[i + 1] != "]" {
                    let high = chars[i + 1]
                    guard high.value >= low.value, high.value - low.value < 512 else { return nil }
                    for v in (low.value + 1)...high.value { if let s = Unicode.Scalar(v) { result.append(s) } }
                    previous = nil
                    i += 2
                    continue
                } else {
                    i += 1
                }
                result.append(c)
                previous = c
            }
            guard i < chars.count else { return nil }
            // A quantifier that allows zero repetitions means the match may start elsewhere.
            if i + 1 < chars.count, chars[i + 1] == "*" || chars[i + 1] == "?" || chars[i + 1] == "{" { return nil }
            return result.isEmpty ? nil : result
        }
        if first == "\\" {
            guard chars.count > 1, Character(chars[1]).isPunctuation else { return nil }
            if chars.count > 2, chars[2] == "*" || chars[2] == "?" || chars[2] == "{" { return nil }
            return [chars[1]]
        }
        if "^$.|?*+()[]{}".unicodeScalars.contains(first) { return nil }
        if chars.count > 1, chars[1] == "*" || chars[1] == "?" || chars[1] == "{" { return nil }
        return [first]
    }
}
