import Foundation

/// The cost of a bead: its shape's prior, the length model, minus the anchor and lexical
/// evidence, plus a penalty for numbers found on one side only.
struct BeadCostModel: BeadScorer {
    let length: LengthModel
    let sourcePrefix: [Double]
    let targetPrefix: [Double]
    let anchors: AnchorTable
    let lexical: LexicalScorer?
    /// Negative log prior per shape index.
    let priors: [Double]
    let anchorWeight: Double
    let numberMismatch: Double
    let lexicalWeight: Double
    let lexicalCutoff: Double

    init(length: LengthModel, sourcePrefix: [Double], targetPrefix: [Double], anchors: AnchorTable, lexical: LexicalScorer?,
         parameters: AlignmentParameters) {
        self.length = length
        self.sourcePrefix = sourcePrefix
        self.targetPrefix = targetPrefix
        self.anchors = anchors
        self.lexical = lexical
        priors = parameters.shapes.map { -log(parameters.probability(of: $0)) }
        anchorWeight = parameters.anchorWeight
        numberMismatch = parameters.numberMismatch
        lexicalWeight = parameters.lexicalWeight
        lexicalCutoff = parameters.lexicalCutoff
    }

    @inline(__always)
    func cost(source: Range<Int>, target: Range<Int>, shape: Int) -> Double {
        var c = priors[shape]
        if source.isEmpty || target.isEmpty { return c }
        let sourceLength = sourcePrefix[source.upperBound] - sourcePrefix[source.lowerBound]
        let targetLength = targetPrefix[target.upperBound] - targetPrefix[target.lowerBound]
        c += length.cost(source: sourceLength, target: targetLength)
        let shared = anchors.shared(source: source, target: target)
        c -= anchorWeight * shared.weight
        c += numberMismatch * Double(shared.unmatchedNumbers)
        // The lexical score is the costly part; a bead already this bad never wins, whatever it says.
        if let lexical, c < lexicalCutoff { c -= lexicalWeight * lexical.score(source: source, target: target) }
        return c
    }

    /// The parts of a bead's cost, for reports.
    func evidence(source: Range<Int>, target: Range<Int>) -> BeadEvidence {
        guard !source.isEmpty, !target.isEmpty else { return BeadEvidence() }
        let sourceLength = sourcePrefix[source.upperBound] - sourcePrefix[source.lowerBound]
        let targetLength = targetPrefix[target.upperBound] - targetPrefix[target.lowerBound]
        let shared = anchors.shared(source: source, target: target)
        return BeadEvidence(lengthDeviation: length.deviation(source: sourceLength, target: targetLength),
                            anchorWeight: shared.weight, unmatchedNumbers: shared.unmatchedNumbers,
                            lexicalScore: lexical?.score(source: source, target: target))
    }
}

/// What a bead rests on, for reviewers and for telling translations from unrelated texts.
public struct BeadEvidence: Sendable, Hashable {
    /// Log of the length ratio against the document's (0: as expected).
    public var lengthDeviation: Double = 0
    /// Weight of the anchors both sides share.
    public var anchorWeight: Double = 0
    /// Numbers found on one side only.
    public var unmatchedNumbers: Int = 0
    /// Lexical model score (nil without a model).
    public var lexicalScore: Double?
}
