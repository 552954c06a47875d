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
            if i + 1 < chars.count, chars[i + 1] == "*" || chars[i + 1] == "?" { return nil }
            if i + 2 < chars.count, chars[i + 1] == "{", chars[i + 2] == "0" { return nil }
            return result.isEmpty ? nil : result
        }
        if first == "\\" {
            guard chars.count > 1, Character(chars[1]).isPunctuation else { return nil }
            if chars.count > 2, chars[2] == "*" || chars[2] == "?" { return nil }
            if chars.count > 3, chars[2] == "{", chars[3] == "0" { return nil }
            return [chars[1]]
        }
        if "^$.|?*+()[]{}".unicodeScalars.contains(first) { return nil }
        if chars.count > 1, chars[1] == "*" || chars[1] == "?" { return nil }
        if chars.count > 2, chars[1] == "{", chars[2] == "0" { return nil }
        return [first]
    }
}

/// What characters can stand at the edges of a regex match, worked out from the pattern's text:
/// the last and second-to-last characters of any match of a `beforebreak` and the first of an
/// `afterbreak`. The segmenter checks these before running the regex engine at a position, which
/// rules most positions out at once. Sets are ICU UnicodeSet patterns; nil means "could be any"
/// (the analysis gives up on anything it does not understand, which is always safe).
enum PatternEdges {
    struct Suffix {
        var last: String?
        var secondLast: String?
    }

    static func suffix(of pattern: String) -> Suffix {
        guard let items = parseSequence(Array(pattern.unicodeScalars)) else { return Suffix(last: nil, secondLast: nil) }
        return suffix(of: items)
    }

    static func prefix(of pattern: String) -> String? {
        guard let items = parseSequence(Array(pattern.unicodeScalars)) else { return nil }
        return first(of: items)
    }

    /// The set of the second character of any match (nil: any), for patterns that start with a
    /// plain character set.
    static func second(of pattern: String) -> String? {
        guard let items = parseSequence(Array(pattern.unicodeScalars)) else { return nil }
        let solid = items.drop { if case .zeroWidth = $0.atom { return true }; return false }
        guard let head = solid.first, head.min >= 1, case .set(let set) = head.atom else { return nil }
        let rest = first(of: Array(solid.dropFirst()))
        if head.max >= 2 { return head.min >= 2 ? set : union(set, rest) }
        return rest
    }

    // MARK: - A tiny regex parser (only what edge analysis needs)

    indirect enum Atom {
        case set(String)  // one character from this set (ICU set syntax)
        case any  // any character (., or something not understood)
        case zeroWidth  // anchors, \b, look-arounds
        case group([[Item]])  // alternatives
    }

    struct Item {
        var atom: Atom
        var min: Int
        var max: Int  // Int.max: unbounded
    }

    private static func parseSequence(_ chars: [Unicode.Scalar]) -> [Item]? {
        var index = 0
        guard let alternatives = parseAlternatives(chars, &index), index == chars.count else { return nil }
        if alternatives.count == 1 { return alternatives[0] }
        return [Item(atom: .group(alternatives), min: 1, max: 1)]
    }

    private static func parseAlternatives(_ chars: [Unicode.Scalar], _ i: inout Int) -> [[Item]]? {
        var alternatives: [[Item]] = [[]]
        while i < chars.count {
            let c = chars[i]
            if c == ")" { break }
            if c == "|" {
                alternatives.append([])
                i += 1
                continue
            }
            guard var atom = parseAtom(chars, &i) else { return nil }
            var (min, max) = (1, 1)
            if i < chars.count {
                switch chars[i] {
                case "*": (min, max) = (0, Int.max); i += 1
                case "+": (min, max) = (1, Int.max); i += 1
                case "?": (min, max) = (0, 1); i += 1
                case "{":
                    var j = i + 1
                    var text = ""
                    while j < chars.count && chars[j] != "}" { text.unicodeScalars.append(chars[j]); j += 1 }
                    guard j < chars.count else { return nil }
                    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                    guard let low = Int(parts[0]) else { return nil }
                    min = low
                    max = parts.count == 1 ? low : (parts[1].isEmpty ? Int.max : (Int(parts[1]) ?? Int.max))
                    i = j + 1
                default: break
                }
                // A lazy or possessive marker after a quantifier does not change which characters match.
                if (min, max) != (1, 1), i < chars.count, chars[i] == "?" || chars[i] == "+" { i += 1 }
            }
            if case .zeroWidth = atom { (min, max) = (1, 1) }
            if case .group(let alts) = atom, alts.count == 1, alts[0].isEmpty { atom = .zeroWidth }
            alternatives[alternatives.count - 1].append(Item(atom: atom, min: min, max: max))
        }
        return alternatives
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let h = String(scalar.value, radix: 16)
        return scalar.value > 0xFFFF ? "\\U" + String(repeating: "0", count: 8 - h.count) + h : "\\u" + String(repeating: "0", count: 4 - h.count) + h
    }

