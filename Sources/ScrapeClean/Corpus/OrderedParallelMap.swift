import Dispatch
import Synchronization

/// Maps items on several threads and hands the results back strictly in input order, on the
/// calling thread. Workers run at most `window` items ahead of the one being consumed (a
/// sliding window, not batches: one slow item holds back only its own output, not the other
/// workers), so memory stays bounded by the window and the output order never depends on the
/// number of jobs.
///
/// ```swift
/// OrderedParallelMap(jobs: 4).run(paths, transform: { path in clean(path) }) { path, output in
///     write(output)
/// }
/// ```
public struct OrderedParallelMap: Sendable {
    /// How many items are processed at once.
    public let jobs: Int
    /// How many items may be done or in progress ahead of the one being consumed (enough per
    /// job that a document a hundred times dearer than its neighbours does not idle the rest).
    public let window: Int

    public init(jobs: Int, window: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? self.jobs * 16)
    }

    /// Transforms every item, calling `consume` with each result in input order.
    public func run<Item: Sendable, Output: Sendable>(
        _ items: [Item],
        transform: @escaping @Sendable (Item) -> Output,
        consume: (Item, Output) -> Void
    ) {
        if jobs == 1 || items.count < 2 {
            for item in items { consume(item, transform(item)) }
            return
        }
        let results = Mutex([Int: Output]())
        let finished = DispatchSemaphore(value: 0)
        let slots = DispatchSemaphore(value: window)
        let next = Atomic<Int>(0)
        let group = DispatchGroup()
        do {
            for _ in 0..<min(jobs, items.count) {
                group.enter()
                DispatchQueue.global().async {
                    while true {
                        slots.wait()
                        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < items.count else {
                            slots.signal()
                            break
                        }
                        let output = transform(items[index])
                        results.withLock { $0[index] = output }
                        finished.signal()
                    }
                    group.leave()
                }
            }
            for index in items.indices {
                var output = results.withLock { $0.removeValue(forKey: index) }
                while output == nil {
                    finished.wait()
                    output = results.withLock { $0.removeValue(forKey: index) }
                }
                consume(items[index], output!)
                slots.signal()
            }
            group.wait()
        }
    }
}
