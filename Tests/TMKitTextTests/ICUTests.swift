import TMKitText
import Testing

/// The ICU wrappers: normalization, case folding, transforms, collation, word breaks.
struct ICUTests {
    static let composedHan = "\u{D55C}"  // 한
    static let decomposedHan = "\u{1112}\u{1161}\u{11AB}"  // ᄒ ᅡ ᆫ

    @Test
    func nfcComposesHangulJamo() throws {
        #expect(Self.decomposedHan.unicodeScalars.count == 3)
        #expect(try Self.decomposedHan.normalized(.nfc).unicodeScalars.map(\.value) == [0xD55C])
        #expect(try Self.composedHan.normalized(.nfd).unicodeScalars.map(\.value) == [0x1112, 0x1161, 0x11AB])
        #expect(("관리소" + Self.decomposedHan).nfc == "관리소한")
        // Swift's String equality is canonical; the bytes differ until normalized.
        #expect(Array(Self.decomposedHan.utf8) != Array(Self.composedHan.utf8))
        #expect(Array(Self.decomposedHan.nfc.utf8) == Array(Self.composedHan.utf8))
    }

    @Test(arguments: [
        ("ｆｕｌｌ ｗｉｄｔｈ １２３", "full width 123"),
        ("①②", "12"),
        ("ﬁle", "file"),
        ("㈜", "(주)"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("ASCII stays", "ASCII stays"),
    ])
    func nfkcFoldsCompatibilityCharacters(input: String, expected: String) throws {
        #expect(try input.normalized(.nfkc) == expected)
    }

    @Test
    func nfkcCasefoldCombinesBoth() throws {
        #expect(try "ＫＩＭ Straße".normalized(.nfkcCasefold) == "kim strasse")
    }

    @Test(arguments: [
        ("Straße", "strasse"),
        ("ΣΊΣΥΦΟΣ", "σίσυφοσ"),
        ("ὀδυσσεύς", "ὀδυσσεύσ"),
        ("İstanbul", "i̇stanbul"),
        ("KWALLISO", "kwalliso"),
        ("관리소 Camp", "관리소 camp"),
    ])
    func caseFoldingIsFullUnicodeFolding(input: String, folded: String) throws {
        #expect(try input.foldedCase() == folded)
    }

    @Test
    func hangulLatinTransliteratesRevisedRomanizationLike() throws {
        let transliterator = try Transliterator(id: "Hangul-Latin")
        #expect(transliterator.transliterate("관리소") == "gwanliso")
        #expect(transliterator.transliterate("") == "")
        #expect(transliterator.transliterate("Camp 14") == "Camp 14")
        #expect(try Transliterator(id: "Any-Latin; Latin-ASCII").transliterate("정치범") == "jeongchibeom")
    }

    @Test
    func unknownTransformIDThrowsNamingIt() {
        #expect { try Transliterator(id: "Klingon-Latin") } throws: { error in
            (error as? TMKitError)?.code == .icu && (error as? TMKitError)?.message.contains("Klingon-Latin") == true
        }
    }

    @Test
    func customRulesCompileAndRun() throws {
        let rules = """
            # Treat ㄹㄹ as ll, as McCune–Reischauer does.
            lr > ll ;
            ri > li ;
            """
        let custom = try Transliterator(rules: rules, name: "Test-Rules")
        #expect(custom.transliterate("gwanriso") == "gwanliso")
        #expect(custom.id == "Test-Rules")
    }

    @Test
    func badRulesThrowWithTheirLine() {
        let rules = "a > b ;\nc > d ;\ne > ( ;\n"
        do {
            _ = try Transliterator(rules: rules, name: "Bad-Rules", file: "Locales/xx/bad.txt")
            Issue.record("expected an error")
        } catch let error as TMKitError {
            #expect(error.code == .invalidData)
            #expect(error.file == "Locales/xx/bad.txt")
            #expect(error.line == 3)
            #expect(error.message.contains("Bad-Rules"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test
    func registeredRulesServeCompoundIDs() throws {
        try Transliterator.register(rules: "eo > o ;", name: "Test-Eo")
        #expect(try Transliterator(id: "Hangul-Latin; Test-Eo").transliterate("정치범") == "jongchibom")
    }

    @Test(arguments: [
        ("ko", ["하나", "가방", "나무", "다리", "관리소"], ["가방", "관리소", "나무", "다리", "하나"]),
        ("en", ["banana", "Apple", "apple", "cherry"], ["apple", "Apple", "banana", "cherry"]),
        ("en", ["résumé", "resume", "rose"], ["resume", "résumé", "rose"]),
    ])
    func collatorSortsInLocaleOrder(locale: String, input: [String], sorted: [String]) throws {
        let collator = try Collator(locale: locale)
        #expect(collator.sorted(input) == sorted)
        #expect(collator.compare(sorted[0], sorted[1]) == -1)
        #expect(collator.compare(sorted[1], sorted[0]) == 1)
        #expect(collator.compare(sorted[0], sorted[0]) == 0)
        #expect(collator.areInIncreasingOrder(sorted[0], sorted[1]))
    }

    @Test
    func wordPiecesOfMixedTextSliceTheRightUTF8() throws {
        let text = "TMKit은 관리소에서 3,000명을 segment한다."
        let iterator = try BreakIterator(.word, locale: "ko")
        let pieces = try iterator.pieces(in: text)
        let utf8 = Array(text.utf8)
        let slices = pieces.map { String(decoding: utf8[$0.byteRange], as: UTF8.self) }
        #expect(slices.joined() == text)
        #expect(pieces.first?.byteRange.lowerBound == 0)
        #expect(pieces.last?.byteRange.upperBound == utf8.count)
        let words = zip(pieces, slices).filter { $0.0.isWord }.map(\.1)
        #expect(words.contains("관리소에서"))
        #expect(words.contains("3,000"))
        #expect(!words.contains(" "))
        #expect(!words.contains("."))
        let number = try #require(pieces.first { String(decoding: utf8[$0.byteRange], as: UTF8.self) == "3,000" })
        #expect((100..<200).contains(number.ruleStatus))
        #expect(try iterator.boundaries(in: text) == pieces.map(\.byteRange.upperBound))
        #expect(try iterator.countBoundaries(in: text) == pieces.count)
    }

    @Test
    func breakIteratorHandlesEmptyAndLongText() throws {
        let iterator = try BreakIterator(.sentence, locale: "en")
        #expect(try iterator.boundaries(in: "") == [])
        // More boundaries than one collection batch (1024).
        let long = String(repeating: "A sentence. ", count: 1500)
        let boundaries = try iterator.boundaries(in: long)
        #expect(boundaries.count == 1500)
        #expect(boundaries.last == long.utf8.count)
    }

    @Test
    func scriptCodesOfCharacters() {
        #expect(Script.code(of: "가") == "Hang")
        #expect(Script.code(of: "a") == "Latn")
        #expect(Script.code(of: "漢") == "Hani")
        #expect(Script.code(of: "か") == "Hira")
        #expect(Script.code(of: "1") == "Zyyy")
        #expect(Script.isHangul("ᄒ") && !Script.isHangul("a"))
        #expect(!ICU.version.isEmpty)
    }
}
