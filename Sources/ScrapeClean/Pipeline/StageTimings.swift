/// Time spent in each pipeline stage, summed over the documents cleaned with
/// ``Cleaner/clean(bytes:site:timings:)``.
///
/// ```swift
/// var timings = StageTimings()
/// _ = try cleaner.clean(bytes: page, timings: &timings)
/// for stage in Stage.allCases { print(stage, timings.seconds[stage] ?? 0) }
/// ```
public struct StageTimings: Sendable, Equatable {
    /// Seconds per stage; stages that did not run are absent.
    public private(set) var seconds: [Stage: Double] = [:]
    /// How many documents were measured.
    public internal(set) var documents = 0

    public init() {}

    mutating func add(_ stage: Stage, _ duration: Duration) {
        let (whole, fraction) = duration.components
        seconds[stage, default: 0] += Double(whole) + Double(fraction) * 1e-18
    }

    /// Adds another set of timings (e.g. from another thread) to these.
    public mutating func merge(_ other: StageTimings) {
        seconds.merge(other.seconds, uniquingKeysWith: +)
        documents += other.documents
    }
}
