import CICU

/// An ICU transform: a system one by ID (`Hangul-Latin`, `Any-Latin; Latin-ASCII`) or one compiled
/// from rules, such as the romanization rules kept in `Locales/ko/`.
///
/// Not thread-safe: give each thread its own.
public final class Transliterator {
    private let handle: OpaquePointer
    /// The transform ID, or the name the rules were compiled under.
    public let id: String

    /// Opens a system transform by its ICU ID.
    /// - Throws: `TMKitError` `.icu` naming the ID when ICU does not know it.
    public init(id: String) throws {
        let idUnits = Array(id.utf16)
        var status: Int32 = 0
        var line: Int32 = 0
        var offset: Int32 = 0
        let handle = idUnits.withUnsafeBufferPointer {
            tmk_translit_open($0.baseAddress, Int32($0.count), nil, 0, &status, &line, &offset)
        }
        guard let handle, status <= 0 else {
            throw TMKitError(.icu, "ICU has no transform '\(id)': \(ICU.errorName(status))",
                             hint: "use an ID that `uconv -L` lists, such as Hangul-Latin or Any-Latin")
        }
        self.handle = handle
        self.id = id
    }

    /// Compiles transform rules (ICU's rule syntax) under a name.
    /// - Parameter file: used to place a rule error (`file:line:column`).
    public init(rules: String, name: String, file: String? = nil) throws {
        self.handle = try Self.compile(rules: rules, name: name, file: file)
        self.id = name
    }

    private static func compile(rules: String, name: String, file: String?) throws -> OpaquePointer {
        let idUnits = Array(name.utf16)
        let ruleUnits = Array(rules.utf16) + [0]
        var status: Int32 = 0
        var line: Int32 = 0
        var offset: Int32 = 0
        let handle = idUnits.withUnsafeBufferPointer { id in
            ruleUnits.withUnsafeBufferPointer { r in
                tmk_translit_open(id.baseAddress, Int32(id.count), r.baseAddress, Int32(r.count - 1), &status, &line, &offset)
            }
        }
        guard let handle, status <= 0 else {
            var error = TMKitError(.invalidData, "transform rules '\(name)' do not compile: ICU error \(ICU.errorName(status))",
                                   hint: "see ICU's transform rule syntax")
            // ICU reports the rule error as an offset into the rule text; turn it into line:column.
            if let file {
                let (l, c) = lineAndColumn(rules: rules, offset: Int(offset))
                error = error.located(in: file, line: l, column: c)
            }
            throw error
        }
        return handle
    }

    deinit { tmk_translit_close(handle) }

    /// Transliterates a string.
    /// - Complexity: O(n) for the rule sets TMKit ships.
    public func transliterate(_ text: String) -> String {
        if text.isEmpty { return text }
        var units = Array(text.utf16)
        var capacity = units.count * 3 + 16
        while true {
            var status: Int32 = 0
            var buffer = units + [UInt16](repeating: 0, count: capacity - units.count)
            let length = buffer.withUnsafeMutableBufferPointer {
                tmk_translit_run(handle, $0.baseAddress, Int32(units.count), Int32(capacity), &status)
            }
            if status == ICU.bufferOverflow {
                capacity = Int(length) * 2 + 16
                units = Array(text.utf16)
                continue
            }
            if status > 0 { return text }
            return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
        }
    }

    /// Registers transform rules under `name` so that compound IDs (`Hangul-Latin; name`) can use it.
    public static func register(rules: String, name: String, file: String? = nil) throws {
        let handle = try compile(rules: rules, name: name, file: file)
        var status: Int32 = 0
        tmk_translit_register(handle, &status)  // ICU adopts the handle
        try ICU.check(status, "registering transform '\(name)'")
    }

    static func lineAndColumn(rules: String, offset: Int) -> (Int, Int) {
        // ICU's parse error for transforms gives the rule number in `line` (often 0) and the
        // offset within the whole text; count lines up to the offset (UTF-16 units).
        var line = 1
        var column = 1
        var index = 0
        for unit in rules.utf16 {
            if index >= offset { break }
            if unit == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}
