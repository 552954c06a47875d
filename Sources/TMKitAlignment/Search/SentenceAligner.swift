import Foundation
import TMKitText

/// Aligns the sentences of documents and their translations.
///
/// Two passes. The first searches a band around the diagonal with the length model and the
/// anchors (numbers, names across scripts, untranslated words, punctuation, glossary terms). Its
/// one-to-one beads then teach a word-translation model (`LexicalModel`) when there are enough of
/// them, and the second pass searches a narrow band around the first path with all the evidence,
/// computing each bead's posterior probability as its confidence.
///
/// Documents aligned in one call share the lexical model: aligning a collection at once is better
/// than aligning its documents one by one.
///
/// Not thread-safe: one aligner per thread. (It spreads its own work over the cores: reading
/// sentences and aligning documents touch nothing shared but read-only state; the vocabularies
/// are filled on the calling thread.)
public final class SentenceAligner: @unchecked Sendable {
    public let sourceProfile: AlignmentProfile
    public let targetProfile: AlignmentProfile
    public var parameters: AlignmentParameters
    private let anchorSources: [any AnchorSource]
    private let sourceCounter: LengthCounter
    private let targetCounter: LengthCounter
    private let sourceVocabulary = Vocabulary()
    private let targetVocabulary = Vocabulary()

    /// The evidence every alignment uses: numbers, untranslated Latin words, names (through the
    /// profiles' transliterations), punctuation.
    public static func standardAnchorSources(profiles: [AlignmentProfile]) -> [any AnchorSource] {
        [NumberAnchors(), LatinWordAnchors(), NameAnchors(profiles: profiles), PunctuationAnchors()]
    }

    /// - Parameters:
    ///   - anchorSources: evidence to use (default: `standardAnchorSources`); add `TermAnchors`
    ///     to use a glossary.
    public init(source: AlignmentProfile, target: AlignmentProfile, parameters: AlignmentParameters = AlignmentParameters(),
                anchorSources: [any AnchorSource]? = nil) {
        sourceProfile = source
        targetProfile = target
        self.parameters = parameters
        self.anchorSources = anchorSources ?? Self.standardAnchorSources(profiles: [source, target])
        sourceCounter = LengthCounter(profile: source)
        targetCounter = LengthCounter(profile: target)
    }

    /// The prior target-per-source length ratio of the two languages.
    public var priorRatio: Double { AlignmentProfile.priorRatio(source: sourceProfile, target: targetProfile) }

    /// A document pair read for alignment: lengths, anchors and lexical tokens of every sentence.
    public struct Prepared: Sendable {
        public let source: [AlignmentUnit]
        public let target: [AlignmentUnit]
        let sourcePrefix: [Double]
        let targetPrefix: [Double]
        public let anchors: AnchorTable
        let sourceTokens: [[Int32]]
        let targetTokens: [[Int32]]
        /// Groups the search must keep apart (aligned paragraphs), covering both sides in order;
        /// one block spanning everything when the documents are aligned as a whole.
        public var blocks: [Block]
        public var method: SentenceAlignment.Method
    }

    /// A part of both documents that is aligned on its own: the sentences of aligned paragraphs.
    public struct Block: Sendable, Hashable {
        public var source: Range<Int>
        public var target: Range<Int>

        public init(source: Range<Int>, target: Range<Int>) {
            self.source = source
            self.target = target
        }
    }

    /// Reads a document pair.
    /// - Parameter blocks: parts to align apart (see `Prepared.blocks`); nil for the whole.
    /// - Complexity: O(text length).
    public func prepare(source: [AlignmentUnit], target: [AlignmentUnit], blocks: [Block]? = nil) -> Prepared {
        prepare([(source, target, blocks)])[0]
    }

    /// What one sentence brings: its length, anchors and lexical tokens (as text; ids are given
    /// afterwards, in document order, so that they do not depend on threads).
    struct UnitFeatures: Sendable {
        var length: Double
        var anchors: [AnchorKey]
        var tokens: [String]
    }

    func features(of text: String, target: Bool) -> UnitFeatures {
        let profile = target ? targetProfile : sourceProfile
        let words = WordToken.split(text)
        var found: [AnchorKey] = []
        for anchorSource in anchorSources { anchorSource.collect(in: text, words: words, profile: profile, into: &found) }
        return UnitFeatures(length: (target ? targetCounter : sourceCounter).length(of: text), anchors: found,
                            tokens: Vocabulary.tokenTexts(of: words, stem: profile.lexicalStemLength))
    }

