import Testing
@testable import ScrapeClean

@Suite("Unicode hygiene")
struct HygieneTests {
    @Test("CRLF and CR become LF, recorded once with a count")
    func lineEndings() {
        let document = Hygiene().document(from: "同志们：\r\n今天开会。\r第二段。\r\n")
        #expect(document.text == "同志们：\n今天开会。\n第二段。\n")
        let edit = document.edits.first { $0.rule == "hygiene.line-endings" }
        #expect(edit?.count == 3)
    }

    @Test("Zero-width, BOM, bidi and control characters go; tab stays")
    func invisibleCharacters() {
        let document = Hygiene().document(from: "第一\u{200B}书记\u{FEFF}选派\u{202E}工作\u{0007}会议\t议程")
        #expect(document.text == "第一书记选派工作会议\t议程\n")
        let rules = Set(document.edits.map(\.rule))
        #expect(rules == ["hygiene.zero-width", "hygiene.byte-order-mark", "hygiene.bidi-control", "hygiene.control-character"])
    }

    @Test("No-break spaces become spaces; trailing white space is trimmed")
    func spaces() {
        let document = Hygiene().document(from: "选派\u{00A0}工作  \n会议\u{3000}\n")
        #expect(document.lines.map(\.text) == ["选派 工作", "会议"])
        #expect(document.edits.filter { $0.rule == "hygiene.trailing-space" }.count == 2)
    }

    @Test("Runs of blank lines collapse to one; blank lines at the ends go")
    func blankLines() {
        let document = Hygiene().document(from: "\n\n第一段。\n\n\n\n第二段。\n\n")
        #expect(document.text == "第一段。\n\n第二段。\n")
        #expect(document.lines.map(\.origin) == [3, 4, 7])
    }

    @Test("NFC composes decomposed letters but never folds Chinese punctuation (no NFKC)")
    func nfcNotNFKC() {
        let document = Hygiene().document(from: "Cafe\u{301}，「同志们」：（一）ＡＢＣ１２３")
        #expect(document.text == "Café，「同志们」：（一）ＡＢＣ１２３\n")
        #expect(document.edits.map(\.rule) == ["hygiene.nfc"])
    }

    @Test("Clean text passes through unchanged with no edits but a final newline",
          arguments: ["seed-001-village-training", "seed-002-township-secretaries", "seed-003-hundred-villages"])
    func cleanTextUntouched(seed: String) {
        let text = TestSupport.fixtureText(seed)
        let document = Hygiene().document(from: text)
        #expect(document.text.utf8.elementsEqual((text.hasSuffix("\n") ? text : text + "\n").utf8))
        #expect(document.edits.isEmpty)
    }

    @Test("Line origins point at input lines")
    func origins() {
        let document = Hygiene().document(from: "a\n\n\n\nb\nc")
        #expect(document.lines.map(\.origin) == [1, 2, 5, 6])
    }
}
