// tmkit-bench: benchmarks with figures, one area per file. Run the release build:
//   swift build -c release --product tmkit-bench && .build/release/tmkit-bench <area> [options]
import Foundation

let areas: [String: ([String]) throws -> Void] = [
    "segment": SegmentBenchmark.run,
    "segment-child": SegmentBenchmark.child,
    "segment-raw-child": SegmentBenchmark.rawChild,
    "glossary": GlossaryBenchmark.run,
    "memory": MemoryBenchmark.run,
    "check": CheckBenchmark.run,
    "align": AlignBenchmark.run,
    "align-child": AlignBenchmark.child,
    "align-features": AlignFeaturesBenchmark.run,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let area = arguments.first, let run = areas[area] else {
    print("usage: tmkit-bench <area> [options]\nareas: \(areas.keys.filter { !$0.hasSuffix("-child") }.sorted().joined(separator: ", "))")
    exit(64)
}
do {
    try run(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("tmkit-bench: \(error)\n".utf8))
    exit(1)
}
