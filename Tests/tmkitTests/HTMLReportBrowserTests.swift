import Foundation
import Testing
import TMKitTestSupport
import TMKitText

/// The HTML report in a real browser (headless Chromium from Debian's `chromium` package): the
/// findings are there and visible, and the filters (set from the address) hide what they should.
/// In CI the browser must be installed (.ci/run installs it); elsewhere the test is skipped with
/// the reason printed.
@Suite struct HTMLReportBrowserTests {
    static let chromium: String? = {
        let candidates = [ProcessInfo.processInfo.environment["TMKIT_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var available: Bool {
        if chromium != nil || SharedData.isCI { return true }
        print("skipped: headless Chromium not found (apt-get install chromium, or set TMKIT_CHROMIUM)")
        return false
    }

    /// The DOM after the page's script ran, for the report opened at `hash`.
    static func renderedDOM(_ file: String, hash: String) throws -> String {
        let browser = try #require(chromium, "Chromium is required in CI: apt-get install chromium")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        let profile = try CommandRunner.temporaryDirectory()
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--virtual-time-budget=5000",
                             "--dump-dom", URL(fileURLWithPath: file).absoluteString + hash]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = Data(try TextFile.readAll(fileDescriptor: out.fileHandleForReading.fileDescriptor, name: "out"))
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The ids of the table rows the browser shows (rows the filters hid carry `hidden`).
    static func visibleRows(_ dom: String) -> [String] {
        dom.components(separatedBy: "<tr class=\"pair").dropFirst().compactMap { row in
            let tag = row.prefix { $0 != ">" }
            guard !tag.contains("hidden") else { return nil }
            guard let idRange = tag.range(of: "id=\"") else { return nil }
            return String(tag[idRange.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func report() throws -> String {
        let directory = try CheckCommandTests.workspace()
        let result = try CommandRunner.run(["check", "--html", "review.html", "--presegmented", "en.txt", "ko.txt"], directory: directory)
        #expect(result.exitCode == 1)
        return directory + "/review.html"
    }

    @Test(.enabled(if: available)) func showsEveryPairWithFindingsByDefault() throws {
        let dom = try Self.renderedDOM(try Self.report(), hash: "")
        #expect(Self.visibleRows(dom) == ["pair-1", "pair-2", "pair-3"])
        #expect(dom.contains("<span id=\"visible-count\">3</span>"))
        #expect(dom.contains(">8천</mark>"))
    }

    @Test(.enabled(if: available)) func filtersBySeverityAndCheckFromTheAddress() throws {
        let file = try Self.report()
        let errors = try Self.renderedDOM(file, hash: "#severity=error")
        #expect(Self.visibleRows(errors) == ["pair-1", "pair-2"])
        let quotes = try Self.renderedDOM(file, hash: "#check=form.quotes")
        #expect(Self.visibleRows(quotes) == ["pair-3"])
        let all = try Self.renderedDOM(file, hash: "#severity=error,warning,info&all=1")
        #expect(Self.visibleRows(all) == ["pair-1", "pair-2", "pair-3", "pair-4"])
        let none = try Self.renderedDOM(file, hash: "#severity=info")
        #expect(Self.visibleRows(none).isEmpty)
        #expect(none.contains("<p id=\"empty\">No pair matches the filters.</p>"))
    }
}
