import Foundation
import TMKitAlignment
import TMKitChecks
import TMKitFormats
import TMKitMemory
import TMKitText

/// Turns the files given to `tmkit check` into pairs: line-aligned files, a bilingual XLIFF file,
/// or two documents to align; and settles the two languages.
struct CheckInputLoader {
    let dataDirectory: DataDirectory
    let input: InputOptions
    let sourceLang: LanguageTag?
    let targetLang: LanguageTag?
    /// The glossary, as alignment evidence.
    let terms: GlossaryTermIndex?

    struct Loaded {
        var input: CheckInput
    }

    static let xliffExtensions = ["xlf", "xliff", "sdlxliff", "mqxliff", "xlz"]

    func load(files: [String], presegmented: Bool) throws -> Loaded {
        if files.count == 1 {
            let path = files[0]
            let ext = (path as NSString).pathExtension.lowercased()
            if ext == "tmx" {
                let read = try PairInputs.tmx(path: path, source: sourceLang, target: targetLang)
                return Loaded(input: CheckInput(pairs: read.pairs, sourceLanguage: read.source, targetLanguage: read.target,
                                                sourceName: path, targetName: path))
            }
            guard Self.xliffExtensions.contains(ext) else {
                throw TMKitError(.usage, "one file must be a bilingual XLIFF or TMX file (.xlf, .xliff, .tmx); '\(path)' is not",
                                 hint: "give the source and the target document: tmkit check report.en.md report.ko.md")
            }
            let document = try XLIFFReader.read(path: path)
            let source = try sourceLang ?? language(document.sourceLanguage, attribute: "source language", path) ?? .english
            let target = try targetLang ?? language(document.targetLanguage, attribute: "target language", path) ?? detect(
                document.segments.compactMap(\.target).joined(separator: "\n"), path: path) ?? .korean
            return Loaded(input: CheckInput(pairs: PairInputs.xliff(document), sourceLanguage: source, targetLanguage: target,
                                            sourceName: path, targetName: path))
        }
        let (sourcePath, targetPath) = (files[0], files[1])
        if presegmented {
            let source = try TextFile.read(sourcePath, lossy: input.lossy)
            let target = try TextFile.read(targetPath, lossy: input.lossy)
            for warning in [source.warning, target.warning].compactMap({ $0 }) { Terminal.warning(warning) }
            let pairs = try PairInputs.presegmented(source: source, target: target)
            let sourceLanguage = try sourceLang ?? detect(source.text, path: sourcePath) ?? .english
            let targetLanguage = try targetLang ?? detect(target.text, path: targetPath) ?? .korean
            return Loaded(input: CheckInput(pairs: pairs, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                            sourceName: sourcePath, targetName: targetPath))
        }
        return try aligned(sourcePath: sourcePath, targetPath: targetPath)
    }

    /// Two documents: read, cut into sentences, aligned (paragraphs first, with the glossary as
    /// evidence), and turned into pairs; sentences the alignment leaves alone are 1-0 / 0-1 pairs.
    private func aligned(sourcePath: String, targetPath: String) throws -> Loaded {
        let sourceDocument = try DocumentReader.read(sourcePath, options: input.readerOptions)
        let targetDocument = try DocumentReader.read(targetPath, options: input.readerOptions)
        for warning in sourceDocument.warnings + targetDocument.warnings { Terminal.warning(warning) }
        for document in [sourceDocument, targetDocument] where document.paragraphs.isEmpty {
            throw TMKitError(.emptyInput, "no text found in the document", hint: "check the --input-format", file: document.path)
        }
        let sourceLanguage = try sourceLang ?? detect(sourceDocument.plainText, path: sourcePath) ?? .english
        let targetLanguage = try targetLang ?? detect(targetDocument.plainText, path: targetPath) ?? .korean
        let sourceSegments = try Segmenter(language: sourceLanguage, data: dataDirectory, srx: nil).segments(of: sourceDocument)
        let targetSegments = try Segmenter(language: targetLanguage, data: dataDirectory, srx: nil).segments(of: targetDocument)
        let sourceProfile = try AlignmentProfile.load(for: sourceLanguage, data: dataDirectory)
        let targetProfile = try AlignmentProfile.load(for: targetLanguage, data: dataDirectory)
        var anchors = SentenceAligner.standardAnchorSources(profiles: [sourceProfile, targetProfile])
        if let terms { anchors.append(TermAnchors(spotter: terms)) }
        let sentences = SentenceAligner(source: sourceProfile, target: targetProfile, anchorSources: anchors)
        let documents = DocumentAligner(sentences: sentences, anchorSources: anchors)
        let (prepared, _) = documents.prepare(source: Self.units(sourceSegments, of: sourceDocument),
                                              target: Self.units(targetSegments, of: targetDocument))
        let alignment = sentences.align([prepared])[0]
        let groups = alignment.beads.map { PairInputs.AlignedGroup(source: $0.source, target: $0.target, score: $0.confidence) }
        let pairs = PairInputs.aligned(source: sourceSegments, target: targetSegments, groups: groups)
        return Loaded(input: CheckInput(pairs: pairs, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                        sourceName: sourcePath, targetName: targetPath))
    }

    /// Alignment units that know which segments are headings (headings do not merge with text).
    private static func units(_ segments: [Segment], of document: TMKitText.Document) -> [AlignmentUnit] {
        var kinds: [Int: BlockKind] = [:]
        for paragraph in document.paragraphs { kinds[paragraph.index] = paragraph.kind }
        return segments.map { AlignmentUnit($0, kind: kinds[$0.paragraphIndex] ?? .paragraph) }
    }

    /// The workspace memory's units (those of the two languages when given).
    func loadMemory(_ memory: TranslationMemory, path: String) throws -> Loaded {
        let filter = UnitFilter(sourceLanguage: sourceLang?.identifier, targetLanguage: targetLang?.identifier)
        let units = try memory.units(matching: filter)
        guard let first = units.first else {
            throw TMKitError(.emptyInput, "the memory has no units\(sourceLang == nil && targetLang == nil ? "" : " in these languages")",
                             hint: "import some with tmkit tm import, or check --source-lang/--target-lang", file: path)
        }
        let source = try sourceLang ?? language(first.sourceLanguage, attribute: "source language", path) ?? .english
        let target = try targetLang ?? language(first.targetLanguage, attribute: "target language", path) ?? .korean
        let pairs = PairInputs.memory(units.filter { $0.sourceLanguage == first.sourceLanguage && $0.targetLanguage == first.targetLanguage }, path: path)
        return Loaded(input: CheckInput(pairs: pairs, sourceLanguage: source, targetLanguage: target, sourceName: path, targetName: path))
    }

    /// A language from a file's attribute, with the file named when it is malformed.
    private func language(_ value: String?, attribute: String, _ path: String) throws -> LanguageTag? {
        guard let value, !value.isEmpty else { return nil }
        do {
            return try LanguageTag(value)
        } catch var error as TMKitError {
            error.message = "the file's \(attribute): " + error.message
            error.code = .invalidData
            throw error.located(in: path)
        }
    }

    /// The language of a text from its script, said on standard error.
    private func detect(_ text: String, path: String) throws -> LanguageTag? {
        guard let table = dataDirectory.sharedLocaleFile("scripts.tsv") else { return nil }
        let detector = try LanguageDetector(contentsOf: table)
        guard let found = detector.detect(text) else { return nil }
        Terminal.note("\(path): language \(found.language) (detected; set it with --source-lang/--target-lang)")
        return found.language
    }
}
