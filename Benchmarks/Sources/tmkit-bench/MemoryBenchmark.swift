import Foundation
import TMKitFormats
import TMKitMemory
import TMKitTestSupport
import TMKitText

/// `tmkit-bench memory …`: translation-memory figures.
///
///     tmkit-bench memory generate N FILE.tmx [FILE.tsv]   N en–ko units built from the NTREX corpus
///     tmkit-bench memory lookup DB [QUERIES]              fuzzy lookup latency (p50, p95, p99)
///     tmkit-bench memory recall DB [QUERIES]              lookup's best match against an exhaustive search
///
/// Benchmarks/tm-vs-translate-toolkit.sh drives these with the release `tmkit` and Translate
/// Toolkit on the same file in the same run.
enum MemoryBenchmark {
    static func run(_ args: [String]) throws {
        switch args.first {
        case "generate" where args.count >= 3:
            try generate(units: Int(args[1]) ?? 200_000, tmx: args[2], tsv: args.count > 3 ? args[3] : nil)
        case "lookup" where args.count >= 2:
            try lookup(database: args[1], queries: args.count > 2 ? Int(args[2]) ?? 1000 : 1000)
        case "recall" where args.count >= 2:
            try recall(database: args[1], queries: args.count > 2 ? Int(args[2]) ?? 200 : 200)
        default:
            print("usage: tmkit-bench memory generate N FILE.tmx [FILE.tsv] | lookup DB [QUERIES] | recall DB [QUERIES]")
        }
    }

    /// The corpus as sentence pairs, and each side's vocabulary (words in first-seen order).
    static func corpus() throws -> (pairs: [(String, String)], english: [Substring], korean: [Substring]) {
        guard let directory = SharedData.path(SharedData.ntrexDirectory) else {
            throw TMKitError(.fileNotFound, "the NTREX corpus is not in ../shared/\(SharedData.ntrexDirectory)")
        }
        func lines(_ name: String) throws -> [String] {
            // split(separator: "\n") would not cut CR LF, a single Character in Swift.
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        }
        let pairs = zip(try lines("newstest2019.en.txt"), try lines("newstest2019.ko.txt")).map { ($0, $1) }
        func vocabulary(_ texts: [String]) -> [Substring] {
            var seen = Set<Substring>()
            var words: [Substring] = []
            for text in texts {
                for word in text.split(separator: " ") where seen.insert(word).inserted { words.append(word) }
            }
            return words
        }
        return (pairs, vocabulary(pairs.map(\.0)), vocabulary(pairs.map(\.1)))
    }

    /// Variant `v` of a sentence: the word at position `v mod count` replaced by vocabulary word
    /// `v` (so variants differ from their sentence by one word, as real revisions often do).
    static func variant(_ text: String, _ v: Int, _ vocabulary: [Substring]) -> String {
        if v == 0 { return text }
        var words = text.split(separator: " ")
        words[v % words.count] = vocabulary[(v * 7919) % vocabulary.count]
        return words.joined(separator: " ")
    }

    static func generate(units: Int, tmx: String, tsv: String?) throws {
        let (pairs, english, korean) = try corpus()
        let sink = try OutputSink.file(tmx)
        let writer = TMXWriter(sink: sink, header: TMXWriter.header(sourceLanguage: "en", creationToolVersion: "bench"))
        let tsvSink = try tsv.map { try OutputSink.file($0) }
        for i in 0..<units {
            let (en, ko) = pairs[i % pairs.count]
            let v = i / pairs.count
            let source = variant(en, v, english)
            let target = variant(ko, v, korean)
            try writer.write(TranslationUnit(attributes: [TMXAttribute("tuid", String(i + 1))], variants: [
                TMXVariant(language: "en", segment: TMXSegment(text: source)),
                TMXVariant(language: "ko", segment: TMXSegment(text: target)),
            ]))
            try tsvSink?.write(TSV.field(source) + "\t" + TSV.field(target) + "\n")
        }
        try writer.finish()
        try tsvSink?.commit()
        print("generated \(units) units: \(tmx)")
    }

    /// Fuzzy lookups of corpus sentences changed by one word (not stored as such), in a memory
    /// opened once, as a CAT tool's session would.
    static func lookup(database: String, queries: Int) throws {
        let (pairs, english, _) = try corpus()
        let memory = try TranslationMemory(path: database, readOnly: true)
        let units = try memory.unitCount()
        var times: [Double] = []
        var found = 0
        var best: [Int] = []
        for q in 0..<queries {
            let sentence = pairs[(q * 37) % pairs.count].0
            let query = variant(sentence, 100_003 + q, english)
            let start = DispatchTime.now().uptimeNanoseconds
            let matches = try memory.lookup(query, options: LookupOptions(threshold: 70, limit: 5))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if let first = matches.first {
                found += 1
                best.append(first.score)
            }
        }
        times.sort()
        func percentile(_ p: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * p))] }
        print(String(format: "fuzzy lookup in %d units, %d queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %d with a match ≥ 70%% (median best %d%%)",
                     units, queries, percentile(0.5), percentile(0.95), percentile(0.99), times.last ?? 0, found,
                     best.sorted().isEmpty ? 0 : best.sorted()[best.count / 2]))
    }

    /// The lookup's queries again, each also scored against every stored source (exhaustive
    /// banded Levenshtein): how often the prefilter's best match is the best there is. The memory
    /// must hold what `generate` writes, imported with `--duplicates keep` (unit i is the i-th
    /// generated unit); its sources are generated again rather than read back.
    static func recall(database: String, queries: Int) throws {
        let (pairs, english, _) = try corpus()
        let memory = try TranslationMemory(path: database, readOnly: true)
        let units = try memory.unitCount()
        let keys = (0..<units).map { MatchKey(variant(pairs[$0 % pairs.count].0, $0 / pairs.count, english)).scalars }
        var withMatch = 0
        var same = 0
        var missed = 0
        var gap = 0
        for q in 0..<queries {
            let query = variant(pairs[(q * 37) % pairs.count].0, 100_003 + q, english)
            let key = MatchKey(query).scalars
            var best = 0
            for stored in keys {
                if let score = Similarity.percent(key, stored, minimum: max(70, best + 1)) { best = score }
            }
            // Lookup scores fuzzy matches 99 at most (100 is for text identical as written).
            best = min(best, 99)
            let found = try memory.lookup(query, options: LookupOptions(threshold: 70, limit: 5)).first?.score ?? 0
            if best == 0 { continue }
            withMatch += 1
            if found >= best { same += 1 } else if found == 0 { missed += 1 }
            gap += best - found
        }
        print(String(format: "recall in %d units, %d queries: %d have a match ≥ 70%%; lookup's best is the best there is for %d (%.1f%%), none found for %d, mean shortfall %.2f points",
                     units, queries, withMatch, same, 100 * Double(same) / Double(max(withMatch, 1)), missed,
                     Double(gap) / Double(max(withMatch, 1))))
    }
}
