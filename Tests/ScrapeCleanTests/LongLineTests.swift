import Foundation
import Testing
@testable import ScrapeClean

/// The structures that keep a very long line cheap (offsets every 64 scalars, bitmaps, a report
/// written in pieces) answer exactly what the plain per-scalar computation answers.
@Suite("Long lines")
struct LongLineTests {
    /// A line of `count` scalars mixing Han text, inline readings, full-width punctuation,
    /// spaces, ASCII and characters beyond the BMP.
    static func mixedLine(count: Int, seed: UInt64) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let pieces = ["本", "文", "簡(jiǎn)", "介", "會（huì）", "，", "。", " ", "\u{3000}", "Ａ", "a", "(", ")",
                      "😀", "𠀀", "議", "書(shu1)", ":", "x(yz)", "\t"]
        var line = ""
        while line.unicodeScalars.count < count { line += pieces[next(pieces.count)] }
        return line
    }

    /// The original index each normalized scalar starts at, computed scalar by scalar.
    static func naiveStarts(_ line: String) -> (starts: [Int], normalized: [UInt32]) {
        let original = Array(line.unicodeScalars)
        var starts: [Int] = [], normalized: [UInt32] = []
        var index = 0
        while index < original.count {
            starts.append(index)
            normalized.append(CharacterFold.fold(original[index].value))
            var end = index + 1
            if CharacterClass.isHan(original[index].value), end < original.count,
               original[end] == "(" || original[end] == "（" {
                var position = end + 1, letters = 0, vowel = false
                while position < original.count, letters <= 7,
                      let kind = NormalizedLine.pinyinLetter(original[position].value) {
                    if kind { vowel = true }
                    letters += 1
                    position += 1
                }
                if position < original.count, original[position] == ")" || original[position] == "）", letters >= 1, vowel {
                    end = position + 1
                }
            }
            index = end
        }
        return (starts, normalized)
    }

    @Test(arguments: [0, 1, 63, 64, 65, 127, 128, 700])
    func normalizedLineOffsetsAgreeWithAScalarByScalarMapping(length: Int) {
        for seed in [3, 77, 1234] as [UInt64] {
            let line = Self.mixedLine(count: length, seed: seed)
            let original = Array(line.unicodeScalars)
            let normalized = NormalizedLine(line)
            let (starts, values) = Self.naiveStarts(line)
            #expect(normalized.count == starts.count)
            #expect(normalized.originalCount == original.count)
            #expect(Array(normalized.text.unicodeScalars.map(\.value)) == values)
            var utf16 = 0
            for index in 0..<starts.count {
                let end = index + 1 < starts.count ? starts[index + 1] : original.count
                #expect(normalized.originalRange(of: index..<(index + 1)) == starts[index]..<end)
                #expect(normalized.normalizedValue(at: index) == values[index])
                #expect(normalized.utf16Offset(ofScalar: index) == utf16)
                #expect(normalized.scalarIndex(atUTF16Offset: utf16) == index)
                utf16 += values[index] > 0xFFFF ? 2 : 1
            }
            #expect(normalized.utf16Count == utf16)
            #expect(normalized.scalarIndex(atUTF16Offset: utf16) == starts.count)
            #expect(normalized.utf16Offset(ofScalar: starts.count) == utf16)
            // Original text of any span, and white space around it.
            for lower in stride(from: 0, through: original.count, by: max(1, original.count / 9)) {
                let upper = min(original.count, lower + 70)
                #expect(normalized.originalText(scalars: lower..<upper) == String(String.UnicodeScalarView(original[lower..<upper])))
                var skipped = upper
                while skipped < original.count, LineShape.isSpace(original[skipped].value) { skipped += 1 }
                #expect(normalized.originalSkippingSpaces(from: upper) == skipped)
                var trimmed = upper
                while trimmed > lower, LineShape.isSpace(original[trimmed - 1].value) { trimmed -= 1 }
                #expect(normalized.originalTrimmingSpaces(before: upper, downTo: lower) == trimmed)
            }
            // The text of the whole line with its readings left out.
            let withoutReadings = starts.map { original[$0] }
            #expect(normalized.withoutReadings == String(String.UnicodeScalarView(withoutReadings)))
        }
    }

    @Test func theSuffixIndexAgreesWithMeasuringEachSuffixAcrossBlocks() {
        var state: UInt64 = 0xB10C
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        // Few clause ends, so that the nearest one is often several 64-scalar blocks away.
        let alphabet = Array("甲乙丙丁戊己庚辛壬癸abc ".unicodeScalars) + Array("。，!".unicodeScalars)
        for _ in 0..<200 {
            let count = next(400)
            let scalars = (0..<count).map { _ in next(40) == 0 ? alphabet[alphabet.count - 1 - next(3)] : alphabet[next(alphabet.count - 3)] }
            let index = SentenceShareIndex(scalars)
            let start = next(count + 1)
            let lower = start + next(count - start + 1)
            let upper = lower + next(count - lower + 1)
            let expected = LineShape.sentenceShare(of: Array(scalars[start...]), outside: (lower - start)..<(upper - start))
            #expect(index.share(from: start, outside: lower..<upper) == expected,
                    "\(String(String.UnicodeScalarView(scalars))) from \(start) outside \(lower)..<\(upper)")
        }
    }

    @Test func aReportWrittenInPiecesIsTheWholeReportsJSON() throws {
        // Thousands of duplicate paragraphs: thousands of edits, a report of many pieces.
        let paragraph = "同志们，今天我们在这里召开全村干部大会，\"主要\"任务是总结工作\\。\n"
        let cleaner = try Cleaner()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for text in [String(repeating: paragraph, count: 3000), "今天天气很好。\n", ""] {
            let report = DocumentReport(path: "a/b.txt", result: cleaner.clean(text: text))
            var pieces: [Data] = []
            report.writeJSONLine { pieces.append($0) }
            let whole = try encoder.encode(report)
            #expect(pieces.reduce(Data(), +) == whole)
            #expect(report.jsonLine() == String(decoding: whole, as: UTF8.self))
            if report.edits.count > 1000 { #expect(pieces.count > 1) }
        }
    }

    @Test func consecutiveMarksAfterChineseAllBecomeFullWidth() {
        var document = Document(text: "中,,a (b) 丙(丁):好\n")
        PunctuationStage().apply(to: &document)
        #expect(document.lines[0].text == "中，，a (b) 丙（丁）：好")
        #expect(document.edits.map(\.rule) == ["punctuation.full-width-mark", "punctuation.full-width-parentheses"])
        #expect(document.edits.map(\.count) == [3, 2])
    }
}
