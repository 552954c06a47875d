import Foundation
import TMKitGlossary
import TMKitText

/// The glossary's `TermMatcher` as the term checks see it (`TermIndex`): particle-, spacing-,
/// North/South- and romanization-aware matching is the matcher's; this adapter tells which
/// matches are renderings in a language, which are romanizations, and how the glossary rates
/// each term.
public final class GlossaryTermIndex: TermIndex {
    public let matcher: TermMatcher
    /// Per concept: its English label and its approved terms by base language (preferred first).
    private let labels: [String: String]
    private let approved: [String: [String: [String]]]
    /// Per section language tag as written (`ko-Latn`): whether it is a romanization. And per base
    /// language: whether it is written in Latin letters. Computed once: ICU answers are costly
    /// per match.
    private let romanizedSections: [String: Bool]
    private let latinLanguages: [String: Bool]
    /// `conceptID` of every concept, by glossary and concept number.
    private let conceptIDs: [[String]]

    public init(matcher: TermMatcher) {
        self.matcher = matcher
        var labels: [String: String] = [:]
        var approved: [String: [String: [String]]] = [:]
        var ids: [[String]] = []
        for (g, glossary) in matcher.glossaries.enumerated() {
            ids.append([])
            ids[g].reserveCapacity(glossary.concepts.count)
            for (c, concept) in glossary.concepts.enumerated() {
                let id = Self.conceptID(ConceptRef(glossary: g, concept: c))
                ids[g].append(id)
                var byLanguage: [String: [(rank: Int, text: String)]] = [:]
                for section in concept.languages {
                    // Romanizations (ko-Latn) are spellings of the Korean term, not renderings.
                    guard let tag = section.tag, !Self.isRomanization(tag) else { continue }
                    for term in section.terms where !(term.status?.discouragesUse ?? false) {
                        let rank = term.status == .preferred ? 0 : 1
                        byLanguage[tag.language, default: []].append((rank, term.text))
                    }
                }
                approved[id] = byLanguage.mapValues { $0.sorted { $0.rank < $1.rank }.map(\.text) }
                labels[id] = approved[id]?["en"]?.first ?? concept.id
            }
        }
        self.labels = labels
        conceptIDs = ids
        self.approved = approved
        var romanized: [String: Bool] = [:]
        var latin: [String: Bool] = ["en": true, "ko": false]
        for glossary in matcher.glossaries {
            for concept in glossary.concepts {
                for section in concept.languages where romanized[section.language] == nil {
                    let tag = section.tag
                    romanized[section.language] = tag.map(Self.isRomanization) ?? false
                    if let tag, latin[tag.language] == nil {
                        latin[tag.language] = (try? LanguageTag(tag.language))?.likelyScript == "Latn"
                    }
                }
            }
        }
        romanizedSections = romanized
        latinLanguages = latin
    }

    /// The matcher over the shipped glossaries (`Glossary/*.tbx`) and any others given.
    /// - Throws: `TMKitError` naming the file when a glossary does not load: a run must not go on
    ///   without the glossary it was asked to use.
    public static func load(data: DataDirectory, shipped: Bool = true, extra paths: [String] = []) throws -> GlossaryTermIndex? {
        var glossaries = shipped ? try ShippedGlossaries.load(from: data).map(\.glossary) : []
        for path in paths {
            glossaries.append(try GlossaryFormat.read(guessingFrom: path).glossary)
        }
        guard !glossaries.isEmpty else { return nil }
        return GlossaryTermIndex(matcher: try TermMatcher(glossaries: glossaries, locales: TermLocales(data: data)))
    }

    /// Scanners not in use. A scanner reuses its buffers and language filters from text to text
    /// but is not thread-safe, and the checks scan on all cores: each call borrows one (making one
    /// when all are out, so there are as many as threads ever scanned at once) and puts it back.
    /// A lock held for a pop or a push costs far less than the thread dictionary lookup this
    /// replaces (which built a key string and went through Foundation on every text).
    private let idleScanners = ScannerPool()

    /// Runs `body` with a scanner no other thread is using.
    private func withScanner<R>(_ body: (TermScanner) -> R) -> R {
        let scanner = idleScanners.take() ?? TermScanner(matcher: matcher)
        defer { idleScanners.put(scanner) }
        return body(scanner)
    }

    static func conceptID(_ ref: ConceptRef) -> String { "\(ref.glossary):\(ref.concept)" }

    /// `conceptID(ref)` from the table made at init (building the string per match cost an
    /// allocation and integer formatting).
    @inline(__always)
    private func id(of ref: ConceptRef) -> String { conceptIDs[ref.glossary][ref.concept] }

    /// Two or more letters, all capitals (MPS, UNHCR).
    static func isAcronym(_ text: String) -> Bool {
        // ASCII (nearly every term) by bytes: the scalar properties are costly per match.
        var ascii = true
        var asciiLetters = 0
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x61 && byte <= 0x7A { return false }
            if byte >= 0x41 && byte <= 0x5A { asciiLetters += 1 }
        }
        if ascii { return asciiLetters >= 2 }
        var letters = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            guard scalar.properties.isUppercase else { return false }
            letters += 1
        }
        return letters >= 2
    }

    /// A language section in Latin letters for a language that is not written in them (ko-Latn).
    static func isRomanization(_ tag: LanguageTag) -> Bool {
        guard tag.script == "Latn" else { return false }
        return (try? LanguageTag(tag.language))?.likelyScript != "Latn"
    }

    public func occurrences(in text: String, language: LanguageTag) -> [TermOccurrence] {
        let latinText = latinLanguages[language.language] ?? (language.likelyScript == "Latn")
        return withScanner { $0.matches(in: text, language: language) }.compactMap { match in
            let term = matcher.term(match.term)
            let romanized = match.kind.contains(.romanization) || romanizedSections[match.language] == true
            // In text of a non-Latin language a romanization is no rendering (it is a leftover,
            // which the untranslated check finds by asking for the source language).
            if romanized && !latinText { return nil }
            let use: TermUse
            switch term.status {
            case .some(.forbidden), .some(.superseded): use = .forbidden
            case .some(.deprecated): use = .deprecated
            default: use = .approved
            }
            let range = match.termByteRange
            let surface = text.utf8Slice(range)
            // An acronym matches only as written: MPS (a ministry) is not MPs (members of parliament).
            if Self.isAcronym(term.text), !surface.hasPrefix(term.text) { return nil }
            return TermOccurrence(conceptID: id(of: match.concept), term: term.text, surface: surface,
                                  byteRange: range, use: use, isRomanization: romanized)
        }
    }

    public func approvedTerms(of conceptID: String, in language: LanguageTag) -> [String] {
        approved[conceptID]?[language.language] ?? []
    }

    public func label(of conceptID: String) -> String {
        labels[conceptID].map { "'\($0)'" } ?? conceptID
    }
}

/// The idle scanners of a `GlossaryTermIndex`, behind a lock.
private final class ScannerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var scanners: [TermScanner] = []

    func take() -> TermScanner? {
        lock.lock()
        defer { lock.unlock() }
        return scanners.popLast()
    }

    func put(_ scanner: TermScanner) {
        lock.lock()
        defer { lock.unlock() }
        scanners.append(scanner)
    }
}
