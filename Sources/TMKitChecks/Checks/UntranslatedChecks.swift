import TMKitText

/// Finds text that was not translated: an empty target, a target identical to its source, a
/// target written mostly in the source's script, and source words or romanized glossary terms
/// left inside the translation (`jip-kyul-so` in a Korean sentence).
public struct UntranslatedChecks: Check {
    public static let descriptors = [
        CheckDescriptor("untranslated.empty", .error, "the translation is empty while the source has text"),
        CheckDescriptor("untranslated.identical", .error, "the translation is the source, unchanged"),
        CheckDescriptor("untranslated.script", .error, "the translation is written mostly in the source's script"),
        CheckDescriptor("untranslated.leftover", .error,
                        "source words or romanized terms left in the translation (jip-kyul-so inside Korean)"),
    ]

    public var scope: CheckScope { .pair }
    let context: CheckContext
    let allowedForeign: Set<String>

    public init(context: CheckContext) {
        self.context = context
        allowedForeign = Set(context.targetSettings.allowedForeignWords.map { $0.lowercased() })
    }

    public func run(_ pairs: ArraySlice<SegmentPair>, into sink: inout FindingSink) {
        for pair in pairs where pair.link == .pair {
            check(pair, &sink)
        }
    }

    private func check(_ pair: SegmentPair, _ sink: inout FindingSink) {
        let sourceLength = Words.contentLength(pair.source)
        guard sourceLength > 0 else { return }
        let targetLength = Words.contentLength(pair.target)
        if targetLength == 0 {
            sink.report("untranslated.empty", pair, "the translation is empty: translate the source sentence")
            return
        }
        let settings = context.targetSettings

        // Equal texts have equal lengths (NFC may join a few decomposed characters).
        if abs(targetLength - sourceLength) * 10 <= sourceLength, Self.sameText(pair.source, pair.target) {
            let sourceWords = Words.split(pair.source)
            // A name, an acronym or a number alone may stay as it is ("BBC", "iPhone 11"); a
            // phrase with ordinary words may not.
            let hasOrdinaryWord = sourceWords.contains { $0.hasLowercase && !$0.hasUppercase && $0.letterCount >= 2 }
                || (!context.sourceSettings.features.contains("case") && sourceWords.contains { $0.letterCount >= 1 })
            let foreign = sourceWords.contains { $0.letterCount > 0 && !settings.isOwnScript($0.script) }
            if hasOrdinaryWord && (foreign || sourceWords.count >= 3) {
                sink.report("untranslated.identical", pair, "the translation is the source text unchanged: translate it",
                            targetSpan: 0..<pair.target.utf8.count)
            }
            return
        }

        // A translation with no letter outside its own scripts has nothing left untranslated.
        guard hasForeignLetter(pair.target) else { return }
        let sourceWords = Words.split(pair.source)
        let targetWords = Words.split(pair.target)

        // Share of the target's words written in the target's own scripts.
        var own = 0
        var foreign = 0
        for word in targetWords where word.letterCount > 0 {
            if settings.isOwnScript(word.script) {
                own += 1
            } else if allowedForeign.isEmpty || !allowedForeign.contains(word.text.lowercased()) {
                foreign += 1
            }
        }
        if sink.isEnabled("untranslated.script"), foreign >= 3, Double(own) / Double(own + foreign) < settings.minimumScriptShare {
            let share = Int((Double(foreign) / Double(own + foreign) * 100).rounded())
            sink.report("untranslated.script", pair,
                        "\(share)% of the translation's words are not in \(context.targetLanguage.englishName) script: translate the rest of the sentence",
                        targetSpan: 0..<pair.target.utf8.count)
            return
        }
        if sink.isEnabled("untranslated.leftover") {
            leftoverSourceWords(pair, sourceWords: sourceWords, targetWords: targetWords, &sink)
            leftoverTerms(pair, &sink)
        }
    }

    /// Whether a text has a letter outside the target language's scripts (Latin in Korean).
    /// - Complexity: O(n), with fast answers for ASCII and Hangul.
    private func hasForeignLetter(_ text: String) -> Bool {
        let settings = context.targetSettings
        let latinIsOwn = settings.isOwnScript("Latn")
        let hangulIsOwn = settings.isOwnScript("Hang")
        return text.unicodeScalars.contains { c in
            let v = c.value
            if v < 0x80 { return !latinIsOwn && ((v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)) }
            if v >= 0xAC00 && v <= 0xD7A3 { return !hangulIsOwn }
            return c.properties.isAlphabetic && !settings.isOwnScript(Script.code(of: c))
        }
    }

    /// Whether two texts are the same up to white space and Unicode normalization. NFC (ICU) is
    /// asked only when the texts could be equal: a translation into another script is rejected by
    /// its length alone.
    static func sameText(_ a: String, _ b: String) -> Bool {
        let x = FindingSignature.foldWhiteSpace(a)
        let y = FindingSignature.foldWhiteSpace(b)
        if x == y { return true }
        let asciiOnly = x.utf8.allSatisfy { $0 < 0x80 } && y.utf8.allSatisfy { $0 < 0x80 }
        let (m, n) = (x.unicodeScalars.count, y.unicodeScalars.count)
        if asciiOnly || min(m, n) * 3 < max(m, n) * 2 { return false }
        return x.nfc == y.nfc
    }

