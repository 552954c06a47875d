import TMKitAlignment
import TMKitTestSupport
import TMKitText
import Testing

/// On real professional translations (NTREX, line-aligned): with every twentieth Korean line left
/// out and every fifteenth pair of lines merged, the aligner finds the lines again.
struct NTREXAlignmentTests {
    @Test(.enabled(if: SharedData.available(SharedData.ntrexDirectory)))
    func perturbedNewsTranslationsAlignWithHighLinkF1() throws {
        let documents = try SharedData.ntrexDocuments()
        let aligner = try Flood.aligner()
        var gold: [[Bead]] = []
        var inputs: [([AlignmentUnit], [AlignmentUnit], [SentenceAligner.Block]?)] = []
        var line = 0
        for document in documents {
            var korean: [AlignmentUnit] = []
            var beads: [Bead] = []
            var i = 0
            while i < document.korean.count {
                line += 1
                if line % 20 == 0 {
                    beads.append(Bead(source: i..<(i + 1), target: korean.count..<korean.count))
                    i += 1
                } else if line % 15 == 0 && i + 1 < document.korean.count {
                    beads.append(Bead(source: i..<(i + 2), target: korean.count..<(korean.count + 1)))
                    korean.append(AlignmentUnit(text: document.korean[i] + " " + document.korean[i + 1]))
                    i += 2
                } else {
                    beads.append(Bead(source: i..<(i + 1), target: korean.count..<(korean.count + 1)))
                    korean.append(AlignmentUnit(text: document.korean[i]))
                    i += 1
                }
            }
            gold.append(beads)
            inputs.append((document.english.map { AlignmentUnit(text: $0) }, korean, nil))
        }
        let results = aligner.align(aligner.prepare(inputs))
        var truePositives = 0
        var predicted = 0
        var expected = 0
        func links(_ beads: [Bead]) -> Set<[Int]> {
            Set(beads.flatMap { bead in bead.source.flatMap { s in bead.target.map { [s, $0] } } })
        }
        for (result, goldBeads) in zip(results, gold) {
            let p = links(result.beads)
            let g = links(goldBeads)
            truePositives += p.intersection(g).count
            predicted += p.count
            expected += g.count
        }
        let precision = Double(truePositives) / Double(predicted)
        let recall = Double(truePositives) / Double(expected)
        let f1 = 2 * precision * recall / (precision + recall)
        print("NTREX alignment: precision \(precision), recall \(recall), F1 \(f1)")
        #expect(f1 > 0.96)
        #expect(results.allSatisfy { TranslationCheck.assess($0).isPlausible })
    }
}
