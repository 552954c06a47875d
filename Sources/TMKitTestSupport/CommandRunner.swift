import Foundation
import TMKitText

/// Runs the built `tmkit` binary for end-to-end tests: stdout, stderr and the exit code apart.
public enum CommandRunner {
    public struct Result: Sendable {
        public var stdout: String
        public var stderr: String
        public var exitCode: Int32
    }

    /// The `tmkit` binary of this build (beside the test bundle in the build folder).
    public static var binaryPath: String {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tmkit").path,
            Bundle.main.bundleURL.appendingPathComponent("tmkit").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tmkit").path,
            SharedData.packageRoot + "/.build/debug/tmkit",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    /// Runs `tmkit` with arguments (and optional standard input) in `directory`.
    public static func run(_ arguments: [String], stdin: String? = nil, directory: String? = nil,
                           environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot block the child.
        // POSIX reads that retry when a signal interrupts them (another test's child exiting).
        nonisolated(unsafe) var errData: [UInt8] = []
        nonisolated(unsafe) var errFailure: Error?
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            do { errData = try TextFile.readAll(fileDescriptor: err.fileHandleForReading.fileDescriptor, name: "stderr") } catch { errFailure = error }
            group.leave()
        }
        let outData = try TextFile.readAll(fileDescriptor: out.fileHandleForReading.fileDescriptor, name: "stdout")
        group.wait()
        if let errFailure { throw errFailure }
        process.waitUntilExit()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      exitCode: process.terminationStatus)
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "tmkit-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
