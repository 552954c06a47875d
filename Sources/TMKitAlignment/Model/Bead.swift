/// One link group of an alignment: consecutive source sentences that translate consecutive
/// target sentences (either side may be empty: an omission or an addition).
public struct Bead: Sendable, Hashable {
    /// Indexes into the source sentences.
    public var source: Range<Int>
    /// Indexes into the target sentences.
    public var target: Range<Int>
    /// How sure the aligner is of this bead, in [0, 1]: the posterior probability of the bead
    /// among all alignments the search considered.
    public var confidence: Double
    /// The bead's cost in the search (lower is better; about a negative log-probability).
    public var cost: Double

    public init(source: Range<Int>, target: Range<Int>, confidence: Double = 1, cost: Double = 0) {
        self.source = source
        self.target = target
        self.confidence = confidence
        self.cost = cost
    }

    /// `"1-1"`, `"2-1"`, `"1-0"`: how many sentences each side holds.
    public var kind: String { "\(source.count)-\(target.count)" }

    /// True when one side is empty: a sentence left out of the translation, or added to it.
    public var isOneSided: Bool { source.isEmpty || target.isEmpty }
}

/// A shape of bead the search may use: how many sentences it takes from each side.
public struct BeadShape: Sendable, Hashable, CustomStringConvertible {
    public var source: Int
    public var target: Int

    public init(_ source: Int, _ target: Int) {
        precondition(source >= 0 && target >= 0 && source + target > 0, "a bead takes at least one sentence")
        self.source = source
        self.target = target
    }

    public var description: String { "\(source)-\(target)" }
    public var isOneSided: Bool { source == 0 || target == 0 }

    /// 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3: what translations of running text need.
    public static let standard: [BeadShape] = [
        BeadShape(1, 1), BeadShape(1, 0), BeadShape(0, 1), BeadShape(2, 1), BeadShape(1, 2), BeadShape(2, 2),
        BeadShape(3, 1), BeadShape(1, 3),
    ]
}