    private static func parseAtom(_ chars: [Unicode.Scalar], _ i: inout Int) -> Atom? {
        let c = chars[i]
        switch c {
        case "^", "$":
            i += 1
            return .zeroWidth
        case ".":
            i += 1
            return .any
        case "(":
            i += 1
            var lookaround = false
            if i < chars.count && chars[i] == "?" {
                guard i + 1 < chars.count else { return nil }
                let kind = chars[i + 1]
                if kind == ":" {
                    i += 2
                } else if kind == "=" || kind == "!" {
                    lookaround = true
                    i += 2
                } else if kind == "<" && i + 2 < chars.count && (chars[i + 2] == "=" || chars[i + 2] == "!") {
                    lookaround = true
                    i += 3
                } else {
                    return nil  // named groups, flags: give up
                }
            }
            guard let alternatives = parseAlternatives(chars, &i), i < chars.count, chars[i] == ")" else { return nil }
            i += 1
            return lookaround ? .zeroWidth : .group(alternatives)
        case "[":
            // Copy the class text through (ICU sets share the syntax), minding nesting and escapes.
            var depth = 0
            var j = i
            var text = ""
            repeat {
                let d = chars[j]
                text.unicodeScalars.append(d)
                if d == "\\" && j + 1 < chars.count {
                    text.unicodeScalars.append(chars[j + 1])
                    j += 2
                    continue
                }
                if d == "[" { depth += 1 }
                // A ']' first in the class ("[]a]", "[^]a]") is a literal, not the end.
                let literalFirst = depth == 1 && (j == i + 1 || (j == i + 2 && chars[i + 1] == "^"))
                if d == "]" && !literalFirst { depth -= 1 }
                j += 1
            } while j < chars.count && depth > 0
            guard depth == 0 else { return nil }
            i = j
            return .set(text)
        case "\\":
            guard i + 1 < chars.count else { return nil }
            let e = chars[i + 1]
            i += 2
            switch e {
            case "b", "B", "A", "z", "Z", "G": return .zeroWidth
            case "d": return .set("[\\p{Nd}]")
            case "D": return .set("[^\\p{Nd}]")
            case "s": return .set("[\\p{White_Space}]")
            case "S": return .set("[^\\p{White_Space}]")
            case "w": return .set("[\\p{Alphabetic}\\p{Mn}\\p{Nd}\\p{Pc}]")
            case "W": return .set("[^\\p{Alphabetic}\\p{Mn}\\p{Nd}\\p{Pc}]")
            case "n": return .set("[\\u000A]")
            case "t": return .set("[\\u0009]")
            case "r": return .set("[\\u000D]")
            case "p", "P":
                guard i < chars.count, chars[i] == "{" else { return nil }
                var j = i
                var name = ""
                while j < chars.count && chars[j] != "}" { name.unicodeScalars.append(chars[j]); j += 1 }
                guard j < chars.count else { return nil }
                i = j + 1
                return .set("[\\\(e)\(name)}]")
            default:
                if Character(e).isLetter || Character(e).isNumber { return nil }  // other escapes: give up
                return .set("[" + hex(e) + "]")
            }
        case "*", "+", "?", "{", "|", ")":
            return nil
        default:
            i += 1
            return .set("[" + hex(c) + "]")
        }
    }

    // MARK: - Edges

    private static func union(_ a: String?, _ b: String?) -> String? {
        guard let a, let b else { return nil }
        return a == b ? a : "[" + a + b + "]"
    }

    /// The set of a single character the atom can match (nil: any or not a single character).
    private static func charSet(_ atom: Atom) -> String? {
        if case .set(let s) = atom { return s }
        return nil
    }

    private static func suffix(of items: [Item]) -> Suffix {
        var items = items
        while let last = items.last, case .zeroWidth = last.atom { items.removeLast() }
        guard let last = items.last else { return Suffix(last: nil, secondLast: nil) }
        let before = Array(items.dropLast())
        var result: Suffix
        switch last.atom {
        case .set(let s):
            // The last character is from s; the one before is from s again (when it repeats) or
            // from what precedes.
            let preceding = suffix(of: before).last
            let second = last.max >= 2 ? union(s, last.min >= 2 ? s : preceding) : preceding
            result = Suffix(last: s, secondLast: last.min >= 2 ? s : second)
        case .group(let alternatives):
            let inners = alternatives.map { suffix(of: $0) }
            guard let firstInner = inners.first else { return Suffix(last: nil, secondLast: nil) }
            let allLast = inners.dropFirst().reduce(firstInner.last) { union($0, $1.last) }
            let preceding = suffix(of: before).last
            var second: String?? = .none
            for (alternative, inner) in zip(alternatives, inners) {
                // A one-character alternative takes its second-to-last character from what comes
                // before the group (or, when the group repeats, from the group again).
                let solid = alternative.filter { if case .zeroWidth = $0.atom { return false }; return true }
                var s2 = inner.secondLast
                if solid.count == 1, solid[0].min == 1, solid[0].max == 1 {
                    s2 = last.max >= 2 ? union(allLast, preceding) : preceding
                }
                second = .some(second.map { union($0, s2) } ?? s2)
            }
            result = Suffix(last: allLast, secondLast: second ?? nil)
        case .any, .zeroWidth:
            return Suffix(last: nil, secondLast: nil)
        }
        if last.min == 0 {
            // The item may be absent: the edge may be the preceding one's too.
            let without = suffix(of: before)
            result = Suffix(last: union(result.last, without.last), secondLast: union(result.secondLast, without.secondLast))
        }
        return result
    }

    private static func first(of items: [Item]) -> String? {
        var result: String?? = .none  // .none: nothing required yet
        for item in items {
            if case .zeroWidth = item.atom { continue }
            let set: String?
            switch item.atom {
            case .set(let s): set = s
            case .group(let alternatives):
                var acc: String?? = .none
                for alternative in alternatives {
                    let f = first(of: alternative)
                    acc = .some(acc.map { union($0, f) } ?? f)
                }
                set = acc ?? nil
            default: set = nil
            }
            result = .some(result.map { union($0, set) } ?? set)
            if item.min >= 1 { return result ?? nil }
        }
        return nil  // everything optional: the match may be empty or start anywhere
    }
}
