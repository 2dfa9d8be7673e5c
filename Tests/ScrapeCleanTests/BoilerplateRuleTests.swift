import Foundation
import Testing
@testable import ScrapeClean

/// The rule catalog: every built-in rule's examples, the keyword prefilter, the normalized
/// view, user rule files, `--disable` and the errors for invalid rule files.
@Suite struct BoilerplateRuleTests {
    static let catalog = try! RuleCatalog(options: CleanOptions())

    /// Whether the catalog's rule `id` acts on `line`, going through the prefilter as the
    /// engine does.
    static func acts(_ id: String, on line: String, catalog: RuleCatalog = catalog) -> Bool {
        guard let index = catalog.rules.firstIndex(where: { $0.rule.id == id }) else { return false }
        let normalized = NormalizedLine(line)
        guard catalog.matcher.candidates(in: normalized.text.utf8)[index] else { return false }
        return catalog.rules[index].firstMatch(in: normalized) != nil
    }

    @Test func everyBuiltInRuleHasAPositiveAndANegativeExample() throws {
        let rules = try RuleCatalog.builtInRules()
        #expect(rules.count >= 40)
        for rule in rules {
            #expect(!rule.examples.match.isEmpty, "rule \(rule.id) has no example it must match")
            #expect(!rule.examples.keep.isEmpty, "rule \(rule.id) has no example it must keep")
            #expect(rule.description != nil, "rule \(rule.id) has no description")
        }
    }

    @Test(arguments: try! RuleCatalog.builtInRules().map(\.id))
    func builtInRuleMatchesItsExamplesAndKeepsItsCounterExamples(id: String) throws {
        let rule = try #require(try RuleCatalog.builtInRules().first { $0.id == id })
        for line in rule.examples.match {
            #expect(Self.acts(id, on: line), "\(id) should act on: \(line)")
        }
        for line in rule.examples.keep {
            #expect(!Self.acts(id, on: line), "\(id) should keep: \(line)")
        }
    }

    @Test func noBuiltInRuleTouchesTheBodyOfAnExpectedOutput() throws {
        // Body lines written by hand: no rule may act on any of them.
        for name in TestSupport.fixtureNames {
            let expected = TestSupport.fixtureText(name, "expected.txt")
            for line in expected.split(separator: "\n").dropFirst() {
                for compiled in Self.catalog.rules where Self.acts(compiled.rule.id, on: String(line)) {
                    Issue.record("\(compiled.rule.id) acts on a body line of \(name): \(line.prefix(60))")
                }
            }
        }
    }

    @Test func oneRuleCatchesSimplifiedTraditionalAndAnnotatedForms() {
        for line in ["本文简介:", "本文簡介：", "本文簡(jiǎn)介:", "本文簡（jiǎn）介："] {
            #expect(Self.acts("meta.excerpt-label", on: line), "\(line)")
        }
        let cleaner = try! Cleaner()
        let result = cleaner.clean(text: "標題文字在這裡 本文簡(jiǎn)介:\n正文第一句話，寫得很長很長很長。\n")
        #expect(result.text.hasPrefix("標題文字在這裡\n"))
        let edit = try! #require(result.edits.first { $0.rule == "meta.excerpt-label" })
        // The annotation stage (before boilerplate, DESIGN.md §2) has already removed (jiǎn).
        #expect(edit.removed == " 本文簡介:")
        #expect(edit.column == 8)
    }

    @Test func normalizedOffsetsMapBackToTheOriginal() {
        let line = NormalizedLine("本文簡(jiǎn)介：ＡＢ")
        #expect(line.text == "本文简介:AB")
        #expect(line.originalRange(of: 0..<4) == 0..<10)
        #expect(line.originalRange(of: 4..<5) == 10..<11)
        #expect(line.withoutReadings == "本文簡介：ＡＢ")
        // A real parenthetical is not a reading.
        #expect(NormalizedLine("黨(工)委").text == "党(工)委")
        #expect(NormalizedLine("PowerPoint(PPT)").text == "PowerPoint(PPT)")
    }