    /// Reads document pairs, sentences on all cores.
    /// - Complexity: O(text length).
    public func prepare(_ documents: [(source: [AlignmentUnit], target: [AlignmentUnit], blocks: [Block]?)]) -> [Prepared] {
        var jobs: [(text: String, target: Bool)] = []
        jobs.reserveCapacity(documents.reduce(0) { $0 + $1.source.count + $1.target.count })
        for document in documents {
            for unit in document.source { jobs.append((unit.text, false)) }
            for unit in document.target { jobs.append((unit.text, true)) }
        }
        let read = Parallel.map(jobs) { job in self.features(of: job.text, target: job.target) }
        var cursor = 0
        var sides: [(source: ArraySlice<UnitFeatures>, target: ArraySlice<UnitFeatures>, tokens: ([[Int32]], [[Int32]]))] = []
        for document in documents {
            let source = read[cursor..<(cursor + document.source.count)]
            cursor += document.source.count
            let target = read[cursor..<(cursor + document.target.count)]
            cursor += document.target.count
            sides.append((source, target, (source.map { sourceVocabulary.ids($0.tokens) }, target.map { targetVocabulary.ids($0.tokens) })))
        }
        let anchors = sides.map { ($0.source.map(\.anchors), $0.target.map(\.anchors)) }
        let tables = Parallel.map(anchors) { AnchorTable(source: $0.0, target: $0.1) }
        return documents.indices.map { k in
            let document = documents[k]
            func prefix(_ features: ArraySlice<UnitFeatures>) -> [Double] {
                var result = [0.0]
                result.reserveCapacity(features.count + 1)
                for feature in features { result.append(result[result.count - 1] + feature.length) }
                return result
            }
            return Prepared(source: document.source, target: document.target, sourcePrefix: prefix(sides[k].source),
                            targetPrefix: prefix(sides[k].target), anchors: tables[k], sourceTokens: sides[k].tokens.0,
                            targetTokens: sides[k].tokens.1,
                            blocks: document.blocks ?? [Block(source: 0..<document.source.count, target: 0..<document.target.count)],
                            method: document.blocks == nil ? .document : .paragraphs)
        }
    }

    /// Aligns one document pair.
    public func align(source: [AlignmentUnit], target: [AlignmentUnit]) -> SentenceAlignment {
        align([prepare(source: source, target: target)])[0]
    }

    /// Aligns document pairs together (they share the lexical model).
    /// - Parameter progress: called with a phase name, the documents done and the total.
    /// - Complexity: O(Σ (n + m) · w) for band width w (a few dozen), plus the lexical model's
    ///   training, linear in the words of the pairs it learns from.
    public func align(_ documents: [Prepared], progress: ((String, Int, Int) -> Void)? = nil) -> [SentenceAlignment] {
        let prior = priorRatio
        // Pass 1: length and anchors, a band around the diagonal that widens when the path runs along its edge.
        progress?("first pass", 0, documents.count)
        let first = Parallel.map(documents, chunk: 1) { self.firstPass($0, prior: prior) }
        progress?("first pass", documents.count, documents.count)
        // The lexical model, from the one-to-one beads of the first pass.
        var model: LexicalModel?
        var pairs: [(source: [Int32], target: [Int32])] = []
        for (document, result) in zip(documents, first) {
            for bead in result.beads where bead.source.count == 1 && bead.target.count == 1 {
                let s = document.sourceTokens[bead.source.lowerBound]
                let t = document.targetTokens[bead.target.lowerBound]
                if !s.isEmpty && !t.isEmpty { pairs.append((s, t)) }
            }
        }
        if pairs.count >= parameters.minimumLexicalPairs {
            if pairs.count > parameters.maximumLexicalPairs {
                let step = Double(pairs.count) / Double(parameters.maximumLexicalPairs)
                pairs = (0..<parameters.maximumLexicalPairs).map { pairs[Int(Double($0) * step)] }
            }
            progress?("lexical model", 0, 1)
            model = LexicalModel(pairs: pairs, sourceVocabulary: sourceVocabulary.count, targetVocabulary: targetVocabulary.count,
                                 iterations: parameters.lexicalIterations)
            progress?("lexical model", 1, 1)
        }
        // Pass 2: all the evidence, a narrow band around the first path, posteriors.
        progress?("second pass", 0, documents.count)
        let trained = model
        let results = Parallel.map(Array(documents.indices), chunk: 1) { k in
            self.secondPass(documents[k], first: first[k], model: trained, prior: prior)
        }
        progress?("second pass", documents.count, documents.count)
        return results
    }

