/// Reads any supported file into a `Document`, choosing the reader by the `format` or the file
/// name.
public enum DocumentReader {
    public struct Options: Sendable {
        /// nil: guess from the file name.
        public var format: DocumentFormat?
        public var onePerLine: Bool
        public var lossy: Bool

        public init(format: DocumentFormat? = nil, onePerLine: Bool = false, lossy: Bool = false) {
            self.format = format
            self.onePerLine = onePerLine
            self.lossy = lossy
        }
    }

    public static func read(_ path: String, options: Options = Options()) throws -> Document {
        let format = options.format ?? DocumentFormat.guess(path: path)
        switch format {
        case .text:
            return try PlainTextReader.read(path, options: .init(onePerLine: options.onePerLine, lossy: options.lossy))
        case .markdown:
            let file = try TextFile.read(path, lossy: options.lossy)
            var document = MarkdownReader.read(file.text, path: path)
            if let warning = file.warning { document.warnings.append(warning) }
            return document
        case .html:
            let bytes = try TextFile.readBytes(path)
            if bytes.isEmpty { throw TMKitError(.emptyInput, "the file is empty", hint: "give a file with text in it", file: path) }
            return try HTMLReader.read(bytes: bytes, path: path, lossy: options.lossy)
        }
    }
}