    @Test func keywordPrefilterAgreesWithANaiveSearch() {
        let keywords = ["小编", "来源", "上一篇", "|", "ICP", "编辑", "责任编辑", "a", "ab", "bab"]
        let matcher = KeywordMatcher(keywords: keywords.enumerated().map { ($0.element, $0.offset) }, ruleCount: keywords.count)
        var random = SplitMix64(seed: 7)
        let alphabet = Array("小编来源上一篇|ICP责任辑abx，。")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...20, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let found = matcher.candidates(in: text.utf8)
            for (index, keyword) in keywords.enumerated() {
                #expect(found[index] == text.contains(keyword), "\(keyword) in \(text)")
            }
        }
    }

    @Test func aLineWithoutAKeywordIsNeverExamined() throws {
        // The pattern would match anything, but the keyword is absent.
        let json = #"{"rules": [{"id": "test.everything", "category": "test", "keywords": ["不存在的词"], "pattern": ".*", "action": "drop-line"}]}"#
        var options = CleanOptions()
        options.extraRuleSources = [RuleSource(name: "mine.json", json: json)]
        let result = try Cleaner(options: options).clean(text: "同志们：\n今天我们开会。\n")
        #expect(!result.edits.contains { $0.rule == "test.everything" })
    }

    @Test func aUserRuleFileIsLoadedAndApplied() throws {
        let json = """
        {"rules": [{
          "id": "mine.reader-group",
          "category": "banner",
          "zone": {"zone": "tail", "lines": 5},
          "keywords": ["群"],
          "pattern": "^(?:欢迎)?加入.{0,8}(?:读者|粉丝)(?:QQ|微信)?群.{0,20}$",
          "action": "drop-line",
          "guards": {"maxLength": 40},
          "examples": {"match": ["欢迎加入本站读者QQ群：123456"], "keep": ["他加入了一个读者群。"]}
        }]}
        """
        var options = CleanOptions()
        options.extraRuleSources = [RuleSource(name: "readers.json", json: json)]
        let text = "同志们：\n今天我们在这里开会，讨论明年的工作安排。\n欢迎加入本站读者QQ群：123456\n"
        let result = try Cleaner(options: options).clean(text: text)
        #expect(result.text == "同志们：\n今天我们在这里开会，讨论明年的工作安排。\n")
        #expect(result.edits.contains { $0.rule == "mine.reader-group" && $0.line == 3 })
        // Without the file, the rules leave the line (the learned line model, which would
        // take it as chrome too, is off here: this is about the rule file).
        var withoutFile = CleanOptions()
        withoutFile.disabledRules = ["model.line"]
        #expect(try Cleaner(options: withoutFile).clean(text: text).text.contains("读者QQ群"))
    }

    @Test func theExampleRuleFileInTheDocumentationLoadsAndPassesItsExamples() throws {
        let doc = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```json\n"))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        let json = String(doc[start.upperBound..<end.lowerBound])
        var options = CleanOptions()
        options.extraRuleSources = [RuleSource(name: "docs/rules.md", json: json)]
        let catalog = try RuleCatalog(options: options)
        let userRules = try RuleFileParser.parse(json: json, source: "docs/rules.md")
        #expect(userRules.count == 2)
        for rule in userRules {
            for line in rule.examples.match { #expect(Self.acts(rule.id, on: line, catalog: catalog), "\(rule.id): \(line)") }
            for line in rule.examples.keep { #expect(!Self.acts(rule.id, on: line, catalog: catalog), "\(rule.id): \(line)") }
        }
        let result = try Cleaner(options: options).clean(text: "标题\n稿源：新华社\n正文第一段，写得很长很长很长。\n")
        #expect(result.metadata.source == "新华社")
    }

    @Test func disabledRulesAreNotApplied() throws {
        let text = "下面是小编为大家整理的讲话,供大家参考。\n同志们：\n今天我们开会，讨论明年的工作。\n"
        #expect(!(try Cleaner().clean(text: text).text.contains("小编")))
        var options = CleanOptions()
        // Two rules take the line (the preface on its own line, the notice closing any line).
        options.disabledRules = ["banner.xiaobian-preface", "banner.compiler-notice"]
        let result = try Cleaner(options: options).clean(text: text)
        #expect(result.text.hasPrefix("下面是小编为大家整理的讲话，供大家参考。\n"))
        #expect(!result.edits.contains { $0.rule == "banner.xiaobian-preface" || $0.rule == "banner.compiler-notice" })
    }

    @Test func disablingAStructuralDetectorKeepsWhatItWouldRemove() throws {
        var options = CleanOptions()
        options.disabledRules = ["structure.toc", "structure.head-chrome"]
        let result = try Cleaner(options: options).clean(bytes: TestSupport.fixtureBytes("seed-002-township-secretaries"))
        #expect(result.text.hasPrefix("目录/提纲"))
        #expect(!result.edits.contains { $0.rule.hasPrefix("structure.toc") || $0.rule == "structure.head-chrome" })
    }

    @Test(arguments: [
        (#"{"rules": [{"id": "x.y", "category": "c", "keywords": ["a"], "pattern": "(", "action": "drop-line"}]}"#,
         "mine.json: invalid rules: rule 'x.y': the pattern does not compile as an ICU regular expression (U_REGEX_MISMATCHED_PAREN)"),
        (#"{"rules": [{"id": "x.y", "category": "c", "keywords": ["a"], "pattern": "a", "action": "delete"}]}"#,
         "mine.json: invalid rules: rule 'x.y': unknown action \"delete\""),
        (#"{"rules": [{"id": "x.y", "category": "c", "pattern": "a", "action": "drop-line"}]}"#,
         "mine.json: invalid rules: rule 'x.y': \"keywords\" must be a non-empty array"),
        (#"{"rules": [{"category": "c", "keywords": ["a"], "pattern": "a", "action": "drop-line"}]}"#,
         "mine.json: invalid rules: rule #1: missing \"id\""),
        (#"{"rules": [{"id": "x.y", "category": "c", "keywords": ["a"], "pattern": "(?<who>a)", "action": "drop-line"}]}"#,
         "mine.json: invalid rules: rule 'x.y': named group \"who\" is not a metadata field"),
        (#"{"rules": [{"id": "x.y", "category": "c", "keywords": ["a"], "pattern": "a", "action": "drop-line", "zone": {"zone": "head"}}]}"#,
         "mine.json: invalid rules: rule 'x.y': zone \"head\" needs a positive \"lines\" budget"),
        (#"{"rules": [{"id": "x.y", "category": "c", "keywords": ["a"], "pattern": "a", "action": "drop-line", "guards": {"maxLen": 3}}]}"#,
         "mine.json: invalid rules: rule 'x.y': unknown guard \"maxLen\""),
        (#"{"rules": [{"id": "x.y", "category": "c", "keywords": ["a"], "pattern": "a", "action": "drop-line", "colour": 1}]}"#,
         "mine.json: invalid rules: rule 'x.y': unknown field \"colour\""),
        (#"{"rules": [{"id": "banner.xiaobian-preface", "category": "c", "keywords": ["a"], "pattern": "a", "action": "drop-line"}]}"#,
         "invalid rules: rule 'banner.xiaobian-preface': the id is used twice"),
        (#"{"rules": [ {"id": "x.y",}"#, "mine.json: invalid rules: not valid JSON"),
        (#"["not", "an", "object"]"#, "mine.json: invalid rules: expected an object with a \"rules\" array"),
    ])
    func invalidRuleFilesGiveAnErrorNamingFileRuleAndProblem(json: String, message: String) {
        var options = CleanOptions()
        options.extraRuleSources = [RuleSource(name: "mine.json", json: json)]
        do {
            _ = try Cleaner(options: options)
            Issue.record("no error for \(json)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func disablingAnUnknownIdIsAnError() {
        var options = CleanOptions()
        options.disabledRules = ["banner.no-such-rule"]
        #expect(throws: CleanerError.invalidRules(source: "--disable", reason: "no rule or detector has the id 'banner.no-such-rule'")) {
            _ = try Cleaner(options: options)
        }
    }

    @Test func zonesLimitWhereARuleLooks() throws {
        // meta.date-line only looks at the first 60 lines.
        let body = (1...70).map { "第\($0)段正文内容，写得比较长一些。" }
        let early = try Cleaner().clean(text: (["标题文字", "2022-01-27"] + body).joined(separator: "\n"))
        #expect(early.edits.contains { $0.rule == "meta.date-line" })
        let late = try Cleaner().clean(text: (["标题文字"] + body + ["2022-01-27", "最后一段正文，写得比较长一些。"]).joined(separator: "\n"))
        #expect(!late.edits.contains { $0.rule == "meta.date-line" })
    }

    @Test func cutToDocumentEndInsideTheArticleRemovesOnlyTheMarker() throws {
        let paragraphs = ["第一段", "第二段", "第三段"].map {
            "这是\($0)很长的正文，讲述了基层干部扎根农村、带领群众发展产业、改善人居环境、提升治理水平的具体做法和经验，内容详实，语言朴实，读来令人感动。"
        }
        let text = "标题\n\(paragraphs[0])\n相关阅读\n另一篇文章的标题\n\(paragraphs[1])\n\(paragraphs[2])\n"
        let result = try Cleaner().clean(text: text)
        #expect(result.text == "标题\n\(paragraphs[0])\n另一篇文章的标题\n\(paragraphs[1])\n\(paragraphs[2])\n")
        #expect(result.edits.filter { $0.rule == "navigation.related-list" }.count == 1)
    }

    @Test func cutToDocumentEndNeedsBodyBeforeIt() throws {
        let result = try Cleaner().clean(text: "上一篇：某篇文章\n同志们：\n今天我们在这里开会，讨论明年的工作安排。\n")
        #expect(result.text.contains("今天我们在这里开会"))
    }

    @Test func footerLinesThatChromeRemovalBringsIntoTheTailZoneGoInTheSamePass() throws {
        // Contact lines sit 34 lines from the end, outside footer.contact's 30-line tail zone,
        // until the five chrome lines after them are removed; then each removal at the zone's
        // edge brings the next contact line in. One clean must reach the end of that chain.
        let nums = Array("一二三四五六七八九十")
        var lines = ["今天我们来聊一聊网站建设的事情，这是正文的第一段。"]
        let contact = ["地址：甘肃省嘉峪关市海棠区瑞滨大楼1350号", "电话：028-291802227", "手机：18917620881", "邮箱：admin@nbsbj.cn"]
        lines += contact
        lines += (1...29).map { "第\($0)段正文讲的是第\(nums[($0 - 1) % 10])件事情，第\($0)次写得很清楚。" }
        lines += ["上一篇：网站建设的十个要点", "下一篇：没有了", "Copyright © 2004-2022 www.nbsbj.cn 版权所有", "备案号：ICP备72778974号-9", "返回顶部"]
        // The learned line model would take some contact lines itself; this is about the rule's zone.
        var options = CleanOptions()
        options.disabledRules = ["model.line"]
        let cleaner = try Cleaner(options: options)
        let once = cleaner.clean(text: lines.joined(separator: "\n") + "\n")
        #expect(once.edits.filter { $0.rule == "footer.contact" }.map(\.removed).sorted() == contact.sorted())
        #expect(once.edits.filter { $0.rule == "footer.contact" }.map(\.line).sorted() == [2, 3, 4, 5])
        #expect(once.text.contains("第29段正文"))
        let twice = cleaner.clean(text: once.text)
        #expect(twice.text == once.text)
        #expect(twice.edits.isEmpty, "\(twice.edits.map { "\($0.rule) line \($0.line): \($0.removed)" })")
    }
}
