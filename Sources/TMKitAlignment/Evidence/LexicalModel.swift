import Foundation

/// Token ids for the words of one side (0 is reserved for the empty word of IBM Model 1).
public final class Vocabulary: @unchecked Sendable {
    private var ids: [String: Int32] = [:]
    public private(set) var count: Int = 1

    public init() {}

    /// The id of a token, added if new.
    public func id(_ token: String) -> Int32 {
        if let known = ids[token] { return known }
        let made = Int32(count)
        ids[token] = made
        count += 1
        return made
    }

    /// The lexical tokens of a sentence: words lowercased, cut to their first `stem` letters when
    /// the language glues endings to stems (0: whole words). Digits are left to the number
    /// anchors; one-letter Latin words carry nothing.
    public static func tokenTexts(of words: [WordToken], stem: Int) -> [String] {
        var result: [String] = []
        result.reserveCapacity(words.count)
        for word in words {
            switch word.kind {
            case .digits: continue
            case .latin:
                guard word.text.utf8.count >= 2 else { continue }
                result.append(word.lowered)
            case .foreign:
                if stem > 0 && word.text.unicodeScalars.count > stem {
                    result.append(String(String.UnicodeScalarView(word.text.unicodeScalars.prefix(stem))))
                } else {
                    result.append(word.lowered)
                }
            }
        }
        return result
    }

    /// The ids of tokens, adding the new ones.
    public func ids(_ tokens: [String]) -> [Int32] { tokens.map(id) }
}

/// Word-translation probabilities learnt from the documents being aligned, in both directions
/// (IBM Model 1, trained by expectation–maximization on the sentence pairs a first, length- and
/// anchor-based pass found), after Moore (2002). It needs no dictionary and no download: a few
/// hundred sentence pairs teach it the document's frequent words.
public final class LexicalModel: Sendable {
    /// P(target token | source token) for one direction, with P(token | empty word).
    struct Table: Sendable {
        /// For source token s: `targets[offsets[s]..<offsets[s+1]]` with `probabilities` alike.
        var offsets: [Int32]
        var targets: [Int32]
        var probabilities: [Float]
        var empty: [Float]
        /// Relative frequency of each target token in the training pairs.
        var unigram: [Float]
        var tokenCount: Int
    }

    let forward: Table
    let backward: Table
    /// How many sentence pairs it learnt from.
    public let pairCount: Int

    /// Trains on sentence pairs (token ids from two vocabularies).
    /// - Complexity: O(iterations · Σ |source| · |target|) over the pairs.
    public init(pairs: [(source: [Int32], target: [Int32])], sourceVocabulary: Int, targetVocabulary: Int, iterations: Int = 5) {
        pairCount = pairs.count
        (forward, backward) = Self.train(pairs, sourceSize: sourceVocabulary, targetSize: targetVocabulary, iterations: iterations)
    }

