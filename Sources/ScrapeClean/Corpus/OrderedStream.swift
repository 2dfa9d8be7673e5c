import Dispatch
import Synchronization

/// A streaming map over a sequence of unknown length: the caller's thread reads items, `jobs`
/// workers transform them, and results are emitted strictly in input order as soon as each
/// one and all before it are done. At most `maxInFlight` items are held at once, so memory is
/// bounded whatever the input size, and a slow producer never stalls output already computed.
///
/// With one job everything happens on the calling thread, item by item.
///
/// ```swift
/// OrderedStream<[UInt8], [UInt8]>(jobs: 4).run(
///     next: { reader.nextLine() },
///     transform: { line in records.process(line).output },
///     emit: { output in write(output) })
/// ```
public struct OrderedStream<Input: Sendable, Output: Sendable>: Sendable {
    public let jobs: Int
    public let maxInFlight: Int

    public init(jobs: Int, maxInFlight: Int? = nil) {
        self.jobs = max(1, jobs)
        self.maxInFlight = max(self.jobs, maxInFlight ?? self.jobs * 16)
    }

    /// Runs until `next` returns nil, then waits for every emission.
    public func run(next: () -> Input?,
                    transform: @escaping @Sendable (Input) -> Output,
                    emit: @escaping @Sendable (Output) -> Void) {
        if jobs == 1 {
            while let item = next() { emit(transform(item)) }
            return
        }
        let queue = WorkQueue<Input>()
        let slots = DispatchSemaphore(value: maxInFlight)
        let writer = Mutex(OrderedWriterState<Output>())
        let group = DispatchGroup()
        for _ in 0..<jobs {
            group.enter()
            DispatchQueue.global().async {
                while let (sequence, item) = queue.take() {
                    let output = transform(item)
                    writer.withLock { state in
                        state.ready[sequence] = output
                        while let ready = state.ready.removeValue(forKey: state.next) {
                            emit(ready)
                            state.next += 1
                            slots.signal()
                        }
                    }
                }
                group.leave()
            }
        }
        var sequence = 0
        while let item = next() {
            slots.wait()
            queue.put((sequence, item))
            sequence += 1
        }
        queue.finish(workers: jobs)
        group.wait()
    }
}

private struct OrderedWriterState<Output> {
    var next = 0
    var ready: [Int: Output] = [:]
}

/// A blocking FIFO of numbered items; `take` returns nil once finished and drained.
private final class WorkQueue<Input: Sendable>: Sendable {
    private let items = Mutex<(queue: [(Int, Input)], head: Int, finished: Bool)>(([], 0, false))
    private let available = DispatchSemaphore(value: 0)

    func put(_ item: (Int, Input)) {
        items.withLock { state in
            if state.head > 1024, state.head * 2 > state.queue.count {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            state.queue.append(item)
        }
        available.signal()
    }

    func finish(workers: Int) {
        items.withLock { $0.finished = true }
        for _ in 0..<workers { available.signal() }
    }

    func take() -> (Int, Input)? {
        available.wait()
        return items.withLock { state in
            guard state.head < state.queue.count else { return nil }
            defer { state.head += 1 }
            return state.queue[state.head]
        }
    }
}
