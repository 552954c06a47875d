import Foundation

/// Numbers as anchors, by value: `26,750` and `26750`; `8만` (80,000) and `80,000`; `3.26 million`
/// and `326만`; `2013년` and `2013`; `No. 22` and `제22호`; `nine` and `9`. Units and number words
/// come from the language's profile.
public struct NumberAnchors: AnchorSource {
    public init() {}

    public func collect(in text: String, words: [WordToken], profile: AlignmentProfile, into anchors: inout [AnchorKey]) {
        for value in Self.values(in: text, profile: profile) {
            anchors.append(AnchorKey(.number, Self.canonical(value)))
        }
        if !profile.numberWords.isEmpty {
            for word in words where word.kind == .latin || word.kind == .foreign {
                if let value = profile.numberWords[word.text.lowercased()] {
                    anchors.append(AnchorKey(.number, Self.canonical(value)))
                }
            }
        }
    }

    /// The numbers written with digits in `text`, with the units written after them applied.
    /// - Complexity: O(n).
    public static func values(in text: String, profile: AlignmentProfile) -> [Double] {
        let scalars = Array(text.unicodeScalars)
        var result: [Double] = []
        var i = 0
        let n = scalars.count
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < n && scalars[k].value >= 0x30 && scalars[k].value <= 0x39 }
        while i < n {
            guard isDigit(i) else { i += 1; continue }
            // Digits, thousands groups (`26,750`), a decimal part (`3.26`).
            var digits = ""
            while isDigit(i) { digits.unicodeScalars.append(scalars[i]); i += 1 }
            while i < n, scalars[i] == ",", isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), !isDigit(i + 4) {
                for k in 1...3 { digits.unicodeScalars.append(scalars[i + k]) }
                i += 4
            }
            if i + 1 < n, scalars[i] == ".", isDigit(i + 1) {
                digits.append(".")
                i += 1
                while isDigit(i) { digits.unicodeScalars.append(scalars[i]); i += 1 }
            }
            guard var value = Double(digits) else { continue }
            // A unit right after the number, or after one space: `8만`, `3.26 million`.
            var j = i
            if j < n, scalars[j] == " " { j += 1 }
            var word = String.UnicodeScalarView()
            var k = j
            while k < n, scalars[k].properties.isAlphabetic { word.append(scalars[k]); k += 1 }
            if !word.isEmpty, !profile.numberUnits.isEmpty {
                let whole = String(word).lowercased()
                if let unit = profile.numberUnits[whole] {
                    value *= unit
                    i = k
                } else {
                    // Units glued in a row (`2천만` = 2 × 1000 × 10000).
                    var used = 0
                    for scalar in word {
                        guard let unit = profile.numberUnits[String(scalar)] else { break }
                        value *= unit
                        used += 1
                    }
                    if used > 0 { i = j + used }
                }
            }
            result.append(value)
        }
        return result
    }

    /// `80000`, `3.26`: whole numbers without a decimal point, others with up to four decimals.
    static func canonical(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e18 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