    /// Both directions at once: they share the co-occurrences, so each (source, target) word pair
    /// is hashed once. Each sentence pair keeps a matrix of slots, one row per source word and one
    /// column per target word, with row 0 and column 0 for the empty word of each direction.
    private static func train(_ pairs: [(source: [Int32], target: [Int32])], sourceSize: Int, targetSize: Int,
                              iterations: Int) -> (Table, Table) {
        var slotOf = PairTable(capacity: 1 << 16)
        var slotSource: [Int32] = []
        var slotTarget: [Int32] = []
        var refs: [Int32] = []
        refs.reserveCapacity(pairs.reduce(0) { $0 + ($1.source.count + 1) * ($1.target.count + 1) })
        var sourceFrequency = [Float](repeating: 0, count: sourceSize)
        var targetFrequency = [Float](repeating: 0, count: targetSize)
        for pair in pairs {
            for t in pair.target { targetFrequency[Int(t)] += 1 }
            for s in pair.source { sourceFrequency[Int(s)] += 1 }
            for x in 0...pair.source.count {
                let s: Int32 = x == 0 ? 0 : pair.source[x - 1]
                for y in 0...pair.target.count {
                    let t: Int32 = y == 0 ? 0 : pair.target[y - 1]
                    if x == 0 && y == 0 {
                        refs.append(-1)
                        continue
                    }
                    let key = UInt64(UInt32(bitPattern: s)) << 32 | UInt64(UInt32(bitPattern: t))
                    let slot = slotOf.slot(for: key, next: Int32(slotSource.count))
                    if slot == Int32(slotSource.count) {
                        slotSource.append(s)
                        slotTarget.append(t)
                    }
                    refs.append(slot)
                }
            }
        }
        let slots = slotSource.count
        var forward = [Float](repeating: 1, count: slots)
        var backward = [Float](repeating: 1, count: slots)
        var forwardCounts = [Float](repeating: 0, count: slots)
        var backwardCounts = [Float](repeating: 0, count: slots)
        var sourceTotals = [Float](repeating: 0, count: sourceSize)
        var targetTotals = [Float](repeating: 0, count: targetSize)
        for _ in 0..<iterations {
            for k in 0..<slots {
                forwardCounts[k] = 0
                backwardCounts[k] = 0
            }
            var base = 0
            for pair in pairs {
                let rows = pair.source.count + 1
                let columns = pair.target.count + 1
                // Forward: each target word (column y ≥ 1) is produced by one of the rows.
                for y in 1..<columns {
                    var z: Float = 0
                    for x in 0..<rows { z += forward[Int(refs[base + x * columns + y])] }
                    guard z > 0 else { continue }
                    let inverse = 1 / z
                    for x in 0..<rows {
                        let slot = Int(refs[base + x * columns + y])
                        forwardCounts[slot] += forward[slot] * inverse
                    }
                }
                // Backward: each source word (row x ≥ 1) is produced by one of the columns.
                for x in 1..<rows {
                    let row = base + x * columns
                    var z: Float = 0
                    for y in 0..<columns { z += backward[Int(refs[row + y])] }
                    guard z > 0 else { continue }
                    let inverse = 1 / z
                    for y in 0..<columns {
                        let slot = Int(refs[row + y])
                        backwardCounts[slot] += backward[slot] * inverse
                    }
                }
                base += rows * columns
            }
            for k in 0..<sourceSize { sourceTotals[k] = 0 }
            for k in 0..<targetSize { targetTotals[k] = 0 }
            for k in 0..<slots {
                sourceTotals[Int(slotSource[k])] += forwardCounts[k]
                targetTotals[Int(slotTarget[k])] += backwardCounts[k]
            }
            for k in 0..<slots {
                let sourceTotal = sourceTotals[Int(slotSource[k])]
                forward[k] = slotTarget[k] != 0 && sourceTotal > 0 ? forwardCounts[k] / sourceTotal : 0
                let targetTotal = targetTotals[Int(slotTarget[k])]
                backward[k] = slotSource[k] != 0 && targetTotal > 0 ? backwardCounts[k] / targetTotal : 0
            }
        }
        func table(probabilities: [Float], given: [Int32], produced: [Int32], givenSize: Int, producedSize: Int,
                   frequency: [Float]) -> Table {
            // Keep what matters per given word: probabilities of at least 1 %.
            var empty = [Float](repeating: 0, count: producedSize)
            var perGiven = [Int32](repeating: 0, count: givenSize + 1)
            for k in 0..<slots where produced[k] != 0 {
                if given[k] == 0 {
                    empty[Int(produced[k])] = probabilities[k]
                } else if probabilities[k] >= 0.01 {
                    perGiven[Int(given[k]) + 1] += 1
                }
            }
            for g in 0..<givenSize { perGiven[g + 1] += perGiven[g] }
            var fill = perGiven
            let kept = Int(perGiven[givenSize])
            var targets = [Int32](repeating: 0, count: kept)
            var values = [Float](repeating: 0, count: kept)
            for k in 0..<slots where produced[k] != 0 && given[k] != 0 && probabilities[k] >= 0.01 {
                let at = Int(fill[Int(given[k])])
                targets[at] = produced[k]
                values[at] = probabilities[k]
                fill[Int(given[k])] += 1
            }
            let tokenCount = Int(frequency.reduce(0, +))
            let denominator = Float(tokenCount) + Float(producedSize)
            return Table(offsets: perGiven, targets: targets, probabilities: values, empty: empty,
                         unigram: frequency.map { ($0 + 1) / denominator }, tokenCount: tokenCount)
        }
        return (table(probabilities: forward, given: slotSource, produced: slotTarget, givenSize: sourceSize, producedSize: targetSize,
                      frequency: targetFrequency),
                table(probabilities: backward, given: slotTarget, produced: slotSource, givenSize: targetSize, producedSize: sourceSize,
                      frequency: sourceFrequency))
    }

