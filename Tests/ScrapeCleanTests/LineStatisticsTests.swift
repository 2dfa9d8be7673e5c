import Foundation
import Testing
@testable import ScrapeClean

@Suite("Cross-document line statistics")
struct LineStatisticsTests {
    @Test("Fingerprints ignore digits, width, case, spaces and punctuation")
    func fingerprintNormalization() {
        #expect(LineFingerprint.of("发布时间：2022-10-01 浏览次数：35") == LineFingerprint.of("发布时间:２０２１-01-02  浏览次数:7"))
        #expect(LineFingerprint.of("Copyright © 2022 Site") == LineFingerprint.of("copyright © 2004 site"))
        #expect(LineFingerprint.of("首页 > 新闻") != LineFingerprint.of("首页 > 体育"))
        #expect(LineFingerprint.of(" ，。!! ") == nil)
    }

    private func corpus() -> [String] {
        // Fixture bodies with site chrome that no built-in rule names, repeated in every page.
        TestSupport.fixtureNames.map { name in
            "悦读网 · 每日精选 · 第\(name.count)期\n" + TestSupport.fixtureText(name, "expected.txt") + "本页由悦读网智能排版 版本 3.2.1\n"
        }
    }

    private func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "/scrapeclean-\(UUID().uuidString)-\(name)"
    }

    @Test("Spilling runs to disk gives the same file as counting in memory, in any order")
    func spillingIsDeterministic() throws {
        let documents = corpus()
        var inMemory = LineStatisticsBuilder()
        var spilled = LineStatisticsBuilder(bufferLimit: 16)
        for document in documents { try inMemory.add(document: document) }
        for document in documents.reversed() { try spilled.add(document: document) }
        let a = temporaryPath("a.bin"), b = temporaryPath("b.bin")
        try inMemory.write(to: a)
        try spilled.write(to: b)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
    }

    @Test("Merging shard statistics equals counting the whole corpus")
    func mergeEqualsWhole() throws {
        let documents = corpus()
        var whole = LineStatisticsBuilder(), first = LineStatisticsBuilder(), second = LineStatisticsBuilder()
        for (index, document) in documents.enumerated() {
            try whole.add(document: document)
            if index % 2 == 0 { try first.add(document: document) } else { try second.add(document: document) }
        }
        let w = temporaryPath("w"), f = temporaryPath("f"), s = temporaryPath("s"), m = temporaryPath("m")
        try whole.write(to: w); try first.write(to: f); try second.write(to: s)
        try LineStatisticsFile.merge([f, s], into: m)
        #expect(FileManager.default.contents(atPath: w) == FileManager.default.contents(atPath: m))
        let statistics = try LineStatistics(path: m, minDocuments: 10)
        #expect(statistics.documents == UInt64(documents.count))
    }

    @Test("Lines repeated across documents are removed; body, introductions and headings are kept")
    func repeatedLinesRemoved() throws {
        let documents = corpus()
        var builder = LineStatisticsBuilder()
        for document in documents { try builder.add(document: document) }
        let path = temporaryPath("stats.bin")
        try builder.write(to: path)
        var options = CleanOptions()
        options.keepPunctuation = true
        options.lineStatistics = try LineStatistics(path: path, minDocuments: 10)
        let cleaner = try Cleaner(options: options)
        for (name, document) in zip(TestSupport.fixtureNames, documents) {
            let result = cleaner.clean(text: document)
            let removed = result.edits.filter { $0.rule == "corpus.repeated-line" }.map(\.removed)
            #expect(removed.count == 2, "\(name): \(removed)")
            #expect(removed.allSatisfy { $0.hasPrefix("悦读网") || $0.hasPrefix("本页由悦读网") })
            #expect(result.text == TestSupport.fixtureText(name, "expected.txt"), "\(name): body changed")
        }
    }

    @Test("Guards protect sentences, introductions and headings even when frequent", arguments: [
        "同志们：", "一、统一思想认识", "（一）在强化政治领导方面下足功夫", "第一，要提高站位", "二是发展村级经济",
        "感谢大家的支持。", String(repeating: "长", count: 101),
    ])
    func guards(line: String) {
        #expect(RepeatedLineStage.isProtected(line))
    }

    @Test("Short chrome lines are not protected", arguments: ["首页 > 新闻中心", "扫码关注公众号", "Copyright © 2022"])
    func chromeNotProtected(line: String) {
        #expect(!RepeatedLineStage.isProtected(line))
    }

    @Test("A file that is not statistics gives an error naming it")
    func notStatistics() throws {
        let path = temporaryPath("bogus.bin")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LineStatisticsFile.FileError.notStatistics(path)) {
            try LineStatistics(path: path, minDocuments: 2)
        }
    }
}
