import TMKitAlignment
import TMKitText
import Testing

/// Paragraphs first, sentences inside them; the whole document when paragraphs do not match.
struct DocumentAlignerTests {
    @Test
    func matchingParagraphsKeepSentencesInTheirGroups() throws {
        let documents = DocumentAligner(sentences: try Flood.aligner())
        let plan = documents.plan(source: Flood.englishUnits, target: Flood.koreanUnits)
        #expect(plan.blocks?.count == 5, "\(plan.reason)")
        let (prepared, _) = documents.prepare(source: Flood.englishUnits, target: Flood.koreanUnits)
        let result = documents.sentences.align([prepared])[0]
        #expect(result.method == .paragraphs)
        #expect(Fixture.pairs(result.beads) == (0..<13).map { [[$0], [$0]] })
    }

    @Test
    func paragraphLeftOutOfTheTranslationLeavesItsSentencesOneSided() throws {
        let documents = DocumentAligner(sentences: try Flood.aligner())
        let korean = Flood.units(Array(Flood.korean[0..<3]) + Array(Flood.korean[4...]))  // paragraph 3 left out
        let (prepared, plan) = documents.prepare(source: Flood.englishUnits, target: korean)
        #expect(plan.blocks != nil, "\(plan.reason)")
        let result = documents.sentences.align([prepared])[0]
        #expect(
            result.omissions.map(\.source) == [7..<8, 8..<9, 9..<10],
            "\(plan.reason) \(String(describing: plan.paragraphs.map { Fixture.pairs($0.beads) })) \(String(describing: plan.blocks))")
    }

    @Test
    func oneSentenceALineAgainstParagraphsFallsBackToTheWholeDocument() throws {
        let documents = DocumentAligner(sentences: try Flood.aligner())
        // The Korean side as one paragraph a sentence, the English as five paragraphs.
        let korean = Flood.koreanUnits.enumerated().map { AlignmentUnit(text: $0.element.text, paragraph: $0.offset) }
        let plan = documents.plan(source: Flood.englishUnits, target: korean)
        #expect(plan.blocks == nil)
        #expect(plan.reason.contains("paragraph counts differ"))
        let (prepared, _) = documents.prepare(source: Flood.englishUnits, target: korean)
        let result = documents.sentences.align([prepared])[0]
        #expect(result.method == .document)
        #expect(Fixture.pairs(result.beads) == (0..<13).map { [[$0], [$0]] })
    }

    @Test
    func headingOnOneSideOnlyDoesNotShiftTheRest() throws {
        let documents = DocumentAligner(sentences: try Flood.aligner())
        let korean = Flood.units(Array(Flood.korean.dropFirst()))  // no title in the translation
        let (prepared, _) = documents.prepare(source: Flood.englishUnits, target: korean)
        let result = documents.sentences.align([prepared])[0]
        #expect(result.omissions.map(\.source) == [0..<1])
        #expect(result.beads.filter { !$0.isOneSided }.allSatisfy { $0.source.lowerBound == $0.target.lowerBound + 1 })
    }
}
