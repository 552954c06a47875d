import TMKitText

@testable import TMKitGlossary

/// A small glossary written for the tests, and a matcher over it with the shipped Locales data.
enum Fixtures {
    static func concept(
        _ id: String, en: [String], ko: [String], koKP: [String] = [], latin: [String] = [],
        pos: String? = "noun"
    ) -> Concept {
        var languages = [LanguageSection(language: "en", terms: en.map { Term($0, partOfSpeech: pos) })]
        var korean = ko.map { Term($0, partOfSpeech: pos, usage: koKP.isEmpty ? nil : "ko-KR") }
        korean += koKP.map { Term($0, partOfSpeech: pos, usage: "ko-KP") }
        if !korean.isEmpty { languages.append(LanguageSection(language: "ko", terms: korean)) }
        if !latin.isEmpty { languages.append(LanguageSection(language: "ko-Latn", terms: latin.map { Term($0) })) }
        return Concept(id: id, languages: languages)
    }

    static let glossary = Glossary(
        name: "fixture",
        concepts: [
            concept("kwalliso", en: ["political prison camp"], ko: ["관리소", "정치범수용소"]),
            concept("kyohwaso", en: ["correctional labour camp", "re-education camp"], ko: ["교화소"]),
            concept("jipkyulso", en: ["holding centre"], ko: ["집결소"]),
            concept("rodong", en: ["labour training camp"], ko: ["노동단련대"], koKP: ["로동단련대"]),
            concept("camp-director", en: ["camp director"], ko: ["관리소장"]),
            concept("site", en: ["site"], ko: ["현장"]),
            concept("camp", en: ["prison camp"], ko: ["수용소"]),
            concept("policy", en: ["policy"], ko: ["정책"]),
            concept("wpk", en: ["Workers' Party of Korea"], ko: ["조선노동당"], koKP: ["조선로동당"]),
            concept("women", en: ["women's union"], ko: ["여성동맹"]),
            concept("songbun", en: ["songbun"], ko: ["성분"], latin: ["songbun"]),
            concept("new", en: ["new"], ko: ["새"], pos: "adjective"),
        ])

    static let data: DataDirectory = try! DataDirectory.locate()
    static let locales = TermLocales(data: data)
    static let matcher: TermMatcher = try! TermMatcher(glossary: glossary, locales: locales)
}
