import TMKitText
import Testing

@testable import TMKitGlossary

/// Finding terms in text: every matching rule, in both directions, and the false matches that
/// must not happen.
@Suite struct TermMatcherTests {
    let matcher = Fixtures.matcher

    func ids(_ matches: [TermMatch]) -> [String] {
        matches.map { matcher.concept($0.concept).id }
    }

    func only(_ text: String, _ language: LanguageTag) -> TermMatch? {
        let found = matcher.matches(in: text, language: language)
        return found.count == 1 ? found[0] : nil
    }

    // MARK: English

    @Test(
        arguments: [
            ("They were sent to a political prison camp.", "political prison camp", MatchKind()),
            ("They were sent to a Political Prison Camp.", "Political Prison Camp", MatchKind.folded),
            ("Three political prison camps remain.", "political prison camps", MatchKind.plural),
            ("The camp's rules", nil, MatchKind()),
            ("a re-education camp", "re-education camp", MatchKind()),
            ("a reeducation camp", "reeducation camp", MatchKind.folded),
            ("a re education camp", "re education camp", MatchKind.folded),
            ("a re-education  camp", "re-education  camp", MatchKind.spacing),
            ("the policies of the state", "policies", MatchKind.plural),
            ("the Workers’ Party of Korea", "Workers’ Party of Korea", MatchKind.folded),
            ("the Workers Party of Korea", "Workers Party of Korea", MatchKind.folded),
        ] as [(String, String?, MatchKind)])
    func findsEnglishTermsWhateverTheirCaseHyphensSpacesApostrophesAndPlurals(text: String, found: String?, kind: MatchKind) {
        let matches = matcher.matches(in: text, language: .english)
        guard let found else {
            #expect(matches.isEmpty, "\(matches)")
            return
        }
        #expect(matches.count == 1, "\(matches)")
        #expect(matches.first?.text == found)
        #expect(matches.first?.kind == kind, "\(String(describing: matches.first?.kind))")
        // The byte range is exact.
        if let m = matches.first {
            #expect(String(decoding: Array(text.utf8)[m.byteRange], as: UTF8.self) == found)
        }
    }

    @Test(arguments: ["a website", "the campsite", "websites", "sites", "newspaper", "the news"])
    func matchesWholeWordsOnly(text: String) {
        let matches = matcher.matches(in: text, language: .english)
        #expect(!matches.contains { matcher.concept($0.concept).id == "site" && $0.text != "sites" }, "\(matches)")
        #expect(!matches.contains { matcher.concept($0.concept).id == "new" }, "\(matches)")
    }

    @Test func takesAPluralOnlyAfterANoun() {
        // "new" is an adjective in the fixture; "news" must not be new + s.
        #expect(matcher.matches(in: "the news", language: .english).isEmpty)
        #expect(ids(matcher.matches(in: "several sites", language: .english)) == ["site"])
    }

    @Test(arguments: [
        ("Survivors of a kwalliso spoke.", "kwalliso"),
        ("Survivors of a kwanliso spoke.", "kwanliso"),
        ("Survivors of a Kwan-Li-So spoke.", "Kwan-Li-So"),
        ("Survivors of a kwan-ri-so spoke.", "kwan-ri-so"),
        ("Survivors of a gwalliso spoke.", "gwalliso"),
        ("Survivors of a gwanliso spoke.", "gwanliso"),
        ("Survivors of a kwan li so spoke.", "kwan li so"),
        ("Two kwallisos were closed.", "kwallisos"),
    ])
    func findsAKoreanTermByItsRomanizationsInEnglishText(text: String, found: String) throws {
        let match = try #require(only(text, .english), "\(matcher.matches(in: text, language: .english))")
        #expect(matcher.concept(match.concept).id == "kwalliso")
        #expect(match.text == found)
        #expect(match.kind.contains(.romanization))
    }