    private func costModel(_ document: Prepared, ratio: Double, lexical: LexicalScorer?, shapes: [BeadShape]? = nil) -> BeadCostModel {
        var parameters = self.parameters
        if let shapes { parameters.shapes = shapes }
        return BeadCostModel(length: LengthModel(ratio: ratio, sigma: parameters.lengthSigma, smoothing: parameters.lengthSmoothing),
                             sourcePrefix: document.sourcePrefix, targetPrefix: document.targetPrefix, anchors: document.anchors,
                             lexical: lexical, parameters: parameters)
    }

    /// The first pass's result: beads per block, and the length ratio re-estimated from them.
    struct FirstPass: Sendable {
        var blocks: [[Bead]]
        var ratio: Double
        var beads: [Bead] { blocks.flatMap { $0 } }
    }

    private func firstPass(_ document: Prepared, prior: Double) -> FirstPass {
        let n = document.source.count
        let m = document.target.count
        if n == 0 || m == 0 { return FirstPass(blocks: [Self.oneSided(source: 0..<n, target: 0..<m)], ratio: prior) }
        let ratio = LengthModel.estimateRatio(sourceTotal: document.sourcePrefix[n], targetTotal: document.targetPrefix[m],
                                              sentences: min(n, m), prior: prior, priorWeight: parameters.ratioPriorWeight)
        let model = costModel(document, ratio: ratio, lexical: nil)
        // The first pass only finds the neighbourhood of the path: the simple shapes suffice
        // (the second searches all of them around it).
        let firstShapes = parameters.shapes.filter { $0.source + $0.target <= 3 }
        let firstModel = costModel(document, ratio: ratio, lexical: nil, shapes: firstShapes)
        _ = model
        var blocks: [[Bead]] = []
        for block in document.blocks {
            guard !block.source.isEmpty, !block.target.isEmpty else {
                blocks.append(Self.oneSided(source: block.source, target: block.target))
                continue
            }
            let firstScorer = ShiftedScorer(base: firstModel, source: block.source.lowerBound, target: block.target.lowerBound)
            let sourcePrefix = document.sourcePrefix[block.source.lowerBound...block.source.upperBound].map {
                $0 - document.sourcePrefix[block.source.lowerBound]
            }
            let targetPrefix = document.targetPrefix[block.target.lowerBound...block.target.upperBound].map {
                $0 - document.targetPrefix[block.target.lowerBound]
            }
            let bn = block.source.count
            let bm = block.target.count
            var width = parameters.initialBandWidth
            var result: LatticeSearch.Result
            while true {
                let full = (bn + 1) * (bm + 1) <= 4 * (bn + bm + 1) * (2 * width + 1)
                let band = full ? Band.full(n: bn, m: bm)
                    : Band.diagonal(sourcePrefix: sourcePrefix, targetPrefix: targetPrefix, width: width)
                result = LatticeSearch.best(band: band, shapes: firstShapes, scorer: firstScorer, beam: parameters.beam)
                if ProcessInfo.processInfo.environment["TMKIT_ALIGN_DEBUG"] != nil {
                    FileHandle.standardError.write(Data("pass1 block \(bn)x\(bm) width \(width) cells \(band.cellCount) full \(full) tight \(band.isTight(on: result.beads))\n".utf8))
                }
                if full || !band.isTight(on: result.beads) || band.cellCount * 2 > parameters.maximumBandCells { break }
                width *= 2
            }
            blocks.append(firstScorer.shift(result.beads))
        }
        let beads = blocks.flatMap { $0 }
        // The ratio again, from the pairs the first pass trusts.
        let lengths = LengthModel(ratio: ratio, sigma: parameters.lengthSigma, smoothing: parameters.lengthSmoothing)
        var logRatios: [Double] = []
        for bead in beads where bead.source.count == 1 && bead.target.count == 1 {
            let s = document.sourcePrefix[bead.source.upperBound] - document.sourcePrefix[bead.source.lowerBound]
            let t = document.targetPrefix[bead.target.upperBound] - document.targetPrefix[bead.target.lowerBound]
            logRatios.append(lengths.logRatio(source: s, target: t))
        }
        let refined = LengthModel.refineRatio(deviations: logRatios, prior: prior, priorWeight: parameters.ratioPriorWeight)
        return FirstPass(blocks: blocks, ratio: refined)
    }

