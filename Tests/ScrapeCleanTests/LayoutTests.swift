import Foundation
import Testing
@testable import ScrapeClean

/// The layout stage (Fixtures/CONVENTIONS.md rule 9) on the seed fixtures and on small inputs.
@Suite struct LayoutTests {
    // MARK: Helpers

    static func expectedLines(_ name: String) -> [String] {
        TestSupport.fixtureText(name, "expected.txt")
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The whole pipeline on a fixture's input.
    static func clean(_ name: String) throws -> CleanResult {
        try Cleaner().clean(bytes: TestSupport.fixtureBytes(name))
    }

    /// Runs only the layout stage on `text` (lines split on `\n`).
    static func layout(_ text: String, disabling rules: Set<String> = []) -> Document {
        var document = Document(text: text)
        LayoutStage(disabledRules: rules).apply(to: &document)
        return document
    }

    static func lines(of result: CleanResult) -> [String] {
        result.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Whether `part` occurs in `whole` as a contiguous run of lines.
    static func contains(_ whole: [String], run part: ArraySlice<String>) -> Bool {
        guard !part.isEmpty, whole.count >= part.count else { return part.isEmpty }
        for start in 0...(whole.count - part.count) where whole[start] == part.first {
            if Array(whole[start..<(start + part.count)]) == Array(part) { return true }
        }
        return false
    }

    // MARK: Seeds

    @Test func seed003FlattenedSpeechIsSplitIntoItsEnumeratedParagraphs() throws {
        let result = try Self.clean("seed-003-hundred-villages")
        let expected = Self.expectedLines("seed-003-hundred-villages")
        // Everything after the title line: 同志们： … the closing paragraph, 18 lines.
        #expect(Self.contains(Self.lines(of: result), run: expected[1...]))
        #expect(expected.contains("一、统一思想认识，明确党员干部“驻百村连千企进万家”活动的工作要求 开展党员干部“驻百村连千企进万家”活动是深化拓展基层组织建设年、落实“三解三促”“三进三帮”的重要举措。上级有要求，县委有部署，基层有期盼，而且时间跨度长、工作涉及面广、社会关注度高。如何围绕“抓落实、全覆盖、求实效、受欢迎”的工作要求，进一步提高党员干部“驻百村连千企进万家”活动的成效，我想重点要把握好四个方面的关系："))
        let split = result.edits.first { $0.rule == "layout.split-flattened" }
        #expect(split?.line == 3)
        // 17 paragraphs flattened into line 3: 16 splits, one more before the editor's note
        // `(责任编辑:jhzzb)` unless boilerplate has removed that first.
        #expect(split.map { (16...17).contains($0.count) } == true)
        #expect(split?.replacement == "\n")
    }

    @Test func seed002QuotationBrokenAcrossLinesIsJoined() throws {
        let result = try Self.clean("seed-002-township-secretaries")
        let lines = Self.lines(of: result)
        #expect(lines.contains { $0.contains("更是一场工作的“战前动员”。乡镇（街道）是国家治理的“最后一公里”") })
        #expect(!lines.contains { $0.hasSuffix("“战前") })
        let join = result.edits.first { $0.rule == "layout.join-broken-line" }
        #expect(join?.line == 25)
        #expect(join?.removed == "\n")
        // The truncated paragraph and the text after the paywall notice stay apart.
        #expect(lines.contains { $0.hasSuffix("要把政治理论学习当成日常必修课") })
        #expect(lines.contains { $0.hasPrefix("街头巷尾，才能听到群众的心里话。") })
    }

    @Test func seed001LinesEndingInSemicolonsAreJoined() throws {
        let result = try Self.clean("seed-001-village-training")
        let expected = Self.expectedLines("seed-001-village-training")
        #expect(Self.contains(Self.lines(of: result), run: expected[...]))
        // Input lines 28–31 become one paragraph that keeps line 28's origin.
        let joins = result.edits.filter { $0.rule == "layout.join-broken-line" }.map(\.line)
        #expect(joins.contains(28) && joins.contains(29) && joins.contains(30))
        #expect(expected[25].hasPrefix("（四）坚持严管厚爱") && expected[25].contains("进行表彰；建立职务晋升机制"))
    }

    @Test func layoutOfTheSeedsIsIdempotent() throws {
        for name in ["seed-001-village-training", "seed-002-township-secretaries", "seed-003-hundred-villages"] {
            let once = try Self.clean(name).text
            let twice = Self.layout(once)
            #expect(twice.edits.isEmpty, "\(name): \(twice.edits.map(\.rule))")
            #expect(twice.text == once)
        }
    }

    @Test func everyExpectedOutputIsLeftAloneByLayout() {
        let names = TestSupport.fixtureNames
        #expect(names.count >= 20)
        for name in names {
            let document = Self.layout(TestSupport.fixtureText(name, "expected.txt"))
            #expect(document.edits.isEmpty, "\(name): \(document.edits.map { "\($0.rule)@\($0.line)" })")
        }
    }

    // MARK: Splitting

    @Test func spaceRunAfterColonSplitsOnlyBeforeAnEnumerator() {
        let document = Self.layout("意见： 一、统一思想。\n要求： 二是加强领导。\n同志们： 今天开会。\n")
        #expect(document.lines.map(\.text) == ["意见：", "一、统一思想。", "要求：", "二是加强领导。", "同志们：今天开会。"])
        #expect(document.lines.map(\.origin) == [1, 1, 2, 2, 3])
    }

    @Test func spaceRunAfterFullStopSplitsWhenTextFollows() {
        let document = Self.layout("做政治过硬的“明白人”。 讲政治是基本要求。　会议通过了决议！ 好\n")
        #expect(document.lines.map(\.text) == ["做政治过硬的“明白人”。", "讲政治是基本要求。", "会议通过了决议！", "好"])
    }

    @Test func spaceBeforeClosingMarkOrInsideQuotationIsNotASplit() {
        let document = Self.layout("他说：“好。 我们走。”\n真好。 ”\n")
        #expect(document.lines.map(\.text) == ["他说：“好。我们走。”", "真好。”"])
        #expect(!document.edits.contains { $0.rule == "layout.split-flattened" })
    }

    @Test func halfWidthFullStopAndSpaceBetweenHanAreNotSplits() {
        let text = "Hello. World! 破七千指日可待 尼康单反D80套机爆新低\n"
        #expect(Self.layout(text).text == text)
    }

    // MARK: Spaces

    @Test func spacesBesideFullWidthPunctuationAreRemoved() {
        let document = Self.layout("1 、首先 ，打开\n“阅卷人” 这是\n《书名》 （注） 。\n")
        #expect(document.lines.map(\.text) == ["1、首先，打开", "“阅卷人”这是", "《书名》（注）。"])
        let edit = document.edits.first { $0.rule == "layout.space-around-punctuation" }
        #expect(edit?.line == 1 && edit?.column == 2 && edit?.count == 2)
    }

    @Test func spacesBetweenHanOrNextToLatinStay() {
        let text = "政治决议（草案）等\u{3000}新华社北京3月14日电\u{3000}政协\n把 SD 卡往里插过\n三、扛起发展之责 激活基层动能\n"
        let document = Self.layout(text)
        #expect(document.text == text)
        #expect(document.edits.isEmpty)
    }

    @Test func leadingWhiteSpaceIsRemoved() {
        let document = Self.layout("\u{3000}\u{3000}段落开头。\n \t第二段。\n")
        #expect(document.text == "段落开头。\n第二段。\n")
        #expect(document.edits.map(\.rule) == ["layout.leading-space", "layout.leading-space"])
        #expect(document.edits.first?.removed == "\u{3000}\u{3000}")
    }

    // MARK: Joining

    @Test(arguments: ["一、总体要求", "（二）加强领导", "(3)落实责任", "第一，提高认识", "第三条 本办法",
                      "一是统一思想", "二要明确责任", "1. 打开设置", "2、选择文件", "3）保存", "①准备材料", "● 密码明文传输"])
    func headingOrListItemIsNeverAppendedToTheLineBefore(heading: String) {
        let text = "我们要做好以下工作，\n\(heading)\n"
        let document = Self.layout(text)
        #expect(document.text == text)
        #expect(document.edits.isEmpty)
    }

    @Test func headingThatEndsInASemicolonAbsorbsTheNextBodyLine() {
        let document = Self.layout("（四）坚持严管厚爱，对优秀书记进行表彰；\n建立职务晋升机制，优先选拔；\n（五）下一条。\n")
        #expect(document.lines.map(\.text) == ["（四）坚持严管厚爱，对优秀书记进行表彰；建立职务晋升机制，优先选拔；", "（五）下一条。"])
        #expect(document.lines.map(\.origin) == [1, 3])
        #expect(document.edits.map(\.line) == [1])
    }

    @Test func linesEndingInCommaSemicolonOrEnumerationCommaAreJoined() {
        let document = Self.layout("治国安邦，重在基层；\n管党兴党，\n重在基础、\n力量之源。\n下一段。\n")
        #expect(document.lines.map(\.text) == ["治国安邦，重在基层；管党兴党，重在基础、力量之源。", "下一段。"])
        let joins = document.edits.filter { $0.rule == "layout.join-broken-line" }
        #expect(joins.map(\.line) == [1, 2, 3])
        #expect(joins.first?.column == 11)
    }

    @Test func unclosedMarkIsJoinedOnlyWhenTheNextLineClosesItFirst() {
        let document = Self.layout("工作的“战前\n动员”。乡镇\n学习《中国共产党\n“章程”》全文\n他说：“第一段。\n“第二段。”\n")
        #expect(document.lines.map(\.text) == ["工作的“战前动员”。乡镇", "学习《中国共产党", "“章程”》全文", "他说：“第一段。", "“第二段。”"])
    }

    @Test func blankLineOrHardBreakStopsAJoin() {
        #expect(Self.layout("前文，\n\n后文。\n").text == "前文，\n\n后文。\n")
        var cut = Line("要把理论学习当成日常必修课，", origin: 1)
        cut.noJoinAfter = true // a truncation notice was cut out after it
        var document = Document(lines: [cut, Line("街头巷尾，才能听到群众的心里话。", origin: 3)])
        LayoutStage().apply(to: &document)
        #expect(document.lines.map(\.text) == ["要把理论学习当成日常必修课，", "街头巷尾，才能听到群众的心里话。"])
        #expect(document.edits.isEmpty)
        // A split line carries the mark on its last piece only.
        var flattened = Line("第一段。 第二段，", origin: 1)
        flattened.noJoinAfter = true
        document = Document(lines: [Line("开头，", origin: 1), flattened, Line("后文。", origin: 2)])
        LayoutStage().apply(to: &document)
        #expect(document.lines.map(\.text) == ["开头，第一段。", "第二段，", "后文。"])
    }

    // MARK: Duplicates

    @Test func laterCopiesOfAParagraphAreDropped() {
        let paragraph = "这是一段足够长的正文，会被网站重复贴出。"
        let document = Self.layout("标题\n\(paragraph)\n同志们：\n另一段正文也很长，不会重复。\n同志们：\n\(paragraph)\n一、重复的标题\n一、重复的标题\n")
        #expect(document.lines.map(\.text) == ["标题", paragraph, "同志们：", "另一段正文也很长，不会重复。", "同志们：",
                                               "一、重复的标题", "一、重复的标题"])
        let duplicate = document.edits.first { $0.rule == "layout.duplicate-paragraph" }
        #expect(duplicate?.line == 6)
        #expect(duplicate?.removed == paragraph)
        #expect(duplicate?.note == "copy of the paragraph at line 2")
    }

