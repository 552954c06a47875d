import TMKitText

/// A `<tu>` of the plainest and by far the most common kind, read by
/// `TMXReader.nextItem(plain:)` without building a `TranslationUnit`: attributes that a memory
/// keeps in columns only (`tuid`, `srclang`, dates and user ids), and variants that hold only an
/// `xml:lang` and one `<seg>` of text, no inline codes, props or notes.
///
/// Its texts sit one after the other in one byte buffer that is reused from unit to unit, so
/// that reading a large TMX file for import allocates nothing per unit (a `TranslationUnit` takes
/// a handful of arrays and strings, and allocating, reference counting and freeing them cost
/// more than scanning the XML). `translationUnit` gives the same unit as `TMXReader.next()`.
public final class TMXPlainUnit {
    /// The `<tu>` attributes a plain unit may have.
    public enum Attribute: UInt8, CaseIterable, Sendable {
        case tuid, srclang, creationdate, creationid, changedate, changeid

        public var name: String {
            switch self {
            case .tuid: "tuid"
            case .srclang: "srclang"
            case .creationdate: "creationdate"
            case .creationid: "creationid"
            case .changedate: "changedate"
            case .changeid: "changeid"
            }
        }

        /// The attribute `index` of the scanner's current element, if it is one of these.
        static func named(_ xml: XMLScanner, at index: Int) -> Attribute? {
            if xml.attribute(at: index, isNamed: "tuid") { return .tuid }
            if xml.attribute(at: index, isNamed: "srclang") { return .srclang }
            if xml.attribute(at: index, isNamed: "creationdate") { return .creationdate }
            if xml.attribute(at: index, isNamed: "creationid") { return .creationid }
            if xml.attribute(at: index, isNamed: "changedate") { return .changedate }
            if xml.attribute(at: index, isNamed: "changeid") { return .changeid }
            return nil
        }
    }

    /// One variant: its language (canonical BCP 47, as `TMXVariant.language`) and where its
    /// segment's text is in `bytes`. `hasText` is false for a `<seg>` without any text node
    /// (`<seg/>`), whose `TMXSegment` has no content at all.
    public struct Variant: Sendable {
        public var language: String
        public var text: Range<Int>
        public var hasText: Bool
    }

    /// What reading changes, behind a pointer: a class's stored `var` is checked for exclusive
    /// access at run time on every use (a call into the Swift runtime), memory behind a pointer
    /// is not; this is written several times for each of hundreds of thousands of units.
    private struct Storage {
        var bytes: [UInt8] = []
        var variants: [Variant] = []
        /// Per attribute (by raw value): where its value is in `bytes`.
        var values = [Range<Int>](repeating: 0..<0, count: Attribute.allCases.count)
        /// The attributes present, in document order: 3 bits each (raw value + 1), first lowest.
        var order: UInt32 = 0
        var attributeCount = 0
        var line = 0
    }

    private let storage: UnsafeMutablePointer<Storage>

    public init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage())
        storage.pointee.bytes.reserveCapacity(1 << 12)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// The unit's texts (attribute values and segments), UTF-8, one after the other.
    public var bytes: [UInt8] { storage.pointee.bytes }

    /// Calls `body` with `bytes` in place.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try storage.pointee.bytes.withUnsafeBufferPointer(body)
    }

    /// The number of bytes in `bytes`.
    public var byteCount: Int { storage.pointee.bytes.count }

    /// The `<tu>` attributes in document order, each with where its value is in `bytes`.
    public var attributes: [(attribute: Attribute, value: Range<Int>)] {
        let s = storage.pointee
        return (0..<s.attributeCount).map { i in
            let attribute = Attribute(rawValue: UInt8(s.order >> UInt32(3 * i) & 7) - 1)!
            return (attribute, s.values[Int(attribute.rawValue)])
        }
    }

    public var variants: [Variant] { storage.pointee.variants }

    /// The line where the `<tu>` starts.
    public var line: Int { storage.pointee.line }

    /// Where the value of `attribute` is in `bytes`, if the unit has it.
    @inline(__always)
    public func value(_ attribute: Attribute) -> Range<Int>? {
        let s = storage
        for i in 0..<s.pointee.attributeCount where s.pointee.order >> UInt32(3 * i) & 7 == UInt32(attribute.rawValue) + 1 {
            return s.pointee.values[Int(attribute.rawValue)]
        }
        return nil
    }

    /// Bytes of `bytes` as a string.
    public func string(_ range: Range<Int>) -> String {
        withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// The same unit as `TMXReader.next()` reads.
    public var translationUnit: TranslationUnit {
        TranslationUnit(
            attributes: attributes.map { TMXAttribute($0.attribute.name, string($0.value)) },
            variants: variants.map { TMXVariant(language: $0.language, segment: TMXSegment($0.hasText ? [.text(string($0.text))] : [])) },
            line: line)
    }

    // MARK: - Filled by TMXReader

    func reset(line: Int) {
        let s = storage
        s.pointee.bytes.removeAll(keepingCapacity: true)
        if !s.pointee.variants.isEmpty { s.pointee.variants.removeAll(keepingCapacity: true) }
        s.pointee.order = 0
        s.pointee.attributeCount = 0
        s.pointee.line = line
    }

    @inline(__always)
    func append(_ text: UnsafeBufferPointer<UInt8>) {
        storage.pointee.bytes.append(contentsOf: text)
    }

    func appendAttribute(_ attribute: Attribute, _ value: UnsafeBufferPointer<UInt8>) {
        let s = storage
        let start = s.pointee.bytes.count
        s.pointee.bytes.append(contentsOf: value)
        s.pointee.values[Int(attribute.rawValue)] = start..<s.pointee.bytes.count
        s.pointee.order |= (UInt32(attribute.rawValue) + 1) << UInt32(3 * s.pointee.attributeCount)
        s.pointee.attributeCount += 1
    }

    func appendVariant(language: String, textFrom start: Int, hasText: Bool) {
        let s = storage
        s.pointee.variants.append(Variant(language: language, text: start..<s.pointee.bytes.count, hasText: hasText))
    }

    /// Drops text appended after `start` (a variant that the general reader takes over).
    func truncate(to start: Int) {
        storage.pointee.bytes.removeSubrange(start...)
    }
}
