import Foundation
import TMKitText

/// A project's choices for `tmkit check`: which checks run and how severe they are, extra
/// glossaries, and the findings a reviewer accepted (by signature), so that "this is fine"
/// survives the next run.
///
/// Read from `tmkit-check.json` in the working directory (or `--config FILE`):
///
/// ```json
/// {
///   "schemaVersion": 1,
///   "checks": { "form.double-space": "off", "numbers": "error", "form.repeated-word": "info" },
///   "glossaries": ["terms/our-terms.tbx"],
///   "ignore": [ { "signature": "3fa2c4b19d0e7a11", "reason": "the name stays in English" } ]
/// }
/// ```
///
/// A key in `checks` is a check id (`numbers.mismatch`) or a family (`numbers`); a value is `off`,
/// `on` (the default severity), `info`, `warning` or `error`. A check id wins over its family.
public struct CheckConfiguration: Sendable {
    public struct Ignore: Sendable, Hashable {
        public var signature: String
        public var reason: String?
        /// Where the entry is written (for the note about entries that matched nothing).
        public var line: Int?
    }

    public enum Setting: Sendable, Hashable {
        case off
        case on
        case severity(Severity)
    }

    /// Settings by check id or family, in file order.
    public var checks: [(pattern: String, setting: Setting)] = []
    /// Glossary files, relative paths resolved against the configuration file's folder.
    public var glossaries: [String] = []
    public var ignore: [Ignore] = []
    /// The file it was read from, if any.
    public var path: String?

    public static let fileName = "tmkit-check.json"
    public static let schemaVersion = 1

    public init() {}

