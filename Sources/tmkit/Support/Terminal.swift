import Foundation
import TMKitText

/// Standard error output: errors, warnings, notes and progress. Colour only on a terminal.
enum Terminal {
    static let stderrIsTTY = isatty(STDERR_FILENO) == 1
    static let stdoutIsTTY = isatty(STDOUT_FILENO) == 1
    static var useColor: Bool { stderrIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func printError(_ error: TMKitError) {
        let label = useColor ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        write("tmkit: \(label) \(error.description)\n")
    }

    static func warning(_ message: String) {
        let label = useColor ? "\u{1B}[1;33mwarning:\u{1B}[0m" : "warning:"
        write("tmkit: \(label) \(message)\n")
    }

    static func note(_ message: String) {
        write("tmkit: \(message)\n")
    }

    /// The exit code for an error, after sysexits.h: 64 usage, 65 data, 66 no input, 70 software,
    /// 74 I/O.
    static func exitCode(for error: TMKitError) -> Int32 {
        switch error.code {
        case .usage, .invalidLanguageTag: return 64
        case .fileNotFound, .notReadable, .isDirectory: return 66
        case .emptyInput, .binaryInput, .invalidEncoding, .malformedXML, .invalidData: return 65
        case .icu: return 70
        case .io: return 74
        case .notFound: return 1
        default: return 1
        }
    }
}

/// Progress on standard error for long work: a line rewritten in place on a terminal, a line
/// every few seconds otherwise; nothing for work that ends quickly.
final class Progress {
    private let label: String
    private let total: Int?
    private let start = Date()
    private var lastPrint = Date.distantPast
    private var printed = false
    private let enabled: Bool

    init(_ label: String, total: Int? = nil, enabled: Bool = true) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int, unit: String = "") {
        guard enabled else { return }
        let now = Date()
        // Quiet for the first second, then at most 10 updates a second on a TTY, one per 5 s in logs.
        guard now.timeIntervalSince(start) > 1 else { return }
        let interval = Terminal.stderrIsTTY ? 0.1 : 5
        guard now.timeIntervalSince(lastPrint) >= interval else { return }
        lastPrint = now
        printed = true
        var text = "\(label): \(done)"
        if let total, total > 0 { text += " of \(total) (\(done * 100 / total)%)" }
        if !unit.isEmpty { text += " \(unit)" }
        if Terminal.stderrIsTTY {
            Terminal.write("\r\u{1B}[K" + text)
        } else {
            Terminal.write(text + "\n")
        }
    }

    func finish() {
        guard enabled, printed else { return }
        if Terminal.stderrIsTTY { Terminal.write("\r\u{1B}[K") }
    }
}
