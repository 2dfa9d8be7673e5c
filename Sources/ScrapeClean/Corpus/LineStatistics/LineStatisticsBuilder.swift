import Foundation

/// Counts, for every normalized line, how many documents contain it, in bounded memory.
///
/// Each document contributes its distinct line fingerprints to a buffer; a full buffer is
/// sorted, counted and spilled to a temporary run file; `write(to:)` merges the runs. Memory
/// stays near `bufferLimit × 8` bytes whatever the corpus size, and the result does not depend
/// on the order documents arrive in, so shards counted on different machines merge exactly.
///
/// ```swift
/// var builder = LineStatisticsBuilder()
/// for page in pages { builder.add(document: page) }
/// try builder.write(to: "stats.bin")
/// ```
public struct LineStatisticsBuilder {
    public let bufferLimit: Int
    private var buffer: [UInt64] = []
    private var runs: [String] = []
    private var documents: UInt64 = 0
    private let temporaryFolder: String

    public init(bufferLimit: Int = 8 << 20, temporaryFolder: String = NSTemporaryDirectory()) {
        self.bufferLimit = max(1, bufferLimit)
        self.temporaryFolder = temporaryFolder
    }

    /// Adds one document's lines (after decoding and hygiene).
    public mutating func add(document text: String) throws(LineStatisticsFile.FileError) {
        documents += 1
        var seen = Set<UInt64>()
        for line in text.split(separator: "\n") {
            if let fingerprint = LineFingerprint.of(line), seen.insert(fingerprint).inserted {
                buffer.append(fingerprint)
            }
        }
        if buffer.count >= bufferLimit { try spill() }
    }

    private mutating func spill() throws(LineStatisticsFile.FileError) {
        guard !buffer.isEmpty else { return }
        buffer.sort()
        let path = temporaryRunPath()
        let writer = try LineStatisticsFile.Writer(path: path)
        var index = 0
        while index < buffer.count {
            var end = index + 1
            while end < buffer.count, buffer[end] == buffer[index] { end += 1 }
            try writer.append(buffer[index], UInt32(clamping: end - index))
            index = end
        }
        try writer.finish(documents: 0)
        runs.append(path)
        buffer.removeAll(keepingCapacity: true)
    }

    /// A fresh name for a run file: unique per process and per call, so builders in parallel
    /// threads or processes never share one.
    private func temporaryRunPath() -> String {
        (temporaryFolder as NSString).appendingPathComponent(
            "scrapeclean-stats-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).run")
    }

    /// Writes the statistics file and removes temporary runs.
    public mutating func write(to path: String) throws(LineStatisticsFile.FileError) {
        try spill()
        defer { for run in runs { try? FileManager.default.removeItem(atPath: run) } }
        let counted = documents
        // An empty run list still yields a valid file; the document count goes in the header.
        let header = temporaryRunPath()
        let writer = try LineStatisticsFile.Writer(path: header)
        try writer.finish(documents: counted)
        runs.append(header)
        try LineStatisticsFile.merge(runs, into: path)
    }
}
