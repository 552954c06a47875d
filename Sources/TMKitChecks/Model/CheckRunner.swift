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
        let severities = severities
        let checks = CheckRegistry.families.filter { family in family.descriptors.contains { severities[$0.id] != nil } }
            .map { $0.make(context) }
        var byFamily = [[Finding]](repeating: [], count: checks.count)
        // One parallel pass over chunks of the pairs: the per-pair families, and the per-pair part
        // of the families that compare across the run (`prepare`: term matching, consistency
        // keys). One wait for the slowest chunk instead of one per family.
        let perPair = checks.indices.filter { checks[$0].scope == .pair }
        let perRun = checks.indices.filter { checks[$0].scope == .run }
        let chunks: [(findings: [[Finding]], prepared: [any Sendable])] = ParallelMap.mapChunks(count: pairs.count) { range in
            var prepared: [any Sendable] = []
            var findings: [[Finding]] = perPair.map { family in
                var sink = FindingSink(severities: severities)
                checks[family].run(pairs[range], into: &sink)
                return sink.findings
            }
            for family in perRun {
                var sink = FindingSink(severities: severities)
                prepared.append(checks[family].prepare(pairs[range], into: &sink))
                findings.append(sink.findings)
            }
            return (findings, prepared)
        }
        for (k, family) in perPair.enumerated() {
            byFamily[family] = chunks.flatMap { $0.findings[k] }
        }
        // The judgements across the run, side by side (each is one thread's work).
        let judged: [[Finding]] = ParallelMap.mapEach(count: perRun.count) { k in
            let family = perRun[k]
            var sink = FindingSink(severities: severities)
            sink.append(chunks.flatMap { $0.findings[perPair.count + k] })
            checks[family].judge(pairs[...], prepared: chunks.map { $0.prepared[k] }, into: &sink)
            return sink.findings
        }
        for (k, family) in perRun.enumerated() {
            byFamily[family] = judged[k]
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
