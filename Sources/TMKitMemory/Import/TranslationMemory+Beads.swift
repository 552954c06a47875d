import Foundation
import TMKitFormats
import TMKitText

/// One aligned link group as the aligner gives it: source sentences ⇄ target sentences.
/// Beads with no sentence on one side (1–0, 0–1) make no unit.
public struct BeadPair: Sendable, Hashable {
    public var sourceSentences: [String]
    public var targetSentences: [String]
    public var score: Double?
    public var origin: MemoryUnit.Origin?

    public init(sourceSentences: [String], targetSentences: [String], score: Double? = nil, origin: MemoryUnit.Origin? = nil) {
        self.sourceSentences = sourceSentences
        self.targetSentences = targetSentences
        self.score = score
        self.origin = origin
    }
}

extension TranslationMemory {
    /// Stores aligned beads (for `tmkit align … --into-memory`), in one transaction. Several
    /// sentences on one side are joined with a space.
    public func importBeads(_ beads: some Sequence<BeadPair>, sourceLanguage: LanguageTag, targetLanguage: LanguageTag,
                            source: String = "alignment", options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        try runImport(source: source, format: "beads", options: options, expectedUnits: beads.underestimatedCount) { session in
            for bead in beads {
                session.didRead()
                guard let unit = Self.unit(bead, sourceLanguage: sourceLanguage.identifier, targetLanguage: targetLanguage.identifier) else {
                    session.summary.withoutPair += 1
                    continue
                }
                try session.add(unit)
            }
        }
    }

    static func unit(_ bead: BeadPair, sourceLanguage: String, targetLanguage: String) -> MemoryUnit? {
        let source = bead.sourceSentences.joined(separator: " ")
        let target = bead.targetSentences.joined(separator: " ")
        guard !source.isEmpty, !target.isEmpty else { return nil }
        var unit = MemoryUnit(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, source: source, target: target)
        unit.score = bead.score
        unit.origin = bead.origin
        return unit
    }

