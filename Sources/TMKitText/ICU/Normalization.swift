import CICU

/// Unicode normalization forms that ICU provides.
public enum NormalizationForm: Int32, Sendable {
    case nfc = 0, nfd = 1, nfkc = 2, nfkd = 3
    /// NFKC with case folding: the form for case- and width-insensitive comparison.
    case nfkcCasefold = 4
}

extension String {
    /// The string in a Unicode normalization form, through ICU.
    ///
    /// ASCII text is returned as it is for NFC, NFD, NFKC and NFKD (it is already normalized).
    /// - Complexity: O(n).
    public func normalized(_ form: NormalizationForm) throws -> String {
        if form != .nfkcCasefold, utf8.allSatisfy({ $0 < 0x80 }) { return self }
        let source = Array(utf16)
        var status: Int32 = 0
        let already = source.withUnsafeBufferPointer { tmk_is_normalized(form.rawValue, $0.baseAddress, Int32($0.count), &status) }
        try ICU.check(status, "checking \(form) normalization")
        if already == 1 { return self }
        return try ICU.transformUTF16(self, operation: "\(form) normalization") { src, n, dst, cap, status in
            tmk_normalize(form.rawValue, src, n, dst, cap, &status)
        }
    }

    /// NFC, the form TMKit stores and compares text in. Never fails on valid Swift strings.
    public var nfc: String { (try? normalized(.nfc)) ?? self }

    /// Full Unicode case folding (ß → ss, Σ → σ), for case-insensitive comparison.
    public func foldedCase() throws -> String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        return try ICU.transformUTF16(self, operation: "case folding") { src, n, dst, cap, status in
            tmk_fold_case(src, n, dst, cap, &status)
        }
    }
}