    /// Scores beads of one document pair with the model.
    public func scorer(source: [[Int32]], target: [[Int32]]) -> LexicalScorer {
        LexicalScorer(model: self, source: source, target: target)
    }
}

/// Scores how well groups of sentences explain each other under a `LexicalModel`: the mean, over
/// the words of each side, of the log ratio of the word's probability given the other side to its
/// probability in general; the two directions averaged. Near 0 for unrelated sentences that share
/// only function words, clearly positive for translations, negative when one side holds words the
/// other cannot explain (a sentence left out and merged into its neighbour's bead).
///
/// The probabilities a single sentence gives to each word of a single sentence of the other side
/// are worked out once per sentence pair and kept: beads of every shape over the same sentences
/// then cost additions and a logarithm per word, not lookups.
///
/// Not thread-safe (it fills its cache as it goes).
public final class LexicalScorer {
    /// One direction: for each sentence of the "given" side, the summed probabilities of the
    /// tokens it can produce, sorted by token.
    struct Direction {
        var offsets: [Int32]
        var tokens: [Int32]
        var sums: [Float]
        var lengths: [Int32]
        /// The produced side's tokens per sentence.
        var producedOffsets: [Int32]
        var produced: [Int32]
        /// Per produced token: P(token | empty word) and the token's general probability.
        var empty: [Float]
        var unigram: [Float]
    }

    let forward: Direction
    let backward: Direction
    /// A word no sentence of the other side explains scores log(floor).
    static let floor: Float = 0.02

    /// Per sentence pair (source i, target j), found through `slots`: the probability each word of
    /// j gets from i alone (`forwardOffset`, as many values as j has words) and each word of i from
    /// j alone (`backwardOffset`), and the summed log ratios for the pair as a 1-1 bead.
    private var slots = PairTable(capacity: 1 << 12)
    private var forwardOffset: [Int32] = []
    private var backwardOffset: [Int32] = []
    private var forwardSum: [Float] = []
    private var backwardSum: [Float] = []
    private var values: [Float] = []

    init(model: LexicalModel, source: [[Int32]], target: [[Int32]]) {
        forward = Self.direction(given: source, produced: target, table: model.forward)
        backward = Self.direction(given: target, produced: source, table: model.backward)
    }

    private static func direction(given: [[Int32]], produced: [[Int32]], table: LexicalModel.Table) -> Direction {
        var offsets: [Int32] = [0]
        var tokens: [Int32] = []
        var sums: [Float] = []
        var scratch = [Float](repeating: 0, count: table.empty.count)
        var touched: [Int32] = []
        for sentence in given {
            touched.removeAll(keepingCapacity: true)
            for token in sentence where Int(token) + 1 < table.offsets.count {
                for k in Int(table.offsets[Int(token)])..<Int(table.offsets[Int(token) + 1]) {
                    let t = table.targets[k]
                    if scratch[Int(t)] == 0 { touched.append(t) }
                    scratch[Int(t)] += table.probabilities[k]
                }
            }
            touched.sort()
            for t in touched {
                tokens.append(t)
                sums.append(scratch[Int(t)])
                scratch[Int(t)] = 0
            }
            offsets.append(Int32(tokens.count))
        }
        // Produced tokens the model never saw carry no evidence either way: left out.
        var producedOffsets: [Int32] = [0]
        var flat: [Int32] = []
        var empty: [Float] = []
        var unigram: [Float] = []
        for sentence in produced {
            for token in sentence where Int(token) < table.unigram.count {
                flat.append(token)
                empty.append(table.empty[Int(token)])
                unigram.append(table.unigram[Int(token)])
            }
            producedOffsets.append(Int32(flat.count))
        }
        return Direction(offsets: offsets, tokens: tokens, sums: sums, lengths: given.map { Int32($0.count) },
                         producedOffsets: producedOffsets, produced: flat, empty: empty, unigram: unigram)
    }

    /// The score of a bead (both sides non-empty).
    /// - Complexity: O(w) for w words on the two sides, after the sentence pairs' first use.
    public func score(source: Range<Int>, target: Range<Int>) -> Double {
        let (a, na) = explain(forward, given: source, produced: target, forwardDirection: true)
        let (b, nb) = explain(backward, given: target, produced: source, forwardDirection: false)
        if na + nb == 0 { return 0 }
        if na == 0 { return b }
        if nb == 0 { return a }
        return (a + b) / 2
    }

