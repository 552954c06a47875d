import Foundation
import TMKitText

/// A consonant skeleton of a word in Latin letters, for matching names across scripts:
/// `Kim Jong-Un` and `gimjeong-eun` (김정은 through ICU's Hangul-Latin) both give `KMJN`;
/// `Yodok` and `yodeog` (요덕) give `TK`; `Macedonia` and `makedoniaindeul-i` (마케도니아인들이)
/// share the prefix `MKTN`.
///
/// Vowels, `h`, `w` and `y` are dropped (transcriptions disagree on them); consonants fall into
/// classes that transcription into Korean, Japanese or Russian keeps apart: P (p b f v), T (t d),
/// K (k g c q), S (s, soft c, th inside a word), J (j z ch, ts), L (l r), M, N (n, ng). An English
/// `r` before a consonant or at the end is silent in most transcriptions and dropped; runs of one
/// class count once.
public enum PhoneticKey {
    /// The skeleton of a word written in Latin letters (accents are ignored).
    /// - Parameter silentR: drop `r` before a consonant or at the end (English spelling).
    /// - Complexity: O(n).
    public static func key(_ word: String, silentR: Bool = true) -> String {
        var letters: [UInt8] = []
        letters.reserveCapacity(word.utf8.count)
        for scalar in word.unicodeScalars {
            var v = scalar.value
            if v >= 0x80 { v = fold(scalar) }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            if v >= 0x61 && v <= 0x7A { letters.append(UInt8(v)) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(letters.count)
        let n = letters.count
        var i = 0
        @inline(__always) func at(_ k: Int) -> UInt8 { k < n ? letters[k] : 0 }
        @inline(__always) func isVowel(_ c: UInt8) -> Bool {
            c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79
        }
        func push(_ c: Character) {
            let b = c.asciiValue!
            if out.last != b { out.append(b) }
        }
        while i < n {
            let c = at(i)
            let next = at(i + 1)
            switch c {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
                 UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "w"):
                i += 1
                continue
            case UInt8(ascii: "p"):
                push("P")
                i += next == UInt8(ascii: "h") ? 2 : 1
                continue
            case UInt8(ascii: "t"):
                if next == UInt8(ascii: "h") {
                    push(i == 0 ? "T" : "S")
                    i += 2
                } else if next == UInt8(ascii: "s") || next == UInt8(ascii: "z") {
                    push("J")
                    i += 2
                } else if next == UInt8(ascii: "c") && at(i + 2) == UInt8(ascii: "h") {
                    push("J")
                    i += 3
                } else {
                    push("T")
                    i += 1
                }
                continue
            case UInt8(ascii: "d"):
                if next == UInt8(ascii: "s") || next == UInt8(ascii: "z") {
                    push("J")
                    i += 2
                } else {
                    push("T")
                    i += 1
                }
                continue
            case UInt8(ascii: "s"):
                if next == UInt8(ascii: "c") && at(i + 2) == UInt8(ascii: "h") {
                    push("S")
                    i += 3
                } else {
                    push("S")
                    i += next == UInt8(ascii: "h") ? 2 : 1
                }
                continue
            case UInt8(ascii: "c"):
                if next == UInt8(ascii: "h") {
                    push("J")
                    i += 2
                } else if next == UInt8(ascii: "k") {
                    push("K")
                    i += 2
                } else if next == UInt8(ascii: "e") || next == UInt8(ascii: "i") || next == UInt8(ascii: "y") {
                    push("S")
                    i += 1
                } else {
                    push("K")
                    i += 1
                }
                continue
            case UInt8(ascii: "g"):
                if next == UInt8(ascii: "h") && i + 2 >= n {
                    i += 2  // silent final gh (Kavanaugh)
                } else if next == UInt8(ascii: "e") || next == UInt8(ascii: "i") {
                    push("J")
                    i += 1
                } else {
                    push("K")
                    i += 1
                }
                continue
            case UInt8(ascii: "n"):
                push("N")
                i += next == UInt8(ascii: "g") ? 2 : 1
                continue
            case UInt8(ascii: "r"):
                if silentR && !isVowel(next) {
                    i += 1
                } else {
                    push("L")
                    i += 1
                }
                continue
            case UInt8(ascii: "x"):
                push("K")
                push("S")
            case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "v"): push("P")
            case UInt8(ascii: "k"), UInt8(ascii: "q"): push("K")
            case UInt8(ascii: "j"), UInt8(ascii: "z"): push("J")
            case UInt8(ascii: "l"): push("L")
            case UInt8(ascii: "m"): push("M")
            default: break
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ASCII letter under an accented Latin letter (é → e), or 0.
    private static func fold(_ scalar: Unicode.Scalar) -> UInt32 {
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard let base = decomposed.first, base.value < 0x80 else {
            switch scalar {
            case "ø", "Ø": return 0x6F
            case "ł", "Ł": return 0x6C
            case "ß": return 0x73
            default: return 0
            }
        }
        return base.value
    }
}

/// Writes words of another script in Latin letters through an ICU transform, one character at
/// a time with a cache: a document has a few thousand distinct syllables, so ICU runs a few
/// thousand times however long the text is.
///
/// Not thread-safe (ICU transliterators are not).
public final class CachedTransliterator {
    private let transliterator: Transliterator
    private var cache: [UInt32: String] = [:]

    public init(id: String) throws {
        transliterator = try Transliterator(id: id)
    }

    public var id: String { transliterator.id }

    /// The Latin spelling of a word.
    public func latin(_ word: String) -> String {
        var out = ""
        for scalar in word.unicodeScalars {
            if let known = cache[scalar.value] {
                out += known
                continue
            }
            let made = transliterator.transliterate(String(scalar))
            cache[scalar.value] = made
            out += made
        }
        return out
    }
}

/// Names as anchors. Latin-script words that may be names (capitalized, or long enough to be a
/// loan word) give `.name` keys, alone and joined with the capitalized words that follow them
/// (`Kim Jong Un` → one key, as 김정은 is one word); words of another script give
/// `.nameCandidate` keys through transliteration. `AnchorTable` pairs candidates with keys.
public final class NameAnchors: AnchorSource, @unchecked Sendable {
    private let transliterators: [String: CachedTransliterator]
    private let lock = NSLock()

    /// - Parameter profiles: the profiles of the languages to read (their transliterations are
    ///   opened once here).
    public init(profiles: [AlignmentProfile]) {
        var table: [String: CachedTransliterator] = [:]
        for profile in profiles {
            let id = profile.transliteration ?? "Any-Latin"
            if table[id] == nil, let made = try? CachedTransliterator(id: id) { table[id] = made }
        }
        transliterators = table
    }

    /// The shortest skeleton worth comparing: two consonants match too many words by chance.
    static let minimumPrefixKey = 3

    public func collect(in text: String, words: [WordToken], profile: AlignmentProfile, into anchors: inout [AnchorKey]) {
        var run: [String] = []
        for (index, word) in words.enumerated() {
            switch word.kind {
            case .latin:
                let isName = word.isCapitalized
                if isName || word.text.utf8.count >= 5 {
                    // Lowercase words are loan words at best (lobster, 랍스터): a kind of their own.
                    let key = PhoneticKey.key(word.text)
                    if key.utf8.count >= 2 { anchors.append(AnchorKey(isName ? .name : .loanword, key)) }
                }
                if isName {
                    run.append(word.text)
                    if run.count >= 2 {
                        // Joined names: the last two and the last three words.
                        for width in 2...min(3, run.count) {
                            let key = PhoneticKey.key(run.suffix(width).joined())
                            if key.utf8.count >= Self.minimumPrefixKey { anchors.append(AnchorKey(.name, key)) }
                        }
                    }
                    if !word.joinsNext { run.removeAll() }
                } else {
                    run.removeAll()
                }
            case .foreign:
                run.removeAll()
                guard let transliterator = transliterators[profile.transliteration ?? "Any-Latin"] else { continue }
                lock.lock()
                let latin = transliterator.latin(word.text)
                lock.unlock()
                let key = PhoneticKey.key(latin, silentR: false)
                if key.utf8.count >= 2 { anchors.append(AnchorKey(.nameCandidate, key)) }
            case .digits:
                run.removeAll()
            }
            _ = index
        }
    }
}
