import Testing
@testable import ScrapeClean

/// Body lines of the labelled corpus that the boilerplate stage's detectors used to delete
/// (issue 15's `--by-rule` table), each next to the chrome the same detector must still remove.
@Suite("Boilerplate detectors keep body lines")
struct BoilerplateBodyGuardTests {
    static let cleaner = try! Cleaner()

    @Test("A tail line of running text in clauses stops the navigation walk; the links under it still go")
    func clausesStopTheNavigationWalk() throws {
        // A forum post's last steps, each line under a screenshot's file name.
        let post = try LabelledPage("52pojie.cn--1", cleaner: Self.cleaner)
        #expect(post.keeps("定位到相关源代码,格式化后下断点,点击播放"))
        #expect(post.keeps("很好,断下来了,跟进"))
        // A news page: its last paragraphs, then its tag line and prev/next link.
        let news = try LabelledPage("mingpao.com--1", cleaner: Self.cleaner)
        #expect(news.keeps(".每人只可預訂一節免收費的康樂設施,不論類別"))
        #expect(news.keeps("活動詳情見政府新聞公報;如有查詢,可致電2414 5555或瀏覽專題網頁"))
        #expect(news.removed("上 / 下一篇新聞", by: StructureDetectorID.navigationBlock))
        #expect(news.removed("相關字詞﹕康樂設施 回歸25周年 康文署 熱門HOTPICK 編輯推介", by: StructureDetectorID.navigationBlock))
    }

    @Test("Related titles the site cut to one width are a link list, though they carry commas")
    func titlesCutToOneWidthStillGo() throws {
        let page = try LabelledPage("aimang.cc--1", cleaner: Self.cleaner)
        #expect(page.removed("有6个方式正在伤害你的肾精，最后一个，你", by: StructureDetectorID.navigationBlock))
        #expect(page.removed("紧身连衣裙时尚动人，轻盈美观大方，轻松舒", by: StructureDetectorID.navigationBlock))
    }

    @Test("One short line left under the last sentence is the end of the text, not a tail block")
    func aLoneLineUnderTheLastSentenceStays() throws {
        // A thesis abstract whose English heading ends the page (empty lines around it).
        let text = "基于微信小程序的失物招领系统\n随着我国经济的不断发展，人们的生活节奏不断加快，活动范围也在不断扩大。\n\n关键词：微信；失物招领；服务；位置；小程序\n\nAbstract\n\n"
        let result = Self.cleaner.clean(text: text)
        #expect(!result.edits.contains { $0.rule == StructureDetectorID.navigationBlock })
        #expect(result.text.contains("Abstract"))
        // Two short lines with text under it are a tail block, as before.
        let tail = "基于微信小程序的失物招领系统\n随着我国经济的不断发展，人们的生活节奏不断加快，活动范围也在不断扩大。\n\n夏季养生小常识\n\n秋季饮食注意事项\n"
        let removed = Self.cleaner.clean(text: tail).edits.filter { $0.rule == StructureDetectorID.navigationBlock }
        #expect(removed.map(\.removed).filter { !$0.isEmpty } == ["夏季养生小常识", "秋季饮食注意事项"])
    }

    @Test("Clauses, a sentence ending in an ASCII full stop, and what is neither")
    func readsAsClauses() {
        #expect(LineShape.readsAsClauses("很好,断下来了,跟进"))
        #expect(LineShape.readsAsClauses("最重要是我沒朋友在玩rc, 沒多出的零件一樣一樣的掉試"))
        #expect(LineShape.readsAsClauses("Markdown的语法只有一个目的: 用来作为一种专门为web写作设计的格式."))
        #expect(LineShape.readsAsClauses(": Recommended: Varies, 5-10 depending on source."))
        #expect(!LineShape.readsAsClauses("公司简介 联系我们 办公环境 加入我们"))
        #expect(!LineShape.readsAsClauses("82672760、82675803"))
        #expect(!LineShape.readsAsClauses("张宏(文、图)"))
        #expect(!LineShape.readsAsClauses("www.3duzx.com"))
        #expect(!LineShape.readsAsClauses("Hamburger Allee 61, 30161 Hannover"))
        #expect(!LineShape.readsAsClauses("春节将至，注意安全"))
    }

