/// Reads Markdown into paragraphs. (Placeholder until the Markdown reader lands.)
public enum MarkdownReader {
    public static func read(_ text: String, path: String) -> Document {
        Document(path: path, format: .markdown, paragraphs: PlainTextReader.paragraphs(in: text, file: path))
    }
}
