import TMKitAlignment
import TMKitText

/// A short report and its Korean translation, written for these tests (the city, the people and
/// the figures are made up): paragraphs of sentences, with numbers in both notations, names, a
/// question and a quotation.
enum Flood {
    static let english: [[String]] = [
        ["Flood recovery in Gangneung slows as winter nears"],
        [
            "Gangneung city officials said on Tuesday that 80,000 residents are still without clean water.",
            "About 3,000 homes were damaged when the Namdae River burst its banks in August.",
            "Mayor Kim Hong-gyu said repairs would take until March 2025.",
        ],
        [
            "Volunteers from Seoul and Busan have arrived to help.",
            "\"We cannot wait for spring,\" said Lee Su-jin, a nurse who has worked in the shelters for nine weeks.",
            "The city has opened 12 shelters in schools and churches.",
        ],
        [
            "Why did the warning system fail?",
            "An inquiry led by Professor Park Min-ho will report in December.",
            "The national government has pledged 120 billion won (about $90 million) for reconstruction.",
        ],
        [
            "Farmers are among the worst affected.",
            "Rice fields along the river are covered in mud, and many farmers say they will not be able to plant next year.",
            "The agriculture ministry said it would pay up to 5 million won in compensation to each family.",
        ],
    ]

    static let korean: [[String]] = [
        ["겨울을 앞두고 강릉의 홍수 복구가 더뎌지다"],
        [
            "강릉시 관계자들은 화요일 주민 8만 명이 여전히 깨끗한 물을 쓰지 못하고 있다고 밝혔다.",
            "8월 남대천이 범람했을 때 약 3천 채의 주택이 피해를 입었다.",
            "김홍규 시장은 복구 작업이 2025년 3월까지 걸릴 것이라고 말했다.",
        ],
        [
            "서울과 부산에서 온 자원봉사자들이 도움을 주기 위해 도착했다.",
            "대피소에서 9주째 일하고 있는 간호사 이수진 씨는 \"봄까지 기다릴 수는 없습니다\"라고 말했다.",
            "시는 학교와 교회에 대피소 12곳을 열었다.",
        ],
        [
            "경보 시스템은 왜 작동하지 않았을까?",
            "박민호 교수가 이끄는 조사단이 12월에 결과를 발표할 예정이다.",
            "중앙 정부는 재건을 위해 1,200억 원(약 9천만 달러)을 지원하겠다고 약속했다.",
        ],
        [
            "농민들이 가장 큰 피해를 입은 사람들 중 하나다.",
            "강을 따라 있는 논은 진흙으로 덮였고, 많은 농민들은 내년에 모내기를 할 수 없을 것이라고 말한다.",
            "농림부는 가구당 최대 500만 원의 보상금을 지급하겠다고 밝혔다.",
        ],
    ]

    /// A Korean text on something else (a baseball game), written for these tests.
    static let unrelatedKorean: [String] = [
        "대전 이글스가 일요일 홈 경기에서 인천 마린스를 7대 2로 꺾었다.",
        "선발 투수 오정우는 6이닝 동안 삼진 8개를 잡아냈다.",
        "4회에 터진 최민재의 3점 홈런이 승부를 갈랐다.",
        "감독은 경기 후 선수들이 끝까지 집중력을 잃지 않았다고 평가했다.",
        "이글스는 이번 승리로 리그 3위로 올라섰다.",
        "관중 1만 5천 명이 경기장을 찾았다.",
        "다음 경기는 수요일 저녁 부산에서 열린다.",
        "마린스는 최근 다섯 경기에서 네 번 졌다.",
        "구단은 다음 달 새 외국인 타자를 영입할 계획이다.",
        "시즌은 10월 둘째 주에 끝난다.",
        "팬들은 경기가 끝난 뒤에도 한동안 자리를 떠나지 않았다.",
        "오정우는 올 시즌 11승째를 거뒀다.",
    ]

    static func units(_ paragraphs: [[String]]) -> [AlignmentUnit] {
        var result: [AlignmentUnit] = []
        for (p, sentences) in paragraphs.enumerated() {
            for sentence in sentences { result.append(AlignmentUnit(text: sentence, paragraph: p)) }
        }
        return result
    }

    static var englishUnits: [AlignmentUnit] { units(english) }
    static var koreanUnits: [AlignmentUnit] { units(korean) }

    static func aligner(_ parameters: AlignmentParameters = AlignmentParameters()) throws -> SentenceAligner {
        let data = try DataDirectory.locate()
        return SentenceAligner(
            source: try AlignmentProfile.load(for: .english, data: data),
            target: try AlignmentProfile.load(for: .korean, data: data), parameters: parameters)
    }

    /// The beads as index pairs, for readable comparisons: `[([0], [0]), ([1, 2], [1])]`.
    static func pairs(_ beads: [Bead]) -> [[[Int]]] {
        beads.map { [Array($0.source), Array($0.target)] }
    }
}
