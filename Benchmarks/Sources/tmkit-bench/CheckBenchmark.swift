import Foundation
import TMKitChecks
import TMKitGlossary
import TMKitTestSupport
import TMKitText

/// `tmkit-bench check [--pairs N]`: every check over N segment pairs (default 100,000), on
/// generated report sentences and on the real NTREX corpus repeated to the same size. Target:
/// 100,000 pairs against a 10,000-concept glossary in ≤ 3 s.
enum CheckBenchmark {
    static func run(_ arguments: [String]) throws {
        var count = 100_000
        if let i = arguments.firstIndex(of: "--pairs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { count = n }
        var concepts = 10_000
        if let i = arguments.firstIndex(of: "--concepts"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { concepts = n }
        let data = try DataDirectory.locate()
        let made = generatedGlossary(concepts)
        let buildStart = Date()
        let shipped = try ShippedGlossaries.load(from: data).map(\.glossary)
        let index = GlossaryTermIndex(matcher: try TermMatcher(glossaries: shipped + [made.glossary], locales: TermLocales(data: data)))
        let context = try CheckContext.load(source: .english, target: .korean, data: data, terms: index)
        print(String(format: "tmkit-bench check: %d pairs, %d cores, glossary: %d generated concepts + the shipped glossary (index built in %.2f s)",
                     count, ProcessInfo.processInfo.activeProcessorCount, concepts, Date().timeIntervalSince(buildStart)))

        let generated = generatedPairs(count, terms: (made.english, made.korean))
        measure("generated report sentences", generated, context)
        if let ntrex = try? SharedData.ntrexDocuments() {
            let lines = ntrex.flatMap { document in zip(document.english, document.korean).map { ($0, $1) } }
            var pairs: [SegmentPair] = []
            pairs.reserveCapacity(count)
            while pairs.count < count {
                let (en, ko) = lines[pairs.count % lines.count]
                pairs.append(SegmentPair(index: pairs.count, source: en, target: ko))
            }
            measure("NTREX news, repeated", pairs, context)
        } else {
            print("  NTREX not found under ../shared: real-text run skipped")
        }
    }

    static func measure(_ label: String, _ pairs: [SegmentPair], _ context: CheckContext) {
        let characters = pairs.reduce(0) { $0 + $1.source.count + $1.target.count }
        let only = ProcessInfo.processInfo.environment["TMKIT_BENCH_ONLY"].map { $0.split(separator: ",").map(String.init) } ?? []
        let runner = CheckRunner(context: context, only: only)
        _ = runner.run(Array(pairs.prefix(1000)))  // warm up (data tables, ICU)
        let start = Date()
        let cpuStart = cpuSeconds()
        let result = runner.run(pairs)
        let seconds = Date().timeIntervalSince(start)
        let cpu = cpuSeconds() - cpuStart
        print(String(format: "  %@: %d pairs (%.1f M characters) checked in %.2f s (%.0f pairs/s, %.2f s CPU on all cores); %d findings",
                     label, pairs.count, Double(characters) / 1e6, seconds, Double(pairs.count) / seconds, cpu, result.findings.count))
        if ProcessInfo.processInfo.environment["TMKIT_BENCH_FAMILIES"] != nil {
            for family in ["untranslated", "omission", "terms", "consistency", "numbers", "form"] {
                let start = Date()
                let cpu = cpuSeconds()
                _ = CheckRunner(context: context, only: [family]).run(pairs)
                print(String(format: "    %@ alone: %.2f s (%.2f s CPU)", family, Date().timeIntervalSince(start), cpuSeconds() - cpu))
            }
        }
        var byCheck: [String: Int] = [:]
        for finding in result.findings { byCheck[finding.check, default: 0] += 1 }
        print("    " + byCheck.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    /// User and system CPU time of the process so far (all threads): with other work on the
    /// machine, wall time overstates the cost.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Report-like sentence pairs with numbers, years, designations and terms, some with planted
    /// faults (about 1 in 20), all different (a counter in each) so consistency checks see real
    /// variety.
    static func generatedPairs(_ count: Int, terms: (english: [String], korean: [String])) -> [SegmentPair] {
        let templates: [(String, String)] = [
            ("The Commission estimated that between {a},000 and {b},000 people were held in camp No. {n} in {y}.",
             "조사위원회는 {y}년 제{n}호 관리소에 {a}천~{b}천 명이 수용되어 있었다고 추정했다."),
            ("Prisoners in the kyo-hwa-so work for {h} hours a day in mines, farms and factories to meet quotas.",
             "교화소 수감자들은 할당량을 채우기 위해 하루 {h}시간씩 광산과 농장, 공장에서 일한다."),
            ("People caught after crossing the border are first taken to a jip-kyul-so for {h} weeks.",
             "국경을 넘었다가 붙잡힌 사람들은 먼저 집결소로 보내져 {h}주 동안 조사를 받는다."),
            ("He said: “We were told in {y} that we would never leave camp No. {n}.”",
             "그는 “{y}년에 우리는 제{n}호 관리소를 절대 떠나지 못할 거라는 말을 들었다”고 말했다."),
            ("Satellite images show that the area of the camp grew by {h} percent between {y} and {z}.",
             "위성 사진은 {y}년과 {z}년 사이 수용소 면적이 {h}% 늘었음을 보여 준다."),
        ]
        var pairs: [SegmentPair] = []
        pairs.reserveCapacity(count)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ range: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(range))
        }
        for i in 0..<count {
            var (en, ko) = templates[i % templates.count]
            let values = ["{a}": String(10 + next(80)), "{b}": String(100 + next(100)), "{n}": String(1 + next(30)),
                          "{y}": String(1990 + next(30)), "{z}": String(2020 + next(5)), "{h}": String(2 + next(12))]
            for (key, value) in values {
                en = en.replacingOccurrences(of: key, with: value)
                ko = ko.replacingOccurrences(of: key, with: value)
            }
            if i % 20 == 5 { ko = ko.replacingOccurrences(of: "제", with: "제1") }  // a wrong camp number (template 0)
            // A glossary term in most pairs, rendered as the glossary says except now and then.
            if i % 4 != 3, !terms.english.isEmpty {
                let k = next(terms.english.count)
                en += " It was run by the \(terms.english[k])."
                ko += i % 50 == 1 ? " 그곳은 다른 기관이 운영했다." : " 그곳은 \(terms.korean[k])가 운영했다."
            }
            pairs.append(SegmentPair(index: i, source: en + " (\(i))", target: ko + " (\(i))"))
        }
        return pairs
    }
    /// A glossary of `count` concepts with made-up English and Korean terms (unique, two words
    /// in English, three or four syllables in Korean), and the word lists to use them in sentences.
    static func generatedGlossary(_ count: Int) -> (glossary: Glossary, english: [String], korean: [String]) {
        let adjectives = ["northern", "provincial", "mobile", "central", "special", "temporary", "rural", "coastal", "military", "civil",
                          "regional", "secret", "former", "local", "national", "border", "urban", "western", "eastern", "southern"]
        let nouns = ["labour unit", "detention ward", "work brigade", "holding cell", "review board", "security bureau", "reform office",
                     "transit point", "control post", "inspection team", "police station", "guard unit", "supply depot", "training site",
                     "records office", "court office", "camp office", "prison farm", "mining site", "factory ward"]
        let places = ["Anju", "Bukchang", "Chongjin", "Haeju", "Hamhung", "Hoeryong", "Hyesan", "Kaechon", "Kanggye", "Kimchaek", "Musan", "Nampo",
                      "Onsong", "Pyongsong", "Sariwon", "Sinuiju", "Sunchon", "Tanchon", "Wonsan", "Yodok", "Kilju", "Kowon", "Kusong", "Manpo", "Rason"]
        let syllables = Array("가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후")
        var english: [String] = []
        var korean: [String] = []
        var seen = Set<String>()
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var i = 0
        while english.count < count {
            let en = "\(places[(i / (adjectives.count * nouns.count)) % places.count]) \(adjectives[i % adjectives.count]) \(nouns[(i / adjectives.count) % nouns.count])"
            var ko = ""
            repeat {
                ko = String((0..<(3 + next(2))).map { _ in syllables[next(syllables.count)] }) + "대"
            } while !seen.insert(ko).inserted
            english.append(en)
            korean.append(ko)
            i += 1
        }
        let concepts = (0..<count).map { k in
            Concept(id: "c\(k)", languages: [LanguageSection(language: "en", terms: [Term(english[k], status: .preferred)]),
                                             LanguageSection(language: "ko", terms: [Term(korean[k], status: .preferred)])])
        }
        return (Glossary(name: "generated", concepts: concepts), english, korean)
    }
}
