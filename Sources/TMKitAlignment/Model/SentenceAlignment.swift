/// The sentence alignment of one document pair: the beads in document order, covering every
/// sentence of both sides once, and what the aligner learnt on the way.
public struct SentenceAlignment: Sendable {
    public var source: [AlignmentUnit]
    public var target: [AlignmentUnit]
    public var beads: [Bead]
    /// What each bead rests on, parallel to `beads`.
    public var evidence: [BeadEvidence]
    /// Target length per source length, as estimated from the documents (weighted characters).
    public var lengthRatio: Double
    /// Total target length over total source length (weighted characters), as found.
    public var observedRatio: Double
    /// The ratio the language profiles expected.
    public var priorRatio: Double
    /// How the alignment was made.
    public var method: Method
    /// Sentence pairs the lexical model learnt from (0: no lexical model).
    public var lexicalPairs: Int
    /// How much the aligned pairs share, against pairs taken out of order.
    public var signs: TranslationSigns?

    public enum Method: String, Sendable {
        /// Paragraphs aligned first, then sentences inside each paragraph group.
        case paragraphs
        /// Sentences aligned across the whole document.
        case document
    }

    public init(source: [AlignmentUnit], target: [AlignmentUnit], beads: [Bead], evidence: [BeadEvidence] = [],
                lengthRatio: Double, observedRatio: Double? = nil, priorRatio: Double, method: Method = .document, lexicalPairs: Int = 0,
                signs: TranslationSigns? = nil) {
        self.source = source
        self.target = target
        self.beads = beads
        self.evidence = evidence.count == beads.count ? evidence : Array(repeating: BeadEvidence(), count: beads.count)
        self.lengthRatio = lengthRatio
        self.observedRatio = observedRatio ?? lengthRatio
        self.signs = signs
        self.priorRatio = priorRatio
        self.method = method
        self.lexicalPairs = lexicalPairs
    }

    /// Mean confidence of the beads with both sides.
    public var meanConfidence: Double {
        let paired = beads.filter { !$0.isOneSided }
        guard !paired.isEmpty else { return 0 }
        return paired.reduce(0) { $0 + $1.confidence } / Double(paired.count)
    }

    /// Beads with a source and no target: sentences the translation left out.
    public var omissions: [Bead] { beads.filter { !$0.source.isEmpty && $0.target.isEmpty } }
    /// Beads with a target and no source: sentences the translation added.
    public var additions: [Bead] { beads.filter { $0.source.isEmpty && !$0.target.isEmpty } }

    /// The texts of a bead's two sides, each side's sentences joined by a space.
    public func texts(of bead: Bead) -> (source: String, target: String) {
        (bead.source.map { source[$0].text }.joined(separator: " "), bead.target.map { target[$0].text }.joined(separator: " "))
    }
}
