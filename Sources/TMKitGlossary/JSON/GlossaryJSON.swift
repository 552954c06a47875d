import Foundation
import TMKitText

/// Glossaries as JSON: TMKit's own lossless form (every TBX field), with a schema version.
public enum GlossaryJSON {
    /// The schema name and version written in every file.
    public static let schema = "tmkit-glossary/1"

    struct Envelope: Codable {
        var schema: String
        var glossary: Glossary
    }

    public static func data(_ glossary: Glossary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Envelope(schema: schema, glossary: glossary))
    }

    public static func read(path: String, name: String? = nil) throws -> LoadedGlossary {
        let bytes = try TextFile.readBytes(path)
        return try read(bytes: bytes, source: path, name: name)
    }

    /// - Throws: `TMKitError` naming the file, and the field when the JSON does not fit the schema.
    public static func read(bytes: [UInt8], source: String, name: String? = nil) throws -> LoadedGlossary {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(bytes))
        } catch let DecodingError.dataCorrupted(context) {
            throw TMKitError(.invalidData, "not valid JSON: \(context.debugDescription)", file: source)
        } catch let DecodingError.keyNotFound(key, context) {
            throw TMKitError(
                .invalidData, "missing '\(key.stringValue)' at \(path(context))",
                hint: "export a glossary with tmkit glossary export --format json to see the form", file: source)
        } catch let DecodingError.typeMismatch(_, context) {
            throw TMKitError(.invalidData, "wrong type at \(path(context)): \(context.debugDescription)", file: source)
        } catch {
            throw TMKitError(.invalidData, "cannot read the glossary JSON: \(error)", file: source)
        }
        guard envelope.schema.hasPrefix("tmkit-glossary/") else {
            throw TMKitError(.invalidData, "unknown schema '\(envelope.schema)'", hint: "expected \(schema)", file: source)
        }
        var glossary = envelope.glossary
        if let name { glossary.name = name }
        for concept in glossary.concepts {
            for section in concept.languages where section.tag == nil {
                throw TMKitError(.invalidData, "concept '\(concept.id)': '\(section.language)' is not a valid language tag", file: source)
            }
        }
        var warnings = glossary.mergeDuplicateTerms(file: source)
        warnings += glossary.termsInSeveralConcepts(file: source)
        return LoadedGlossary(glossary: glossary, warnings: warnings)
    }

    static func path(_ context: DecodingError.Context) -> String {
        let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }
        return parts.isEmpty ? "the top level" : parts.joined()
    }
}
