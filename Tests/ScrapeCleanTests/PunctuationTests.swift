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

    @Test("Full-width Latin letters and digits become ASCII; Chinese punctuation never does")
    func fullWidthAlphanumerics() {
        let document = punctuate("ＡＢＣ１２３，。“”（）")
        #expect(document.lines.first?.text == "ABC123，。“”（）")
        #expect(document.edits.first?.count == 6)
    }

    @Test("Each change is recorded with its input line")
    func edits() {
        let document = punctuate("第一行。\n同志们:\n今天,开会。")
        #expect(document.edits.map(\.line) == [2, 3])
        #expect(document.edits.allSatisfy { $0.stage == .punctuation })
    }
}
