import Foundation
import Testing
import TMKitTestSupport

/// The shipped bilingual sample: every fault listed in Samples/PLANTED-FAULTS.md is found by its
/// check at its line, and the clean translation yields no error-level finding. Runs the built
/// binary on the documents as a user would (aligned first, shipped glossary).
@Suite struct SampleReportTests {
    static let samples = SharedData.packageRoot + "/Samples"

    struct Planted: CustomStringConvertible {
        var line: Int
        var file: String
        var check: String
        var description: String { "\(file):\(line) \(check)" }
    }

    /// The table rows of PLANTED-FAULTS.md: `| line | file | `check` | what |`.
    static func planted() throws -> [Planted] {
        let text = try String(contentsOfFile: samples + "/PLANTED-FAULTS.md", encoding: .utf8)
        return text.split(separator: "\n").compactMap { row in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, let line = Int(cells[0]) else { return nil }
            return Planted(line: line, file: cells[1], check: cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`")))
        }
    }

    static func findings(_ target: String) throws -> (result: CommandRunner.Result, findings: [[String: Any]]) {
        let result = try CommandRunner.run(["check", "--format", "json", "report.en.md", target], directory: samples)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return (result, try #require(json["findings"] as? [[String: Any]]))
    }

    @Test func everyPlantedFaultIsFound() throws {
        let planted = try Self.planted()
        #expect(planted.count >= 12)
        let (result, findings) = try Self.findings("report.faulty.ko.md")
        #expect(result.exitCode == 1)
        for fault in planted {
            let found = findings.contains { finding in
                guard finding["check"] as? String == fault.check else { return false }
                let side = fault.file.hasSuffix(".en.md") ? "sourceLocation" : "targetLocation"
                let location = finding[side] as? [String: Any]
                return (location?["file"] as? String).map { $0.hasSuffix(fault.file) } == true && location?["line"] as? Int == fault.line
            }
            #expect(found, "planted fault not found: \(fault)")
        }
    }

    @Test func cleanTranslationHasNoError() throws {
        let (result, findings) = try Self.findings("report.ko.md")
        let errors = findings.filter { $0["severity"] as? String == "error" }
        #expect(errors.isEmpty, "\(errors.map { "\($0["check"] ?? ""): \($0["message"] ?? "")" })")
        #expect(result.exitCode == 0)
    }
}
