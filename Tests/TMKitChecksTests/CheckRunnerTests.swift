import Testing
import TMKitChecks
import TMKitText

struct CheckRunnerTests {
    /// A run long enough to be split over the cores finds what each pair finds on its own, in
    /// document order (by pair, then by family), whichever chunk a pair fell in.
    @Test func parallelRunKeepsEachPairsFindingsInDocumentOrder() {
        let texts: [(String, String)] = (0..<2000).map { i in
            switch i % 7 {
            case 0: return ("In \(1990 + i % 30) there were \(i) guards.", "\(1990 + i % 30)년에는 경비원이 \(i + 1)명 있었다.")  // a wrong number
            case 3: return ("The camp (No. \(i)) was closed.", "수용소(제\(i)호가  폐쇄되었다.")  // bracket open, double space
            default: return ("The camp held \(i) people.", "수용소에는 \(i)명이 수용되어 있었다.")
            }
        }
        let pairs = Fixture.pairs(texts)
        let runner = CheckRunner(context: Fixture.context)
        let whole = runner.run(pairs).findings
        let oneByOne = pairs.flatMap { runner.run([$0]).findings }
        #expect(whole.count > 0)
        #expect(whole.map(\.check) == oneByOne.map(\.check))
        #expect(whole.map(\.pairIndex) == oneByOne.map(\.pairIndex))
        #expect(Set(whole.filter { $0.check == "numbers.mismatch" }.map(\.pairIndex)) == Set(stride(from: 0, to: 2000, by: 7)))
    }
}
