/// The part of the alignment table the search visits: for each source position `i` (0...n), the
/// target positions `lower[i]...upper[i]`. Both bounds never decrease, so a path that follows the
/// band stays in it. A band a few dozen positions wide keeps time and memory linear in the length
/// of the documents.
public struct Band: Sendable, Equatable {
    public var lower: [Int]
    public var upper: [Int]

    /// Source sentences.
    public var n: Int { lower.count - 1 }
    /// Target sentences.
    public var m: Int { upper.last ?? 0 }

    public init(lower: [Int], upper: [Int]) {
        precondition(lower.count == upper.count && !lower.isEmpty)
        self.lower = lower
        self.upper = upper
    }

    /// The whole table.
    public static func full(n: Int, m: Int) -> Band {
        Band(lower: Array(repeating: 0, count: n + 1), upper: Array(repeating: m, count: n + 1))
    }

    /// A band of half-width `width` around the diagonal drawn through equal shares of text: the
    /// source position that has seen a fraction f of the source text faces the target position
    /// that has seen the fraction f of the target text.
    /// - Parameters:
    ///   - sourcePrefix: cumulative lengths, `n + 1` values from 0.
    ///   - targetPrefix: cumulative lengths, `m + 1` values from 0.
    /// - Complexity: O(n + m).
    public static func diagonal(sourcePrefix: [Double], targetPrefix: [Double], width: Int) -> Band {
        let n = sourcePrefix.count - 1
        let m = targetPrefix.count - 1
        let sourceTotal = max(sourcePrefix[n], 1e-9)
        let targetTotal = max(targetPrefix[m], 1e-9)
        var lower = [Int](repeating: 0, count: n + 1)
        var upper = [Int](repeating: m, count: n + 1)
        var j = 0
        for i in 0...n {
            let share = sourcePrefix[i] / sourceTotal
            // Count-based and length-based diagonals both matter: a long heading list can bend one.
            while j < m && targetPrefix[j + 1] / targetTotal <= share { j += 1 }
            let byCount = n > 0 ? Int((Double(i) * Double(m) / Double(n)).rounded()) : 0
            let low = min(j, byCount) - width
            let high = max(j, byCount) + width
            lower[i] = max(0, low)
            upper[i] = min(m, high)
        }
        return Band(lower: lower, upper: upper).closed()
    }

    /// A band `margin` positions wide on each side of a path of beads.
    /// - Complexity: O(n + m).
    public static func around(_ beads: [Bead], n: Int, m: Int, margin: Int) -> Band {
        var lower = [Int](repeating: .max, count: n + 1)
        var upper = [Int](repeating: 0, count: n + 1)
        var i = 0
        var j = 0
        func visit(_ i: Int, _ j: Int) {
            lower[i] = min(lower[i], max(0, j - margin))
            upper[i] = max(upper[i], min(m, j + margin))
        }
        visit(0, 0)
        for bead in beads {
            // Every point the bead passes, so merged beads widen the band where they are.
            for di in 0...bead.source.count {
                for dj in 0...bead.target.count { visit(i + di, j + dj) }
            }
            i += bead.source.count
            j += bead.target.count
        }
        for k in 0...n where lower[k] == .max {
            lower[k] = k > 0 ? lower[k - 1] : 0
            upper[k] = k > 0 ? upper[k - 1] : 0
        }
        return Band(lower: lower, upper: upper).closed()
    }

    /// Makes the bounds monotone and pins the corners (0, 0) and (n, m).
    func closed() -> Band {
        var lower = self.lower
        var upper = self.upper
        let n = lower.count - 1
        let m = self.upper[n]
        lower[0] = 0
        upper[n] = m
        for k in stride(from: n - 1, through: 0, by: -1) { lower[k] = min(lower[k], lower[k + 1]) }
        for k in 1..<(n + 1) where n > 0 { upper[k] = max(upper[k], upper[k - 1]) }
        lower[n] = min(lower[n], m)
        for k in 0...n {
            lower[k] = min(max(0, lower[k]), m)
            upper[k] = max(min(m, upper[k]), lower[k])
        }
        // No gap between rows: a 1-1 step from the top of one row must land in the next.
        for k in stride(from: n - 1, through: 0, by: -1) where lower[k + 1] > upper[k] + 1 {
            upper[k] = lower[k + 1] - 1
        }
        return Band(lower: lower, upper: upper)
    }

    /// How many cells the band holds.
    public var cellCount: Int {
        var total = 0
        for k in lower.indices { total += upper[k] - lower[k] + 1 }
        return total
    }

    /// Whether a path comes within `slack` positions of the band's edge where the band does not
    /// reach the table's edge: then the band may have cut off the best path and must widen.
    public func isTight(on beads: [Bead], slack: Int = 1) -> Bool {
        var i = 0
        var j = 0
        let m = self.m
        for bead in beads {
            i += bead.source.count
            j += bead.target.count
            if lower[i] > 0 && j - lower[i] < slack { return true }
            if upper[i] < m && upper[i] - j < slack { return true }
        }
        return false
    }
}
