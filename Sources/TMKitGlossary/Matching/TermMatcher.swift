import TMKitText

/// Finds glossary terms in text however they are spelled, and concepts from any spelling.
///
/// Built once from glossaries and the per-language data in `Locales/`; then read-only and safe to
/// share between threads. Every term is indexed under a folded key (case, accents, hyphens,
/// spaces and apostrophes removed), together with the spellings TMKit makes from it: the other
/// North/South spelling of Korean terms (로동 / 노동) and their romanizations (관리소 →
/// kwalliso, gwalliso, kwan-li-so, kwan-ri-so, gwanliso…). Scanning walks a byte trie over the
/// folded words of the text once, from every word start, so the cost grows with the text, not with
/// the number of terms; endings after a term (English plurals, Korean particles) are taken off as
/// the language's data allows.
///
/// ```swift
/// let matcher = try TermMatcher(glossary: glossary, locales: TermLocales(data: data))
/// for match in matcher.matches(in: "그는 관리소에서 태어났다.", language: .korean) { … }
/// let concepts = matcher.lookup("Kwan-Li-So")
/// ```
public final class TermMatcher: Sendable {
    public let glossaries: [Glossary]

    /// Where an indexed spelling comes from.
    enum Origin: UInt8, Sendable {
        case term = 0, initialSound = 1, romanization = 2
    }

    /// 16 bytes: the scan reads one for every term that ends where a walk is, so they should
    /// lie close together.
    struct HotEntry: Sendable {
        var profile: Int32
        var language: Int32
        var keyCharacters: Int32
        var origin: Origin
        var isRomanization: Bool
        var takesSuffix: Bool
    }

    struct Entry: Sendable {
        var term: TermRef
        /// The spelling indexed (the term, or a variant made from it).
        var spelling: String
        var origin: Origin
        /// Index into `profiles`: whose suffix rules apply after it.
        var profile: Int
        /// The term's base language (`ko` for `ko-KP`), for filtering by the text's language.
        var baseLanguage: String
        /// The term's full language tag (`ko-KP`).
        var language: String
        /// Written in Latin letters for another script's language (usable in Latin-script text).
        var isRomanization: Bool
        /// Whether an ending may follow it (not for verbs and adjectives).
        var takesSuffix: Bool
        /// The folded key and its length in characters.
        var key: [UInt8]
        var keyCharacters: Int
    }

    /// Suffix rules of one profile, ready for scanning.
    struct SuffixTable: Sendable {
        var profile: LanguageProfile
        var maxSuffixes: Int
        var minStem: Int32
        /// Endings, reversed, in a trie: walking a word from its end finds them.
        var reversed: KeyTrie
        /// Per ending entry: its replacement bytes (ies → y).
        var replacements: [[UInt8]]
        var hasReplacements: Bool
        /// The first key bytes of the endings that have a replacement.
        var replacingFirstBytes: [UInt8] = []
    }

    let entries: [Entry]
    /// The fields of `entries` a scan reads for every candidate, as plain values (no reference
    /// counting in the hot loop).
    let hot: [HotEntry]
    /// The entries' concepts, as plain values (choosing among overlapping matches reads them).
    let concepts: [ConceptRef]
    /// The entries' base languages, numbered (`HotEntry.language`).
    let languageNumbers: [String: Int32]
    /// Entries that may start at a word start.
    let wordTrie: FrozenTrie
    /// Entries that may also end a longer word (Korean compounds).
    let compoundTrie: FrozenTrie
    /// Byte lengths (bit n for length n) of endings that replace the term's own ending (ies for
    /// y): a walk checks those places even where no term ends.
    let replacementLengths: UInt64
    /// The bytes endings with a replacement start with: where the key holds another byte, no such
    /// ending starts.
    let replacementFirstBytes: ByteSet
    /// Per language number: bit n set when some entry of that language uses suffix table n (n <
    /// 32; tables beyond are always tried), so a scan skips tables no usable term needs.
    let languageTables: [UInt32]
    /// The same for romanizations (usable in any Latin-script text).
    let romanizationTables: UInt32
    /// The suffix tables' fields the scan reads, as plain values and fixed memory.
    let suffixInfo: [SuffixInfo]
    let reversedSuffixes: [FrozenTrie]

