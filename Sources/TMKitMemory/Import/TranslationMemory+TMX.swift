import Foundation
import TMKitFormats
import TMKitText

extension TranslationMemory {
    /// Imports a TMX file (1.1 to 1.4b), streaming, in one transaction: all of it or, on any
    /// error (bad XML anywhere in the file, a full disk), none of it.
    ///
    /// Each `<tu>` gives one unit per target variant (see `ImportOptions` for the pair rules).
    /// TMX metadata is kept: dates and users in columns, other attributes, props and notes as
    /// unit metadata; `x-tmkit:*` props written by `exportTMX` restore the origin and score.
    /// - Returns: counts and the reader's warnings.
    /// - Throws: `TMKitError` with file:line:column for XML that is not well-formed.
    /// - Complexity: O(file size); memory bounded by one unit and one postings batch.
    public func importTMX(path: String, options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        let reader = try TMXReader(path: path)
        let header = reader.header
        // Two threads: one reads and prepares units (XML, text, keys, hashes), the other stores
        // them; the pipe holds a few batches, so memory stays bounded.
        let pipe = BatchPipe<(read: Int, units: [PreparedUnit])>(capacity: 8)
        nonisolated(unsafe) let unsafeReader = reader
        nonisolated(unsafe) let pairOptions = ImportOptions(sourceLanguage: options.sourceLanguage, targetLanguage: options.targetLanguage,
                                        allPairs: options.allPairs)
        let producer = Thread {
            var batch: [(read: Int, units: [PreparedUnit])] = []
            var count = 0
            do {
                while let tu = try unsafeReader.next() {
                    batch.append((1, Self.pairs(of: tu, header: header, options: pairOptions).map(PreparedUnit.init)))
                    count += 1
                    if count % 256 == 0 {
                        guard pipe.put(.batch(batch)) else { return }
                        batch = []
                    }
                }
                if !batch.isEmpty { pipe.put(.batch(batch)) }
                pipe.put(.end)
            } catch {
                pipe.put(.failure(error))
            }
        }
        producer.stackSize = 1 << 22
        producer.start()
        var summary: ImportSummary
        do {
            summary = try runImport(source: path, format: "tmx", header: Self.headerJSON(header), options: options) { session in
                loop: while true {
                    switch pipe.take() {
                    case .batch(let batch):
                        for entry in batch {
                            session.didRead()
                            if entry.units.isEmpty { session.summary.withoutPair += 1 }
                            for unit in entry.units { try session.add(unit) }
                        }
                    case .end:
                        break loop
                    case .failure(let error):
                        throw error
                    }
                }
            }
        } catch {
            pipe.cancel()
            throw error
        }
        summary.warnings = reader.warnings
        return summary
    }

    /// The language pairs of one `<tu>` under the options.
    static func pairs(of tu: TranslationUnit, header: TMXHeader, options: ImportOptions) -> [MemoryUnit] {
        let variants = tu.variants
        guard variants.count >= 2 else { return [] }
        func index(of language: String) -> Int? {
            let wanted = language.lowercased()
            if let exact = variants.firstIndex(where: { $0.language.lowercased() == wanted }) { return exact }
            // "en" finds "en-US" (the first of its kind).
            return variants.firstIndex { $0.language.lowercased().hasPrefix(wanted + "-") }
        }
        var sourceIndexes: [Int]
        if options.allPairs {
            sourceIndexes = Array(variants.indices)
        } else {
            let declared = options.sourceLanguage ?? tu.attributes[named: "srclang"] ?? header.sourceLanguage
            if let declared, declared != "*all*" {
                guard let found = index(of: declared) else { return [] }
                sourceIndexes = [found]
            } else {
                sourceIndexes = [0]
            }
        }
        var units: [MemoryUnit] = []
        for s in sourceIndexes {
            let targets: [Int]
            if let wanted = options.targetLanguage {
                guard let t = index(of: wanted), t != s else { continue }
                targets = [t]
            } else {
                targets = variants.indices.filter { $0 != s }
            }
            for t in targets { units.append(unit(tu, source: variants[s], target: variants[t])) }
        }
        return units
    }

    static let columnAttributes: Set<String> = ["tuid", "creationdate", "creationid", "changedate", "changeid", "srclang"]

    /// One pair from a `<tu>`: dates and users from the unit (else from the source variant).
    static func unit(_ tu: TranslationUnit, source: TMXVariant, target: TMXVariant) -> MemoryUnit {
        var metadata = UnitMetadata()
        var origin = MemoryUnit.Origin(document: nil)
        var score: Double?
        for attribute in tu.attributes where !columnAttributes.contains(attribute.name) {
            metadata.unit.attributes.append(attribute)
        }
        for property in tu.properties {
            switch property.type {
            case "x-tmkit:document": origin.document = property.text
            case "x-tmkit:paragraph": origin.paragraph = Int(property.text)
            case "x-tmkit:sentence": origin.sentence = Int(property.text)
            case "x-tmkit:score": score = Double(property.text)
            default: metadata.unit.properties.append(property)
            }
        }
        metadata.unit.notes = tu.notes
        metadata.source = UnitMetadata.Part(attributes: source.attributes, properties: source.properties, notes: source.notes)
        metadata.target = UnitMetadata.Part(attributes: target.attributes, properties: target.properties, notes: target.notes)
        func attribute(_ name: String) -> String? {
            tu.attributes[named: name] ?? source.attributes[named: name]
        }
        let hasOrigin = origin.document != nil || origin.paragraph != nil || origin.sentence != nil
        return MemoryUnit(
            sourceLanguage: source.language, targetLanguage: target.language, source: source.segment, target: target.segment,
            tuid: tu.tuid, origin: hasOrigin ? origin : nil, score: score,
            createdAt: attribute("creationdate"), createdBy: attribute("creationid"),
            changedAt: attribute("changedate"), changedBy: attribute("changeid"), metadata: metadata)
    }

    /// The header as JSON for `tm_import.header`.
    static func headerJSON(_ header: TMXHeader) -> String {
        let attributes = header.attributes.map { JSON.array([$0.name, $0.value]) }.joined(separator: ",")
        let props = header.properties.map { JSON.array([$0.type ?? "", $0.text]) }.joined(separator: ",")
        let notes = header.notes.map { JSON.quote($0.text) }.joined(separator: ",")
        let udes = header.userDefinedEncodings.map(JSON.quote).joined(separator: ",")
        return "{\"version\":\(JSON.quote(header.version)),\"a\":[\(attributes)],\"p\":[\(props)],\"n\":[\(notes)],\"ude\":[\(udes)]}"
    }
}
