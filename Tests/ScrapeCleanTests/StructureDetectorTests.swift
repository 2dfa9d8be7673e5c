import Testing
@testable import ScrapeClean

/// The structural detectors on the seeds and samples: table of contents, excerpt repeating the
/// body, title repeats and page titles, truncation notices, navigation blocks.
@Suite struct StructureDetectorTests {
    static let cleaner = try! Cleaner()

    /// Cleans `text` and expects the tail walk (`structure.navigation-block`) to have removed
    /// nothing: the shape of the tests of what stops the walk.
    @discardableResult
    static func cleanKeepingTail(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CleanResult {
        let result = cleaner.clean(text: text)
        #expect(!result.edits.contains { $0.rule == "structure.navigation-block" }, sourceLocation: sourceLocation)
        return result
    }

    static func clean(_ fixture: String) throws -> CleanResult {
        try cleaner.clean(bytes: TestSupport.fixtureBytes(fixture))
    }

    static func lines(_ result: CleanResult) -> [String] {
        result.text.split(separator: "\n").map(String.init)
    }

    @Test func tableOfContentsIsRemovedWithItsMarkers() throws {
        let result = try Self.clean("seed-002-township-secretaries")
        let tocEdits = result.edits.filter { $0.rule == "structure.toc" }
        #expect(tocEdits.count == 22)
        #expect(tocEdits.first?.removed == "目录/提纲:……")
        #expect(tocEdits.last?.removed == "……")
        #expect(Self.lines(result).first == "在全市乡镇（街道）党（工）委书记培训重点班上的发言")
        // The body headings the TOC listed stay.
        #expect(result.text.contains("三、扛起发展之责 激活基层动能"))
    }

    @Test func tableOfContentsWithoutClosingMarkerNeedsEntriesThatComeBack() {
        var document = WorkingDocument(document: Document(text: "目录\n一、总体要求\n二、主要任务\n正文开始了，这是第一段话。\n一、总体要求\n二、主要任务\n"))
        TableOfContentsDetector().apply(to: &document)
        #expect(document.lines.filter { $0.isAlive }.map { $0.text } == ["正文开始了，这是第一段话。", "一、总体要求", "二、主要任务"])

        var unrelated = WorkingDocument(document: Document(text: "目录\n一、总体要求\n二、主要任务\n正文开始了，这是第一段话。\n"))
        TableOfContentsDetector().apply(to: &unrelated)
        #expect(unrelated.lines.allSatisfy { $0.isAlive })
    }

    @Test func excerptRepeatingTheBodyIsRemovedAndTheTitleKeptOnce() throws {
        let result = try Self.clean("seed-000-first-secretary")
        #expect(result.edits.filter { $0.rule == "structure.summary-repeat" }.count == 1)
        #expect(result.edits.filter { $0.rule == "structure.title-repeat" }.count == 2)
        let lines = Self.lines(result)
        #expect(lines[0].hasPrefix("在全市第一書"))
        #expect(lines[0].hasSuffix("上的講話"))
        #expect(lines[1] == "同志們：")
        #expect(lines.filter { $0.hasPrefix("在全市第一書") }.count == 1)
    }

    @Test func excerptThatDoesNotRepeatTheBodyStays() {
        let text = "标题在这里\n本文摘要：这是一段独立的摘要，内容和正文不一样，讲的是另外的事情。\n正文第一段，讲的是完全不同的内容，写得很长很长。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(result.text.contains("这是一段独立的摘要"))
        #expect(!result.text.contains("本文摘要"))
    }

    @Test func excerptEndingInDotsBeforeTheBodyIsRemoved() throws {
        let result = try Self.clean("web-cwt_04_aimang.cc")
        let removed = try #require(result.edits.first { $0.rule == "structure.summary-repeat" })
        #expect(removed.removed.hasSuffix("..."))
        #expect(Self.lines(result)[1] == "原标题：广州增城凯悦酒店全新启幕")
    }

    @Test func pageTitleGivesTitleAndSiteAndChromeBeforeTheTitleGoes() throws {
        let result = try Self.clean("web-c4zh_04_news.joyyang.com")
        #expect(result.metadata.site == "骄阳网")
        #expect(result.metadata.title == "去年山东新增航线35条 海铁联运量居全国沿海港口首位")
        #expect(Self.lines(result).first == result.metadata.title)
        #expect(result.edits.contains { $0.rule == "structure.head-chrome" && $0.removed == "资讯频道" })
        #expect(Self.lines(result).count == 4)
    }

    @Test func thePageTitleKeepsTheTitleAndItsCopyBelowTheChromeGoes() throws {
        // `标题_骄阳网` on line 1, 21 lines of menus, the bare title on line 23: the first
        // occurrence stays (its suffix cut), the copy goes; the text is the same either way.
        let result = try Self.clean("web-c4zh_04_news.joyyang.com")
        #expect(result.edits.contains { $0.rule == "structure.title-suffix" && $0.line == 1 && $0.removed == "_骄阳网" })
        #expect(result.edits.contains { $0.rule == "structure.title-repeat" && $0.line == 23
            && $0.removed == "去年山东新增航线35条 海铁联运量居全国沿海港口首位" })
        #expect(!result.edits.contains { $0.line == 1 && $0.rule == "structure.title-repeat" })
    }

    @Test func aTitleLineWithTextBetweenItAndItsCopyGivesWayToTheCopy() {
        // A sentence between the page title and the copy stays, so the title must stay next
        // to the text it heads: the page title goes.
        let input = "秋季如何养生妙招在这里_减压阀厂家\n天凉了。\n秋季如何养生妙招在这里\n发布时间：2022-06-29 来源：本站\n"
            + String(repeating: "秋天气候干燥，早晚温差大，养生要注意润燥、保暖和适当运动，饮食宜清淡，多吃时令蔬果。\n", count: 3)
        let result = Self.cleaner.clean(text: input)
        #expect(result.edits.contains { $0.rule == "structure.title-repeat" && $0.line == 1 })
        #expect(Self.lines(result).prefix(2) == ["天凉了。", "秋季如何养生妙招在这里"])
    }

    @Test func pageTitleWithTagsAndRepeatedSuffixIsCutToTheTitle() throws {
        let result = try Self.clean("web-c4zh_03_nbsbj.cn")
        #expect(Self.lines(result).first == "汪洋主持政协十三届一次会议主席团举行第三次会议")
        #expect(result.metadata.site == "m6平台")
        #expect(result.edits.contains { $0.rule == "structure.title-suffix" })
    }

    @Test func injectedTitleSharingNothingWithTheBodyIsDropped() throws {
        let result = try Self.clean("web-cwt_09_m.sxwcsj.cn")
        #expect(Self.lines(result).first == "再战机器人，莱州一中包揽前四名")
        #expect(result.edits.contains { $0.removed == "河南暴雨救援电话" })
    }

    /// Cleans `text`, then cleans the output again: the second pass must change nothing.
    static func cleanTwice(_ text: String) -> (once: CleanResult, twice: CleanResult) {
        let once = cleaner.clean(text: text)
        return (once, cleaner.clean(text: once.text))
    }

    @Test func titleChosenByBodyWordingBelowThreeOpeningLinesKeepsThemAndIsStable() {
        // Fragments of a cut page (generated document #14, seed 0x5EED0002): four title-like
        // opening lines; the fourth shares most wording with the body. Choosing among the first
        // three removed two lines, and the second pass, seeing the fourth, removed a third.
        let text = "的对吗？\n全五年级\n式共聚焦\n悦酒店全\n广州增城凯悦酒店拥有总面积达2900平方米…会议。酒店\n聚焦“精\n"
        let (once, twice) = Self.cleanTwice(text)
        #expect(once.text == text)
        #expect(!once.edits.contains { $0.rule == "structure.head-chrome" })
        #expect(once.metadata.title == "悦酒店全")
        #expect(twice.text.utf8.elementsEqual(once.text.utf8))
        #expect(twice.edits.isEmpty, "\(twice.edits.map { "\($0.rule) line \($0.line): \($0.removed)" })")
    }

    @Test func injectedLinesAboveATitleChosenByBodyWordingGoOnceAndForAll() {
        let text = "河南暴雨救援电话\n热门推荐\n再战机器人莱州一中包揽前四名\n本次机器人竞赛在烟台举行，莱州一中包揽前四名，再创佳绩。\n"
        let (once, twice) = Self.cleanTwice(text)
        #expect(Self.lines(once).first == "再战机器人莱州一中包揽前四名")
        #expect(once.edits.filter { $0.rule == "structure.head-chrome" }.map(\.removed) == ["河南暴雨救援电话", "热门推荐"])
        #expect(twice.text.utf8.elementsEqual(once.text.utf8))
        #expect(twice.edits.isEmpty, "\(twice.edits.map { "\($0.rule) line \($0.line): \($0.removed)" })")
    }

    @Test func aPageTitleShapedFirstLineNamingAnotherPageIsNoTitleRepeat() {
        // A list of `标题-站点` links from a cut page: the title found is a later line, so the
        // first line repeats nothing. Removing it as a page title made every pass drop the next
        // list item.
        let text = """
            网易云音乐怎样开启均衡器-网易云音乐均衡器开启步骤介绍
            网易云音乐在哪查云贝数量-网易云音乐查云贝数量教程
            网易云音乐怎么关闭视频被收藏的提醒-网易云音乐教程
            虾米音乐歌单怎样导出到网易云音乐-虾米音乐教程
            迅雷影音播放列表如何清理-迅雷影音播放列表清理教程分享
            qq影音播放器局部放大视频的基础操作介绍
            分类列表
            安卓资讯 应用教程 硬件相关
            推荐应用换一换
            超级玛丽
            第五人格
            问道2手游
            植物大战僵尸无尽版
            奥特曼格斗进化1
            口袋妖怪漆黑的魅影
            口袋妖怪绿宝石
            哈利波特：魔法觉醒
            原神
            草莓英雄
            口袋妖怪重制

            """
        let (once, twice) = Self.cleanTwice(text)
        #expect(!once.edits.contains { $0.rule == "structure.title-repeat" })
        #expect(Self.lines(once).first == "网易云音乐怎样开启均衡器-网易云音乐均衡器开启步骤介绍")
        #expect(twice.text == once.text)
        #expect(twice.edits.isEmpty, "\(twice.edits.map { "\($0.rule) line \($0.line): \($0.removed)" })")
    }

    @Test func keywordVariantOfTheTitleIsARepeat() throws {
        let result = try Self.clean("web-cwt_07_aizhuanwu.com")
        #expect(Self.lines(result).first == "快来试试这几款赚钱多的软件")
        #expect(result.edits.contains { $0.rule == "structure.title-repeat" && $0.removed.hasPrefix("真正能赚钱的软件游戏：") })
    }

    @Test func titleFoundAboveTheBylineWhenThePageTitleIsForeign() throws {
        let result = try Self.clean("web-c4zh_02_sszb8.com")
        #expect(Self.lines(result).first == "网易云音乐怎么关闭合拍推荐-网易云音乐关闭合拍推荐方法")
        #expect(result.metadata.site == "优质软件园")
    }

    @Test func noTitleIsInventedForASpeechStartingWithASalutation() throws {
        let result = try Self.clean("seed-001-village-training")
        #expect(result.metadata.title == nil)
        #expect(Self.lines(result).first == "同志们：")
    }

    @Test func truncationNoticeIsRemovedRecordedAndSplitsTheLine() {
        let text = "标题\n同志们：\n要把调研当成日常必修课……(新文秘网http://www.wm114.cn省略877字,正式会员可完整阅读)……街头巷尾,才能听到群众的心里话。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(Self.lines(result) == ["标题", "同志们：", "要把调研当成日常必修课", "街头巷尾，才能听到群众的心里话。"])
        #expect(result.metadata.truncated == true)
        #expect(result.metadata.omittedCharacters == 877)

        var document = Document(text: text)
        try! BoilerplateStage(options: CleanOptions()).apply(to: &document)
        #expect(document.lines.map(\.noJoinAfter) == [false, false, true, false])
    }

    @Test func noticeAfterACommaMarksTheLineSoLayoutWillNotJoinIt() {
        var document = Document(text: "同志们：\n要把调研当成日常必修课，\n……(某某网省略300字,正式会员可完整阅读)……\n街头巷尾,才能听到群众的心里话。\n")
        try! BoilerplateStage(options: CleanOptions()).apply(to: &document)
        #expect(document.lines.map(\.text) == ["同志们：", "要把调研当成日常必修课，", "街头巷尾,才能听到群众的心里话。"])
        #expect(document.lines[1].noJoinAfter)
    }

    @Test func unfinishedNoticeAndTheFavoriteLineGo() throws {
        let result = try Self.clean("seed-002-township-secretaries")
        #expect(result.text.hasSuffix("可以实行“导师帮带”制度，让\n"))
        #expect(result.metadata.declaredTotal == 4678)
        #expect(result.metadata.shownCharacters == 2464)
        #expect(result.edits.contains { $0.rule == "truncation.favorite" })
    }

    @Test func navigationBlockAtTheTailIsRemoved() throws {
        let result = try Self.clean("web-cwt_01_tech.sina.com.cn")
        #expect(Self.lines(result).last?.hasPrefix("尼康D80拥有不俗的性能") == true)
        #expect(result.edits.contains { $0.rule == "structure.navigation-block" && $0.removed == "尼康 D80套机" })
        #expect(result.text.contains("编辑观点："))
    }

    @Test func shortClosingLinesOfABodyAreNotANavigationBlock() {
        let text = "同志们：\n今天我们在这里开会，讨论明年的工作安排。\n谢谢大家！\n"
        #expect(Self.cleaner.clean(text: text).text == text)
        let signed = "同志们：\n今天我们在这里开会，讨论明年的工作安排。\n县委办公室\n2012年3月19日\n"
        #expect(Self.cleaner.clean(text: signed).text == signed)
    }

    @Test func aTableWithNoBodyAboveItIsNotANavigationBlock() {
        // A schedule page (a Taiwanese university's freshman dates): the rows are the content.
        let text = "新生入學日程表\n時間 項目 備註\n7月20日至8月27日 學籍資料表填寫 請參閱新生手冊第4頁\n8月29日 學雜費繳交截止日 請參閱新生手冊第5頁\n9月3日 新生報到、宿舍入住 請參閱新生手冊第10頁\n"
        let result = Self.cleanKeepingTail(text)
        #expect(Self.lines(result).count == 5)
    }

    @Test func aLeadInEndingInAColonStopsTheNavigationWalk() {
        let text = "模拟器滤镜\n这类滤镜是最常见的，也是人们最为经常使用的滤镜。\n众所周知，像素艺术的一个最大的问题，就是经不起放大：\n图片一\n图片二\n图片三\n"
        let result = Self.cleaner.clean(text: text)
        #expect(Self.lines(result).contains("众所周知，像素艺术的一个最大的问题，就是经不起放大："))
        #expect(result.edits.filter { $0.rule == "structure.navigation-block" }.map(\.removed) == ["图片一", "图片二", "图片三"])
    }

    @Test func codeAndClausesEndingInACommaAtTheTailAreNoNavigationBlock() {
        // 51hei.com and jxjtwl.com (labelled corpus): a forum post's program and a story told
        // in short lines, at the end of the page.
        let code = "单片机动态数码管显示数字不正常\n如下这段程序是用定时器来让动态数码管间隔显示1到8，程序编译没有错误，但就是无法正常显示。\nvoid main()\n{\n  tt=0;\n  P0=0x00;\n}\n"
        Self.cleanKeepingTail(code)
        let story = "紫兰的故事\n花妖每次需要经过五年，才有机会出现在人间，这件事原本就是被禁止的，紫兰却一再外出。\n不知多少年前起,紫兰外出期间,偶然遇见一位少年,\n身为妖怪,紫兰对少年产生了好奇,\n而少年也对无比美貌的紫兰产生了爱慕,\n"
        let result = Self.cleanKeepingTail(story)
        // (Layout may join the broken lines; every clause is there.)
        for clause in ["偶然遇见一位少年", "紫兰对少年产生了好奇", "产生了爱慕"] { #expect(result.text.contains(clause)) }
    }

    @Test func aLabelAndItsValueIsNeverTheTitle() {
        #expect(TitleDetector.isLabelledValue("学号：141308333"))
        #expect(TitleDetector.isLabelledValue("分类：Google App Engine"))
        #expect(TitleDetector.isLabelledValue("所属教程：英语学习方法"))
        #expect(TitleDetector.isLabelledValue("字号 :"))
        #expect(!TitleDetector.isLabelledValue("常州：破解乡村振兴三大难题在一线"))
        #expect(!TitleDetector.isLabelledValue("单片机可设置时间定时器设计报告"))
        // A tutorial page: the course label above the title is chrome, the title is the question.
        let text = "所属教程：英语学习方法\n如何提高英语听力\n提高英语听力要多听多练，每天坚持听半小时英语广播，并且跟读模仿语音语调。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(result.metadata.title == "如何提高英语听力")
        #expect(Self.lines(result) == ["如何提高英语听力", "提高英语听力要多听多练，每天坚持听半小时英语广播，并且跟读模仿语音语调。"])
    }

    @Test func headingsAndShortSentencesUnderTheTitleAreNotABylineBlock() {
        let text = "天龙八部\n2024-01-15 10:20\n第一回 无量玉壁\n天已大亮。\n青光闪动，一柄青钢剑倏地刺出，指向中年汉子左肩，使剑少年不等招用老，腕抖剑斜，剑锋已削向那汉子右颈。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(Self.lines(result).contains("第一回 无量玉壁"))
        #expect(Self.lines(result).contains("天已大亮。"))
        #expect(!Self.lines(result).contains("2024-01-15 10:20"))
    }

    @Test func aHeadingStopsTheNavigationWalk() {
        let text = "写作指南\n公文写作要讲究规范，要素齐全，格式正确，语言准确简明，这是最基本的要求。\n三、写作规范要点\n标题\n主送机关\n正文\n"
        let result = Self.cleaner.clean(text: text)
        #expect(Self.lines(result).contains("三、写作规范要点"))
        #expect(result.edits.filter { $0.rule == "structure.navigation-block" }.map(\.removed) == ["标题", "主送机关", "正文"])
    }

    @Test func theTextAnnouncedByQuanWenRuXiaIsNoNavigationBlock() {
        // 163.com (labelled corpus): a notice whose regulations start below `全文如下`.
        let text = "关于印发试点管理实施细则的通知\n为推动大连市汽车智能化、网联化技术应用和产业发展,规范智能网联汽车道路测试、示范应用与商业化试点,经市政府同意,现印发给你们。\n大连市工业和信息化局\n全文如下\n大连市智能网联汽车道路测试、\n示范应用与商业化试点\n管理实施细则(试行)\n第一章 总则\n"
        let result = Self.cleanKeepingTail(text)
        // (Layout joins the title's broken lines; punctuation becomes full width.)
        #expect(result.text.hasSuffix("全文如下\n大连市智能网联汽车道路测试、示范应用与商业化试点\n管理实施细则（试行）\n第一章 总则\n"))
        // Without the announcement (and the chapter heading, which stops the walk) the same
        // short lines are a tail block.
        let unannounced = text.replacingOccurrences(of: "全文如下\n", with: "").replacingOccurrences(of: "第一章 总则\n", with: "")
        #expect(Self.cleaner.clean(text: unannounced).edits.contains { $0.rule == "structure.navigation-block" })
    }

    @Test func repliesUnderPosterNamesContinuingTheThreadAreNoNavigationBlock() {
        // chinaunix.net (labelled corpus): replies, each under its poster's name.
        let text = "s3c2410+linux+usb打印机\n本人刚做usb打印机的工作,请教大家一些问题,这是我的方案:打印机采用的是没有postsrcipt功能的普通打印机。\nchenkeyuan\n我也在搞这部分,中文打印总是搞不定。有谁知道其中的16进制是怎样参考TrueType来组织的。\nzrm520\n楼下的chenkeyuan我们能一起讨论不,不知你现在做的如何了。\nguhuo\n我也在做 嵌入式linux上的usb打印机\n我是hp的不支持PostScript 的打印机\n"
        let result = Self.cleanKeepingTail(text)
        #expect(result.text.hasSuffix("我是hp的不支持PostScript 的打印机\n"))
        #expect(NavigationBlockDetector.isPosterName("zrm520"))
        #expect(!NavigationBlockDetector.isPosterName("Windows 10"))
        #expect(!NavigationBlockDetector.isPosterName("2023"))
    }

    @Test func englishSpecLinesAtTheTailAreTextButAnEnglishThemeCreditIsChrome() {
        // gkong.com (labelled corpus): a forum post's protocol spec ends the page in English.
        let spec = "FP PLC通讯协议\n松下FP系列的编程口都支持MEWTOCOL-COM协议，用它可以很方便地监视或者设置PLC的数据和触点状态。\nMEWTOCOL format\nMaster/Slave communication(Half duplex communication)*4\nASCII strings (One frame is up to 118 characters.)*5\n19200 bps (or 9600 bps *1 *3 )\n8 bit data length (or 7 bit *2 *3 )\n"
        let result = Self.cleanKeepingTail(spec)
        #expect(result.text.hasSuffix("8 bit data length (or 7 bit *2 *3 )\n"))
        // zhjqxt.com (labelled corpus): a WordPress sidebar and its theme credit stay chrome.
        let blog = "世界杯观赛指南\n本届世界杯的小组赛将在十二月初结束，球迷们可以根据赛程提前安排好观赛的时间。\n归档\n2022年12月\n分类\nWordPress Theme: Flam Lite made by PanKogut\n"
        let removed = Self.cleaner.clean(text: blog).edits.filter { $0.rule == "structure.navigation-block" }.map(\.removed)
        #expect(removed.contains("WordPress Theme: Flam Lite made by PanKogut"))
        #expect(removed.contains("归档"))
        #expect(NavigationBlockDetector.readsAsEnglishText("8 bit data length (or 7 bit *2 *3 )"))
        #expect(!NavigationBlockDetector.readsAsEnglishText("Copyright © 2018 mingpaocanada.com All rights reserved"))
        #expect(!NavigationBlockDetector.readsAsEnglishText("Powered by Discuz! X3.4"))
    }

    @Test func figureCaptionsAndAnswerChoicesAtTheTailAreTextButGalleryLinksAreNot() {
        // narl.org.tw and enxinlong.com (labelled corpus): an article ending in its figures'
        // captions, an exam sheet ending in a question's choices.
        let figures = "國家科技發展計畫管考評估機制之現況分析\n我國的科技政策發展體系主要可分為推動、執行、企劃評估等三大體系，推動機構為科技會報辦公室。\n圖1:科技發展推動機構\n圖2:科技計畫與評估體系 (資料來源:2012中華民國科學技術年鑑)\n圖3:年度科技計畫評審管考體系 (資料來源:2012中華民國科學技術年鑑)\n"
        let captioned = Self.cleanKeepingTail(figures)
        #expect(captioned.text.contains("圖1"))
        let exam = "机械波的描述\n1.(多选)如下图所示为一列简谐横波在某时刻的波形图,传播方向向左,则此时刻有( CD )\nA.各质点的位移都为5 cm\nB.x=2 m处的质点速度沿y轴正方向\nC.x=4 m处的质点加速度方向沿y轴正方向\nD.x=8 m处的质点速度为正方向的最大值\n"
        let choices = Self.cleanKeepingTail(exam)
        #expect(choices.text.contains("D.x=8 m处的质点速度为正方向的最大值"))
        #expect(NavigationBlockDetector.isCaption("表2 各地区销量"))
        #expect(!NavigationBlockDetector.isCaption("图片一"))
        #expect(!NavigationBlockDetector.isCaption("图书馆"))
        #expect(NavigationBlockDetector.isAnswerChoice("B、正确"))
        #expect(!NavigationBlockDetector.isAnswerChoice("ASCII码对照表"))
        #expect(!NavigationBlockDetector.isAnswerChoice("A. "))
    }

    @Test func markdownTableRowsAtTheTailAreTextButAPipedMenuIsNot() {
        // zoppoz.workers.dev (labelled corpus): a tutorial ending in a Markdown table.
        #expect(NavigationBlockDetector.isMarkdownTableRow("| 表单元素 | HTML 标签 | 用途 | 例子 |"))
        #expect(NavigationBlockDetector.isMarkdownTableRow("| parent | name |"))
        #expect(!NavigationBlockDetector.isMarkdownTableRow("首页 | 关于我们 | 联系我们"))
        let text = "HTML表单元素一览\n表单是网页与用户交互的主要方式，下面的表格列出了常用的表单元素和它们对应的标签。\n| parent | name |\n| 表单元素 | HTML 标签 | 用途 | 例子 |\n| 文本输入框 | input | 输入文本 | 用户名 |\n"
        Self.cleanKeepingTail(text)
    }

    @Test func aSignatureDateWhoseYearStandsOnTheLineAboveStopsTheNavigationWalk() {
        // czedu.cn (labelled corpus): the notice's date broken after its year.
        let notice = "关于转发主题征稿活动的通知\n各中小学、幼儿园:现将联合印发的《关于举办童声齐颂建党百年主题征稿活动的通知》转发给你们,请各校认真贯彻落实。\n附件:关于举办“童声齐颂建党百年”主题征稿活动的\n通知\n常州市武进区教育局\n2021\n年 2 月 23 日\n"
        let result = Self.cleanKeepingTail(notice)
        #expect(result.text.contains("常州市武进区教育局"))
        // The year stays with its date (it is no lone counter), so cleaning the output again,
        // where the walk sees the year above the date as before, changes nothing.
        #expect(!result.edits.contains { $0.rule == "banner.lone-number" })
        #expect(result.text.contains("2021\n年 2 月 23 日"))
        #expect(Self.cleaner.clean(text: result.text).text == result.text)
        // A year followed by anything but the rest of its date is a lone number as before.
        #expect(Self.cleaner.clean(text: notice.replacingOccurrences(of: "年 2 月 23 日", with: "返回顶部")).edits.contains { $0.rule == "banner.lone-number" })
        // A date with no year above it is no signature: the same short lines are a tail block.
        let unsigned = notice.replacingOccurrences(of: "2021\n", with: "")
        #expect(Self.cleaner.clean(text: unsigned).edits.contains { $0.rule == "structure.navigation-block" })
    }

    @Test func aSectionHeadingUnderTheBylineOpensTheBody() {
        // pmceo.com (labelled corpus): `第一章目的` under the title and the editor's line.
        let text = "公司文书管理工作制度\n编辑:物业经理人2017-04-26\n  第一章目的\n  第一条为使公司的文书处理建立科学、合理、规范的程序,使文书处理准确、及时,提高文书处理的工作效率和文书的质量,特制订本办法。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(Self.lines(result).contains { $0.contains("第一章目的") })
        #expect(TitleDetector.isSectionHeading("一、总体要求"))
        #expect(TitleDetector.isSectionHeading("第3条 适用范围"))
        #expect(!TitleDetector.isSectionHeading("第一时间发布"))
        #expect(!TitleDetector.isSectionHeading("1、2、3"))
    }

    @Test func aZeroPaddedChapterNumberAboveTheTitleIsNoCounter() {
        // zhangyue.com (labelled corpus): `01` is the chapter's number.
        let text = "01\n反馈回路\n倾听并吸收。这是一段足够长的正文，讲的是反馈回路的道理。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(!result.edits.contains { $0.rule == "banner.lone-number" })
        #expect(Self.cleaner.clean(text: "标题\n正文写在这里，写得很长很长的一段话。\n2312\n").edits.contains { $0.rule == "banner.lone-number" })
    }

    @Test func aSubtitleUnderTheBylineStays() {
        let text = "扎根基层二十年\n作者：张三 来源：人民网\n——记优秀共产党员李四\n李四同志扎根基层二十年，带领群众脱贫致富，赢得了大家的信任。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(Self.lines(result) == ["扎根基层二十年", "——记优秀共产党员李四", "李四同志扎根基层二十年，带领群众脱贫致富，赢得了大家的信任。"])
        #expect(result.metadata.author == "张三")
    }

    @Test func aSignatureAboveThePageToolsStays() {
        let text = "关于加强安全生产工作的通知\n发布时间：2023-05-01 来源：市政府办公室 【字体：大 中 小】 【打印】\n各区县人民政府：\n为进一步加强安全生产工作，现将有关事项通知如下。\n市政府办公室\n2023年5月1日\n【打印本页】 【关闭窗口】\n"
        let result = Self.cleaner.clean(text: text)
        #expect(result.text.hasSuffix("通知如下。\n市政府办公室\n2023年5月1日\n"))
        #expect(result.metadata.source == "市政府办公室")
        #expect(result.metadata.date == "2023-05-01")
    }

    @Test func aSentenceMentioningXiaobianInsideTheArticleStays() {
        let text = "标题\n下面我们一起跟随小编来了解看看吧。\n正文内容写在这里，写得很长很长。\n"
        #expect(Self.cleaner.clean(text: text).text == text)
    }

    @Test func cleaningAnExpectedOutputAgainRemovesNothing() throws {
        for name in TestSupport.fixtureNames {
            let result = Self.cleaner.clean(text: TestSupport.fixtureText(name, "expected.txt"))
            let removals = result.edits.filter { $0.stage == .boilerplate }
            #expect(removals.isEmpty, "\(name): \(removals.map { "\($0.rule): \($0.removed.prefix(40))" })")
        }
    }

    @Test func hostileInputOnlyEverLosesText() throws {
        // Lines built from chrome words, punctuation, pinyin, separators and body fragments.
        let pieces = ["上一篇", "下一篇：", "相关阅读", "首页 > ", "本文簡(jiǎn)介:", "(责任编辑:", ")", "|", "……",
                      "(未完,全文共12字,当前仅显示3字", "省略5字", "目录", "XX", "***", "同志们:", "_站点", "-网",
                      "今天我们开会，", "讨论工作。", "来源:", "作者：", "2022-01-01", "Copyright", " ", "\u{3000}",
                      "ǎ", "(", "（", "）", "签", "ICP备1号", "收藏《", "》", "#", "#", "MORE", "1"]
        var random = SplitMix64(seed: 42)
        let stage = try BoilerplateStage(options: CleanOptions())
        for _ in 0..<300 {
            let lineCount = Int.random(in: 0...12, using: &random)
            let lines = (0..<lineCount).map { _ in
                (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
            var document = Document(text: lines.joined(separator: "\n"))
            let originals = document.lines
            stage.apply(to: &document)
            for line in document.lines {
                let source = try #require(originals.first { $0.origin == line.origin })
                // Characters are only ever removed: the line is a subsequence of its source.
                #expect(Self.isSubsequence(line.text, of: source.text), "\(line.text) from \(source.text)")
            }
        }
    }

    static func isSubsequence(_ part: String, of whole: String) -> Bool {
        var iterator = whole.unicodeScalars.makeIterator()
        for scalar in part.unicodeScalars {
            var found = false
            while !found, let next = iterator.next() { found = next == scalar }
            if !found { return false }
        }
        return true
    }
}