    /// The configuration in `path`, or the default file in `directory` when there is one, or the
    /// empty configuration.
    /// - Throws: `TMKitError` with file:line:column for a malformed file or unknown check id.
    public static func load(path: String?, directory: String = FileManager.default.currentDirectoryPath) throws -> CheckConfiguration {
        if let path { return try read(path) }
        let candidate = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: candidate) else { return CheckConfiguration() }
        return try read(candidate)
    }

    /// Reads and validates one configuration file.
    public static func read(_ path: String) throws -> CheckConfiguration {
        let text = try TextFile.read(path).text
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> CheckConfiguration {
        let root = try LocatedJSON.parse(text, file: file)
        func fail(_ value: LocatedJSON, _ message: String, hint: String? = nil) -> TMKitError {
            TMKitError(.invalidData, message, hint: hint, file: file, line: value.line, column: value.column)
        }
        guard case .object(let members, _, _) = root else {
            throw fail(root, "the configuration is \(root.kindName), not an object", hint: "start the file with { \"checks\": { ... } }")
        }
        var configuration = CheckConfiguration()
        configuration.path = file
        let directory = (file as NSString).deletingLastPathComponent
        for member in members {
            switch member.key {
            case "schemaVersion":
                guard case .number(let version, _, _) = member.value, version == Double(schemaVersion) else {
                    throw fail(member.value, "schemaVersion must be \(schemaVersion)", hint: "this tmkit reads version \(schemaVersion) configurations")
                }
            case "checks":
                guard case .object(let settings, _, _) = member.value else {
                    throw fail(member.value, "\"checks\" is \(member.value.kindName), not an object",
                               hint: "write \"checks\": { \"form.double-space\": \"off\" }")
                }
                for setting in settings {
                    guard CheckRegistry.isKnown(setting.key) else {
                        throw TMKitError(.invalidData, "unknown check '\(setting.key)'", hint: "tmkit check --list-checks shows the ids",
                                         file: file, line: setting.keyLine, column: setting.keyColumn)
                    }
                    guard case .string(let word, _, _) = setting.value else {
                        throw fail(setting.value, "the setting of '\(setting.key)' is \(setting.value.kindName)",
                                   hint: "use \"off\", \"on\", \"info\", \"warning\" or \"error\"")
                    }
                    let parsed: Setting
                    switch word {
                    case "off": parsed = .off
                    case "on": parsed = .on
                    default:
                        guard let severity = Severity(rawValue: word) else {
                            throw fail(setting.value, "'\(word)' is not a check setting", hint: "use \"off\", \"on\", \"info\", \"warning\" or \"error\"")
                        }
                        parsed = .severity(severity)
                    }
                    configuration.checks.append((setting.key, parsed))
                }
            case "glossaries":
                guard case .array(let items, _, _) = member.value else {
                    throw fail(member.value, "\"glossaries\" is \(member.value.kindName), not an array of file names")
                }
                for item in items {
                    guard case .string(let name, _, _) = item, !name.isEmpty else { throw fail(item, "a glossary is a file name") }
                    configuration.glossaries.append(name.hasPrefix("/") || directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name))
                }
            case "ignore":
                guard case .array(let items, _, _) = member.value else {
                    throw fail(member.value, "\"ignore\" is \(member.value.kindName), not an array",
                               hint: "write \"ignore\": [ { \"signature\": \"…\", \"reason\": \"…\" } ]")
                }
                for item in items {
                    switch item {
                    case .string(let signature, _, _):
                        configuration.ignore.append(Ignore(signature: try validSignature(signature, item), reason: nil, line: item.line))
                    case .object(let fields, _, _):
                        var signature: String?
                        var reason: String?
                        for field in fields {
                            guard case .string(let value, _, _) = field.value else {
                                throw fail(field.value, "\"\(field.key)\" is \(field.value.kindName), not a string")
                            }
                            switch field.key {
                            case "signature": signature = try validSignature(value, field.value)
                            case "reason": reason = value
                            case "check": break  // for the reader: which check the entry silences
                            default:
                                throw TMKitError(.invalidData, "unknown field '\(field.key)' in an ignore entry",
                                                 hint: "an entry has \"signature\" and optionally \"reason\" and \"check\"", file: file,
                                                 line: field.keyLine, column: field.keyColumn)
                            }
                        }
                        guard let signature else { throw fail(item, "an ignore entry without \"signature\"") }
                        configuration.ignore.append(Ignore(signature: signature, reason: reason, line: item.line))
                    default:
                        throw fail(item, "an ignore entry is \(item.kindName)", hint: "write { \"signature\": \"…\", \"reason\": \"…\" }")
                    }
                }
            default:
                throw TMKitError(.invalidData, "unknown key '\(member.key)'", hint: "the keys are schemaVersion, checks, glossaries and ignore",
                                 file: file, line: member.keyLine, column: member.keyColumn)
            }
        }
        return configuration

        func validSignature(_ value: String, _ at: LocatedJSON) throws -> String {
            let lower = value.lowercased()
            guard lower.count == 16, lower.allSatisfy({ $0.isHexDigit }) else {
                throw fail(at, "'\(value)' is not a finding signature", hint: "copy the 16-digit signature from --format json or the HTML report")
            }
            return lower
        }
    }

    /// The severity each check runs with, or no entry for a check that is off: the default,
    /// then the target language's data (checks off for the language, features it lacks), then
    /// this configuration, then `overrides` (command-line `--only`/`--skip`, applied last).
    public func severities(context: CheckContext, only: [String] = [], skip: [String] = []) -> [String: Severity] {
        var result: [String: Severity] = [:]
        for descriptor in CheckRegistry.descriptors {
            let id = descriptor.id
            var severity: Severity? = descriptor.defaultSeverity
            if !descriptor.requiresTargetFeatures.isSubset(of: context.targetSettings.features) { continue }
            if descriptor.needsGlossary && context.terms == nil { continue }
            if context.targetSettings.disabledChecks.contains(where: { CheckRegistry.matches($0, id) }) { severity = nil }
            // A family setting first, then the check's own (more specific wins).
            for (pattern, setting) in checks.sorted(by: { !$0.pattern.contains(".") && $1.pattern.contains(".") })
            where CheckRegistry.matches(pattern, id) {
                switch setting {
                case .off: severity = nil
                case .on: severity = descriptor.defaultSeverity
                case .severity(let s): severity = s
                }
            }
            if !only.isEmpty && !only.contains(where: { CheckRegistry.matches($0, id) }) { severity = nil }
            if skip.contains(where: { CheckRegistry.matches($0, id) }) { severity = nil }
            if let severity { result[id] = severity }
        }
        return result
    }
}