    /// Mean log ratio of the produced side's words given the given side, and how many words.
    @inline(__always)
    private func explain(_ d: Direction, given: Range<Int>, produced: Range<Int>, forwardDirection: Bool) -> (Double, Int) {
        var count = 0
        for p in produced { count += Int(d.producedOffsets[p + 1] - d.producedOffsets[p]) }
        guard count > 0 else { return (0, 0) }
        if given.count == 1 {
            // Each produced sentence with the one given sentence: the pair's cached sum.
            var total: Float = 0
            for p in produced {
                let slot = forwardDirection ? pair(given.lowerBound, p) : pair(p, given.lowerBound)
                total += forwardDirection ? forwardSum[slot] : backwardSum[slot]
            }
            return (Double(total) / Double(count), count)
        }
        var length: Int32 = 1
        for g in given { length += d.lengths[g] }
        let inverseLength = 1 / Float(length)
        let floor = Self.floor
        var total: Float = 0
        for p in produced {
            let first = Int(d.producedOffsets[p])
            let n = Int(d.producedOffsets[p + 1]) - first
            guard n > 0 else { continue }
            var starts = (0, 0, 0, 0)
            var k = 0
            for g in given where k < 4 {
                let slot = forwardDirection ? pair(g, p) : pair(p, g)
                let start = Int(forwardDirection ? forwardOffset[slot] : backwardOffset[slot])
                switch k {
                case 0: starts.0 = start
                case 1: starts.1 = start
                case 2: starts.2 = start
                default: starts.3 = start
                }
                k += 1
            }
            for t in 0..<n {
                var probability = d.empty[first + t]
                probability += values[starts.0 + t]
                if k > 1 { probability += values[starts.1 + t] }
                if k > 2 { probability += values[starts.2 + t] }
                if k > 3 { probability += values[starts.3 + t] }
                let unigram = d.unigram[first + t]
                total += log(max(probability * inverseLength, floor * unigram) / unigram)
            }
        }
        return (Double(total) / Double(count), count)
    }

    /// The cache slot of source sentence `i` with target sentence `j`, worked out on first use.
    @inline(__always)
    private func pair(_ i: Int, _ j: Int) -> Int {
        let key = UInt64(UInt32(i)) << 32 | UInt64(UInt32(j))
        let next = Int32(forwardSum.count)
        let slot = slots.slot(for: key, next: next)
        if slot == next { fill(i, j) }
        return Int(slot)
    }

    private func fill(_ i: Int, _ j: Int) {
        let floor = Self.floor
        func side(_ d: Direction, given g: Int, produced p: Int) -> (offset: Int32, sum: Float) {
            let offset = Int32(values.count)
            let inverseLength = 1 / Float(d.lengths[g] + 1)
            var total: Float = 0
            for k in Int(d.producedOffsets[p])..<Int(d.producedOffsets[p + 1]) {
                let value = Self.lookup(d, sentence: g, token: d.produced[k])
                values.append(value)
                let unigram = d.unigram[k]
                total += log(max((value + d.empty[k]) * inverseLength, floor * unigram) / unigram)
            }
            return (offset, total)
        }
        let f = side(forward, given: i, produced: j)
        let b = side(backward, given: j, produced: i)
        forwardOffset.append(f.offset)
        forwardSum.append(f.sum)
        backwardOffset.append(b.offset)
        backwardSum.append(b.sum)
    }

    @inline(__always)
    private static func lookup(_ d: Direction, sentence: Int, token: Int32) -> Float {
        var low = Int(d.offsets[sentence])
        var high = Int(d.offsets[sentence + 1])
        while low < high {
            let mid = (low + high) >> 1
            let t = d.tokens[mid]
            if t == token { return d.sums[mid] }
            if t < token { low = mid + 1 } else { high = mid }
        }
        return 0
    }
}

/// An open-addressing hash map from 64-bit keys to 32-bit slots, for counting co-occurrences
/// without a `Dictionary` per entry.
struct PairTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var used = 0
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: .max, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The slot of `key`, or `next` after storing it when the key is new.
    @inline(__always)
    mutating func slot(for key: UInt64, next: Int32) -> Int32 {
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == .max {
                keys[i] = key
                values[i] = next
                used += 1
                if used * 2 > keys.count { grow() }
                return next
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: .max, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != .max {
            var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while keys[i] != .max { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }

}
