import Dispatch
import TMKitText

/// What a check run found.
public struct CheckResult: Sendable {
    /// Findings in document order (by pair, then by check family), ignored ones removed.
    public var findings: [Finding]
    /// How many findings the ignore list silenced.
    public var ignoredCount: Int
    /// Ignore entries that matched no finding (stale: the text changed or the fault was fixed).
    public var unusedIgnores: [CheckConfiguration.Ignore]
    /// The checks that ran, with their severities.
    public var severities: [String: Severity]
    public var pairCount: Int

    public func count(_ severity: Severity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }

    /// Whether the run should fail a CI gate: any error, or with `strict` any warning.
    public func fails(strict: Bool) -> Bool {
        findings.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }
}

/// Runs the registered checks over a list of pairs with a configuration.
public struct CheckRunner: Sendable {
    public let context: CheckContext
    public let severities: [String: Severity]
    public let ignore: [CheckConfiguration.Ignore]

    public init(context: CheckContext, configuration: CheckConfiguration = CheckConfiguration(), only: [String] = [], skip: [String] = []) {
        self.context = context
        severities = configuration.severities(context: context, only: only, skip: skip)
        ignore = configuration.ignore
    }

    /// Runs every enabled check. Per-pair families run over chunks of the pairs on all cores;
    /// families that compare across the run see all pairs at once.
    /// - Complexity: O(n) in the pairs' total text, plus what the glossary's matcher costs.
    public func run(_ pairs: [SegmentPair]) -> CheckResult {
        var byFamily: [[Finding]] = []
        for family in CheckRegistry.families where family.descriptors.contains(where: { severities[$0.id] != nil }) {
            let check = family.make(context)
            switch check.scope {
            case .run:
                var sink = FindingSink(severities: severities)
                check.run(pairs[...], into: &sink)
                byFamily.append(sink.findings)
            case .pair:
                let severities = severities
                let chunks: [[Finding]] = ParallelMap.map(ParallelMap.chunkRanges(count: pairs.count)) { range in
                    var sink = FindingSink(severities: severities)
                    check.run(pairs[range], into: &sink)
                    return sink.findings
                }
                byFamily.append(chunks.flatMap { $0 })
            }
        }
        // Document order: by pair, then family order (a stable sort keeps each family's order).
        var all = byFamily.flatMap { $0 }
        all = all.enumerated().sorted { a, b in
            a.element.pairIndex != b.element.pairIndex ? a.element.pairIndex < b.element.pairIndex : a.offset < b.offset
        }.map(\.element)
        let ignored = Set(ignore.map(\.signature))
        var used = Set<String>()
        let kept = all.filter { finding in
            if ignored.contains(finding.signature) {
                used.insert(finding.signature)
                return false
            }
            return true
        }
        return CheckResult(findings: kept, ignoredCount: all.count - kept.count,
                           unusedIgnores: ignore.filter { !used.contains($0.signature) }, severities: severities, pairCount: pairs.count)
    }
}
