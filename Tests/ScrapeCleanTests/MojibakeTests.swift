import Foundation
import Testing
@testable import ScrapeClean

/// The repository's Fixtures directory (the tests read fixtures committed with the package).
private let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

private func fixtureText(_ name: String, _ file: String) throws -> String {
    try String(contentsOf: fixturesDirectory.appendingPathComponent(name).appendingPathComponent(file), encoding: .utf8)
}

/// Runs the mojibake stage alone over `lines`.
private func repairedLines(_ lines: [String]) -> (lines: [String], edits: [Edit], metadata: Metadata) {
    var document = Document(text: lines.joined(separator: "\n") + "\n")
    MojibakeStage().apply(to: &document)
    return (document.lines.map(\.text), document.edits, document.metadata)
}

/// Garbles text the way a wrong decoder does, with ICU.
private func garble(_ text: String, encodeAs source: String, decodeAs wrong: String) throws -> String {
    guard case let .bytes(bytes) = ICU.encode(text, charset: source) else {
        throw GarbleError.unencodable
    }
    guard let decoded = ICU.decode(bytes, charset: wrong), decoded.invalidCount == 0 else { throw GarbleError.undecodable }
    return decoded.text
}

private enum GarbleError: Error { case unencodable, undecodable }

// Real sentences from the seeds (simplified: seeds 001 and 003; traditional: seed 000).
private let simplifiedSentences = [
    "按照省市区委关于加强村党组织书记素质能力提升的要求，今天，我们在这里举办全区农村党组织书记培训班。",
    "这个论断深刻阐明了治国安邦，重在基层；管党兴党，重在基础。",
    "今天，我们在这里召开全县党员干部活动推进会。",
]
private let traditionalSentences = [
    "黨的十九大制定了鄉村振興戰略，提出了全面建成小康社會。",
    "第一書記是伴隨著整個脫貧攻堅工作應運而生的。",
    "選派第一書記到村任職，是事關決勝全面小康社會的重大政治任務。",
]
// Sentences with an even number of characters, whose UTF-8 bytes all decode as GB18030.
private let evenSentences = ["确保全面建成小康社会如期实现", "大力发展绿色农业", "基层党组织是党的执政之基", "提升服务大局能力"]
private let cleanBefore = "同志们，今天我们召开会议。"
private let cleanAfter = "希望大家牢记使命、不负重托。"

@Suite("Mojibake repair")
struct MojibakeTests {
    // MARK: Seed 000: byte-shifted GBK runs

    static let seed000Runs = [
        "也是我們全面建成小康社會的關鍵之年，脫貧攻堅是我們全面建成小康社會的一個重點",
        "勇挑重擔的熱情",
        "二是基層基礎顯著加強。基層黨建非常重要",
        "我們在市、縣工作，可能感受不是那么深",
        "一些核心思想至今都有很強的指導意義。《擺脫貧困》這本書我逐字逐句地看",
        "第一書記不能因為自己是上級派來的，就把自己當作",
        "切實加強日常考核。各掛任村要主動對接第一書記",
        "對新矛盾做好政策解釋，有效疏導情緒，防止問題堆積",
    ]

    @Test func seed000ShiftedRunsAreRebuiltEndToEnd() throws {
        let input = try Data(contentsOf: fixturesDirectory.appendingPathComponent("seed-000-first-secretary/input.txt"))
        let result = try Cleaner().clean(bytes: [UInt8](input))
        for run in Self.seed000Runs {
            #expect(result.text.contains(run), "missing restored run: \(run)")
        }
        // 全面建成小康社會 was mangled four times (twice in the excerpt line, twice in the body).
        let shiftEdits = result.edits.filter { $0.rule == "mojibake.gbk-shift" }
        #expect(shiftEdits.filter { $0.replacement == "全面建成小康社會" }.count == 4)
        #expect(shiftEdits.count == 11)
        #expect(result.metadata.unrepairedRuns == nil)
        // No orphan marks, stray pinyin or shifted garbage left anywhere.
        #expect(!result.text.contains("?"))
        for garbage in ["鐣", "娼", "瞪", "】", "鶎", "狱", "稊", "鲯", "烊", "逡", "鲃", "樽", "霞", "谑", "鑼", "ǔ", "(", "（q"] {
            #expect(!result.text.contains(garbage), "left over: \(garbage)")
        }
    }

    @Test func seed000RunsComeOutExactly() {
        let repair = ShiftedGBKRepair()
        let cases: [(String, String)] = [
            ("也是我們?nèi)娼ǔ尚】瞪鐣?huì)的關(guān)鍵之年", "也是我們全面建成小康社會的關(guān)鍵之年"),
            ("勇挑重?fù)?dān)的熱情", "勇挑重擔的熱情"),
            ("顯著加強(qiáng);鶎狱h建非常重要", "顯著加強(qiáng)。基層黨建非常重要"),
            ("我們?cè)谑、縣工作,可能", "我們在市、縣工作,可能"),
            ("指導意義!稊[脫貧困》這本書", "指導意義。《擺脫貧困》這本書"),
            ("第一書(shū)記不能因?yàn)樽约菏巧霞?jí)派來(lái)的", "第一書(shū)記不能因為自己是上級派來(lái)的"),
            ("切實加強(qiáng)日?己恕8鲯烊未逡鲃(dòng)對(duì)接", "切實加強(qiáng)日常考核。各掛任村要主動對(duì)接"),
            ("對新矛盾做好政策解釋?zhuān)行鑼?dǎo)情緒,防止", "對新矛盾做好政策解釋，有效疏導情緒,防止"),
        ]
        for (mangled, restored) in cases {
            #expect(repair.repair(line: mangled).text == restored)
        }
    }

