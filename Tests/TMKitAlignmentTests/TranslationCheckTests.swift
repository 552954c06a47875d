import TMKitAlignment
import TMKitText
import Testing

/// Telling a translation from an unrelated text, and lengths far from a translation's.
struct TranslationCheckTests {
    @Test
    func translationIsPlausible() throws {
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: Flood.koreanUnits)
        let check = TranslationCheck.assess(result)
        #expect(check.isPlausible)
        #expect(check.reasons.isEmpty)
        #expect((check.score ?? 0) > 1)
    }

    @Test
    func unrelatedTextIsNotATranslationAndTheEvidenceIsGiven() throws {
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: Flood.unrelatedKorean.map { AlignmentUnit(text: $0) })
        let check = TranslationCheck.assess(result)
        #expect(!check.isPlausible)
        let sides = AlignmentSides(sourceFile: "flood.en.txt", targetFile: "game.ko.txt", sourceLanguage: .english, targetLanguage: .korean)
        let message = check.explanation(sides: sides)
        #expect(message.contains("game.ko.txt does not look like a translation of flood.en.txt"))
        #expect(message.contains("numbers and names"))
        #expect(message.contains("mean confidence"))
    }

    @Test
    func translationTenTimesLongerThanExpectedIsWarnedAbout() throws {
        let korean = Flood.koreanUnits + Array(repeating: Flood.koreanUnits, count: 9).flatMap { $0 }
        let result = try Flood.aligner().align(source: Flood.englishUnits, target: korean)
        let check = TranslationCheck.assess(result)
        #expect(check.lengthFactor > 8)
        let sides = AlignmentSides(sourceFile: "a.en", targetFile: "b.ko", sourceLanguage: .english, targetLanguage: .korean)
        let warning = try #require(check.lengthWarning(sides: sides))
        #expect(warning.contains("b.ko is"))
        #expect(warning.contains("times as long as a translation of a.en would be"))
    }

    @Test
    func tooLittleToGoOnIsNotJudged() throws {
        let result = try Flood.aligner().align(
            source: [AlignmentUnit(text: "Why did the warning system fail?")],
            target: [AlignmentUnit(text: "오정우는 올 시즌 11승째를 거뒀다.")])
        let check = TranslationCheck.assess(result)
        #expect(check.isPlausible)
        #expect(check.score == nil)
    }
}
