import TMKitAlignment
import TMKitText
import Testing

/// Sentences the segmenter ran together are cut where both languages agree, and only there.
struct BeadSplitterTests {
    func refine(_ english: [String], _ korean: [String]) throws -> SentenceAlignment {
        let aligner = try Flood.aligner()
        let prepared = aligner.prepare(source: english.map { AlignmentUnit(text: $0) }, target: korean.map { AlignmentUnit(text: $0) })
        let result = aligner.align([prepared])[0]
        return BeadSplitter(aligner: aligner).refine(result, anchors: prepared.anchors)
    }

    @Test
    func titleRunIntoTheFirstSentenceIsCutOnBothSides() throws {
        let english = [
            "Flood recovery in Gangneung slows as winter nears Gangneung city officials said on Tuesday that 80,000 residents are still without clean water.",
            "About 3,000 homes were damaged when the Namdae River burst its banks in August.",
        ]
        let korean = [
            "겨울을 앞두고 강릉의 홍수 복구가 더뎌지다 강릉시 관계자들은 화요일 주민 8만 명이 여전히 깨끗한 물을 쓰지 못하고 있다고 밝혔다.",
            "8월 남대천이 범람했을 때 약 3천 채의 주택이 피해를 입었다.",
        ]
        let result = try refine(english, korean)
        #expect(
            result.source.map(\.text) == [
                "Flood recovery in Gangneung slows as winter nears",
                "Gangneung city officials said on Tuesday that 80,000 residents are still without clean water.",
                english[1],
            ])
        #expect(
            result.target.map(\.text) == [
                "겨울을 앞두고 강릉의 홍수 복구가 더뎌지다",
                "강릉시 관계자들은 화요일 주민 8만 명이 여전히 깨끗한 물을 쓰지 못하고 있다고 밝혔다.", korean[1],
            ])
        #expect(Fixture.pairs(result.beads) == [[[0], [0]], [[1], [1]], [[2], [2]]])
    }

    @Test
    func sentenceAfterAnAcronymsFullStopIsCutWhenTheTranslationHasTwo() throws {
        let english = ["Officials met the EU and NATO. Mayor Kim Hong-gyu said repairs would take until March 2025."]
        let korean = ["관계자들은 EU와 NATO를 만났다.", "김홍규 시장은 복구 작업이 2025년 3월까지 걸릴 것이라고 말했다."]
        let result = try refine(english, korean)
        #expect(result.source.count == 2)
        #expect(Fixture.pairs(result.beads) == [[[0], [0]], [[1], [1]]])
    }

    @Test
    func oneSentenceWithCapitalizedNamesIsNotCut() throws {
        let english = [
            "Volunteers from Seoul and Busan have arrived to help Mayor Kim Hong-gyu in Gangneung.",
            "The city has opened 12 shelters in schools and churches.",
        ]
        let korean = ["서울과 부산에서 온 자원봉사자들이 강릉의 김홍규 시장을 돕기 위해 도착했다.", "시는 학교와 교회에 대피소 12곳을 열었다."]
        let result = try refine(english, korean)
        #expect(result.source.map(\.text) == english)
        #expect(result.target.map(\.text) == korean)
    }
}
