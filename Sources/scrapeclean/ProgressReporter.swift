import Foundation
import Synchronization

/// A progress line on standard error for long runs: documents done, MB/s and, when the total
/// size is known, an ETA. Silent unless standard error is a terminal; redrawn at most five times
/// a second; cleared at the end.
final class ProgressReporter: Sendable {
    private let enabled: Bool
    private let totalBytes: Int?
    private let started = Date()
    private let state = Mutex((documents: 0, bytes: 0, lastDraw: Date.distantPast, drawn: false))

    init(quiet: Bool, totalBytes: Int?) {
        self.enabled = !quiet && StandardStreams.isTerminal(STDERR_FILENO)
        self.totalBytes = totalBytes
    }

    func advance(documents: Int = 1, bytes: Int) {
        guard enabled else { return }
        state.withLock { state in
            state.documents += documents
            state.bytes += bytes
            let now = Date()
            guard now.timeIntervalSince(state.lastDraw) >= 0.2 else { return }
            state.lastDraw = now
            state.drawn = true
            let elapsed = max(now.timeIntervalSince(started), 0.001)
            let rate = Double(state.bytes) / elapsed / 1_048_576
            var line = "\(state.documents) documents · \(String(format1: Double(state.bytes) / 1_048_576, unit: "MB")) · \(String(format1: rate, unit: "MB/s"))"
            if let totalBytes, rate > 0, state.bytes <= totalBytes {
                let seconds = Int(Double(totalBytes - state.bytes) / 1_048_576 / rate)
                line += " · ETA \(seconds / 60):\(String(repeating: "0", count: seconds % 60 < 10 ? 1 : 0))\(seconds % 60)"
            }
            StandardStreams.write(Array("\r\u{1B}[K\(line)".utf8), to: STDERR_FILENO)
        }
    }

    func finish() {
        guard enabled else { return }
        state.withLock { state in
            if state.drawn { StandardStreams.write(Array("\r\u{1B}[K".utf8), to: STDERR_FILENO) }
        }
    }
}
