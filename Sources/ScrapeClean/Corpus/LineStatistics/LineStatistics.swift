/// Line statistics loaded for cleaning: the fingerprints of lines seen in at least
/// `minDocuments` documents.
///
/// ```swift
/// let stats = try LineStatistics(path: "stats.bin", minDocuments: 50)
/// stats.isFrequent("浏览次数：12") // true when that line shape is in ≥ 50 documents
/// ```
public struct LineStatistics: Sendable, Equatable {
    /// Documents the statistics were counted over.
    public let documents: UInt64
    /// The threshold used when loading.
    public let minDocuments: UInt32
    private let frequent: Set<UInt64>

    /// Loads the entries with at least `minDocuments` documents (only those are kept in memory).
    public init(path: String, minDocuments: UInt32) throws(LineStatisticsFile.FileError) {
        let reader = try LineStatisticsFile.Reader(path: path)
        var frequent = Set<UInt64>()
        while let entry = try reader.next() {
            if entry.documents >= minDocuments { frequent.insert(entry.fingerprint) }
        }
        self.documents = reader.documents
        self.minDocuments = minDocuments
        self.frequent = frequent
    }

    /// How many line shapes are frequent enough to be removed.
    public var frequentCount: Int { frequent.count }

    /// Whether the line's normalized form occurs in at least `minDocuments` documents.
    public func isFrequent(_ line: some StringProtocol) -> Bool {
        guard let fingerprint = LineFingerprint.of(line) else { return false }
        return frequent.contains(fingerprint)
    }
}
