import Foundation
import TMKitGlossary
import TMKitTestSupport
import TMKitText

/// Glossary figures: building the matcher, lookup latency and scanning throughput with a
/// generated 10,000-concept glossary (plus the shipped one) over the shared NTREX corpus.
///
///     swift run -c release tmkit-bench glossary [--concepts N] [--lookups N] [--passes N] [--builds N]
///                                               [--synthetic] [--dump FILE]
///
/// Times are CPU time of the benchmark's thread (CLOCK_THREAD_CPUTIME_ID), which waiting for a
/// core on a busy machine does not inflate, best of N runs; wall time is shown beside it. Lookup
/// latency is wall time per query (p50, p90, p99). Scanning finds all terms of all concepts in
/// every line of the NTREX corpus in one pass per line, in the line's language.
///
/// By default half the generated terms are words and word sequences of the corpus itself, so a
/// scan finds terms on every line (5 a line in English, 10 in Korean): a harder case than a real
/// glossary on real text. `--synthetic` makes every term from random letters and syllables, so
/// the scan measures the cost of looking, with few matches.
enum GlossaryBenchmark {
    static func run(_ arguments: [String]) throws {
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]) else { return fallback }
            return n
        }
        let conceptCount = option("--concepts", 10_000)
        let lookupCount = option("--lookups", 20_000)
        let passes = option("--passes", 5)
        let builds = option("--builds", 3)
        let synthetic = arguments.contains("--synthetic")
        let dumpPath = Bench.option("--dump", in: arguments)

        let data = try DataDirectory.locate()
        guard let corpus = SharedData.path(SharedData.ntrexDirectory) else {
            throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "the shared NTREX corpus is missing (../shared)"])
        }
        let english = try String(contentsOfFile: corpus + "/newstest2019.en.txt", encoding: .utf8)
        let korean = try String(contentsOfFile: corpus + "/newstest2019.ko.txt", encoding: .utf8)
        let englishLines = english.split(whereSeparator: \.isNewline).map(String.init)
        let koreanLines = korean.split(whereSeparator: \.isNewline).map(String.init)

        var generator = SplitMix64(seed: 42)
        let generated = makeGlossary(
            concepts: conceptCount, english: englishLines, korean: koreanLines, synthetic: synthetic,
            using: &generator)
        let shipped = try ShippedGlossaries.load(from: data).map(\.glossary)
        let glossaries = shipped + [generated]
        print(
            "glossary: \(conceptCount) generated concepts (\(generated.termCount) terms\(synthetic ? ", all synthetic" : ", half from the corpus")) + \(shipped.reduce(0) { $0 + $1.concepts.count }) shipped"
        )

        // Build: fresh per-language data each time (reading Locales/ is part of a real build).
        var matcher = try TermMatcher(glossaries: [], locales: TermLocales())
        var buildWall = Double.infinity
        var buildCPU = Double.infinity
        for _ in 0..<max(builds, 1) {
            let wallStart = Bench.now()
            let cpuStart = Bench.cpuNow()
            matcher = try TermMatcher(glossaries: glossaries, locales: TermLocales(data: data))
            buildCPU = min(buildCPU, Bench.cpuNow() - cpuStart)
            buildWall = min(buildWall, Bench.now() - wallStart)
        }
        print(
            String(
                format: "build: %d indexed spellings (terms, romanizations, North/South variants); best of %d: %.3f s CPU, %.3f s wall (target < 0.5 s)",
                matcher.indexedSpellings, max(builds, 1), buildCPU, buildWall))

        if let dumpPath {
            try dump(matcher, english: englishLines, korean: koreanLines, to: dumpPath)
            return
        }

        // Lookup: queries drawn from the glossary in every form a reviewer types.
        var queries: [String] = []
        let all = generated.concepts
        let particles = ["에서", "의", "로", "은", "에서는", "를"]
        for i in 0..<lookupCount {
            let concept = all[Int(generator.next() % UInt64(all.count))]
            let en = concept.languages[0].terms[0].text
            let ko = concept.languages[1].terms[0].text
            switch i % 5 {
            case 0: queries.append(en)
            case 1: queries.append(en.uppercased().replacingOccurrences(of: " ", with: "-"))
            case 2: queries.append(ko)
            case 3: queries.append(ko + particles[i % particles.count])
            default: queries.append(concept.languages.count > 2 ? concept.languages[2].terms[0].text : en + "s")
            }
        }
        let scanner = TermScanner(matcher: matcher)
        var latencies: [Double] = []
        latencies.reserveCapacity(queries.count)
        var hits = 0
        let lookupCPUStart = Bench.cpuNow()
        for query in queries {
            let start = DispatchTime.now().uptimeNanoseconds
            let found = scanner.lookup(query)
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if !found.isEmpty { hits += 1 }
        }
        let lookupCPUMean = (Bench.cpuNow() - lookupCPUStart) * 1000 / Double(max(queries.count, 1))
        latencies.sort()
        if latencies.isEmpty { latencies = [0] }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(
            String(
                format:
                    "lookup: %d queries, %d found; wall per query p50 %.4f ms, p90 %.4f ms, p99 %.4f ms, max %.3f ms; CPU mean %.4f ms (target p50 < 1 ms)",
                queries.count, hits, percentile(0.5), percentile(0.9), percentile(0.99), latencies.last ?? 0, lookupCPUMean))

        // A miss also computes "did you mean" suggestions.
        var missTimes: [Double] = []
        for i in 0..<(lookupCount > 0 ? 200 : 0) {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = scanner.suggestions(for: "zqx\(i)kwalisso")
            missTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        missTimes.sort()
        if !missTimes.isEmpty { print(String(format: "suggestions on a miss: p50 %.2f ms", missTimes[missTimes.count / 2])) }

        // Scan: every line of the corpus, all terms at once, in the text's language.
        for (name, lines, language) in [("en", englishLines, LanguageTag.english), ("ko", koreanLines, LanguageTag.korean)] {
            let bytes = lines.reduce(0) { $0 + $1.utf8.count }
            var found = 0
            var best = Double.infinity
            var bestCPU = Double.infinity
            for _ in 0..<passes {
                found = 0
                let start = Date()
                let cpuStart = Bench.cpuNow()
                for line in lines { found += scanner.matches(in: line, language: language).count }
                best = min(best, Date().timeIntervalSince(start))
                bestCPU = min(bestCPU, Bench.cpuNow() - cpuStart)
            }
            let megabytes = Double(bytes) / 1e6
            print(
                String(
                    format:
                        "scan %@: %d lines, %.2f MB, %d matches; best of %d: %.3f s wall = %.1f MB/s, %.3f s CPU = %.1f MB/s (target ≥ 20 MB/s)",
                    name, lines.count, megabytes, found, passes, best, megabytes / best, bestCPU, megabytes / bestCPU))
        }
    }

    /// Writes everything the matcher makes from the glossary and finds in the corpus, one item a
    /// line: each term's generated spellings, then every match (leftmost-longest and overlapping)
    /// on every line in English and Korean. Two builds that write the same file index and match
    /// alike; `diff` shows where they differ.
    static func dump(_ matcher: TermMatcher, english: [String], korean: [String], to path: String) throws {
        var out = "indexed\t\(matcher.indexedSpellings)\n"
        for (g, glossary) in matcher.glossaries.enumerated() {
            for (c, concept) in glossary.concepts.enumerated() {
                for (s, section) in concept.languages.enumerated() {
                    for t in section.terms.indices {
                        let ref = TermRef(concept: ConceptRef(glossary: g, concept: c), section: s, term: t)
                        for (origin, spelling) in matcher.generatedSpellings(of: ref) {
                            out += "spelling\t\(g):\(c):\(s):\(t)\t\(origin)\t\(spelling)\n"
                        }
                    }
                }
            }
        }
        let scanner = TermScanner(matcher: matcher)
        for (name, lines, language) in [("en", english, LanguageTag.english), ("ko", korean, LanguageTag.korean)] {
            for (number, line) in lines.enumerated() {
                for (mode, overlapping) in [("match", false), ("all", true)] {
                    for m in scanner.matches(in: line, language: language, overlapping: overlapping) {
                        out += "\(mode)\t\(name):\(number + 1)\t\(m.byteRange.lowerBound)-\(m.byteRange.upperBound)"
                        out += "\t\(m.termByteRange.upperBound)\t\(m.concept):\(m.term.section):\(m.term.term)\t\(m.language)"
                        out += "\t\(m.spelling)\t\(m.kind)\t\(m.text)\n"
                    }
                }
            }
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        print("dump: \(path)")
    }

    /// A glossary of `concepts` entries: half drawn from the corpus (so scans find many terms),
    /// half made of random syllables; each with English and Korean terms, some romanizations.
    static func makeGlossary(
        concepts: Int, english: [String], korean: [String], synthetic: Bool,
        using generator: inout SplitMix64
    ) -> Glossary {
        let englishWords = english.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }.map { $0.lowercased() }.filter { $0.count > 3 }
        let koreanWords = korean.flatMap { $0.split(separator: " ") }.map(String.init)
            .filter { $0.unicodeScalars.allSatisfy { (0xAC00...0xD7A3).contains($0.value) } && $0.count >= 2 }
        let syllables = Array("가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후관리교화집결단련대정치범성분")
        var result = Glossary(name: "bench-generated")
        var seen = Set<String>()
        var index = 0
        while result.concepts.count < concepts {
            index += 1
            let fromCorpus = !synthetic && index % 2 == 0
            var en: String
            var ko: String
            if fromCorpus {
                let n = 1 + Int(generator.next() % 3)
                let start = Int(generator.next() % UInt64(englishWords.count - n))
                en = englishWords[start..<(start + n)].joined(separator: " ")
                ko = koreanWords[Int(generator.next() % UInt64(koreanWords.count))]
                if ko.count > 2, generator.next() % 2 == 0 { ko = String(ko.dropLast()) }
            } else {
                en = (0..<(2 + Int(generator.next() % 2))).map { _ in
                    String((0..<(4 + Int(generator.next() % 5))).map { _ in Character(Unicode.Scalar(UInt8(97 + generator.next() % 26))) })
                }.joined(separator: " ")
                ko = String((0..<(2 + Int(generator.next() % 3))).map { _ in syllables[Int(generator.next() % UInt64(syllables.count))] })
            }
            guard seen.insert(en).inserted, seen.insert(ko).inserted else { continue }
            var languages = [
                LanguageSection(language: "en", terms: [Term(en, status: .preferred, partOfSpeech: "noun")]),
                LanguageSection(language: "ko", terms: [Term(ko, status: .preferred, partOfSpeech: "noun")]),
            ]
            if !fromCorpus {
                languages.append(LanguageSection(language: "ko-Latn", terms: [Term(en.replacingOccurrences(of: " ", with: "-"))]))
            }
            result.concepts.append(Concept(id: "g\(index)", languages: languages))
        }
        return result
    }
}