    /// The lossy UTF-8 search runs only where the bytes mostly form UTF-8: seed 000's clean
    /// traditional text read back as GBK does not, UTF-8 with every fifth byte lost does.
    @Test func lossyUTF8SearchNeedsBytesThatMostlyFormUTF8() throws {
        func gbkBytes(_ text: String) -> [LossyUTF8.Byte] {
            text.unicodeScalars.flatMap { scalar -> [LossyUTF8.Byte] in
                guard let code = GBKTable.shared.encode(scalar) else { return [.known(UInt8(scalar.value))] }
                return [.known(UInt8(code >> 8)), .known(UInt8(code & 0xFF))]
            }
        }
        let seed = TestSupport.fixtureText("seed-000-first-secretary", "expected.txt")
        let cleanLines = seed.split(separator: "\n").map(String.init).filter { $0.unicodeScalars.count >= 20 }
        #expect(cleanLines.count > 20)
        for line in cleanLines {
            #expect(!WrongCodecRepair.isMostlyWellFormedUTF8(gbkBytes(line)), "\(line)")
        }
        let sentence = Array("我们今天在这里召开全县农村工作会议，主要任务是总结去年的工作".utf8)
        let damaged = sentence.enumerated().map { $0.offset % 5 == 4 ? LossyUTF8.Byte.unknown : .known($0.element) }
        #expect(WrongCodecRepair.isMostlyWellFormedUTF8(damaged))
        #expect(WrongCodecRepair.isMostlyWellFormedUTF8(sentence.map { .known($0) }))
    }

    /// A byte shift keeps the number of characters, so a run with no `?` or pinyin pin may grow
    /// by one put-back pair at most. Rare characters after a colon (the one false repair the
    /// 50 MB of risky clean text had) were "rebuilt" as seven common ones before.
    @Test func anUnpinnedRunIsNeverRebuiltIntoMoreCharactersThanAShiftGives() throws {
        let repair = ShiftedGBKRepair()
        for line in ["例子:龘龘嬲", "生僻字:龘龘嬲靐齉", "例子:龘龘嬲,后面还有正文"] {
            let result = repair.repair(line: line)
            #expect(result.fixes.isEmpty && result.text == line, "\(line) -> \(result.text)")
        }
        let cleaned = try Cleaner().clean(text: "例子:龘龘嬲\n")
        #expect(cleaned.text == "例子：龘龘嬲\n")
        #expect(!cleaned.edits.contains { $0.stage == .mojibake })
        // Pinned runs are rebuilt as before.
        #expect(repair.repair(line: "勇挑重?fù)?dān)的熱情").text == "勇挑重擔的熱情")
    }

    /// A run may start where a full-width character was folded to ASCII, but only if a rare
    /// double-byte character (or a `?pinyin)` mark) follows: the pinyin of an annotation and
    /// ASCII are no sign of shifted decoding. Such false starts cost a whole search each
    /// (about 1 ms): 46 per copy of seed 000, one per copy of a medical page.
    @Test func punctuationBeforeAnAnnotationOrASCIIStartsNoSearch() {
        let repair = ShiftedGBKRepair()
        for line in ["的工作紀(jì)律還有明確要求,每個(gè)月在村子里面不", "斑，很大地影响了美观，给[详细]"] {
            #expect(!repair.mayContainRun(Array(line.unicodeScalars)), "\(line)")
            let result = repair.repair(line: line)
            #expect(result.work == 0 && result.text == line, "\(line)")
        }
        for line in ["顯著加強(qiáng);鶎狱h建非常重要", "指導意義!稊[脫貧困》這本書"] {
            #expect(repair.mayContainRun(Array(line.unicodeScalars)), "\(line)")
            #expect(repair.repair(line: line).work > 0, "\(line)")
        }
    }

    /// Fuzzing regression (timeout, 34 s in the sanitized build): seed 000 cut mid-character and
    /// spliced onto a GB18030 page, so that the detector reads the whole file as GB18030 and
    /// seed 000's UTF-8 turns into GBK mojibake full of would-be run starts. Before the work
    /// budget its lines cost over a million search states (one 1351-character line 237,616).
    @Test func searchingAPageReadWithTheWrongCodecStaysWithinTheWorkBudget() throws {
        let seed = TestSupport.fixtureBytes("seed-000-first-secretary")
        let gb18030 = TestSupport.fixtureBytes("encoding-gb18030-hygiene")
        let spliced = Array(seed.prefix(seed.count / 2 + 1)) + Array(gb18030.suffix(3001))
        let text = try EncodingDetector.decode(spliced).text
        let repair = ShiftedGBKRepair()
        let budget = ShiftedGBKRepair.workBudget(forUTF8Count: text.utf8.count)
        var session = ShiftedGBKRepair.Session(utf8Count: text.utf8.count)
        var spent = 0
        for line in text.split(separator: "\n") {
            spent += repair.repair(line: String(line), in: &session).work
        }
        #expect(spent <= budget + ShiftedGBKRepair.workPerStep, "spent \(spent) search states, budget \(budget)")
        #expect(spent >= budget, "the mojibake lines are searched until the budget is spent (the case stays a real one)")
    }


    /// The beam keeps the cheapest hypotheses by selection instead of a full sort; it must keep
    /// exactly what a stable sort would, ties in generation order, on keys full of ties.
    @Test func theBeamKeepsWhatAStableSortWould() {
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<400 {
            let count = Int.random(in: 0...300, using: &generator)
            // Few distinct values, so that ties are everywhere, plus some infinities.
            let keys: [Float] = (0..<count).map { _ in
                Int.random(in: 0..<20, using: &generator) == 0 ? .infinity : Float(Int.random(in: 0..<12, using: &generator)) / 4
            }
            let keep = trial % 3 == 0 ? ShiftedGBKRepair.beamWidth : Int.random(in: 0...60, using: &generator)
            let expected = Array(keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.prefix(keep))
            #expect(ShiftedGBKRepair.indicesOfSmallest(keep, of: keys) == expected, "keys \(keys), keep \(keep)")
        }
    }

