import Foundation

/// Aligns documents in two levels: paragraphs first, then the sentences inside each group of
/// aligned paragraphs, so that a sentence never pairs with one from a paragraph far away. When the
/// paragraph structure of the two files differs (one sentence a line against running text, many
/// headings on one side only, paragraphs that do not correspond), it aligns the sentences across
/// the whole document instead, and says why.
public final class DocumentAligner {
    public let sentences: SentenceAligner
    private let paragraphs: SentenceAligner
    /// Paragraph beads at least this sure keep their sentences apart from their neighbours'.
    public var trustedParagraphConfidence = 0.8
    /// The share of sentences in trusted paragraph beads below which the paragraphs are not used.
    public var minimumTrustedShare = 0.6

    public init(sentences: SentenceAligner, anchorSources: [any AnchorSource]? = nil) {
        self.sentences = sentences
        var parameters = sentences.parameters
        parameters.minimumLexicalPairs = .max
        paragraphs = SentenceAligner(source: sentences.sourceProfile, target: sentences.targetProfile, parameters: parameters,
                                     anchorSources: anchorSources)
    }

    /// How a document pair will be aligned.
    public struct Plan: Sendable {
        /// Sentence blocks from aligned paragraphs, or nil to align the whole document.
        public var blocks: [SentenceAligner.Block]?
        /// The paragraph alignment, when one was made.
        public var paragraphs: SentenceAlignment?
        /// Why the paragraphs were or were not used.
        public var reason: String
    }

    /// Decides between paragraph groups and the whole document.
    /// - Complexity: linear in the number of paragraphs (a band search), plus reading their text.
    public func plan(source: [AlignmentUnit], target: [AlignmentUnit]) -> Plan {
        let sourceParagraphs = Self.paragraphs(of: source)
        let targetParagraphs = Self.paragraphs(of: target)
        let ps = sourceParagraphs.count
        let pt = targetParagraphs.count
        if ps <= 1 || pt <= 1 {
            return Plan(blocks: nil, paragraphs: nil, reason: "one side has a single paragraph")
        }
        if Double(min(ps, pt)) < 0.5 * Double(max(ps, pt)) {
            return Plan(blocks: nil, paragraphs: nil, reason: "paragraph counts differ too much (\(ps) and \(pt))")
        }
        func units(_ groups: [(range: Range<Int>, text: String)], _ all: [AlignmentUnit]) -> [AlignmentUnit] {
            groups.map { AlignmentUnit(text: $0.text, location: all[$0.range.lowerBound].location, paragraph: all[$0.range.lowerBound].paragraph) }
        }
        let alignment = paragraphs.align(source: units(sourceParagraphs, source), target: units(targetParagraphs, target))
        // Group paragraph beads: a boundary holds only between two beads the search is sure of.
        var blocks: [SentenceAligner.Block] = []
        var trustedSentences = 0
        var open: SentenceAligner.Block?
        var openTrusted = true
        for (k, bead) in alignment.beads.enumerated() {
            let s = Self.sentenceRange(bead.source, sourceParagraphs, total: source.count)
            let t = Self.sentenceRange(bead.target, targetParagraphs, total: target.count)
            let sure = bead.confidence >= trustedParagraphConfidence
            if sure && !bead.isOneSided { trustedSentences += s.count + t.count }
            if let current = open {
                open = SentenceAligner.Block(source: current.source.lowerBound..<s.upperBound, target: current.target.lowerBound..<t.upperBound)
            } else {
                open = SentenceAligner.Block(source: s, target: t)
            }
            openTrusted = sure
            let nextSure = k + 1 < alignment.beads.count ? alignment.beads[k + 1].confidence >= trustedParagraphConfidence : true
            if openTrusted && nextSure, let block = open {
                blocks.append(block)
                open = nil
            }
        }
        if let block = open { blocks.append(block) }
        let share = Double(trustedSentences) / Double(max(1, source.count + target.count))
        if share < minimumTrustedShare {
            return Plan(blocks: nil, paragraphs: alignment,
                        reason: "the paragraphs do not correspond (\(Int(share * 100)) % of sentences in sure paragraph pairs)")
        }
        return Plan(blocks: blocks, paragraphs: alignment,
                    reason: "\(ps) and \(pt) paragraphs in \(blocks.count) groups (\(Int(share * 100)) % of sentences in sure pairs)")
    }

    /// Reads a document pair for `sentences.align`, in paragraph groups when the plan allows.
    public func prepare(source: [AlignmentUnit], target: [AlignmentUnit], useParagraphs: Bool = true) -> (SentenceAligner.Prepared, Plan) {
        let plan = useParagraphs ? plan(source: source, target: target)
            : Plan(blocks: nil, paragraphs: nil, reason: "paragraphs not used (asked)")
        return (sentences.prepare(source: source, target: target, blocks: plan.blocks), plan)
    }

    /// Runs of sentences with the same paragraph index, with their joined text.
    static func paragraphs(of units: [AlignmentUnit]) -> [(range: Range<Int>, text: String)] {
        guard !units.isEmpty else { return [] }
        var result: [(range: Range<Int>, text: String)] = []
        var start = 0
        for i in 1...units.count where i == units.count || units[i].paragraph != units[start].paragraph {
            result.append((start..<i, units[start..<i].map(\.text).joined(separator: " ")))
            start = i
        }
        return result
    }

    static func sentenceRange(_ paragraphRange: Range<Int>, _ paragraphs: [(range: Range<Int>, text: String)], total: Int) -> Range<Int> {
        guard let first = paragraphRange.first, let last = paragraphRange.last else {
            // An empty side sits where the next paragraph starts.
            let at = paragraphRange.lowerBound < paragraphs.count ? paragraphs[paragraphRange.lowerBound].range.lowerBound : total
            return at..<at
        }
        return paragraphs[first].range.lowerBound..<paragraphs[last].range.upperBound
    }
}
