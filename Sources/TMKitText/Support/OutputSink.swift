import Foundation

/// Where output goes: standard output or a file that appears only when complete.
///
/// Bytes are buffered and written in large chunks, so writers stream and memory stays flat.
/// A file is written to a temporary sibling and renamed over the target on `commit()`; if the
/// work fails first (`discard()` or deinit without commit), the user's existing file is untouched.
public final class OutputSink {
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let handle: FileHandle
    private let temporaryPath: String?
    private let finalPath: String?
    private var done = false

    /// Standard output.
    public static func standardOutput(chunkSize: Int = 1 << 16) -> OutputSink {
        OutputSink(handle: FileHandle.standardOutput, temporaryPath: nil, finalPath: nil, chunkSize: chunkSize)
    }

    /// A file, replaced atomically on `commit()`. "-" means standard output.
    public static func file(_ path: String, chunkSize: Int = 1 << 16) throws -> OutputSink {
        if path == "-" { return standardOutput(chunkSize: chunkSize) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw TMKitError(.isDirectory, "is a directory", hint: "give a file name for the output", file: path)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/." + (path as NSString).lastPathComponent + ".tmkit-\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw TMKitError(.io, "cannot create the output file", hint: "check that the folder exists and is writable", file: path)
        }
        guard let handle = FileHandle(forWritingAtPath: temporary) else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw TMKitError(.io, "cannot write the output file", hint: "check the folder's permissions", file: path)
        }
        return OutputSink(handle: handle, temporaryPath: temporary, finalPath: path, chunkSize: chunkSize)
    }

    private init(handle: FileHandle, temporaryPath: String?, finalPath: String?, chunkSize: Int) {
        self.handle = handle
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize)
    }

    deinit {
        if !done { discard() }
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunkSize { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    public func write(bytes: UnsafeBufferPointer<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    public func flush() throws {
        if buffer.isEmpty { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw TMKitError(.io, "writing failed: \(error.localizedDescription)", hint: "check free disk space", file: finalPath ?? "standard output")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, moves it into place.
    public func commit() throws {
        try flush()
        done = true
        guard let temporaryPath, let finalPath else { return }
        try? handle.synchronize()
        try? handle.close()
        if rename(temporaryPath, finalPath) != 0 {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw TMKitError(.io, "cannot move the finished output into place", file: finalPath)
        }
    }

    /// Drops what was written; a target file is left as it was.
    public func discard() {
        done = true
        guard let temporaryPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}
