import Foundation
import TMKitText

/// The ways an alignment is written out.
public enum AlignmentFormat: String, Sendable, CaseIterable {
    /// Side by side, for a terminal.
    case text
    /// Source, target, confidence, kind, indexes and lines, tab-separated.
    case tsv
    /// One JSON object a line: a header, then one bead a line with texts, indexes, locations,
    /// confidence and evidence.
    case jsonl
    /// Index pairs, one bead a line (`0,1<TAB>0`), with `%%DOC id` headers: the alignment
    /// evaluation harness's format.
    case beads
}

/// Describes the two sides for writers that name them.
public struct AlignmentSides: Sendable {
    public var sourceFile: String
    public var targetFile: String
    public var sourceLanguage: LanguageTag
    public var targetLanguage: LanguageTag

    public init(sourceFile: String, targetFile: String, sourceLanguage: LanguageTag, targetLanguage: LanguageTag) {
        self.sourceFile = sourceFile
        self.targetFile = targetFile
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }
}

/// Writes alignments in one of the `AlignmentFormat`s, streaming to an `OutputSink`.
public struct AlignmentWriter {
    public var format: AlignmentFormat
    public var sides: AlignmentSides
    /// Beads below this confidence are marked in text output.
    public var lowConfidence: Double
    /// Terminal width for text output.
    public var width: Int
    /// Colour in text output (a terminal).
    public var color: Bool

    public init(format: AlignmentFormat, sides: AlignmentSides, lowConfidence: Double = 0.5, width: Int = 100, color: Bool = false) {
        self.format = format
        self.sides = sides
        self.lowConfidence = lowConfidence
        self.width = width
        self.color = color
    }

    /// The JSONL schema identifier; it changes when a field changes meaning.
    public static let jsonSchema = "tmkit.align/1"

    /// Writes one document's alignment. `id` names the document in a collection.
    public func write(_ alignment: SentenceAlignment, id: String? = nil, to sink: OutputSink) throws {
        switch format {
        case .beads: try writeBeads(alignment, id: id, to: sink)
        case .tsv: try writeTSV(alignment, to: sink)
        case .jsonl: try writeJSONL(alignment, id: id, to: sink)
        case .text: try TextAlignmentWriter(width: width, lowConfidence: lowConfidence, color: color).write(alignment, id: id, to: sink)
        }
    }

    private func writeBeads(_ alignment: SentenceAlignment, id: String?, to sink: OutputSink) throws {
        var out = ""
        if let id { out += "%%DOC \(id)\n" }
        for bead in alignment.beads {
            out += bead.source.map(String.init).joined(separator: ",") + "\t" + bead.target.map(String.init).joined(separator: ",") + "\n"
        }
        try sink.write(out)
    }

    private func writeTSV(_ alignment: SentenceAlignment, to sink: OutputSink) throws {
        for bead in alignment.beads {
            let texts = alignment.texts(of: bead)
            let fields = [
                TSV.field(texts.source), TSV.field(texts.target), Self.confidence(bead.confidence), bead.kind,
                bead.source.map(String.init).joined(separator: ","), bead.target.map(String.init).joined(separator: ","),
                Self.lines(bead.source, alignment.source), Self.lines(bead.target, alignment.target),
            ]
            try sink.write(fields.joined(separator: "\t") + "\n")
        }
    }

    private func writeJSONL(_ alignment: SentenceAlignment, id: String?, to sink: OutputSink) throws {
        var header: KeyValuePairs<String, String> {
            [
                "type": JSON.quote("alignment"), "schema": JSON.quote(Self.jsonSchema),
                "document": id.map(JSON.quote) ?? "null",
                "source": JSON.object(["file": JSON.quote(sides.sourceFile), "language": JSON.quote(sides.sourceLanguage.identifier),
                                       "sentences": String(alignment.source.count)]),
                "target": JSON.object(["file": JSON.quote(sides.targetFile), "language": JSON.quote(sides.targetLanguage.identifier),
                                       "sentences": String(alignment.target.count)]),
                "method": JSON.quote(alignment.method.rawValue), "lengthRatio": Self.number(alignment.lengthRatio),
                "priorRatio": Self.number(alignment.priorRatio), "meanConfidence": Self.number(alignment.meanConfidence),
                "lexicalPairs": String(alignment.lexicalPairs),
                "signs": alignment.signs.map { signs in
                    JSON.object([
                        "pairs": String(signs.pairs), "anchorsInOrder": Self.number(signs.alignedAnchors),
                        "anchorsOutOfOrder": Self.number(signs.shiftedAnchors),
                        "lexicalInOrder": signs.alignedLexical.map(Self.number) ?? "null",
                        "lexicalOutOfOrder": signs.shiftedLexical.map(Self.number) ?? "null",
                        "sourceKeys": String(signs.sourceKeys), "sharedKeys": String(signs.sharedKeys),
                    ])
                } ?? "null",
            ]
        }
        try sink.write(JSON.object(header) + "\n")
        for (bead, evidence) in zip(alignment.beads, alignment.evidence) {
            let evidenceObject = bead.isOneSided ? "null" : JSON.object([
                "lengthDeviation": Self.number(evidence.lengthDeviation), "anchors": Self.number(evidence.anchorWeight),
                "unmatchedNumbers": String(evidence.unmatchedNumbers), "lexical": evidence.lexicalScore.map(Self.number) ?? "null",
            ])
            let line = JSON.object([
                "type": JSON.quote("bead"), "kind": JSON.quote(bead.kind), "confidence": Self.number(bead.confidence),
                "src": JSON.array(bead.source.map { alignment.source[$0].text }),
                "tgt": JSON.array(bead.target.map { alignment.target[$0].text }),
                "srcIndex": "[" + bead.source.map(String.init).joined(separator: ",") + "]",
                "tgtIndex": "[" + bead.target.map(String.init).joined(separator: ",") + "]",
                "srcLocation": Self.location(bead.source, alignment.source), "tgtLocation": Self.location(bead.target, alignment.target),
                "evidence": evidenceObject,
            ])
            try sink.write(line + "\n")
        }
    }

    static func confidence(_ value: Double) -> String { String(format: "%.3f", value) }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `12` or `12-14`: the lines a side covers (empty when unknown or empty).
    static func lines(_ range: Range<Int>, _ units: [AlignmentUnit]) -> String {
        guard let first = range.first, let last = range.last, let a = units[first].location?.line,
              let b = units[last].location?.line else { return "" }
        return a == b ? String(a) : "\(a)-\(b)"
    }

    /// A side's place: file, first line, byte range from the first sentence's start to the last's end.
    static func location(_ range: Range<Int>, _ units: [AlignmentUnit]) -> String {
        guard let first = range.first, let last = range.last, let a = units[first].location, let b = units[last].location else {
            return "null"
        }
        return JSON.object([
            "file": JSON.quote(a.file), "line": String(a.line), "start": String(a.byteRange.lowerBound),
            "end": String(max(a.byteRange.upperBound, b.byteRange.upperBound)),
        ])
    }
}
