import CICU

/// Shared helpers for calling ICU through the CICU shim.
public enum ICU {
    /// The version of the system ICU library, such as "72.1".
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        tmk_icu_version(&buffer, Int32(buffer.count))
        return string(fromCBuffer: buffer)
    }

    /// A NUL-terminated C buffer as a string.
    static func string(fromCBuffer buffer: [CChar]) -> String {
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[0..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// ICU's name for a status code, such as "U_ILLEGAL_ARGUMENT_ERROR".
    public static func errorName(_ status: Int32) -> String {
        String(cString: tmk_icu_error_name(status))
    }

    /// Throws when `status` is a failure. Negative codes are ICU warnings, not failures.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws {
        if status > 0 {
            throw TMKitError(.icu, "\(operation()) failed: ICU error \(errorName(status))")
        }
    }

    /// ICU's U_BUFFER_OVERFLOW_ERROR.
    static let bufferOverflow: Int32 = 15

    /// Runs a UTF-16 → UTF-16 ICU function with the preflight protocol: try with room for a
    /// little more than the input, and retry once with the size ICU asks for.
    static func transformUTF16(
        _ text: String, operation: @autoclosure () -> String,
        _ body: (UnsafePointer<UInt16>, Int32, UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32
    ) throws -> String {
        let source = Array(text.utf16)
        var capacity = source.count + source.count / 4 + 16
        for _ in 0..<2 {
            var status: Int32 = 0
            var output = [UInt16](repeating: 0, count: capacity)
            let length = source.withUnsafeBufferPointer { src in
                output.withUnsafeMutableBufferPointer { dst in
                    body(src.baseAddress ?? UnsafePointer(bitPattern: 1)!, Int32(src.count), dst.baseAddress!, Int32(capacity), &status)
                }
            }
            if status == bufferOverflow {
                capacity = Int(length) + 1
                continue
            }
            try check(status, operation())
            // Decoded from a buffer pointer: from an `ArraySlice` Swift takes its generic
            // path, which costs about 100 times more (it showed in the TMX import profile).
            return output.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<Int(length)]), as: UTF16.self) }
        }
        throw TMKitError(.icu, "\(operation()) failed: ICU kept asking for a larger buffer")
    }
}
