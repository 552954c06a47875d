import TMKitText

/// Checks terms against the glossary: a source term without an approved rendering in the
/// translation, deprecated or forbidden terms in the translation, one concept rendered in
/// different ways across the run (관리소 here, 정치범수용소 there), and one concept spelled in
/// different romanizations in the source (kwanliso and kwan-li-so).
///
/// Matching (particles, spacing, North/South spellings, romanizations) is the glossary's
/// `TermIndex`; this family only judges what it finds.
public struct TermChecks: Check {
    public static let descriptors = [
        CheckDescriptor("terms.missing", .error, "a glossary term in the source without an approved rendering in the translation",
                        needsGlossary: true),
        CheckDescriptor("terms.forbidden", .error, "a forbidden term in the translation", needsGlossary: true),
        CheckDescriptor("terms.deprecated", .warning, "a deprecated term in the translation", needsGlossary: true),
        CheckDescriptor("terms.inconsistent", .warning, "one source term rendered in different ways across the run",
                        needsGlossary: true),
        CheckDescriptor("terms.romanization", .warning, "one term spelled in different romanizations in the source",
                        needsGlossary: true),
    ]

    public var scope: CheckScope { .run }
    let context: CheckContext

    public init(context: CheckContext) {
        self.context = context
    }

    /// The terms found in one pair.
    struct PairTerms: Sendable {
        var source: [TermOccurrence]
        var target: [TermOccurrence]
    }

    public func run(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) {
        runInPhases(pairs, into: &sink)
    }

    /// Matches the terms of each pair (the expensive part, independent per pair) and reports what
    /// one pair shows alone (missing, forbidden, deprecated terms). Returns the terms found, one
    /// entry per pair of the chunk (empty for pairs that are not 1:1 pairs).
    public func prepare(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) -> any Sendable {
        guard let terms = context.terms else { return [PairTerms]() }
        let source = context.sourceLanguage
        let target = context.targetLanguage
        var found: [PairTerms] = []
        found.reserveCapacity(pairs.count)
        for pair in pairs {
            guard pair.link == .pair else {
                found.append(PairTerms(source: [], target: []))
                continue
            }
            let here = PairTerms(source: pair.source.isEmpty ? [] : terms.occurrences(in: pair.source, language: source),
                                 target: pair.target.isEmpty ? [] : terms.occurrences(in: pair.target, language: target))
            checkPair(pair, here, terms, &sink)
            found.append(here)
        }
        return found
    }

    /// Compares the renderings and romanizations of each concept across the run.
    public func judge(_ pairs: ArraySlice<SegmentPair>, prepared: [any Sendable], into sink: inout FindingSink) {
        guard let terms = context.terms else { return }
        let pairs = Array(pairs)
        // `prepare` returns [PairTerms] for every chunk: anything else is a bug in this file.
        let found = prepared.flatMap { $0 as! [PairTerms] }
        // Per concept: the renderings used in the target and the romanizations in the source, with
        // the pairs that use them, in order.
        var renderings: [String: [(term: String, pair: Int, occurrence: TermOccurrence)]] = [:]
        var romanizations: [String: [(spelling: String, pair: Int, occurrence: TermOccurrence)]] = [:]
        for (i, pair) in pairs.enumerated() where pair.link == .pair {
            let here = found[i]
            for occurrence in here.target where occurrence.use == .approved {
                renderings[occurrence.conceptID, default: []].append((occurrence.term, i, occurrence))
            }
            for occurrence in here.source where occurrence.isRomanization {
                romanizations[occurrence.conceptID, default: []].append((Self.spelling(occurrence.surface), i, occurrence))
            }
        }
        if sink.isEnabled("terms.inconsistent") {
            for concept in renderings.keys.sorted() {
                let uses = renderings[concept]!
                // A short form inside a longer one (북한인권조사위원회 in 유엔 북한인권조사위원회) is
                // the same rendering, not another one.
                let spellings = Set(uses.map(\.term))
                func family(_ term: String) -> String {
                    spellings.filter { $0 != term && term.contains($0) }.min { $0.count < $1.count } ?? term
                }
                // Once per spelling, not per use (a concept is used in many pairs).
                var families: [String: String] = [:]
                for spelling in spellings { families[spelling] = family(spelling) }
                reportMinority(uses.map { (families[$0.term] ?? family($0.term), $0.pair, $0.occurrence) }) { use, majority, majorityFirst in
                    let pair = pairs[use.pair]
                    sink.report("terms.inconsistent", pair,
                                "'\(use.occurrence.surface)' renders \(terms.label(of: concept)) here, but '\(majority)' elsewhere (\(ConsistencyChecks.place(pairs[majorityFirst]))): use one rendering",
                                item: concept + "=" + use.key, targetSpan: use.occurrence.byteRange)
                }
            }
        }
        if sink.isEnabled("terms.romanization") {
            for concept in romanizations.keys.sorted() {
                let uses = romanizations[concept]!
                reportMinority(uses.map { ($0.spelling, $0.pair, $0.occurrence) }) { use, majority, majorityFirst in
                    let pair = pairs[use.pair]
                    sink.report("terms.romanization", pair,
                                "'\(use.occurrence.surface)' spells \(terms.label(of: concept)) differently from '\(majority)' (\(ConsistencyChecks.place(pairs[majorityFirst]))): use one romanization",
                                item: concept + "=" + use.key, sourceSpan: use.occurrence.byteRange)
                }
            }
        }
    }