    /// Imports the aligner's JSONL, one bead a line:
    /// `{"src":["…"],"tgt":["…"],"score":0.93,"srcLang":"en","tgtLang":"ko"}`, optionally with
    /// `"document"`, `"paragraph"`, `"sentence"` (the origin). `src`/`tgt` may also be strings.
    /// Languages missing from a line come from the options.
    ///
    /// `tmkit align --format jsonl` output (schema `tmkit.align/1`) is read as it is: its header
    /// lines (`"type":"alignment"`) give the languages and the document of the beads after them,
    /// and a bead's `"confidence"` is its score.
    /// - Throws: `TMKitError` naming the line of the first line that is not such an object;
    ///   nothing is imported then.
    public func importJSONL(path: String, options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        let defaultSource = try options.sourceLanguage.map { try LanguageTag($0).identifier }
        let defaultTarget = try options.targetLanguage.map { try LanguageTag($0).identifier }
        var tags: [String: String] = [:]
        func tag(_ raw: String, line: Int) throws -> String {
            if let known = tags[raw] { return known }
            do {
                let canonical = try LanguageTag(raw).identifier
                tags[raw] = canonical
                return canonical
            } catch let error as TMKitError {
                throw error.located(in: path, line: line)
            }
        }
        // From the latest `tmkit.align/1` header line: languages and document of the beads after it.
        var headerSource: String?
        var headerTarget: String?
        var headerDocument: String?
        return try runImport(source: path, format: "jsonl", options: options,
                             expectedUnits: Self.estimatedUnits(path: path, bytesPerUnit: 256)) { session in
            try LineReader.forEachLine(path) { line, number in
                if line.allSatisfy(\.isWhitespace) { return }
                func bad(_ why: String) -> TMKitError {
                    TMKitError(.invalidData, "not a bead: \(why)",
                               hint: "each line is {\"src\":[…],\"tgt\":[…],\"score\":…,\"srcLang\":…,\"tgtLang\":…}", file: path, line: number)
                }
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                    throw bad("the line is not a JSON object")
                }
                if object["type"] as? String == "alignment" {
                    func language(_ side: String) throws -> String? {
                        guard let raw = (object[side] as? [String: Any])?["language"] as? String else { return nil }
                        return try tag(raw, line: number)
                    }
                    headerSource = try language("source")
                    headerTarget = try language("target")
                    headerDocument = object["document"] as? String
                        ?? ((object["source"] as? [String: Any])?["file"] as? String).map { ($0 as NSString).lastPathComponent }
                    return
                }
                func sentences(_ key: String) throws -> [String] {
                    if let list = object[key] as? [String] { return list }
                    if let text = object[key] as? String { return [text] }
                    if object[key] == nil { throw bad("\"\(key)\" is missing") }
                    throw bad("\"\(key)\" is neither a list of sentences nor a string")
                }
                let src = try sentences("src")
                let tgt = try sentences("tgt")
                guard let sourceLanguage = try (object["srcLang"] as? String).map({ try tag($0, line: number) }) ?? defaultSource ?? headerSource,
                      let targetLanguage = try (object["tgtLang"] as? String).map({ try tag($0, line: number) }) ?? defaultTarget ?? headerTarget
                else { throw bad("no srcLang/tgtLang on the line, and no --source-lang/--target-lang given") }
                let document = object["document"] as? String ?? headerDocument
                let paragraph = object["paragraph"] as? Int
                let sentence = object["sentence"] as? Int
                let origin = document == nil && paragraph == nil && sentence == nil
                    ? nil : MemoryUnit.Origin(document: document, paragraph: paragraph, sentence: sentence)
                let bead = BeadPair(sourceSentences: src, targetSentences: tgt, score: object["score"] as? Double ?? object["confidence"] as? Double, origin: origin)
                session.didRead()
                if let unit = Self.unit(bead, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage) {
                    try session.add(unit)
                } else {
                    session.summary.withoutPair += 1
                }
            }
        }
    }

    /// Imports `source<TAB>target` lines (an optional third column is the score); `\t`, `\n`
    /// and `\\` escapes as `tmkit` writes TSV. Languages come from the options.
    public func importTSV(path: String, options: ImportOptions) throws -> ImportSummary {
        guard let sourceRaw = options.sourceLanguage, let targetRaw = options.targetLanguage else {
            throw TMKitError(.usage, "TSV has no languages in it", hint: "give --source-lang and --target-lang", file: path)
        }
        let sourceLanguage = try LanguageTag(sourceRaw).identifier
        let targetLanguage = try LanguageTag(targetRaw).identifier
        return try runImport(source: path, format: "tsv", options: options,
                             expectedUnits: Self.estimatedUnits(path: path, bytesPerUnit: 128)) { session in
            try LineReader.forEachLine(path) { line, number in
                if line.isEmpty { return }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 2 else {
                    throw TMKitError(.invalidData, "the line has no tab between source and target", hint: "write source<TAB>target", file: path, line: number)
                }
                session.didRead()
                var unit = MemoryUnit(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                      source: TSV.unescape(fields[0]), target: TSV.unescape(fields[1]))
                if fields.count >= 3 { unit.score = Double(fields[2]) }
                if unit.source.content.isEmpty || unit.target.content.isEmpty {
                    session.summary.withoutPair += 1
                    return
                }
                try session.add(unit)
            }
        }
    }
}

/// Reads a UTF-8 text file line by line (BOM skipped, CR LF accepted), streaming.
enum LineReader {
    static func forEachLine(_ path: String, _ body: (String, Int) throws -> Void) throws {
        try TextFile.checkReadable(path)
        guard let file = fopen(path, "rb") else {
            throw TMKitError(.notReadable, "cannot open the file", file: path)
        }
        defer { fclose(file) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        var number = 0
        while true {
            let length = getline(&buffer, &capacity, file)
            if length < 0 { break }
            number += 1
            var bytes = UnsafeRawBufferPointer(start: buffer, count: length)
            if number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
            }
            var end = bytes.count
            while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
            guard let line = String(validating: bytes[0..<end], as: UTF8.self) else {
                throw TMKitError(.invalidEncoding, "the line is not valid UTF-8", hint: "convert the file to UTF-8", file: path, line: number)
            }
            try body(line, number)
        }
    }
}
