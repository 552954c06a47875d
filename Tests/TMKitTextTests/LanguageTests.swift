import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// Language tags (BCP 47, canonical, validated) and script-based language detection.
struct LanguageTests {
    @Test(arguments: [
        ("en", "en"), ("EN", "en"), ("ko", "ko"),
        ("ko_kp", "ko-KP"), ("ko-kp", "ko-KP"), ("KO_KR", "ko-KR"),
        ("EN-us", "en-US"), ("en_gb", "en-GB"),
        ("zh-hant", "zh-Hant"), ("ZH_HANS_cn", "zh-Hans-CN"), ("sr-latn", "sr-Latn"),
        (" ja ", "ja"), ("de-CH", "de-CH"),
    ])
    func canonicalizesTags(input: String, canonical: String) throws {
        let tag = try LanguageTag(input)
        #expect(tag.identifier == canonical)
        #expect(tag.description == canonical)
        #expect(try LanguageTag(canonical) == tag)
    }

    @Test
    func exposesSubtagsAndFallbacks() throws {
        let tag = try LanguageTag("zh_hant_tw")
        #expect(tag.language == "zh")
        #expect(tag.script == "Hant")
        #expect(tag.region == "TW")
        #expect(tag.fallbacks == ["zh-Hant-TW", "zh-Hant", "zh"])
        #expect(try LanguageTag("ko-KP").fallbacks == ["ko-KP", "ko"])
        #expect(try LanguageTag("ko-KP").icuLocaleID == "ko_KP")
        #expect(try LanguageTag("ko").likelyScript == "Kore")
        #expect(try LanguageTag("ko-KP").englishName == "Korean (North Korea)")
        #expect(try LanguageTag("ko-KP").sameLanguage(as: .korean))
    }

    @Test(arguments: ["", "   ", "e", "en_US_", "ko--KP", "12", "en US", "한국어", "en-", "-en", "en-US-x"])
    func malformedTagsThrowNamingTheTagAndTheExpectedForm(input: String) {
        do {
            let tag = try LanguageTag(input)
            Issue.record("'\(input)' was accepted as \(tag)")
        } catch let error as TMKitError {
            #expect(error.code == .invalidLanguageTag)
            #expect(error.message.contains("'\(input)'"))
            #expect(error.hint?.contains("BCP 47") == true)
            #expect(error.hint?.contains("ko-KP") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: ["xx", "qqq", "klingon", "und", "zz-KP"])
    func unknownLanguagesThrow(input: String) {
        do {
            let tag = try LanguageTag(input)
            Issue.record("'\(input)' was accepted as \(tag)")
        } catch let error as TMKitError {
            #expect(error.code == .invalidLanguageTag)
            #expect(error.message.contains("'\(input)'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test
    func tagsRoundTripThroughCodable() throws {
        let data = try JSONEncoder().encode([try LanguageTag("ko_kp")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"ko-KP\"]")
        #expect(try JSONDecoder().decode([LanguageTag].self, from: data) == [try LanguageTag("ko-KP")])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([LanguageTag].self, from: Data("[\"not a tag\"]".utf8)) }
    }

    // MARK: - Detection

    static let detector = Result { try LanguageDetector(contentsOf: #require(DataDirectory.locate().sharedLocaleFile("scripts.tsv"))) }

    @Test(arguments: [
        ("The Commission of Inquiry found that the camps held 80,000 people.", "en", "Latn"),
        ("유엔 조사위원회는 관리소에 8만 명이 수감되어 있다고 밝혔다.", "ko", "Hang"),
        ("북한의 정치범수용소(管理所)는 1950년대에 세워졌다.", "ko", "Hang"),
        ("今日は晴れです。東京の天気はとても良い。", "ja", "Hira"),
        ("国連の調査委員会は報告書を発表した。", "ja", "Hira"),
        ("今天天气很好。联合国调查委员会发表了报告。", "zh", "Hani"),
        ("Москва — столица России.", "ru", "Cyrl"),
    ])
    func detectsLanguageFromScript(text: String, language: String, script: String) throws {
        let found = try #require(Self.detector.get().detect(text))
        #expect(found.language.identifier == language)
        #expect(found.script == script)
        #expect(found.share > 0 && found.share <= 1)
    }

    @Test(arguments: ["", "12,345 — 3.5%", "   \n\t"])
    func textWithoutLettersHasNoLanguage(text: String) throws {
        #expect(try Self.detector.get().detect(text) == nil)
    }

    @Test
    func malformedScriptsFileIsAnErrorWithItsLine() throws {
        let path = try CommandRunner.temporaryDirectory() + "/scripts.tsv"
        try "# comment\nHang\tko\t0.3\nLatn en\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try LanguageDetector(contentsOf: path) } throws: { error in
            (error as? TMKitError)?.line == 3 && (error as? TMKitError)?.file == path
        }
    }
}