    private func secondPass(_ document: Prepared, first: FirstPass, model: LexicalModel?,
                            prior: Double) -> SentenceAlignment {
        let n = document.source.count
        let m = document.target.count
        if n == 0 || m == 0 {
            return SentenceAlignment(source: document.source, target: document.target, beads: first.beads, lengthRatio: prior,
                                     priorRatio: prior, method: document.method)
        }
        let lexical = model?.scorer(source: document.sourceTokens, target: document.targetTokens)
        let costs = costModel(document, ratio: first.ratio, lexical: lexical)
        var beads: [Bead] = []
        for (block, local) in zip(document.blocks, first.blocks) {
            guard !block.source.isEmpty, !block.target.isEmpty else {
                beads += local
                continue
            }
            let scorer = ShiftedScorer(base: costs, source: block.source.lowerBound, target: block.target.lowerBound)
            let band = Band.around(scorer.unshift(local), n: block.source.count, m: block.target.count,
                                   margin: parameters.refinementMargin)
            let result = LatticeSearch.best(band: band, shapes: parameters.shapes, scorer: scorer, posteriors: true,
                                            temperature: parameters.temperature)
            beads += scorer.shift(result.beads)
        }
        let evidence = beads.map { costs.evidence(source: $0.source, target: $0.target) }
        return SentenceAlignment(source: document.source, target: document.target, beads: beads, evidence: evidence,
                                 lengthRatio: first.ratio, observedRatio: document.targetPrefix[m] / max(1e-9, document.sourcePrefix[n]),
                                 priorRatio: prior, method: document.method, lexicalPairs: model?.pairCount ?? 0,
                                 signs: Self.signs(beads, anchors: document.anchors, lexical: lexical))
    }

    /// Evidence of the aligned pairs against the same sentences paired half a document apart.
    static func signs(_ beads: [Bead], anchors: AnchorTable, lexical: LexicalScorer?) -> TranslationSigns {
        let paired = beads.filter { !$0.isOneSided }
        var aligned = 0.0
        var shifted = 0.0
        var alignedLexical = 0.0
        var shiftedLexical = 0.0
        let half = max(1, paired.count / 2)
        for (k, bead) in paired.enumerated() {
            let other = paired[(k + half) % paired.count]
            aligned += anchors.shared(source: bead.source, target: bead.target).weight
            shifted += anchors.shared(source: bead.source, target: other.target).weight
            if let lexical {
                alignedLexical += lexical.score(source: bead.source, target: bead.target)
                shiftedLexical += lexical.score(source: bead.source, target: other.target)
            }
        }
        let count = Double(max(1, paired.count))
        return TranslationSigns(pairs: paired.count, alignedAnchors: aligned / count, shiftedAnchors: shifted / count,
                                alignedLexical: lexical == nil ? nil : alignedLexical / count,
                                shiftedLexical: lexical == nil ? nil : shiftedLexical / count, sourceKeys: anchors.sourceKeyCount,
                                sharedKeys: anchors.sharedKeyCount)
    }

    /// Beads for a part with an empty side: every sentence on its own.
    static func oneSided(source: Range<Int>, target: Range<Int>) -> [Bead] {
        source.map { Bead(source: $0..<($0 + 1), target: target.lowerBound..<target.lowerBound, confidence: 1) }
            + target.map { Bead(source: source.upperBound..<source.upperBound, target: $0..<($0 + 1), confidence: 1) }
    }
}

/// A scorer for a block of the documents: block-local indexes in, document indexes to the base.
struct ShiftedScorer<Base: BeadScorer>: BeadScorer {
    let base: Base
    let source: Int
    let target: Int

    @inline(__always)
    func cost(source s: Range<Int>, target t: Range<Int>, shape: Int) -> Double {
        base.cost(source: (s.lowerBound + source)..<(s.upperBound + source), target: (t.lowerBound + target)..<(t.upperBound + target),
                  shape: shape)
    }

    func shift(_ beads: [Bead]) -> [Bead] {
        beads.map {
            var b = $0
            b.source = ($0.source.lowerBound + source)..<($0.source.upperBound + source)
            b.target = ($0.target.lowerBound + target)..<($0.target.upperBound + target)
            return b
        }
    }

    func unshift(_ beads: [Bead]) -> [Bead] {
        beads.map {
            var b = $0
            b.source = ($0.source.lowerBound - source)..<($0.source.upperBound - source)
            b.target = ($0.target.lowerBound - target)..<($0.target.upperBound - target)
            return b
        }
    }
}
