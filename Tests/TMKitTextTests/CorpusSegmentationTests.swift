import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// Segmentation on real news: NTREX-128 newstest2019, English and its Korean translation. Each
/// document's lines are joined with spaces into one paragraph, so the segmenter has to find
/// every sentence end itself; the corpus lines (mostly one sentence each) tell where they are.
struct CorpusSegmentationTests {
    struct SideFigures: CustomStringConvertible {
        var lines = 0
        /// Lines that end with sentence-final punctuation (possibly before a closing quote).
        var finalLines = 0
        var segments = 0
        /// Sentence-final line ends (not at a document's end) where no segment ended.
        var missedLineEnds = 0
        /// Segment ends inside a line (a line holding two sentences, or a wrong split).
        var endsInsideLines = 0
        var longest = 0
        var empty = 0
        var description: String {
            "lines \(lines), sentence-final lines \(finalLines), segments \(segments), missed line ends \(missedLineEnds), ends inside lines \(endsInsideLines), longest \(longest) characters"
        }
    }

    static let finalPunctuation: Set<Unicode.Scalar> = [".", "?", "!", "…", "。", "？", "！"]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]"]

    static func figures(_ documents: [[String]], language: LanguageTag) throws -> SideFigures {
        let segmenter = try Segmenter(language: language, data: DataDirectory.locate())
        var figures = SideFigures()
        for lines in documents {
            let text = lines.joined(separator: " ")
            let ranges = try segmenter.sentenceRanges(in: text)
            let sentences = try segmenter.sentences(in: text)
            figures.segments += ranges.count
            figures.lines += lines.count
            figures.longest = max(figures.longest, sentences.map(\.count).max() ?? 0)
            figures.empty += sentences.filter { $0.trimmingCharacters(in: .whitespaces).isEmpty }.count
            var ends = Set(ranges.map(\.upperBound))
            var offset = 0
            var lineEnds: [Int] = []
            for line in lines {
                offset += line.utf8.count
                lineEnds.append(offset)
                offset += 1
            }
            for (i, line) in lines.enumerated() {
                let last = line.unicodeScalars.reversed().first { !closers.contains($0) }
                guard let last, finalPunctuation.contains(last) else { continue }
                figures.finalLines += 1
                if i + 1 < lines.count && !ends.contains(lineEnds[i]) { figures.missedLineEnds += 1 }
            }
            ends.subtract(lineEnds)
            figures.endsInsideLines += ends.count
        }
        return figures
    }

    @Test
    func segmentsBothSidesOfNTREXSanely() throws {
        guard SharedData.available(SharedData.ntrexDirectory) else { return }
        let documents = try SharedData.ntrexDocuments()
        #expect(documents.count == 123)
        let english = try Self.figures(documents.map(\.english), language: .english)
        let korean = try Self.figures(documents.map(\.korean), language: .korean)
        print("NTREX en (\(documents.count) documents, each one paragraph): \(english)")
        print("NTREX ko (\(documents.count) documents, each one paragraph): \(korean)")

        for side in [english, korean] {
            #expect(side.lines == 1997)
            #expect(side.empty == 0)
            // A runaway segment (a chain of missed boundaries) would be far longer than the longest
            // corpus line (437 characters); the longest English segment is a run of headline lines
            // without final punctuation, which joining lines with spaces makes one sentence.
            #expect(side.longest < 1000)
            // Nearly every sentence-final line end is found.
            #expect(Double(side.missedLineEnds) < Double(side.finalLines) * 0.01)
        }
        // English lines are one sentence each, with a few holding two: within 2%.
        #expect(abs(english.segments - english.finalLines) <= english.finalLines / 50)
        #expect(english.endsInsideLines < 30)
        // Korean translators often split a long English sentence in two: more segments, never fewer.
        #expect(korean.segments >= korean.finalLines)
        #expect(korean.segments < korean.finalLines * 13 / 10)
    }
}
