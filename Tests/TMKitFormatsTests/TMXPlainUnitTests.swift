import Foundation
@testable import TMKitFormats
import TMKitTestSupport
import TMKitText
import Testing

/// `TMXReader.next()` reads plain units without a `TranslationUnit` and hands over to the
/// general reader at the first thing a plain unit cannot hold; the units and warnings must be
/// the general reader's, whichever place that is.
@Suite struct TMXPlainUnitTests {
    /// Units and warnings by `next()` and by the general reader alone.
    func bothWays(_ text: String) throws -> (lane: [TranslationUnit], general: [TranslationUnit], laneWarnings: [TMXWarning], generalWarnings: [TMXWarning]) {
        let lane = try TMXReader(bytes: Array(text.utf8), name: "t.tmx")
        var laneUnits: [TranslationUnit] = []
        while let unit = try lane.next() { laneUnits.append(unit) }
        let general = try TMXReader(bytes: Array(text.utf8), name: "t.tmx")
        var generalUnits: [TranslationUnit] = []
        while let unit = try general.nextGeneral() { generalUnits.append(unit) }
        return (laneUnits, generalUnits, lane.warnings, general.warnings)
    }

    static let bodies: [String] = [
        // Plain.
        #"<tu tuid="1"><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="ko"><seg>하나</seg></tuv></tu>"#,
        #"<tu tuid="1" srclang="en" creationdate="20200101T000000Z" creationid="a" changedate="20210101T000000Z" changeid="b">"#
            + "\n  <tuv xml:lang=\"en-us\"><seg>  spaced\ttext \n</seg></tuv>\n  <tuv lang=\"KO\"><seg>a &amp; b <![CDATA[<x>]]></seg></tuv>\n</tu>",
        #"<tu/><tu><tuv xml:lang="en"><seg/></tuv><tuv xml:lang="fr"/></tu>"#,
        #"<tu><tuv xml:lang="en"><seg><![CDATA[]]></seg></tuv><tuv xml:lang="de">text in tuv<seg>x</seg></tuv></tu>"#,
        // The general reader takes over at the <tu>'s attributes.
        #"<tu tuid="2" usagecount="3" odd="1"><tuv xml:lang="en"><seg>Two</seg></tuv></tu>"#,
        // ... at an element inside <tu>.
        #"<tu tuid="3"><tuv xml:lang="en"><seg>A</seg></tuv><prop type="x-a">p</prop><tuv xml:lang="ko"><seg>B</seg></tuv><note>n</note></tu>"#,
        #"<tu><odd>text</odd><tuv xml:lang="en"><seg>A</seg></tuv></tu>"#,
        // ... at text directly inside <tu> (whitespace of other kinds counts as space).
        #"<tu><tuv xml:lang="en"><seg>A</seg></tuv>stray<tuv xml:lang="ko"><seg>B</seg></tuv></tu>"#,
        "<tu><tuv xml:lang=\"en\"><seg>A</seg></tuv>\u{A0}<tuv xml:lang=\"ko\"><seg>B</seg></tuv></tu>",
        // ... at a <tuv>'s attributes.
        #"<tu><tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="ko" creationdate="20200101T000000Z"><seg>B</seg></tuv></tu>"#,
        #"<tu><tuv lang="en" xml:lang="fr"><seg>A</seg></tuv><tuv><seg>lost</seg></tuv><tuv xml:lang=""><seg/></tuv></tu>"#,
        #"<tu><tuv xml:lang="en" odd="x"><seg>A</seg></tuv></tu>"#,
        // ... inside a <tuv>: prop, note, a second <seg>, an unknown element; before and after <seg>.
        #"<tu><tuv xml:lang="en"><prop type="x">p</prop><seg>A</seg></tuv><tuv xml:lang="ko"><seg>B</seg><note>n</note></tuv></tu>"#,
        #"<tu><tuv xml:lang="en"><seg>A</seg><seg> and more</seg></tuv><tuv xml:lang="ko"><seg/><odd>x</odd></tuv></tu>"#,
        // ... inside a <seg>: inline codes, at the start, middle and end, nested, unknown.
        #"<tu><tuv xml:lang="en"><seg><bpt i="1">&lt;b></bpt>Bold<ept i="1">&lt;/b></ept> and <ph x="2"/></seg></tuv><tuv xml:lang="ko"><seg>굵게 <hi type="b">강조<sub>주</sub></hi> 끝</seg></tuv></tu>"#,
        #"<tu><tuv xml:lang="en"><seg>before <odd>kept text</odd> after</seg><prop type="p">v</prop></tuv><tuv xml:lang="ko"><seg><ut>u</ut></seg></tuv></tu>"#,
        #"<tu><tuv xml:lang="en"><seg>x<it pos="begin"/></seg></tuv></tu><tu><tuv xml:lang="en"><seg>plain again</seg></tuv></tu>"#,
        // Languages that are not valid tags (a warning each) and case variants.
        #"<tu><tuv xml:lang="english!"><seg>A</seg></tuv><tuv xml:lang="KO-kr"><seg>B</seg></tuv></tu>"#,
    ]

