import Testing
import TMKitChecks
import TMKitText

struct PairInputsTests {
    static func file(_ path: String, _ text: String) throws -> TextFile {
        try TextFile.decode(Array(text.utf8), path: path)
    }

    @Test func pairsLinesWithTheirLocations() throws {
        let pairs = try PairInputs.presegmented(source: Self.file("en.txt", "One.\n\n  Two.\r\nThree.\n"),
                                                target: Self.file("ko.txt", "하나.\n\n둘.  \r\n\n"))
        #expect(pairs.map(\.source) == ["One.", "Two.", "Three."])
        #expect(pairs.map(\.target) == ["하나.", "둘.", ""])
        #expect(pairs.map { $0.sourceLocation?.line } == [1, 3, 4])
        #expect(pairs[1].sourceLocation?.byteRange == 8..<12, "after the two leading spaces")
        #expect(pairs.map(\.index) == [0, 1, 2])
    }

    @Test func refusesFilesOfDifferentLength() throws {
        #expect(throws: TMKitError.self) {
            try PairInputs.presegmented(source: Self.file("en.txt", "One.\nTwo.\nThree.\n"), target: Self.file("ko.txt", "하나.\n둘.\n"))
        }
    }

    @Test func turnsBeadsIntoPairs() {
        func segment(_ text: String, _ i: Int, _ file: String) -> Segment {
            Segment(text: text, paragraphIndex: 0, indexInParagraph: i,
                    location: SourceLocation(file: file, line: i + 1, byteRange: (i * 10)..<(i * 10 + 5)))
        }
        let source = ["A.", "B.", "C.", "D."].enumerated().map { segment($1, $0, "en") }
        let target = ["가.", "나다.", "라.", "마."].enumerated().map { segment($1, $0, "ko") }
        let pairs = PairInputs.aligned(source: source, target: target, groups: [
            .init(source: 0..<1, target: 0..<1, score: 0.9),
            .init(source: 1..<3, target: 1..<2, score: 0.7),
            .init(source: 3..<4, target: 2..<2),
            .init(source: 4..<4, target: 2..<4),
        ])
        #expect(pairs.map(\.link) == [.pair, .pair, .sourceOnly, .targetOnly, .targetOnly])
        #expect(pairs[1].source == "B. C.")
        #expect(pairs[1].sourceLocation?.byteRange == 10..<25)
        #expect(pairs[2].source == "D." && pairs[2].target.isEmpty)
        #expect(pairs[4].target == "마." && pairs[4].targetLocation?.line == 4)
    }
}
