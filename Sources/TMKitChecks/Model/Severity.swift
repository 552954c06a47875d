/// How serious a finding is: an error blocks publication (exit code 1), a warning needs a look
/// (exit code 1 only with `--strict`), an info is a hint.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, warning, error

    var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
