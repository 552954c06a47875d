import Testing
import TMKitText
import TMKitTestSupport

/// On real professional translations (NTREX, line-aligned), count the lines whose numbers do not
/// correspond: a number on one side that no mention on the other side explains. Most such lines
/// are real translation faults in the reference; the rest are false alarms, which must stay rare.
@Suite struct NumberExtractorCorpusTests {
    @Test(.enabled(if: SharedData.available(SharedData.ntrexDirectory)))
    func fewNumberMismatchesOnProfessionalTranslations() throws {
        let documents = try SharedData.ntrexDocuments()
        let data = try DataDirectory.locate()
        let english = try NumberExtractor(language: .english, data: data)
        let korean = try NumberExtractor(language: .korean, data: data)
        var lines = 0
        var mismatched = 0
        for document in documents {
            for (en, ko) in zip(document.english, document.korean) {
                lines += 1
                let a = english.numbers(in: en)
                let b = korean.numbers(in: ko)
                let unexplained = a.filter { m in !m.isWeak && !m.isApproximate && !b.contains { $0.sameValue(as: m) } }
                    + b.filter { m in !m.isWeak && !m.isApproximate && !a.contains { $0.sameValue(as: m) } }
                if !unexplained.isEmpty { mismatched += 1 }
            }
        }
        print("NTREX: \(mismatched) of \(lines) lines have numbers that do not correspond")
        #expect(lines == 1997)
        // Judged by eye (see the issue note): about 10 of these are real faults in the reference.
        #expect(mismatched < 30)
    }
}
