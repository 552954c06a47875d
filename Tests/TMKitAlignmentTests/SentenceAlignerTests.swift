import TMKitAlignment
import TMKitText
import Testing

/// Whole alignments of the test report and its translation, changed the ways translations are:
/// a sentence left out, two sentences merged, one split, one added.
struct SentenceAlignerTests {
    @Test
    func translationSentenceForSentenceAlignsOneToOne() throws {
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: Flood.koreanUnits)
        #expect(Fixture.pairs(result.beads) == (0..<13).map { [[$0], [$0]] })
        #expect(result.beads.allSatisfy { $0.confidence > 0.8 })
        #expect(result.meanConfidence > 0.9)
    }

    @Test(arguments: [1, 4, 8, 11])
    func sentenceLeftOutOfTheTranslationIsFound(left: Int) throws {
        var korean = Flood.koreanUnits
        korean.remove(at: left)
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: korean)
        let omitted = result.omissions.map(\.source)
        #expect(omitted == [left..<(left + 1)], "expected English sentence \(left) left out, got \(omitted)")
        #expect(result.additions.isEmpty)
    }

    @Test(arguments: [1, 5, 9])
    func twoSentencesTranslatedAsOneMakeATwoToOneBead(first: Int) throws {
        var korean = Flood.koreanUnits
        korean[first].text += " " + korean[first + 1].text
        korean.remove(at: first + 1)
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: korean)
        #expect(
            result.beads.contains { $0.source == first..<(first + 2) && $0.target == first..<(first + 1) },
            "\(Fixture.pairs(result.beads))")
        #expect(result.omissions.isEmpty)
    }

    @Test
    func sentenceTranslatedAsTwoMakesAOneToTwoBead() throws {
        var korean = Flood.koreanUnits
        // 강을 따라 있는 논은 진흙으로 덮였고, | 많은 농민들은 …
        korean.replaceSubrange(
            11..<12,
            with: [
                AlignmentUnit(text: "강을 따라 있는 논은 진흙으로 덮였다."),
                AlignmentUnit(text: "많은 농민들은 내년에 모내기를 할 수 없을 것이라고 말한다."),
            ])
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: korean)
        #expect(result.beads.contains { $0.source == 11..<12 && $0.target == 11..<13 }, "\(Fixture.pairs(result.beads))")
    }

    @Test
    func sentenceAddedInTheTranslationIsAZeroToOneBead() throws {
        var korean = Flood.koreanUnits
        korean.insert(AlignmentUnit(text: "이 기사는 지역 신문과 함께 작성되었으며, 사진은 독자들이 보내 주었다."), at: 7)
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: korean)
        #expect(result.additions.map(\.target) == [7..<8])
        #expect(result.omissions.isEmpty)
    }

    @Test
    func numbersDecideBetweenSentencesOfAlikeLength() throws {
        // Two English sentences of the same shape; only the numbers tell which is which.
        let english = ["The first shelter holds 120 people.", "The second shelter holds 45 people.", "Both are full."]
        let korean = ["두 번째 대피소에는 45명이 머문다.", "둘 다 가득 찼다."]
        let result = try Flood.aligner().align(
            source: english.map { AlignmentUnit(text: $0) }, target: korean.map { AlignmentUnit(text: $0) })
        #expect(result.omissions.map(\.source) == [0..<1], "\(Fixture.pairs(result.beads))")
    }

    @Test
    func headingOnOneSideIsLeftOutRatherThanMergedIntoTheNextSentence() throws {
        var english = Flood.englishUnits
        english.insert(AlignmentUnit(text: "Shelters", paragraph: 2, isHeading: true), at: 4)
        let result = try Flood.aligner().align(source: english, target: Flood.koreanUnits)
        #expect(result.omissions.map(\.source) == [4..<5], "\(Fixture.pairs(result.beads))")
        // Without the heading mark the short line is merged into its neighbour's bead.
        english[4].isHeading = false
        let unmarked = try Flood.aligner().align(source: english, target: Flood.koreanUnits)
        #expect(unmarked.omissions.isEmpty)
    }

    @Test
    func emptySideGivesOneSidedBeads() throws {
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: [])
        #expect(result.beads.count == 13)
        #expect(result.beads.allSatisfy { $0.target.isEmpty })
    }

    @Test
    func documentsAlignedTogetherMatchDocumentsAlignedApart() throws {
        let aligner = try Flood.aligner()
        var korean = Flood.koreanUnits
        korean.remove(at: 4)
        let batch = aligner.align(aligner.prepare([(Flood.englishUnits, Flood.koreanUnits, nil), (Flood.englishUnits, korean, nil)]))
        #expect(batch.count == 2)
        #expect(Fixture.pairs(batch[0].beads) == (0..<13).map { [[$0], [$0]] })
        #expect(batch[1].omissions.map(\.source) == [4..<5])
    }
}

typealias Fixture = Flood