    @Test(arguments: [
        ("the kyo-hwa-so in Chongori", "kyohwaso"),
        ("the kyohwaso in Chongori", "kyohwaso"),
        ("a jip-kyul-so near the border", "jipkyulso"),
        ("a jipkyulso near the border", "jipkyulso"),
        ("a chipkyolso near the border", "jipkyulso"),
        ("sent to a ro-dong-dan-ryeon-dae", "rodong"),
        ("sent to a rodong danryeondae", "rodong"),
        ("sent to a nodong danryeondae", "rodong"),
    ])
    func findsOtherDetentionFacilitiesByTheirRomanizations(text: String, id: String) {
        #expect(ids(matcher.matches(in: text, language: .english)) == [id])
    }

    @Test func doesNotReportRomanizationsInsideLongerWords() {
        #expect(matcher.matches(in: "the kwallisotic era", language: .english).isEmpty)
    }

    // MARK: Korean

    @Test(
        arguments: [
            ("그는 관리소에서 태어났다.", "관리소에서", MatchKind.particle),
            ("관리소의 규모", "관리소의", MatchKind.particle),
            ("교화소로 이송되었다.", "교화소로", MatchKind.particle),
            ("관리소에서는 매일", "관리소에서는", MatchKind.particle),
            ("관리소에서도", "관리소에서도", MatchKind.particle),
            ("관리소", "관리소", MatchKind()),
            ("정치범 수용소에 갇혔다", "정치범 수용소에", [MatchKind.particle, .spacing]),
            ("정치범수용소는", "정치범수용소는", MatchKind.particle),
            ("로동단련대에 보내졌다", "로동단련대에", MatchKind.particle),
            ("노동단련대에 보내졌다", "노동단련대에", MatchKind.particle),
            ("수용소들", "수용소들", MatchKind.particle),
            ("강제송환된", nil, MatchKind()),
        ] as [(String, String?, MatchKind)])
    func findsKoreanTermsWithParticlesAndSpacingVariants(text: String, found: String?, kind: MatchKind) {
        let matches = matcher.matches(in: text, language: .korean)
        guard let found else {
            #expect(matches.isEmpty, "\(matches)")
            return
        }
        #expect(matches.map(\.text) == [found], "\(matches)")
        #expect(matches.first?.kind == kind, "\(String(describing: matches.first?.kind))")
        if let m = matches.first {
            #expect(String(decoding: Array(text.utf8)[m.byteRange], as: UTF8.self) == found)
        }
    }

    @Test func reportsWhereTheParticleStarts() throws {
        let text = "그는 관리소에서 태어났다."
        let match = try #require(only(text, .korean))
        #expect(String(decoding: Array(text.utf8)[match.termByteRange], as: UTF8.self) == "관리소")
    }

    @Test func findsANorthKoreanSpellingFromTheSouthKoreanTermAndBack() throws {
        // Only 조선노동당 is written in the glossary's ko-KR term; 조선로동당 is the ko-KP term.
        #expect(ids(matcher.matches(in: "조선로동당의 결정", language: .korean)) == ["wpk"])
        // 여성동맹 has no North Korean term in the fixture: 녀성동맹 is made from it.
        let match = try #require(only("녀성동맹에서", .korean))
        #expect(matcher.concept(match.concept).id == "women")
        #expect(match.kind.contains(.initialSound))
        #expect(match.spelling == "녀성동맹")
    }

    @Test func prefersTheLongerTermThatStartsAtTheSameWord() {
        // 관리소장 is its own concept (camp director): the longer term wins.
        #expect(ids(matcher.matches(in: "관리소장은 말했다", language: .korean)) == ["camp-director"])
        // 정치범수용소 wins over 수용소 inside it.
        #expect(ids(matcher.matches(in: "정치범수용소에서", language: .korean)) == ["kwalliso"])
    }

    @Test func doesNotMatchATermAtTheStartOfALongerWord() {
        // 관리소 + 원 (staff) is not "관리소" followed by a particle.
        #expect(matcher.matches(in: "관리소원들이 왔다", language: .korean).isEmpty)
        // 현장 + 감독: not the term 현장 with an ending.
        #expect(matcher.matches(in: "현장감독", language: .korean).isEmpty)
    }

