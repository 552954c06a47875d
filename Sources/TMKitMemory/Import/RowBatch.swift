import Foundation
import TMKitFormats

/// Rows of an import as flat data: every text of every row in one byte buffer, every row a
/// record of offsets and numbers, the trigrams of all rows in one array.
///
/// Why flat: an import of a large TMX file handles hundreds of thousands of units on three
/// threads. As structs of `String`s and arrays, each unit cost a dozen allocations, their
/// reference counting, and frees on another thread than the one that allocated (glibc's
/// slowest path); together more than the XML scan and the SQLite inserts. Here a batch of
/// units is a few buffers, reused batch after batch, and the store binds its texts to SQLite
/// in place (`SQLITE_STATIC`, no copy).
///
/// A batch goes from the reader (rows, texts) to the preparer (`prepare()`: match keys,
/// trigrams, hashes) to the store, one thread at a time; the pipes between them order the
/// hand-overs.
final class RowBatch: @unchecked Sendable {
    /// A text in `bytes`; a negative count is SQL NULL.
    struct Text {
        var start: Int
        var count: Int

        static let null = Text(start: 0, count: -1)
        var isNull: Bool { count < 0 }
    }

    struct Row {
        var sourceLanguage: Text
        var targetLanguage: Text
        var sourceText: Text
        var targetText: Text
        var sourceMarkup = Text.null
        var targetMarkup = Text.null
        var tuid = Text.null
        /// False when the unit names no origin (the import's `document` option then applies).
        var hasOrigin = false
        var document = Text.null
        var paragraph: Int64?
        var sentence: Int64?
        var score: Double?
        var createdAt = Text.null
        var createdBy = Text.null
        var changedAt = Text.null
        var changedBy = Text.null
        var metadata = Text.null
        /// Set by `prepare()`.
        var sourceKey: Int64 = 0
        var hash: Int64 = 0
        var grams: Range<Int> = 0..<0
    }

    /// The batch's contents, behind a pointer: a class's stored `var` is checked for exclusive
    /// access at run time on every use (a call into the Swift runtime), memory behind a pointer
    /// is not; rows are appended and prepared a handful of texts at a time.
    private struct Storage {
        var bytes: [UInt8] = []
        var rows: [Row] = []
        /// The first `gramCount` elements are the rows' grams; the array is kept longer (a
        /// buffer: its count changes only when it grows).
        var grams: [Int64] = []
        var gramCount = 0
        var ids: [UInt32] = []
        var read = 0
        var withoutPair = 0
        /// The folded source of the row being prepared (reused).
        var scalars: [UInt32] = []
        /// The key of an ASCII source being prepared (reused).
        var key: [UInt8] = []
    }

    private let storage: UnsafeMutablePointer<Storage>

    /// The id each row was stored under, 0 for a row not inserted (a duplicate skipped or
    /// overwritten); set by `ImportSession.add(_:indexing:)` when the index is built elsewhere.
    var ids: [UInt32] { storage.pointee.ids }
    /// Units read (a `<tu>` can give several rows, or none).
    var read: Int {
        get { storage.pointee.read }
        set { storage.pointee.read = newValue }
    }
    /// Units read that gave no row.
    var withoutPair: Int {
        get { storage.pointee.withoutPair }
        set { storage.pointee.withoutPair = newValue }
    }

    init(capacity: Int = 256) {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage())
        storage.pointee.bytes.reserveCapacity(capacity * 512)
        storage.pointee.rows.reserveCapacity(capacity)
        storage.pointee.grams = [Int64](repeating: 0, count: capacity * 64)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Empties the batch, keeping its memory.
    func removeAll() {
        let s = storage
        s.pointee.bytes.removeAll(keepingCapacity: true)
        s.pointee.rows.removeAll(keepingCapacity: true)
        s.pointee.gramCount = 0
        s.pointee.ids.removeAll(keepingCapacity: true)
        s.pointee.read = 0
        s.pointee.withoutPair = 0
    }

    /// Records the id the next row was stored under (0: not inserted).
    func appendID(_ id: UInt32) {
        storage.pointee.ids.append(id)
    }

    // MARK: - Filling (the reader)

    @inline(__always)
    func text(_ utf8: UnsafeBufferPointer<UInt8>) -> Text {
        let s = storage
        let start = s.pointee.bytes.count
        s.pointee.bytes.append(contentsOf: utf8)
        return Text(start: start, count: utf8.count)
    }

    func text(_ string: String?) -> Text {
        guard var string else { return .null }
        return string.withUTF8 { text($0) }
    }

    func append(_ row: Row) {
        storage.pointee.rows.append(row)
    }

