import Foundation

/// Gives the cost of a bead to the search.
public protocol BeadScorer {
    /// The cost of pairing `source` with `target` (either may be empty) as a bead of shape
    /// `shape` (an index into the search's shapes).
    func cost(source: Range<Int>, target: Range<Int>, shape: Int) -> Double
}

/// Dynamic programming over a band of the alignment table: the cheapest sequence of beads from
/// (0, 0) to (n, m), and, on request, each bead's posterior probability by the forward–backward
/// algorithm over all paths in the band.
///
/// - Complexity: O(cells · shapes) time, O(cells) memory (O(cells · shapes) with posteriors),
///   where cells is the band's size: linear in the documents' length for a fixed width.
public enum LatticeSearch {
    public struct Result: Sendable {
        public var beads: [Bead]
        /// The path's total cost.
        public var cost: Double
    }

    /// The cheapest path through `band`. With `posteriors`, each bead's `confidence` is its
    /// posterior probability at `temperature` (costs are read as negative log-probabilities).
    /// - Parameter beam: cells costing more than this above the cheapest cell of their row are
    ///   dropped (no bead starts from them), which spares the cost of beads no good path uses.
    public static func best<S: BeadScorer>(band: Band, shapes: [BeadShape], scorer: S, posteriors: Bool = false,
                                           temperature: Double = 1, beam: Double = .infinity) -> Result {
        let n = band.n
        let m = band.m
        var rowStart = [Int](repeating: 0, count: n + 2)
        for i in 0...n { rowStart[i + 1] = rowStart[i] + band.upper[i] - band.lower[i] + 1 }
        let cells = rowStart[n + 1]
        let shapeCount = shapes.count
        let infinity = Double.infinity
        var best = [Double](repeating: infinity, count: cells)
        var back = [UInt8](repeating: UInt8.max, count: cells)
        var forward = posteriors ? [Double](repeating: infinity, count: cells) : []
        var cached = posteriors ? [Float](repeating: .infinity, count: cells * shapeCount) : []
        let shapeSource = shapes.map(\.source)
        let shapeTarget = shapes.map(\.target)
        let inverseTemperature = 1 / temperature
        var local = [Double](repeating: 0, count: shapeCount)

        @inline(__always) func index(_ i: Int, _ j: Int) -> Int {
            (j < band.lower[i] || j > band.upper[i]) ? -1 : rowStart[i] + j - band.lower[i]
        }

        best[0] = 0
        if posteriors { forward[0] = 0 }
        for i in 0...n {
            let lowerJ = band.lower[i]
            for j in lowerJ...band.upper[i] {
                if i == 0 && j == 0 { continue }
                let here = rowStart[i] + j - lowerJ
                var bestCost = infinity
                var bestShape = UInt8.max
                var forwardMin = infinity
                for s in 0..<shapeCount {
                    local[s] = infinity
                    let i0 = i - shapeSource[s]
                    let j0 = j - shapeTarget[s]
                    guard i0 >= 0, j0 >= 0 else { continue }
                    let previous = index(i0, j0)
                    guard previous >= 0 else { continue }
                    let before = best[previous]
                    guard before < infinity else { continue }
                    let c = scorer.cost(source: i0..<i, target: j0..<j, shape: s)
                    if posteriors {
                        cached[here * shapeCount + s] = Float(c)
                        local[s] = forward[previous] + c
                        forwardMin = min(forwardMin, local[s])
                    }
                    if before + c < bestCost {
                        bestCost = before + c
                        bestShape = UInt8(s)
                    }
                }
                best[here] = bestCost
                back[here] = bestShape
                if posteriors && forwardMin < infinity {
                    var sum = 0.0
                    for s in 0..<shapeCount where local[s] < infinity {
                        sum += exp(-(local[s] - forwardMin) * inverseTemperature)
                    }
                    forward[here] = forwardMin - log(sum) * temperature
                }
            }
            if beam < infinity {
                // The row's cells far above its cheapest one start no bead (their back pointer
                // stays, so a path already through them can still be traced).
                let row = rowStart[i]..<rowStart[i + 1]
                var minimum = infinity
                for k in row { minimum = min(minimum, best[k]) }
                let limit = minimum + beam
                for k in row where best[k] > limit && !(i == n && k == rowStart[n + 1] - 1) { best[k] = infinity }
            }
        }

        // Trace the best path back.
        var beads: [Bead] = []
        var i = n
        var j = m
        while i > 0 || j > 0 {
            let here = index(i, j)
            guard here >= 0, back[here] != UInt8.max else { break }
            let s = Int(back[here])
            let i0 = i - shapeSource[s]
            let j0 = j - shapeTarget[s]
            let c = scorer.cost(source: i0..<i, target: j0..<j, shape: s)
            beads.append(Bead(source: i0..<i, target: j0..<j, confidence: 1, cost: c))
            i = i0
            j = j0
        }
        beads.reverse()
        let total = best[index(n, m)]

        if posteriors {
            // Backward pass over the cached bead costs, then each path bead's posterior.
            var backward = [Double](repeating: infinity, count: cells)
            backward[index(n, m)] = 0
            for i in stride(from: n, through: 0, by: -1) {
                for j in stride(from: band.upper[i], through: band.lower[i], by: -1) {
                    if i == n && j == m { continue }
                    let here = rowStart[i] + j - band.lower[i]
                    var minimum = infinity
                    for s in 0..<shapeCount {
                        local[s] = infinity
                        let i1 = i + shapeSource[s]
                        let j1 = j + shapeTarget[s]
                        guard i1 <= n, j1 <= m else { continue }
                        let next = index(i1, j1)
                        guard next >= 0 else { continue }
                        let c = Double(cached[next * shapeCount + s])
                        guard c < infinity, backward[next] < infinity else { continue }
                        local[s] = c + backward[next]
                        minimum = min(minimum, local[s])
                    }
                    guard minimum < infinity else { continue }
                    var sum = 0.0
                    for s in 0..<shapeCount where local[s] < infinity { sum += exp(-(local[s] - minimum) * inverseTemperature) }
                    backward[here] = minimum - log(sum) * temperature
                }
            }
            let z = forward[index(n, m)]
            var i = 0
            var j = 0
            for k in beads.indices {
                let start = index(i, j)
                i += beads[k].source.count
                j += beads[k].target.count
                let end = index(i, j)
                let value = (forward[start] + beads[k].cost + backward[end] - z) * inverseTemperature
                beads[k].confidence = min(1, max(0, exp(-value)))
            }
        }
        return Result(beads: beads, cost: total)
    }
}
