import GRDB
import TMKitFormats
import TMKitText

/// A unit found for a text, with its similarity.
public struct MemoryMatch: Sendable, Hashable {
    public var unit: MemoryUnit
    /// 100: the source is the text as written; 99: the same apart from case, width or
    /// spacing; below: character-level Levenshtein similarity (see `Similarity`).
    public var score: Int
}

/// How a lookup runs.
public struct LookupOptions: Sendable {
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// The lowest score reported (CAT tools default to 70–75).
    public var threshold: Int
    public var limit: Int

    public init(sourceLanguage: String? = nil, targetLanguage: String? = nil, threshold: Int = 70, limit: Int = 5) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.threshold = threshold
        self.limit = limit
    }
}

extension TranslationMemory {
    /// How many posting entries a fuzzy lookup reads at most (rarest trigrams first).
    static let postingBudget = 60_000
    /// How many candidates, ranked by shared trigrams, get a full edit-distance score.
    static let candidateCount = 48

    /// Exact and fuzzy matches for `text`, best first.
    ///
    /// Exact matches come from the hash of the match key. Fuzzy candidates come from the trigram
    /// index: the rarest of the trigrams the index keeps for the query (`MatchKey.indexGrams`;
    /// syllable trigrams for Korean) are looked up, units are ranked by how many they share, and
    /// the best `candidateCount` are scored with banded Levenshtein. Candidates sharing no rare trigram with the text are not seen.
    /// - Complexity: about O(postings read + candidates × |text| × band); independent of the
    ///   memory's size for texts with rare trigrams.
    public func lookup(_ text: String, options: LookupOptions = LookupOptions()) throws -> [MemoryMatch] {
        let key = MatchKey(text)
        guard !key.scalars.isEmpty else { return [] }
        let filter = UnitFilter(sourceLanguage: options.sourceLanguage, targetLanguage: options.targetLanguage)
        let (clause, filterArguments) = filter.sql
        let andFilter = clause.isEmpty ? "" : " AND " + clause.dropFirst("WHERE ".count)
        return try read(mapped: true) { db in
            var scores: [Int64: Int] = [:]
            // Exact: the hash of the key.
            let exact = try FastStatement(db, "SELECT id, source_text FROM tm_unit WHERE source_key = ?\(andFilter)")
            try exact.statement.setArguments([key.hash] + filterArguments)
            while try exact.step(db) {
                let source = exact.text(1) ?? ""
                if source == text {
                    scores[exact.int64(0)] = 100
                } else if MatchKey(source) == key {
                    scores[exact.int64(0)] = 99
                }
            }
            exact.reset()

            // Fuzzy: trigram candidates, then edit distance.
            if scores.count < options.limit && options.threshold < 100 {
                let candidates = try fuzzyCandidates(db, grams: key.indexGrams)
                if !candidates.isEmpty {
                    let list = candidates.map(String.init).joined(separator: ",")
                    let statement = try FastStatement(db, "SELECT id, source_text FROM tm_unit WHERE id IN (\(list))\(andFilter)")
                    try statement.statement.setArguments(filterArguments)
                    var texts: [Int64: String] = [:]
                    while try statement.step(db) { texts[statement.int64(0)] = statement.text(1) ?? "" }
                    statement.reset()
                    // Best candidates (most shared trigrams) first; once `limit` matches are in
                    // hand, a candidate must beat the worst of them, which narrows the band.
                    var kept: [Int] = scores.values.sorted(by: >)
                    for id in candidates {
                        guard scores[id] == nil, let text = texts[id] else { continue }
                        let floor = kept.count >= options.limit ? max(options.threshold, kept[options.limit - 1] + 1) : options.threshold
                        if floor > 99 { break }
                        if let score = Similarity.percent(key.scalars, MatchKey(text).scalars, minimum: floor) {
                            // 100 is kept for text identical as written.
                            scores[id] = min(score, 99)
                            kept.append(min(score, 99))
                            kept.sort(by: >)
                        }
                    }
                }
            }
            let best = scores.filter { $0.value >= options.threshold }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }
                .prefix(options.limit)
            if best.isEmpty { return [] }
            let units = try Self.fetchUnits(db, sql: "SELECT \(Self.unitColumns) FROM tm_unit WHERE id IN (\(best.map { String($0.key) }.joined(separator: ",")))")
            let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
            return best.compactMap { entry in byID[entry.key].map { MemoryMatch(unit: $0, score: entry.value) } }
        }
    }

    /// Unit ids that share the most rare trigrams with the query, best first.
    func fuzzyCandidates(_ db: Database, grams: [Int64]) throws -> [Int64] {
        let selected = try rarestGrams(db, grams: grams, budget: Self.postingBudget)
        if selected.isEmpty { return [] }
        guard let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM tm_unit"), maxID > 0 else { return [] }
        var counts = [UInt16](repeating: 0, count: Int(maxID) + 1)
        var touched: [UInt32] = []
        let postings = try FastStatement(db, "SELECT units FROM tm_gram WHERE gram = ?")
        for gram in selected {
            postings.bind(1, gram)
            while try postings.step(db) {
                PostingList.decode(postings.blob(0)) { id in
                    let i = Int(id)
                    guard i < counts.count else { return }
                    if counts[i] == 0 { touched.append(id) }
                    counts[i] &+= 1
                }
            }
            postings.reset()
        }
        if touched.count > Self.candidateCount {
            // Partial ranking: a counting pass over the shared-gram counts.
            // An id reused after a deletion can sit in two batches of one gram: clamp.
            var histogram = [Int](repeating: 0, count: selected.count + 2)
            for id in touched { histogram[min(Int(counts[Int(id)]), selected.count + 1)] += 1 }
            var cut = histogram.count - 1
            var taken = 0
            while cut > 1 && taken + histogram[cut] < Self.candidateCount {
                taken += histogram[cut]
                cut -= 1
            }
            touched = touched.filter { Int(counts[Int($0)]) >= cut }
            touched.sort { counts[Int($0)] > counts[Int($1)] }
            touched = Array(touched.prefix(Self.candidateCount))
        }
        return touched.map(Int64.init)
    }

    /// The query's trigrams with the fewest postings, as many as fit in `budget` entries (at
    /// least the rarest one).
    func rarestGrams(_ db: Database, grams: [Int64], budget: Int) throws -> [Int64] {
        let frequency = try FastStatement(db, "SELECT count FROM tm_gram_count WHERE gram = ?")
        var known: [(gram: Int64, count: Int64)] = []
        for gram in grams {
            frequency.bind(1, gram)
            if try frequency.step(db), let count = frequency.int64OrNil(0), count > 0 { known.append((gram, count)) }
            frequency.reset()
        }
        known.sort { $0.count < $1.count }
        var selected: [Int64] = []
        var total: Int64 = 0
        for entry in known {
            if !selected.isEmpty && total + entry.count > Int64(budget) { break }
            selected.append(entry.gram)
            total += entry.count
        }
        return selected
    }
}
