import Testing
@testable import ScrapeClean

/// GBK bytes with one byte lost, decoded as Python's `gbk` codec does with `errors="replace"`
/// (a byte left alone shows as `?`): the damage the repair reads back in step.
@Suite struct LostGBKByteRepairTests {
    /// Runs the mojibake stage alone over one line.
    private func repaired(_ line: String) -> (text: String, edits: [Edit]) {
        var document = Document(text: line + "\n")
        MojibakeStage().apply(to: &document)
        return (document.lines.first?.text ?? "", document.edits)
    }

    @Test func aLostLeadByteIsPutBackWhereALetterResynchronisedTheDecoder() {
        // 推動鄉村 is CD C6 84 D3 E0 6C B4 E5; without CD the decoder reads 蛣余, then 6C as `l`.
        let result = repaired("紮實有序做好鄉村治理重點工作，蛣余l村振興取得新進展")
        #expect(result.text == "紮實有序做好鄉村治理重點工作，推動鄉村振興取得新進展")
        #expect(result.edits.map(\.rule) == ["mojibake.gbk-byte-lost"])
        #expect(result.edits.first?.removed == "蛣余l")
        #expect(result.edits.first?.replacement == "推動鄉")
        #expect(result.edits.first?.note?.contains("1 lost byte") == true)
    }

    @Test(arguments: [
        ("严格规纷式鸸芾恚\u{FFFD}并有第三方担保交易。", "严格规范资金管理，并有第三方担保交易。"),
        ("严格规范捉鸸芾恚\u{FFFD}并有第三方担保交易。", "严格规范资金管理，并有第三方担保交易。"),
        ("国际航允谐「此眨\u{FFFD}带动造船市场超预期回升。", "国际航运市场复苏，带动造船市场超预期回升。"),
        ("国际航运食「此眨\u{FFFD}带动造船市场超预期回升。", "国际航运市场复苏，带动造船市场超预期回升。"),
    ])
    func aLostTrailByteIsPutBackUpToTheReplacementCharacter(damaged: String, original: String) {
        // Python: original.encode("gbk") with one trail byte cut, .decode("gbk", "replace").
        let result = repaired(damaged)
        #expect(result.text == original)
        #expect(result.edits.allSatisfy { $0.rule == "mojibake.gbk-byte-lost" })
    }

    @Test func aShiftedRunEndingInAQuestionMarkIsReadAgainInStep() {
        let damaged = "第一，诈骗平台的界面设计隙员冉洗植凇：芏嗾┢?平台基本是几千块钱购买一个模板。"
        let result = repaired(damaged)
        #expect(result.text.hasPrefix("第一，诈骗平台的界面设计相对比较粗糙"))
        #expect(!result.text.contains("?"))
    }

    @Test func questionMarksAndLettersInCleanChineseStay() {
        for line in ["你是谁?我是小明。", "维生素C片要饭后吃", "这是A股还是B股?", "真的吗?太好了!",
                     "P2P网贷平台的安全性", "Python担保交易?不是。", "例子[1]见上文"] {
            let result = repaired(line)
            #expect(result.text == line)
            #expect(result.edits.isEmpty)
        }
    }

    @Test func theSearchStaysLinearOnALineFullOfMarks() {
        let line = String(repeating: "蛣余l嫉烂?", count: 2_000)
        let result = LostGBKByteRepair().repair(line: line)
        #expect(result.fixes.count <= LostGBKByteRepair.markBudget(forLength: line.unicodeScalars.count))
    }
}
