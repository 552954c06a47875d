import Foundation
import TMKitAlignment
import TMKitTestSupport
import TMKitText

/// Sentence alignment: quality and speed on the NTREX corpus, and time and memory on a generated
/// 50,000-sentence document pair.
///
///     tmkit-bench align [--sentences 50000] [--repeat 3] [--tmkit PATH]
///
/// 1. NTREX collection: the 123 documents, the Korean side perturbed with a fixed seed the way the
///    evaluation harness does it (5 % of sentences dropped, 8 % of adjacent pairs merged, 5 %
///    split), aligned in one call. Link precision, recall and F1 against the known gold; CPU time
///    of each phase (best of `--repeat`).
/// 2. The command: `tmkit align --presegmented --docs` on the same collection written to files,
///    wall time including process start (median of 5), the way the harness runs it.
/// 3. Scale: the NTREX documents repeated (each copy perturbed afresh) into one document pair of
///    `--sentences` English sentences, aligned as one document in a child process: wall time, CPU
///    time, peak memory (VmHWM), link F1.
enum AlignBenchmark {
    /// User and system CPU time of the whole process (the aligner spreads work over threads).
    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func processCPUTime(_ body: () throws -> Void) rethrows -> Double {
        let start = processCPU()
        try body()
        return processCPU() - start
    }

