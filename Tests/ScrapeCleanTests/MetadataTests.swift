import Foundation
import Testing
@testable import ScrapeClean

/// Metadata the boilerplate stage records: what the page states about itself and the
/// placeholders kept in the text.
@Suite struct MetadataTests {
    static let cleaner = try! Cleaner()

    static func metadata(_ fixture: String) throws -> Metadata {
        try cleaner.clean(bytes: TestSupport.fixtureBytes(fixture)).metadata
    }

    @Test func bylineBesideTheTitleMovesToMetadata() throws {
        let result = try Self.cleaner.clean(bytes: TestSupport.fixtureBytes("seed-003-hundred-villages"))
        #expect(result.text.hasPrefix("在全县党员干部“驻百村连千企进万家”活动推进会上的讲话\n"))
        #expect(result.metadata.author == "张锋")
        #expect(result.metadata.date == "2012年3月19日")
        #expect(result.metadata.editor == "jhzzb")
        #expect(result.metadata.keywords == ["讲话"])
    }

    @Test func bylineFieldsFillTheirKeys() throws {
        let sszb8 = try Self.metadata("web-c4zh_02_sszb8.com")
        #expect(sszb8.editor == "小靖子")
        #expect(sszb8.source == "互联网")
        #expect(sszb8.date == "2022-12-05 16:15:01")
        let mydrivers = try Self.metadata("web-cwt_06_news.mydrivers.com")
        #expect(mydrivers.source == "快科技")
        #expect(mydrivers.author == "陈驰")
        #expect(mydrivers.date == nil) // "13 10:50:34" is partial
        let nbsbj = try Self.metadata("web-c4zh_03_nbsbj.cn")
        #expect(nbsbj.author == "mile米乐m6")
        #expect(nbsbj.source == "m6平台-www.nbsbj.cn")
        #expect(nbsbj.keywords?.first == "汪洋")
        #expect(nbsbj.keywords?.count == 9)
    }

    @Test func authorNameAloneUnderTheTitle() throws {
        let duitang = try Self.metadata("web-c4zh_07_duitangwang.com")
        #expect(duitang.author == "糖小妹")
        #expect(duitang.date == nil)
        let chengjiao = try Self.metadata("web-c4zh_05_chengjiao100.cn")
        #expect(chengjiao.author == nil) // 成考资讯 is a category, not a name
        #expect(chengjiao.date == "2022-01-27 17:24")
    }

    @Test func sourceAndKeywordsOfATraditionalSeedStayTraditional() throws {
        let metadata = try Self.metadata("seed-000-first-secretary")
        #expect(metadata.source == "網絡整理")
        #expect(metadata.keywords?.first == "選派")
        #expect(metadata.title == "在全市第一書記選派工作會議上的講話")
    }

    @Test func siteComesFromTheBreadcrumbWhenItSpellsOutTheSuffix() throws {
        #expect(try Self.metadata("web-c4zh_01_ultratrailms.com").site == "贵州白癜风皮肤病医院")
        #expect(try Self.metadata("web-c4zh_06_sncda.com").site == "临沂临沭劳动工伤网解自旭律师")
    }

    @Test func valuesAreWrittenWithTheTextsPunctuation() throws {
        #expect(try Self.metadata("seed-002-township-secretaries").title == "在全市乡镇（街道）党（工）委书记培训重点班上的发言")
        var options = CleanOptions()
        options.keepPunctuation = true
        let kept = try Cleaner(options: options).clean(bytes: TestSupport.fixtureBytes("seed-002-township-secretaries"))
        #expect(kept.metadata.title == "在全市乡镇(街道)党(工)委书记培训重点班上的发言")
    }

    @Test func placeholdersAreKeptAndCounted() throws {
        #expect(PlaceholderCounter.count(in: "XX名选派同志中有XX名，为***的发展") == 3)
        #expect(PlaceholderCounter.count(in: "X光 Xbox XXL码 TEXX") == 0)
        #expect(PlaceholderCounter.count(in: "**** 和 * 和 XXX") == 2)
        let seed = try Self.cleaner.clean(bytes: TestSupport.fixtureBytes("seed-001-village-training"))
        #expect(seed.metadata.placeholders == 20)
        #expect(seed.text.contains("***"))
        #expect(try Self.metadata("seed-000-first-secretary").placeholders == 19)
    }

    @Test func everyFixturesMetadataMatchesItsExpectedJSON() throws {
        for name in TestSupport.fixtureNames {
            let outcome = try BoilerplateFixtureCheck.check(name)
            #expect(outcome.metadataDifferences.isEmpty, "\(name): \(outcome.metadataDifferences)")
        }
    }

    @Test func collectorSplitsKeywordsAndJoinsHanNames() {
        #expect(MetadataCollector.splitKeywords("选派,工作会议上,讲话 |") == ["选派", "工作会议上", "讲话"])
        #expect(MetadataCollector.splitKeywords(" 山东新增航线 海铁联运量") == ["山东新增航线", "海铁联运量"])
        #expect(MetadataCollector.joinHanName("张 锋") == "张锋")
        #expect(MetadataCollector.joinHanName("mile 米乐") == "mile 米乐")
        var collector = MetadataCollector(metadata: Metadata())
        collector.set("author", to: "甲")
        collector.set("author", to: "乙")
        #expect(collector.metadata.author == "甲") // the first value wins
    }

    @Test func pageTitleParsing() {
        #expect(PageTitle("终止劳动合同经济补偿金的计算_临沂临沭劳动工伤网解自旭律师") == PageTitle(title: "终止劳动合同经济补偿金的计算", site: "临沂临沭劳动工伤网解自旭律师"))
        #expect(PageTitle("为什么2021年属蛇的是一个坎，属蛇在2021年以后十年大运-堆糖网")?.site == "堆糖网")
        #expect(PageTitle("破七千指日可待 尼康单反D80套机爆新低") == nil)
    }

    @Test func aDashBetweenDigitsIsNoPageTitleSeparator() {
        // A school-year range is part of the title, not `2022` of the site `2023学年…`.
        #expect(PageTitle("2022-2023学年小学各年级下册数学教学工作总结汇编") == nil)
        #expect(PageTitle("2022-2023学年数学教学工作总结-范文网") == PageTitle(title: "2022-2023学年数学教学工作总结", site: "范文网"))
    }
}

extension PageTitle {
    init(title: String, site: String) {
        self.init("\(title)_\(site)")!
    }
}