    @Test func droppingADuplicateLeavesAtMostOneBlankLine() {
        let paragraph = "这是一段足够长的正文，会被网站重复贴出。"
        let document = Self.layout("\(paragraph)\n\n另一段。\n\n\(paragraph)\n\n结尾。\n\n\(paragraph)\n")
        #expect(document.text == "\(paragraph)\n\n另一段。\n\n结尾。\n")
        #expect(document.edits.filter { $0.rule == "layout.blank-lines" }.count == 2)
    }

    // MARK: Options

    @Test func disabledRulesAreSkipped() throws {
        let text = "治国安邦，\n重在基层。 管党兴党 ，重在基础。\n"
        let document = Self.layout(text, disabling: ["layout.join-broken-line", "layout.split-flattened"])
        #expect(document.text == "治国安邦，\n重在基层。管党兴党，重在基础。\n")
        let cleaner = try Cleaner(options: { var options = CleanOptions(); options.disabledRules = ["layout.join-broken-line"]; return options }())
        #expect(cleaner.clean(text: "治国安邦,\n重在基层。\n").text == "治国安邦，\n重在基层。\n")
    }

    @Test func hugeFlattenedLineOfUnclosedQuotationsIsSplitEverywhere() {
        // Every split point sits inside an unclosed quotation whose closing mark never comes:
        // the look-ahead for it must not rescan the rest of the line each time.
        let document = Self.layout(String(repeating: "“甲乙。 ", count: 50_000) + "完\n")
        #expect(document.lines.count == 50_001)
        #expect(document.lines.first?.text == "“甲乙。")
        #expect(document.edits.first?.count == 50_000)
    }

    @Test func strayMarksInAHugeLineStayLinear() {
        // 200 000 unclosed quotes and stray closers: the mark stack is bounded.
        let line = String(repeating: "“》", count: 100_000) + "，"
        let document = Self.layout(line + "\n" + String(repeating: "字", count: 10) + "”。\n")
        #expect(document.lines.count == 1)
        #expect(document.lines[0].text.unicodeScalars.count == 200_013)
    }
}
