import Foundation
import TMKitFormats
import TMKitTestSupport
import TMKitText
import Testing

/// `TMXWriter.writePlain` writes from bytes what `write(_:)` writes for the same unit: escapes,
/// characters XML cannot carry, dates that are not TMX dates, empty ids.
@Suite struct TMXWriterPlainTests {
    struct Pair {
        var tuid = "7"
        var source = "Source"
        var target = "대상"
        var createdAt: String? = "20240102T030405Z"
        var createdBy: String? = "kim"
        var changedAt: String? = "20240102T030405Z"
        var changedBy: String? = "lee"
    }

    static let pairs: [Pair] = [
        Pair(),
        Pair(tuid: "a&b \"q\" <t>", source: "Tom & Jerry <b>bold</b> > \"quoted\" 'single'", target: "탭\t줄\n바꿈\r캐리지"),
        Pair(source: "bell\u{7} and \u{FFFE} and \u{FFFF} and \u{EFBF} kept", target: "\u{1}\u{2}"),
        Pair(tuid: "tab\tnew\nline\rcr", source: "", target: ""),
        Pair(createdAt: "2024-01-02", createdBy: "", changedAt: nil, changedBy: nil),
        Pair(createdAt: nil, createdBy: "a\"b", changedAt: "20240102T030405", changedBy: "x<y"),
        Pair(source: "𝐁old 😀 ½", target: "北朝鮮 관리소에서"),
    ]

    func written(_ body: (TMXWriter) throws -> Void) throws -> (text: String, writer: TMXWriter) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString).tmx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = TMXWriter(sink: try OutputSink.file(path), header: TMXWriter.header(sourceLanguage: "en", creationToolVersion: "t", creationDate: "20240101T000000Z"))
        try body(writer)
        try writer.finish()
        return (try String(contentsOfFile: path, encoding: .utf8), writer)
    }

    @Test func sameBytesAsTheGeneralWriter() throws {
        let general = try written { writer in
            for pair in Self.pairs {
                var attributes = [TMXAttribute("tuid", pair.tuid), TMXAttribute("srclang", "en")]
                if let date = pair.createdAt, TMXDate.isValid(date) { attributes.append(TMXAttribute("creationdate", date)) }
                if let by = pair.createdBy, !by.isEmpty { attributes.append(TMXAttribute("creationid", by)) }
                if let date = pair.changedAt, TMXDate.isValid(date) { attributes.append(TMXAttribute("changedate", date)) }
                if let by = pair.changedBy, !by.isEmpty { attributes.append(TMXAttribute("changeid", by)) }
                try writer.write(TranslationUnit(attributes: attributes, variants: [
                    TMXVariant(language: "en", segment: TMXSegment(text: pair.source)),
                    TMXVariant(language: "ko", segment: TMXSegment(text: pair.target)),
                ]))
            }
        }
        let plain = try written { writer in
            for pair in Self.pairs {
                func bytes(_ text: String?) -> [UInt8]? { text.map { Array($0.utf8) } }
                let (tuid, source, target) = (Array(pair.tuid.utf8), Array(pair.source.utf8), Array(pair.target.utf8))
                let (en, ko) = (Array("en".utf8), Array("ko".utf8))
                let (ca, cb, cha, chb) = (bytes(pair.createdAt), bytes(pair.createdBy), bytes(pair.changedAt), bytes(pair.changedBy))
                func buffer(_ b: [UInt8]) -> UnsafeBufferPointer<UInt8> {
                    b.withUnsafeBufferPointer { UnsafeBufferPointer(start: UnsafeMutablePointer(mutating: $0.baseAddress), count: $0.count) }
                }
                // The arrays outlive the call: their buffers are only read while these locals live.
                let ok = try withExtendedLifetime((tuid, source, target, en, ko, ca, cb, cha, chb)) {
                    try writer.writePlain(TMXWriter.PlainPair(
                        tuid: buffer(tuid), sourceLanguage: buffer(en), targetLanguage: buffer(ko), source: buffer(source), target: buffer(target),
                        createdAt: ca.map(buffer), createdBy: cb.map(buffer), changedAt: cha.map(buffer), changedBy: chb.map(buffer)))
                }
                #expect(ok)
            }
        }
        #expect(plain.text == general.text)
        #expect(plain.writer.droppedCharacters == general.writer.droppedCharacters)
        #expect(plain.writer.droppedCharacters == 5)
        #expect(plain.writer.unitsWithDroppedCharacters == general.writer.unitsWithDroppedCharacters)
        #expect(plain.writer.unitCount == Self.pairs.count)
    }

    @Test(arguments: [[0xFF], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x61, 0xE2, 0x82]] as [[UInt8]])
    func invalidUTF8IsLeftToTheGeneralWriter(bytes: [UInt8]) throws {
        var out: [UInt8] = []
        var dropped = 0
        let appended = bytes.withUnsafeBufferPointer { XMLWriter.appendEscaped($0, attribute: false, to: &out, dropped: &dropped) }
        #expect(!appended)
        #expect(out.isEmpty)
        #expect(!bytes.withUnsafeBufferPointer(XMLWriter.isValidUTF8))
    }

    @Test func validUTF8IsValid() {
        for text in ["", "abc", "é", "관리소", "😀", "\u{10FFFF}", "\u{FFFF}"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(XMLWriter.isValidUTF8), "\(text)")
        }
    }
}
