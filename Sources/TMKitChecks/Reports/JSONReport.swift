import TMKitText

/// Findings as one JSON document for CI and other tools.
///
/// ```json
/// { "schemaVersion": 1, "tool": "tmkit check",
///   "source": { "name": "report.en.md", "language": "en" }, "target": { ... },
///   "summary": { "pairs": 52, "errors": 3, "warnings": 2, "infos": 0, "ignored": 1, "checks": [...] },
///   "findings": [ { "check": "numbers.mismatch", "severity": "error", "message": "...",
///                   "source": "...", "target": "...", "sourceLocation": { "file", "line", "column",
///                   "start", "end" } | null, "targetLocation": ..., "sourceSpan": { "start", "end" } | null,
///                   "targetSpan": ..., "item": "...", "pair": 13, "unit": null, "signature": "3fa2c4b19d0e7a11" } ] }
/// ```
///
/// Locations are the segment's (line of its first character, UTF-8 byte range in the file), with
/// the line and column of the finding's span where it can be told; spans are UTF-8 byte offsets
/// into the segment texts `source` / `target`. Version 1; fields are only ever added.
public enum JSONReport {
    public static let schemaVersion = 1

    public static func write(_ result: CheckResult, input: CheckInput, pairs: [SegmentPair], to sink: OutputSink) throws {
        let positions = SourcePositions()
        func side(_ name: String, _ language: LanguageTag) -> String {
            JSON.object(["name": JSON.quote(name), "language": JSON.quote(language.identifier)])
        }
        let checks = result.severities.keys.sorted().map { JSON.object(["id": JSON.quote($0), "severity": JSON.quote(result.severities[$0]!.rawValue)]) }
        try sink.write("{\"schemaVersion\":\(schemaVersion),\"tool\":\"tmkit check\",")
        try sink.write("\"source\":\(side(input.sourceName, input.sourceLanguage)),\"target\":\(side(input.targetName, input.targetLanguage)),")
        try sink.write("\"summary\":" + JSON.object([
            "pairs": String(result.pairCount), "errors": String(result.count(.error)), "warnings": String(result.count(.warning)),
            "infos": String(result.count(.info)), "ignored": String(result.ignoredCount),
            "checks": "[" + checks.joined(separator: ",") + "]",
        ]) + ",\n\"findings\":[")
        for (i, finding) in result.findings.enumerated() {
            try sink.write((i == 0 ? "\n" : ",\n") + object(finding, unit: pairs.indices.contains(finding.pairIndex) ? pairs[finding.pairIndex].unitID : nil,
                                                           positions: positions))
        }
        try sink.write("\n]}\n")
    }

    static func object(_ f: Finding, unit: String?, positions: SourcePositions) -> String {
        func location(_ location: SourceLocation?, span: Range<Int>?, text: String) -> String {
            guard let location else { return "null" }
            let (line, column) = positions.position(of: span, in: text, at: location)
            return JSON.object([
                "file": JSON.quote(location.file), "line": String(line), "column": column.map(String.init) ?? "null",
                "start": String(location.byteRange.lowerBound), "end": String(location.byteRange.upperBound),
            ])
        }
        func span(_ range: Range<Int>?) -> String {
            range.map { JSON.object(["start": String($0.lowerBound), "end": String($0.upperBound)]) } ?? "null"
        }
        return JSON.object([
            "check": JSON.quote(f.check), "severity": JSON.quote(f.severity.rawValue), "message": JSON.quote(f.message),
            "source": JSON.quote(f.source), "target": JSON.quote(f.target),
            "sourceLocation": { let p = f.place(target: false); return location(p.location, span: p.span, text: p.text) }(),
            "targetLocation": { let p = f.place(target: true); return location(p.location, span: p.span, text: p.text) }(),
            "sourceSpan": span(f.sourceSpan), "targetSpan": span(f.targetSpan),
            "item": JSON.quote(f.item), "pair": String(f.pairIndex), "unit": unit.map(JSON.quote) ?? "null",
            "signature": JSON.quote(f.signature),
        ])
    }
}
