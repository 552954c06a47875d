import Foundation

/// `tmkit-bench <area> [arguments]`: one benchmark area a subcommand, each in its own file.
/// Run in release mode: `swift run -c release tmkit-bench memory`.
let areas: [String: (ArraySlice<String>) throws -> Void] = [
    "memory": MemoryBenchmark.run,
]

let arguments = CommandLine.arguments.dropFirst()
guard let area = arguments.first, let run = areas[area] else {
    print("usage: tmkit-bench <area> [arguments]; areas: \(areas.keys.sorted().joined(separator: ", "))")
    exit(64)
}
do {
    try run(arguments.dropFirst())
} catch {
    FileHandle.standardError.write(Data("tmkit-bench: \(error)\n".utf8))
    exit(1)
}
