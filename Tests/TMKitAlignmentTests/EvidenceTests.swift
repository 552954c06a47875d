import TMKitAlignment
import TMKitText
import Testing

/// What the evidence layer finds in sentences: names across scripts, numbers by value, lengths.
struct EvidenceTests {
    let transliterator: CachedTransliterator

    init() throws {
        transliterator = try CachedTransliterator(id: "Hangul-Latin")
    }

    // MARK: - Names across scripts

    @Test(arguments: [
        ("Kim Jong-Un", "김정은"), ("Yodok", "요덕"), ("Macedonia", "마케도니아"), ("Zoran", "조란"), ("Zaev", "자에프"),
        ("California", "캘리포니아"), ("Liverpool", "리버풀"), ("Chelsea", "첼시"), ("Jones", "존스"), ("Trump", "트럼프"),
        ("Smith", "스미스"), ("Greece", "그리스"),
    ])
    func englishNameAndItsHangulSpellingShareAKey(english: String, korean: String) {
        let latin = PhoneticKey.keys(english.replacingOccurrences(of: "-", with: ""))
        let hangul = PhoneticKey.key(transliterator.latin(korean), spelling: .phonetic)
        #expect(latin.contains(hangul), "\(english) → \(latin), \(korean) → \(hangul)")
    }

    @Test(arguments: [("Macedonia", "마케도니아인들이"), ("Jones", "존스에게"), ("Kim Jong-Un", "김정은과")])
    func hangulNameWithParticleStartsWithTheEnglishKey(english: String, korean: String) {
        let latin = PhoneticKey.keys(english.replacingOccurrences(of: "-", with: ""))
        let hangul = PhoneticKey.key(transliterator.latin(korean), spelling: .phonetic)
        #expect(latin.contains { hangul.hasPrefix($0) && hangul != $0 }, "\(korean) → \(hangul) should start with one of \(latin)")
    }

    @Test(arguments: [("Seoul", "부산"), ("Kim", "박민호"), ("Macedonia", "캘리포니아")])
    func differentNamesHaveDifferentKeys(english: String, korean: String) {
        #expect(!PhoneticKey.keys(english).contains(PhoneticKey.key(transliterator.latin(korean), spelling: .phonetic)))
    }

    @Test
    func anchorTableResolvesAHangulNameToTheEnglishName() throws {
        let aligner = try Flood.aligner()
        let prepared = aligner.prepare(
            source: [AlignmentUnit(text: "Mayor Kim Hong-gyu visited Seoul."), AlignmentUnit(text: "It rained.")],
            target: [AlignmentUnit(text: "김홍규 시장이 서울을 방문했다."), AlignmentUnit(text: "비가 내렸다.")])
        let names = prepared.anchors.keys.filter { $0.kind == .name }.map(\.value)
        #expect(names.contains(PhoneticKey.key("Seoul")))
        // 김홍규 (gimhong-gyu) is one word; the English name is three: the joined key starts it.
        #expect(names.contains { $0.hasPrefix(PhoneticKey.key("Kim")) && $0.utf8.count >= 3 })
        #expect(prepared.anchors.shared(source: 0..<1, target: 0..<1).weight > 0)
    }

    // MARK: - Numbers

    @Test(arguments: [
        ("80,000 residents", "주민 8만 명"), ("About 3,000 homes", "약 3천 채의 주택"), ("in 2013", "2013년에"),
        ("camp No. 22", "제22호 관리소"), ("for nine weeks", "9주째"), ("120 billion won", "1,200억 원"), ("$90 million", "9천만 달러"),
    ])
    func numbersWrittenDifferentlyAnchorByValue(english: String, korean: String) throws {
        let aligner = try Flood.aligner()
        let prepared = aligner.prepare(source: [AlignmentUnit(text: english)], target: [AlignmentUnit(text: korean)])
        let numbers = prepared.anchors.keys.filter { $0.kind == .number }
        #expect(!numbers.isEmpty, "no shared number between \(english) and \(korean)")
        #expect(prepared.anchors.shared(source: 0..<1, target: 0..<1).unmatchedNumbers == 0)
    }

    @Test
    func aNumberOnOneSideOnlyIsCountedAsUnmatched() throws {
        let aligner = try Flood.aligner()
        let prepared = aligner.prepare(
            source: [AlignmentUnit(text: "About 3,000 homes were damaged in 2013."), AlignmentUnit(text: "There were 3,000.")],
            target: [AlignmentUnit(text: "약 3천 채의 주택이 피해를 입었다."), AlignmentUnit(text: "2013년이었다.")])
        // 2013 is shared by the documents but not by the first pair.
        #expect(prepared.anchors.shared(source: 0..<1, target: 0..<1).unmatchedNumbers == 1)
        #expect(prepared.anchors.shared(source: 0..<1, target: 0..<2).unmatchedNumbers == 0)
    }

    // MARK: - Length

    @Test
    func hangulSyllablesWeighAsTheProfileSays() throws {
        let data = try DataDirectory.locate()
        let korean = LengthCounter(profile: try AlignmentProfile.load(for: .korean, data: data))
        let english = LengthCounter(profile: try AlignmentProfile.load(for: .english, data: data))
        #expect(korean.length(of: "서울 MWP") == 2 * 2 + 3)
        #expect(english.length(of: "Seoul is big.") == 11)
    }

    @Test
    func lengthCostIsLowestAtTheExpectedRatio() {
        let model = LengthModel(ratio: 0.5, sigma: 0.2)
        let expected = model.cost(source: 100, target: 50)
        #expect(expected < model.cost(source: 100, target: 70))
        #expect(expected < model.cost(source: 100, target: 35))
        #expect(abs(model.deviation(source: 100, target: 50)) < 1e-9)
    }

    @Test
    func shortDocumentsLeanOnThePriorRatio() {
        let short = LengthModel.estimateRatio(sourceTotal: 100, targetTotal: 200, sentences: 1, prior: 1)
        let long = LengthModel.estimateRatio(sourceTotal: 10_000, targetTotal: 20_000, sentences: 200, prior: 1)
        #expect(short > 1 && short < 1.2)
        #expect(long > 1.9 && long <= 2)
    }

    // MARK: - Soft boundaries

    @Test
    func headingRunIntoASentenceIsACandidateCut() throws {
        let data = try DataDirectory.locate()
        let english = try AlignmentProfile.load(for: .english, data: data).softBoundaries
        let text = "Flood recovery slows as winter nears The city said on Tuesday that water is short."
        let cuts = english.candidates(in: text)
        let offset = text.utf8.count - "The city said on Tuesday that water is short.".utf8.count
        #expect(cuts.contains { $0.offset == offset && $0.strength == .likelyHeading })
        // "as" cannot end a heading.
        let asOffset = text.utf8.count - "winter nears The city said on Tuesday that water is short.".utf8.count
        #expect(!cuts.contains { $0.offset == asOffset && $0.strength >= .heading })
    }

    @Test
    func koreanDeclarativeEndingBeforeASpaceIsAStrongCut() throws {
        let data = try DataDirectory.locate()
        let korean = try AlignmentProfile.load(for: .korean, data: data).softBoundaries
        let text = "강릉의 홍수 복구가 더뎌지다 강릉시 관계자들은 화요일 밝혔다."
        let strong = korean.candidates(in: text).filter { $0.strength == .strong }
        #expect(strong.count == 1)
        #expect(strong.first?.offset == text.utf8.count - "강릉시 관계자들은 화요일 밝혔다.".utf8.count)
    }
}
