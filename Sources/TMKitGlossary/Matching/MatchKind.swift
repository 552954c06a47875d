/// How a spelling in the text relates to the glossary term it matched. Empty means exact.
public struct MatchKind: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Case, accents, hyphens or apostrophes differ (Kwan-Li-So for kwanliso).
    public static let folded = MatchKind(rawValue: 1 << 0)
    /// Only spaces differ (정치범 수용소 for 정치범수용소).
    public static let spacing = MatchKind(rawValue: 1 << 1)
    /// An English plural or possessive ending follows (camps).
    public static let plural = MatchKind(rawValue: 1 << 2)
    /// Korean particles or endings follow (관리소에서).
    public static let particle = MatchKind(rawValue: 1 << 3)
    /// A romanization TMKit generated from the term (gwalliso for 관리소).
    public static let romanization = MatchKind(rawValue: 1 << 4)
    /// The other North/South spelling of the first syllable (로동 for 노동).
    public static let initialSound = MatchKind(rawValue: 1 << 5)
    /// The term ends a longer word (요덕관리소).
    public static let compound = MatchKind(rawValue: 1 << 6)

    /// Names in a fixed order, as the command and JSON print them.
    public static let names: [(MatchKind, String)] = [
        (.romanization, "romanization"), (.initialSound, "initial-sound"), (.compound, "compound"),
        (.folded, "folded"), (.spacing, "spacing"), (.plural, "plural"), (.particle, "particle"),
    ]

    /// The kind named in a data file (`suffix-kind	particle`), nil for an unknown name.
    public init?(name: String) {
        guard let found = Self.names.first(where: { $0.1 == name }) else { return nil }
        self = found.0
    }

    public var isExact: Bool { isEmpty }

    /// `exact`, or the kinds joined by `+` (`romanization+plural`).
    public var description: String {
        if isEmpty { return "exact" }
        return Self.names.filter { contains($0.0) }.map(\.1).joined(separator: "+")
    }

    /// A rank for ordering results: exact first, generated spellings last.
    var cost: Int {
        var cost = 0
        if contains(.folded) { cost += 1 }
        if contains(.spacing) { cost += 1 }
        if contains(.plural) || contains(.particle) { cost += 2 }
        if contains(.compound) { cost += 4 }
        if contains(.initialSound) { cost += 8 }
        if contains(.romanization) { cost += 16 }
        return cost
    }
}
