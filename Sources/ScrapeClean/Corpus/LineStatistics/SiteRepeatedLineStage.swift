/// Removes lines that occur on many pages of the document's own site (that site's header,
/// navigation, login banner, copyright and ICP lines), using per-site statistics from
/// `scrapeclean stats --site-field url`. Site chrome repeats on every page of a site long
/// before it is frequent across a whole corpus.
///
/// A line goes when its normalized form is on at least `minSiteDocuments` pages of the
/// document's ``Document/site`` (default 3) and none of ``RepeatedLineStage``'s guards protects
/// it (sentence punctuation, a closing `：` or `；`, an enumerator heading, more than 100
/// characters). So a site with fewer counted pages than the threshold never loses a line, and
/// a site of exactly that many pages loses the lines on every one of them: with the default,
/// a line on all 3 pages of a 3-page site is its template.
///
/// Copies of the page itself do not count as other pages. Crawls often hold one page several
/// times (http and https, a tracking parameter, two crawl dates), and then every line of it
/// recurs on the site — the body's headings and list items too. The stage takes the page's
/// copies to be the fewest pages any of its lines is on (a line below the threshold counts as
/// one page), and a line must be on `minSiteDocuments` pages besides those copies: with the
/// default 3, a page stored twice loses only lines on at least 4 pages. A page with one line of
/// its own counts as one copy. And when every line of the document with text would go,
/// nothing goes.
///
/// Each removal is an edit `corpus.site-repeated-line` whose note names the count and the site,
/// e.g. `seen on 5 of 7 pages of example.com.cn`.
///
/// ```swift
/// var options = CleanOptions()
/// options.lineStatistics = try LineStatistics(path: "stats.bin", minDocuments: 50, minSiteDocuments: 3)
/// let result = try Cleaner(options: options).clean(text: page, site: "https://news.example.com.cn/a/1.html")
/// ```
public struct SiteRepeatedLineStage: CleaningStage {
    /// The rule id of its edits (`--disable corpus.site-repeated-line` turns the stage off).
    public static let rule = "corpus.site-repeated-line"
    public let stage = Stage.boilerplate
    public let statistics: LineStatistics

    public init(statistics: LineStatistics) {
        self.statistics = statistics
    }

    public func apply(to document: inout Document) {
        guard let site = document.site else { return }
        let siteFingerprint = SiteLineKey.fingerprint(ofSite: site)
        guard statistics.hasFrequentLines(site: siteFingerprint) else { return }
        var candidates: [Int: LineStatistics.SiteCount] = [:]
        var copies = UInt32.max
        var keepsText = false
        for (index, line) in document.lines.enumerated() where !line.text.isEmpty {
            guard let fingerprint = LineFingerprint.of(line.text) else { continue }
            let count = statistics.siteCount(ofLine: fingerprint, site: siteFingerprint)
            copies = min(copies, count?.documents ?? 1)
            if let count, !RepeatedLineStage.isProtected(line.text) {
                candidates[index] = count
            } else {
                keepsText = true
            }
        }
        guard keepsText, !candidates.isEmpty else { return }
        let pagesNeeded = statistics.minSiteDocuments + (copies - 1)
        let doomed = candidates.filter { $0.value.documents >= pagesNeeded }
        guard !doomed.isEmpty else { return }
        let copiesNote = copies > 1 ? " (this page itself is on \(copies))" : ""
        document.removeLines(at: doomed.keys, stage: .boilerplate, rule: Self.rule, note: { index in
            let count = doomed[index]!
            return "seen on \(count.documents) of \(count.pages) pages of \(site)\(copiesNote)"
        })
    }
}
