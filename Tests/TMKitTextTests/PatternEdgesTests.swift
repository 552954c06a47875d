import Testing
@testable import TMKitText

/// The edge analysis that lets the segmenter skip the regex engine must never be too narrow:
/// each case lists strings the pattern matches, and their edges must be inside the sets.
struct PatternEdgesTests {
    static func contains(_ set: String?, _ character: Character) throws -> Bool {
        guard let set else { return true }  // nil: anything
        // Check through ICU by compiling a one-class regex.
        let re = try Regex("^" + set + "$")
        return (try? re.wholeMatch(in: String(character))) != nil
    }

    @Test(arguments: [
        ("[.?!]{1,3}[(\\[]", ["다.(", "?["]),
        ("\\b(?:\\p{Lu}\\.){2,3}", ["U.S.", "U.N.", "A.B.C."]),
        ("\\p{Ll}\\s\\p{Lu}\\.", ["n F."]),
        ("[?!‽]{1,3}['\"”’)\\]]{0,3}", ["?", "!\"", "?”", "?!"]),
        ("^\\s{0,3}\\d{1,3}\\.", ["1.", " 12."]),
        ("\\b(?:Dr|Mr|Mrs)\\.", ["Dr.", "Mrs."]),
        ("[.?!…~]{1,3}['\"”’」』》〉)\\]]{1,3}", ["다.\"", "요?”」"]),
    ])
    func suffixSetsHoldEveryMatch(pattern: String, matches: [String]) throws {
        let edges = PatternEdges.suffix(of: pattern)
        for match in matches {
            let characters = Array(match)
            #expect(try Self.contains(edges.last, characters[characters.count - 1]), "\(pattern) last of \(match): \(edges.last ?? "any")")
            if characters.count >= 2 {
                #expect(try Self.contains(edges.secondLast, characters[characters.count - 2]), "\(pattern) second of \(match): \(edges.secondLast ?? "any")")
            }
        }
    }

    @Test func narrowSetsForTheShippedRules() {
        // The point of the analysis: a sentence ending in a lowercase word and a period is ruled out.
        #expect(PatternEdges.suffix(of: "\\b(?:\\p{Lu}\\.){2,3}").secondLast != nil)
        #expect(PatternEdges.suffix(of: "[.?!]{1,3}[(\\[]").last == "[(\\[]")
        #expect(PatternEdges.prefix(of: "\\s+(?!(?:The|A)\\b)\\p{Lu}") != nil)
        #expect(PatternEdges.prefix(of: ".") == nil)
        #expect(PatternEdges.suffix(of: "(?<name>x)").last == nil)  // not understood: anything
    }
}
