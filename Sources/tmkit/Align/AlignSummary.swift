import Foundation
import TMKitAlignment
import TMKitText

/// The summary `tmkit align` writes on standard error: counts of bead kinds, then the sentences
/// left out or added and the doubtful pairs, with their places, ten of each at most.
struct AlignSummary {
    var sides: AlignmentSides
    var lowConfidence: Double
    var html: String?
    static let listed = 10

    func print(_ results: [SentenceAlignment], ids: [String?], plans: [DocumentAligner.Plan]) {
        var kinds: [String: Int] = [:]
        var sourceCount = 0
        var targetCount = 0
        var omitted: [String] = []
        var added: [String] = []
        var doubtful: [String] = []
        var omittedCount = 0
        var addedCount = 0
        var doubtfulCount = 0
        for (k, result) in results.enumerated() {
            sourceCount += result.source.count
            targetCount += result.target.count
            let prefix = ids[k].map { "[\($0)] " } ?? ""
            for bead in result.beads {
                kinds[bead.kind, default: 0] += 1
                let texts = result.texts(of: bead)
                if bead.target.isEmpty {
                    omittedCount += 1
                    if omitted.count < Self.listed { omitted.append("  \(prefix)\(place(bead.source, result.source)): \(Self.quote(texts.source))") }
                } else if bead.source.isEmpty {
                    addedCount += 1
                    if added.count < Self.listed { added.append("  \(prefix)\(place(bead.target, result.target)): \(Self.quote(texts.target))") }
                } else if bead.confidence < lowConfidence {
                    doubtfulCount += 1
                    if doubtful.count < Self.listed {
                        doubtful.append("  \(prefix)\(place(bead.source, result.source)) ⇄ \(place(bead.target, result.target)) "
                                        + "(\(bead.kind), \(Int((bead.confidence * 100).rounded())) %): \(Self.quote(texts.source)) ⇄ \(Self.quote(texts.target))")
                    }
                }
            }
        }
        let order = ["1-1", "2-1", "1-2", "2-2", "3-1", "1-3", "3-2", "2-3", "4-1", "1-4", "1-0", "0-1"]
        let counts = order.compactMap { kind in kinds[kind].map { "\($0) \(kind)" } }
        var line = "aligned \(sourceCount) \(sides.sourceLanguage) and \(targetCount) \(sides.targetLanguage) sentences"
        if results.count > 1 { line += " in \(results.count) documents" }
        line += ": " + counts.joined(separator: ", ")
        line += "; \(omittedCount) left out, \(addedCount) added, \(doubtfulCount) pair\(doubtfulCount == 1 ? "" : "s") below \(Int(lowConfidence * 100)) % confidence"
        Terminal.note(line)
        if results.count == 1, let plan = plans.first {
            Terminal.note(plan.blocks == nil ? "sentences aligned across the whole document: \(plan.reason)" : "paragraphs first: \(plan.reason)")
        }
        let more = html == nil ? "see --html or --format jsonl" : "see \(html!)"
        func list(_ title: String, _ items: [String], _ total: Int) {
            guard total > 0 else { return }
            Terminal.note(title)
            for item in items { Terminal.write(item + "\n") }
            if total > items.count { Terminal.write("  … and \(total - items.count) more (\(more))\n") }
        }
        list("left out of the translation:", omitted, omittedCount)
        list("added in the translation:", added, addedCount)
        list("pairs to check:", doubtful, doubtfulCount)
    }

    private func place(_ range: Range<Int>, _ units: [AlignmentUnit]) -> String {
        guard let first = range.first, let location = units[first].location else { return "#\(range.lowerBound + 1)" }
        return "\(location.file):\(location.line)"
    }

    /// A sentence in quotes, cut to about 60 characters.
    static func quote(_ text: String) -> String {
        let limit = 60
        if text.count <= limit { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\""
    }

    /// The width of the terminal on standard output, or $COLUMNS, or 100.
    static var terminalColumns: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        return 100
    }
}

/// `--parameter NAME=VALUE`: sets a field of `AlignmentParameters` for experiments.
enum AlignParameterOverrides {
    static func apply(_ overrides: [String], to parameters: inout AlignmentParameters) throws {
        for item in overrides {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]) else {
                throw TMKitError(.usage, "--parameter takes NAME=NUMBER, not '\(item)'")
            }
            switch parts[0] {
            case "lengthSigma": parameters.lengthSigma = value
            case "lengthSmoothing": parameters.lengthSmoothing = value
            case "ratioPriorWeight": parameters.ratioPriorWeight = value
            case "anchorWeight": parameters.anchorWeight = value
            case "numberMismatch": parameters.numberMismatch = value
            case "lexicalWeight": parameters.lexicalWeight = value
            case "lexicalCutoff": parameters.lexicalCutoff = value
            case "minimumLexicalPairs": parameters.minimumLexicalPairs = Int(value)
            case "lexicalIterations": parameters.lexicalIterations = Int(value)
            case "initialBandWidth": parameters.initialBandWidth = Int(value)
            case "refinementMargin": parameters.refinementMargin = Int(value)
            case "temperature": parameters.temperature = value
            case "beam": parameters.beam = value
            default:
                if let shape = Self.shape(parts[0]) {
                    parameters.shapeProbabilities[shape] = value
                    if !parameters.shapes.contains(shape) { parameters.shapes.append(shape) }
                } else {
                    throw TMKitError(.usage, "--parameter: no parameter '\(parts[0])'",
                                     hint: "lengthSigma, anchorWeight, numberMismatch, lexicalWeight, temperature, or a bead shape such as 2-1")
                }
            }
        }
    }

    static func shape(_ name: String) -> BeadShape? {
        let sides = name.split(separator: "-").compactMap { Int($0) }
        guard sides.count == 2, sides[0] >= 0, sides[1] >= 0, sides[0] + sides[1] > 0, sides[0] <= 6, sides[1] <= 6 else { return nil }
        return BeadShape(sides[0], sides[1])
    }
}
