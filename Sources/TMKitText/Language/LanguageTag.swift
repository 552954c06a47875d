import Foundation

import CICU

/// A BCP 47 language tag in canonical form (`en`, `en-US`, `ko-KP`, `zh-Hant`).
///
/// Parsing accepts any case and `_` for `-` (`ko_kp` → `ko-KP`), canonicalizes through ICU, and
/// refuses malformed tags and languages ICU does not know, naming the tag and the expected form.
public struct LanguageTag: Hashable, Sendable, CustomStringConvertible, Codable, Comparable {
    /// The canonical BCP 47 form, such as `ko-KP`.
    public let identifier: String
    /// The language subtag, such as `ko`.
    public let language: String
    /// The script subtag when the tag has one, such as `Hant`.
    public let script: String?
    /// The region subtag when the tag has one, such as `KP`.
    public let region: String?

    public static let english = try! LanguageTag("en")
    public static let korean = try! LanguageTag("ko")

    /// Parses and canonicalizes a BCP 47 tag.
    /// - Throws: `TMKitError` `.invalidLanguageTag` for a malformed or unknown tag.
    public init(_ tag: String) throws {
        let trimmed = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-")
        func invalid(_ why: String) -> TMKitError {
            TMKitError(.invalidLanguageTag, "'\(tag)' is not a valid language tag: \(why)",
                       hint: "use a BCP 47 tag such as en, ko, ko-KP, en-US or zh-Hant")
        }
        guard !trimmed.isEmpty else { throw invalid("it is empty") }
        guard trimmed.utf8.allSatisfy({ $0 < 0x80 && $0 > 0x20 }) else { throw invalid("tags use ASCII letters, digits and '-'") }
        var localeID = [CChar](repeating: 0, count: 160)
        var parsed: Int32 = 0
        var status: Int32 = 0
        let n = tmk_locale_from_tag(trimmed, &localeID, Int32(localeID.count), &parsed, &status)
        guard status <= 0, n > 0, Int(parsed) == trimmed.utf8.count else {
            throw invalid("it is malformed")
        }
        let id = ICU.string(fromCBuffer: localeID)
        var out = [CChar](repeating: 0, count: 160)
        status = 0
        let tagLength = tmk_locale_to_tag(id, &out, Int32(out.count), &status)
        guard status <= 0, tagLength > 0 else { throw invalid("it is malformed") }
        let canonical = ICU.string(fromCBuffer: out)
        func part(_ get: (UnsafePointer<CChar>, UnsafeMutablePointer<CChar>, Int32, UnsafeMutablePointer<Int32>) -> Int32) -> String? {
            var buffer = [CChar](repeating: 0, count: 64)
            var s: Int32 = 0
            let n = get(id, &buffer, Int32(buffer.count), &s)
            return n > 0 && s <= 0 ? ICU.string(fromCBuffer: buffer) : nil
        }
        guard let language = part(tmk_locale_language), !language.isEmpty, language != "und" else {
            throw invalid("it names no language")
        }
        guard tmk_locale_is_known_language(language) == 1 else {
            throw invalid("ICU knows no language '\(language)'")
        }
        self.identifier = canonical
        self.language = language
        self.script = part(tmk_locale_script)
        self.region = part(tmk_locale_region)
    }

    /// The ICU locale ID (`ko_KP`), for ICU services.
    public var icuLocaleID: String {
        identifier.replacingOccurrences(of: "-", with: "_")
    }

    /// The script this language is most likely written in (`ko` → `Kore`, `sr` → `Cyrl`).
    public var likelyScript: String {
        if let script { return script }
        var out = [CChar](repeating: 0, count: 160)
        var status: Int32 = 0
        guard tmk_locale_maximize(icuLocaleID, &out, Int32(out.count), &status) > 0, status <= 0 else { return "Zyyy" }
        var script = [CChar](repeating: 0, count: 16)
        status = 0
        _ = tmk_locale_script(ICU.string(fromCBuffer: out), &script, Int32(script.count), &status)
        return ICU.string(fromCBuffer: script)
    }

    /// The English name, such as "Korean (North Korea)".
    public var englishName: String {
        var out = [CChar](repeating: 0, count: 256)
        var status: Int32 = 0
        let n = tmk_locale_display_name(icuLocaleID, "en", &out, Int32(out.count), &status)
        return n > 0 && status <= 0 ? ICU.string(fromCBuffer: out) : identifier
    }

    /// Lookup order for per-language data: `ko-KP` → `ko-KP`, `ko`.
    public var fallbacks: [String] {
        var result = [identifier]
        if let script, region != nil { result.append("\(language)-\(script)") }
        if identifier != language { result.append(language) }
        return result
    }

    /// Whether the other tag names the same language (ignoring script and region).
    public func sameLanguage(as other: LanguageTag) -> Bool { language == other.language }

    public var description: String { identifier }

    public static func < (a: LanguageTag, b: LanguageTag) -> Bool { a.identifier < b.identifier }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }
}
