import CICU

/// Locale-aware string ordering (ICU collation), for sorted output such as glossary listings.
///
/// Not thread-safe: give each thread its own.
public final class Collator {
    private let handle: OpaquePointer

    public init(locale: String) throws {
        var status: Int32 = 0
        guard let handle = tmk_collator_open(locale, &status) else {
            throw TMKitError(.icu, "opening a collator for '\(locale)' failed: ICU error \(ICU.errorName(status))")
        }
        self.handle = handle
    }

    deinit { tmk_collator_close(handle) }

    /// Whether `a` sorts before `b`.
    public func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        compare(a, b) < 0
    }

    /// -1, 0 or 1.
    public func compare(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        var status: Int32 = 0
        let result = a.withUTF8 { x in
            b.withUTF8 { y in
                x.withMemoryRebound(to: CChar.self) { xc in
                    y.withMemoryRebound(to: CChar.self) { yc in
                        tmk_collator_compare(handle, xc.baseAddress, Int32(xc.count), yc.baseAddress, Int32(yc.count), &status)
                    }
                }
            }
        }
        return Int(result)
    }

    /// Sorts strings in this collator's order.
    public func sorted(_ strings: [String]) -> [String] {
        sorted(strings, by: { $0 })
    }

    /// Sorts elements by a string key in this collator's order, computing each sort key once.
    public func sorted<T>(_ elements: [T], by key: (T) -> String) -> [T] {
        let keyed = elements.map { (sortKey(key($0)), $0) }
        return keyed.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }

    /// ICU's sort key: byte strings that compare as the strings collate.
    public func sortKey(_ text: String) -> [UInt8] {
        let units = Array(text.utf16)
        var capacity = units.count * 4 + 16
        while true {
            var key = [UInt8](repeating: 0, count: capacity)
            let needed = units.withUnsafeBufferPointer { u in
                key.withUnsafeMutableBufferPointer { k in
                    tmk_collator_sort_key(handle, u.baseAddress, Int32(u.count), k.baseAddress, Int32(capacity))
                }
            }
            if Int(needed) <= capacity { return Array(key[0..<max(0, Int(needed) - 1)]) }
            capacity = Int(needed)
        }
    }
}