    @Test func findsATermThatEndsACompound() throws {
        let match = try #require(only("요덕관리소에서 나온 사람", .korean))
        #expect(matcher.concept(match.concept).id == "kwalliso")
        #expect(match.text == "관리소에서")
        #expect(match.kind.contains(.compound))
    }

    @Test func normalizesDecomposedHangulBeforeMatching() throws {
        let decomposed = try "관리소에서".normalized(.nfd)
        let text = "그는 " + decomposed + " 태어났다"
        let match = try #require(only(text, .korean))
        #expect(matcher.concept(match.concept).id == "kwalliso")
        #expect(match.text == decomposed)
    }

    @Test func keepsTermsToTheirLanguage() {
        // English text does not get Korean terms, nor Korean text English ones.
        #expect(matcher.matches(in: "관리소 political prison camp", language: .english).map(\.text) == ["political prison camp"])
        #expect(matcher.matches(in: "관리소 political prison camp", language: .korean).map(\.text) == ["관리소"])
        #expect(matcher.matches(in: "관리소 political prison camp", language: nil).count == 2)
    }

    // MARK: Lookup

    @Test(arguments: [
        ("kwalliso", "kwalliso"), ("gwanliso", "kwalliso"), ("Kwan-Li-So", "kwalliso"), ("관리소에서", "kwalliso"),
        ("로동단련대", "rodong"), ("노동단련대", "rodong"), ("political prison camps", "kwalliso"), ("정치범 수용소", "kwalliso"),
        ("kyo-hwa-so", "kyohwaso"), ("SONGBUN", "songbun"),
    ])
    func looksUpAConceptFromAnySpelling(query: String, id: String) {
        let found = matcher.lookup(query)
        #expect(found.first.map { matcher.concept($0.concept).id } == id, "\(found)")
    }

    @Test func looksUpOnlyWholeQueries() {
        #expect(matcher.lookup("political prison").isEmpty)
        #expect(matcher.lookup("camp director now").isEmpty)
    }

    @Test func suggestsCloseSpellingsForAMiss() {
        #expect(matcher.lookup("kwalisso").isEmpty)
        let suggestions = matcher.suggestions(for: "kwalisso")
        #expect(suggestions.first.map { matcher.concept($0.concept).id } == "kwalliso", "\(suggestions)")
        let korean = matcher.suggestions(for: "관리서")
        #expect(korean.contains { matcher.concept($0.concept).id == "kwalliso" }, "\(korean)")
    }
}

/// How texts are cut into words for matching.
@Suite struct KeyScannerTests {
    func words(_ text: String) -> [String] {
        var scanner = KeyScanner()
        scanner.analyze(text)
        let bytes = Array(text.utf8)
        return scanner.tokens.map { String(decoding: bytes[$0.textStart..<$0.textEnd], as: UTF8.self) }
    }

    @Test(arguments: [
        ("Kwan-Li-So camps", ["Kwan", "Li", "So", "camps"]),
        ("Han'guk and the U.N. said", ["Han'guk", "and", "the", "U.N", "said"]),
        ("10,000 people, 3.5 km", ["10,000", "people", "3.5", "km"]),
        ("UNHCR의 16호 관리소에서", ["UNHCR의", "16호", "관리소에서"]),
        ("구금·고문·처형", ["구금", "고문", "처형"]),
        ("Chosŏn Minjujuŭi", ["Chosŏn", "Minjujuŭi"]),
    ])
    func cutsWordsAtSpacesHyphensAndPunctuation(text: String, expected: [String]) {
        #expect(words(text) == expected)
    }

    @Test func handsTextWithoutSpacesToICU() {
        // Japanese needs ICU's dictionary; the result is still a list of words.
        #expect(words("東京都に住む").count > 1)
    }
}
