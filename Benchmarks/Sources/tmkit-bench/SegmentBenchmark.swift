import Foundation
import TMKitTestSupport
import TMKitText

/// Sentence segmentation throughput against raw ICU, on the NTREX corpus repeated to ≥ 10 MB.
///
///     tmkit-bench segment [--mb 10] [--repeat 3]
///
/// For each language: each NTREX document's lines are joined into one paragraph, paragraphs are
/// separated by blank lines, and the text is repeated until it holds at least `--mb` MB. Then, in
/// the same run:
/// - raw ICU: a UTF-8 sentence break iterator (ICU's default rules, no exceptions) over each
///   paragraph already in memory — the ceiling;
/// - TMKit: opening the segmenter (loading and compiling the SRX rules), streaming the file from
///   disk paragraph by paragraph, and producing every `Segment` (text, byte range, line).
/// The best of `--repeat` runs is reported, in CPU time of the benchmark thread (wall time on a
/// machine shared with other work varies too much to compare). Peak memory is measured in child processes on the file
/// and on a file four times larger, to show it does not grow with the file.
enum SegmentBenchmark {
    static func run(_ arguments: [String]) throws {
        let megabytes = Double(Bench.option("--mb", in: arguments) ?? "10") ?? 10
        let repeats = Int(Bench.option("--repeat", in: arguments) ?? "3") ?? 3
        let documents = try SharedData.ntrexDocuments()
        let data = try DataDirectory.locate()
        let directory = NSTemporaryDirectory() + "tmkit-bench-segment-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        print("Sentence segmentation, NTREX documents joined into paragraphs, repeated to ≥ \(Int(megabytes)) MB; ICU \(ICU.version); best of \(repeats), CPU time")
        print("lang    MB   raw ICU MB/s   TMKit MB/s   TMKit/ICU   segments   peak MB (1×)   peak MB (4×)")
        for (language, lines) in [(LanguageTag.english, documents.map { $0.english.joined(separator: " ") }),
                                  (LanguageTag.korean, documents.map { $0.korean.joined(separator: " ") })] {
            let unit = lines.joined(separator: "\n\n") + "\n\n"
            let copies = Int((megabytes * 1_000_000 / Double(unit.utf8.count)).rounded(.up))
            let path = "\(directory)/corpus.\(language).txt"
            try String(repeating: unit, count: copies).write(toFile: path, atomically: true, encoding: .utf8)
            let bigPath = "\(directory)/corpus4.\(language).txt"
            try String(repeating: unit, count: copies * 4).write(toFile: bigPath, atomically: true, encoding: .utf8)
            let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_000_000

            // Raw ICU over paragraphs in memory.
            let paragraphs = String(repeating: unit, count: copies).components(separatedBy: "\n\n").filter { !$0.isEmpty }
            let raw = try BreakIterator(.sentence, locale: language.icuLocaleID)
            var rawBest = Double.infinity
            for _ in 0..<repeats {
                var boundaries = 0
                let seconds = try Bench.cpuTime {
                    for paragraph in paragraphs { boundaries += try raw.countBoundaries(in: paragraph) }
                }
                rawBest = min(rawBest, seconds)
                precondition(boundaries > 0)
            }

            // TMKit: rules, file, segments.
            var best = Double.infinity
            var count = 0
            for _ in 0..<repeats {
                count = 0
                let seconds = try Bench.cpuTime {
                    let segmenter = try Segmenter(language: language, data: data)
                    try PlainTextReader.forEachParagraph(path) { paragraph in
                        count += try segmenter.segments(of: paragraph).count
                    }
                }
                best = min(best, seconds)
            }
            let peakSmall = try Bench.runSelf(["segment-child", path, language.identifier]).trimmingCharacters(in: .whitespacesAndNewlines)
            let peakBig = try Bench.runSelf(["segment-child", bigPath, language.identifier]).trimmingCharacters(in: .whitespacesAndNewlines)
            let rawRate = size / rawBest
            let rate = size / best
            print(String(format: "%-5@ %5.1f   %12.1f   %10.1f   %8.0f%%   %8d   %12@   %12@",
                         language.identifier as NSString, size, rawRate, rate, rate / rawRate * 100, count,
                         peakSmall as NSString, peakBig as NSString))
        }
    }

    /// Raw ICU over one file's paragraphs (for instruction counts under callgrind).
    static func rawChild(_ arguments: [String]) throws {
        let text = try TextFile.read(arguments[0]).text
        let raw = try BreakIterator(.sentence, locale: try LanguageTag(arguments[1]).icuLocaleID)
        var count = 0
        for paragraph in text.components(separatedBy: "\n\n") where !paragraph.isEmpty {
            count += try raw.countBoundaries(in: paragraph)
        }
        print(count)
    }

    /// Segments one file and prints this process's peak memory in MB.
    static func child(_ arguments: [String]) throws {
        let data = try DataDirectory.locate()
        let segmenter = try Segmenter(language: try LanguageTag(arguments[1]), data: data)
        var count = 0
        try PlainTextReader.forEachParagraph(arguments[0]) { paragraph in
            count += try segmenter.segments(of: paragraph).count
        }
        print(Bench.format(Bench.peakMemoryMB()))
    }
}