    static func run(_ arguments: [String]) throws {
        let repeats = Int(Bench.option("--repeat", in: arguments) ?? "3") ?? 3
        let sentences = Int(Bench.option("--sentences", in: arguments) ?? "50000") ?? 50_000
        let data = try DataDirectory.locate()
        let corpus = try SharedData.ntrexDocuments()
        var random = SplitMix64(seed: 20_240_601)
        let documents = corpus.map { Perturbed(id: $0.id, english: $0.english, korean: $0.korean, random: &random) }
        var wallBest = Double.infinity
        let english = try AlignmentProfile.load(for: .english, data: data)
        let korean = try AlignmentProfile.load(for: .korean, data: data)

        // 1. In process, phase by phase.
        print("Sentence alignment, ICU \(ICU.version); CPU time of the process (all threads), best of \(repeats)")
        print("")
        print(
            "NTREX en-ko: \(documents.count) documents, \(documents.reduce(0) { $0 + $1.english.count }) English and "
                + "\(documents.reduce(0) { $0 + $1.korean.count }) perturbed Korean sentences, aligned together")
        var best: [String: Double] = [:]
        var score = Score()
        for _ in 0..<repeats {
            let wallStart = Bench.now()
            let aligner = SentenceAligner(source: english, target: korean)
            var prepared: [SentenceAligner.Prepared] = []
            let prepare = processCPUTime {
                prepared = aligner.prepare(
                    documents.map {
                        ($0.english.map { AlignmentUnit(text: $0) }, $0.korean.map { AlignmentUnit(text: $0) }, nil)
                    })
            }
            var marks: [(String, Double)] = []
            var results: [SentenceAlignment] = []
            let start = processCPU()
            results = aligner.align(prepared) { phase, done, total in
                if done == total { marks.append((phase, processCPU())) }
            }
            let end = processCPU()
            wallBest = min(wallBest, Bench.now() - wallStart)
            var phases: [String: Double] = ["read (features, anchors)": prepare, "total": prepare + end - start]
            var previous = start
            for (phase, at) in marks {
                phases[phase] = at - previous
                previous = at
            }
            for (phase, seconds) in phases { best[phase] = min(best[phase] ?? .infinity, seconds) }
            score = Score()
            for (document, result) in zip(documents, results) { score.add(predicted: result.beads, gold: document.gold) }
        }
        for phase in ["read (features, anchors)", "first pass", "lexical model", "second pass", "total"] {
            if let seconds = best[phase] {
                print("  \(phase.padding(toLength: 26, withPad: " ", startingAt: 0)) \(Bench.format(seconds * 1000, 0)) ms")
            }
        }
        print("  wall time (\(ProcessInfo.processInfo.activeProcessorCount) cores)    \(Bench.format(wallBest * 1000, 0)) ms")
        print(
            "  link precision \(Bench.format(score.precision, 4)), recall \(Bench.format(score.recall, 4)), F1 \(Bench.format(score.f1, 4))"
        )

        // 2. The command, as the harness runs it.
        let directory = NSTemporaryDirectory() + "tmkit-bench-align-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmkit =
            Bench.option("--tmkit", in: arguments)
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("tmkit").path
        if FileManager.default.isExecutableFile(atPath: tmkit) {
            let source = documents.map { "%%DOC \($0.id)\n" + $0.english.joined(separator: "\n") + "\n" }.joined()
            let target = documents.map { "%%DOC \($0.id)\n" + $0.korean.joined(separator: "\n") + "\n" }.joined()
            try source.write(toFile: "\(directory)/src.txt", atomically: true, encoding: .utf8)
            try target.write(toFile: "\(directory)/tgt.txt", atomically: true, encoding: .utf8)
            var times: [Double] = []
            for _ in 0..<5 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tmkit)
                process.arguments = [
                    "align", "--presegmented", "--docs", "\(directory)/src.txt", "\(directory)/tgt.txt", "--format", "beads",
                    "-o", "\(directory)/out.beads", "--quiet",
                ]
                let wall = try Bench.time {
                    try process.run()
                    process.waitUntilExit()
                }
                guard process.terminationStatus == 0 else { throw BenchError("tmkit align exited \(process.terminationStatus)") }
                times.append(wall)
            }
            times.sort()
            print("")
            print(
                "tmkit align --presegmented --docs (the harness's way): median wall time \(Bench.format(times[times.count / 2] * 1000, 0)) ms "
                    + "over 5 runs (min \(Bench.format(times[0] * 1000, 0)) ms), process start included")
        } else {
            print("\n(no tmkit binary at \(tmkit): build it with swift build -c release --product tmkit, or pass --tmkit)")
        }

        // 3. Scale, in a child process so that its peak memory is its own.
        print("")
        print(try Bench.runSelf(["align-child", "--sentences", String(sentences)]), terminator: "")
    }

    /// Aligns one generated document pair of `--sentences` English sentences and prints a line.
    static func child(_ arguments: [String]) throws {
        let sentences = Int(Bench.option("--sentences", in: arguments) ?? "50000") ?? 50_000
        let data = try DataDirectory.locate()
        let corpus = try SharedData.ntrexDocuments()
        var random = SplitMix64(seed: 7)
        var english: [String] = []
        var korean: [String] = []
        var gold: [Bead] = []
        while english.count < sentences {
            for document in corpus where english.count < sentences {
                let part = Perturbed(id: document.id, english: document.english, korean: document.korean, random: &random)
                let (e, k) = (english.count, korean.count)
                english += part.english
                korean += part.korean
                gold += part.gold.map {
                    Bead(
                        source: ($0.source.lowerBound + e)..<($0.source.upperBound + e),
                        target: ($0.target.lowerBound + k)..<($0.target.upperBound + k))
                }
            }
        }
        let english_ = try AlignmentProfile.load(for: .english, data: data)
        let korean_ = try AlignmentProfile.load(for: .korean, data: data)
        let wallStart = Bench.now()
        let cpuStart = processCPU()
        let aligner = SentenceAligner(source: english_, target: korean_)
        let prepared = aligner.prepare(source: english.map { AlignmentUnit(text: $0) }, target: korean.map { AlignmentUnit(text: $0) })
        var marks: [(String, Double, Double)] = [("read", Bench.now() - wallStart, processCPU() - cpuStart)]
        var last = (Bench.now(), processCPU())
        let result = aligner.align([prepared]) { phase, done, total in
            if done == total {
                marks.append((phase, Bench.now() - last.0, processCPU() - last.1))
                last = (Bench.now(), processCPU())
            }
        }[0]
        let wall = Bench.now() - wallStart
        let cpu = processCPU() - cpuStart
        var score = Score()
        score.add(predicted: result.beads, gold: gold)
        print(
            "Generated pair: \(english.count) English ⇄ \(korean.count) Korean sentences as one document: wall \(Bench.format(wall, 2)) s, "
                + "CPU \(Bench.format(cpu, 2)) s, peak memory \(Bench.format(Bench.peakMemoryMB(), 0)) MB, link F1 \(Bench.format(score.f1, 4)) "
                + "(precision \(Bench.format(score.precision, 4)), recall \(Bench.format(score.recall, 4)))")
        print(
            "  by phase, wall / CPU: "
                + marks.map { "\($0.0) \(Bench.format($0.1, 2)) / \(Bench.format($0.2, 2)) s" }.joined(separator: ", "))
    }
}

/// One document with its Korean side perturbed as the evaluation harness does (drop 5 %, merge
/// 8 % of adjacent pairs, split 5 % at a sentence end or the middle space), and the gold beads.
struct Perturbed {
    var id: String
    var english: [String]
    var korean: [String]
    var gold: [Bead]

