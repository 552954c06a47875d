/// Reads HTML into paragraphs. (Placeholder until the HTML reader lands.)
public enum HTMLReader {
    public static func read(bytes: [UInt8], path: String, lossy: Bool) throws -> Document {
        let file = try TextFile.decode(bytes, path: path, lossy: lossy)
        return Document(path: path, format: .html, paragraphs: PlainTextReader.paragraphs(in: file.text, file: path))
    }
}
