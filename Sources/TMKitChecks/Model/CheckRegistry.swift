import TMKitText

/// All check families, their checks' ids and default severities, in report order.
public enum CheckRegistry {
    /// A check family and how to create it for a run.
    public struct Family: Sendable {
        public var descriptors: [CheckDescriptor]
        public var make: @Sendable (CheckContext) -> any Check
    }

    public static let families: [Family] = [
        Family(descriptors: UntranslatedChecks.descriptors, make: { UntranslatedChecks(context: $0) }),
        Family(descriptors: OmissionChecks.descriptors, make: { OmissionChecks(context: $0) }),
        Family(descriptors: TermChecks.descriptors, make: { TermChecks(context: $0) }),
        Family(descriptors: ConsistencyChecks.descriptors, make: { ConsistencyChecks(context: $0) }),
        Family(descriptors: NumberChecks.descriptors, make: { NumberChecks(context: $0) }),
        Family(descriptors: FormChecks.descriptors, make: { FormChecks(context: $0) }),
    ]

    /// Every check, in report order.
    public static let descriptors: [CheckDescriptor] = families.flatMap(\.descriptors)

    /// The descriptor of a check id, or nil for an unknown id.
    public static func descriptor(_ id: String) -> CheckDescriptor? {
        descriptors.first { $0.id == id }
    }

    /// Whether `pattern` names a check or a family (`numbers`, `numbers.mismatch`, `numbers.*`).
    public static func matches(_ pattern: String, _ id: String) -> Bool {
        if pattern == id || pattern == "*" { return true }
        let family = pattern.hasSuffix(".*") ? String(pattern.dropLast(2)) : pattern
        return !pattern.contains(".") || pattern.hasSuffix(".*") ? id.hasPrefix(family + ".") : false
    }

    /// Whether any check matches `pattern`.
    public static func isKnown(_ pattern: String) -> Bool {
        descriptors.contains { matches(pattern, $0.id) }
    }
}