    /// The search's memo must give exactly the model's bonuses, on first sight and on a hit,
    /// and the model's bit filter must not hide any word.
    @Test func theWordBonusMemoGivesTheModelsBonuses() throws {
        let model = HanFrequencyModel.shared
        #expect(model.filterCoversEveryWord)
        let scalars = Array(try fixtureText("seed-000-first-secretary", "expected.txt").unicodeScalars)
        var memo = WordBonusMemo(model: model)
        var words = 0
        // Forwards (misses, then hits on repeats), then backwards (entries overwritten since).
        for index in Array(scalars.indices.dropFirst(2)) + Array(scalars.indices.dropFirst(2)).reversed() {
            let (a, b, c) = (scalars[index - 2], scalars[index - 1], scalars[index])
            #expect(memo.bonus(b, c) == model.wordBonus(b, c), "\(b)\(c)")
            #expect(memo.bonus(a, b, c) == model.wordBonus(a, b, c), "\(a)\(b)\(c)")
            if model.wordBonus(b, c) > 0 { words += 1 }
        }
        #expect(words > 1000, "the seed's text is full of dictionary words; found \(words)")
    }

    @Test func unexplainedOrphanPinyinIsRemovedAndReported() {
        // A `?pinyin)` mark whose reading names no straddled pair: nothing to rebuild from.
        let result = repairedLines([cleanBefore, "我們?xyz)工作很好", cleanAfter])
        #expect(result.lines[1] == "我們?xyz)工作很好", "not a pinyin syllable: left alone")
        let orphan = repairedLines([cleanBefore, "我們?kuǎ)工作很好", cleanAfter])
        #expect(orphan.lines[1] == "我們工作很好")
        #expect(orphan.metadata.unrepairedRuns == 1)
        #expect(orphan.edits.map(\.rule) == ["mojibake.gbk-shift-unrepaired"])
    }

    // MARK: Wrong-codec families

    private func checkFamily(_ sentences: [String], encodeAs source: String, decodeAs wrong: String,
                             twice: Bool = false, rule: String) throws {
        var garbled: [String] = []
        for sentence in sentences {
            var text = try garble(sentence, encodeAs: source, decodeAs: wrong)
            if twice { text = try garble(text, encodeAs: "UTF-8", decodeAs: wrong) }
            #expect(text != sentence)
            garbled.append(text)
        }
        // The whole document garbled.
        let whole = repairedLines(garbled)
        #expect(whole.lines == sentences, "whole document, \(rule)")
        #expect(whole.edits.allSatisfy { $0.rule == rule })
        // One broken line between clean lines.
        for (sentence, broken) in zip(sentences, garbled) {
            let single = repairedLines([cleanBefore, broken, cleanAfter])
            #expect(single.lines == [cleanBefore, sentence, cleanAfter], "single line, \(rule)")
            #expect(single.edits.count == 1)
            #expect(single.edits.first?.line == 2)
        }
    }

    @Test func utf8ReadAsGB18030IsRestored() throws {
        try checkFamily(evenSentences, encodeAs: "UTF-8", decodeAs: "GB18030", rule: "mojibake.utf8-as-gbk")
    }

    @Test func utf8ReadAsGBKWithDroppedPairsIsRestored() {
        // 中文 read as GBK by a decoder that drops the user-defined pair AD E6: 涓枃.
        let result = repairedLines(["今天涓枃很好"])
        #expect(result.lines == ["今天中文很好"])
        // A whole sentence, with every private-use character (user-defined pair) dropped.
        for sentence in evenSentences {
            guard let garbled = try? garble(sentence, encodeAs: "UTF-8", decodeAs: "GB18030") else { continue }
            let dropped = String(String.UnicodeScalarView(garbled.unicodeScalars.filter { !(0xE000...0xF8FF).contains($0.value) }))
            let repaired = repairedLines([cleanBefore, dropped, cleanAfter])
            #expect(repaired.lines == [cleanBefore, sentence, cleanAfter])
        }
    }

    @Test func utf8ReadAsGBKWithALostTrailingByteIsRestored() {
        // 同志们: read as GBK: the last byte of 们 and the colon made an invalid pair; the
        // model has no word 同志们 and prefers 他 there, so the test uses sentences whose lost
        // byte the dictionary pins (see the report).
        for sentence in ["基层党组织", "党组织建设"] {
            guard case let .bytes(bytes) = ICU.encode(sentence, charset: "UTF-8"),
                  let decoded = ICU.decode(bytes.dropLast(), charset: "GB18030"), decoded.invalidCount == 0 else {
                Issue.record("cannot garble \(sentence)")
                continue
            }
            let result = repairedLines([cleanBefore, decoded.text + "?:今天我们开会。", cleanAfter])
            #expect(result.lines == [cleanBefore, sentence + ":今天我们开会。", cleanAfter])
        }
    }

    @Test func utf8ReadAsSloppyWindows1252WithBothContinuationBytesDroppedIsRestored() {
        // 萝 is E8 90 9D and 卜 E5 8D 9C: a sloppy decoder drops 90, 9D and 8D, leaving è and å.
        let damaged = "ä»Šå¤©ä¹°äº†èƒ¡èåœå’Œç™½èœï¼Œå›žå®¶åšé¥\u{AD}ã€‚"
        let result = repairedLines([damaged])
        #expect(result.lines == ["今天买了胡萝卜和白菜，回家做饭。"])
        #expect(result.edits.map(\.rule) == ["mojibake.utf8-as-cp1252"])
    }

