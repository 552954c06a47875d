import TMKitAlignment
import TMKitFormats
import TMKitText

/// `tmkit align --format tmx`: the beads with both sides as TMX 1.4b translation units, through
/// the memory's TMX writer; each unit carries its confidence, bead shape and both places.
enum AlignTMX {
    static func write(_ results: [SentenceAlignment], ids: [String?], sides: AlignmentSides, to sink: OutputSink) throws {
        let header = TMXHeader(version: "1.4", attributes: [
            TMXAttribute("creationtool", "tmkit"), TMXAttribute("creationtoolversion", TMKitCommand.version),
            TMXAttribute("segtype", "sentence"), TMXAttribute("o-tmf", "tmkit align"), TMXAttribute("adminlang", "en"),
            TMXAttribute("srclang", sides.sourceLanguage.identifier), TMXAttribute("datatype", "plaintext"),
            TMXAttribute("creationdate", TMXDate.now()),
        ])
        let writer = TMXWriter(sink: sink, header: header)
        try writer.begin()
        for (k, result) in results.enumerated() {
            for bead in result.beads where !bead.isOneSided {
                let texts = result.texts(of: bead)
                var properties = [
                    TMXProperty(type: "x-tmkit-confidence", text: String(format: "%.3f", bead.confidence)),
                    TMXProperty(type: "x-tmkit-bead", text: bead.kind),
                ]
                if let id = ids[k] { properties.append(TMXProperty(type: "x-tmkit-document", text: id)) }
                if let place = place(bead.source, result.source) { properties.append(TMXProperty(type: "x-tmkit-source-location", text: place)) }
                if let place = place(bead.target, result.target) { properties.append(TMXProperty(type: "x-tmkit-target-location", text: place)) }
                try writer.write(TranslationUnit(properties: properties, variants: [
                    TMXVariant(language: sides.sourceLanguage.identifier, segment: TMXSegment(text: texts.source)),
                    TMXVariant(language: sides.targetLanguage.identifier, segment: TMXSegment(text: texts.target)),
                ]))
            }
        }
        try writer.finish()
        if writer.droppedCharacters > 0 {
            Terminal.warning("left out \(writer.droppedCharacters) character(s) XML cannot carry, in \(writer.unitsWithDroppedCharactersCount) unit(s)")
        }
    }

    static func place(_ range: Range<Int>, _ units: [AlignmentUnit]) -> String? {
        guard let first = range.first, let location = units[first].location else { return nil }
        return "\(location.file):\(location.line)"
    }
}
