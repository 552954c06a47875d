import Foundation

/// The anchors of one document pair, resolved and weighted: names in another script are paired
/// with the names they sound like, anchors found on one side only are dropped, and each anchor
/// weighs what finding it on both sides of a bead says against chance.
///
/// The weight of an anchor is the log of how much likelier it is to be shared by a true pair
/// than by two sentences picked at random: `log(p · n · m / (df_source · df_target))`, capped per
/// kind. A number found in one sentence on each side is a strong anchor; a quotation mark found in
/// half the sentences is a weak one.
public struct AnchorTable: Sendable {
    /// One anchor of a sentence: its index in the table and how often the sentence holds it.
    public struct Hit: Sendable, Hashable {
        public var id: Int32
        public var count: Int32
    }

    /// How strong each kind of anchor is: the share of true pairs that keep it, and the cap on
    /// its weight.
    public struct KindWeights: Sendable {
        public var keep: [AnchorKey.Kind: Double]
        public var cap: [AnchorKey.Kind: Double]

        public static let standard = KindWeights(
            keep: [.number: 0.9, .word: 0.8, .name: 0.6, .loanword: 0.4, .punctuation: 0.6, .term: 0.8],
            cap: [.number: 4, .word: 3, .name: 3, .loanword: 2, .punctuation: 1.5, .term: 3])
    }

    public private(set) var keys: [AnchorKey] = []
    public private(set) var weights: [Double] = []
    private var isNumber: [Bool] = []
    /// Distinct numbers and names (three consonants or more) of the source side, and how many of
    /// them the target side holds too.
    public private(set) var sourceKeyCount = 0
    public private(set) var sharedKeyCount = 0
    private var ids: [AnchorKey: Int32] = [:]
    /// The `.name` keys in the table, to resolve candidates found later.
    private var nameKeys: [[AnchorKey]] = []
    private var sourceHits: [Hit] = []
    private var sourceOffsets: [Int32] = [0]
    private var targetHits: [Hit] = []
    private var targetOffsets: [Int32] = [0]

    /// An empty table for `n` source and `m` target sentences.
    public init(emptySource n: Int, target m: Int) {
        sourceOffsets = Array(repeating: 0, count: n + 1)
        targetOffsets = Array(repeating: 0, count: m + 1)
    }

    /// Resolves and weighs the raw anchors of each sentence of both sides.
    /// - Complexity: O(a log a) in the number of anchors.
    public init(source rawSource: [[AnchorKey]], target rawTarget: [[AnchorKey]], weights kindWeights: KindWeights = .standard) {
        let resolvedSource = Self.resolveNames(rawSource, against: rawTarget)
        let resolvedTarget = Self.resolveNames(rawTarget, against: rawSource)

        var sourceFrequency: [AnchorKey: Int] = [:]
        var targetFrequency: [AnchorKey: Int] = [:]
        for unit in resolvedSource { for key in Set(unit) { sourceFrequency[key, default: 0] += 1 } }
        for unit in resolvedTarget { for key in Set(unit) { targetFrequency[key, default: 0] += 1 } }

        var ids: [AnchorKey: Int32] = [:]
        let n = Double(max(1, rawSource.count))
        let m = Double(max(1, rawTarget.count))
        func telling(_ key: AnchorKey) -> Bool {
            key.kind == .number || (key.kind == .name && key.value.utf8.count >= NameAnchors.minimumPrefixKey)
        }
        sourceKeyCount = sourceFrequency.keys.filter(telling).count
        sharedKeyCount = sourceFrequency.keys.filter { telling($0) && targetFrequency[$0] != nil }.count
        // Anchors on both sides, sorted so that ids, and sums over them, do not depend on hashing order.
        let ordered = sourceFrequency.compactMap { key, df in targetFrequency[key].map { (key, df, $0) } }
            .sorted { $0.0.kind.rawValue != $1.0.kind.rawValue ? $0.0.kind.rawValue < $1.0.kind.rawValue : $0.0.value < $1.0.value }
        for (key, df, dt) in ordered {
            let keep = kindWeights.keep[key.kind] ?? 0.5
            let cap = kindWeights.cap[key.kind] ?? 1
            let weight = min(cap, max(0, log(keep * n * m / (Double(df) * Double(dt)))))
            guard weight > 0 else { continue }
            ids[key] = Int32(keys.count)
            keys.append(key)
            weights.append(weight)
        }
        func flatten(_ units: [[AnchorKey]]) -> ([Hit], [Int32]) {
            var hits: [Hit] = []
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(units.count + 1)
            for unit in units {
                var counts: [Int32: Int32] = [:]
                for key in unit { if let id = ids[key] { counts[id, default: 0] += 1 } }
                hits += counts.map { Hit(id: $0.key, count: $0.value) }.sorted { $0.id < $1.id }
                offsets.append(Int32(hits.count))
            }
            return (hits, offsets)
        }
        (sourceHits, sourceOffsets) = flatten(resolvedSource)
        (targetHits, targetOffsets) = flatten(resolvedTarget)
        isNumber = keys.map { $0.kind == .number }
        self.ids = ids
        nameKeys = [keys.filter { $0.kind == .name || $0.kind == .loanword }]
    }

