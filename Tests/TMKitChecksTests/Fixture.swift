import TMKitChecks
import TMKitText

/// Runs checks on en→ko pairs with the shipped Locales/ data.
enum Fixture {
    static let data = try! DataDirectory.locate()
    static let context = try! CheckContext.load(source: .english, target: .korean, data: data)

    static func pairs(_ texts: [(String, String)]) -> [SegmentPair] {
        texts.enumerated().map { i, texts in
            SegmentPair(index: i, source: texts.0, target: texts.1,
                        sourceLocation: SourceLocation(file: "en.txt", line: i + 1, byteRange: 0..<texts.0.utf8.count),
                        targetLocation: SourceLocation(file: "ko.txt", line: i + 1, byteRange: 0..<texts.1.utf8.count))
        }
    }

    /// The findings of the checks matching `only` (ids or families) on the pairs.
    static func findings(_ texts: [(String, String)], only: [String], context: CheckContext = context,
                         configuration: CheckConfiguration = CheckConfiguration()) -> [Finding] {
        CheckRunner(context: context, configuration: configuration, only: only).run(pairs(texts)).findings
    }

    static func findings(_ source: String, _ target: String, only: [String], context: CheckContext = context) -> [Finding] {
        findings([(source, target)], only: only, context: context)
    }
}

extension String {
    func utf8Slice(_ range: Range<Int>) -> String {
        String(decoding: Array(utf8)[range], as: UTF8.self)
    }
}
