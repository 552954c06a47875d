import Foundation
import TMKitText

/// Counts text length in weighted characters, so that the lengths of a text and its translation
/// are comparable: white space is not counted, and a character of a script listed in the
/// language's profile weighs what the profile says (a Hangul syllable about two Latin letters).
public struct LengthCounter: Sendable {
    private let weights: [String: Double]
    private let hangulWeight: Double

    public init(profile: AlignmentProfile) {
        weights = profile.lengthWeights
        hangulWeight = profile.lengthWeights["Hang"] ?? 1
    }

    /// The weighted length of a text.
    /// - Complexity: O(n); scripts other than ASCII and Hangul are looked up once per scalar value.
    public func length(of text: String) -> Double {
        var total = 0.0
        var ascii = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v > 0x20 { ascii += 1 }
            } else if v >= 0xAC00 && v <= 0xD7A3 {
                total += hangulWeight
            } else if weights.isEmpty {
                if !scalar.properties.isWhitespace { total += 1 }
            } else if !scalar.properties.isWhitespace {
                total += weights[Script.code(of: scalar)] ?? 1
            }
        }
        return total + Double(ascii)
    }
}

/// The length part of a bead's cost: the log ratio of the two sides' lengths, against the
/// document's expected ratio, is taken as normally distributed.
///
/// `d = log((target + k) / (ratio · source + k))`, cost `d² / 2σ² + log(σ√2π)`. The smoothing `k`
/// keeps very short sentences (headings, "Yes.") from dominating. The normalizing term makes a
/// bead with two sides comparable to one-sided beads, whose cost is their prior alone.
public struct LengthModel: Sendable {
    /// Target length per source length.
    public var ratio: Double
    /// Standard deviation of the log length ratio of true translations.
    public var sigma: Double
    /// Smoothing, in weighted characters.
    public var smoothing: Double

    public init(ratio: Double, sigma: Double = 0.2, smoothing: Double = 8) {
        self.ratio = ratio
        self.sigma = sigma
        self.smoothing = smoothing
        inverseTwoVariance = 1 / (2 * sigma * sigma)
        normalizer = log(sigma * (2 * Double.pi).squareRoot())
    }

    private var inverseTwoVariance: Double
    private var normalizer: Double

    /// The log ratio of a pair of lengths against the expected ratio (0 = as expected).
    @inline(__always)
    public func deviation(source: Double, target: Double) -> Double {
        log((target + smoothing) / (ratio * source + smoothing))
    }

    /// The smoothed log ratio of a pair of lengths, with no expectation (for estimating the ratio).
    public func logRatio(source: Double, target: Double) -> Double {
        log((target + smoothing) / (source + smoothing))
    }

    /// The cost of pairing texts of these lengths.
    @inline(__always)
    public func cost(source: Double, target: Double) -> Double {
        let d = log((target + smoothing) / (ratio * source + smoothing))
        return d * d * inverseTwoVariance + normalizer
    }

    /// Estimates the ratio of a document pair from its totals, drawn toward the prior when the
    /// document is short: the log ratio is a weighted mean of the document's and the prior's,
    /// the prior counting as `priorWeight` sentences.
    public static func estimateRatio(sourceTotal: Double, targetTotal: Double, sentences: Int, prior: Double,
                                     priorWeight: Double = 8) -> Double {
        guard sourceTotal > 0, targetTotal > 0 else { return prior }
        let observed = log(targetTotal / sourceTotal)
        let n = Double(sentences)
        return exp((observed * n + log(prior) * priorWeight) / (n + priorWeight))
    }

    /// Re-estimates the ratio from the log ratios of beads believed right (the median, robust to
    /// the odd wrong bead), drawn toward `prior` like `estimateRatio`.
    public static func refineRatio(deviations logRatios: [Double], prior: Double, priorWeight: Double = 8) -> Double {
        guard !logRatios.isEmpty else { return prior }
        let sorted = logRatios.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let n = Double(sorted.count)
        return exp((median * n + log(prior) * priorWeight) / (n + priorWeight))
    }
}
