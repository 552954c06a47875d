/// Applies simple ICU transform rules without ICU: the plain rule files romanization is written
/// in (`ante { key } post > output ;` over single characters, character sets and variables), as
/// ICU would, on Unicode scalars.
///
/// Building a matcher romanizes every Korean term in four systems, two rule files each; through
/// ICU that is a string conversion each way per call, and it made up most of the build. The
/// rules stay ICU's (ICU still compiles every file, to report rule errors and to handle what this
/// reader does not): `init` returns nil for any rule file that uses more of ICU's syntax than the
/// subset below, and the romanizer then calls ICU. Tests compare both on every shipped term.
///
/// The subset: `#` comments; `$name = …;` variables; rules `ante { key } post > output ;` where
/// the sides hold characters (unquoted letters, `'quoted'`, `\'`-escaped, `\uXXXX`), sets
/// `[a-zᄀ-ᄒ]` of characters and ranges, variables, and in the key `( … )` segments that the output
/// copies with `$1`. Anything else (anchors, quantifiers, `|` cursors, `::` IDs, reverse or
/// two-way rules, set operations and properties) makes `init` return nil.
///
/// Immutable after `init` (its tables live in memory it owns), so one may be shared between threads.
///
/// The semantics are ICU's (`TransliterationRuleSet`): at each position the rules are tried in
/// file order and the first whose before-context matches the text written so far and whose key
/// and after-context match the text ahead is applied: the key is replaced by the output and the
/// position moves past it; where no rule matches, the character is copied and the position moves
/// one character on.
final class TransformRules: @unchecked Sendable {
    /// One character of a pattern: a scalar or a set of them.
    enum Element: Sendable {
        case scalar(UInt32)
        /// Sorted, non-overlapping closed ranges.
        case set([ClosedRange<UInt32>])

        @inline(__always)
        func matches(_ s: UInt32) -> Bool {
            switch self {
            case .scalar(let c): return c == s
            case .set(let ranges):
                for range in ranges where range.contains(s) { return true }
                return false
            }
        }
    }

    enum OutputPart: Sendable {
        case literal([UInt32])
        /// The text a key segment matched (`$1` → segment 0).
        case segment(Int)
    }

    struct Rule: Sendable {
        var ante: [Element]
        var key: [Element]
        var post: [Element]
        /// Key element ranges captured by `( … )`, in order.
        var segments: [Range<Int>]
        var output: [OutputPart]
    }

    let rules: [Rule]

    /// A rule laid out for `apply`: ranges into the flat arrays below, so trying a rule touches
    /// no reference-counted memory.
    struct Compiled {
        var ante: Int32
        var anteCount: Int32
        var key: Int32
        var keyCount: Int32
        var post: Int32
        var postCount: Int32
        var output: Int32
        var outputCount: Int32
    }

    private let compiled: UnsafeMutableBufferPointer<Compiled>
    /// Pattern characters: a scalar, or `setFlag | n` for set n.
    private let patterns: UnsafeMutableBufferPointer<UInt32>
    /// Set n's ranges are `setRanges[setStarts[n]..<setStarts[n + 1]]`, as lower, upper pairs.
    private let setRanges: UnsafeMutableBufferPointer<UInt32>
    private let setStarts: UnsafeMutableBufferPointer<Int32>
    /// Output characters: a scalar, or `setFlag | start << 8 | end` for the input the key matched
    /// from `start` to `end` (a segment).
    private let outputs: UnsafeMutableBufferPointer<UInt32>
    private static let setFlag: UInt32 = 0x8000_0000
    /// For each scalar below `tableLimit`: where its candidate rules start in `candidateLists`, -1
    /// for none. Candidates are the rules whose key can start with the scalar, in file order; a
    /// list ends with -1.
    private let table: UnsafeMutableBufferPointer<Int32>
    private let candidateLists: UnsafeMutableBufferPointer<Int32>
    /// Candidates for scalars at or above `tableLimit`.
    private let high: [UInt32: Int32]
    private static let tableLimit: UInt32 = 0x3200

