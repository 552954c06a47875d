import Foundation
import TMKitText

/// Scans texts for a matcher's terms, reusing its buffers from text to text: the tool for hot
/// loops (checking every segment of a document). `TermMatcher.matches(in:language:)` makes one
/// per call.
///
/// Not thread-safe: give each thread its own scanner; they can share one matcher.
public final class TermScanner {
    public let matcher: TermMatcher
    private var keys = KeyScanner()

    /// A possible match, before overlaps are resolved.
    struct Candidate {
        var textStart: Int
        var textEnd: Int
        var termTextEnd: Int
        var entry: Int32
        var kind: MatchKind
        var cost: Int
    }

    /// A place inside a word where endings start: key offset and which ending is next to the stem.
    struct Cut {
        var position: Int
        var suffix: Int32
    }

    /// What the last walk found, kept between texts for the arrays' capacity.
    private var storage = Walk.Storage()
    /// Filters by language, made once per language (finding a language's script asks ICU).
    private var filters: [String: LanguageFilter] = [:]
    private var lastFilter: (String, LanguageFilter)?

    public init(matcher: TermMatcher) {
        self.matcher = matcher
    }

    /// Terms in `text` (see `TermMatcher.matches(in:language:)`).
    /// - Complexity: O(n × k) for n bytes of text and keys of at most k bytes.
    public func matches(in text: String, language: LanguageTag?, overlapping: Bool = false) -> [TermMatch] {
        keys.analyze(text)
        guard !keys.tokens.isEmpty else { return [] }
        collect(filter(for: language))
        return overlapping ? build(storage.candidates, text) : build(selectLeftmostLongest(), text)
    }

    private func filter(for language: LanguageTag?) -> LanguageFilter {
        guard let language else { return LanguageFilter(nil, matcher: matcher) }
        // Texts mostly come in runs of one language: the last filter before the dictionary.
        if let (identifier, filter) = lastFilter, identifier == language.identifier { return filter }
        let made = filters[language.identifier] ?? LanguageFilter(language, matcher: matcher)
        filters[language.identifier] = made
        lastFilter = (language.identifier, made)
        return made
    }

    /// The concepts a query names (see `TermMatcher.lookup`): matches that cover the whole query,
    /// one per concept, best first.
    public func lookup(_ query: String) -> [TermMatch] {
        keys.analyze(query)
        guard let first = keys.tokens.first, let last = keys.tokens.last else { return [] }
        collect(LanguageFilter(nil, matcher: matcher))
        let whole = storage.candidates.filter { $0.textStart == first.textStart && $0.textEnd == last.textEnd }
        var best: [ConceptRef: Candidate] = [:]
        for candidate in whole {
            let concept = matcher.entries[Int(candidate.entry)].term.concept
            if let existing = best[concept], existing.cost <= candidate.cost { continue }
            best[concept] = candidate
        }
        let ordered = best.values.sorted {
            ($0.cost, matcher.entries[Int($0.entry)].term.concept) < ($1.cost, matcher.entries[Int($1.entry)].term.concept)
        }
        return build(ordered, query)
    }

    /// Concepts with a spelling within a small edit distance of the query's folded key.
    /// - Complexity: O(e × k²) over the e indexed spellings of similar length.
    public func suggestions(for query: String, limit: Int = 5) -> [TermSuggestion] {
        let target = Array(String(decoding: keys.key(of: query), as: UTF8.self).unicodeScalars)
        guard !target.isEmpty else { return [] }
        let bound = max(1, min(3, target.count / 3))
        var best: [ConceptRef: TermSuggestion] = [:]
        for entry in matcher.entries where abs(entry.keyCharacters - target.count) <= bound {
            let candidate = Array(String(decoding: entry.key, as: UTF8.self).unicodeScalars)
            guard let distance = Self.editDistance(target, candidate, bound: bound) else { continue }
            let concept = entry.term.concept
            if let existing = best[concept], existing.distance <= distance { continue }
            let spelling = entry.origin == .term ? entry.spelling : matcher.term(entry.term).text
            best[concept] = TermSuggestion(concept: concept, spelling: spelling, distance: distance)
        }
        return best.values.sorted { ($0.distance, $0.concept) < ($1.distance, $1.concept) }.prefix(limit).map { $0 }
    }

