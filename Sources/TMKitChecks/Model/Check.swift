import TMKitText

/// What the registry knows about one check: its stable id, default severity and what it needs.
public struct CheckDescriptor: Sendable, Hashable {
    /// Stable id, `family.name` (`numbers.mismatch`): used in reports, configuration and signatures.
    public var id: String
    public var defaultSeverity: Severity
    /// What the check finds, for `tmkit check --list-checks`.
    public var summary: String
    /// Language features the target language must have for the check to make sense (`case`:
    /// capitals; Korean has none). Read from `Locales/<lang>/checks.json`.
    public var requiresTargetFeatures: Set<String>
    /// Whether the check needs a glossary (term checks).
    public var needsGlossary: Bool

    public init(_ id: String, _ defaultSeverity: Severity, _ summary: String, requiresTargetFeatures: Set<String> = [],
                needsGlossary: Bool = false) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.requiresTargetFeatures = requiresTargetFeatures
        self.needsGlossary = needsGlossary
    }

    /// The family, the part of the id before the dot (`numbers`).
    public var family: String { String(id.prefix { $0 != "." }) }
}

/// Whether a check looks at one pair at a time (and may run on many pairs in parallel) or needs
/// the whole run (consistency across a document).
public enum CheckScope: Sendable {
    case pair, run
}

/// A family of checks (untranslated, numbers, ...). Created once per run with the run's context,
/// then asked to look at the pairs.
public protocol Check: Sendable {
    /// The checks this family reports.
    static var descriptors: [CheckDescriptor] { get }
    var scope: CheckScope { get }
    /// Looks at `pairs` and reports to `sink`. For `.pair` scope the slice is a chunk of the run,
    /// for `.run` scope it is all of it. A check skips work for ids `sink` says are off.
    func run(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink)
    /// For `.run` scope: the per-pair part of the work on one chunk of the run, which the runner
    /// does in its parallel pass with the per-pair families. Findings that need only their pair
    /// go to `sink`; what the judgement needs is returned, and `judge` gets it for every chunk in
    /// order. The default does nothing (all the work is in `judge`).
    func prepare(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) -> any Sendable
    /// For `.run` scope: the judgement across the run, given what `prepare` returned for each
    /// chunk, in chunk order. The runner runs the run-scope families' judgements side by side.
    /// The default is `run`.
    func judge(_ pairs: ArraySlice<SegmentPair>, prepared: [any Sendable], into sink: inout FindingSink)
}

extension Check {
    public func prepare(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) -> any Sendable { () }

    public func judge(_ pairs: ArraySlice<SegmentPair>, prepared: [any Sendable], into sink: inout FindingSink) {
        run(pairs, into: &sink)
    }

    /// `prepare` over chunks of `pairs` on all cores, then `judge`: `run` for a family that
    /// splits its work in two.
    func runInPhases(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) {
        let severities = sink.severities
        let base = pairs.startIndex
        let chunks: [(findings: [Finding], prepared: any Sendable)] = ParallelMap.mapChunks(count: pairs.count) { range in
            var chunkSink = FindingSink(severities: severities)
            let prepared = prepare(pairs[(base + range.lowerBound)..<(base + range.upperBound)], into: &chunkSink)
            return (chunkSink.findings, prepared)
        }
        for chunk in chunks { sink.append(chunk.findings) }
        judge(pairs, prepared: chunks.map(\.prepared), into: &sink)
    }
}

/// Everything a check may consult: the languages, their data, the number extractors and the
/// glossary.
public struct CheckContext: Sendable {
    public var sourceLanguage: LanguageTag
    public var targetLanguage: LanguageTag
    public var sourceSettings: LanguageCheckSettings
    public var targetSettings: LanguageCheckSettings
    public var sourceNumbers: NumberExtractor
    public var targetNumbers: NumberExtractor
    /// The glossary as the checks see it, or nil when none is loaded (term checks then stay off).
    public var terms: (any TermIndex)?

    public init(sourceLanguage: LanguageTag, targetLanguage: LanguageTag, sourceSettings: LanguageCheckSettings,
                targetSettings: LanguageCheckSettings, sourceNumbers: NumberExtractor, targetNumbers: NumberExtractor,
                terms: (any TermIndex)? = nil) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.sourceSettings = sourceSettings
        self.targetSettings = targetSettings
        self.sourceNumbers = sourceNumbers
        self.targetNumbers = targetNumbers
        self.terms = terms
    }

    /// The context for two languages with the shipped data (or built-in defaults without it).
    /// - Throws: `TMKitError` when a data file exists but is malformed.
    public static func load(source: LanguageTag, target: LanguageTag, data: DataDirectory?,
                            terms: (any TermIndex)? = nil) throws -> CheckContext {
        CheckContext(sourceLanguage: source, targetLanguage: target,
                     sourceSettings: try LanguageCheckSettings.load(for: source, data: data),
                     targetSettings: try LanguageCheckSettings.load(for: target, data: data),
                     sourceNumbers: try NumberExtractor(language: source, data: data),
                     targetNumbers: try NumberExtractor(language: target, data: data), terms: terms)
    }
}

/// Collects the findings of one check family for one chunk of pairs, with the run's choices of
/// which checks are on and how severe they are.
public struct FindingSink {
    let severities: [String: Severity]
    public private(set) var findings: [Finding] = []

    init(severities: [String: Severity]) {
        self.severities = severities
    }

    /// Whether check `id` is on in this run.
    @inline(__always)
    public func isEnabled(_ id: String) -> Bool { severities[id] != nil }

    /// Adds findings another sink of the same run collected.
    mutating func append(_ more: [Finding]) { findings.append(contentsOf: more) }

    /// Reports a finding of check `id` on `pair` (ignored when the check is off).
    public mutating func report(_ id: String, _ pair: SegmentPair, _ message: String, item: String = "",
                                sourceSpan: Range<Int>? = nil, targetSpan: Range<Int>? = nil) {
        guard let severity = severities[id] else { return }
        findings.append(Finding(check: id, severity: severity, message: message, pair: pair, item: item,
                                sourceSpan: sourceSpan, targetSpan: targetSpan))
    }
}