    @Test(arguments: Self.bodies)
    func sameUnitsAndWarningsAsTheGeneralReader(body: String) throws {
        let result = try bothWays(tmx(body))
        #expect(result.lane == result.general)
        #expect(result.laneWarnings.map(\.message).sorted() == result.generalWarnings.map(\.message).sorted())
        #expect(!result.general.isEmpty)
    }

    /// All the bodies in one document, in random orders: the plain unit's memory is reused from
    /// unit to unit, and a hand-over must leave nothing behind for the next unit.
    @Test func sameUnitsInAnyOrder() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let body = Self.bodies.shuffled(using: &generator).joined(separator: "\n")
            let result = try bothWays(tmx(body))
            #expect(result.lane == result.general)
            #expect(result.laneWarnings.sorted { $0.message < $1.message } == result.generalWarnings.sorted { $0.message < $1.message })
        }
    }

    /// What `nextItem(plain:)` says of each kind: plain units come as `.plain` with their texts.
    @Test func plainItems() throws {
        let reader = try TMXReader(bytes: Array(tmx(Self.bodies[1] + Self.bodies[5]).utf8), name: "t.tmx")
        let plain = TMXPlainUnit()
        guard case .plain? = try reader.nextItem(plain: plain) else {
            Issue.record("the first unit is plain")
            return
        }
        #expect(plain.variants.map(\.language) == ["en-US", "ko"])
        #expect(plain.string(plain.variants[0].text) == "  spaced\ttext \n")
        #expect(plain.string(plain.variants[1].text) == "a & b <x>")
        #expect(plain.value(.changeid).map(plain.string) == "b")
        #expect(plain.value(.tuid).map(plain.string) == "1")
        guard case .unit(let unit)? = try reader.nextItem(plain: plain) else {
            Issue.record("the second unit has a prop")
            return
        }
        #expect(unit.properties.map(\.text) == ["p"])
        #expect(unit.variants.map(\.segment.plainText) == ["A", "B"])
        #expect(try reader.nextItem(plain: plain) == nil)
    }

    /// The LISA compliance kit's files, read both ways.
    @Test func complianceKitBothWays() throws {
        guard let dir = SharedData.path("tmx/compliance-kit") else {
            print("skipped: ../shared/tmx/compliance-kit not found")
            return
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmx") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            guard let data = FileManager.default.contents(atPath: dir + "/" + file) else { continue }
            let lane = try? TMXReader(bytes: Array(data), name: file)
            let general = try? TMXReader(bytes: Array(data), name: file)
            guard let lane, let general else { continue }
            var a: [TranslationUnit] = []
            var b: [TranslationUnit] = []
            let laneError = Result { while let unit = try lane.next() { a.append(unit) } }
            let generalError = Result { while let unit = try general.nextGeneral() { b.append(unit) } }
            #expect(a == b, "\(file)")
            #expect(lane.warnings.sorted { $0.message < $1.message } == general.warnings.sorted { $0.message < $1.message }, "\(file)")
            #expect(((try? laneError.get()) != nil) == ((try? generalError.get()) != nil), "\(file)")
        }
    }
}
