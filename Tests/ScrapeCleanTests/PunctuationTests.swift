import Testing
@testable import ScrapeClean

@Suite("Punctuation width")
struct PunctuationTests {
    private func punctuate(_ text: String) -> Document {
        var document = Document(text: text)
        PunctuationStage().apply(to: &document)
        return document
    }

    @Test("Half-width marks beside Han characters become full width", arguments: [
        ("同志们:", "同志们："),
        ("今天,我们召开会议;明天休息!对吗?", "今天，我们召开会议；明天休息！对吗？"),
        ("“明白人”, 讲政治", "“明白人”， 讲政治"),
        ("售价有了调整,D80套机", "售价有了调整，D80套机"),
        ("作法:1、香菇去根", "作法：1、香菇去根"),
    ])
    func marks(input: String, expected: String) {
        #expect(punctuate(input).lines.first?.text == expected)
    }

    @Test("Marks between digits, in URLs and in Latin text stay", arguments: [
        "时间10:30开始", "见http://www.wm114.cn网站", "Hello, world!", "版本v1.2,3",
    ])
    func marksKept(input: String) {
        let document = punctuate(input)
        #expect(document.lines.first?.text == input)
        #expect(document.edits.isEmpty)
    }

    @Test("Parentheses around Han text become full width; around Latin text they stay", arguments: [
        ("张锋 (2012年3月19日)", "张锋 （2012年3月19日）"),
        ("(一)在强化政治领导方面", "（一）在强化政治领导方面"),
        ("乡街黨(工)委主管", "乡街黨（工）委主管"),
        ("上涨(A股)", "上涨（A股）"),
        ("PowerPoint(PPT)2016", "PowerPoint(PPT)2016"),
    ])
    func parentheses(input: String, expected: String) {
        #expect(punctuate(input).lines.first?.text == expected)
    }

    @Test("A mark after parentheses that become full width sees the full-width one, so a second run changes nothing", arguments: [
        ("什么是恒生指数(恒指)?", "什么是恒生指数（恒指）？"),
        ("台灣大眾健康資訊網站網頁總評(1998 年版):", "台灣大眾健康資訊網站網頁總評（1998 年版）："),
        ("旺季(4月1日~10月31日):60.00元", "旺季（4月1日~10月31日）：60.00元"),
    ])
    func markAfterConvertedParenthesis(input: String, expected: String) {
        let once = punctuate(input).lines.first?.text
        #expect(once == expected)
        let twice = punctuate(expected)
        #expect(twice.edits.isEmpty)
    }

    @Test("Full-width Latin letters and digits become ASCII; Chinese punctuation never does")
    func fullWidthAlphanumerics() {
        let document = punctuate("ＡＢＣ１２３，。“”（）")
        #expect(document.lines.first?.text == "ABC123，。“”（）")
        #expect(document.edits.first?.count == 6)
    }

    /// Seed 003's third line changes 158 marks, a colon at the 11th and semicolons only after
    /// the 16th: the merged edit shows the first 16 changes and the first of every further kind.
    @Test("A merged edit shows every kind of change the line had, not only the first 16")
    func mergedEditShowsEveryKind() throws {
        let line = try #require(TestSupport.fixtureText("seed-003-hundred-villages")
            .split(separator: "\n").first { $0.filter { $0 == "," }.count > 100 && $0.contains(";") })
        let document = punctuate(String(line))
        let edit = try #require(document.edits.first { $0.rule == PunctuationRule.fullWidthMark.rawValue })
        #expect(edit.count > 100)
        #expect(Set(edit.replacement.unicodeScalars) == ["，", "：", "；"])
        #expect(Set(edit.removed.unicodeScalars) == [",", ":", ";"])
        #expect(edit.replacement.unicodeScalars.count < 16 + 5)
        #expect(edit.removed.unicodeScalars.count == edit.replacement.unicodeScalars.count)

        let letters = punctuate("第" + String(repeating: "ＡＢ", count: 20) + "Ｚ９章").edits[0]
        #expect(letters.count == 42)
        #expect(letters.replacement == String(repeating: "AB", count: 8) + "Z9")
        #expect(letters.removed == String(repeating: "ＡＢ", count: 8) + "Ｚ９")
    }

    @Test("Each change is recorded with its input line")
    func edits() {
        let document = punctuate("第一行。\n同志们:\n今天,开会。")
        #expect(document.edits.map(\.line) == [2, 3])
        #expect(document.edits.allSatisfy { $0.stage == .punctuation })
    }

    @Test("A disabled rule leaves its changes undone and the other rules still apply")
    func disabledRules() {
        let input = "售价(含税)总计:ＡＢ１２元"
        var all = Document(text: input)
        PunctuationStage().apply(to: &all)
        #expect(all.lines.first?.text == "售价（含税）总计：AB12元")
        for rule in PunctuationRule.allCases {
            var document = Document(text: input)
            PunctuationStage(disabledRules: [rule.rawValue]).apply(to: &document)
            let expected = switch rule {
            case .fullWidthMark: "售价（含税）总计:AB12元"
            case .fullWidthParentheses: "售价(含税)总计：AB12元"
            case .fullWidthAlphanumeric: "售价（含税）总计：ＡＢ１２元"
            }
            #expect(document.lines.first?.text == expected, "--disable \(rule.rawValue)")
            #expect(!document.edits.contains { $0.rule == rule.rawValue })
            #expect(Set(document.edits.map(\.rule)) == Set(PunctuationRule.allCases.map(\.rawValue)).subtracting([rule.rawValue]))
        }
    }

    @Test("--disable reaches the punctuation and pinyin-annotation rules through the cleaner")
    func disabledThroughTheCleaner() throws {
        var options = CleanOptions()
        options.disabledRules = [PunctuationRule.fullWidthMark.rawValue, AnnotationStage.rule]
        let result = try Cleaner(options: options).clean(text: "同志们:\n在第一書(shū)記選派工作會議上。\n")
        #expect(result.text == "同志们:\n在第一書(shū)記選派工作會議上。\n")
        #expect(!result.edits.contains { $0.rule == PunctuationRule.fullWidthMark.rawValue || $0.rule == AnnotationStage.rule })
        let cleaned = try Cleaner(options: CleanOptions()).clean(text: "同志们:\n在第一書(shū)記選派工作會議上。\n")
        #expect(cleaned.text == "同志们：\n在第一書記選派工作會議上。\n")
    }
}