    @Test func aQuestionMarkAfterALineCutInsideACharacterIsPartOfTheRepair() {
        // 三、處處留心 in UTF-8 read as GBK: 心's last byte 83 is left alone at the end, as `?`.
        let result = repairedLines(["涓夈?佽檿铏曠暀蹇?"])
        #expect(result.lines == ["三、處處留心"])
    }

    @Test func utf8ReadAsWindows1252IsRestored() throws {
        try checkFamily(simplifiedSentences, encodeAs: "UTF-8", decodeAs: "windows-1252", rule: "mojibake.utf8-as-cp1252")
        #expect(repairedLines(["ä¸­æ–‡"]).lines == ["中文"])
    }

    @Test func tonedReadingsNextToLatinMojibakeDoNotHideIt() throws {
        // Seed 000's readings (書(shū)) carry tone letters; they are left for the annotation
        // stage, but a UTF-8-as-CP1252 run elsewhere on the line is still Latin mojibake.
        let run = try garble("基层党组织", encodeAs: "UTF-8", decodeAs: "windows-1252")
        let result = repairedLines(["第一書(shū)記說(shuō)，\(run)是党的执政之基"])
        #expect(result.lines == ["第一書(shū)記說(shuō)，基层党组织是党的执政之基"])
        #expect(result.edits.map(\.rule) == ["mojibake.utf8-as-cp1252"])
        // Readings alone are no repair at all.
        let readingsOnly = repairedLines(["在全市第一書(shū)記選派工作會(huì)議上的講話 本文簡(jiǎn)介:"])
        #expect(readingsOnly.edits.isEmpty)
    }

    @Test func utf8ReadAsLatin1IsRestored() throws {
        let result = repairedLines(traditionalSentences.map { (try? garble($0, encodeAs: "UTF-8", decodeAs: "ISO-8859-1")) ?? "" })
        #expect(result.lines == traditionalSentences)
    }

    @Test func doubledUTF8ReadAsWindows1252IsRestored() throws {
        try checkFamily(simplifiedSentences, encodeAs: "UTF-8", decodeAs: "windows-1252", twice: true,
                        rule: "mojibake.utf8-as-cp1252-twice")
    }

    @Test func gbkReadAsWindows1252IsRestored() throws {
        try checkFamily(simplifiedSentences, encodeAs: "GBK", decodeAs: "windows-1252", rule: "mojibake.gbk-as-cp1252")
        #expect(repairedLines(["ÖÐÎÄ"]).lines == ["中文"])
    }

    @Test func big5ReadAsGBKIsRestored() throws {
        try checkFamily(traditionalSentences, encodeAs: "Big5", decodeAs: "GBK", rule: "mojibake.big5-as-gbk")
    }

    @Test func aShortLineOfUTF8ReadAsShiftJISWithHalfWidthKanaIsRestored() {
        // Continuation bytes A1-DF read as Shift_JIS are half-width katakana (ｩ ｾ ｽ).
        let result = repairedLines([cleanBefore, "莉雁､ｩ螟ｩ豌泌ｾ亥･ｽ", cleanAfter])
        #expect(result.lines == [cleanBefore, "今天天气很好", cleanAfter])
        #expect(result.edits.map(\.rule) == ["mojibake.utf8-as-shift-jis"])
    }

    @Test func aLongTraditionalLineOfGBKReadAsLatin1WithRareCharactersIsRestoredWhole() {
        // 沖, 蒞 and 嚐 are rare in the model; sixteen and more Han characters forming words are
        // evidence enough for the whole line (C1 controls stand for GBK bytes 80-9F).
        let line = "本店於2010年在臺北開業，沖泡咖啡的手藝遠近馳名，歡迎各位顧客蒞臨品嚐。"
        let shown = "±¾µêì¶2010ÄêÔÚÅ_±±é_\u{98}I£¬\u{9B}_ÅÝ¿§·ÈµÄÊÖË\u{87}ßh½üñYÃû£¬\u{9A}gÓ\u{AD}¸÷Î»î\u{99}¿ÍÉWÅRÆ·\u{87}\u{9F}¡£"
        let result = repairedLines([cleanBefore, shown, cleanAfter])
        #expect(result.lines == [cleanBefore, line, cleanAfter])
        #expect(result.edits.map(\.rule) == ["mojibake.gbk-as-latin1"])
    }

    @Test func utf8ReadAsShiftJISTouchingCleanChineseIsRestoredOnTheSpanItsBytesGive() {
        // 菜品味道很好 read as Shift_JIS right after clean 这家店的: the run as a whole does not
        // undo; the span search finds where the UTF-8 starts and ends.
        let result = repairedLines(["这家店的闖懷刀蜻ｳ驕灘ｾ亥･ｽ"])
        #expect(result.lines == ["这家店的菜品味道很好"])
        #expect(result.edits.count == 1)
        #expect(result.edits.first?.rule == "mojibake.utf8-as-shift-jis")
        #expect(result.edits.first?.removed == "闖懷刀蜻ｳ驕灘ｾ亥･ｽ")
        #expect(result.edits.first?.replacement == "菜品味道很好")
    }

    @Test func shortLinesOfHanGarbledIntoHanAreRestoredWhenTheyReadAsWords() {
        // Big5 read as GBK: a menu item with a box-drawing or small-form character, which the
        // screen now flags (砞﹚ for 設定).
        let menu = repairedLines(["眀腹砞﹚", "坝珇ざ残"])
        #expect(menu.lines == ["帳號設定", "商品介紹"])
        #expect(menu.edits.map(\.rule) == ["mojibake.big5-as-gbk", "mojibake.big5-as-gbk"])
        // GBK read as Big5: 复制到桌面 is no dictionary word, but the garble forms none and is
        // far dearer than the result.
        let line = repairedLines([cleanBefore, "參恅璃葩秶善袤醱奻ㄛ婬湖羲艘艘", cleanAfter])
        #expect(line.lines == [cleanBefore, "把文件复制到桌面上，再打开看看", cleanAfter])
        #expect(line.edits.map(\.rule) == ["mojibake.gbk-as-big5"])
    }

