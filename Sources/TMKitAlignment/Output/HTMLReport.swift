import Foundation
import TMKitText

/// A self-contained review page for an alignment (inline CSS and a few lines of script, no
/// network): the two texts side by side, bead by bead, with sentences left out or added and
/// pairs of low confidence standing out, a summary on top, and a switch to show only what needs
/// a look. Every text is escaped.
public struct HTMLReport {
    public var sides: AlignmentSides
    /// Pairs below this confidence are marked for review.
    public var lowConfidence: Double

    public init(sides: AlignmentSides, lowConfidence: Double = 0.5) {
        self.sides = sides
        self.lowConfidence = lowConfidence
    }

    /// The page for one or more aligned document pairs.
    /// - Parameter notes: warnings to show at the top (such as a length ratio far from expected).
    public func render(_ documents: [(id: String?, alignment: SentenceAlignment)], notes: [String] = []) -> String {
        var beads = 0
        var omitted = 0
        var added = 0
        var low = 0
        var sourceCount = 0
        var targetCount = 0
        var kinds: [String: Int] = [:]
        for (_, alignment) in documents {
            sourceCount += alignment.source.count
            targetCount += alignment.target.count
            for bead in alignment.beads {
                beads += 1
                kinds[bead.kind, default: 0] += 1
                if bead.target.isEmpty {
                    omitted += 1
                } else if bead.source.isEmpty {
                    added += 1
                } else if bead.confidence < lowConfidence {
                    low += 1
                }
            }
        }
        let title = "Alignment: \(sides.sourceFile) ⇄ \(sides.targetFile)"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
            header { padding: 16px 24px; background: #fff; border-bottom: 1px solid #ddd; position: sticky; top: 0; z-index: 1; }
            h1 { font-size: 18px; margin: 0 0 6px; }
            td { word-break: keep-all; overflow-wrap: anywhere; }
            h2 { font-size: 16px; margin: 24px 24px 8px; }
            .summary { color: #444; }
            .summary b { color: #1d1d1f; }
            .notes { margin: 8px 0 0; padding: 0; list-style: none; color: #8a4b00; }
            .controls { margin-top: 8px; }
            .controls label { margin-right: 16px; cursor: pointer; }
            table { border-collapse: collapse; width: calc(100% - 48px); margin: 0 24px 24px; background: #fff; table-layout: fixed; }
            th, td { border-bottom: 1px solid #eee; padding: 6px 8px; vertical-align: top; text-align: left; }
            th { background: #f3f3f3; font-weight: 600; font-size: 13px; }
            col.meta { width: 7.5em; }
            td.meta { font-size: 12px; color: #555; white-space: nowrap; }
            .loc { display: block; font-size: 11px; color: #888; }
            .sentence + .sentence { border-top: 1px dotted #ddd; margin-top: 3px; padding-top: 3px; }
            .bar { display: block; height: 4px; background: #e5e5e5; margin-top: 4px; }
            .bar i { display: block; height: 4px; background: #3b7d3b; }
            tr.omitted td { background: #fde8e8; }
            tr.added td { background: #fff1dc; }
            tr.low td { background: #fffbd6; }
            tr.omitted .bar i, tr.added .bar i { background: #c0392b; }
            tr.low .bar i { background: #c99a00; }
            .tag { font-weight: 600; }
            tr.omitted .tag { color: #b3261e; }
            tr.added .tag { color: #9a5b00; }
            tr.low .tag { color: #8a6d00; }
            .empty { color: #b3261e; font-style: italic; }
            body.issues-only tr.ok { display: none; }
            .legend span { padding: 1px 6px; margin-right: 8px; border-radius: 3px; }
            </style>
            </head>
            <body>
            <header>
            <h1>\(HTML.escape(title))</h1>
            <div class="summary"><b>\(sourceCount)</b> \(HTML.escape(sides.sourceLanguage.identifier)) and <b>\(targetCount)</b> \(HTML.escape(sides.targetLanguage.identifier)) sentences in <b>\(beads)</b> beads (\(HTML.escape(kinds.sorted { $0.value > $1.value }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")))) — <b>\(omitted)</b> left out of the translation, <b>\(added)</b> added, <b>\(low)</b> pairs below \(Int(lowConfidence * 100)) % confidence.</div>

            """
        if !notes.isEmpty {
            html += "<ul class=\"notes\">" + notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n"
        }
        html += """
            <div class="controls"><label><input type="checkbox" id="issues"> show only what needs review</label>
            <span class="legend"><span style="background:#fde8e8">left out</span><span style="background:#fff1dc">added</span><span style="background:#fffbd6">low confidence</span></span></div>
            </header>

            """
        for (id, alignment) in documents {
            if let id { html += "<h2>\(HTML.escape(id))</h2>\n" }
            html += """
                <table>
                <colgroup><col class="meta"><col><col></colgroup>
                <thead><tr><th>bead</th><th>\(HTML.escape(sides.sourceLanguage.englishName)) — \(HTML.escape(sides.sourceFile))</th><th>\(HTML.escape(sides.targetLanguage.englishName)) — \(HTML.escape(sides.targetFile))</th></tr></thead>
                <tbody>

                """
            for (number, bead) in alignment.beads.enumerated() {
                let kind: String
                let tag: String
                if bead.target.isEmpty {
                    kind = "omitted"
                    tag = "left out"
                } else if bead.source.isEmpty {
                    kind = "added"
                    tag = "added"
                } else if bead.confidence < lowConfidence {
                    kind = "low"
                    tag = "check"
                } else {
                    kind = "ok"
                    tag = ""
                }
                let percent = Int((bead.confidence * 100).rounded())
                html +=
                    "<tr class=\"\(kind)\" id=\"b\(number + 1)\"><td class=\"meta\">\(number + 1). \(bead.kind) <span class=\"tag\">\(tag)</span>"
                html += "<span class=\"bar\" title=\"confidence \(percent) %\"><i style=\"width:\(percent)%\"></i></span>\(percent) %</td>"
                html += "<td>\(Self.cell(bead.source, alignment.source))</td><td>\(Self.cell(bead.target, alignment.target))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += """
            <script>
            document.getElementById('issues').addEventListener('change', function (e) {
              document.body.classList.toggle('issues-only', e.target.checked);
            });
            </script>
            </body>
            </html>

            """
        return html
    }

    static func cell(_ range: Range<Int>, _ units: [AlignmentUnit]) -> String {
        if range.isEmpty { return "<span class=\"empty\">(nothing)</span>" }
        return range.map { index in
            let unit = units[index]
            let place = unit.location.map { "<span class=\"loc\">\(HTML.escape($0.file)):\($0.line)</span>" } ?? ""
            return "<div class=\"sentence\">\(HTML.escape(unit.text))\(place)</div>"
        }.joined()
    }
}
