import Testing
@testable import ScrapeClean

/// Discuz jammer strings: whole lines go, jammers glued to a line's start or end are cut, and
/// ASCII that is text (words, URLs, code, model numbers, lists) stays.
@Suite struct JammerDetectorTests {
    static let cleaner = try! Cleaner()

    static func detect(_ text: String) -> WorkingDocument {
        var document = WorkingDocument(document: Document(text: text))
        JammerDetector().apply(to: &document)
        return document
    }

    static func alive(_ document: WorkingDocument) -> [String] {
        document.lines.filter(\.isAlive).map(\.text)
    }

    @Test func aJammerAloneOnALineIsRemoved() {
        // debug.pet (a Discuz forum, stored page text): jammers between a post's lines.
        let document = Self.detect("准备好了吗?就绪。开始!\n    4 ~2 @6 @' m1 W/ }% D\" E( D: a  ]5 R\n分离存储管理逻辑\n    ) Y$ q/ P4 a) [# s* Y3 J5 ~! k\n")
        #expect(Self.alive(document) == ["准备好了吗?就绪。开始!", "分离存储管理逻辑"])
        #expect(document.edits.count == 2)
        #expect(document.edits.allSatisfy { $0.rule == "structure.jammer" && $0.note?.contains("jammer") == true })
    }

    @Test func aJammerGluedToTheEndOfABodyLineIsCut() {
        // The labelled corpus's format example (a forum post) and debug.pet's code lines.
        let document = Self.detect("楼主说的这个方法我试过了，确实有效。7 Z, X# ]+ f+ h8 N6 l6 |4 _\n  var ds = get_data().begin_parse();3 r1 t& J: f3 x- G8 b  l, e8 @\n  4.           ds~load_uint(32), ;; counter_value* f6 k2 D* b5 A4 x\n")
        #expect(Self.alive(document) == ["楼主说的这个方法我试过了，确实有效。", "  var ds = get_data().begin_parse();",
                                         "  4.           ds~load_uint(32), ;; counter_value"])
        let first = document.edits[0]
        #expect(first.removed == "7 Z, X# ]+ f+ h8 N6 l6 |4 _")
        #expect(first.column == 19)
    }

    @Test func aJammerGluedToTheStartOfABodyLineIsCut() {
        let document = Self.detect("5 e) [\" d# q, ?4 W\" s: d 首先,让我们来处理合约所有者存储中的数据。\n")
        #expect(Self.alive(document) == ["首先,让我们来处理合约所有者存储中的数据。"])
        #expect(document.edits.first?.removed == "5 e) [\" d# q, ?4 W\" s: d ")
    }

    @Test func asciiTextIsNeverTakenForAJammer() {
        let text = """
        The quick brown fox jumps over the lazy dog, and a b c d e f g are letters.
        详见 https://www.example.com/forum.php?mod=viewthread&tid=98429 第 3 页
        for (int i = 0; i < n; i++) { x = a[i] + b[i]; }
        型号 RTX 4090 Ti / i9-13900K / DDR5 6000 32G x 2
        选项为 1, a, b, c, d, e 中的一个
        A B C D E F G H
        1 2 3 4 5 6 7 8 9 10
        """
        let document = Self.detect(text)
        #expect(document.edits.isEmpty)
        #expect(Self.cleaner.clean(text: text + "\n").edits.allSatisfy { $0.rule != "structure.jammer" })
    }

    @Test func theCleanerCutsJammersAndDisablingKeepsThem() throws {
        let text = "求助帖\n我也在搞这部分,中文打印总是搞不定,谁能帮帮我?7 Z, X# ]+ f+ h8 N6 l6 |4 _\n"
        let result = Self.cleaner.clean(text: text)
        #expect(result.text == "求助帖\n我也在搞这部分，中文打印总是搞不定，谁能帮帮我？\n")
        #expect(Self.cleaner.clean(text: result.text).text == result.text)
        var options = CleanOptions()
        options.disabledRules = ["structure.jammer"]
        let kept = try Cleaner(options: options).clean(text: text)
        #expect(kept.text.contains("|4 _"))
    }
}