    init(id: String, english: [String], korean lines: [String], random: inout SplitMix64) {
        self.id = id
        self.english = english
        var items: [(text: String, lines: [Int])] = []
        var i = 0
        while i < lines.count {
            let r = random.nextDouble()
            if r < 0.05 {
                i += 1
                continue
            }
            if r < 0.13 && i + 1 < lines.count {
                items.append((lines[i] + " " + lines[i + 1], [i, i + 1]))
                i += 2
                continue
            }
            if r < 0.18, let (a, b) = Self.split(lines[i]) {
                items.append((a, [i]))
                items.append((b, [i]))
                i += 1
                continue
            }
            items.append((lines[i], [i]))
            i += 1
        }
        korean = items.map(\.text)
        // Gold beads: runs of Korean items sharing English lines, then English lines left alone.
        var beads: [Bead] = []
        var covered = Set<Int>()
        var j = 0
        while j < items.count {
            var englishLines = Set(items[j].lines)
            let first = j
            while j + 1 < items.count && !englishLines.isDisjoint(with: items[j + 1].lines) {
                j += 1
                englishLines.formUnion(items[j].lines)
            }
            let sorted = englishLines.sorted()
            beads.append(Bead(source: sorted.first!..<(sorted.last! + 1), target: first..<(j + 1)))
            covered.formUnion(englishLines)
            j += 1
        }
        for line in english.indices where !covered.contains(line) { beads.append(Bead(source: line..<(line + 1), target: 0..<0)) }
        gold = beads
    }

    static func split(_ text: String) -> (String, String)? {
        let characters = Array(text)
        let middle = characters.count / 2
        var best: Int?
        for (k, c) in characters.enumerated() where c == " " && k > 0 && k < characters.count - 1 {
            if best == nil || abs(k - middle) < abs(best! - middle) { best = k }
        }
        guard let at = best else { return nil }
        return (String(characters[..<at]), String(characters[(at + 1)...]))
    }
}

/// Link precision, recall and F1, summed over documents.
struct Score {
    var truePositives = 0
    var predicted = 0
    var gold = 0

    mutating func add(predicted beads: [Bead], gold goldBeads: [Bead]) {
        func links(_ beads: [Bead]) -> Set<Int64> {
            var result = Set<Int64>()
            for bead in beads { for s in bead.source { for t in bead.target { result.insert(Int64(s) << 32 | Int64(t)) } } }
            return result
        }
        let p = links(beads)
        let g = links(goldBeads)
        truePositives += p.intersection(g).count
        predicted += p.count
        gold += g.count
    }

    var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Where reading a sentence goes: each evidence source timed on its own over the NTREX lines.
///
///     tmkit-bench align-features
enum AlignFeaturesBenchmark {
    static func run(_ arguments: [String]) throws {
        let data = try DataDirectory.locate()
        let corpus = try SharedData.ntrexDocuments()
        for (language, lines) in [(LanguageTag.english, corpus.flatMap(\.english)), (LanguageTag.korean, corpus.flatMap(\.korean))] {
            let profile = try AlignmentProfile.load(for: language, data: data)
            let words = lines.map { WordToken.split($0) }
            var report: [(String, Double)] = []
            report.append(("split words", Bench.cpuTime { for line in lines { _ = WordToken.split(line) } }))
            let counter = LengthCounter(profile: profile)
            report.append(("length", Bench.cpuTime { for line in lines { _ = counter.length(of: line) } }))
            let sources: [(String, any AnchorSource)] = [
                ("numbers", NumberAnchors()), ("latin words", LatinWordAnchors()),
                ("names", NameAnchors(profiles: [profile])), ("punctuation", PunctuationAnchors()),
            ]
            for (name, source) in sources {
                report.append(
                    (
                        name,
                        Bench.cpuTime {
                            var anchors: [AnchorKey] = []
                            for (line, w) in zip(lines, words) {
                                anchors.removeAll(keepingCapacity: true)
                                source.collect(in: line, words: w, profile: profile, into: &anchors)
                            }
                        }
                    ))
            }
            report.append(
                ("lexical tokens", Bench.cpuTime { for w in words { _ = Vocabulary.tokenTexts(of: w, stem: profile.lexicalStemLength) } }))
            print(
                "\(language) (\(lines.count) lines): "
                    + report.map { "\($0.0) \(Bench.format($0.1 * 1e6 / Double(lines.count), 1)) µs" }
                    .joined(separator: ", ") + " per line")
        }
    }
}
