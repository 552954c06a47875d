import Testing
import TMKitChecks
import TMKitText

struct CheckConfigurationTests {
    @Test func setsSeveritiesByFamilyAndCheck() throws {
        let configuration = try CheckConfiguration.parse("""
        {
          "schemaVersion": 1,
          "checks": { "form.repeated-word": "error", "form": "off", "numbers.unit": "info", "consistency": "on" }
        }
        """, file: "tmkit-check.json")
        let severities = configuration.severities(context: Fixture.context)
        #expect(severities["form.repeated-word"] == .error, "a check id wins over its family, whatever the order")
        #expect(severities["form.quotes"] == nil)
        #expect(severities["numbers.unit"] == .info)
        #expect(severities["numbers.mismatch"] == .error)
        #expect(severities["consistency.source"] == .warning)
    }

    @Test func onlyAndSkipApplyLast() {
        let severities = CheckConfiguration().severities(context: Fixture.context, only: ["numbers", "untranslated.empty"], skip: ["numbers.unit"])
        #expect(Set(severities.keys) == ["numbers.mismatch", "untranslated.empty"])
    }

    @Test(arguments: [
        ("{\n  \"checks\": { \"numbers.mismatch\": \"loud\" }\n}", 2, "'loud' is not a check setting"),
        ("{\n  \"checks\": {\n    \"numbers.wrong\": \"off\"\n  }\n}", 3, "unknown check 'numbers.wrong'"),
        ("{\n  \"checks\": { \"form\": \"off\" },\n  \"ignore\": [ { \"signature\": \"xyz\" } ]\n}", 3, "'xyz' is not a finding signature"),
        ("{\n  \"checks\": { \"form\": \"off\" \n  \"ignore\": []\n}", 3, "expected ',' or '}'"),
        ("{\n  \"colour\": true\n}", 2, "unknown key 'colour'"),
        ("[1, 2]", 1, "not an object"),
    ])
    func rejectsBadFilesWithTheirLine(text: String, line: Int, message: String) {
        do {
            _ = try CheckConfiguration.parse(text, file: "tmkit-check.json")
            Issue.record("accepted: \(text)")
        } catch let error as TMKitError {
            #expect(error.file == "tmkit-check.json")
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.code == .invalidData)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func ignoreListSilencesFindingsBySignature() throws {
        let texts = [("80,000 people", "8천 명"), ("Nine people", "8명")]
        let first = Fixture.findings(texts, only: ["numbers"])
        #expect(first.count == 2)
        let configuration = try CheckConfiguration.parse("""
        { "ignore": [ { "signature": "\(first[0].signature)", "reason": "checked with the author" }, "0123456789abcdef" ] }
        """, file: "c.json")
        let result = CheckRunner(context: Fixture.context, configuration: configuration, only: ["numbers"]).run(Fixture.pairs(texts))
        #expect(result.findings.map(\.item) == [first[1].item])
        #expect(result.ignoredCount == 1)
        #expect(result.unusedIgnores.map(\.signature) == ["0123456789abcdef"])
    }
}

struct FindingSignatureTests {
    @Test func survivesMovesAndWhiteSpaceButNotEdits() {
        let a = Fixture.findings([("Intro.", "소개."), ("80,000 people", "8천 명")], only: ["numbers"])
        let b = Fixture.findings([("80,000  people", " 8천 명")], only: ["numbers"])
        #expect(a.count == 1 && b.count == 1)
        #expect(a[0].signature == b[0].signature, "the pair moved and gained spaces: same finding")
        let c = Fixture.findings([("80,000 people", "8천 명이")], only: ["numbers"])
        #expect(c[0].signature != a[0].signature, "the translation changed: a new finding")
    }

    @Test func isTheSameInEveryRun() {
        // Fixed value: the signature must not depend on the process (Swift's Hasher is seeded).
        #expect(FindingSignature.make(check: "numbers.mismatch", source: "80,000 people", target: "8천 명", item: "-80000,+8000")
            == FindingSignature.make(check: "numbers.mismatch", source: "80,000 people", target: "8천 명", item: "-80000,+8000"))
        #expect(FindingSignature.make(check: "a", source: "b", target: "c", item: "d") == "\(Self.expectedABCD)")
    }

    /// Computed once with this implementation; a change here breaks every user's ignore list.
    static let expectedABCD = "d6db89e3fe863e21"
}
