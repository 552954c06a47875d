import Foundation
import TMKitTestSupport
import TMKitText
import Testing

/// Reading and decoding files: encodings, and a clear error for everything that is not text.
struct TextFileTests {
    static let sample = "Heading\n\n정치범수용소(관리소)에 8만 명. Camp No. 14 — “quoted”.\n"

    static func littleEndian(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
    static func bigEndian(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

    static let encodings: [(String, [UInt8], TextFile.Encoding)] = [
        ("UTF-8", Array(sample.utf8), .utf8),
        ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array(sample.utf8), .utf8WithBOM),
        ("UTF-16LE with BOM", [0xFF, 0xFE] + littleEndian(sample), .utf16LittleEndian),
        ("UTF-16BE with BOM", [0xFE, 0xFF] + bigEndian(sample), .utf16BigEndian),
    ]

    private func file(_ bytes: [UInt8], _ name: String = "input.txt") throws -> String {
        let path = try CommandRunner.temporaryDirectory() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: encodings)
    func decodesUnicodeEncodings(name: String, bytes: [UInt8], encoding: TextFile.Encoding) throws {
        let decoded = try TextFile.decode(bytes, path: name)
        #expect(decoded.text == Self.sample)
        #expect(decoded.encoding == encoding)
        #expect(decoded.warning == nil)
        let read = try TextFile.read(file(bytes))
        #expect(read.text == Self.sample)
        // The plain-text reader streams the same file to the same paragraphs.
        #expect(try PlainTextReader.read(file(bytes)).paragraphs.map(\.text) == ["Heading", "정치범수용소(관리소)에 8만 명. Camp No. 14 — “quoted”."])
    }

    @Test
    func emptyFileIsAnError() throws {
        let path = try file([])
        for read in [{ _ = try TextFile.read(path) }, { _ = try PlainTextReader.read(path) }, { _ = try DocumentReader.read(path) },
                     { _ = try DocumentReader.read(path, options: .init(format: .html)) }] {
            let failure = thrownTMKitError(read)
            #expect(failure?.code == .emptyInput)
            #expect(failure?.file == path)
        }
        #expect(try TextFile.read(path, allowEmpty: true).text == "")
    }

    @Test(arguments: ["   \n\t\n\r\n", "\u{3000}\n \n"])
    func whiteSpaceOnlyFileHasNoText(content: String) throws {
        let path = try file(Array(content.utf8))
        let failure = thrownTMKitError { _ = try PlainTextReader.read(path) }
        #expect(failure?.code == .emptyInput)
        #expect(failure?.message.contains("white space") == true)
    }

    @Test(arguments: [
        [0x48, 0x69, 0x00, 0x01, 0x02] as [UInt8],
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D],
        [0xFF, 0xFE, 0x41, 0x00, 0x00, 0x00],
    ])
    func binaryFileIsAnError(bytes: [UInt8]) throws {
        let path = try file(bytes, "image.png")
        for read in [{ _ = try TextFile.read(path) }, { _ = try PlainTextReader.read(path) }] {
            let failure = thrownTMKitError(read)
            #expect(failure?.code == .binaryInput)
            #expect(failure?.description.contains("binary") == true)
            #expect(failure?.file == path)
        }
    }

    @Test
    func invalidUTF8IsAnErrorWithByteOffsetAndLine() throws {
        let bytes = Array("first line\nsecond ".utf8) + [0xC3, 0x28] + Array(" line\n".utf8)
        let path = try file(bytes)
        let failure = thrownTMKitError { _ = try TextFile.read(path) }
        #expect(failure?.code == .invalidEncoding)
        #expect(failure?.message == "invalid UTF-8 at byte 18 (0xC3)")
        #expect(failure?.line == 2)
        #expect(failure?.hint?.contains("--lossy") == true)
        #expect(failure?.description.hasPrefix("\(path):2: invalid UTF-8 at byte 18") == true)
    }

    @Test
    func lossyReplacesBadBytesAndWarns() throws {
        let bytes = Array("Caf".utf8) + [0xE9] + Array(" au lait and cr".utf8) + [0xE8, 0x6D, 0x65] + Array(".\n".utf8)
        let decoded = try TextFile.decode(bytes, path: "latin1.txt", lossy: true)
        #expect(decoded.text == "Caf\u{FFFD} au lait and cr\u{FFFD}me.\n")
        #expect(decoded.replacedBytes == 2)
        #expect(decoded.firstReplacedOffset == 3)
        #expect(decoded.warning == "latin1.txt: replaced 2 invalid UTF-8 bytes with U+FFFD (first at byte 3)")
    }

    @Test
    func lossyStillRefusesWhatIsMostlyNotText() {
        let bytes = [UInt8](repeating: 0xFF, count: 50) + Array("ok".utf8)
        #expect(throws: TMKitError.self) { try TextFile.decode(bytes, path: "x", lossy: true) }
    }

    @Test
    func utf16WithOddLengthOrLoneSurrogateIsAnError() throws {
        let odd = thrownTMKitError { _ = try TextFile.decode([0xFF, 0xFE, 0x41, 0x00, 0x42], path: "odd.txt") }
        #expect(odd?.code == .invalidEncoding)
        #expect(odd?.message.contains("odd number of bytes") == true)
        // "A", a lone high surrogate, "B".
        let lone: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00]
        let surrogate = thrownTMKitError { _ = try TextFile.decode(lone, path: "s.txt") }
        #expect(surrogate?.code == .invalidEncoding)
        #expect(surrogate?.message.contains("byte 4") == true)
        #expect(try TextFile.decode(lone, path: "s.txt", lossy: true).text == "A\u{FFFD}B")
    }

    @Test
    func missingFileNamesThePath() {
        let path = "/nonexistent/tmkit/report.txt"
        for read in [{ _ = try TextFile.read(path) }, { _ = try PlainTextReader.read(path) }, { _ = try DocumentReader.read(path) }] {
            let failure = thrownTMKitError(read)
            #expect(failure?.code == .fileNotFound)
            #expect(failure?.description.hasPrefix(path) == true)
        }
    }

    @Test
    func directoryGivenAsFileIsAnError() throws {
        let directory = try CommandRunner.temporaryDirectory()
        for read in [{ _ = try TextFile.read(directory) }, { _ = try PlainTextReader.read(directory) }, { _ = try XMLReader(path: directory) }] {
            let failure = thrownTMKitError(read)
            #expect(failure?.code == .isDirectory)
            #expect(failure?.file == directory)
        }
    }

    @Test
    func unreadableFileIsAnError() throws {
        guard getuid() != 0 else {
            print("skipped: running as root, which reads files whatever their permissions")
            return
        }
        let path = try file(Array("secret text".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        for read in [{ _ = try TextFile.read(path) }, { _ = try PlainTextReader.read(path) }] {
            let failure = thrownTMKitError(read)
            #expect(failure?.code == .notReadable)
            #expect(failure?.file == path)
        }
    }
}
