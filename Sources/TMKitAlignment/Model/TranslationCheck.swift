import Foundation

/// What an alignment shows about whether two documents translate each other: how much evidence
/// (shared numbers, names, words; the lexical model) the aligned pairs hold, against the same
/// sentences paired out of order. Translations share far more in order; unrelated texts share as
/// little in order as out of it, however well their lengths happen to fit.
public struct TranslationSigns: Sendable, Hashable {
    /// Beads with two sides.
    public var pairs: Int
    /// Mean anchor weight of the aligned pairs.
    public var alignedAnchors: Double
    /// Mean anchor weight when each source side is paired with the target of a bead half the
    /// document away.
    public var shiftedAnchors: Double
    /// Mean lexical score of the aligned pairs (nil without a lexical model).
    public var alignedLexical: Double?
    /// Mean lexical score of the out-of-order pairs.
    public var shiftedLexical: Double?
    /// Distinct numbers and names (three consonants or more) on the source side, and how many of
    /// them the target side has too: a translation keeps most, an unrelated text a few by chance.
    public var sourceKeys: Int
    public var sharedKeys: Int

    public init(pairs: Int, alignedAnchors: Double, shiftedAnchors: Double, alignedLexical: Double?, shiftedLexical: Double?,
                sourceKeys: Int, sharedKeys: Int) {
        self.pairs = pairs
        self.alignedAnchors = alignedAnchors
        self.shiftedAnchors = shiftedAnchors
        self.alignedLexical = alignedLexical
        self.shiftedLexical = shiftedLexical
        self.sourceKeys = sourceKeys
        self.sharedKeys = sharedKeys
    }
}

/// Tells whether an alignment looks like the alignment of a document and its translation.
public struct TranslationCheck: Sendable {
    /// Target length over what the length prior expects (1 = as expected).
    public var lengthFactor: Double
    /// False when the evidence says the texts do not translate each other.
    public var isPlausible: Bool
    /// The evidence, in words.
    public var reasons: [String]
    /// The combined sign (see `assess`), when there was enough to judge.
    public var score: Double?

    /// One side this many times longer (or shorter) than expected earns a warning.
    public static let lengthWarningFactor = 3.0

    /// Judges an alignment. The score adds three signs, each 0 where translations and unrelated
    /// texts meet: how much more the aligned pairs share than pairs taken out of order (log of the
    /// ratio of anchor weights), the mean confidence (around 0.7), and the share of the source's
    /// numbers and names the target holds too (around 0.25); with a lexical model, how much better
    /// it explains the aligned pairs. Translations score above 1, unrelated texts below 0.6 (on
    /// news, where both were measured); only documents with enough to go on are judged: four pairs
    /// and five numbers or names, or a lexical model.
    public static func assess(_ alignment: SentenceAlignment) -> TranslationCheck {
        let factor = alignment.observedRatio / alignment.priorRatio
        var reasons: [String] = []
        var plausible = true
        var score: Double?
        if let signs = alignment.signs, signs.pairs >= 4, signs.sourceKeys >= 5 || signs.alignedLexical != nil {
            var value = log((signs.alignedAnchors + 0.5) / (signs.shiftedAnchors + 0.5)) + 3 * (alignment.meanConfidence - 0.7)
            let coverage = Double(signs.sharedKeys) / Double(max(1, signs.sourceKeys))
            if signs.sourceKeys >= 5 { value += 3 * (coverage - 0.25) }
            if let aligned = signs.alignedLexical, let shifted = signs.shiftedLexical { value += 2 * (aligned - shifted - 0.5) }
            score = value
            if value < notTranslationScore {
                plausible = false
                reasons.append(String(format: "the aligned pairs share little more than sentences paired at random (anchor weight %.2f a pair, %.2f out of order)",
                                      signs.alignedAnchors, signs.shiftedAnchors))
                if signs.sourceKeys >= 5 {
                    reasons.append("\(signs.sharedKeys) of the source's \(signs.sourceKeys) numbers and names are found in the target")
                }
                if let aligned = signs.alignedLexical, let shifted = signs.shiftedLexical {
                    reasons.append(String(format: "the word model explains aligned pairs %.2f, pairs out of order %.2f", aligned, shifted))
                }
                reasons.append(String(format: "mean confidence %.2f", alignment.meanConfidence))
            }
        }
        if factor > lengthWarningFactor || factor < 1 / lengthWarningFactor {
            reasons.append(String(format: "the target is %.1f× the length a translation would have", factor))
        }
        return TranslationCheck(lengthFactor: factor, isPlausible: plausible, reasons: reasons, score: score)
    }

    /// Below this score (see `assess`) two documents are taken not to translate each other.
    public static let notTranslationScore = 0.6

    /// A warning when one side is much longer than a translation of the other would be.
    public func lengthWarning(sides: AlignmentSides) -> String? {
        if lengthFactor > Self.lengthWarningFactor {
            return String(format: "%@ is %.1f times as long as a translation of %@ would be: one may hold more than the other, or they do not match",
                          sides.targetFile, lengthFactor, sides.sourceFile)
        }
        if lengthFactor < 1 / Self.lengthWarningFactor {
            return String(format: "%@ is %.1f times as long as a translation of it would be: one may hold more than the other, or they do not match",
                          sides.sourceFile, 1 / lengthFactor)
        }
        return nil
    }

    /// Why the files do not look like translations of each other.
    public func explanation(sides: AlignmentSides) -> String {
        "\(sides.targetFile) does not look like a translation of \(sides.sourceFile): " + reasons.joined(separator: "; ")
    }
}
