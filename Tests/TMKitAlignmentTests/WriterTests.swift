import Foundation
import TMKitAlignment
import TMKitText
import Testing

/// The output formats: what each line holds, and that text is escaped where it must be.
struct WriterTests {
    static let sides = AlignmentSides(sourceFile: "a.en.txt", targetFile: "a.ko.txt", sourceLanguage: .english, targetLanguage: .korean)

    func alignment() throws -> SentenceAlignment {
        var korean = Flood.koreanUnits
        korean.remove(at: 4)
        korean[0].location = SourceLocation(file: "a.ko.txt", line: 1, byteRange: 0..<59)
        return try Flood.aligner().align(source: Flood.englishUnits, target: korean)
    }

    func written(_ format: AlignmentFormat, _ alignment: SentenceAlignment, id: String? = nil) throws -> String {
        let path = NSTemporaryDirectory() + "tmkit-writer-\(UUID().uuidString)"
        let sink = try OutputSink.file(path)
        try AlignmentWriter(format: format, sides: Self.sides).write(alignment, id: id, to: sink)
        try sink.commit()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test
    func beadsFormatIsTheHarnesssIndexPairs() throws {
        let text = try written(.beads, alignment(), id: "doc.1")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "%%DOC doc.1")
        #expect(lines[1] == "0\t0")
        #expect(lines.contains("4\t"))  // the sentence left out
        #expect(lines.contains("5\t4"))
    }

    @Test
    func jsonlStartsWithASchemaHeaderAndGivesEachBeadsTextsAndPlaces() throws {
        let text = try written(.jsonl, alignment())
        let objects = try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let header = objects[0]
        #expect(header["type"] as? String == "alignment")
        #expect(header["schema"] as? String == AlignmentWriter.jsonSchema)
        #expect((header["target"] as? [String: Any])?["language"] as? String == "ko")
        let first = objects[1]
        #expect(first["type"] as? String == "bead")
        #expect(first["src"] as? [String] == [Flood.english[0][0]])
        #expect(first["tgt"] as? [String] == [Flood.korean[0][0]])
        #expect((first["tgtLocation"] as? [String: Any])?["line"] as? Int == 1)
        #expect((first["confidence"] as? Double ?? 0) > 0.5)
        let omission = try #require(objects.first { ($0["tgt"] as? [String])?.isEmpty == true })
        #expect(omission["kind"] as? String == "1-0")
        #expect(omission["src"] as? [String] == [Flood.english[2][0]])
    }

    @Test
    func tsvHasEightFieldsALineWithTabsEscaped() throws {
        var units = Flood.englishUnits
        units[0].text = "Flood recovery\tin Gangneung slows as winter nears"
        let result = try Flood.aligner().align(source: units, target: Flood.koreanUnits)
        let lines = try written(.tsv, result).split(separator: "\n")
        #expect(lines.count == result.beads.count)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 8 })
        #expect(lines[0].hasPrefix("Flood recovery\\tin Gangneung slows as winter nears\t"))
    }

    @Test
    func textFormatPutsTheSidesInTwoColumnsAndFlagsOmissions() throws {
        let text = try written(.text, alignment())
        let omitted = try #require(text.split(separator: "\n").first { $0.hasPrefix("!1-0") })
        #expect(omitted.contains("│ —"))
        #expect(text.split(separator: "\n").allSatisfy { $0.contains("│") })
    }

    @Test
    func htmlReportEscapesTextAndMarksOmissions() throws {
        var english = Flood.englishUnits
        english[0].text = "<script>alert('x')</script> & more"
        var korean = Flood.koreanUnits
        korean.remove(at: 4)
        let result = try Flood.aligner().align(source: english, target: korean)
        let page = HTMLReport(sides: Self.sides).render([(nil, result)], notes: ["a note with <b>"])
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
        #expect(page.contains("a note with &lt;b&gt;"))
        #expect(page.contains("<tr class=\"omitted\""))
        #expect(page.contains("1 left out of the translation") || page.contains("<b>1</b> left out"))
        #expect(!page.contains("http://") && !page.contains("https://"))  // self-contained
    }
}
