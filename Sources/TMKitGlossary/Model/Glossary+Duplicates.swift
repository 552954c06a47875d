extension Glossary {
    /// Where an entry of a glossary was read from, for warnings: the line of a concept or a term.
    public typealias LineLookup = (_ concept: Int, _ section: Int?, _ term: Int?) -> Int?

    /// Merges a term written twice in one concept and language into one, and reports each merge.
    ///
    /// Two `langSec`s of one language in a concept become one. A merged term keeps the first
    /// one's status, type and part of speech (a conflicting second value is named in the warning)
    /// and gains the second one's contexts, notes and sources.
    /// - Complexity: O(t) in the number of terms.
    public mutating func mergeDuplicateTerms(file: String? = nil, line: LineLookup = { _, _, _ in nil }) -> [GlossaryWarning] {
        var warnings: [GlossaryWarning] = []
        for c in concepts.indices {
            var concept = concepts[c]
            // Sections of the same language become one.
            var merged: [LanguageSection] = []
            var sectionIndex: [String: Int] = [:]
            for (s, section) in concept.languages.enumerated() {
                if let existing = sectionIndex[section.language] {
                    warnings.append(
                        GlossaryWarning(
                            "concept '\(concept.id)' has two sections for language \(section.language); merged them",
                            file: file, line: line(c, s, nil)))
                    merged[existing].terms += section.terms
                    merged[existing].definitions += section.definitions.filter { !merged[existing].definitions.contains($0) }
                    merged[existing].notes += section.notes.filter { !merged[existing].notes.contains($0) }
                    merged[existing].sources += section.sources.filter { !merged[existing].sources.contains($0) }
                    merged[existing].extras += section.extras
                } else {
                    sectionIndex[section.language] = merged.count
                    merged.append(section)
                }
            }
            for s in merged.indices {
                var seen: [String: Int] = [:]
                var terms: [Term] = []
                for (t, term) in merged[s].terms.enumerated() {
                    let key = (term.usage ?? "") + "\u{1}" + term.text
                    guard let first = seen[key] else {
                        seen[key] = terms.count
                        terms.append(term)
                        continue
                    }
                    var conflicts: [String] = []
                    terms[first].absorb(term, conflicts: &conflicts)
                    var message = "term '\(term.text)' (\(merged[s].language)) appears twice in concept '\(concept.id)'; merged"
                    if !conflicts.isEmpty { message += " (kept the first \(conflicts.joined(separator: ", ")))" }
                    warnings.append(GlossaryWarning(message, file: file, line: line(c, s, t)))
                }
                merged[s].terms = terms
            }
            concept.languages = merged
            concepts[c] = concept
        }
        return warnings
    }

    /// Terms that name more than one concept (the same spelling in the same language), one
    /// warning each. Homonyms are legitimate, but a reviewer should know that a match is ambiguous.
    /// - Complexity: O(t) in the number of terms.
    public func termsInSeveralConcepts(file: String? = nil, line: LineLookup = { _, _, _ in nil }) -> [GlossaryWarning] {
        var owners: [String: [Int]] = [:]
        var order: [String] = []
        for (c, concept) in concepts.enumerated() {
            for section in concept.languages {
                for term in section.terms {
                    let key = section.language + "\u{1}" + term.text
                    if owners[key] == nil { order.append(key) }
                    if owners[key]?.last != c { owners[key, default: []].append(c) }
                }
            }
        }
        return order.compactMap { key in
            guard let list = owners[key], list.count > 1 else { return nil }
            let parts = key.split(separator: "\u{1}", maxSplits: 1).map(String.init)
            let ids = list.map { "'\(concepts[$0].id)'" }.joined(separator: ", ")
            return GlossaryWarning(
                "term '\(parts[1])' (\(parts[0])) names several concepts: \(ids)", file: file,
                line: line(list[1], nil, nil))
        }
    }
}

extension Term {
    /// Takes over what `other` adds; names the fields where both had different values.
    mutating func absorb(_ other: Term, conflicts: inout [String]) {
        func take<T: Equatable>(_ mine: inout T?, _ theirs: T?, _ name: String) {
            if mine == nil { mine = theirs } else if let theirs, theirs != mine { conflicts.append(name) }
        }
        take(&status, other.status, "status")
        take(&type, other.type, "type")
        take(&partOfSpeech, other.partOfSpeech, "part of speech")
        take(&id, other.id, "id")
        contexts += other.contexts.filter { !contexts.contains($0) }
        notes += other.notes.filter { !notes.contains($0) }
        sources += other.sources.filter { !sources.contains($0) }
        extras += other.extras.filter { !extras.contains($0) }
    }
}
