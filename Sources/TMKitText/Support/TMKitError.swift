/// An error a user can act on: what went wrong, where, and what to do about it.
///
/// Every layer throws this one type so that the command can print any failure as one line,
/// `file:line:column: error: message (hint)`, and pick an exit code from its `code`.
public struct TMKitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A stable, machine-readable kind of failure. Modules add their own codes in extensions.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Bad command-line usage (exit code 64).
        public static let usage = Code(rawValue: "usage")
        public static let fileNotFound = Code(rawValue: "file-not-found")
        public static let notReadable = Code(rawValue: "not-readable")
        public static let isDirectory = Code(rawValue: "is-directory")
        public static let emptyInput = Code(rawValue: "empty-input")
        public static let binaryInput = Code(rawValue: "binary-input")
        public static let invalidEncoding = Code(rawValue: "invalid-encoding")
        public static let invalidLanguageTag = Code(rawValue: "invalid-language-tag")
        public static let malformedXML = Code(rawValue: "malformed-xml")
        public static let invalidData = Code(rawValue: "invalid-data")
        public static let icu = Code(rawValue: "icu")
        public static let io = Code(rawValue: "io")
        public static let notFound = Code(rawValue: "not-found")
    }

    public var code: Code
    /// What went wrong, as a sentence without a trailing period.
    public var message: String
    /// What the user can do about it, if there is something to say.
    public var hint: String?
    public var file: String?
    public var line: Int?
    public var column: Int?

    public init(_ code: Code, _ message: String, hint: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: message (hint)`, leaving out what is unknown.
    public var description: String {
        var prefix = ""
        if let file {
            prefix = file
            if let line, line > 0 {
                prefix += ":\(line)"
                if let column, column > 0 { prefix += ":\(column)" }
            }
            prefix += ": "
        }
        var text = prefix + message
        if let hint { text += " (\(hint))" }
        return text
    }

    /// The same error, placed in a file (keeps a more precise location already set).
    public func located(in file: String, line: Int? = nil, column: Int? = nil) -> TMKitError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        if copy.column == nil { copy.column = column }
        return copy
    }
}
