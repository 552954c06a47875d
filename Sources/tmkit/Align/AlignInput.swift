import Foundation
import TMKitAlignment
import TMKitText

/// One side of `tmkit align`'s input: one document, or a collection (`--docs`).
struct AlignInput {
    struct Document {
        /// The `%%DOC` identifier in a collection.
        var id: String?
        var units: [AlignmentUnit]
    }

    var path: String
    var documents: [Document]

    /// The marker that starts a document in a collection file.
    static let documentMarker = "%%DOC "

    /// Text of the side for language detection (the first few thousand characters).
    var sample: String {
        var text = ""
        for document in documents {
            for unit in document.units {
                text += unit.text + "\n"
                if text.utf8.count > 8000 { return text }
            }
        }
        return text
    }

    /// Reads a file of one sentence a line. A blank line ends a paragraph. With `collection`, a
    /// line `%%DOC <id>` starts a document.
    /// - Throws: the file errors of `TextFile`; `TMKitError` when the file has no sentence or a
    ///   collection has text before its first `%%DOC` line.
    static func presegmented(_ path: String, collection: Bool, lossy: Bool) throws -> AlignInput {
        let file = try TextFile.read(path, lossy: lossy)
        if let warning = file.warning { Terminal.warning(warning) }
        let bytes = Array(file.text.utf8)
        var documents: [Document] = collection ? [] : [Document(id: nil, units: [])]
        var paragraph = 0
        var paragraphHasText = false
        var lineNumber = 0
        var start = 0
        let marker = Array(documentMarker.utf8)
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var lower = start
            var upper = end
            while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09 || bytes[lower] == 0x0D) { lower += 1 }
            while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 || bytes[upper - 1] == 0x0D) { upper -= 1 }
            if collection && end - start >= marker.count && Array(bytes[start..<(start + marker.count)]) == marker {
                let id = String(decoding: bytes[(start + marker.count)..<upper], as: UTF8.self)
                documents.append(Document(id: id, units: []))
                paragraph = 0
                paragraphHasText = false
            } else if lower == upper {
                if paragraphHasText { paragraph += 1 }
                paragraphHasText = false
            } else {
                guard !documents.isEmpty else {
                    throw TMKitError(.invalidData, "text before the first '%%DOC <id>' line",
                                     hint: "a collection starts each document with a line '%%DOC <id>'", file: path, line: lineNumber)
                }
                let text = String(decoding: bytes[lower..<upper], as: UTF8.self)
                let location = SourceLocation(file: path, line: lineNumber, byteRange: lower..<upper)
                documents[documents.count - 1].units.append(AlignmentUnit(text: text, location: location, paragraph: paragraph))
                paragraphHasText = true
            }
            start = end + 1
        }
        if documents.allSatisfy({ $0.units.isEmpty }) {
            throw TMKitError(.emptyInput, "no sentences to align (every line is blank)", hint: "give a file with text in it", file: path)
        }
        return AlignInput(path: path, documents: documents)
    }

    /// Reads a document in any format the readers take and cuts it into sentences.
    /// - Parameter language: the language, or nil to detect it (said on standard error).
    static func segmented(_ path: String, language: LanguageTag?, options: DocumentReader.Options, data: DataDirectory,
                          detector: LanguageDetector?) throws -> (AlignInput, LanguageTag) {
        let document = try DocumentReader.read(path, options: options)
        document.warnings.forEach(Terminal.warning)
        if document.paragraphs.isEmpty {
            throw TMKitError(.emptyInput, "no text found in the document", hint: "check the file, or its --input-format", file: path)
        }
        let tag = language ?? detect(document.plainText, path: path, detector: detector)
        let segmenter = try Segmenter(language: tag, data: data)
        var units: [AlignmentUnit] = []
        for paragraph in document.paragraphs {
            for segment in try segmenter.segments(of: paragraph) { units.append(AlignmentUnit(segment)) }
        }
        if units.isEmpty {
            throw TMKitError(.emptyInput, "no sentences to align", hint: "give a file with text in it", file: path)
        }
        return (AlignInput(path: path, documents: [Document(id: nil, units: units)]), tag)
    }

    /// The language of a text by its script; English when there is nothing to tell from.
    static func detect(_ text: String, path: String, detector: LanguageDetector?) -> LanguageTag {
        if let found = detector?.detect(text) {
            return found.language
        }
        Terminal.note("\(path): cannot tell the language from the text; taking en (set it with --source-lang/--target-lang)")
        return .english
    }
}
