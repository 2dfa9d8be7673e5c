import Foundation

/// Counts, for every normalized line, how many documents contain it — across the corpus and,
/// for documents that have a site, on that site — in bounded memory.
///
/// Each document contributes its distinct line fingerprints to a buffer, and when it has a site
/// also one (site, line) key per distinct line plus the site's page-count key. A full buffer is
/// sorted, counted and spilled to a temporary run file; `write(to:)` merges the runs. Memory
/// stays near `bufferLimit × 8` bytes whatever the corpus size (a site key takes two slots),
/// and the result does not depend on the order documents arrive in, so shards counted on
/// different machines merge exactly (per-site counts too: nothing is pruned).
///
/// ```swift
/// var builder = LineStatisticsBuilder(siteField: "url")
/// for page in pages { try builder.add(document: page.text, site: page.url) }
/// try builder.write(to: "stats.bin")
/// ```
public struct LineStatisticsBuilder {
    public let bufferLimit: Int
    /// The JSON Lines field the sites come from, recorded in the file so `clean` can default to
    /// it; nil when sites come from elsewhere (or there are none).
    public let siteField: String?
    private var buffer: [UInt64] = []
    private var siteBuffer: [SiteLineKey] = []
    private var runs: [String] = []
    private var documents: UInt64 = 0
    private var documentsWithSite: UInt64 = 0
    private let temporaryFolder: String

    public init(bufferLimit: Int = 8 << 20, temporaryFolder: String = NSTemporaryDirectory(), siteField: String? = nil) {
        self.bufferLimit = max(1, bufferLimit)
        self.temporaryFolder = temporaryFolder
        self.siteField = siteField
    }

    /// Adds one document's lines (after decoding and hygiene).
    ///
    /// - Parameter site: the document's URL, host or site key; its ``RegistrableDomain`` is
    ///   the site counted under. Nil, or a value with no usable host, counts the document for
    ///   the corpus only.
    /// - Returns: the site the document was counted under, if any.
    @discardableResult
    public mutating func add(document text: String, site: String? = nil) throws(LineStatisticsFile.FileError) -> String? {
        documents += 1
        let domain = site.flatMap { RegistrableDomain.of($0) }
        let siteFingerprint = domain.map(SiteLineKey.fingerprint(ofSite:))
        if let siteFingerprint {
            documentsWithSite += 1
            siteBuffer.append(.pages(of: siteFingerprint))
        }
        var seen = Set<UInt64>()
        for line in text.split(separator: "\n") {
            if let fingerprint = LineFingerprint.of(line), seen.insert(fingerprint).inserted {
                buffer.append(fingerprint)
                if let siteFingerprint { siteBuffer.append(.line(fingerprint, of: siteFingerprint)) }
            }
        }
        if buffer.count + 2 * siteBuffer.count >= bufferLimit { try spill() }
        return domain
    }

    private mutating func spill() throws(LineStatisticsFile.FileError) {
        guard !buffer.isEmpty || !siteBuffer.isEmpty else { return }
        buffer.sort()
        siteBuffer.sort()
        let path = temporaryRunPath()
        let writer = try LineStatisticsFile.Writer(path: path, siteField: siteField)
        try Self.countRuns(of: buffer) { key, count throws(LineStatisticsFile.FileError) in try writer.append(key, count) }
        try Self.countRuns(of: siteBuffer) { key, count throws(LineStatisticsFile.FileError) in try writer.appendSite(key, count) }
        try writer.finish(documents: 0, documentsWithSite: 0)
        runs.append(path)
        buffer.removeAll(keepingCapacity: true)
        siteBuffer.removeAll(keepingCapacity: true)
    }

    /// Calls `emit` with each distinct key of a sorted array and how often it occurs.
    private static func countRuns<Key: Equatable>(
        of sorted: [Key], _ emit: (Key, UInt32) throws(LineStatisticsFile.FileError) -> Void
    ) throws(LineStatisticsFile.FileError) {
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count, sorted[end] == sorted[index] { end += 1 }
            try emit(sorted[index], UInt32(clamping: end - index))
            index = end
        }
    }

    /// A fresh name for a run file: unique per process and per call, so builders in parallel
    /// threads or processes never share one.
    private func temporaryRunPath() -> String {
        (temporaryFolder as NSString).appendingPathComponent(
            "scrapeclean-stats-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).run")
    }

    /// Writes the statistics file, removes temporary runs, and returns the file's header.
    @discardableResult
    public mutating func write(to path: String) throws(LineStatisticsFile.FileError) -> LineStatisticsFile.Header {
        try spill()
        defer { for run in runs { try? FileManager.default.removeItem(atPath: run) } }
        // An empty run list still yields a valid file; the document counts go in the header.
        let header = temporaryRunPath()
        let writer = try LineStatisticsFile.Writer(path: header, siteField: siteField)
        try writer.finish(documents: documents, documentsWithSite: documentsWithSite)
        runs.append(header)
        return try LineStatisticsFile.merge(runs, into: path)
    }
}
