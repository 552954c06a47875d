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

    private var candidates: [Candidate] = []
    private var cuts: [Cut] = []
    /// Per (token, profile): where its cuts are in `cuts` (start, count); start -1: not yet computed.
    private var cutRanges: [(Int32, Int32)] = []

    public init(matcher: TermMatcher) {
        self.matcher = matcher
    }

    /// Terms in `text` (see `TermMatcher.matches(in:language:)`).
    /// - Complexity: O(n × k) for n bytes of text and keys of at most k bytes.
    public func matches(in text: String, language: LanguageTag?, overlapping: Bool = false) -> [TermMatch] {
        keys.analyze(text)
        guard !keys.tokens.isEmpty else { return [] }
        let filter = LanguageFilter(language)
        collect { filter.accepts(matcher.entries[Int($0)]) }
        return overlapping ? build(candidates, text) : build(selectLeftmostLongest(), text)
    }

    /// The concepts a query names (see `TermMatcher.lookup`): matches that cover the whole query,
    /// one per concept, best first.
    public func lookup(_ query: String) -> [TermMatch] {
        keys.analyze(query)
        guard let first = keys.tokens.first, let last = keys.tokens.last else { return [] }
        collect { _ in true }
        let whole = candidates.filter { $0.textStart == first.textStart && $0.textEnd == last.textEnd }
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

    private func collect(_ accepts: (Int32) -> Bool) {
        candidates.removeAll(keepingCapacity: true)
        cuts.removeAll(keepingCapacity: true)
        let profileCount = matcher.suffixTables.count
        cutRanges = [(Int32, Int32)](repeating: (-1, 0), count: keys.tokens.count * max(profileCount, 1))
        let tokenCount = keys.tokens.count
        let hasCompound = !matcher.compoundTrie.isEmpty
        keys.key.withUnsafeBufferPointer { key in
            keys.origins.withUnsafeBufferPointer { origins in
                for t in 0..<tokenCount {
                    let token = keys.tokens[t]
                    walk(matcher.wordTrie, from: token.keyStart, token: t, embedded: false, key, origins, accepts)
                    guard hasCompound, key[token.keyStart] >= 0x80 else { continue }
                    var p = token.keyStart + 1
                    while p < token.keyEnd {
                        if key[p] >= 0xC0 && origins[p] != origins[p - 1] {
                            walk(matcher.compoundTrie, from: p, token: t, embedded: true, key, origins, accepts)
                        }
                        p += 1
                    }
                }
            }
        }
    }

    private func walk(_ trie: KeyTrie, from start: Int, token startToken: Int, embedded: Bool,
                      _ key: UnsafeBufferPointer<UInt8>, _ origins: UnsafeBufferPointer<Int32>, _ accepts: (Int32) -> Bool) {
        var node = KeyTrie.root
        var p = start
        var t = startToken
        let textStart = Int(origins[start])
        let baseKind: MatchKind = embedded ? .compound : []
        while true {
            let token = keys.tokens[t]
            if p == token.keyEnd {
                if trie.isTerminal(node) {
                    for entry in trie.entries(at: node) where accepts(entry) {
                        add(entry, textStart, token.textEnd, token.textEnd, baseKind)
                    }
                }
                guard token.joinsNext, t + 1 < keys.tokens.count else { return }
                t += 1
                continue
            }
            if p > token.keyStart && origins[p] != origins[p - 1] {
                for table in matcher.suffixTables.indices where matcher.suffixTables[table].profile.maxSuffixes > 0 {
                    let suffixes = matcher.suffixTables[table]
                    guard suffixes.hasReplacements || trie.isTerminal(node) else { continue }
                    let range = cutRange(token: t, table: table, key, origins)
                    guard range.1 > 0 else { continue }
                    for c in Int(range.0)..<Int(range.0 + range.1) where cuts[c].position == p {
                        var target = node
                        for byte in suffixes.replacements[Int(cuts[c].suffix)] where target >= 0 {
                            target = trie.child(target, byte)
                        }
                        guard target >= 0, trie.isTerminal(target) else { continue }
                        for entry in trie.entries(at: target) where accepts(entry) {
                            let e = matcher.entries[Int(entry)]
                            guard e.profile == table, e.takesSuffix, e.keyCharacters >= suffixes.profile.minStem else { continue }
                            add(entry, textStart, Int(origins[p]), token.textEnd, baseKind.union(suffixes.profile.suffixKind))
                        }
                    }
                }
            }
            let next = trie.child(node, key[p])
            if next < 0 { return }
            node = next
            p += 1
        }
    }

    private func add(_ entry: Int32, _ start: Int, _ termEnd: Int, _ end: Int, _ kind: MatchKind) {
        let origin = matcher.entries[Int(entry)].origin
        var cost = kind.cost
        if origin == .initialSound { cost += MatchKind.initialSound.cost }
        if origin == .romanization { cost += MatchKind.romanization.cost }
        candidates.append(Candidate(textStart: start, textEnd: end, termTextEnd: termEnd, entry: entry, kind: kind, cost: cost))
    }

    /// The places in token `t` where endings of `table`'s language start, found by walking the
    /// reversed endings from the word's end (stacked up to the language's limit).
    private func cutRange(token t: Int, table: Int, _ key: UnsafeBufferPointer<UInt8>, _ origins: UnsafeBufferPointer<Int32>) -> (Int32, Int32) {
        let slot = t * matcher.suffixTables.count + table
        if cutRanges[slot].0 >= 0 { return cutRanges[slot] }
        let start = cuts.count
        let token = keys.tokens[t]
        let suffixes = matcher.suffixTables[table]
        func find(_ end: Int, _ depth: Int) {
            var node = KeyTrie.root
            var q = end
            while q > token.keyStart + 1 {
                node = suffixes.reversed.child(node, key[q - 1])
                if node < 0 { return }
                q -= 1
                if suffixes.reversed.isTerminal(node) && origins[q] != origins[q - 1] {
                    for suffix in suffixes.reversed.entries(at: node) {
                        cuts.append(Cut(position: q, suffix: suffix))
                    }
                    if depth + 1 < suffixes.profile.maxSuffixes { find(q, depth + 1) }
                }
            }
        }
        find(token.keyEnd, 0)
        cutRanges[slot] = (Int32(start), Int32(cuts.count - start))
        return cutRanges[slot]
    }

    // MARK: Results

    /// Non-overlapping matches: leftmost first, then longest; every concept on the chosen span.
    private func selectLeftmostLongest() -> [Candidate] {
        let sorted = candidates.sorted {
            ($0.textStart, -$0.textEnd, $0.cost, $0.entry) < ($1.textStart, -$1.textEnd, $1.cost, $1.entry)
        }
        var result: [Candidate] = []
        var chosen: (Int, Int)?
        var coveredUntil = -1
        for candidate in sorted {
            if let span = chosen, span == (candidate.textStart, candidate.textEnd) {
                result.append(candidate)
                continue
            }
            guard candidate.textStart >= coveredUntil else { continue }
            chosen = (candidate.textStart, candidate.textEnd)
            coveredUntil = candidate.textEnd
            result.append(candidate)
        }
        // One match per concept and span: the cheapest spelling.
        var seen = Set<[Int]>()
        return result.filter { c in
            seen.insert([c.textStart, c.textEnd, matcher.entries[Int(c.entry)].term.concept.glossary,
                         matcher.entries[Int(c.entry)].term.concept.concept]).inserted
        }
    }

    private func build(_ chosen: [Candidate], _ text: String) -> [TermMatch] {
        let utf8 = Array(text.utf8)
        return chosen.map { c in
            let entry = matcher.entries[Int(c.entry)]
            var kind = c.kind
            switch entry.origin {
            case .initialSound: kind.insert(.initialSound)
            case .romanization: kind.insert(.romanization)
            case .term: break
            }
            // Exact, or only spaces differ, or more (case, hyphens, accents). A suffix that
            // replaced the term's ending (policies → policy) leaves a prefix of the term.
            let core = String(decoding: utf8[c.textStart..<c.termTextEnd], as: UTF8.self)
            let suffixed = c.termTextEnd < c.textEnd
            let same = core == entry.spelling || (suffixed && entry.spelling.hasPrefix(core))
            if !same && entry.origin != .romanization {
                let spaceless = { (s: String) in s.filter { !$0.isWhitespace } }
                kind.insert(spaceless(core) == spaceless(entry.spelling) ? .spacing : .folded)
            }
            return TermMatch(concept: entry.term.concept, term: entry.term, language: entry.language, spelling: entry.spelling,
                             text: String(decoding: utf8[c.textStart..<c.textEnd], as: UTF8.self),
                             byteRange: c.textStart..<c.textEnd, termByteRange: c.textStart..<c.termTextEnd, kind: kind)
        }
    }
}

/// Which entries a text's language may use.
struct LanguageFilter {
    let language: String?
    let latin: Bool

    init(_ tag: LanguageTag?) {
        language = tag?.language
        latin = tag?.likelyScript == "Latn"
    }

    func accepts(_ entry: TermMatcher.Entry) -> Bool {
        guard let language else { return true }
        return entry.baseLanguage == language || (latin && entry.isRomanization)
    }
}
