import Dispatch
import Synchronization

/// Maps items on several threads and hands the results back strictly in input order, a window
/// at a time, so memory stays bounded by the window and the output order never depends on
/// the number of jobs.
///
/// ```swift
/// OrderedParallelMap(jobs: 4).run(paths, transform: { path in clean(path) }) { path, output in
///     write(output)
/// }
/// ```
public struct OrderedParallelMap: Sendable {
    /// How many items are processed at once.
    public let jobs: Int
    /// How many items are in flight per window (a few per job, to balance uneven items).
    public let window: Int

    public init(jobs: Int, window: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = window ?? max(1, jobs) * 4
    }

    /// Transforms every item, calling `consume` with each result in input order.
    public func run<Item: Sendable, Output: Sendable>(
        _ items: [Item],
        transform: @Sendable (Item) -> Output,
        consume: (Item, Output) -> Void
    ) {
        if jobs == 1 {
            for item in items { consume(item, transform(item)) }
            return
        }
        var start = 0
        while start < items.count {
            let end = min(items.count, start + window)
            let batch = Array(items[start..<end])
            let results = Mutex([Output?](repeating: nil, count: batch.count))
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: min(jobs, batch.count)) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < batch.count else { return }
                    let output = transform(batch[index])
                    results.withLock { $0[index] = output }
                }
            }
            let outputs = results.withLock { $0 }
            for (item, output) in zip(batch, outputs) {
                consume(item, output!)
            }
            start = end
        }
    }
}