    @Test("The title above a credit line and a byline stays; the credit line between them goes")
    func theTitleAboveACreditLineStays() throws {
        let page = try LabelledPage("tmuyun.com--1", cleaner: Self.cleaner)
        #expect(page.keeps("防患未“燃” 一路“童”行 南市大联园区开展消防逃生演练"))
        #expect(page.removed("歌画东阳客户端通讯员 陆浩航", by: StructureDetectorID.headChrome))
        // A reply counter above the date is no title: the thread's title stays, the counters go.
        let thread = try LabelledPage("lihkg.com--1", cleaner: Self.cleaner)
        #expect(thread.keeps("《籠中島》"))
        #expect(thread.removed("199 回覆", by: StructureDetectorID.headChrome))
        #expect(TitleDetector.hasTitleWording("西门子模块6ES7222-1EF22-0XA0接线方法"))
        #expect(!TitleDetector.hasTitleWording("2011-06-20 02:20朱良云"))
        #expect(!TitleDetector.hasTitleWording("199 回覆"))
    }

    @Test("A paper's keywords (separated by semicolons) stay; a site's keyword line still goes")
    func aPapersKeywordsStay() throws {
        let paper = try LabelledPage("eol.cn--1", cleaner: Self.cleaner)
        #expect(paper.keeps("关键词:高校分类评价;指标设计;操作程式;结果应用"))
        let recipe = try LabelledPage("jcwddc.com--1", cleaner: Self.cleaner)
        #expect(recipe.removed("本文关键词：麻辣,鸭脖,的,做法,怎么,做,悦悦,玉食,菜谱,yobo体育全站app手机版", by: "meta.keywords"))
    }

    @Test("A paragraph or a heading under the title is no title candidate; the chrome under the title still goes")
    func paragraphsAndHeadingsAreNoTitles() throws {
        // A Q&A page: once its chrome is gone (second pass), the first answer's opening
        // paragraph is title-like by length but a paragraph.
        let answer = try LabelledPage("sdrsks.cc--1", cleaner: Self.cleaner)
        #expect(answer.keeps("小升初摇号教训"))
        #expect(answer.removed("回答数 1 浏览数 728", by: StructureDetectorID.headChrome))
        #expect(answer.removed("命中不能缺你 命中不能缺你", by: StructureDetectorID.headChrome))
        // A guide whose first section heading and paragraph follow the title.
        let guide = try LabelledPage("whsoft.cn--1", cleaner: Self.cleaner)
        #expect(guide.keeps("2025年新手玩家必看:从角色选择到英雄搭配的全攻略"))
        #expect(guide.keeps("一、角色定位与选择策略"))
    }

