import Foundation
import TMKitText

/// Side-by-side text for a terminal: a margin with the bead's kind and confidence, then the source
/// and the target in two columns, wrapped at word boundaries. Korean and other wide characters
/// take two columns. Omissions, additions and low-confidence pairs are flagged in the margin
/// (`!` and `?`), in colour when `color` is on.
struct TextAlignmentWriter {
    var width: Int
    var lowConfidence: Double
    var color: Bool

    func write(_ alignment: SentenceAlignment, id: String?, to sink: OutputSink) throws {
        let margin = 11
        let column = max(12, (width - margin - 3) / 2)
        var out = ""
        if let id { out += "== \(id)\n" }
        for bead in alignment.beads {
            let texts = alignment.texts(of: bead)
            let left = Self.wrap(texts.source.isEmpty ? "—" : texts.source, width: column)
            let right = Self.wrap(texts.target.isEmpty ? "—" : texts.target, width: column)
            let flag = bead.isOneSided ? "!" : bead.confidence < lowConfidence ? "?" : " "
            var label = "\(flag)\(bead.kind) \(String(format: "%3d%%", Int((bead.confidence * 100).rounded())))"
            label = Self.pad(label, to: margin - 1)
            if color && flag != " " {
                label = (flag == "!" ? "\u{1B}[31m" : "\u{1B}[33m") + label + "\u{1B}[0m"
            }
            for row in 0..<max(left.count, right.count) {
                let l = row < left.count ? left[row] : ""
                let r = row < right.count ? right[row] : ""
                out += (row == 0 ? label : String(repeating: " ", count: margin - 1)) + " " + Self.pad(l, to: column) + " │ " + r + "\n"
            }
            if out.utf8.count > 1 << 16 {
                try sink.write(out)
                out = ""
            }
        }
        try sink.write(out)
    }

    /// Columns a scalar takes on a terminal: 2 for East Asian wide characters, 0 for combining marks.
    static func columns(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x1100 { return scalar.properties.generalCategory == .nonspacingMark ? 0 : 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return scalar.properties.generalCategory == .nonspacingMark ? 0 : 1
    }

    static func columns(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + columns($1) } }

    static func pad(_ text: String, to width: Int) -> String {
        let used = columns(text)
        return used >= width ? text : text + String(repeating: " ", count: width - used)
    }

    /// Lines of at most `width` columns, broken at spaces (inside a word only when it is longer
    /// than a line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = columns(String(word))
            if used > 0 && used + 1 + w > width {
                lines.append(line)
                line = ""
                used = 0
            }
            if w > width {
                for scalar in word.unicodeScalars {
                    let c = columns(scalar)
                    if used + c > width {
                        lines.append(line)
                        line = ""
                        used = 0
                    }
                    line.unicodeScalars.append(scalar)
                    used += c
                }
                continue
            }
            if used > 0 {
                line += " "
                used += 1
            }
            line += word
            used += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
