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
        // Four threads, each handing batches of rows (`RowBatch`: flat buffers, no object per
        // unit) to the next through a pipe that holds a few (so memory stays bounded): the
        // reader parses the XML into rows, the preparer computes what else a row needs (match
        // key and its trigrams, hashes), this thread stores the rows, and the indexer gathers
        // their trigram postings for this thread to insert. Together they keep two cores busy.
        // Indexed batches go back to the reader through `spare`, so that their memory is reused.
        let readPipe = BatchPipe<RowBatch>(capacity: 6)
        let pipe = BatchPipe<RowBatch>(capacity: 6)
        let indexPipe = BatchPipe<RowBatch>(capacity: 6)
        let postingsPipe = BatchPipe<EncodedPostings>(capacity: 16)
        // More than all the batches that can be in the other pipes and stages at once: a
        // hand-back never waits.
        let spare = BatchPipe<RowBatch>(capacity: 64)
        nonisolated(unsafe) let unsafeReader = reader
        let headerSourceLanguage = header.sourceLanguage
        nonisolated(unsafe) let pairOptions = ImportOptions(sourceLanguage: options.sourceLanguage, targetLanguage: options.targetLanguage,
                                        allPairs: options.allPairs)
        let producer = Thread {
            let plain = TMXPlainUnit()
            var batch = spare.poll() ?? RowBatch()
            do {
                while let item = try unsafeReader.nextItem(plain: plain) {
                    batch.read += 1
                    let pairs: Int
                    switch item {
                    case .plain:
                        pairs = Self.appendPairs(of: plain, headerSourceLanguage: headerSourceLanguage, options: pairOptions, to: batch)
                    case .unit(let tu):
                        let units = Self.pairs(of: tu, header: header, options: pairOptions)
                        for unit in units { batch.append(unit) }
                        pairs = units.count
                    }
                    if pairs == 0 { batch.withoutPair += 1 }
                    if batch.read == 256 {
                        guard readPipe.put(.batch(batch)) else { return }
                        batch = spare.poll() ?? RowBatch()
                    }
                }
                if batch.read > 0 { readPipe.put(.batch(batch)) }
                readPipe.put(.end)
            } catch {
                readPipe.put(.failure(error))
            }
        }
        let preparer = Thread {
            while true {
                switch readPipe.take() {
                case .batch(let batch):
                    batch.prepare()
                    guard pipe.put(.batch(batch)) else {
                        readPipe.cancel()  // the store gave up: stop the reader too
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
        // The fourth: gathers the fuzzy index's postings of the stored rows and encodes them,
        // so that the store thread, which the others wait for, only inserts them.
        let indexer = Thread {
            let builder = PostingBuilder(entryLimit: GramIndexWriter.entryLimit)
            func handOver() -> Bool {
                let encoded = EncodedPostings(builder)
                builder.removeAll()
                return postingsPipe.put(.batch(encoded))
            }
            while true {
                switch indexPipe.take() {
                case .batch(let batch):
                    let ids = batch.ids
                    let handed: Bool = batch.withContents { _, grams, rows in
                        for i in rows.indices where ids[i] != 0 {
                            let unitGrams = UnsafeBufferPointer(rebasing: grams[rows[i].grams])
                            if builder.isFull(reserve: unitGrams.count) { guard handOver() else { return false } }
                            builder.add(unitGrams, id: ids[i])
                        }
                        return true
                    }
                    guard handed else { return }
                    batch.removeAll()
                    spare.put(.batch(batch))
                case .end, .failure:
                    if !builder.isEmpty { guard handOver() else { return } }
                    postingsPipe.put(.end)
                    return
                }
            }
        }
        producer.stackSize = 1 << 22
        producer.start()
        preparer.start()
        indexer.start()
        var summary: ImportSummary
        do {
            summary = try runImport(source: path, format: "tmx", header: Self.headerJSON(header), options: options,
                                    expectedUnits: Self.estimatedUnits(path: path, bytesPerUnit: 256)) { session in
                loop: while true {
                    while let postings = postingsPipe.poll() { try session.writePostings(postings) }
                    switch pipe.take() {
                    case .batch(let batch):
                        try session.add(batch, indexing: false)
                        session.summary.withoutPair += batch.withoutPair
                        session.didRead(batch.read)
                        indexPipe.put(.batch(batch))
                    case .end:
                        break loop
                    case .failure(let error):
                        throw error
                    }
                }
                indexPipe.put(.end)
                // While the indexing thread encodes the last postings.
                try session.buildDeferredIndex()
                drain: while true {
                    switch postingsPipe.take() {
                    case .batch(let postings): try session.writePostings(postings)
                    case .end: break drain
                    case .failure(let error): throw error
                    }
                }
            }
        } catch {
            for cancel in [pipe.cancel, readPipe.cancel, indexPipe.cancel, spare.cancel] { cancel() }
            postingsPipe.cancel()
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
        var units: [MemoryUnit] = []
        forEachPair(count: variants.count, language: { variants[$0].language },
                    declared: options.sourceLanguage ?? tu.attributes[named: "srclang"] ?? header.sourceLanguage, options: options) { s, t in
            units.append(unit(tu, source: variants[s], target: variants[t]))
        }
        return units
    }

    /// The pairs of a plain unit (see `TMXPlainUnit`) as rows of `batch`, as `pairs(of:)` makes
    /// them of the same unit read as a `TranslationUnit`: languages, texts, tuid, dates and user
    /// ids (a plain unit has no other metadata). Returns how many.
    static func appendPairs(of plain: TMXPlainUnit, headerSourceLanguage: String?, options: ImportOptions, to batch: RowBatch) -> Int {
        let variants = plain.variants
        var count = 0
        let declared = options.sourceLanguage ?? plain.value(.srclang).map(plain.string) ?? headerSourceLanguage
        plain.withBytes { bytes in
            func text(_ attribute: TMXPlainUnit.Attribute) -> RowBatch.Text {
                guard let range = plain.value(attribute) else { return .null }
                return batch.text(UnsafeBufferPointer(rebasing: bytes[range]))
            }
            forEachPair(count: variants.count, language: { variants[$0].language }, declared: declared, options: options) { s, t in
                var row = RowBatch.Row(sourceLanguage: batch.text(variants[s].language), targetLanguage: batch.text(variants[t].language),
                                       sourceText: batch.text(UnsafeBufferPointer(rebasing: bytes[variants[s].text])),
                                       targetText: batch.text(UnsafeBufferPointer(rebasing: bytes[variants[t].text])))
                row.tuid = text(.tuid)
                row.createdAt = text(.creationdate)
                row.createdBy = text(.creationid)
                row.changedAt = text(.changedate)
                row.changedBy = text(.changeid)
                batch.append(row)
                count += 1
            }
        }
        return count
    }

    /// Calls `body` with the source and target index of each pair a unit of `count` variants
    /// gives under the options: from the declared source language (`srclang` of the option, the
    /// unit or the header; the first variant when none or `*all*`) to every other variant or
    /// the option's target language; with `allPairs`, every ordered pair.
    static func forEachPair(count: Int, language: (Int) -> String, declared: String?, options: ImportOptions,
                            _ body: (Int, Int) -> Void) {
        guard count >= 2 else { return }
        func index(of wanted: String) -> Int? {
            if let exact = (0..<count).first(where: { languageMatches(language($0), wanted, orSubtag: false) }) { return exact }
            // "en" finds "en-US" (the first of its kind).
            return (0..<count).first { languageMatches(language($0), wanted, orSubtag: true) }
        }
        func pairs(from s: Int) {
            if let wanted = options.targetLanguage {
                guard let t = index(of: wanted), t != s else { return }
                body(s, t)
            } else {
                for t in 0..<count where t != s { body(s, t) }
            }
        }
        if options.allPairs {
            for s in 0..<count { pairs(from: s) }
        } else if let declared, declared != "*all*" {
            guard let s = index(of: declared) else { return }
            pairs(from: s)
        } else {
            pairs(from: 0)
        }
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