    /// The anchors of a piece of text found afterwards, resolved like the table's own: name
    /// candidates become the table's names they sound like; anchors the table does not know are
    /// dropped.
    public func resolve(_ raw: [AnchorKey]) -> [Int32] {
        Self.resolveNames([raw], against: nameKeys)[0].compactMap { ids[$0] }
    }

    /// The shared weight and unmatched numbers of two multisets of anchor ids (from `resolve`).
    public func shared(source: [Int32], target: [Int32]) -> (weight: Double, unmatchedNumbers: Int) {
        var counts: [Int32: (Int32, Int32)] = [:]
        for id in source { counts[id, default: (0, 0)].0 += 1 }
        for id in target { counts[id, default: (0, 0)].1 += 1 }
        var weight = 0.0
        var unmatched: Int32 = 0
        for (id, (a, b)) in counts {
            let common = min(a, b)
            weight += weights[Int(id)] * Double(common)
            if isNumber[Int(id)] { unmatched += a + b - 2 * common }
        }
        return (weight, Int(unmatched))
    }

    /// Turns each `.nameCandidate` into the `.name` (or `.loanword`) of the other side it sounds like: the
    /// longest name key that starts the candidate (the rest being a particle or ending), or the
    /// name key the whole candidate starts (a silent ending in the name's spelling). Keys shorter
    /// than three consonants must match whole. Unmatched candidates are dropped.
    static func resolveNames(_ units: [[AnchorKey]], against other: [[AnchorKey]]) -> [[AnchorKey]] {
        guard units.contains(where: { $0.contains { $0.kind == .nameCandidate } }) else { return units }
        var names = Set<String>()
        var proper = Set<String>()
        for unit in other {
            for key in unit where key.kind == .name || key.kind == .loanword {
                names.insert(key.value)
                if key.kind == .name { proper.insert(key.value) }
            }
        }
        let sorted = names.sorted()
        let minimum = NameAnchors.minimumPrefixKey
        var memo: [String: String?] = [:]
        func match(_ candidate: String) -> String? {
            if let known = memo[candidate] { return known }
            var found: String?
            if names.contains(candidate) {
                found = candidate
            } else {
                // A name key that starts the candidate: 마케도니아인들이 → Macedonia.
                var prefix = candidate
                while prefix.utf8.count > minimum {
                    prefix.removeLast()
                    if names.contains(prefix) { found = prefix; break }
                }
                // The candidate starts a name key: 캐버노 → Kavanaugh (silent gh).
                if found == nil, candidate.utf8.count >= minimum {
                    var low = 0
                    var high = sorted.count
                    while low < high {
                        let mid = (low + high) / 2
                        if sorted[mid] < candidate { low = mid + 1 } else { high = mid }
                    }
                    if low < sorted.count, sorted[low].hasPrefix(candidate), sorted[low].utf8.count <= candidate.utf8.count + 2 {
                        found = sorted[low]
                    }
                }
            }
            memo[candidate] = found
            return found
        }
        return units.map { unit in
            unit.compactMap { key in
                guard key.kind == .nameCandidate else { return key }
                return match(key.value).map { AnchorKey(proper.contains($0) ? .name : .loanword, $0) }
            }
        }
    }

