import Testing
import TMKitChecks
import TMKitText

/// The term checks judge what a glossary's matcher finds; here a small index stands in for the
/// glossary so that each rule can be seen in isolation (the shipped glossary is tested end to end).
struct TermChecksTests {
    /// Matches listed surface forms literally (the real matcher adds particles, spacing, variants).
    struct ListIndex: TermIndex {
        struct Entry {
            var concept: String
            var language: String
            var term: String
            var surfaces: [String]
            var use: TermUse = .approved
            var romanization = false
        }

        var entries: [Entry]

        func occurrences(in text: String, language: LanguageTag) -> [TermOccurrence] {
            var found: [TermOccurrence] = []
            for entry in entries where entry.language == language.language {
                for surface in entry.surfaces {
                    var searchStart = text.startIndex
                    while let range = text.range(of: surface, range: searchStart..<text.endIndex) {
                        let start = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
                        found.append(TermOccurrence(conceptID: entry.concept, term: entry.term, surface: surface,
                                                    byteRange: start..<(start + surface.utf8.count), use: entry.use,
                                                    isRomanization: entry.romanization))
                        searchStart = range.upperBound
                    }
                }
            }
            return found.sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
        }

        func approvedTerms(of conceptID: String, in language: LanguageTag) -> [String] {
            entries.filter { $0.concept == conceptID && $0.language == language.language && $0.use == .approved && !$0.romanization }.map(\.term)
        }

        func label(of conceptID: String) -> String { "'\(conceptID)'" }
    }

    static let index = ListIndex(entries: [
        .init(concept: "kwanliso", language: "en", term: "political prison camp", surfaces: ["political prison camp"]),
        .init(concept: "kwanliso", language: "en", term: "kwanliso", surfaces: ["kwanliso", "kwan-li-so"], romanization: true),
        .init(concept: "kwanliso", language: "ko", term: "관리소", surfaces: ["관리소"]),
        .init(concept: "kwanliso", language: "ko", term: "정치범수용소", surfaces: ["정치범수용소", "정치범 수용소"]),
        .init(concept: "jipkyulso", language: "en", term: "jipkyulso", surfaces: ["jip-kyul-so"], romanization: true),
        .init(concept: "jipkyulso", language: "ko", term: "집결소", surfaces: ["집결소"]),
        .init(concept: "rodong", language: "ko", term: "로동단련대", surfaces: ["로동단련대"], use: .deprecated),
        .init(concept: "rodong", language: "ko", term: "노동단련대", surfaces: ["노동단련대"]),
        .init(concept: "rodong", language: "en", term: "labour training camp", surfaces: ["labour training camp"]),
        .init(concept: "kwanliso", language: "ko", term: "강제수용소", surfaces: ["강제수용소"], use: .forbidden),
    ])

    static let context: CheckContext = {
        var context = Fixture.context
        context.terms = index
        return context
    }()

    @Test func reportsSourceTermWithoutApprovedRendering() throws {
        let found = Fixture.findings("He was sent to a kwan-li-so.", "그는 교도소로 보내졌다.", only: ["terms"], context: Self.context)
        let finding = try #require(found.first)
        #expect(found.map(\.check) == ["terms.missing"])
        #expect(finding.message.contains("관리소 or 정치범수용소"))
        #expect(Fixture.findings("He was sent to a kwan-li-so.", "그는 관리소로 보내졌다.", only: ["terms"], context: Self.context).isEmpty)
    }

    @Test func reportsForbiddenAndDeprecatedTerms() {
        let found = Fixture.findings([
            ("He was sent to a political prison camp.", "그는 강제수용소로 보내졌다."),
            ("He was sent to a labour training camp.", "그는 로동단련대로 보내졌다."),
        ], only: ["terms"], context: Self.context)
        #expect(found.map(\.check) == ["terms.forbidden", "terms.deprecated"])
        #expect(found.map(\.severity) == [.error, .warning])
        #expect(found.last?.message.contains("write 노동단련대") == true)
    }

    @Test func reportsMinorityRenderingAcrossTheRun() throws {
        let found = Fixture.findings([
            ("The kwan-li-so are remote.", "관리소는 외딴 곳에 있다."),
            ("Camp No. 22 was a kwan-li-so.", "제22호는 정치범수용소였다."),
            ("No one has visited a kwan-li-so.", "관리소를 방문한 사람은 없다."),
        ], only: ["terms"], context: Self.context)
        let finding = try #require(found.first)
        #expect(found.map(\.check) == ["terms.inconsistent"])
        #expect(finding.pairIndex == 1)
        #expect(finding.message.contains("'관리소'"))
    }

    @Test func reportsMixedRomanizationsInTheSource() {
        let found = Fixture.findings([
            ("The kwanliso are remote.", "관리소는 외딴 곳에 있다."),
            ("A kwanliso holds families.", "관리소에는 가족들이 수용된다."),
            ("No one has visited a kwan-li-so.", "관리소를 방문한 사람은 없다."),
        ], only: ["terms"], context: Self.context)
        #expect(found.map(\.check) == ["terms.romanization"])
        #expect(found.first?.pairIndex == 2)
    }

    @Test func reportsRomanizedTermLeftInTranslation() throws {
        let found = Fixture.findings("A jip-kyul-so is run by the police.", "경찰이 jip-kyul-so를 운영한다.", only: ["untranslated.leftover"],
                                     context: Self.context)
        #expect(found.contains { $0.item == "term:jipkyulso" && $0.message.contains("write 집결소") })
    }

    @Test func termChecksAreOffWithoutGlossary() {
        let severities = CheckConfiguration().severities(context: Fixture.context)
        #expect(severities["terms.missing"] == nil)
        #expect(CheckConfiguration().severities(context: Self.context)["terms.missing"] == .error)
    }
}
