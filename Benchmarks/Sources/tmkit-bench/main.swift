import Foundation

// tmkit-bench <area> [options]: one subcommand per area, each in its own file. Run in release:
//   swift run -c release tmkit-bench check
let areas: [String: ([String]) throws -> Void] = [
    "check": CheckBenchmark.run,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let area = arguments.first, let run = areas[area] else {
    print("usage: tmkit-bench <area> [options]; areas: \(areas.keys.sorted().joined(separator: ", "))")
    exit(64)
}
do {
    try run(Array(arguments.dropFirst()))
} catch {
    print("tmkit-bench \(area): \(error)")
    exit(1)
}
