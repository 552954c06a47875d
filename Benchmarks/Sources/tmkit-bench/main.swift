// tmkit-bench <area> [options]: one file per area, each a function that prints its figures.
// Run in release: swift run -c release tmkit-bench glossary
import Foundation

let areas: [String: ([String]) throws -> Void] = [
    "glossary": GlossaryBenchmark.run
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let area = arguments.first, let run = areas[area] else {
    print("usage: tmkit-bench <area> [options]\nareas: \(areas.keys.sorted().joined(separator: ", "))")
    exit(arguments.isEmpty ? 0 : 64)
}
do {
    try run(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("tmkit-bench: \(error)\n".utf8))
    exit(1)
}
