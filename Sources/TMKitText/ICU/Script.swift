import CICU

/// The Unicode Script property of characters, through ICU.
public enum Script {
    /// The ISO 15924 code of a scalar's script: "Latn", "Hang", "Hani", "Zyyy" (common), ...
    public static func code(of scalar: Unicode.Scalar) -> String {
        // Cheap answers for the scripts that dominate our text, ICU for the rest.
        let v = scalar.value
        if v < 0x80 {
            let isLetter = (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
            return isLetter ? "Latn" : "Zyyy"
        }
        if (0xAC00...0xD7A3).contains(v) || (0x1100...0x11FF).contains(v) || (0x3130...0x318F).contains(v) {
            return "Hang"
        }
        return String(cString: tmk_script_code(v))
    }

    /// Whether the scalar is a Hangul syllable or jamo.
    @inline(__always)
    public static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0xAC00...0xD7A3).contains(v) || (0x1100...0x11FF).contains(v) || (0x3130...0x318F).contains(v)
    }
}
