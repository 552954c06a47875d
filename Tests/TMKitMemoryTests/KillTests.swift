import Foundation
import GRDB
import TMKitMemory
import TMKitTestSupport
import Testing

/// A process killed in the middle of an import leaves a sound database with all or none of it.
@Suite struct KillTests {
    /// Enough units that the commit's writes (about 20 MB) take a while.
    static let count = 100_000

    /// A TMX file of `count` units in a new directory, and the database path beside it.
    static func bigImport() throws -> (tmx: String, db: String) {
        let directory = try CommandRunner.temporaryDirectory()
        let body = (0..<count).map { pairTU("Report sentence \($0) about the camps.", "수용소에 관한 보고서 문장 \($0).") }.joined(separator: "\n")
        try write(tmxDocument(body), to: directory + "/big.tmx")
        return (directory + "/big.tmx", directory + "/tm.sqlite")
    }

    /// `tmkit tm import TMX --db DB` in a child process.
    static func startImport(_ tmx: String, db: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binaryPath)
        process.arguments = ["tm", "import", tmx, "--db", db]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Kills the child with SIGKILL and checks that it was still running and died of it.
    static func killChild(_ process: Process) {
        #expect(process.isRunning, "the import ended before it could be killed; make the file bigger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
    }

    static func size(_ path: String) -> Int? { (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue }

    @Test func killedImportLeavesAllOrNothing() throws {
        let (tmx, db) = try Self.bigImport()
        let count = Self.count
        // The database exists and holds one unit before the import starts.
        let memory = try TranslationMemory(path: db)
        _ = try memory.importBeads([BeadPair(sourceSentences: ["Before."], targetSentences: ["이전."])], sourceLanguage: .english, targetLanguage: .korean)

        let process = try Self.startImport(tmx, db: db)
        // Kill it once the transaction has started writing pages to the WAL: the units fit in
        // the import's page cache, so that is its commit, which takes tens of milliseconds; poll
        // often enough not to miss it.
        let start = Date()
        var walBytes = 0
        while process.isRunning && Date().timeIntervalSince(start) < 60 {
            walBytes = Self.size(db + "-wal") ?? 0
            if walBytes > 1 << 20 { break }
            usleep(1_000)
        }
        Self.killChild(process)
        #expect(walBytes > 0)

        let queue = try DatabaseQueue(path: db)
        let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let units = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tm_unit") }
        #expect(units == 1 || units == count + 1)
        try queue.close()

        // The database is usable: the same import runs to its end.
        let again = try TranslationMemory(path: db)
        let summary = try again.importTMX(path: tmx)
        #expect(summary.imported + summary.skippedDuplicates == count)
        #expect(try again.unitCount() == count + 1)
    }

    /// The first import into a new workspace runs with a rollback journal (`BulkLoad`): killed
    /// while it writes its pages into the file, it leaves a hot journal that the next
    /// connection rolls back, and the workspace is empty and sound again.
    @Test func killedFirstImportLeavesAnEmptyOrFullWorkspace() throws {
        let (tmx, db) = try Self.bigImport()
        let count = Self.count
        let process = try Self.startImport(tmx, db: db)
        // Kill it while the commit writes pages into the file: a journal exists and the file
        // has grown past its empty schema.
        let size = Self.size
        let start = Date()
        var sawJournal = false
        while process.isRunning && Date().timeIntervalSince(start) < 60 {
            if size(db + "-journal") != nil {
                sawJournal = true
                if (size(db) ?? 0) > 1 << 20 { break }
            }
            usleep(500)
        }
        Self.killChild(process)
        #expect(sawJournal, "a first import should run with a rollback journal")

        let queue = try DatabaseQueue(path: db)
        let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let units = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tm_unit") }
        #expect(units == 0 || units == count)
        try queue.close()
        #expect(size(db + "-journal") == nil, "the hot journal was rolled back")

        // Opened as a workspace again, it is in WAL mode, and the import runs to its end.
        let again = try TranslationMemory(path: db)
        let summary = try again.importTMX(path: tmx)
        #expect(summary.imported + summary.skippedDuplicates == count)
        #expect(try again.unitCount() == count)
        let mode = try DatabaseQueue(path: db).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}
