import TMKitAlignment
import Testing

/// The banded search on its own, with scorers whose answers are known.
struct SearchTests {
    /// Costs from a table of pair costs: 1-1 beads cost what the table says, merges are dear,
    /// one-sided beads cost `skip`.
    struct TableScorer: BeadScorer {
        var pairs: [[Double]]
        var skip: Double
        let shapes: [BeadShape]

        func cost(source: Range<Int>, target: Range<Int>, shape: Int) -> Double {
            if source.isEmpty || target.isEmpty { return skip }
            if source.count == 1 && target.count == 1 { return pairs[source.lowerBound][target.lowerBound] }
            return 20
        }
    }

    @Test
    func diagonalOfCheapPairsIsTheBestPath() {
        let n = 6
        let pairs = (0..<n).map { i in (0..<n).map { j in i == j ? 0.1 : 5.0 } }
        let shapes = BeadShape.standard
        let result = LatticeSearch.best(band: .full(n: n, m: n), shapes: shapes, scorer: TableScorer(pairs: pairs, skip: 4, shapes: shapes))
        #expect(
            result.beads.map { [$0.source.lowerBound, $0.target.lowerBound, $0.source.count, $0.target.count] }
                == (0..<n).map { [$0, $0, 1, 1] })
    }

    @Test
    func sentenceWithNoGoodPartnerBecomesAnOmission() {
        // Source 2 has no translation: target j pairs with source j (j < 2) or j + 1.
        let pairs: [[Double]] = (0..<5).map { i in (0..<4).map { j in (i == j && i < 2) || (i == j + 1 && i > 2) ? 0.1 : 6.0 } }
        let shapes = BeadShape.standard
        let result = LatticeSearch.best(
            band: .full(n: 5, m: 4), shapes: shapes, scorer: TableScorer(pairs: pairs, skip: 3, shapes: shapes),
            posteriors: true)
        let omitted = result.beads.filter { $0.target.isEmpty }
        #expect(omitted.map(\.source) == [2..<3])
        #expect(result.beads.count == 5)
        // Clear beads are sure.
        #expect(result.beads.filter { !$0.isOneSided }.allSatisfy { $0.confidence > 0.9 })
    }

    @Test
    func confidenceIsLowWhereTwoPathsAreAsGood() {
        // Source 1 could pair with target 1 or target 2 at the same cost; one of them is left out.
        let pairs: [[Double]] = [[0.1, 6, 6], [6, 1, 1]]
        let shapes = [BeadShape(1, 1), BeadShape(1, 0), BeadShape(0, 1)]
        let result = LatticeSearch.best(
            band: .full(n: 2, m: 3), shapes: shapes, scorer: TableScorer(pairs: pairs, skip: 2, shapes: shapes),
            posteriors: true)
        let ambiguous = result.beads.first { $0.source == 1..<2 }
        #expect(ambiguous != nil)
        #expect((ambiguous?.confidence ?? 1) < 0.6)
        #expect(result.beads.first?.confidence ?? 0 > 0.9)
    }

    @Test
    func diagonalBandFollowsTheTextAndKeepsTheCorners() {
        let source = (0...100).map { Double($0) * 10 }
        let target = (0...50).map { Double($0) * 20 }
        let band = Band.diagonal(sourcePrefix: source, targetPrefix: target, width: 3)
        #expect(band.lower[0] == 0 && band.upper[100] == 50)
        #expect(band.lower == band.lower.sorted() && band.upper == band.upper.sorted())
        // Halfway through the source is halfway through the target.
        #expect((band.lower[50]...band.upper[50]).contains(25))
        #expect(band.cellCount < 101 * 51 / 3)
    }

    @Test
    func bandAroundAPathCoversItsMerges() {
        let beads = [
            Bead(source: 0..<1, target: 0..<1), Bead(source: 1..<3, target: 1..<2), Bead(source: 3..<4, target: 2..<2),
            Bead(source: 4..<5, target: 2..<3),
        ]
        let band = Band.around(beads, n: 5, m: 3, margin: 1)
        var i = 0
        var j = 0
        for bead in beads {
            i += bead.source.count
            j += bead.target.count
            #expect((band.lower[i]...band.upper[i]).contains(j))
        }
        #expect(band.lower[0] == 0 && band.upper[5] == 3)
    }

    @Test
    func wideMergesCanBeAllowed() {
        var parameters = AlignmentParameters()
        #expect(!parameters.shapes.contains(BeadShape(4, 1)))
        parameters.allowWideMerges()
        #expect(parameters.shapes.contains(BeadShape(4, 1)) && parameters.shapes.contains(BeadShape(2, 3)))
    }
}
