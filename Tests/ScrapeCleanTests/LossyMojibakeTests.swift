import Foundation
import Testing
@testable import ScrapeClean

/// UTF-8 read as GBK by a decoder that shows each byte it rejects as `?` (Python's `gbk` with a
/// replacing error handler, Scripts/generate_mojibake_cases.py): a `?` stands for one byte that
/// formed no GBK character with the byte after it, which leaves a handful of values.
@Suite("Lossy mojibake")
struct LossyMojibakeTests {
    /// Sentences from the fixtures' expected output (Benchmarks/mojibake/sources), damaged by the
    /// generator; each lost byte is one of the few GBK rejects before the next byte.
    static let cases: [(damaged: String, expected: String)] = [
        ("鍦ㄥ叏甯備埂闀囷紙琛楅亾锛夊厷锛堝伐锛夊?斾功璁板煿璁?閲嶇偣鐝?涓婄殑鍙戣█", "在全市乡镇（街道）党（工）委书记培训重点班上的发言"),
        ("鐐掗攨鍊掓补锛屾补鐑?鍚?", "炒锅倒油，油热后"),
        ("鎷ユ湁鑳告??绁栧浗鐨勮豹鎯?,鎴戜滑娓存湜鍦ㄦ瘡", "拥有胸怀祖国的豪情,我们渴望在每"),
        ("绗?浜岋紝瀹ｄ紶鐨勬敹鐩婄巼寰堥珮锛岀敋鑷宠繙杩滈珮浜庤?屼笟骞冲潎姘村钩銆?", "第二，宣传的收益率很高，甚至远远高于行业平均水平。"),
    ]

    @Test func aLineOfUTF8ReadAsGBKWithRejectedBytesShownAsQuestionMarksIsRestoredExactly() {
        for (damaged, expected) in Self.cases {
            var document = Document(text: damaged)
            MojibakeStage().apply(to: &document)
            #expect(document.lines[0].text == expected, "\(damaged)")
            #expect(document.edits.contains { $0.rule == "mojibake.utf8-as-gbk" })
        }
    }

    /// The same damage with U+FFFD for each rejected byte.
    @Test func replacementCharactersForRejectedBytesAreRestoredLikeQuestionMarks() {
        for (damaged, expected) in Self.cases {
            var document = Document(text: damaged.replacingOccurrences(of: "?", with: "\u{FFFD}"))
            MojibakeStage().apply(to: &document)
            #expect(document.lines[0].text == expected, "\(damaged)")
        }
    }

    /// 呢 is E5 91 A2 and ？ EF BC 9F: read as GBK, A2 EF is no character, so the decoder
    /// rejected A2 and read on from EF. 员 (E5 91 98) would have given 98 EF, a GBK character:
    /// the lost byte cannot have been 98.
    @Test func aRejectedByteTakesOnlyValuesGBKRejectsBeforeTheNextByte() {
        let choices = LossyUTF8.fill([.known(0xE5), .known(0x91), .rejected(next: 0xEF)])
        let characters = Set(choices.compactMap { LossyUTF8.decode($0) })
        #expect(characters.contains("呢"))
        #expect(!characters.contains("员"))
        #expect(choices.count < 16)
    }

    /// A stretch holding GBK's pinyin letters (ǎ is A8A3) is Windows-1252 garble to nothing, and
    /// read as GBK it is UTF-8 that lost bytes: 各種各樣 in a traditional sentence.
    @Test func aStretchWithGBKPinyinLettersIsReadAsGBK() {
        let damaged = "澶у?堕?愭潙鍚庯紝鑲?瀹氳?侀亣鍒板悇绋?鍚勬ǎ鐨勯棞绯诲晱椤屻??"
        var document = Document(text: damaged)
        MojibakeStage().apply(to: &document)
        let text = document.lines[0].text
        #expect(text.contains("村后，肯定要遇到各種各樣的關系問題"), "\(text)")
        #expect(!text.contains("?") && !text.contains("鍚") && text.unicodeScalars.count == 21, "\(text)")
    }
}
