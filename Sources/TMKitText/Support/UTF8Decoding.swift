/// Decoding scalars straight from a string's UTF-8 (which Swift guarantees is valid), for hot
/// loops: walking `String.unicodeScalars` costs several times more per scalar, and hot code that
/// needs byte offsets anyway can read the bytes once (`withUTF8`) and decode in place.
public enum UTF8Decoding {
    /// The scalar starting at byte `offset` and its width in bytes (1–4).
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let b0 = UInt32(bytes[offset])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let value: UInt32
        let width: Int
        if b0 < 0xE0 {
            value = (b0 & 0x1F) << 6 | UInt32(bytes[offset + 1]) & 0x3F
            width = 2
        } else if b0 < 0xF0 {
            value = (b0 & 0x0F) << 12 | (UInt32(bytes[offset + 1]) & 0x3F) << 6 | UInt32(bytes[offset + 2]) & 0x3F
            width = 3
        } else {
            value = (b0 & 0x07) << 18 | (UInt32(bytes[offset + 1]) & 0x3F) << 12 | (UInt32(bytes[offset + 2]) & 0x3F) << 6
                | UInt32(bytes[offset + 3]) & 0x3F
            width = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }
}
