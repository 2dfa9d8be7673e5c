import Foundation
import Testing
@testable import ScrapeClean

/// Junk filler (`structure.junk-filler`): runs of Han characters with no word among them.
@Suite struct JunkFillerDetectorTests {
    static let cleaner = try! Cleaner()
    /// The filler line of a labelled doc-site page (random common characters).
    static let labelledFiller: String = {
        let url = TestSupport.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages/jupeixun.cn--1.tsv")
        let page = try! String(contentsOf: url, encoding: .utf8)
        return page.split(separator: "\n").first { $0.hasPrefix("C\t卫所科迅均") }.map { String($0.dropFirst(2)) }!
    }()
    /// Rare characters of one radical, in code point order, as doc sites emit them.
    static let rareRadicalFiller = String(String.UnicodeScalarView((0x9416...0x9433).map { Unicode.Scalar($0)! }))

    @Test func removesALineOfRandomCharactersFromALabelledPage() {
        let text = "第一段正文写在这里,说明课程的安排。\n\(Self.labelledFiller)\n第二段正文也写在这里,说明报名的方法。\n"
        let result = Self.cleaner.clean(text: text)
        #expect(result.text == "第一段正文写在这里，说明课程的安排。\n第二段正文也写在这里，说明报名的方法。\n")
        let edit = try! #require(result.edits.first { $0.rule == "structure.junk-filler" })
        #expect(edit.note?.contains("Han characters") == true)
    }

    @Test func removesALineOfRareCharactersOfOneRadical() {
        let result = Self.cleaner.clean(text: "正文第一句话写得很长很长。\n\(Self.rareRadicalFiller)\n")
        #expect(result.text == "正文第一句话写得很长很长。\n")
    }

    @Test func cutsFillerGluedToABodySentenceAndKeepsTheSentence() {
        let line = "学校在九月开学，请同学们按时报到。" + Self.rareRadicalFiller
        let result = Self.cleaner.clean(text: line + "\n")
        #expect(result.text == "学校在九月开学，请同学们按时报到。\n")
        let edit = try! #require(result.edits.first { $0.rule == "structure.junk-filler" })
        #expect(edit.column == 18)
        #expect(edit.removed == Self.rareRadicalFiller)
    }

    @Test func keepsLongUnpunctuatedBodyRunsOfEveryLabelledPage() throws {
        // Every body and title line of the labelled corpus: none is touched by the detector.
        let folder = TestSupport.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages")
        var lines: [Line] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let page = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for row in page.split(separator: "\n") where row.hasPrefix("B\t") || row.hasPrefix("T\t") {
                lines.append(Line(String(row.dropFirst(2)), origin: lines.count))
            }
        }
        #expect(lines.count > 4000)
        var working = WorkingDocument(document: Document(lines: lines))
        JunkFillerDetector().apply(to: &working)
        for edit in working.edits {
            Issue.record("junk filler cut body line \(edit.line): \(edit.removed.prefix(40))")
        }
    }

    @Test func keepsARunOfOneRepeatedCharacter() {
        let line = "笑死我了" + String(repeating: "哈", count: 60)
        let result = Self.cleaner.clean(text: "正文第一句话写得很长很长。\n\(line)\n")
        #expect(!result.edits.contains { $0.rule == "structure.junk-filler" })
        #expect(result.text.contains(line))
    }

    @Test func disablingTheDetectorKeepsTheFiller() throws {
        var options = CleanOptions()
        options.disabledRules = ["structure.junk-filler"]
        let result = try Cleaner(options: options).clean(text: "正文第一句话写得很长很长。\n\(Self.rareRadicalFiller)\n")
        #expect(result.text.contains(Self.rareRadicalFiller))
    }
}