    struct SuffixInfo: Sendable {
        var maxSuffixes: Int
        var minStem: Int32
        var kind: MatchKind
        var hasReplacements: Bool
    }
    let suffixTables: [SuffixTable]
    let locales: TermLocales

    /// Builds the index.
    /// - Throws: `TMKitError` when a per-language data file or romanization rule does not parse.
    /// - Complexity: O(t × v) for t terms with v generated spellings each.
    public init(glossaries: [Glossary], locales: TermLocales) throws {
        self.glossaries = glossaries
        self.locales = locales
        // Room for each term and a few generated spellings.
        let terms = glossaries.reduce(0) { $0 + $1.concepts.reduce(0) { $0 + $1.languages.reduce(0) { $0 + $1.terms.count } } }
        var builder = Builder(locales: locales, capacity: terms * 3)
        for (g, glossary) in glossaries.enumerated() {
            for (c, concept) in glossary.concepts.enumerated() {
                for (s, section) in concept.languages.enumerated() {
                    for (t, term) in section.terms.enumerated() {
                        try builder.add(
                            term, section: section, ref: TermRef(concept: ConceptRef(glossary: g, concept: c), section: s, term: t))
                    }
                }
            }
        }
        let built = builder.finish()
        entries = built.entries
        var numbers: [String: Int32] = [:]
        var last: (String, Int32)?
        hot = built.entries.map { entry in
            // Entries come in runs of one language: the last number before the dictionary.
            let language: Int32
            if let last, last.0 == entry.baseLanguage {
                language = last.1
            } else {
                language = numbers[entry.baseLanguage] ?? Int32(numbers.count)
                numbers[entry.baseLanguage] = language
                last = (entry.baseLanguage, language)
            }
            return HotEntry(
                profile: Int32(entry.profile), language: language, keyCharacters: Int32(entry.keyCharacters),
                origin: entry.origin, isRomanization: entry.isRomanization, takesSuffix: entry.takesSuffix)
        }
        languageNumbers = numbers
        concepts = built.entries.map(\.term.concept)
        let entryBits = hot.map { Self.tableBit(Int($0.profile)) }
        var languageTables = [UInt32](repeating: 0, count: numbers.count)
        var romanizationTables: UInt32 = 0
        for (entry, bit) in zip(hot, entryBits) {
            languageTables[Int(entry.language)] |= bit
            if entry.isRomanization { romanizationTables |= bit }
        }
        self.languageTables = languageTables
        self.romanizationTables = romanizationTables
        wordTrie = built.wordTrie.frozen(entryBits: entryBits)
        compoundTrie = built.compoundTrie.frozen(entryBits: entryBits)
        suffixTables = built.suffixTables
        var firstBytes = ByteSet()
        for table in built.suffixTables where table.maxSuffixes > 0 {
            for byte in table.replacingFirstBytes { firstBytes.insert(byte) }
        }
        replacementFirstBytes = firstBytes
        var lengths: UInt64 = 0
        for table in built.suffixTables where table.maxSuffixes > 0 {
            for (i, suffix) in table.profile.suffixes.enumerated() where !table.replacements[i].isEmpty && suffix.text.utf8.count < 64 {
                lengths |= 1 << UInt64(suffix.text.utf8.count)
            }
        }
        replacementLengths = lengths
        suffixInfo = built.suffixTables.map {
            SuffixInfo(maxSuffixes: $0.maxSuffixes, minStem: $0.minStem, kind: $0.profile.suffixKind, hasReplacements: $0.hasReplacements)
        }
        reversedSuffixes = built.suffixTables.map { $0.reversed.frozen() }
    }

    /// Suffix table n's bit in `languageTables` and the tries' entry bits; 0 for n ≥ 32.
    @inline(__always)
    static func tableBit(_ table: Int) -> UInt32 {
        table < 32 ? 1 << UInt32(table) : 0
    }

    public convenience init(glossary: Glossary, locales: TermLocales) throws {
        try self.init(glossaries: [glossary], locales: locales)
    }

