/// The knobs of the search. The defaults are the ones the evaluation harness was run with; they
/// are properties of translations in general (how often a sentence is merged or left out), not of
/// one corpus.
public struct AlignmentParameters: Sendable {
    /// Bead shapes the search may use.
    public var shapes: [BeadShape] = BeadShape.standard
    /// Prior probability of each shape (shapes not listed get `otherShapeProbability`).
    public var shapeProbabilities: [BeadShape: Double] = [
        BeadShape(1, 1): 0.85, BeadShape(1, 0): 0.02, BeadShape(0, 1): 0.02, BeadShape(2, 1): 0.06,
        BeadShape(1, 2): 0.06, BeadShape(2, 2): 0.002, BeadShape(3, 1): 0.005, BeadShape(1, 3): 0.005,
    ]
    public var otherShapeProbability = 0.001
    /// Standard deviation of the log length ratio of true translations.
    public var lengthSigma = 0.2
    /// Length smoothing, in weighted characters.
    public var lengthSmoothing = 8.0
    /// How many sentences' worth the prior length ratio counts for against a document's own.
    public var ratioPriorWeight = 8.0
    /// Scale of the anchor evidence (shared numbers, names, words, punctuation, terms).
    public var anchorWeight = 0.5
    /// Cost of each number one side of a bead holds and the other does not.
    public var numberMismatch = 0.5
    /// Scale of the lexical evidence (word translation model learnt from the documents).
    public var lexicalWeight = 3.0
    /// Beads whose cost without the lexical evidence is above this are not scored lexically
    /// (they cannot win; the lexical score is the costliest part of the search).
    public var lexicalCutoff = 12.0
    /// The lexical model is learnt only from at least this many sentence pairs; below, its
    /// estimates are noise.
    public var minimumLexicalPairs = 150
    /// At most this many pairs train the lexical model (spread over the documents).
    public var maximumLexicalPairs = 20_000
    /// EM iterations of the lexical model.
    public var lexicalIterations = 5
    /// Half-width of the first search band, in sentences; it doubles while the best path runs
    /// along its edge.
    public var initialBandWidth = 24
    /// The band never grows past this many cells (memory bound).
    public var maximumBandCells = 60_000_000
    /// In the first pass, cells costing this much more than the cheapest of their row start no
    /// bead (beam search inside the band).
    public var beam = 25.0
    /// Half-width of the band around the first path for the final search.
    public var refinementMargin = 3
    /// Scale of costs when reading them as probabilities for the confidence.
    public var temperature = 1.0

    public init() {}

    /// The prior probability of a shape.
    public func probability(of shape: BeadShape) -> Double {
        shapeProbabilities[shape] ?? otherShapeProbability
    }

    /// Adds the wider merges (3-2, 2-3, 4-1, 1-4) for texts that need them.
    public mutating func allowWideMerges() {
        for shape in [BeadShape(3, 2), BeadShape(2, 3), BeadShape(4, 1), BeadShape(1, 4)] where !shapes.contains(shape) {
            shapes.append(shape)
        }
    }
}
