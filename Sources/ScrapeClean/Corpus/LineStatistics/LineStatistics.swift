/// Line statistics loaded for cleaning: the fingerprints of lines seen in at least
/// `minDocuments` documents of the corpus, and of lines seen on at least `minSiteDocuments`
/// pages of one site.
///
/// Only the entries at or above the thresholds are kept in memory (and the page counts of the
/// sites that have one), so loading a large file costs what will be removed, not its size.
///
/// ```swift
/// let stats = try LineStatistics(path: "stats.bin", minDocuments: 50, minSiteDocuments: 3)
/// stats.isFrequent("浏览次数：12")  // true when that line shape is in ≥ 50 documents
/// let site = SiteLineKey.fingerprint(ofSite: "example.com.cn")
/// stats.siteCount(ofLine: LineFingerprint.of("网站首页 | 新闻中心")!, site: site)
/// // SiteCount(documents: 5, pages: 5) when the line is on ≥ 3 of that site's pages
/// ```
public struct LineStatistics: Sendable, Equatable {
    /// Documents the statistics were counted over.
    public let documents: UInt64
    /// The corpus threshold used when loading.
    public let minDocuments: UInt32
    /// The per-site threshold used when loading.
    public let minSiteDocuments: UInt32
    /// The file's header (format version, sites, the field sites were read from).
    public let header: LineStatisticsFile.Header
    private let frequent: Set<UInt64>
    private let siteFrequent: [SiteLineKey: UInt32]
    private let sitePages: [UInt64: UInt32]

    /// How often a line occurs on its site.
    public struct SiteCount: Sendable, Equatable {
        /// Pages of the site that contain the line.
        public var documents: UInt32
        /// Pages of the site that were counted.
        public var pages: UInt32
    }

    /// Loads the entries with at least `minDocuments` documents across the corpus and at least
    /// `minSiteDocuments` pages on their site.
    public init(path: String, minDocuments: UInt32, minSiteDocuments: UInt32 = 3) throws(LineStatisticsFile.FileError) {
        let reader = try LineStatisticsFile.Reader(path: path)
        var frequent = Set<UInt64>()
        while let entry = try reader.next() {
            if entry.documents >= minDocuments { frequent.insert(entry.fingerprint) }
        }
        var siteFrequent: [SiteLineKey: UInt32] = [:]
        var sitePages: [UInt64: UInt32] = [:]
        // A site's page count comes first; it is kept only when one of its lines is.
        var current: (site: UInt64, pages: UInt32) = (0, 0)
        while let entry = try reader.nextSite() {
            if entry.key.isPageCount {
                current = (entry.key.site, entry.documents)
                continue
            }
            guard entry.documents >= minSiteDocuments else { continue }
            siteFrequent[entry.key] = entry.documents
            let pages = current.site == entry.key.site ? current.pages : 0
            sitePages[entry.key.site] = max(sitePages[entry.key.site] ?? 0, pages, entry.documents)
        }
        self.documents = reader.documents
        self.minDocuments = minDocuments
        self.minSiteDocuments = minSiteDocuments
        self.header = reader.header
        self.frequent = frequent
        self.siteFrequent = siteFrequent
        self.sitePages = sitePages
    }

    /// How many line shapes are frequent enough across the corpus to be removed.
    public var frequentCount: Int { frequent.count }

    /// How many (site, line) pairs are frequent enough on their site to be removed.
    public var siteFrequentCount: Int { siteFrequent.count }

    /// Whether the file holds per-site counts.
    public var hasSiteCounts: Bool { header.hasSiteCounts }

    /// Whether the line's normalized form occurs in at least `minDocuments` documents.
    public func isFrequent(_ line: some StringProtocol) -> Bool {
        guard let fingerprint = LineFingerprint.of(line) else { return false }
        return frequent.contains(fingerprint)
    }

    /// Whether any line of the site (a ``SiteLineKey/fingerprint(ofSite:)``) is frequent on it.
    public func hasFrequentLines(site: UInt64) -> Bool {
        sitePages[site] != nil
    }

    /// How often the line (a ``LineFingerprint``) occurs on the site, when that is at least
    /// `minSiteDocuments` pages; nil otherwise.
    public func siteCount(ofLine line: UInt64, site: UInt64) -> SiteCount? {
        guard let documents = siteFrequent[.line(line, of: site)] else { return nil }
        return SiteCount(documents: documents, pages: sitePages[site] ?? documents)
    }
}
