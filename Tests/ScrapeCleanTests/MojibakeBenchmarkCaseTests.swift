import Foundation
import Testing
@testable import ScrapeClean

/// Cases drawn from the generated mojibake benchmark (Scripts/generate_mojibake_cases.py, the
/// first eight of each class with four or more Han characters, Benchmarks/mojibake/test-cases.jsonl)
/// and lines of its clean risky text (Benchmarks/mojibake/clean-sample.txt).
private let benchmarkDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Benchmarks/mojibake")

private struct GeneratedCase: Decodable {
    var `class`: String
    var damaged: String
    var expected: String
    var lossless: Bool
}

private func generatedCases() throws -> [GeneratedCase] {
    let data = try Data(contentsOf: benchmarkDirectory.appendingPathComponent("test-cases.jsonl"))
    return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(GeneratedCase.self, from: Data($0)) }
}

private func repaired(_ text: String) -> (text: String, edits: [Edit]) {
    var document = Document(text: text)
    MojibakeStage().apply(to: &document)
    return (document.lines.map(\.text).joined(separator: "\n"), document.edits)
}

@Test func everyLosslessGeneratedCaseIsRestoredExactly() throws {
    let cases = try generatedCases().filter(\.lossless)
    #expect(cases.count >= 70)
    var classes: Set<String> = []
    for item in cases {
        classes.insert(item.class)
        let (text, edits) = repaired(item.damaged)
        #expect(text == item.expected, "\(item.class): \(item.damaged)")
        // Every repair names the codec pair it undid.
        #expect(edits.allSatisfy { $0.rule.hasPrefix("mojibake.") && $0.rule.contains("-as-") }, "\(item.class): \(edits.map(\.rule))")
    }
    #expect(classes.contains("utf8-as-gbk/line") && classes.contains("utf8-as-cp1252-sloppy/line")
            && classes.contains("gbk-as-latin1/run") && classes.contains("gbk-as-cp1252/line"))
}

@Test func lossyGeneratedCasesLeaveNoMarkAndMissOnlyGuessedCharacters() throws {
    let cases = try generatedCases().filter { !$0.lossless }
    #expect(cases.count >= 20)
    var exact = 0
    for item in cases {
        let (text, edits) = repaired(item.damaged)
        #expect(!text.unicodeScalars.contains("\u{FFFD}"), "\(item.class): \(text)")
        #expect(!text.isEmpty)
        if text == item.expected { exact += 1; continue }
        // A character the model chose may be wrong; every other one is what the bytes said.
        let guessed = edits.compactMap { $0.note.flatMap { Int($0.prefix { $0.isNumber }) } }.reduce(0, +)
        let output = Array(text.unicodeScalars), expected = Array(item.expected.unicodeScalars)
        if output.count == expected.count {
            let wrong = zip(output, expected).filter { $0 != $1 }.count
            #expect(wrong <= guessed, "\(item.class): \(text) for \(item.expected), \(guessed) guessed")
        }
    }
    #expect(exact * 2 >= cases.count / 2, "\(exact) of \(cases.count) exact")
}

@Test func cleanRiskyLinesAreLeftAlone() throws {
    let text = try String(contentsOf: benchmarkDirectory.appendingPathComponent("clean-sample.txt"), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count >= 70)
    // The sample holds what a repair could take for damage: accents, kana, hangul, pinyin, code, rare Han.
    #expect(lines.contains { $0.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) } })
    #expect(lines.contains { $0.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) } })
    #expect(lines.contains { $0.contains("é") || $0.contains("ü") })
    var document = Document(text: text)
    MojibakeStage().apply(to: &document)
    #expect(document.edits.isEmpty, "\(document.edits.prefix(3).map { "\($0.removed) -> \($0.replacement)" })")
    #expect(document.lines.map(\.text) == lines)
}

@Test func aLatinNameAfterChineseIsNoShiftedGBKRun() {
    let lines = ["是教育部高校學生司指定Müller的電子政務平臺。", "而超過2喆焱犇0%，甚至接近30%", "希望能給大家帶來一些（mǎmǎhūhū）啟發。",
                 "參加了(le)5月＃１份的省(sheng)賽(sai)。"]
    var document = Document(text: lines.joined(separator: "\n"))
    MojibakeStage().apply(to: &document)
    #expect(document.lines.map(\.text) == lines)
    #expect(document.edits.isEmpty)
}
