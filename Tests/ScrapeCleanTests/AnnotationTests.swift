import Testing
@testable import ScrapeClean

private func annotated(_ line: String) -> (text: String, edits: [Edit]) {
    var document = Document(text: line + "\n")
    AnnotationStage().apply(to: &document)
    return (document.lines[0].text, document.edits)
}

@Suite("Inline pinyin annotations")
struct AnnotationTests {
    @Test(arguments: [
        ("在全市第一書(shū)記選派工作會(huì)議上的講話", "在全市第一書記選派工作會議上的講話", 2),
        ("烟(yan)台市(shi)", "烟台市", 2),
        ("本文簡(jiǎn)介:", "本文簡介:", 1),
        ("書（shū）記", "書記", 1),
        ("書(shu1)記", "書記", 1),
        ("總體上來(lái)講,第一書(shū)記的任務(wù)", "總體上來講,第一書記的任務", 3),
        ("成長(zhǎng)", "成長", 1),
        ("應該說(shuō),到農村去", "應該說,到農村去", 1),
    ])
    func readingsAfterTheirCharacterAreRemoved(input: String, expected: String, count: Int) {
        let result = annotated(input)
        #expect(result.text == expected)
        #expect(result.edits.count == count)
        #expect(result.edits.allSatisfy { $0.rule == "annotations.inline-pinyin" && $0.stage == .annotations })
    }

    @Test(arguments: [
        "鄉街黨(工)委主管",
        "縣(區)委組織部主抓",
        "(一)在強化政治領導方面下足功夫",
        "（一）在强化政治领导方面",
        "推进会上的讲话(2012年3月19日)",
        "上市公司(A股)的表现",
        "the book(shū) here",
        "書(shi)記",
        "方案(B)如下",
        "見(Jian)面",
        "(shū)開頭",
    ])
    func realParentheticalsStay(input: String) {
        let result = annotated(input)
        #expect(result.text == input)
        #expect(result.edits.isEmpty)
    }

    @Test func theEditRecordsColumnAndText() {
        let result = annotated("第一書(shū)記")
        #expect(result.edits.first?.column == 4)
        #expect(result.edits.first?.removed == "(shū)")
        #expect(result.edits.first?.line == 1)
    }

    @Test func seed000AnnotationsAreAllRemovedAfterTheMojibakeStage() {
        var document = Document(text: """
            在全市第一書(shū)記選派工作會(huì)議上的講話 本文簡(jiǎn)介:
            今天,我們召開(kāi)第一書(shū)記選派工作會(huì)議。縣(區(qū))委組織部主抓,鄉街黨(工)委主管,勇挑重?fù)?dān)的熱情

            """)
        MojibakeStage().apply(to: &document)
        AnnotationStage().apply(to: &document)
        #expect(document.lines.map(\.text) == [
            "在全市第一書記選派工作會議上的講話 本文簡介:",
            "今天,我們召開第一書記選派工作會議。縣(區)委組織部主抓,鄉街黨(工)委主管,勇挑重擔的熱情",
        ])
        #expect(document.edits.filter { $0.stage == .annotations }.count == 7)
        #expect(document.edits.filter { $0.stage == .mojibake }.map(\.rule) == ["mojibake.gbk-shift"])
    }

    @Test func readingsCoverAllLatinOnlyWhenEveryToneLetterIsInsideOne() {
        let readings = InlineReadings()
        #expect(readings.coverAllLatin(of: "在全市第一書(shū)記選派工作會(huì)議上的講話"))
        #expect(readings.coverAllLatin(of: "成長(zhǎng)·發展"))
        #expect(!readings.coverAllLatin(of: "第一書(shū)記去了café"))
        #expect(!readings.coverAllLatin(of: "第一書(shū)記ä¸­æ–‡"))
        #expect(!readings.coverAllLatin(of: "书(shi)记 shū"))
        #expect(!readings.coverAllLatin(of: "没有拼音"))
    }

    @Test func readingsAreFoundWithTheColumnsTheyHaveOnceEarlierOnesAreGone() {
        let readings = InlineReadings()
        var line = "第一書(shū)記會(huì)議"
        let found = line.withUTF8 { readings.find(in: $0) }
        #expect(found.map(\.bytes) == [9..<15, 21..<27])
        #expect(found.map(\.column) == [4, 6])
    }
}
