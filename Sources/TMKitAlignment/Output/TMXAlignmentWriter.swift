import TMKitText

/// TMX 1.4b for an alignment: one translation unit per bead with both sides, its confidence and
/// the places of its two sides as properties. Beads with one side hold no translation and are
/// left out.
struct TMXAlignmentWriter {
    var sides: AlignmentSides
    var tool: (name: String, version: String)

    func header() -> String {
        func attribute(_ text: String) -> String { XMLWriter.escapeAttribute(text) }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="\(attribute(tool.name))" creationtoolversion="\(attribute(tool.version))" segtype="sentence" \
        o-tmf="\(attribute(tool.name))" adminlang="en" srclang="\(attribute(sides.sourceLanguage.identifier))" datatype="plaintext"/>
          <body>

        """
    }

    func write(_ alignment: SentenceAlignment, to sink: OutputSink) throws {
        var out = ""
        let source = XMLWriter.escapeAttribute(sides.sourceLanguage.identifier)
        let target = XMLWriter.escapeAttribute(sides.targetLanguage.identifier)
        for bead in alignment.beads where !bead.isOneSided {
            let texts = alignment.texts(of: bead)
            out += "    <tu>\n"
            out += "      <prop type=\"x-tmkit-confidence\">\(AlignmentWriter.confidence(bead.confidence))</prop>\n"
            out += "      <prop type=\"x-tmkit-bead\">\(bead.kind)</prop>\n"
            if let place = Self.place(bead.source, alignment.source) {
                out += "      <prop type=\"x-tmkit-source-location\">\(XMLWriter.escapeText(place))</prop>\n"
            }
            if let place = Self.place(bead.target, alignment.target) {
                out += "      <prop type=\"x-tmkit-target-location\">\(XMLWriter.escapeText(place))</prop>\n"
            }
            out += "      <tuv xml:lang=\"\(source)\"><seg>\(XMLWriter.escapeText(texts.source))</seg></tuv>\n"
            out += "      <tuv xml:lang=\"\(target)\"><seg>\(XMLWriter.escapeText(texts.target))</seg></tuv>\n"
            out += "    </tu>\n"
            if out.utf8.count > 1 << 16 {
                try sink.write(out)
                out = ""
            }
        }
        try sink.write(out)
    }

    func footer() -> String { "  </body>\n</tmx>\n" }

    static func place(_ range: Range<Int>, _ units: [AlignmentUnit]) -> String? {
        guard let first = range.first, let location = units[first].location else { return nil }
        return "\(location.file):\(location.line)"
    }
}
