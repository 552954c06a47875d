/// Fuzzy-match scores as CAT tools show them: character-level Levenshtein distance on the match
/// keys, scaled to a percentage of the longer key.
///
/// `score = floor(100 × (1 − distance / max(|a|, |b|)))`, with 100 kept for segments that are
/// identical as written; segments whose keys are equal but whose text differs (case, width,
/// spacing) score 99. Character level works for Korean, where particles glue to words
/// (관리소에서 vs 관리소에): a token-level distance would count the whole word as changed.
public enum Similarity {
    /// The percentage (0–100) for two keys, or nil when it is certainly below `minimum`
    /// (the computation stops early then).
    /// - Complexity: O(|a| × band) where the band is the edit budget `minimum` leaves.
    public static func percent(_ a: [UInt32], _ b: [UInt32], minimum: Int = 0) -> Int? {
        let longer = max(a.count, b.count)
        if longer == 0 { return 100 }
        // The largest distance that still reaches `minimum`.
        let budget = longer - (minimum * longer + 99) / 100
        if abs(a.count - b.count) > budget { return nil }
        guard let distance = levenshtein(a, b, limit: budget) else { return nil }
        let score = (100 * (longer - distance)) / longer
        return score >= minimum ? score : nil
    }

    /// Levenshtein distance, or nil when it exceeds `limit` (Ukkonen's band: only cells within
    /// `limit` of the diagonal are computed).
    /// - Complexity: O(min(|a|, |b|) × limit).
    public static func levenshtein(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int? {
        // Keep `a` the shorter.
        if a.count > b.count { return levenshtein(b, a, limit: limit) }
        let n = a.count
        let m = b.count
        if m - n > limit { return nil }
        if n == 0 { return m }
        let big = limit + 1
        // Two rows of the band, reused; unchecked access in the inner loop.
        var rows = [Int](repeating: big, count: 2 * (m + 1))
        return rows.withUnsafeMutableBufferPointer { rows in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    var previous = rows.baseAddress!
                    var current = previous + (m + 1)
                    for j in 0...min(m, limit) { previous[j] = j }
                    for i in 1...n {
                        let low = max(1, i - limit)
                        let high = min(m, i + limit)
                        if low > high { return nil }
                        current[low - 1] = low == 1 ? i : big
                        var rowMinimum = current[low - 1]
                        let ai = a[i - 1]
                        var left = current[low - 1]
                        for j in low...high {
                            var value = previous[j - 1] + (ai == b[j - 1] ? 0 : 1)
                            let deletion = previous[j] + 1
                            if deletion < value { value = deletion }
                            let insertion = left + 1
                            if insertion < value { value = insertion }
                            current[j] = value
                            left = value
                            if value < rowMinimum { rowMinimum = value }
                        }
                        if high < m { current[high + 1] = big }
                        if rowMinimum > limit { return nil }
                        swap(&previous, &current)
                    }
                    let distance = previous[m]
                    return distance <= limit ? distance : nil
                }
            }
        }
    }
}