    /// The weight of the anchors two groups of sentences share (each occurrence used once) and
    /// how many numbers either side holds without the other.
    /// - Complexity: O(a log a + b log b) in the anchors of the two groups (a handful each), by a
    ///   merge of their sorted lists; allocates nothing.
    @inline(__always)
    public func shared(source sourceRange: Range<Int>, target targetRange: Range<Int>) -> (weight: Double, unmatchedNumbers: Int) {
        let sa = Int(sourceOffsets[sourceRange.lowerBound])
        let sb = Int(sourceOffsets[sourceRange.upperBound])
        let ta = Int(targetOffsets[targetRange.lowerBound])
        let tb = Int(targetOffsets[targetRange.upperBound])
        if sa == sb && ta == tb { return (0, 0) }
        if sourceRange.count <= 1 && targetRange.count <= 1 {
            // One sentence a side: each list is sorted and holds an id once.
            return sourceHits.withUnsafeBufferPointer { s in
                targetHits.withUnsafeBufferPointer { t in
                    merge(UnsafeBufferPointer(rebasing: s[sa..<sb]), UnsafeBufferPointer(rebasing: t[ta..<tb]))
                }
            }
        }
        return withUnsafeTemporaryAllocation(of: Hit.self, capacity: (sb - sa) + (tb - ta)) { buffer in
            let base = buffer.baseAddress!
            for k in sa..<sb { (base + (k - sa)).initialize(to: sourceHits[k]) }
            for k in ta..<tb { (base + (sb - sa) + (k - ta)).initialize(to: targetHits[k]) }
            let source = Self.sortedAndSummed(UnsafeMutableBufferPointer(start: base, count: sb - sa))
            let target = Self.sortedAndSummed(UnsafeMutableBufferPointer(start: base + (sb - sa), count: tb - ta))
            return merge(UnsafeBufferPointer(start: base, count: source), UnsafeBufferPointer(start: base + (sb - sa), count: target))
        }
    }

    /// Shared weight and unmatched numbers of two id-sorted lists without repeated ids.
    @inline(__always)
    private func merge(_ s: UnsafeBufferPointer<Hit>, _ t: UnsafeBufferPointer<Hit>) -> (weight: Double, unmatchedNumbers: Int) {
        var weight = 0.0
        var unmatched: Int32 = 0
        var i = 0
        var j = 0
        while i < s.count || j < t.count {
            if j == t.count || (i < s.count && s[i].id < t[j].id) {
                if isNumber[Int(s[i].id)] { unmatched += s[i].count }
                i += 1
            } else if i == s.count || t[j].id < s[i].id {
                if isNumber[Int(t[j].id)] { unmatched += t[j].count }
                j += 1
            } else {
                let id = Int(s[i].id)
                let common = min(s[i].count, t[j].count)
                weight += weights[id] * Double(common)
                if isNumber[id] { unmatched += s[i].count + t[j].count - 2 * common }
                i += 1
                j += 1
            }
        }
        return (weight, Int(unmatched))
    }

    /// Sorts hits by id (insertion sort: a handful) and adds up the counts of equal ids; returns
    /// how many distinct ids now open the buffer.
    @inline(__always)
    private static func sortedAndSummed(_ hits: UnsafeMutableBufferPointer<Hit>) -> Int {
        guard hits.count > 1 else { return hits.count }
        for k in 1..<hits.count {
            let item = hits[k]
            var m = k - 1
            while m >= 0 && hits[m].id > item.id {
                hits[m + 1] = hits[m]
                m -= 1
            }
            hits[m + 1] = item
        }
        var out = 0
        for k in 1..<hits.count {
            if hits[k].id == hits[out].id {
                hits[out].count += hits[k].count
            } else {
                out += 1
                hits[out] = hits[k]
            }
        }
        return out + 1
    }

    /// The anchors of one source sentence.
    public func sourceAnchors(_ i: Int) -> ArraySlice<Hit> { sourceHits[Int(sourceOffsets[i])..<Int(sourceOffsets[i + 1])] }
    /// The anchors of one target sentence.
    public func targetAnchors(_ j: Int) -> ArraySlice<Hit> { targetHits[Int(targetOffsets[j])..<Int(targetOffsets[j + 1])] }
}
