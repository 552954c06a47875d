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
        // Three threads, each handing batches to the next through a pipe that holds a few (so
        // memory stays bounded): the reader parses the XML into units, the preparer makes their
        // pairs and computes what a row needs (plain text, markup, match key and its trigrams,
        // hashes, metadata JSON), and this thread stores the rows. Each stage takes about a third
        // of the work, so two cores are kept busy: with two stages, the reader's share alone
        // (parse and prepare) took longer than storing and left the other core idle half the time.
        let pairsPipe = BatchPipe<[TranslationUnit]>(capacity: 8)
        let pipe = BatchPipe<ImportBatch>(capacity: 8)
        nonisolated(unsafe) let unsafeReader = reader
        nonisolated(unsafe) let pairOptions = ImportOptions(sourceLanguage: options.sourceLanguage, targetLanguage: options.targetLanguage,
                                        allPairs: options.allPairs)
        let producer = Thread {
            var batch: [TranslationUnit] = []
            do {
                while let tu = try unsafeReader.next() {
                    batch.append(tu)
                    if batch.count == 256 {
                        guard pairsPipe.put(.batch(batch)) else { return }
                        batch = []
                    }
                }
                if !batch.isEmpty { pairsPipe.put(.batch(batch)) }
                pairsPipe.put(.end)
            } catch {
                pairsPipe.put(.failure(error))
            }
        }
        let preparer = Thread {
            while true {
                switch pairsPipe.take() {
                case .batch(let units):
                    var batch = ImportBatch(read: units.count)
                    batch.units.reserveCapacity(units.count)
                    for tu in units {
                        let pairs = Self.pairs(of: tu, header: header, options: pairOptions)
                        if pairs.isEmpty { batch.withoutPair += 1 }
                        for pair in pairs { batch.units.append(PreparedUnit(pair)) }
                    }
                    guard pipe.put(.batch(batch)) else {
                        pairsPipe.cancel()  // the store gave up: stop the reader too
                        return
                    }
                case .end:
                    pipe.put(.end)
                    return
                case .failure(let error):
                    pipe.put(.failure(error))
                    return
                }
            }
        }
        producer.stackSize = 1 << 22
        producer.start()
        preparer.start()
        var summary: ImportSummary
        do {
            summary = try runImport(source: path, format: "tmx", header: Self.headerJSON(header), options: options,
                                    expectedUnits: Self.estimatedUnits(path: path, bytesPerUnit: 256)) { session in
                loop: while true {
                    switch pipe.take() {
                    case .batch(let batch):
                        for unit in batch.units { try session.add(unit) }
                        session.summary.withoutPair += batch.withoutPair
                        session.didRead(batch.read)
                    case .end:
                        break loop
                    case .failure(let error):
                        throw error
                    }
                }
            }
        } catch {
            pipe.cancel()
            pairsPipe.cancel()
            throw error
        }
        summary.warnings = reader.warnings
        return summary
    }

    /// A rough count of the units in a file from its size (a generous one: typical TMX units take
    /// 300–500 bytes), for `ImportSession`'s choice of keeping or rebuilding the index.
    static func estimatedUnits(path: String, bytesPerUnit: Int) -> Int {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return bytes / bytesPerUnit
    }

    /// The language pairs of one `<tu>` under the options.
    static func pairs(of tu: TranslationUnit, header: TMXHeader, options: ImportOptions) -> [MemoryUnit] {
        let variants = tu.variants
        guard variants.count >= 2 else { return [] }
        func index(of language: String) -> Int? {
            if let exact = variants.firstIndex(where: { languageMatches($0.language, language, orSubtag: false) }) { return exact }
            // "en" finds "en-US" (the first of its kind).
            return variants.firstIndex { languageMatches($0.language, language, orSubtag: true) }
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
        units.reserveCapacity(variants.count - 1)
        for s in sourceIndexes {
            if let wanted = options.targetLanguage {
                guard let t = index(of: wanted), t != s else { continue }
                units.append(unit(tu, source: variants[s], target: variants[t]))
            } else {
                for t in variants.indices where t != s { units.append(unit(tu, source: variants[s], target: variants[t])) }
            }
        }
        return units
    }

    /// Whether `tag` is `wanted` ignoring case or, with `orSubtag`, starts with `wanted` and a
    /// hyphen ("en" finds "en-US"). Tags are ASCII once canonical; this runs for every variant of
    /// every unit, so ASCII is compared in place, without lowercased copies.
    static func languageMatches(_ tag: String, _ wanted: String, orSubtag: Bool) -> Bool {
        var tag = tag
        var wanted = wanted
        let result: Bool? = tag.withUTF8 { t in
            wanted.withUTF8 { w in
                @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                guard !t.contains(where: { $0 >= 0x80 }), !w.contains(where: { $0 >= 0x80 }) else { return nil }
                if orSubtag {
                    guard t.count > w.count, t[w.count] == UInt8(ascii: "-") else { return false }
                } else if t.count != w.count {
                    return false
                }
                for i in 0..<w.count where lower(t[i]) != lower(w[i]) { return false }
                return true
            }
        }
        if let result { return result }
        let t = tag.lowercased()
        let w = wanted.lowercased()
        return orSubtag ? t.hasPrefix(w + "-") : t == w
    }

    /// One pair from a `<tu>`: dates and users from the unit (else from the source variant).
    static func unit(_ tu: TranslationUnit, source: TMXVariant, target: TMXVariant) -> MemoryUnit {
        var metadata = UnitMetadata()
        var origin = MemoryUnit.Origin(document: nil)
        var score: Double?
        // Dates and users have columns: the unit's first, else the source variant's.
        var createdAt: String?
        var createdBy: String?
        var changedAt: String?
        var changedBy: String?
        for attribute in tu.attributes {
            switch attribute.name {
            case "creationdate": createdAt = createdAt ?? attribute.value
            case "creationid": createdBy = createdBy ?? attribute.value
            case "changedate": changedAt = changedAt ?? attribute.value
            case "changeid": changedBy = changedBy ?? attribute.value
            case "tuid", "srclang": break
            default: metadata.unit.attributes.append(attribute)
            }
        }
        for attribute in source.attributes {
            switch attribute.name {
            case "creationdate": createdAt = createdAt ?? attribute.value
            case "creationid": createdBy = createdBy ?? attribute.value
            case "changedate": changedAt = changedAt ?? attribute.value
            case "changeid": changedBy = changedBy ?? attribute.value
            default: break
            }
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
        let hasOrigin = origin.document != nil || origin.paragraph != nil || origin.sentence != nil
        return MemoryUnit(
            sourceLanguage: source.language, targetLanguage: target.language, source: source.segment, target: target.segment,
            tuid: tu.tuid, origin: hasOrigin ? origin : nil, score: score,
            createdAt: createdAt, createdBy: createdBy, changedAt: changedAt, changedBy: changedBy, metadata: metadata)
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
