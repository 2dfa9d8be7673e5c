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
/// a line on all 3 pages of a 3-page site is its template. One more guard: when every line of
/// the document with text would go, nothing goes. Such a page is all recurring lines — most
/// often the same page counted twice under two URLs — and removing its body as "template"
/// would lose it.
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
        var doomed: [Int: LineStatistics.SiteCount] = [:]
        var keepsText = false
        for (index, line) in document.lines.enumerated() where !line.text.isEmpty {
            guard let fingerprint = LineFingerprint.of(line.text) else { continue }
            if !RepeatedLineStage.isProtected(line.text),
               let count = statistics.siteCount(ofLine: fingerprint, site: siteFingerprint) {
                doomed[index] = count
            } else {
                keepsText = true
            }
        }
        guard keepsText, !doomed.isEmpty else { return }
        document.removeLines(at: doomed.keys, stage: .boilerplate, rule: Self.rule, note: { index in
            let count = doomed[index]!
            return "seen on \(count.documents) of \(count.pages) pages of \(site)"
        })
    }
}
