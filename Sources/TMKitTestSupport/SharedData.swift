import Foundation

/// Finds the project's shared reference data (`../shared/` beside the checkout: the NTREX corpus,
/// the TMX DTD and compliance kit, the TBX schema, the alignment harness) for tests and
/// benchmarks. The data is read in place, never copied into the repository.
///
/// In CI (`CI=true`) the data must be there; elsewhere a test may skip with a printed reason.
public enum SharedData {
    /// The shared folder: `TMKIT_SHARED`, else `../shared` next to the package root.
    public static let root: String? = {
        if let explicit = ProcessInfo.processInfo.environment["TMKIT_SHARED"], !explicit.isEmpty {
            return FileManager.default.fileExists(atPath: explicit) ? explicit : nil
        }
        let candidate = packageRoot + "/../shared"
        return FileManager.default.fileExists(atPath: candidate) ? (candidate as NSString).standardizingPath : nil
    }()

    /// The checkout this file was compiled in.
    public static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TMKitTestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent().path

    /// Whether this run is CI, where missing shared data is a failure, not a skip.
    public static let isCI: Bool = ["true", "1", "yes"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")

    /// A path inside the shared folder, or nil when it is not there.
    public static func path(_ relative: String) -> String? {
        guard let root else { return nil }
        let full = root + "/" + relative
        return FileManager.default.fileExists(atPath: full) ? full : nil
    }

    /// True when `relative` is present. When it is not, prints why the caller skips (or, in CI,
    /// returns true anyway so that the test runs and fails on the missing file).
    public static func available(_ relative: String) -> Bool {
        if path(relative) != nil { return true }
        if isCI { return true }
        print("skipped: shared data '\(relative)' not found (looked in TMKIT_SHARED and \(packageRoot)/../shared)")
        return false
    }

    public static let ntrexDirectory = "corpora/ntrex128-en-ko"

    /// The NTREX English–Korean corpus as documents: each document's lines (English and Korean,
    /// paired), in file order.
    public static func ntrexDocuments() throws -> [(id: String, english: [String], korean: [String])] {
        guard let dir = path(ntrexDirectory) else {
            throw NSError(domain: "SharedData", code: 1, userInfo: [NSLocalizedDescriptionKey: "NTREX corpus not found under ../shared"])
        }
        func lines(_ name: String) throws -> [String] {
            // Split on LF bytes only (as the harness does): a CR LF pair is one Character in Swift.
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
            return data.split(separator: 0x0A, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
        }
        let en = try lines("newstest2019.en.txt")
        let ko = try lines("newstest2019.ko.txt")
        let ids = try lines("DOCUMENT_IDS.tsv")
        precondition(en.count == ko.count && ko.count == ids.count, "NTREX files differ in line count")
        var documents: [(id: String, english: [String], korean: [String])] = []
        for i in 0..<en.count {
            if documents.last?.id != ids[i] { documents.append((ids[i], [], [])) }
            documents[documents.count - 1].english.append(en[i])
            documents[documents.count - 1].korean.append(ko[i])
        }
        return documents
    }
}
