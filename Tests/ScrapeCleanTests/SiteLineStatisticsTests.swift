import Foundation
import Testing
@testable import ScrapeClean

@Suite("Per-site line statistics")
struct SiteLineStatisticsTests {
    private func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "/scrapeclean-\(UUID().uuidString)-\(name)"
    }

    /// Fixture bodies as pages of one site, each with the site's chrome, plus the same bodies
    /// with no site.
    private func sitePages() -> [(site: String, text: String)] {
        TestSupport.fixtureNames.prefix(6).enumerated().map { index, name in
            ("https://www.example.com.cn/news/\(index).html",
             "例子网 | 首页 | 新闻 | 论坛\n" + TestSupport.fixtureText(name, "expected.txt") + "例子网 版权所有 京ICP备05001234号\n")
        }
    }

    /// A format 1 file (`SCLSTAT1`), as scrapeclean wrote before per-site counts.
    private func writeVersionOne(_ lines: [String: UInt32], documents: UInt64, to path: String) throws {
        var bytes = Array("SCLSTAT1".utf8)
        let entries = lines.map { (LineFingerprint.of($0.key)!, $0.value) }.sorted { $0.0 < $1.0 }
        bytes.appendLittleEndian(documents)
        bytes.appendLittleEndian(UInt64(entries.count))
        for (fingerprint, count) in entries {
            bytes.appendLittleEndian(fingerprint)
            bytes.appendLittleEndian(count)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test("Site chrome on every page goes with a note naming the site; bodies stay byte for byte")
    func siteChromeRemoved() throws {
        var builder = LineStatisticsBuilder(siteField: "url")
        for page in sitePages() { try builder.add(document: page.text, site: page.site) }
        let path = temporaryPath("site.bin")
        let header = try builder.write(to: path)
        #expect(header.version == 2 && header.sites == 1 && header.documentsWithSite == 6 && header.siteField == "url")
        var options = CleanOptions()
        options.keepPunctuation = true
        options.lineStatistics = try LineStatistics(path: path, minDocuments: 100, minSiteDocuments: 3)
        let cleaner = try Cleaner(options: options)
        for (name, page) in zip(TestSupport.fixtureNames, sitePages()) {
            let result = cleaner.clean(text: page.text, site: "news.example.com.cn")
            let removed = result.edits.filter { $0.rule == SiteRepeatedLineStage.rule }
            #expect(removed.map(\.removed) == ["例子网 | 首页 | 新闻 | 论坛", "例子网 版权所有 京ICP备05001234号"], "\(name)")
            #expect(removed.allSatisfy { $0.note == "seen on 6 of 6 pages of example.com.cn" })
            #expect(result.text == TestSupport.fixtureText(name, "expected.txt"), "\(name): body changed")
            // Another site, or no site, is not touched by this site's counts.
            #expect(!cleaner.clean(text: page.text, site: "www.other.com.cn").edits.contains { $0.rule == SiteRepeatedLineStage.rule })
            #expect(!cleaner.clean(text: page.text).edits.contains { $0.rule == SiteRepeatedLineStage.rule })
        }
    }

    @Test("A page crawled three times keeps its headings and list items; the site's chrome on it still goes")
    func copiesOfOnePageDoNotCountAsItsSite() throws {
        var pages = sitePages()
        // The body's own unpunctuated lines (a heading, a contact line) recur on the copies only.
        let ownLines = ["活动安排一览", "联系人 张老师 电话 66123456"]
        let body = TestSupport.fixtureText(TestSupport.fixtureNames[0], "expected.txt")
        pages[0].text = "例子网 | 首页 | 新闻 | 论坛\n" + ownLines.joined(separator: "\n") + "\n" + body + "例子网 版权所有 京ICP备05001234号\n"
        let copied = pages[0]
        #expect(ownLines.allSatisfy { !RepeatedLineStage.isProtected($0) && LineFingerprint.of($0) != nil })
        var builder = LineStatisticsBuilder(siteField: "url")
        for page in pages { try builder.add(document: page.text, site: page.site) }
        for variant in ["?from=rss", "?utm_source=weixin"] { try builder.add(document: copied.text, site: copied.site + variant) }
        let path = temporaryPath("copies.bin")
        try builder.write(to: path)
        var options = CleanOptions()
        options.keepPunctuation = true
        options.lineStatistics = try LineStatistics(path: path, minDocuments: 100, minSiteDocuments: 3)
        let cleaner = try Cleaner(options: options)
        let result = cleaner.clean(text: copied.text, site: copied.site)
        let removed = result.edits.filter { $0.rule == SiteRepeatedLineStage.rule }
        #expect(removed.map(\.removed) == ["例子网 | 首页 | 新闻 | 论坛", "例子网 版权所有 京ICP备05001234号"])
        #expect(removed.allSatisfy { $0.note == "seen on 8 of 8 pages of example.com.cn (this page itself is on 3)" })
        #expect(result.text.hasPrefix(ownLines.joined(separator: "\n") + "\n"))
        #expect(result.text.hasSuffix(body))
        // A page of the same site stored once is cleaned as before.
        let other = cleaner.clean(text: pages[1].text, site: pages[1].site)
        #expect(other.edits.filter { $0.rule == SiteRepeatedLineStage.rule }.map(\.note) == Array(repeating: "seen on 8 of 8 pages of example.com.cn", count: 2))
    }

    @Test("Spilling site counts to disk gives the same file as counting in memory, in any order")
    func spillingIsDeterministic() throws {
        var pages = sitePages()
        pages += TestSupport.fixtureNames.suffix(4).map { ("bbs.other.cn", TestSupport.fixtureText($0, "expected.txt")) }
        var inMemory = LineStatisticsBuilder(siteField: "url"), spilled = LineStatisticsBuilder(bufferLimit: 16, siteField: "url")
        for page in pages { try inMemory.add(document: page.text, site: page.site) }
        for page in pages.reversed() { try spilled.add(document: page.text, site: page.site) }
        let a = temporaryPath("a.bin"), b = temporaryPath("b.bin")
        let header = try inMemory.write(to: a)
        try spilled.write(to: b)
        #expect(header.sites == 2 && header.documentsWithSite == UInt64(pages.count))
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
    }

    @Test("A page made only of recurring lines keeps them all")
    func wholePageKept() throws {
        var builder = LineStatisticsBuilder()
        let page = "网站首页 | 新闻中心\n联系我们 | 网站地图"
        for index in 0..<4 { try builder.add(document: page, site: "http://bbs.example.cn/\(index)") }
        let path = temporaryPath("dup.bin")
        try builder.write(to: path)
        var options = CleanOptions()
        options.lineStatistics = try LineStatistics(path: path, minDocuments: 100, minSiteDocuments: 3)
        // The line model would take these menu lines on its own; this test is about the site rule.
        options.disabledRules = [StructureDetectorID.lineModel]
        let result = try Cleaner(options: options).clean(text: page, site: "bbs.example.cn")
        #expect(!result.edits.contains { $0.rule == SiteRepeatedLineStage.rule })
        #expect(result.text.contains("网站首页"))
    }

    @Test("Sentences and headings repeated on a site are protected; a line on too few pages stays")
    func guardsAndThreshold() throws {
        var builder = LineStatisticsBuilder()
        let pages = ["网站首页 | 新闻中心\n本站郑重声明：转载请注明出处。\n一、工作要求\n正文第\(0)段",
                     "网站首页 | 新闻中心\n本站郑重声明：转载请注明出处。\n一、工作要求\n正文第一段不同",
                     "网站首页 | 新闻中心\n本站郑重声明：转载请注明出处。\n一、工作要求\n正文另一段\n只在两页 | 出现",
                     "另一段正文\n只在两页 | 出现"]
        for page in pages { try builder.add(document: page, site: "www.example.com") }
        let path = temporaryPath("guards.bin")
        try builder.write(to: path)
        var options = CleanOptions()
        options.lineStatistics = try LineStatistics(path: path, minDocuments: 100, minSiteDocuments: 3)
        let result = try Cleaner(options: options).clean(text: pages[2], site: "example.com")
        let removed = result.edits.filter { $0.rule == SiteRepeatedLineStage.rule }
        #expect(removed.map(\.removed) == ["网站首页 | 新闻中心"])
        #expect(removed.first?.note == "seen on 3 of 4 pages of example.com")
    }

    @Test("Format 1 files still load as corpus statistics and merge into format 2")
    func versionOneFiles() throws {
        let old = temporaryPath("old.bin")
        try writeVersionOne(["悦读网 · 每日精选": 40, "正文": 1], documents: 40, to: old)
        let statistics = try LineStatistics(path: old, minDocuments: 10)
        #expect(statistics.header.version == 1)
        #expect(!statistics.hasSiteCounts)
        #expect(statistics.isFrequent("悦读网 · 每日精选"))
        #expect(!statistics.isFrequent("正文"))

        var builder = LineStatisticsBuilder(siteField: "url")
        try builder.add(document: "悦读网 · 每日精选\n新的一行", site: "https://www.example.com.cn/")
        let new = temporaryPath("new.bin"), merged = temporaryPath("merged.bin"), reversed = temporaryPath("reversed.bin")
        try builder.write(to: new)
        let header = try LineStatisticsFile.merge([old, new], into: merged)
        try LineStatisticsFile.merge([new, old], into: reversed)
        #expect(FileManager.default.contents(atPath: merged) == FileManager.default.contents(atPath: reversed))
        #expect(header.version == 2 && header.documents == 41 && header.documentsWithSite == 1 && header.siteField == "url")
        let loaded = try LineStatistics(path: merged, minDocuments: 41, minSiteDocuments: 2)
        #expect(loaded.isFrequent("悦读网 · 每日精选"))
        #expect(loaded.hasSiteCounts)
    }

    @Test("Unknown, newer and truncated files give errors naming the file")
    func badFiles() throws {
        let newer = temporaryPath("newer.bin")
        try Data(Array("SCLSTAT7".utf8) + [UInt8](repeating: 0, count: 60)).write(to: URL(fileURLWithPath: newer))
        #expect(throws: LineStatisticsFile.FileError.newerFormat(newer, version: 7)) {
            try LineStatistics(path: newer, minDocuments: 2)
        }
        #expect(LineStatisticsFile.FileError.newerFormat(newer, version: 7).description.contains("re-run `scrapeclean stats`"))

        var builder = LineStatisticsBuilder()
        for page in sitePages() { try builder.add(document: page.text, site: page.site) }
        let whole = temporaryPath("whole.bin"), cut = temporaryPath("cut.bin")
        try builder.write(to: whole)
        let bytes = FileManager.default.contents(atPath: whole)!
        try bytes.prefix(bytes.count - 7).write(to: URL(fileURLWithPath: cut))
        #expect(throws: LineStatisticsFile.FileError.truncated(cut)) {
            try LineStatistics(path: cut, minDocuments: 2)
        }
    }

    @Test("Files whose sites come from different fields are not merged")
    func differentSiteFields() throws {
        var byURL = LineStatisticsBuilder(siteField: "url"), byHost = LineStatisticsBuilder(siteField: "host")
        try byURL.add(document: "一行", site: "https://a.example.com/")
        try byHost.add(document: "一行", site: "a.example.com")
        let a = temporaryPath("a.bin"), b = temporaryPath("b.bin"), out = temporaryPath("out.bin")
        try byURL.write(to: a)
        try byHost.write(to: b)
        #expect(throws: LineStatisticsFile.FileError.siteFieldsDiffer(a, field: "url", b, otherField: "host")) {
            try LineStatisticsFile.merge([a, b], into: out)
        }
    }
}
