import Foundation
import Testing
@testable import ScrapeClean

/// The report is written without `JSONEncoder` (``EditJSON``, ``MetadataJSON``); these check
/// that it is still byte for byte what the encoder gives.
@Suite("Report JSON")
struct ReportJSONTests {
    /// Every control character, DEL, quotes, backslashes, slashes, line and paragraph
    /// separators and a character beyond the BMP.
    static let hostile: String = {
        var text = "引号\"反斜\\斜杠/\u{7F}\u{2028}\u{2029}😀"
        for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(value)!) }
        return text
    }()

    @Test("A report with hostile strings in every field is what JSONEncoder writes")
    func hostileReportMatchesTheEncoder() throws {
        var report = DocumentReport(path: "语料/\"a\"\\b.txt", result: try Cleaner().clean(bytes: TestSupport.fixtureBytes("seed-000-first-secretary")))
        report.edits += [
            Edit(stage: .hygiene, rule: "hygiene.\(Self.hostile)", line: 1, column: 3, removed: Self.hostile,
                 replacement: Self.hostile, count: 7, note: Self.hostile),
            Edit(stage: .boilerplate, rule: "banner", line: 2, removed: "", replacement: "", count: 0, note: nil),
            Edit(stage: .layout, rule: "layout.blank-lines", line: Int.max, column: 0, removed: "\n"),
        ]
        report.metadata.title = Self.hostile
        report.metadata.keywords = [Self.hostile, ""]
        report.metadata.invalidByteOffsets = [0, 1 << 40]
        report.metadata.truncated = false
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(report)
        var pieces: [Data] = []
        report.writeJSONLine { pieces.append($0) }
        let written = pieces.reduce(Data(), +)
        #expect(written == expected, "\(String(decoding: written.prefix(300), as: UTF8.self))")
        for edit in report.edits {
            var json: [UInt8] = []
            EditJSON.write(edit, into: &json)
            #expect(json == [UInt8](try encoder.encode(edit)))
        }
    }

    @Test("The edit writer knows every stored property of Edit")
    func editJSONCoversEveryProperty() {
        let edit = Edit(stage: .layout, rule: "r", line: 1, removed: "")
        #expect(Set(Mirror(reflecting: edit).children.compactMap(\.label)) == Set(EditJSON.keys))
        #expect(EditJSON.keys == EditJSON.keys.sorted())
    }
}