    @Test func bigFiveReadAsGBKTouchingCleanChineseIsRestoredOnItsSpan() {
        // 這件事情 garbled between clean 他說 and 很重要: the odd characters (ン, ㄆ) pin the span.
        let result = repairedLines(["他說硂ンㄆ薄很重要"])
        #expect(result.lines == ["他說這件事情很重要"])
        #expect(result.edits.count == 1)
        #expect(result.edits.first?.rule == "mojibake.big5-as-gbk")
        #expect(result.edits.first?.removed == "硂ンㄆ薄")
    }

    @Test func gbkReadAsBig5InterruptedByACommaIsRestoredInOnePiece() {
        // 保存,关闭 read as Big5 between clean 请你 and 窗口: each half alone is too short to
        // judge; the comma reads the same in both charsets and the span goes on over it.
        let result = repairedLines(["请你悵湔,壽敕窗口。"])
        #expect(result.lines == ["请你保存,关闭窗口。"])
        #expect(result.edits.map(\.rule) == ["mojibake.gbk-as-big5"])
        #expect(result.edits.first?.removed == "悵湔,壽敕")
    }

    @Test func gbkReadAsBig5IsRestored() throws {
        // Windows' code page 950, whose user-defined codes read as private use (the browsers'
        // table: aGBKPageABrowserReadAsBig5IsRestoredWithTheBrowsersTable).
        try checkFamily(simplifiedSentences, encodeAs: "GBK", decodeAs: "Big5", rule: "mojibake.gbk-as-big5")
    }

    @Test func aGarbledRunInsideACleanLineIsRestored() throws {
        let garbled = try garble("全面建成小康社会", encodeAs: "UTF-8", decodeAs: "GB18030")
        let result = repairedLines(["确保" + garbled + "如期实现。"])
        #expect(result.lines == ["确保全面建成小康社会如期实现。"])
    }

    // MARK: Garbage

    @Test func unrecoverableGarbageIsStrippedAndReported() {
        let result = repairedLines([
            "今天锟斤拷锟斤拷天气很好。",
            "数据烫烫烫烫烫烫结束",
            "内存屯屯屯屯屯屯",
            "替换\u{FFFD}\u{FFFD}字符",
            "很烫的水和屯田都是正常的词。",
        ])
        #expect(result.lines == ["今天天气很好。", "数据结束", "内存", "替换字符", "很烫的水和屯田都是正常的词。"])
        #expect(result.metadata.unrepairedRuns == 4)
        #expect(Set(result.edits.map(\.rule)) == ["mojibake.kunjinkao", "mojibake.debug-fill", "mojibake.replacement-character"])
    }

    @Test func garbageEndingALineTakesTheSpacesBeforeIt() {
        // 360che.com's labelled page: a private-use icon after a menu item.
        let result = repairedLines(["降价促销 \u{E864}", "价格 \u{E864}查询"])
        #expect(result.lines == ["降价促销", "价格 查询"])
        #expect(result.edits.first?.removed == " \u{E864}")
        #expect(result.edits.first?.column == 5)
    }

    // MARK: Precision

    static func cleanTexts() throws -> [(String, String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)
            .filter { !$0.hasSuffix(".md") }.sorted()
        return try names.map { ($0, try fixtureText($0, "expected.txt")) }
    }

    @Test func cleanTextIsNeverRepaired() throws {
        let texts = try Self.cleanTexts()
        #expect(texts.count >= 20)
        for (name, text) in texts {
            var document = Document(text: text)
            MojibakeStage().apply(to: &document)
            AnnotationStage().apply(to: &document)
            #expect(document.edits.isEmpty, "\(name): \(document.edits.map { "\($0.rule) \($0.removed) -> \($0.replacement)" })")
            #expect(document.text == text)
        }
    }