    public func concept(_ ref: ConceptRef) -> Concept {
        glossaries[ref.glossary].concepts[ref.concept]
    }

    public func term(_ ref: TermRef) -> Term {
        glossaries[ref.concept.glossary].concepts[ref.concept.concept].languages[ref.section].terms[ref.term]
    }

    public func section(_ ref: TermRef) -> LanguageSection {
        glossaries[ref.concept.glossary].concepts[ref.concept.concept].languages[ref.section]
    }

    /// How many spellings the index holds (terms and generated variants).
    public var indexedSpellings: Int { entries.count }

    /// The spellings generated for a term (romanizations and initial-sound variants), grouped by
    /// what made them, in the order they were made: what `lookup` output shows as "also found as".
    public func generatedSpellings(of ref: TermRef) -> [(origin: String, spelling: String)] {
        entries.filter { $0.term == ref && $0.origin != .term }.map { entry in
            (entry.origin == .romanization ? "romanization" : "initial-sound", entry.spelling)
        }
    }

    /// Terms in `text`, leftmost-longest: where terms overlap, the one that starts first wins, then
    /// the longer one (정치범수용소 over 수용소). All concepts that share the winning spelling are
    /// reported.
    /// - Parameter language: keeps terms usable in that language: its own terms in any region or
    ///   script, plus romanizations when the language is written in Latin letters. nil: all terms.
    /// - Complexity: O(n × k) for a text of n bytes and keys of at most k bytes; independent of
    ///   the number of terms.
    public func matches(in text: String, language: LanguageTag?) -> [TermMatch] {
        let scanner = TermScanner(matcher: self)
        return scanner.matches(in: text, language: language)
    }

    /// Every occurrence, overlapping ones included (for evidence gathering).
    public func allMatches(in text: String, language: LanguageTag?) -> [TermMatch] {
        let scanner = TermScanner(matcher: self)
        return scanner.matches(in: text, language: language, overlapping: true)
    }

    /// The concepts a query names, in any language and any spelling (관리소에서, Kwan-Li-So,
    /// gwanliso, 로동단련대), best match first. Empty when nothing matches; see `suggestions`.
    public func lookup(_ query: String) -> [TermMatch] {
        TermScanner(matcher: self).lookup(query)
    }

    /// Concepts whose spellings are close to a query that found nothing.
    public func suggestions(for query: String, limit: Int = 5) -> [TermSuggestion] {
        TermScanner(matcher: self).suggestions(for: query, limit: limit)
    }
}

/// A set of byte values, tested with a shift and a mask.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }
}

/// Key bytes as a dictionary key, hashed in one call (an array of bytes is hashed byte by byte).
struct ByteKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Collects the index while the matcher is built.
private struct Builder {
    let locales: TermLocales
    var entries: [TermMatcher.Entry] = []
    var profileIndex: [String: Int] = [:]
    var profiles: [LanguageProfile] = []
    var romanizers: [String: [Romanizer]] = [:]
    var scanner = KeyScanner()
    /// The entries under each key, to keep the best spelling of each concept under a key: the
    /// first and last of a chain that `sameKey` links in the order they were made.
    var byKey: [ByteKey: (first: Int, last: Int)] = [:]
    /// Per entry: the next entry with the same key, -1 for none.
    var sameKey: [Int] = []
    /// Romanizers by the systems they apply (languages that share a data folder share them).
    var romanizersBySystems: [[RomanizationSystem]: [Romanizer]] = [:]

    init(locales: TermLocales, capacity: Int) {
        self.locales = locales
        entries.reserveCapacity(capacity)
        sameKey.reserveCapacity(capacity)
        byKey.reserveCapacity(capacity)
    }

    mutating func profile(_ language: String) throws -> Int {
        if let index = profileIndex[language] { return index }
        let loaded = try locales.profile(for: language)
        profileIndex[language] = profiles.count
        profiles.append(loaded)
        return profiles.count - 1
    }

    /// What a term's language section and usage make of it: the tag it is indexed under, its
    /// profile, whether the tag names a romanization (`ko-Latn`). Parsing a tag asks ICU, and a
    /// glossary has thousands of terms in a handful of languages: made once per pair.
    struct TermLanguage {
        var tag: LanguageTag
        var base: Int
        var romanizedScript: Bool
    }
    var termLanguages: [String: [String?: TermLanguage?]] = [:]

