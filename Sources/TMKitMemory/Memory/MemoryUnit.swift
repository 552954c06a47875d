import Foundation
import TMKitFormats
import TMKitText

/// One translation pair in the memory: a source and a target segment (text with inline codes),
/// where it came from, and its TMX metadata.
public struct MemoryUnit: Hashable, Sendable {
    /// The row id (nil before it is stored).
    public var id: Int64?
    /// BCP 47 tags, canonical (`en`, `ko-KR`).
    public var sourceLanguage: String
    public var targetLanguage: String
    public var source: TMXSegment
    public var target: TMXSegment
    public var tuid: String?
    /// The document, paragraph and sentence the pair was aligned from.
    public var origin: Origin?
    /// The alignment score (0–1), when the pair came from the aligner.
    public var score: Double?
    /// TMX dates (`YYYYMMDDThhmmssZ`) and user ids.
    public var createdAt: String?
    public var createdBy: String?
    public var changedAt: String?
    public var changedBy: String?
    /// TMX attributes, props and notes that have no column of their own, kept for export.
    public var metadata: UnitMetadata

    public struct Origin: Hashable, Sendable {
        public var document: String?
        public var paragraph: Int?
        public var sentence: Int?

        public init(document: String?, paragraph: Int? = nil, sentence: Int? = nil) {
            self.document = document
            self.paragraph = paragraph
            self.sentence = sentence
        }
    }

    public init(id: Int64? = nil, sourceLanguage: String, targetLanguage: String, source: TMXSegment, target: TMXSegment,
                tuid: String? = nil, origin: Origin? = nil, score: Double? = nil, createdAt: String? = nil,
                createdBy: String? = nil, changedAt: String? = nil, changedBy: String? = nil,
                metadata: UnitMetadata = UnitMetadata()) {
        self.id = id
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.source = source
        self.target = target
        self.tuid = tuid
        self.origin = origin
        self.score = score
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.metadata = metadata
    }

    /// A plain-text pair.
    public init(sourceLanguage: String, targetLanguage: String, source: String, target: String) {
        self.init(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, source: TMXSegment(text: source),
                  target: TMXSegment(text: target))
    }
}

/// TMX attributes, props and notes of a unit and of its two variants that have no column.
public struct UnitMetadata: Hashable, Sendable {
    public struct Part: Hashable, Sendable {
        public var attributes: [TMXAttribute] = []
        public var properties: [TMXProperty] = []
        public var notes: [TMXProperty] = []

        public init(attributes: [TMXAttribute] = [], properties: [TMXProperty] = [], notes: [TMXProperty] = []) {
            self.attributes = attributes
            self.properties = properties
            self.notes = notes
        }

        var isEmpty: Bool { attributes.isEmpty && properties.isEmpty && notes.isEmpty }
    }

    public var unit = Part()
    public var source = Part()
    public var target = Part()

    public init(unit: Part = Part(), source: Part = Part(), target: Part = Part()) {
        self.unit = unit
        self.source = source
        self.target = target
    }

    public var isEmpty: Bool { unit.isEmpty && source.isEmpty && target.isEmpty }

    /// Compact JSON for the `meta` column: `{"tu":{"a":[[name,value]],"p":[[type,text,name,value…]],"n":[[text,name,value…]]},"src":…,"tgt":…}`.
    var json: String? {
        if isEmpty { return nil }
        func part(_ p: Part) -> String {
            let a = p.attributes.map { JSON.array([$0.name, $0.value]) }.joined(separator: ",")
            let props = p.properties.map { JSON.array([$0.type ?? "", $0.text] + $0.attributes.flatMap { [$0.name, $0.value] }) }
            let notes = p.notes.map { JSON.array([$0.text] + $0.attributes.flatMap { [$0.name, $0.value] }) }
            return "{\"a\":[\(a)],\"p\":[\(props.joined(separator: ","))],\"n\":[\(notes.joined(separator: ","))]}"
        }
        return "{\"tu\":\(part(unit)),\"src\":\(part(source)),\"tgt\":\(part(target))}"
    }

    init(json: String?) {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
        func part(_ key: String) -> Part {
            guard let p = object[key] as? [String: Any] else { return Part() }
            var out = Part()
            for pair in p["a"] as? [[String]] ?? [] where pair.count == 2 { out.attributes.append(TMXAttribute(pair[0], pair[1])) }
            func attributes(_ list: ArraySlice<String>) -> [TMXAttribute] {
                stride(from: list.startIndex, to: list.endIndex - 1, by: 2).map { TMXAttribute(list[$0], list[$0 + 1]) }
            }
            for prop in p["p"] as? [[String]] ?? [] where prop.count >= 2 {
                out.properties.append(TMXProperty(type: prop[0], text: prop[1], attributes: attributes(prop[2...])))
            }
            for note in p["n"] as? [[String]] ?? [] where note.count >= 1 {
                out.notes.append(TMXProperty(type: nil, text: note[0], attributes: attributes(note[1...])))
            }
            return out
        }
        unit = part("tu")
        source = part("src")
        target = part("tgt")
    }
}