    @Test func cleanWebInputsGetNoCodecRepairs() throws {
        // The raw web inputs carry chrome but no mojibake: nothing of this stage may fire.
        let names = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)
            .filter { $0.hasPrefix("web-") }.sorted()
        #expect(names.count == 16)
        for name in names {
            let text = try fixtureText(name, "input.txt")
            var document = Document(text: text)
            MojibakeStage().apply(to: &document)
            #expect(document.edits.isEmpty, "\(name): \(document.edits.map { "\($0.rule) \($0.removed) -> \($0.replacement)" })")
        }
    }

    @Test func pinyinReadingsAreNotTakenForLatinGarble() {
        // í n read back as GBK bytes ED 6E would be 韓: a reading is not garble.
        let lines = ["作為干部調整、評(píng)先評(píng)優的重要依據", "本文簡(jiǎn)介:", "烟(yān)台"]
        let result = repairedLines(lines)
        #expect(result.lines == lines)
        #expect(result.edits.isEmpty)
    }

    @Test func theScreenPassesCleanLinesAndFlagsDamagedOnes() {
        let screen = SuspicionScreen.shared
        #expect(!screen.isSuspicious("今天，我们召开第一书记选派工作会议。"))
        #expect(!screen.isSuspicious("黨的十九大制定了鄉村振興戰略。"))
        #expect(screen.isSuspicious("涓枃"))
        #expect(screen.isSuspicious("ä¸­æ–‡"))
        #expect(screen.isSuspicious("我們?nèi)娼"))
        #expect(screen.isSuspicious("数据烫烫"))
        #expect(screen.isSuspicious("替换\u{FFFD}"))
    }

    @Test func aQuestionMarkEndingAQuestionIsNotAMarkOfLostBytes() {
        let screen = SuspicionScreen.shared
        // Real lines from the web samples: ASCII `?` after a question particle or before
        // punctuation, with common characters around it.
        #expect(!screen.isSuspicious("再比如买家电，你们真正懂家电的技术吗?很多人因为家电长得好看"))
        #expect(!screen.isSuspicious("lol服务器连接异常即将退出怎么解决 （lol服务器连接异常即将退出怎么解决呢?）"))
        #expect(!screen.isSuspicious("为什么?因为这是他的房子"))
        // Lost bytes: inside the text, before digits, at the end of a line, before pinyin, or
        // with odd characters close by (GBK that lost a byte, UTF-8 read as GBK).
        #expect(screen.isSuspicious("成人高考是成人继?教育的升学方式之一"))
        #expect(screen.isSuspicious("识，明确?3.5标准"))
        #expect(screen.isSuspicious("健康可?"))
        #expect(screen.isSuspicious("我們?nèi)娼"))
        #expect(screen.isSuspicious("鍚屽織浠? 你好"))
        #expect(screen.isSuspicious("鍚屽織浠??,"))
    }

    @Test func theModelPrefersRealChineseToGarble() {
        let model = HanFrequencyModel.shared
        #expect(model.averageCost(of: "全面建成小康社會".unicodeScalars) < model.averageCost(of: "娼ǔ尚】瞪鐣".unicodeScalars))
        #expect(model.averageCost(of: "全面建成小康社会".unicodeScalars) < model.averageCost(of: "鍏ㄩ潰寤烘垚".unicodeScalars))
        #expect(model.isReading(PinyinSyllable("huì")!, of: "會"))
        #expect(model.isReading(PinyinSyllable("zhǎng")!, of: "長"))
        #expect(model.isReading(PinyinSyllable("chang2")!, of: "長"))
        #expect(!model.isReading(PinyinSyllable("shū")!, of: "會"))
    }

    /// Syllables as sites write them: tone marks, tone digits, `ü` as `ü`, `v` or `u:`, capitals,
    /// syllabic nasals; and what only looks like one.
    @Test func pinyinSyllablesParseAsWritten() {
        func parsed(_ text: String) -> String? { PinyinSyllable(text)?.description }
        #expect(parsed("shū") == "shu1")
        #expect(parsed("Zhuǎng") == "zhuang3")
        #expect(parsed("chuang2") == "chuang2")
        #expect(parsed("lǚ") == "lv3")
        #expect(parsed("lu:4") == "lv4")
        #expect(parsed("lv") == "lv")
        #expect(parsed("de5") == "de")
        #expect(parsed("hng") == "hng")
        #expect(parsed("ńg") == "ng2")
        #expect(parsed("er") == "er")
        // Not syllables: no vowel, a foreign initial, a consonant after the final, two tones,
        // a digit that is no tone, too long, not Latin.
        for text in ["", "bcd", "bat", "shǔ3", "shū1", "shu6", "shu12", "1shu", "shuangge", "A股", "shu ", "(shu)"] {
            #expect(PinyinSyllable(text) == nil, "\(text)")
        }
        // The scalar form reads the same as the string form.
        let line = Array("書(shū)".unicodeScalars)
        #expect(PinyinSyllable(scalars: line[2..<5]) == PinyinSyllable("shū"))
    }

    // MARK: Whole documents

    @Test func aWholePageOfShortGBKLinesReadAsCP1252IsRestoredByOneDocumentVote() throws {
        // Short lines, a bullet and digits: each alone is thin evidence; the page as a whole is not.
        let page = ["●登录 | 注册", "养生保健知识大全", "发布时间：2024年3月5日", "冬季进补要注意哪些问题？",
                    "多喝温水，少吃辛辣。", "●密码明文传输"]
        let garbled = try page.map { try garble($0, encodeAs: "GBK", decodeAs: "windows-1252") }
        #expect(DocumentCodecVote().decide(garbled) == .gbkAsWindows1252)
        // The pairs that garble into Latin letters are the ones this page can show.
        #expect(DocumentCodecVote().decide(garbled, latin: false) == nil)
        #expect(DocumentCodecVote().decide(garbled, han: false) == .gbkAsWindows1252)
        let result = repairedLines(garbled)
        #expect(result.lines == page)
        #expect(!result.edits.isEmpty && result.edits.allSatisfy { $0.rule == "mojibake.gbk-as-cp1252" }, "\(result.edits.map(\.rule))")
    }

    @Test func aGBKPageABrowserReadAsBig5IsRestoredWithTheBrowsersTable() {
        // What a browser shows (WHATWG big5 = Big5 + HKSCS): 骗 (GBK C6AD) becomes ⑶, not the
        // ETEN kana ぉ of older tables; 圖 (GBK 8844) becomes the HKSCS-2008 stroke ㇄, which
        // ICU's converter keeps as private use.
        let page = ["谨防电话诈骗，不要轻信陌生来电。", "如遇可疑情况请立即报警处理", "附件：流程圖和地圖"]
        let shown = ["輝滅萇趕晥⑶ㄛ祥猁ュ陓襤汜懂萇﹝", "⺼郣褫疶ロ錶ワ蕾撈惆劑揭燴", "蜇璃ㄩ霜最㇄睿華㇄"]
        #expect(WrongCodec.gbkAsBig5.undo(shown[2]) == page[2])
        #expect(DocumentCodecVote().decide(shown) == .gbkAsBig5)
        #expect(DocumentCodecVote().decide(shown, han: false) == nil)
        let result = repairedLines(shown)
        #expect(result.lines == page)
        #expect(result.edits.count == 3 && result.edits.allSatisfy { $0.rule == "mojibake.gbk-as-big5" }, "\(result.edits.map(\.rule))")
    }

    @Test func cleanPagesWithLatinJapaneseAndPinyinGetNoDocumentVote() {
        let pages = [["Müller 和 José 在 café 见面。", "Ñandú 是一种鸟。", "价格：€12.50"],
                     ["日本語のテキストです。", "ありがとうございます", "한국어 문장입니다."],
                     ["zhōng wén 中文", "nǐ hǎo 你好", "©2024 版权所有 ®"]]
        for page in pages {
            #expect(DocumentCodecVote().decide(page) == nil, "\(page)")
            #expect(repairedLines(page).lines == page)
        }
    }

    @Test func aShortLineOfBig5ReadAsGBKIsRestoredThoughItFormsNoDictionaryWord() {
        // Generated cases (Benchmarks/mojibake): 等都是體 and 現場督查 form no word the model
        // knows; the screen used to miss 瞷初服琩 (its two very rare characters are apart).
        #expect(repairedLines(["单常琌砰"]).lines == ["等都是體"])
        #expect(repairedLines(["瞷初服琩"]).lines == ["現場督查"])
    }

    @Test func big5ReadAsGBKIntoObsoleteKanaIsNoJapanese() {
        // 將心比心 read as GBK: ゑ has not been written in Japanese since 1946, so the kana pair
        // is garble; modern kana between Chinese words still stay (below).
        #expect(repairedLines(["盢みゑみ"]).lines == ["將心比心"])
    }

    @Test func japaneseKanaBetweenChineseWordsIsNotReadAsBig5() {
        // GBK's kana are Big5's commonest characters: おはよう would come out as 云反方丹.
        let lines = ["他用日语说了一句 おはよう 就走了", "片假名写作 カタカナ 或者平假名"]
        for line in lines {
            let result = repairedLines([line])
            #expect(result.lines == [line])
            #expect(result.edits.isEmpty, "\(result.edits.map(\.rule))")
        }
    }

    @Test func taiwanFormsOfACharacterCostWhatTheCharacterCosts() {
        let model = HanFrequencyModel.shared
        #expect(model.cost("啟") == model.cost("啓"))
        #expect(model.isCommon("啟"))
        // UTF-8 read as GBK, from a hotel's announcement: 啟 used to be unseen, so the line stayed.
        #expect(repairedLines(["閰掑簵鍏ㄦ柊鍟熷箷"]).lines == ["酒店全新啟幕"])
    }

    @Test func aRestorationMayHoldBracketsAndBullets() {
        // GBK read as Big5 (【金沙网站】样本”。) and GBK read as Windows-1252 (●短信验证码…).
        #expect(repairedLines(["▽踢伈厙桴▼欴掛§﹝"]).lines == ["【金沙网站】样本”。"])
        #expect(repairedLines(["¡ñ¶ÌÐÅÑéÖ¤Âë¿Í»§¶ËÐ£Ñé"]).lines == ["●短信验证码客户端校验"])
    }

    @Test func aBig5RestorationTakesInTheGarbledCharacterLeftAtItsEdge() {
        // GBK read as Big5 inside a clean line; the windows restored 学信网可查 and stopped
        // before the last 鎘 (吗) next to the full-width question mark.
        let result = repairedLines(["成考函授大专学历国家創＇鎘ˋ悝陓厙褫脤鎘？"])
        #expect(result.lines == ["成考函授大专学历国家承认吗？学信网可查吗？"])
        #expect(result.edits.allSatisfy { $0.rule == "mojibake.gbk-as-big5" }, "\(result.edits.map(\.rule))")
    }

    @Test func aHanAsHanStretchLeavesTheCleanCharactersAtItsEndsAlone() {
        // Generated case: 统计，截止今年，纳入中 read as Big5 between clean 据 and 国; the stretch
        // of non-ASCII characters takes them in, and read whole they became 誹 and 樓.
        let result = repairedLines(["据苀數ㄛ諍砦踏爛ㄛ馨⻌笢国P2P网贷指数统计的网贷平台"])
        #expect(result.lines == ["据统计，截止今年，纳入中国P2P网贷指数统计的网贷平台"])
        #expect(result.edits.map(\.removed) == ["苀數ㄛ諍砦踏爛ㄛ馨⻌笢"])
    }

    @Test func aShortLineGarbledIntoOrdinaryLookingCharactersIsFlaggedAndRestored() {
        // GBK read as Big5, whole lines (generated cases): half their characters are suspect
        // but no two sit side by side, so the screen let them through.
        #expect(SuspicionScreen.shared.isSuspicious("價脯雄夔"))
        #expect(repairedLines(["價脯雄夔"]).lines == ["基层动能"])
        #expect(repairedLines(["政坳腔湮"]).lines == ["現它的大"])
        // A whole line converted strictly needs only the judge's gain once its garble forms no
        // word (炒锅倒 and 手指 are words of the restoration, not enough of them).
        #expect(repairedLines(["粕墨瑜磁ㄛ墨窒苤輸忒硌捩賒腔沭﹝陷廓給"]).lines == ["菜茎缝合，茎部小块手指笔画的条。炒锅倒"])
    }

    @Test func westernGarbleAfterCleanHanIsRestoredWhenTheLineIsAlsoFlaggedForHan() {
        // 咖啡 flags the short line for Han; the run of non-ASCII characters then held the
        // Windows-1252 garble after it and the Western search never saw it.
        #expect(repairedLines(["咖啡å»³æ•ˆæžœåœ–"]).lines == ["咖啡廳效果圖"])
        #expect(repairedLines(["咖啡廳Ã¦â€¢Ë†Ã¦Å¾Å“Ã¥Å“â€“"]).lines == ["咖啡廳效果圖"])
    }

    @Test func aBig5RestorationTakesInAnOrdinaryEdgeCharacterAndOneAcrossAnASCIIName() {
        // GBK read as Big5 (generated runs): 腔 (的) is no rare character, and 踢伈 (金沙) sits
        // after the clean name js333; both pass the judge's one gain.
        let first = repairedLines(["二、突出工作重点，提高党员干窒※蚺啃游蟀カき輛勀模§魂雄腔工作成效"])
        #expect(first.lines == ["二、突出工作重点，提高党员干部“驻百村连千企进万家”活动的工作成效"])
        let second = repairedLines(["而且这还是在美欧联忒勤笢弊輛俴賸嗣爛※邧毀§眳綴js333踢伈线路国取得的成绩。"])
        #expect(second.lines == ["而且这还是在美欧联手对中国进行了多年“双反”之后js333金沙线路国取得的成绩。"])
        #expect(second.edits.map(\.removed) == ["忒勤笢弊輛俴賸嗣爛※邧毀§眳綴", "踢伈"])
    }

    @Test func pinyinAndAccentedWordsBetweenChineseStayAsTheyAre() {
        // Lines of the clean risky text that the whole-stretch gain, without its letter guard,
        // read as Big5 (m見m見h迂h迂, r谷sum谷).
        let lines = ["漠北到中原路途遙遠,馬車顛簸,瑰璃郡主未曾出過如此遠門,在馬車駛入 mǎmǎhūhū 玄朝地界時嘔吐不止。",
                     "「皮肤上长浅色的白斑 是怎么回事」常见诱因有哪些？什么原因会诱发’résumé–",
                     "卢珩二年,–résumé–静妃诞下首位皇子,玄帝大喜,赐名玄月,升静妃为静贵妃,减免天下一年税收。",
                     // A labelled page's name before a colon (fantinovels.com): the whole-line gain
                     // read the run as Big5 (攬則則).
                     "朋玥玥:女主角,母親在生她的當晚夢見一顆神珠,因而取此名。"]
        for line in lines {
            let result = repairedLines([line])
            #expect(result.lines == [line])
            #expect(result.edits.isEmpty, "\(result.edits.map(\.rule))")
        }
    }
}