    @Test("A recipe's step numbers alone on their lines stay; a counter alone on its line still goes")
    func stepNumbersStayCountersGo() throws {
        let recipe = try LabelledPage("kaser.xyz--1", cleaner: Self.cleaner)
        for step in ["2", "3", "10", "20"] { #expect(recipe.keeps(step), "step \(step)") }
        let news = try LabelledPage("tmuyun.com--1", cleaner: Self.cleaner)
        #expect(news.removed("7", by: "banner.lone-number"))
        // Page numbers on consecutive lines have no text between them: no steps.
        let pages = "标题\n正文第一段，内容足够长，超过二十个汉字的句子在这里写着。\n1\n2\n3\n"
        let removed = Self.cleaner.clean(text: pages).edits.filter { $0.rule == "banner.lone-number" }.map(\.removed)
        #expect(removed == ["1", "2", "3"])
    }

    @Test("A notice's addressees and a post's code under the title open the body; the byline block above them still goes")
    func addresseesAndCodeOpenTheBody() throws {
        let notice = try LabelledPage("qqhr.gov.cn--1", cleaner: Self.cleaner)
        #expect(notice.keeps("各县(市)、区人民政府,市政府各委、办、局:"))
        #expect(notice.removed("齐政办发〔2019〕29号", by: StructureDetectorID.headChrome))
        let post = try LabelledPage("chinaunix.net--2", cleaner: Self.cleaner)
        #expect(post.keeps("our %sym = ("))
        #expect(post.keeps("    name => 'hoowa',"))
        #expect(post.removed("标题: 和仙子等众高手一起探讨一个问题", by: StructureDetectorID.headChrome))
        #expect(TitleDetector.looksLikeCode(");"))
        #expect(!TitleDetector.looksLikeCode("400-893-5180"))
        #expect(!TitleDetector.looksLikeCode("48 Like 4 Dislike"))
    }

    @Test("Of two copies of the title on consecutive lines the first is the title and the second a repeat")
    func theFirstOfTwoCopiesIsTheTitle() throws {
        let page = try LabelledPage("twpowernews.com--1", cleaner: Self.cleaner)
        #expect(page.number(of: "金門縣府6月份縣長與鄉親有約") == 2)
        #expect(page.keeps("金門縣府6月份縣長與鄉親有約"))
        #expect(page.rules[3] == [StructureDetectorID.titleRepeat])
        #expect(page.removed("【社會新聞】", by: StructureDetectorID.headChrome))
    }

    @Test("A reply ending a sentence inside its line and the rows of the table the body ends with stop the tail walk")
    func sentencesInsideALineAndTableRowsStopTheWalk() throws {
        let thread = try LabelledPage("babyzone.cn--1", cleaner: Self.cleaner)
        let reply = try #require(thread.number(of: "英杰 2楼有个小伙伴真不错啊!!!09-03 14:48"))
        #expect(thread.rules[reply]?.contains(StructureDetectorID.navigationBlock) != true)
        #expect(LineShape.readsAsClauses("英杰 2楼有个小伙伴真不错啊!!!09-03 14:48"))
        #expect(!LineShape.readsAsClauses("看着吓人!保利"))
        let drug = try LabelledPage("hnysfww.com--1", cleaner: Self.cleaner)
        for row in ["剂型与规格 |", "散剂 |", "3g基药 |", "0% |"] { #expect(drug.keeps(row), "\(row)") }
        // The lone separators under the table still go.
        #expect(drug.rules[44] == ["banner.lone-separator"])
    }

    @Test("A title the page title confirms stays through the later passes, which see only what is left of the head")
    func theConfirmedTitleSurvivesTheLaterPasses() throws {
        // `学校简介_…分校` and its copy under the menus: once the menus are gone, a later pass
        // would see a four-character line above the body and give it to the line model.
        let school = try LabelledPage("kdfzxcfx.com--1", cleaner: Self.cleaner)
        #expect(school.rules[1] == [StructureDetectorID.titleSuffix])
        #expect(school.removed("学校简介", by: StructureDetectorID.titleRepeat)) // line 4, the copy
        let truck = try LabelledPage("360che.com--1", cleaner: Self.cleaner)
        #expect(truck.rules[1] == [StructureDetectorID.titleSuffix])
    }

    @Test("A section label of four characters under the opening title is not taken for the title")
    func aShortSectionLabelIsNoTitle() throws {
        // The cleaned page starts `慧天服饰—小程序` / `项目简介` / the first paragraph: cleaning
        // it again must not take the section label for the title and the title for chrome.
        let page = try LabelledPage("xc2099.cn--1", cleaner: Self.cleaner)
        #expect(page.rules[1] == [StructureDetectorID.titleSuffix])
        let once = Self.cleaner.clean(text: page.text).text
        #expect(once.hasPrefix("慧天服饰—小程序\n"))
        #expect(Self.cleaner.clean(text: once).text == once)
    }

    @Test("A school year's dash is no page-title separator, and a date with a view count under the title goes")
    func aYearRangeTitleStaysWhole() throws {
        let page = try LabelledPage("multibytes.cn--1", cleaner: Self.cleaner)
        #expect(page.rules[2] == nil)
        #expect(page.removed("2025-09-25人已围观", by: StructureDetectorID.headChrome))
        #expect(page.rules[4] == [StructureDetectorID.titleRepeat])
    }

    @Test("Short lines indented as the body's paragraphs are stay at the tail, in every pass")
    func linesIndentedLikeTheBodyStopTheTailWalk() throws {
        // A letter-writing guide ends with its layout sketch, each line indented by one space
        // as the paragraphs above; the layout stage takes the indent away before a second pass.
        let guide = try LabelledPage("lgxzw.com--1", cleaner: Self.cleaner)
        for line in [" 如", " 題目:感謝", " 頂格:敬愛的xxx:", " 靠右:人物", " 靠右:日期"] { #expect(guide.keeps(line), "\(line)") }
        // Unindented link lines under an unindented body still go.
        let news = try LabelledPage("mingpao.com--1", cleaner: Self.cleaner)
        #expect(news.removed("上 / 下一篇新聞", by: StructureDetectorID.navigationBlock))
    }

    @Test("A field table of the text under the title opens the body; the byline above it and a page's field labels still go")
    func aFieldTableUnderTheTitleStays() throws {
        let symptom = try LabelledPage("bch.com.cn--1", cleaner: Self.cleaner)
        #expect(symptom.keeps("症状科室:儿科、呼吸内科、内分泌科"))
        #expect(symptom.keeps("症状别名:无"))
        #expect(symptom.removed("作者:申昆玲 2020-10-13 10:47:46 来源:百度健康医典 浏览次数:", by: "meta.byline"))
        #expect(FieldLine.isContentField("课程设计周(时)数:1周"))
        #expect(FieldLine.isContentField("指导老师:欧阳勇 联系电话15972206525"))
        #expect(!FieldLine.isContentField("發佈單位: 澎湖縣"))
        #expect(!FieldLine.isContentField("标题: 单片机动态数码管显示数字不正常"))
        #expect(!FieldLine.isContentField("播放量:8944"))
        #expect(!FieldLine.isContentField("字号: 分享:"))
        // A page's own field labels under the title still go with the byline block.
        let notice = try LabelledPage("ocam.live--1", cleaner: Self.cleaner)
        #expect(notice.removed("發佈單位: 澎湖縣", by: StructureDetectorID.headChrome))
    }

    @Test("A credit line starting with a date or ending with a journal issue is no title; the title above it stays")
    func aDatedCreditLineIsNoTitle() throws {
        let paper = try LabelledPage("taokecoco.com--1", cleaner: Self.cleaner)
        #expect(paper.keeps("非洲豬瘟疫情背景下我國生豬養殖成本效率的變化及提升路徑研究"))
        #expect(paper.removed("2022-11-17 03:53李旭君王明利", by: StructureDetectorID.headChrome))
        #expect(paper.removed("中國畜牧雜志 2022年11期", by: StructureDetectorID.headChrome))
        let article = try LabelledPage("fx361.com--1", cleaner: Self.cleaner)
        #expect(article.keeps("百年辛亥 百年中国"))
        #expect(article.removed("中学政史地·初中 2011年4期", by: StructureDetectorID.headChrome))
        #expect(TitleDetector.isDatedCredit("2022-11-17 03:53李旭君王明利"))
        #expect(TitleDetector.isDatedCredit("中國畜牧雜志 2022年第11期"))
        #expect(!TitleDetector.isDatedCredit("2013年普通高等学校招生全国统一考试(辽宁卷):文数第22题"))
        #expect(!TitleDetector.isDatedCredit("百年辛亥 百年中国"))
    }

    @Test("A forum poster's profile box is no title; the thread's title above it stays")
    func aProfileBoxIsNoTitle() throws {
        let thread = try LabelledPage("arduino.cn--1", cleaner: Self.cleaner)
        #expect(thread.keeps("ESP32 开发之旅⑤ Station——WiFiSTA库的使用"))
        #expect(thread.removed("  • TA的每日心情", by: "forum.profile-box"))
        #expect(thread.removed("    [LV.10]以坛为家III", by: "forum.profile-box"))
    }

    @Test("A notice paragraph a rule removed still ends the head: the document's cover under it stays")
    func aRemovedNoticeEndsTheHead() throws {
        let cover = try LabelledPage("bwwdw.com--1", cleaner: Self.cleaner)
        for line in ["《数据结构》课程设计指导书", "欧阳勇", "湖北工业大学计算机学院", "课程设计名称:数据结构课程设计"] {
            #expect(cover.keeps(line), "\(line)")
        }
        #expect(cover.removed("说明:文章内容仅供预览,部分内容可能不全。下载后的文档,内容与下面显示的完全一致。下载之前请确认下面内容是否您想要的,是否完整无缺。",
                              by: "docsite.disclaimer"))
        // The compiler's notice goes and the collection's title above it stays, in every pass.
        let collection = try LabelledPage("alatiku.com--1", cleaner: Self.cleaner)
        #expect(collection.keeps("生产企业管理制度【推荐5篇】"))
        #expect(collection.removed("生产企业管理制度旨在规范内部流程、提升效率、保障质量,促进资源合理配置与员工协作,如何实现持续改进?以下是网友为大家整理分享的“生产企业管理制度”相关范文,供您参考学习!",
                                   by: "banner.compiler-notice"))
    }

    @Test("The numbered heading of a collection's first piece is no title candidate; the collection's title stays")
    func aPiecesNumberedHeadingIsNoTitle() throws {
        let essays = try LabelledPage("skillgets.com--1", cleaner: Self.cleaner)
        #expect(essays.keeps("难忘的一件事初三作文范文"))
        #expect(essays.keeps("难忘的一件事初三作文(1)"))
        #expect(TitleDetector.endsWithItemNumber("《生产企业安全生产责任制度》 篇1"))
        #expect(TitleDetector.endsWithItemNumber("高血压患者的心理范文第1篇"))
        #expect(TitleDetector.endsWithItemNumber("难忘的一件事初三作文（2）"))
        #expect(!TitleDetector.endsWithItemNumber("生产企业管理制度【推荐5篇】"))
        #expect(!TitleDetector.endsWithItemNumber("心得体会范文(精选5篇)"))
        // `第一篇：标题` heads the first piece of a collection; the site's notice above it goes.
        let files = try LabelledPage("xiexiebang.com--1", cleaner: Self.cleaner)
        #expect(files.keeps("第一篇:湖南省人民政府办公厅文件"))
        #expect(files.removed("简介:写写帮文库小编为你整理了多篇相关的《湖南省人民政府办公厅文件》,但愿对你工作学习有帮助,当然你在写写帮文库还可以找到更多《湖南省人民政府办公厅文件》。",
                              by: "banner.compiler-notice"))
    }

    @Test("A page title of 标题_栏目_关键词 - 站点 gives the title before the first underscore; its suffix and the copies go")
    func aPageTitleWithUnderscoredKeywordsGivesItsFirstPart() throws {
        #expect(PageTitle("阿森纳已经与皇马前锋马尔科·阿森西奥的代表就可能的转会进行了接触_世界杯赛事直播_世界杯8强_2022世界杯8强推荐 - 体育新世界")
            == PageTitle(title: "阿森纳已经与皇马前锋马尔科·阿森西奥的代表就可能的转会进行了接触", site: "体育新世界"))
        let news = try LabelledPage("eprdayekelly.com--1", cleaner: Self.cleaner)
        #expect(news.removed("阿森纳已经与皇马前锋马尔科·阿森西奥的代表就可能的转会进行了接触_世界杯赛事直播_世界杯8强_2022世界杯8强推荐 - 体育新世界",
                             by: StructureDetectorID.titleSuffix))
        #expect(!news.removed("阿森纳已经与皇马前锋马尔科·阿森西奥的代表就可能的转会进行了接触_世界杯赛事直播_世界杯8强_2022世界杯8强推荐 - 体育新世界",
                              by: StructureDetectorID.headChrome))
        #expect(news.removed("阿森纳已经与皇马前锋马尔科·阿森西奥的代表就可能的转会进行了接触", by: StructureDetectorID.titleRepeat))
        #expect(news.removed("发布时间：2022-06-13 15:08:36 西甲 次", by: "meta.dated-byline"))
    }

    @Test("A Markdown heading under the title opens the body and is no title candidate")
    func aMarkdownHeadingOpensTheBody() throws {
        let guide = try LabelledPage("zoppoz.workers.dev--1", cleaner: Self.cleaner)
        #expect(guide.keeps("前端与后端协同:动态表单跳转的完整指南"))
        #expect(guide.keeps("# 1. 动态表单跳转概述"))
        #expect(guide.keeps("| 文本输入框 | `<input type=\"text\">` | 用于输入文本信息 | 用户名输入 |"))
        #expect(TitleDetector.isMarkdownHeading("## 2.1 表单元素与交互设计"))
        #expect(!TitleDetector.isMarkdownHeading("#话题# 今天天气很好"))
    }
}
