import Dispatch
import Foundation

/// Work spread over the cores, results in order.
enum Parallel {
    /// `items.map(transform)`, computed on all cores in chunks of `chunk` items.
    /// - Complexity: the work of `transform` over the items, divided among the cores.
    static func map<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 32, _ transform: @escaping @Sendable (T) -> R) -> [R] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, items.count > chunk else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R>.allocate(capacity: items.count)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            // Each chunk writes its own slots only.
            for k in (c * chunk)..<min(items.count, (c + 1) * chunk) { (out.baseAddress! + k).initialize(to: transform(items[k])) }
        }
        let array = Array(results)
        _ = results.baseAddress.map { $0.deinitialize(count: items.count) }
        return array
    }
}