    var lastTermLanguage: (section: String, usage: String?, made: TermLanguage?)?

    mutating func termLanguage(section: String, usage: String?) throws -> TermLanguage? {
        // Terms come in runs of one language: the last answer before the dictionaries.
        if let last = lastTermLanguage, last.section == section, last.usage == usage { return last.made }
        if let known = termLanguages[section]?[usage] {
            lastTermLanguage = (section, usage, known)
            return known
        }
        var made: TermLanguage?
        if let sectionTag = try? LanguageTag(section) {
            // As `Term.usageTag`: a usage that is a language tag (`ko-KP`) of the same language.
            let usageTag = usage.flatMap { $0.contains("-") ? try? LanguageTag($0) : nil }
            let tag = usageTag.flatMap { $0.language == sectionTag.language ? $0 : nil } ?? sectionTag
            made = TermLanguage(tag: tag, base: try profile(tag.identifier), romanizedScript: Self.isRomanizedScript(tag))
        }
        termLanguages[section, default: [:]][usage] = .some(made)
        lastTermLanguage = (section, usage, made)
        return made
    }

    mutating func add(_ term: Term, section: LanguageSection, ref: TermRef) throws {
        guard let language = try termLanguage(section: section.language, usage: term.usage) else { return }
        let tag = language.tag
        let base = language.base
        let romanized = term.type?.isTransliteration == true || language.romanizedScript
        let takesSuffix = term.partOfSpeech == nil || term.partOfSpeech == "noun"
        if romanized {
            let host = try profile(profiles[base].romanizedAs ?? "en")
            insert(ref, term.text, .term, profile: host, tag: tag, romanization: true, takesSuffix: takesSuffix)
            return
        }
        insert(ref, term.text, .term, profile: base, tag: tag, romanization: false, takesSuffix: takesSuffix)
        let settings = profiles[base]
        var written = [term.text]
        if let rules = settings.initialSound {
            for variant in rules.variants(of: term.text) {
                insert(ref, variant, .initialSound, profile: base, tag: tag, romanization: false, takesSuffix: takesSuffix)
                written.append(variant)
            }
        }
        guard !settings.romanizations.isEmpty else { return }
        let host = try profile(settings.romanizedAs ?? "en")
        if romanizers[settings.language] == nil {
            if let shared = romanizersBySystems[settings.romanizations] {
                romanizers[settings.language] = shared
            } else {
                let made = try settings.romanizations.map { try Romanizer($0, language: settings.language) }
                romanizersBySystems[settings.romanizations] = made
                romanizers[settings.language] = made
            }
        }
        for spelling in written {
            for romanizer in romanizers[settings.language]! {
                for romanization in romanizer.spellings(of: spelling, limit: settings.romanizationMaxSpellings) {
                    guard Self.letterCount(romanization) >= settings.romanizationMinLetters else { continue }
                    insert(ref, romanization, .romanization, profile: host, tag: tag, romanization: true, takesSuffix: takesSuffix)
                }
            }
        }
    }

