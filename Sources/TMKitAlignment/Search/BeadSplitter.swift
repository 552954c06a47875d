import Foundation
import TMKitText

/// Splits beads where the segmenter ran two sentences together on one side or both: a heading
/// without a full stop and the paragraph's first sentence, or a sentence after an acronym's full
/// stop. A bead is cut in two when the two halves pair up better than the whole, by the same
/// length model and anchors as the search, with a penalty that depends on how sure each side's
/// cut is (`SoftBoundaries`): the cut must be plain on at least one side and the evidence must
/// carry it on the other.
///
/// Only for text the aligner segmented itself: given sentences are never cut.
public struct BeadSplitter {
    public let aligner: SentenceAligner
    /// Extra cost of a cut, by the sureness of its two sides (source, target); nil: never.
    public var penalty: (CutKind, CutKind) -> Double? = BeadSplitter.standardPenalty
    /// How far apart the shares of text before the two cuts may be.
    public var shareTolerance = 0.3
    /// The length model's deviation here, as a multiple of the search's.
    public var lengthLooseness = 2.0
    /// Beads the search is less sure of are left whole (but for the document's first): cutting
    /// them would patch a doubtful alignment rather than a segmentation.
    public var minimumConfidence = 0.45

    public init(aligner: SentenceAligner) {
        self.aligner = aligner
    }

    /// How sure a cut point is.
    public enum CutKind: Sendable, Hashable {
        /// Between two segments.
        case segment
        /// A soft boundary inside a segment; `title` when the segment opens the document, where
        /// a title run into the first sentence is to be expected.
        case soft(SoftBoundaries.Strength, title: Bool)
    }

    /// The cost of a cut is minus the log-odds that both sides really end a sentence there: sure
    /// on a segment boundary, likely at a full stop or a sentence-ending word form, even at a
    /// capitalized word after a heading-like run, unlikely at any space. The halves must still
    /// pair up at least as well as the whole (length and anchors); where several cuts are
    /// possible, that decides which.
    public static func standardPenalty(_ source: CutKind, _ target: CutKind) -> Double? {
        func logOdds(_ kind: CutKind) -> Double {
            switch kind {
            case .segment: return 3
            case .soft(let strength, let title):
                let base: Double
                switch strength {
                case .strong: base = 2.5
                case .likelyHeading: base = 0.6
                case .heading: base = -0.4
                case .capitalized: base = -1.2
                case .weak: base = title ? -3.5 : -.infinity
                }
                // A document opens with its title: where its first segment runs a title into a
                // sentence, a cut is likely even with nothing to show for it on one side.
                return base + (title ? (strength == .weak ? 4.0 : 0.8) : 0)
            }
        }
        if case .segment = source, case .segment = target { return nil }
        return -(logOdds(source) + logOdds(target))
    }

    /// A piece of a segment: its text between two cut points, with what the cost needs.
    struct Chunk {
        var unit: Int
        var range: Range<Int>
        var text: String
        var length: Double
        var anchors: [Int32]
        /// How sure the cut after this chunk is (nil after the last chunk of the side).
        var cutAfter: CutKind?
    }

    /// The alignment with beads cut where their halves pair up better, and the sentences cut with
    /// them. The result's units are the pieces.
    public func refine(_ alignment: SentenceAlignment, anchors table: AnchorTable) -> SentenceAlignment {
        // Lengths only keep cuts from absurd places here (a heading and its sentence are short, and
        // names added in parentheses stretch one side): the looser model lets the cut points and
        // the anchors decide.
        let length = LengthModel(
            ratio: alignment.lengthRatio, sigma: aligner.parameters.lengthSigma * lengthLooseness,
            smoothing: aligner.parameters.lengthSmoothing)
        let oneToOne = -log(aligner.parameters.probability(of: BeadShape(1, 1)))
        var sourceUnits: [AlignmentUnit] = []
        var targetUnits: [AlignmentUnit] = []
        var beads: [Bead] = []
        var evidence: [BeadEvidence] = []
        /// A bead kept as it is, renumbered into the new unit lists.
        func keep(_ bead: Bead, _ index: Int) {
            beads.append(
                Bead(
                    source: sourceUnits.count..<(sourceUnits.count + bead.source.count),
                    target: targetUnits.count..<(targetUnits.count + bead.target.count), confidence: bead.confidence, cost: bead.cost))
            sourceUnits += bead.source.map { alignment.source[$0] }
            targetUnits += bead.target.map { alignment.target[$0] }
            evidence.append(alignment.evidence[index])
        }
        for (index, bead) in alignment.beads.enumerated() {
            let opensDocument = bead.source.first == 0 || bead.target.first == 0
            guard !bead.isOneSided, bead.confidence >= minimumConfidence || opensDocument else {
                keep(bead, index)
                continue
            }
            let s = chunks(bead.source, alignment.source, profile: aligner.sourceProfile, table: table, target: false)
            let t = chunks(bead.target, alignment.target, profile: aligner.targetProfile, table: table, target: true)
            var groups: [(Range<Int>, Range<Int>)] = []
            split(
                0..<s.count, 0..<t.count, s, t, table: table, length: length, prior: oneToOne, shapePrior: shapeCost(bead), depth: 0,
                into: &groups)
            if groups.count == 1 {
                keep(bead, index)
                continue
            }
            for (sc, tc) in groups {
                let sourcePieces = Self.pieces(sc, s, alignment.source)
                let targetPieces = Self.pieces(tc, t, alignment.target)
                let sLength = sc.reduce(0) { $0 + s[$1].length }
                let tLength = tc.reduce(0) { $0 + t[$1].length }
                let shared = table.shared(source: sc.flatMap { s[$0].anchors }, target: tc.flatMap { t[$0].anchors })
                beads.append(
                    Bead(
                        source: sourceUnits.count..<(sourceUnits.count + sourcePieces.count),
                        target: targetUnits.count..<(targetUnits.count + targetPieces.count), confidence: bead.confidence,
                        cost: oneToOne + length.cost(source: sLength, target: tLength)))
                evidence.append(
                    BeadEvidence(
                        lengthDeviation: length.deviation(source: sLength, target: tLength), anchorWeight: shared.weight,
                        unmatchedNumbers: shared.unmatchedNumbers, lexicalScore: nil))
                sourceUnits += sourcePieces
                targetUnits += targetPieces
            }
        }
        var result = alignment
        result.source = sourceUnits
        result.target = targetUnits
        result.beads = beads
        result.evidence = evidence
        return result
    }