    /// Reads rule text; nil when it uses syntax outside the supported subset (or is malformed:
    /// ICU, which compiles the same text, reports that).
    init?(_ text: String) {
        guard let statements = Self.tokenize(Array(text.unicodeScalars)) else { return nil }
        // (A class: the romanizer hands it around per term, and a struct of arrays would be
        // retained field by field on every copy.)
        var variables: [String: [Token]] = [:]
        var rules: [Rule] = []
        for statement in statements where !statement.isEmpty {
            if case .variable(let name) = statement[0], statement.count >= 2, case .equals = statement[1] {
                var value: [Token] = []
                for token in statement.dropFirst(2) {
                    switch token {
                    case .scalar, .set: value.append(token)
                    case .variable(let other):
                        guard let defined = variables[other] else { return nil }
                        value.append(contentsOf: defined)
                    default: return nil
                    }
                }
                variables[name] = value
                continue
            }
            guard let rule = Self.rule(statement, variables: variables) else { return nil }
            rules.append(rule)
        }
        self.rules = rules

        // Flat layout.
        var compiled: [Compiled] = []
        var patterns: [UInt32] = []
        var setRanges: [UInt32] = []
        var setStarts: [Int32] = [0]
        var outputs: [UInt32] = []
        func lay(_ elements: [Element]) -> (Int32, Int32) {
            let start = Int32(patterns.count)
            for element in elements {
                switch element {
                case .scalar(let c): patterns.append(c)
                case .set(let ranges):
                    patterns.append(Self.setFlag | UInt32(setStarts.count - 1))
                    for range in ranges { setRanges += [range.lowerBound, range.upperBound] }
                    setStarts.append(Int32(setRanges.count))
                }
            }
            return (start, Int32(elements.count))
        }
        for rule in rules {
            guard rule.key.count < 256 else { return nil }
            let ante = lay(rule.ante)
            let key = lay(rule.key)
            let post = lay(rule.post)
            let outputStart = Int32(outputs.count)
            for part in rule.output {
                switch part {
                case .literal(let scalars): outputs += scalars
                case .segment(let n):
                    let range = rule.segments[n]
                    outputs.append(Self.setFlag | UInt32(range.lowerBound) << 8 | UInt32(range.upperBound))
                }
            }
            compiled.append(
                Compiled(
                    ante: ante.0, anteCount: ante.1, key: key.0, keyCount: key.1, post: post.0, postCount: post.1,
                    output: outputStart, outputCount: Int32(outputs.count) - outputStart))
        }
        self.compiled = Self.copy(compiled)
        self.patterns = Self.copy(patterns)
        self.setRanges = Self.copy(setRanges)
        self.setStarts = Self.copy(setStarts)
        self.outputs = Self.copy(outputs)

        // Dispatch on the first key character, keeping file order.
        var byScalar: [UInt32: [Int32]] = [:]
        var expanded = 0
        for (index, rule) in rules.enumerated() {
            switch rule.key[0] {
            case .scalar(let c): byScalar[c, default: []].append(Int32(index))
            case .set(let ranges):
                for range in ranges {
                    expanded += range.count
                    // A set this large is not romanization data; leave it to ICU.
                    if expanded > 200_000 { return nil }
                    for c in range { byScalar[c, default: []].append(Int32(index)) }
                }
            }
        }
        var table = [Int32](repeating: -1, count: Int(Self.tableLimit))
        var lists: [Int32] = []
        var high: [UInt32: Int32] = [:]
        for (scalar, list) in byScalar.sorted(by: { $0.key < $1.key }) {
            let start = Int32(lists.count)
            lists.append(contentsOf: list)
            lists.append(-1)
            if scalar < Self.tableLimit { table[Int(scalar)] = start } else { high[scalar] = start }
        }
        self.table = Self.copy(table)
        self.candidateLists = Self.copy(lists)
        self.high = high
    }

