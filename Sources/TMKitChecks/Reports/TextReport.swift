import TMKitText

/// Findings as compiler-style lines, one a finding, with the two segments beneath:
///
/// ```
/// report.ko.md:14:9: error: [numbers.mismatch] the source says 80,000 but the translation says 8천 (= 8,000): make the numbers agree
///   source report.en.md:14: Estimates range from 80,000 to 120,000 prisoners.
///   target: 추정치는 8천~12만 명이다.
/// ```
///
/// The location is the translation's (what the reviewer edits); a finding about a left-out source
/// sentence points at the source. Editors and CI annotators read `file:line:col: severity:`.
public struct TextReport {
    public var color: Bool
    public var showContext: Bool
    public var showSignatures: Bool

    public init(color: Bool = false, showContext: Bool = true, showSignatures: Bool = false) {
        self.color = color
        self.showContext = showContext
        self.showSignatures = showSignatures
    }

    /// Writes every finding.
    public func write(_ result: CheckResult, input: CheckInput, to sink: OutputSink) throws {
        let positions = SourcePositions()
        for finding in result.findings {
            try sink.write(line(finding, input: input, positions: positions))
        }
    }

    /// The lines of one finding, newline-terminated.
    func line(_ finding: Finding, input: CheckInput, positions: SourcePositions) -> String {
        let place: String
        let target = finding.place(target: true)
        let source = finding.place(target: false)
        if let location = target.location, !finding.target.isEmpty || finding.sourceLocation == nil {
            place = Self.place(location, span: target.span, text: target.text, positions: positions)
        } else if let location = source.location {
            place = Self.place(location, span: source.span, text: source.text, positions: positions)
        } else {
            place = "\(input.targetName):pair \(finding.pairIndex + 1)"
        }
        var out = "\(place): \(label(finding.severity)) \(bold("[\(finding.check)]")) \(finding.message)\n"
        if showContext {
            // The line of the sentence itself (a Markdown block's location is its first line).
            let sourcePlace = source.location.map {
                " \($0.file):\(positions.position(of: nil, in: source.text, at: $0).line)"
            } ?? ""
            if !finding.source.isEmpty { out += "  source\(sourcePlace): \(Self.oneLine(finding.source))\n" }
            if !finding.target.isEmpty { out += "  target: \(Self.oneLine(finding.target))\n" }
        }
        if showSignatures { out += "  signature: \(finding.signature)\n" }
        return out
    }

    static func place(_ location: SourceLocation, span: Range<Int>?, text: String, positions: SourcePositions) -> String {
        let (line, column) = positions.position(of: span, in: text, at: location)
        return column.map { "\(location.file):\(line):\($0)" } ?? "\(location.file):\(line)"
    }

    /// Line breaks and tabs inside a segment shown as spaces, so each context is one line.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
    }

    private func label(_ severity: Severity) -> String {
        guard color else { return severity.rawValue + ":" }
        switch severity {
        case .error: return "\u{1B}[1;31merror:\u{1B}[0m"
        case .warning: return "\u{1B}[1;33mwarning:\u{1B}[0m"
        case .info: return "\u{1B}[1;36minfo:\u{1B}[0m"
        }
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    /// "3 errors, 5 warnings and 1 info in 120 segment pairs (2 ignored)".
    public static func summary(_ result: CheckResult) -> String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 || word == "info" ? "" : "s")" }
        var text = "\(n(result.count(.error), "error")), \(n(result.count(.warning), "warning")) and \(n(result.count(.info), "info")) in \(n(result.pairCount, "segment pair"))"
        if result.ignoredCount > 0 { text += " (\(result.ignoredCount) ignored)" }
        return text
    }
}