    /// How many alphabetic characters a spelling has (ASCII letters without asking Unicode's tables).
    static func letterCount(_ text: String) -> Int {
        var text = text
        if let ascii = text.withUTF8({ bytes -> Int? in
            var count = 0
            for b in bytes {
                if b >= 0x80 { return nil }
                let lower = b | 0x20
                if lower >= 0x61 && lower <= 0x7A { count += 1 }
            }
            return count
        }) {
            return ascii
        }
        var count = 0
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let lower = scalar.value | 0x20
                if lower >= 0x61 && lower <= 0x7A { count += 1 }
            } else if scalar.properties.isAlphabetic {
                count += 1
            }
        }
        return count
    }

    /// A tag whose script is Latin while its language is not written in Latin letters (`ko-Latn`).
    static func isRomanizedScript(_ tag: LanguageTag) -> Bool {
        guard let script = tag.script, script == "Latn" else { return false }
        return (try? LanguageTag(tag.language))?.likelyScript != "Latn"
    }

    mutating func insert(
        _ ref: TermRef, _ spelling: String, _ origin: TermMatcher.Origin, profile: Int, tag: LanguageTag,
        romanization: Bool, takesSuffix: Bool
    ) {
        let key = scanner.key(of: spelling)
        guard !key.isEmpty else { return }
        // One entry per concept and key: the term itself beats a variant, a variant beats a
        // romanization.
        let characters = key.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        let entry = TermMatcher.Entry(
            term: ref, spelling: spelling, origin: origin, profile: profile, baseLanguage: tag.language, language: tag.identifier,
            isRomanization: romanization, takesSuffix: takesSuffix, key: key, keyCharacters: characters)
        let byteKey = ByteKey(key)
        if let chain = byKey.index(forKey: byteKey) {
            var i = byKey.values[chain].first
            while i >= 0 {
                if entries[i].term.concept == ref.concept {
                    if entries[i].origin.rawValue > origin.rawValue { entries[i] = entry }
                    return
                }
                i = sameKey[i]
            }
            sameKey[byKey.values[chain].last] = entries.count
            byKey.values[chain].last = entries.count
        } else {
            byKey[byteKey] = (entries.count, entries.count)
        }
        sameKey.append(-1)
        entries.append(entry)
    }

    mutating func finish() -> (
        entries: [TermMatcher.Entry], wordTrie: KeyTrie, compoundTrie: KeyTrie, suffixTables: [TermMatcher.SuffixTable]
    ) {
        // A generated spelling that is another concept's real term is dropped: the real term wins.
        var dropped = [Bool](repeating: false, count: entries.count)
        var anyDropped = false
        for chain in byKey.values where chain.first != chain.last {
            var list: [Int] = []
            var i = chain.first
            while i >= 0 {
                list.append(i)
                i = sameKey[i]
            }
            let real = list.filter { entries[$0].origin == .term }
            guard !real.isEmpty else { continue }
            for index in list where entries[index].origin != .term {
                if !real.contains(where: { entries[$0].term.concept == entries[index].term.concept }) {
                    dropped[index] = true
                    anyDropped = true
                }
            }
        }
        var kept: [TermMatcher.Entry] = []
        if anyDropped {
            kept.reserveCapacity(entries.count)
            for (index, entry) in entries.enumerated() where !dropped[index] { kept.append(entry) }
        } else {
            kept = entries
        }
        // Room for a node per character (shared prefixes make fewer).
        var wordTrie = KeyTrie(capacity: kept.reduce(0) { $0 + $1.keyCharacters })
        var compoundTrie = KeyTrie()
        for (index, entry) in kept.enumerated() {
            wordTrie.insert(entry.key, entry: Int32(index))
            if entry.origin != .romanization, let minimum = profiles[entry.profile].compoundHead,
                entry.keyCharacters >= minimum, entry.key[0] >= 0x80
            {
                compoundTrie.insert(entry.key, entry: Int32(index))
            }
        }
        wordTrie.finish()
        compoundTrie.finish()
        let tables = profiles.map { profile -> TermMatcher.SuffixTable in
            var reversed = KeyTrie()
            var replacements: [[UInt8]] = []
            var keys: [[UInt8]] = []
            for (i, suffix) in profile.suffixes.enumerated() {
                let bytes = scanner.key(of: suffix.text)
                keys.append(bytes)
                guard !bytes.isEmpty else { continue }
                reversed.insert(
                    Array(String(String(decoding: bytes, as: UTF8.self).unicodeScalars.reversed().map(Character.init)).utf8),
                    entry: Int32(i))
                replacements.append([])
            }
            replacements = profile.suffixes.map { scanner.key(of: $0.replacement) }
            reversed.finish()
            return TermMatcher.SuffixTable(
                profile: profile, maxSuffixes: profile.maxSuffixes, minStem: Int32(profile.minStem),
                reversed: reversed, replacements: replacements,
                hasReplacements: replacements.contains { !$0.isEmpty },
                replacingFirstBytes: zip(keys, replacements).compactMap { key, replacement in replacement.isEmpty ? nil : key.first })
        }
        return (kept, wordTrie, compoundTrie, tables)
    }
}