    /// Ordinary source words (not names, acronyms or numbers) that appear unchanged in the target
    /// outside parentheses (where a gloss of the original is fine: 집결소(jip-kyul-so)).
    private func leftoverSourceWords(_ pair: SegmentPair, sourceWords: [Word], targetWords: [Word], _ sink: inout FindingSink) {
        let settings = context.targetSettings
        let sourceHasCase = context.sourceSettings.features.contains("case")
        var candidates: [Word] = []
        for word in targetWords where word.letterCount >= 2 && !settings.isOwnScript(word.script) && !word.hasDigit {
            if sourceHasCase && word.hasUppercase { continue }
            if allowedForeign.contains(word.text.lowercased()) { continue }
            candidates.append(word)
        }
        guard !candidates.isEmpty else { return }
        let sourceSet = Set(sourceWords.map(\.text))
        let brackets = BracketRegions(pair.target, pairs: settings.bracketPairs)
        var reported = Set<Substring>()
        let utf8 = Array(pair.target.utf8)
        for word in candidates where sourceSet.contains(word.text) && !brackets.contains(word.byteRange.lowerBound) {
            if Self.isPartOfIdentifier(word, utf8) || Self.followsForeignWord(word, in: targetWords, utf8: utf8, settings: settings) { continue }
            guard reported.insert(word.text).inserted else { continue }
            let span = sourceWords.first { $0.text == word.text }?.byteRange
            sink.report("untranslated.leftover", pair,
                        "'\(word.text)' is left in the source language: translate it (a gloss of the original belongs in parentheses)",
                        item: String(word.text), sourceSpan: span, targetSpan: word.byteRange)
        }
    }

    /// Part of an address, a handle or a reference: weather.com, jo@samaritans.org, log 247.
    static func isPartOfIdentifier(_ word: Word, _ utf8: [UInt8]) -> Bool {
        let joiners: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: ":")]
        func isAlnum(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
        let before = word.byteRange.lowerBound
        if before >= 2, joiners.contains(utf8[before - 1]), isAlnum(utf8[before - 2]) { return true }
        let after = word.byteRange.upperBound
        if after + 1 < utf8.count, joiners.contains(utf8[after]), isAlnum(utf8[after + 1]) { return true }
        // A word before a number names it (log 247, page 5).
        if after + 1 < utf8.count, utf8[after] == 0x20, utf8[after + 1] >= 0x30, utf8[after + 1] <= 0x39 { return true }
        return false
    }

    /// The word continues a foreign phrase (a title or name kept in the original: Proud by Heather
    /// Small, Peppa pig): the word before it, with only a space between, is foreign too.
    static func followsForeignWord(_ word: Word, in words: [Word], utf8: [UInt8], settings: LanguageCheckSettings) -> Bool {
        guard let index = words.firstIndex(where: { $0.byteRange == word.byteRange }), index > 0 else { return false }
        let previous = words[index - 1]
        guard previous.letterCount > 0, !settings.isOwnScript(previous.script) else { return false }
        return utf8[previous.byteRange.upperBound..<word.byteRange.lowerBound].allSatisfy { $0 == 0x20 }
    }

    /// Source-language glossary terms (and their romanizations) found in the target outside
    /// parentheses: the term was copied instead of translated.
    private func leftoverTerms(_ pair: SegmentPair, _ sink: inout FindingSink) {
        guard let terms = context.terms else { return }
        // Source-language terms in the target are written in a script the target does not use
        // (Latin in Korean): a target without any such letter has none to find.
        let settings = context.targetSettings
        guard hasForeignLetter(pair.target) else { return }
        let found = terms.occurrences(in: pair.target, language: context.sourceLanguage)
        guard !found.isEmpty else { return }
        let brackets = BracketRegions(pair.target, pairs: settings.bracketPairs)
        for occurrence in found where !brackets.contains(occurrence.byteRange.lowerBound) {
            // Words in the target's own script are the target's business (a Korean term that is
            // also listed under the source language).
            guard let first = occurrence.surface.unicodeScalars.first(where: { $0.properties.isAlphabetic }),
                  !settings.isOwnScript(Script.code(of: first)) else { continue }
            // Acronyms (UNHCR, COI) are written as they are in Korean text too.
            guard occurrence.surface.unicodeScalars.contains(where: { $0.properties.isLowercase }) else { continue }
            let rendering = terms.approvedTerms(of: occurrence.conceptID, in: context.targetLanguage).first
            let advice = rendering.map { "write \($0)" } ?? "translate it"
            sink.report("untranslated.leftover", pair,
                        "'\(occurrence.surface)' (\(terms.label(of: occurrence.conceptID))) is left untranslated: \(advice)",
                        item: "term:" + occurrence.conceptID, targetSpan: occurrence.byteRange)
        }
    }
}

/// Which byte offsets of a text lie inside brackets (for glosses such as 집결소(jip-kyul-so)).
struct BracketRegions {
    private var regions: [Range<Int>] = []

    init(_ text: String, pairs: [[String]]) {
        var stack: [(close: Unicode.Scalar, start: Int)] = []
        var offset = 0
        var opening: [Unicode.Scalar: Unicode.Scalar] = [:]
        for pair in pairs {
            if let open = pair[0].unicodeScalars.first, let close = pair[1].unicodeScalars.first { opening[open] = close }
        }
        for scalar in text.unicodeScalars {
            if let close = opening[scalar] {
                stack.append((close, offset))
            } else if let last = stack.last, last.close == scalar {
                stack.removeLast()
                regions.append(last.start..<(offset + 1))
            }
            offset += UTF8.width(scalar)
        }
    }

    func contains(_ offset: Int) -> Bool { regions.contains { $0.contains(offset) } }
}