    private func shapeCost(_ bead: Bead) -> Double {
        -log(aligner.parameters.probability(of: BeadShape(bead.source.count, bead.target.count)))
    }

    /// Cuts chunks `s` and `t` into groups, recursively, where a cut pays.
    private func split(
        _ s: Range<Int>, _ t: Range<Int>, _ sc: [Chunk], _ tc: [Chunk], table: AnchorTable, length: LengthModel, prior: Double,
        shapePrior: Double, depth: Int, into groups: inout [(Range<Int>, Range<Int>)]
    ) {
        guard depth < 4, s.count > 1 || t.count > 1 else {
            groups.append((s, t))
            return
        }
        let weight = aligner.parameters.anchorWeight
        let mismatch = aligner.parameters.numberMismatch
        func cost(_ a: Range<Int>, _ b: Range<Int>) -> Double {
            let la = a.reduce(0) { $0 + sc[$1].length }
            let lb = b.reduce(0) { $0 + tc[$1].length }
            let shared = table.shared(source: a.flatMap { sc[$0].anchors }, target: b.flatMap { tc[$0].anchors })
            return length.cost(source: la, target: lb) - weight * shared.weight + mismatch * Double(shared.unmatchedNumbers)
        }
        let whole = shapePrior + cost(s, t)
        // A title ends once: deeper cuts are not title cuts.
        func kind(_ cut: CutKind) -> CutKind {
            if depth > 0, case .soft(let strength, true) = cut { return .soft(strength, title: false) }
            return cut
        }
        let oneSided = -log(aligner.parameters.probability(of: BeadShape(1, 0)))
        let sTotal = s.reduce(0) { $0 + sc[$1].length }
        let tTotal = t.reduce(0) { $0 + tc[$1].length }
        var best: (Double, Int, Int)?
        var sBefore = 0.0
        for x in s.dropLast() {
            sBefore += sc[x].length
            guard let sKind = sc[x].cutAfter.map(kind) else { continue }
            let sShare = sBefore / max(1, sTotal)
            var tBefore = 0.0
            for y in t.dropLast() {
                tBefore += tc[y].length
                guard let tKind = tc[y].cutAfter.map(kind) else { continue }
                guard abs(tBefore / max(1, tTotal) - sShare) <= shareTolerance, let extra = penalty(sKind, tKind) else { continue }
                let value =
                    2 * prior + cost(s.lowerBound..<(x + 1), t.lowerBound..<(y + 1)) + cost((x + 1)..<s.upperBound, (y + 1)..<t.upperBound)
                    + extra
                if value < whole && value < (best?.0 ?? .infinity) { best = (value, x, y) }
            }
        }
        // A cut on one side only: the piece before or after it has no counterpart (a heading left
        // out of the translation).
        var bestOneSided: (Double, Int, Bool, Bool)?
        for (isSource, chunks, range, total) in [(true, sc, s, sTotal), (false, tc, t, tTotal)] {
            var before = 0.0
            for x in range.dropLast() {
                before += chunks[x].length
                guard let cut = chunks[x].cutAfter.map(kind), case .soft(let strength, _) = cut, strength >= .heading,
                    let extra = penalty(isSource ? cut : .segment, isSource ? .segment : cut)
                else { continue }
                let logOddsOfSegment = 3.0
                for alone in [true, false] {  // true: the first piece is alone
                    let pieceShare = alone ? before / max(1, total) : 1 - before / max(1, total)
                    guard pieceShare < 0.5 else { continue }
                    let kept = alone ? (x + 1)..<range.upperBound : range.lowerBound..<(x + 1)
                    let value = prior + oneSided + (isSource ? cost(kept, t) : cost(s, kept)) + extra + logOddsOfSegment
                    if value < whole && value < (best?.0 ?? .infinity) && value < (bestOneSided?.0 ?? .infinity) {
                        bestOneSided = (value, x, isSource, alone)
                    }
                }
            }
        }
        if let (_, x, isSource, alone) = bestOneSided {
            let range = isSource ? s : t
            let first = range.lowerBound..<(x + 1)
            let second = (x + 1)..<range.upperBound
            let lone = alone ? first : second
            let kept = alone ? second : first
            let empty = (isSource ? t : s).lowerBound..<(isSource ? t : s).lowerBound
            let emptyEnd = (isSource ? t : s).upperBound..<(isSource ? t : s).upperBound
            let loneGroup = isSource ? (lone, alone ? empty : emptyEnd) : (alone ? empty : emptyEnd, lone)
            if alone { groups.append(loneGroup) }
            split(
                isSource ? kept : s, isSource ? t : kept, sc, tc, table: table, length: length, prior: prior, shapePrior: prior,
                depth: depth + 1, into: &groups)
            if !alone { groups.append(loneGroup) }
            return
        }
        guard let (_, x, y) = best else {
            groups.append((s, t))
            return
        }
        split(
            s.lowerBound..<(x + 1), t.lowerBound..<(y + 1), sc, tc, table: table, length: length, prior: prior, shapePrior: prior,
            depth: depth + 1, into: &groups)
        split(
            (x + 1)..<s.upperBound, (y + 1)..<t.upperBound, sc, tc, table: table, length: length, prior: prior, shapePrior: prior,
            depth: depth + 1, into: &groups)
    }

