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
    /// Anchors on the source side and on the target side that have a match anywhere on the other.
    public var sharedAnchorKinds: Int

    public init(pairs: Int, alignedAnchors: Double, shiftedAnchors: Double, alignedLexical: Double?, shiftedLexical: Double?,
                sharedAnchorKinds: Int) {
        self.pairs = pairs
        self.alignedAnchors = alignedAnchors
        self.shiftedAnchors = shiftedAnchors
        self.alignedLexical = alignedLexical
        self.shiftedLexical = shiftedLexical
        self.sharedAnchorKinds = sharedAnchorKinds
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

    /// One side this many times longer (or shorter) than expected earns a warning.
    public static let lengthWarningFactor = 3.0

    /// Judges an alignment.
    public static func assess(_ alignment: SentenceAlignment) -> TranslationCheck {
        let factor = alignment.observedRatio / alignment.priorRatio
        var reasons: [String] = []
        var plausible = true
        if let signs = alignment.signs, signs.pairs >= 4 {
            let anchorsInOrder = signs.alignedAnchors > max(0.6, 2 * signs.shiftedAnchors)
            var lexicalInOrder: Bool?
            if let aligned = signs.alignedLexical, let shifted = signs.shiftedLexical {
                lexicalInOrder = aligned - shifted > 0.5
            }
            let confident = alignment.meanConfidence >= 0.5
            let noSign = !anchorsInOrder && lexicalInOrder != true
            if noSign && (!confident || lexicalInOrder == false || factor > lengthWarningFactor || factor < 1 / lengthWarningFactor) {
                plausible = false
                reasons.append(String(format: "aligned pairs share no more than pairs taken at random (anchor weight %.2f in order, %.2f out of order",
                                      signs.alignedAnchors, signs.shiftedAnchors)
                               + (signs.alignedLexical.map { String(format: "; word model %.2f against %.2f", $0, signs.shiftedLexical ?? 0) } ?? "")
                               + ")")
                reasons.append(String(format: "mean confidence %.2f", alignment.meanConfidence))
            }
        }
        if factor > lengthWarningFactor || factor < 1 / lengthWarningFactor {
            reasons.append(String(format: "the target is %.1f× the length a translation would have", factor))
        }
        return TranslationCheck(lengthFactor: factor, isPlausible: plausible, reasons: reasons)
    }

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