/// The codecs whose strict reading ``WrongCodecRepair/tableBytesFailUTF8(_:codec:)`` may skip.
private let tableGatedCodecs: [(WrongCodec, String)] = [
    (.utf8AsGBK, "GB18030"), (.utf8AsBig5, "Big5"), (.utf8AsShiftJIS, "Shift_JIS"), (.utf8AsEUCKR, "EUC-KR"),
]

@Test func tableUTF8CheckNeverSkipsAReadingTheRoundTripWouldRestore() throws {
    // Every fixture's clean lines, and the same lines garbled each way the gate covers.
    var lines: [String] = []
    let names = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)
    for name in names.sorted() where name.hasPrefix("seed-") || name.hasPrefix("web-") {
        let clean = try fixtureText(name, "expected.txt").split(separator: "\n").map(String.init)
        lines += clean
        for (_, wrong) in tableGatedCodecs {
            lines += clean.compactMap { try? garble($0, encodeAs: "UTF-8", decodeAs: wrong) }
        }
    }
    var skippedClean = 0, cleanHanLines = 0, restoredGarbled = 0
    for line in lines {
        let scalars = ArraySlice(Array(line.unicodeScalars))
        let hasHan = scalars.contains { CharacterClass.isHan($0) }
        for (codec, _) in tableGatedCodecs where WrongCodecRepair.tableBytesFailUTF8(scalars, codec: codec) {
            #expect(codec.undo(line) == nil, "\(codec) skipped but the round trip restores: \(line)")
        }
        if hasHan, codec(WrongCodec.utf8AsGBK, restores: line) { restoredGarbled += 1 }
        if hasHan, line.unicodeScalars.allSatisfy({ $0.value < 0x80 || GBKTable.gb18030.encodesAsICU($0) != nil }),
           WrongCodec.utf8AsGBK.undo(line) == nil {
            cleanHanLines += 1
            if WrongCodecRepair.tableBytesFailUTF8(scalars, codec: .utf8AsGBK) { skippedClean += 1 }
        }
    }
    // The gate does its work: every line the table fully encodes and the round trip refuses is
    // ruled out by the table alone, and garbled lines still reach the round trip.
    #expect(cleanHanLines > 250)
    #expect(skippedClean == cleanHanLines)
    #expect(restoredGarbled > 10)
}

private func codec(_ codec: WrongCodec, restores line: String) -> Bool {
    !WrongCodecRepair.tableBytesFailUTF8(ArraySlice(Array(line.unicodeScalars)), codec: codec) && codec.undo(line) != nil
}

@Test func tableUTF8CheckRulesOutTheFlaggedCleanCookingLine() throws {
    // hzxuqing's 炝锅 line: the screen flags it (炝 is rare), no codec restores it.
    let line = try fixtureText("web-cwt_03_hzxuqing.com", "expected.txt").split(separator: "\n").first { $0.contains("炝锅") }
    let scalars = ArraySlice(Array(try #require(line).unicodeScalars))
    for (codec, _) in tableGatedCodecs {
        #expect(WrongCodecRepair.tableBytesFailUTF8(scalars, codec: codec), "\(codec)")
    }
    #expect(GBKTable.gb18030.icuAgreeingCount > 20_000)
    #expect(GBKTable.big5.icuAgreeingCount > 13_000)
}