    /// A side's sentences cut at their soft boundaries.
    private func chunks(_ range: Range<Int>, _ units: [AlignmentUnit], profile: AlignmentProfile, table: AnchorTable, target: Bool)
        -> [Chunk]
    {
        var result: [Chunk] = []
        let counter = LengthCounter(profile: profile)
        for index in range {
            let text = units[index].text
            let utf8 = Array(text.utf8)
            var start = 0
            var cuts = profile.softBoundaries.candidates(in: text)
            // The first segment holds a title run into a sentence only if it ends like a sentence.
            let endsSentence = index == 0 && SoftBoundaries.endsSentence(text)
            if profile.softBoundaries.hasCapitals { cuts.removeAll { $0.strength == .weak } }
            for cut in cuts + [SoftBoundaries.Candidate(offset: utf8.count, end: utf8.count, strength: .strong)] {
                let piece = String(decoding: utf8[start..<cut.end], as: UTF8.self)
                let isLast = cut.end == utf8.count
                // A title is followed by a whole sentence, not by a few words.
                let rest = isLast ? 0 : Self.wordCount(utf8[cut.offset...])
                let title = index == 0 && endsSentence && rest >= Self.sentenceAfterTitle
                result.append(
                    Chunk(
                        unit: index, range: start..<cut.end, text: piece, length: counter.length(of: piece),
                        anchors: table.resolve(aligner.anchors(in: piece, target: target)).filter { Self.isSharp(table.keys[Int($0)]) },
                        cutAfter: isLast ? (index + 1 < range.upperBound ? .segment : nil) : .soft(cut.strength, title: title)))
                start = cut.offset
            }
        }
        return result
    }

    /// Words a sentence after a title has at least (fewer: a cut inside a sentence).
    static let sentenceAfterTitle = 6

    static func wordCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for b in bytes {
            let space = b == 0x20 || b == 0x09 || b == 0x0A
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// Anchors that say where a cut goes: two-consonant name keys (`ST`, `KL`) match words on both
    /// sides of any cut by chance, and would pull a cut toward keeping the bead whole.
    static func isSharp(_ key: AnchorKey) -> Bool {
        key.kind != .name || key.value.utf8.count >= NameAnchors.minimumPrefixKey
    }

    /// The sentences of a group of chunks: whole units stay as they are; cut ones become pieces
    /// with their part of the text and of the place.
    static func pieces(_ group: Range<Int>, _ chunks: [Chunk], _ units: [AlignmentUnit]) -> [AlignmentUnit] {
        var result: [AlignmentUnit] = []
        var k = group.lowerBound
        while k < group.upperBound {
            let unit = chunks[k].unit
            var end = k
            while end + 1 < group.upperBound && chunks[end + 1].unit == unit { end += 1 }
            let original = units[unit]
            let first = chunks[k].range.lowerBound
            let last = chunks[end].range.upperBound
            if first == 0 && last == original.text.utf8.count {
                result.append(original)
            } else {
                let utf8 = Array(original.text.utf8)
                var piece = original
                piece.text = String(decoding: utf8[first..<last], as: UTF8.self)
                if var location = original.location {
                    let base = location.byteRange.lowerBound
                    let upper = min(location.byteRange.upperBound, base + last)
                    location.byteRange = min(upper, base + first)..<upper
                    piece.location = location
                }
                result.append(piece)
            }
            k = end + 1
        }
        return result
    }
}

extension SentenceAligner {
    /// The raw anchors of a text, as `prepare` finds them.
    func anchors(in text: String, target: Bool) -> [AnchorKey] {
        features(of: text, target: target).anchors
    }
}