    /// Levenshtein distance, or nil when it is over `bound`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
        if a == b { return 0 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > bound { return nil }
            swap(&previous, &current)
        }
        let distance = previous[b.count]
        return distance <= bound ? distance : nil
    }

    // MARK: Walking the trie

    private func collect(_ filter: LanguageFilter) {
        // The walk fills the arrays as a struct's own (no exclusivity checks per append, as a
        // class's stored properties would need), then hands them back for their capacity.
        var storage = Walk.Storage()
        swap(&storage, &self.storage)
        defer { swap(&storage, &self.storage) }
        storage.candidates.removeAll(keepingCapacity: true)
        storage.cuts.removeAll(keepingCapacity: true)
        storage.cutRanges.removeAll(keepingCapacity: true)
        let tables = matcher.suffixInfo.count
        storage.cutRanges.append(contentsOf: repeatElement((-1, 0), count: keys.tokens.count * max(tables, 1)))
        let hasCompound = !matcher.compoundTrie.isEmpty
        let anySuffixes = matcher.suffixInfo.contains { $0.maxSuffixes > 0 }
        let matcher = self.matcher
        keys.key.withUnsafeBufferPointer { key in
            keys.origins.withUnsafeBufferPointer { origins in
                keys.tokens.withUnsafeBufferPointer { tokens in
                    matcher.hot.withUnsafeBufferPointer { hot in
                        matcher.suffixInfo.withUnsafeBufferPointer { suffixInfo in
                            var walk = Walk(
                                matcher: matcher, key: key, origins: origins, tokens: tokens, hot: hot, suffixInfo: suffixInfo,
                                filter: filter, anySuffixes: anySuffixes, replacementLengths: matcher.replacementLengths,
                                storage: storage)
                            storage = Walk.Storage()
                            let wordTrie = matcher.wordTrie.view
                            let compoundTrie = matcher.compoundTrie.view
                            for t in 0..<tokens.count {
                                let token = tokens[t]
                                walk.walk(wordTrie, from: token.keyStart, token: t, embedded: false)
                                guard hasCompound, key[token.keyStart] >= 0x80 else { continue }
                                var p = token.keyStart + 1
                                while p < token.keyEnd {
                                    if key[p] >= 0xC0 && origins[p] != origins[p - 1] {
                                        walk.walk(compoundTrie, from: p, token: t, embedded: true)
                                    }
                                    p += 1
                                }
                            }
                            storage = walk.storage
                        }
                    }
                }
            }
        }
    }

    /// One text's walk over the tries: the text's buffers, the matcher's hot tables, and the
    /// arrays it fills.
    struct Walk {
        struct Storage {
            var candidates: [Candidate] = []
            var cuts: [Cut] = []
            /// Per (token, table): where its cuts are in `cuts` (start, count); start -1: not yet
            /// computed.
            var cutRanges: [(Int32, Int32)] = []
        }

        let matcher: TermMatcher
        let key: UnsafeBufferPointer<UInt8>
        let origins: UnsafeBufferPointer<Int32>
        let tokens: UnsafeBufferPointer<KeyScanner.Token>
        let hot: UnsafeBufferPointer<TermMatcher.HotEntry>
        let suffixInfo: UnsafeBufferPointer<TermMatcher.SuffixInfo>
        let filter: LanguageFilter
        let anySuffixes: Bool
        /// Bit n set: an ending of n bytes replaces a term's own ending.
        let replacementLengths: UInt64
        var storage: Storage

        /// Whether an ending with a replacement could start at `p` in a word that ends at `end`.
        @inline(__always)
        func mayReplace(_ p: Int, _ end: Int) -> Bool {
            let length = end - p
            return length < 64 && replacementLengths & (1 << UInt64(length)) != 0
        }

        mutating func walk(_ trie: FrozenTrie.View, from start: Int, token startToken: Int, embedded: Bool) {
            var node: Int32 = 0
            var p = start
            var t = startToken
            let textStart = Int(origins[start])
            // (Not `[]`: an option set made from an array literal allocates the array.)
            let baseKind = embedded ? MatchKind.compound : MatchKind(rawValue: 0)
            var token = tokens[t]
            var depth = 0
            var firstScalar: UInt32 = 0
            while true {
                let header = trie.header(node)
                let terminal = header & FrozenTrie.terminalFlag != 0
                if p == token.keyEnd {
                    if terminal {
                        for entry in trie.entries(at: node) where filter.accepts(hot[Int(entry)]) {
                            add(entry, textStart, token.textEnd, token.textEnd, baseKind)
                        }
                    }
                    guard token.joinsNext, t &+ 1 < tokens.count else { return }
                    t &+= 1
                    token = tokens[t]
                    continue
                }
                if anySuffixes && p > token.keyStart
                    && (terminal || (mayReplace(p, token.keyEnd) && matcher.replacementFirstBytes.contains(key[p])))
                    && origins[p] != origins[p &- 1]
                {
                    checkSuffixes(trie, node, at: p, token: t, textStart: textStart, baseKind: baseKind)
                }
                let (scalar, length) = UTF8Step.scalar(key, p)
                let next: Int32
                if depth == 0 {
                    firstScalar = scalar
                    next = trie.child(0, scalar)
                } else {
                    if depth == 1 && !trie.mayStartWith(firstScalar, scalar) { return }
                    next = trie.child(of: node, header: header, scalar)
                }
                if next < 0 { return }
                node = next
                p &+= length
                depth &+= 1
            }
        }

        /// Candidates that end at `p` inside token `t`, followed by endings of the term's language.
        mutating func checkSuffixes(_ trie: FrozenTrie.View, _ node: Int32, at p: Int, token t: Int, textStart: Int, baseKind: MatchKind) {
            let nodeTables = trie.bits(at: node)
            for table in 0..<suffixInfo.count where suffixInfo[table].maxSuffixes > 0 {
                let info = suffixInfo[table]
                let bit = TermMatcher.tableBit(table)
                if bit != 0 {
                    // No term the text's language can use takes this table's endings, or (without
                    // replacements, which lead elsewhere) none ends here.
                    guard filter.tables & bit != 0, info.hasReplacements || nodeTables & bit != 0 else { continue }
                } else {
                    guard info.hasReplacements || trie.isTerminal(node) else { continue }
                }
                let range = cutRange(token: t, table: table)
                guard range.1 > 0 else { continue }
                for c in Int(range.0)..<Int(range.0 + range.1) where storage.cuts[c].position == p {
                    var target = node
                    if info.hasReplacements {
                        matcher.suffixTables[table].replacements[Int(storage.cuts[c].suffix)].withUnsafeBufferPointer { replacement in
                            var q = 0
                            while q < replacement.count && target >= 0 {
                                let (scalar, length) = UTF8Step.scalar(replacement, q)
                                target = trie.child(target, scalar)
                                q += length
                            }
                        }
                    }
                    guard target >= 0, trie.isTerminal(target) else { continue }
                    for entry in trie.entries(at: target) {
                        let e = hot[Int(entry)]
                        guard e.profile == table, e.takesSuffix, e.keyCharacters >= info.minStem, filter.accepts(e) else {
                            continue
                        }
                        add(entry, textStart, Int(origins[p]), tokens[t].textEnd, baseKind.union(info.kind))
                    }
                }
            }
        }

        @inline(__always)
        mutating func add(_ entry: Int32, _ start: Int, _ termEnd: Int, _ end: Int, _ kind: MatchKind) {
            let origin = hot[Int(entry)].origin
            var cost = kind.cost
            if origin == .initialSound { cost += MatchKind.initialSound.cost }
            if origin == .romanization { cost += MatchKind.romanization.cost }
            storage.candidates.append(
                Candidate(textStart: start, textEnd: end, termTextEnd: termEnd, entry: entry, kind: kind, cost: cost))
        }

        /// The places in token `t` where endings of `table`'s language start, found by walking the
        /// reversed endings from the word's end (stacked up to the language's limit).
        mutating func cutRange(token t: Int, table: Int) -> (Int32, Int32) {
            let slot = t * suffixInfo.count + table
            if storage.cutRanges[slot].0 >= 0 { return storage.cutRanges[slot] }
            let start = storage.cuts.count
            findCuts(before: tokens[t].keyEnd, depth: 0, in: tokens[t], matcher.reversedSuffixes[table].view, suffixInfo[table].maxSuffixes)
            storage.cutRanges[slot] = (Int32(start), Int32(storage.cuts.count - start))
            return storage.cutRanges[slot]
        }

        /// Endings that end at `end`, and (depth first, up to `maxSuffixes`) the endings before them.
        private mutating func findCuts(
            before end: Int, depth: Int, in token: KeyScanner.Token, _ reversed: FrozenTrie.View, _ maxSuffixes: Int
        ) {
            var node = KeyTrie.root
            var q = end
            while q > token.keyStart + 1 {
                let previous = UTF8Step.start(before: q, key)
                guard previous > token.keyStart else { return }
                node = reversed.child(node, UTF8Step.scalar(key, previous).0)
                if node < 0 { return }
                q = previous
                if reversed.isTerminal(node) && origins[q] != origins[q - 1] {
                    for suffix in reversed.entries(at: node) {
                        storage.cuts.append(Cut(position: q, suffix: suffix))
                    }
                    if depth + 1 < maxSuffixes { findCuts(before: q, depth: depth + 1, in: token, reversed, maxSuffixes) }
                }
            }
        }
    }

    // MARK: Results

    /// Non-overlapping matches: leftmost first, then longest; every concept on the chosen span,
    /// each once, with its cheapest spelling.
    private func selectLeftmostLongest() -> [Candidate] {
        storage.candidates.sort {
            ($0.textStart, -$0.textEnd, $0.cost, $0.entry) < ($1.textStart, -$1.textEnd, $1.cost, $1.entry)
        }
        var result: [Candidate] = []
        result.reserveCapacity(storage.candidates.count)
        var spanStart = -1
        var spanEnd = -1
        var groupStart = 0
        var coveredUntil = -1
        matcher.concepts.withUnsafeBufferPointer { concepts in
            for candidate in storage.candidates {
                if candidate.textStart == spanStart && candidate.textEnd == spanEnd {
                    let concept = concepts[Int(candidate.entry)]
                    if !result[groupStart...].contains(where: { concepts[Int($0.entry)] == concept }) { result.append(candidate) }
                    continue
                }
                guard candidate.textStart >= coveredUntil else { continue }
                spanStart = candidate.textStart
                spanEnd = candidate.textEnd
                coveredUntil = candidate.textEnd
                groupStart = result.count
                result.append(candidate)
            }
        }
        return result
    }

    private func build(_ chosen: [Candidate], _ text: String) -> [TermMatch] {
        if chosen.isEmpty { return [] }
        var text = text
        text.makeContiguousUTF8()
        var result: [TermMatch] = []
        result.reserveCapacity(chosen.count)
        text.withUTF8 { utf8 in
            matcher.entries.withUnsafeBufferPointer { entries in
                for c in chosen {
                    // Through the pointer: a copy of the whole entry would retain all its strings.
                    let entry = entries.baseAddress! + Int(c.entry)
                    var kind = c.kind
                    switch entry.pointee.origin {
                    case .initialSound: kind.insert(.initialSound)
                    case .romanization: kind.insert(.romanization)
                    case .term: break
                    }
                    // Exact, or only spaces differ, or more (case, hyphens, accents). A suffix that
                    // replaced the term's ending (policies → policy) leaves a prefix of the term.
                    let core = UnsafeBufferPointer(rebasing: utf8[c.textStart..<c.termTextEnd])
                    var spellingText = entry.pointee.spelling
                    let suffixed = c.termTextEnd < c.textEnd
                    let same = spellingText.withUTF8 { spelling in
                        // The text is the spelling, or (after a replacing ending) starts it.
                        (core.count == spelling.count || (suffixed && core.count < spelling.count))
                            && (core.isEmpty || memcmp(core.baseAddress!, spelling.baseAddress!, core.count) == 0)
                    }
                    if !same && entry.pointee.origin != .romanization {
                        let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
                        let spacingOnly = spellingText.withUTF8 { core.filter { !isSpace($0) }.elementsEqual($0.filter { !isSpace($0) }) }
                        kind.insert(spacingOnly ? .spacing : .folded)
                    }
                    result.append(
                        TermMatch(
                            concept: entry.pointee.term.concept, term: entry.pointee.term, language: entry.pointee.language,
                            spelling: spellingText,
                            text: String(decoding: UnsafeBufferPointer(rebasing: utf8[c.textStart..<c.textEnd]), as: UTF8.self),
                            byteRange: c.textStart..<c.textEnd, termByteRange: c.textStart..<c.termTextEnd, kind: kind))
                }
            }
        }
        return result
    }
}

/// Which entries a text's language may use.
struct LanguageFilter {
    /// The text's language number in the matcher, -1 for one no term has, nil for no filter.
    let language: Int32?
    let latin: Bool
    /// The suffix tables of the entries it accepts (`TermMatcher.languageTables`).
    let tables: UInt32

    init(_ tag: LanguageTag?, matcher: TermMatcher) {
        let language = tag.map { matcher.languageNumbers[$0.language] ?? -1 }
        let latin = tag?.likelyScript == "Latn"
        self.language = language
        self.latin = latin
        if let language {
            tables = (language >= 0 ? matcher.languageTables[Int(language)] : 0) | (latin ? matcher.romanizationTables : 0)
        } else {
            tables = ~0
        }
    }

    @inline(__always)
    func accepts(_ entry: TermMatcher.HotEntry) -> Bool {
        guard let language else { return true }
        return entry.language == language || (latin && entry.isRomanization)
    }
}
