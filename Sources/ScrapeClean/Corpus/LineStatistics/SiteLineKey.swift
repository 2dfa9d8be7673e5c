/// The key of a per-site count: a site's fingerprint and a line's fingerprint, ordered by site
/// then line, so all of a site's entries sit together in a statistics file.
///
/// The line fingerprint 0 is reserved for the site's page count (how many documents of the
/// site were counted); it sorts first, so a reader meets a site's page count before its lines.
///
/// ```swift
/// let site = SiteLineKey.fingerprint(ofSite: "example.com.cn")
/// let key = SiteLineKey(site: site, line: LineFingerprint.of("网站首页 | 新闻中心")!)
/// SiteLineKey.pages(of: site) < key  // true
/// ```
public struct SiteLineKey: Sendable, Hashable, Comparable {
    public var site: UInt64
    public var line: UInt64

    public init(site: UInt64, line: UInt64) {
        self.site = site
        self.line = line
    }

    /// The key a site's page count is stored under.
    public static func pages(of site: UInt64) -> SiteLineKey { SiteLineKey(site: site, line: 0) }

    /// The key of `lineFingerprint` (never the reserved 0) on `site`.
    public static func line(_ lineFingerprint: UInt64, of site: UInt64) -> SiteLineKey {
        SiteLineKey(site: site, line: max(lineFingerprint, 1))
    }

    /// Whether this is a page-count key.
    public var isPageCount: Bool { line == 0 }

    /// FNV-1a over the site key's UTF-8 (a registrable domain), the same on every machine.
    public static func fingerprint(ofSite site: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in site.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    public static func < (lhs: SiteLineKey, rhs: SiteLineKey) -> Bool {
        lhs.site != rhs.site ? lhs.site < rhs.site : lhs.line < rhs.line
    }
}