    /// A unit of the general kind (any `MemoryUnit`) as a row.
    func append(_ unit: MemoryUnit) {
        var dropped = 0
        var row = Row(sourceLanguage: text(unit.sourceLanguage), targetLanguage: text(unit.targetLanguage),
                      sourceText: text(unit.source.plainText), targetText: text(unit.target.plainText))
        if unit.source.hasMarkup { row.sourceMarkup = text(unit.source.xml(dropped: &dropped)) }
        if unit.target.hasMarkup { row.targetMarkup = text(unit.target.xml(dropped: &dropped)) }
        row.tuid = text(unit.tuid)
        if let origin = unit.origin {
            row.hasOrigin = true
            row.document = text(origin.document)
            row.paragraph = origin.paragraph.map(Int64.init)
            row.sentence = origin.sentence.map(Int64.init)
        }
        row.score = unit.score
        row.createdAt = text(unit.createdAt)
        row.createdBy = text(unit.createdBy)
        row.changedAt = text(unit.changedAt)
        row.changedBy = text(unit.changedBy)
        row.metadata = text(unit.metadata.json)
        storage.pointee.rows.append(row)
    }

    // MARK: - Preparing (the preparer)

    /// Computes what storing the rows needs besides their texts: the source's match-key hash,
    /// the trigrams the fuzzy index keeps (`MatchKey.indexGrams`), the duplicate hash (FNV-1a
    /// over both languages and both segments, markup where there is some).
    func prepare() {
        let s = storage
        let rowCount = s.pointee.rows.count
        s.pointee.bytes.withUnsafeBufferPointer { bytes in
            for i in 0..<rowCount {
                let row = s.pointee.rows[i]
                let source = Self.slice(bytes, row.sourceText)
                let start = s.pointee.gramCount
                // Room for the grams: at most the key's length + 2, and the key is at most as
                // long as the text in bytes (NFKC can lengthen a character: checked below).
                func reserve(_ room: Int) {
                    if s.pointee.grams.count < start + room {
                        s.pointee.grams.append(contentsOf: [Int64](repeating: 0, count: max(start + room, 2 * s.pointee.grams.count) - s.pointee.grams.count))
                    }
                }
                reserve(source.count + 2)
                if s.pointee.key.count < source.count + 2 {
                    s.pointee.key = [UInt8](repeating: 0, count: max(source.count + 2, 2 * s.pointee.key.count))
                }
                let fast = s.pointee.grams.withUnsafeMutableBufferPointer { grams in
                    s.pointee.key.withUnsafeMutableBufferPointer { key in
                        MatchKey.hashAndGramsASCII(source, key: key.baseAddress!, into: grams.baseAddress! + start)
                    }
                }
                let (key, count): (Int64, Int)
                if let fast {
                    (key, count) = fast
                } else {
                    let n = MatchKey.fold(source, into: &s.pointee.scalars)
                    reserve(n + 2)
                    (key, count) = s.pointee.scalars.withUnsafeBufferPointer { scalars in
                        let key = UnsafeBufferPointer(rebasing: scalars[0..<n])
                        return (MatchKey.hash(key), s.pointee.grams.withUnsafeMutableBufferPointer { MatchKey.indexGrams(key, into: $0.baseAddress! + start) })
                    }
                }
                s.pointee.gramCount = start + count
                var h = StableHash.basis
                StableHash.add(Self.slice(bytes, row.sourceLanguage), to: &h)
                StableHash.add(Self.slice(bytes, row.targetLanguage), to: &h)
                StableHash.add(Self.slice(bytes, row.sourceMarkup.isNull ? row.sourceText : row.sourceMarkup), to: &h)
                StableHash.add(Self.slice(bytes, row.targetMarkup.isNull ? row.targetText : row.targetMarkup), to: &h)
                s.pointee.rows[i].sourceKey = key
                s.pointee.rows[i].hash = Int64(bitPattern: h)
                s.pointee.rows[i].grams = start..<start + count
            }
        }
    }

    @inline(__always)
    static func slice(_ bytes: UnsafeBufferPointer<UInt8>, _ text: Text) -> UnsafeBufferPointer<UInt8> {
        text.count <= 0 ? UnsafeBufferPointer(start: nil, count: 0) : UnsafeBufferPointer(rebasing: bytes[text.start..<text.start + text.count])
    }

    // MARK: - Storing

    /// Calls `body` with the texts, the trigrams and the rows, in place.
    func withContents<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Row>) throws -> R) rethrows -> R {
        let s = storage
        return try s.pointee.bytes.withUnsafeBufferPointer { bytes in
            try s.pointee.grams.withUnsafeBufferPointer { grams in
                try s.pointee.rows.withUnsafeBufferPointer { rows in try body(bytes, grams, rows) }
            }
        }
    }
}
