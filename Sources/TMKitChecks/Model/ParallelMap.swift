import Dispatch

/// Maps over all cores in contiguous chunks, keeping order.
enum ParallelMap {
    /// Below this many items the work runs on the calling thread.
    static let minimumParallel = 512

    /// `transform` applied to every element, in order.
    /// - Complexity: O(n) calls of `transform`, spread over the active processors.
    static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        mapChunks(count: items.count) { range in items[range].map(transform) }.flatMap { $0 }
    }

    /// `transform` applied to contiguous chunks covering `0..<count` (see `chunkRanges`), the
    /// chunks on all cores, the results in chunk order.
    ///
    /// The chunks are what runs in parallel: mapping the list of chunk ranges with `map` would
    /// not be (a few ranges are below `minimumParallel`, so they would run one after another).
    /// - Complexity: one call of `transform` per chunk, spread over the active processors.
    static func mapChunks<R>(count: Int, _ transform: @Sendable (Range<Int>) -> R) -> [R] {
        let chunks = chunkRanges(count: count)
        return mapEach(count: chunks.count) { transform(chunks[$0]) }
    }

    /// `transform` applied to each of `0..<count`, each call on its own core when there are
    /// cores to spare: for a few large, independent jobs.
    /// - Complexity: `count` calls of `transform`, spread over the active processors.
    static func mapEach<R>(count: Int, _ transform: @Sendable (Int) -> R) -> [R] {
        if count <= 1 || ProcessInfoCores.active == 1 { return (0..<count).map(transform) }
        var results = [R?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                out[index] = transform(index)
            }
        }
        return results.map { $0! }
    }

    /// Contiguous ranges covering `0..<count`, a few per core so uneven chunks even out.
    static func chunkRanges(count: Int) -> [Range<Int>] {
        guard count >= minimumParallel else { return count == 0 ? [] : [0..<count] }
        let cores = ProcessInfoCores.active
        let chunkCount = min(max(cores * 4, 1), count)
        let size = (count + chunkCount - 1) / chunkCount
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}

import Foundation

enum ProcessInfoCores {
    static let active = max(ProcessInfo.processInfo.activeProcessorCount, 1)
}