    deinit {
        compiled.deallocate()
        table.deallocate()
        candidateLists.deallocate()
        setStarts.deallocate()
        patterns.deallocate()
        setRanges.deallocate()
        outputs.deallocate()
    }

    /// An array's elements in memory this object owns (at least one element, so never nil).
    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return UnsafeMutableBufferPointer(start: buffer.baseAddress, count: array.count)
    }

    /// Transforms `input` into `output` (cleared first).
    /// - Complexity: O(n × r) for n scalars and at most r rules starting with one character.
    func apply(_ input: [UInt32], into output: inout [UInt32]) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(input.count * 2)
        input.withUnsafeBufferPointer { input in
            let layout = Layout(
                table: UnsafeBufferPointer(table), lists: UnsafeBufferPointer(candidateLists), compiled: UnsafeBufferPointer(compiled),
                patterns: UnsafeBufferPointer(patterns), setRanges: UnsafeBufferPointer(setRanges), setStarts: UnsafeBufferPointer(setStarts),
                outputs: UnsafeBufferPointer(outputs))
            apply(input, into: &output, layout)
        }
    }

    private struct Layout {
        let table: UnsafeBufferPointer<Int32>
        let lists: UnsafeBufferPointer<Int32>
        let compiled: UnsafeBufferPointer<Compiled>
        let patterns: UnsafeBufferPointer<UInt32>
        let setRanges: UnsafeBufferPointer<UInt32>
        let setStarts: UnsafeBufferPointer<Int32>
        let outputs: UnsafeBufferPointer<UInt32>

        /// Whether pattern character `p` matches scalar `s`.
        @inline(__always)
        func matches(_ p: UInt32, _ s: UInt32) -> Bool {
            if p & TransformRules.setFlag == 0 { return p == s }
            let n = Int(p & ~TransformRules.setFlag)
            var k = Int(setStarts[n])
            let end = Int(setStarts[n + 1])
            while k < end {
                if s >= setRanges[k] && s <= setRanges[k + 1] { return true }
                k += 2
            }
            return false
        }
    }

    private func apply(_ input: UnsafeBufferPointer<UInt32>, into output: inout [UInt32], _ l: Layout) {
        let count = input.count
        var i = 0
        outer: while i < count {
            let c = input[i]
            var start: Int32 = -1
            if c < Self.tableLimit {
                start = l.table[Int(c)]
            } else if let found = high[c] {
                start = found
            }
            if start >= 0 {
                var r = Int(start)
                tryRules: while l.lists[r] >= 0 {
                    let rule = l.compiled[Int(l.lists[r])]
                    r += 1
                    let keyCount = Int(rule.keyCount)
                    let keyEnd = i + keyCount
                    let anteCount = Int(rule.anteCount)
                    guard keyEnd + Int(rule.postCount) <= count, anteCount <= output.count else { continue }
                    for k in 0..<keyCount where !l.matches(l.patterns[Int(rule.key) + k], input[i + k]) { continue tryRules }
                    for k in 0..<Int(rule.postCount) where !l.matches(l.patterns[Int(rule.post) + k], input[keyEnd + k]) {
                        continue tryRules
                    }
                    let anteStart = output.count - anteCount
                    for k in 0..<anteCount where !l.matches(l.patterns[Int(rule.ante) + k], output[anteStart + k]) {
                        continue tryRules
                    }
                    for k in Int(rule.output)..<Int(rule.output + rule.outputCount) {
                        let o = l.outputs[k]
                        if o & Self.setFlag == 0 {
                            output.append(o)
                        } else {
                            let from = i + Int((o >> 8) & 0xFF)
                            let to = i + Int(o & 0xFF)
                            for j in from..<to { output.append(input[j]) }
                        }
                    }
                    i = keyEnd
                    continue outer
                }
            }
            output.append(c)
            i += 1
        }
    }

    // MARK: Reading rules

    enum Token {
        case scalar(UInt32)
        case set([ClosedRange<UInt32>])
        case variable(String)
        /// `$1` in an output.
        case segmentReference(Int)
        case openSegment, closeSegment, openKey, closeKey, forward, equals
    }

    /// A statement's tokens to a rule, nil for anything outside the subset.
    private static func rule(_ tokens: [Token], variables: [String: [Token]]) -> Rule? {
        guard let arrow = tokens.firstIndex(where: { if case .forward = $0 { return true } else { return false } }) else {
            return nil
        }
        // Left side: [ante {] key [} post], with variables spliced in; segments only in the key.
        var left: [Token] = []
        for token in tokens[..<arrow] {
            if case .variable(let name) = token {
                guard let value = variables[name] else { return nil }
                left.append(contentsOf: value)
            } else {
                left.append(token)
            }
        }
        var pending: [Element] = []
        var ante: [Element] = []
        var key: [Element]?
        var sawOpenKey = false
        var segments: [Range<Int>] = []
        var segmentStart: Int?
        for token in left {
            switch token {
            case .openKey:
                // Segments before `{` would be in the before-context.
                guard !sawOpenKey, key == nil, segmentStart == nil, segments.isEmpty else { return nil }
                sawOpenKey = true
                ante = pending
                pending = []
            case .closeKey:
                guard key == nil, segmentStart == nil else { return nil }
                key = pending
                pending = []
            case .openSegment:
                guard key == nil, segmentStart == nil else { return nil }
                segmentStart = pending.count
            case .closeSegment:
                guard let start = segmentStart else { return nil }
                segments.append(start..<pending.count)
                segmentStart = nil
            case .scalar(let c): pending.append(.scalar(c))
            case .set(let ranges): pending.append(.set(ranges))
            default: return nil
            }
        }
        guard segmentStart == nil else { return nil }
        var post: [Element] = []
        if key != nil { post = pending } else { key = pending }
        guard let key, !key.isEmpty else { return nil }

        // Right side: literals, literal-valued variables, `$n`.
        var output: [OutputPart] = []
        var literal: [UInt32] = []
        for token in tokens[(arrow + 1)...] {
            switch token {
            case .scalar(let c): literal.append(c)
            case .variable(let name):
                guard let value = variables[name] else { return nil }
                for v in value {
                    guard case .scalar(let c) = v else { return nil }
                    literal.append(c)
                }
            case .segmentReference(let n):
                guard n >= 1, n <= segments.count else { return nil }
                if !literal.isEmpty { output.append(.literal(literal)) }
                literal = []
                output.append(.segment(n - 1))
            default: return nil
            }
        }
        if !literal.isEmpty { output.append(.literal(literal)) }
        return Rule(ante: ante, key: key, post: post, segments: segments, output: output)
    }

    /// Splits rule text into statements of tokens; nil for syntax outside the subset.
    private static func tokenize(_ s: [Unicode.Scalar]) -> [[Token]]? {
        var statements: [[Token]] = []
        var current: [Token] = []
        var i = 0
        let n = s.count
        func hex(_ from: Int, _ count: Int) -> UInt32? {
            guard from + count <= n else { return nil }
            var value: UInt32 = 0
            for k in from..<(from + count) {
                guard s[k].isASCII, let digit = Int(String(s[k]), radix: 16) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        /// An escape at `i` (the backslash): its scalar and length, or nil.
        func escape(_ i: Int) -> (UInt32, Int)? {
            guard i + 1 < n else { return nil }
            let next = s[i + 1]
            if next == "u" {
                guard let value = hex(i + 2, 4) else { return nil }
                return (value, 6)
            }
            // Letters and digits after a backslash are ICU escapes (\n, \x{…}): not supported.
            if next.isASCII && (next.properties.isAlphabetic || ("0"..."9").contains(next)) { return nil }
            return (next.value, 2)
        }
        while i < n {
            let c = s[i]
            if isPatternWhiteSpace(c) {
                i += 1
                continue
            }
            switch c {
            case "#":
                while i < n && s[i] != "\n" && s[i] != "\r" { i += 1 }
            case ";":
                statements.append(current)
                current = []
                i += 1
            case "'":
                // 'quoted text', where '' is an apostrophe; '' alone is one too.
                if i + 1 < n && s[i + 1] == "'" {
                    current.append(.scalar(0x27))
                    i += 2
                    continue
                }
                i += 1
                while true {
                    guard i < n else { return nil }
                    if s[i] == "'" {
                        if i + 1 < n && s[i + 1] == "'" {
                            current.append(.scalar(0x27))
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    current.append(.scalar(s[i].value))
                    i += 1
                }
            case "\\":
                guard let (value, length) = escape(i) else { return nil }
                current.append(.scalar(value))
                i += length
            case "[":
                var ranges: [ClosedRange<UInt32>] = []
                var previous: UInt32?
                var pendingRange = false
                i += 1
                while true {
                    guard i < n else { return nil }
                    let d = s[i]
                    if isPatternWhiteSpace(d) {
                        i += 1
                        continue
                    }
                    if d == "]" {
                        i += 1
                        break
                    }
                    var value: UInt32
                    if d == "\\" {
                        guard let (v, length) = escape(i) else { return nil }
                        value = v
                        i += length
                    } else if d == "-" && previous != nil && !pendingRange {
                        pendingRange = true
                        i += 1
                        continue
                    } else if d.isASCII && !(d.properties.isAlphabetic || ("0"..."9").contains(d)) {
                        // Set syntax: negation, properties, nested sets, strings, variables.
                        return nil
                    } else {
                        value = d.value
                        i += 1
                    }
                    if pendingRange, let low = previous {
                        guard low <= value else { return nil }
                        ranges.removeLast()
                        ranges.append(low...value)
                        pendingRange = false
                        previous = nil
                    } else {
                        ranges.append(value...value)
                        previous = value
                    }
                }
                guard !pendingRange, !ranges.isEmpty else { return nil }
                current.append(.set(normalized(ranges)))
            case "$":
                guard i + 1 < n else { return nil }
                let next = s[i + 1]
                if ("1"..."9").contains(next) {
                    current.append(.segmentReference(Int(next.value - 0x30)))
                    i += 2
                } else if next.properties.isAlphabetic || next == "_" {
                    var j = i + 1
                    while j < n && (s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "_") { j += 1 }
                    current.append(.variable(String(String.UnicodeScalarView(s[(i + 1)..<j]))))
                    i = j
                } else {
                    return nil
                }
            case "{":
                current.append(.openKey)
                i += 1
            case "}":
                current.append(.closeKey)
                i += 1
            case "(":
                current.append(.openSegment)
                i += 1
            case ")":
                current.append(.closeSegment)
                i += 1
            case ">":
                current.append(.forward)
                i += 1
            case "=":
                current.append(.equals)
                i += 1
            default:
                // Other ASCII punctuation is syntax this reader does not know (| @ ^ * + ? . & :
                // < …); so are the arrows → ← ↔.
                if c.isASCII && !(c.properties.isAlphabetic || ("0"..."9").contains(c)) { return nil }
                if c == "→" || c == "←" || c == "↔" { return nil }
                current.append(.scalar(c.value))
                i += 1
            }
        }
        // The last rule may go without its `;`.
        if !current.isEmpty { statements.append(current) }
        // Only one `>` per rule, and `=` only in variable definitions (checked in `rule`).
        for statement in statements {
            let arrows = statement.filter { if case .forward = $0 { return true } else { return false } }.count
            let equals = statement.filter { if case .equals = $0 { return true } else { return false } }.count
            if statement.isEmpty { continue }
            guard (arrows == 1 && equals == 0) || (arrows == 0 && equals == 1) else { return nil }
        }
        return statements
    }

    /// ICU ignores Pattern_White_Space between the parts of a rule.
    private static func isPatternWhiteSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0x200E, 0x200F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func normalized(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var result: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
