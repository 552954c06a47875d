@testable import TMKitMemory
import Testing

/// The import's fast paths give what the plain definitions give: the ASCII fold is the general
/// fold, and the winnowing loop keeps, of every window of four padded trigrams, the one of
/// smallest rank.
@Suite struct MatchKeyFastPathTests {
    /// Random texts: ASCII words with runs of every kind of white space, Hangul, both mixed.
    static func texts(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["The", "camp", "KWALLISO", "no.", "15", " ", "  ", "\t", "\n", "\r\n", " \t ", "관리소", "에서", "정치범", "x", "A-B", "…"]
        return (0..<count).map { _ in (0..<next(24)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    /// The winnowed trigrams by their definition: every padded trigram, and of each window of
    /// `MatchKey.window` of them (all of them when fewer) the one of smallest rank.
    static func referenceIndexGrams(_ key: MatchKey) -> [Int64] {
        let s = key.scalars.map(Int64.init)
        guard !s.isEmpty else { return [] }
        let padded = [0, 0] + s + [0, 0]
        let grams = (0..<(padded.count - 2)).map { (padded[$0] << 42 | padded[$0 + 1] << 21 | padded[$0 + 2]) & Int64.max }
        let rank = { (g: Int64) in UInt64(bitPattern: g) &* 0xD6E8_FEB8_6659_FD93 }
        let windows = grams.count < MatchKey.window ? [grams[...]] : (0...(grams.count - MatchKey.window)).map { grams[$0..<($0 + MatchKey.window)] }
        return Array(Set(windows.map { $0.min { rank($0) < rank($1) }! })).sorted()
    }

    @Test func winnowingKeepsTheSmallestRankOfEveryWindow() {
        for text in Self.texts(count: 2000, seed: 7) + ["", "a", "ab", "abc", "abcd", "aaaaaaaaaa", "abababababab"] {
            let key = MatchKey(text)
            #expect(key.indexGrams == Self.referenceIndexGrams(key), "\(text.debugDescription)")
        }
    }

    /// The one-pass ASCII path gives the key's hash and the grams `indexGrams(into:)` writes
    /// (the same multiset once sorted and made unique, as the index keeps them).
    @Test func oneCallForHashAndGramsIsTheKeysHashAndGrams() {
        let texts = Self.texts(count: 3000, seed: 5).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
            + ["", " ", "a", " a ", "ab", "abc", "a b", "  A\tB  ", "aaaaaaaa", "x y z w v u"]
        for text in texts {
            let key = MatchKey(text)
            let bytes = Array(text.utf8)
            var out = [Int64](repeating: -1, count: bytes.count + 2)
            var scratch = [UInt8](repeating: 0xFF, count: bytes.count + 2)
            let result = bytes.withUnsafeBufferPointer { b in
                scratch.withUnsafeMutableBufferPointer { k in out.withUnsafeMutableBufferPointer { MatchKey.hashAndGramsASCII(b, key: k.baseAddress!, into: $0.baseAddress!) } }
            }
            guard let result else {
                Issue.record("ASCII text refused: \(text.debugDescription)")
                continue
            }
            #expect(result.hash == key.hash, "\(text.debugDescription)")
            var expected = [Int64](repeating: 0, count: key.scalars.count + 2)
            let count = expected.withUnsafeMutableBufferPointer { key.indexGrams(into: $0.baseAddress!) }
            #expect(Array(out[0..<result.count]) == Array(expected[0..<count]), "\(text.debugDescription)")
        }
        let korean = Array("관리소".utf8)
        var room = [Int64](repeating: 0, count: korean.count + 2)
        var scratch = [UInt8](repeating: 0, count: korean.count + 2)
        #expect(korean.withUnsafeBufferPointer { b in
            scratch.withUnsafeMutableBufferPointer { k in room.withUnsafeMutableBufferPointer { MatchKey.hashAndGramsASCII(b, key: k.baseAddress!, into: $0.baseAddress!) } }
        } == nil)
    }

    @Test func rankIsInvertible() {
        for gram: Int64 in [0, 1, 42, Int64.max, 0x1F_FFFF << 42 | 0x20 << 21 | 0x61] {
            #expect(MatchKey.gram(ofRank: MatchKey.rank(gram)) == gram)
        }
    }

    /// ASCII text folded byte by byte gives the key ICU's NFKC case folding gives (the general
    /// path, forced by a non-ASCII character that the fold leaves alone at the end).
    @Test func asciiFoldIsTheGeneralFold() {
        for text in Self.texts(count: 2000, seed: 11).filter({ $0.utf8.allSatisfy { $0 < 0x80 } }) + ["", " ", "  a  ", "A\tB\r\nC ", "\n\n"] {
            let fast = MatchKey(text).scalars
            let general = MatchKey(text + " 가").scalars
            #expect(fast + (fast.isEmpty ? [] : [0x20]) + [0xAC00] == general, "\(text.debugDescription)")
        }
    }
}