    private func checkPair(_ pair: SegmentPair, _ here: PairTerms, _ terms: any TermIndex, _ sink: inout FindingSink) {
        var discouraged = Set<String>()
        for occurrence in here.target where occurrence.use != .approved {
            discouraged.insert(occurrence.conceptID)
            let better = terms.approvedTerms(of: occurrence.conceptID, in: context.targetLanguage).first
            let advice = better.map { "write \($0)" } ?? "replace it"
            if occurrence.use == .forbidden {
                sink.report("terms.forbidden", pair, "'\(occurrence.surface)' is a forbidden term for \(terms.label(of: occurrence.conceptID)): \(advice)",
                            item: occurrence.conceptID + "=" + occurrence.term, targetSpan: occurrence.byteRange)
            } else {
                sink.report("terms.deprecated", pair, "'\(occurrence.surface)' is deprecated for \(terms.label(of: occurrence.conceptID)): \(advice)",
                            item: occurrence.conceptID + "=" + occurrence.term, targetSpan: occurrence.byteRange)
            }
        }
        guard sink.isEnabled("terms.missing") else { return }
        let rendered = Set(here.target.filter { $0.use == .approved }.map(\.conceptID))
        var seen = Set<String>()
        for occurrence in here.source where seen.insert(occurrence.conceptID).inserted {
            let concept = occurrence.conceptID
            if rendered.contains(concept) || discouraged.contains(concept) { continue }
            let approved = terms.approvedTerms(of: concept, in: context.targetLanguage)
            guard !approved.isEmpty else { continue }
            let options = approved.prefix(3).joined(separator: " or ")
            sink.report("terms.missing", pair, "'\(occurrence.surface)' is not rendered as the glossary says: use \(options)",
                        item: concept, sourceSpan: occurrence.byteRange)
        }
    }

    /// For uses of one concept, calls `report` for each use whose form is not the most frequent one
    /// (ties: the first used wins), with the majority form and where it was first used.
    private func reportMinority(_ uses: [(String, Int, TermOccurrence)],
                                _ report: ((key: String, pair: Int, occurrence: TermOccurrence), String, Int) -> Void) {
        var counts: [String: (count: Int, first: Int)] = [:]
        for (key, pair, _) in uses {
            counts[key, default: (0, pair)].count += 1
        }
        guard counts.count > 1 else { return }
        let majority = counts.max { a, b in a.value.count < b.value.count || (a.value.count == b.value.count && a.value.first > b.value.first) }!
        var reportedPairs = Set<String>()
        for (key, pair, occurrence) in uses where key != majority.key {
            guard reportedPairs.insert("\(pair)\u{1F}\(key)").inserted else { continue }
            report((key, pair, occurrence), pairsSurface(majority.key, uses), majority.value.first)
        }
    }

    /// The surface of the first use with this key, for messages.
    private func pairsSurface(_ key: String, _ uses: [(String, Int, TermOccurrence)]) -> String {
        uses.first { $0.0 == key }?.2.surface ?? key
    }

    /// A romanization's spelling for comparison: lower case, with the hyphens and apostrophes that
    /// are the difference kept (kwan-li-so ≠ kwanliso), NFC.
    static func spelling(_ surface: String) -> String { surface.nfc.lowercased() }
}
