import Foundation
import ScrapeClean
import Testing

@Suite("scrapeclean clean --min-chars / --rejects")
struct MinimumBodyCommandTests {
    private static let chromeOnly = "首页 > 新闻中心 > 正文\n上一篇：没有了\n下一篇：关于开展安全检查的通知\n"

    private func fixture(_ name: String) -> String {
        String(decoding: FileManager.default.contents(atPath: CLIRunner.packageRoot.path + "/Fixtures/\(name)/input.txt")!,
               as: UTF8.self)
    }

    private func record(_ id: Int, _ text: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(["id": "\(id)", "text": text]), as: UTF8.self)
    }

    @Test("A record left with too little body goes to the rejects file, byte for byte, and not to the output")
    func jsonLinesRecordsAreSetAside() throws {
        let folder = try CLIRunner.temporaryFolder()
        let rejects = folder.appendingPathComponent("rejects.jsonl").path
        let lines = [try record(0, fixture("seed-001-village-training")), try record(1, Self.chromeOnly),
                     "{broken json", try record(3, fixture("web-cwt_02_shantaoli.com"))]
        let output = try CLIRunner.run(["clean", "--jsonl", "--jobs", "2", "--min-chars", "30", "--rejects", rejects],
                                       stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(output.status == 0)
        let written = output.text.split(separator: "\n").map(String.init)
        #expect(written.count == 3)
        #expect(written[0].hasPrefix(#"{"id":"0""#))
        #expect(written[1] == "{broken json")
        #expect(written[2].hasPrefix(#"{"id":"3""#))
        #expect(output.stderr.contains("1 rejected (--min-chars)"))
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(rejected[0].utf8)) as! [String: Any]
        #expect(object["source"] as? String == "-:2")
        #expect(object["reason"] as? String == "min-chars")
        #expect(object["min"] as? Int == 30)
        #expect((object["han"] as? Int ?? 99) < 30)
        // The original record, unchanged: nothing is lost.
        #expect(rejected[0].hasSuffix(#","record":\#(lines[1])}"#))
    }

    @Test("A file set aside is not written under -o, and stays as it is")
    func filesAreSetAside() throws {
        let folder = try CLIRunner.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try fixture("seed-002-township-secretaries").write(to: input.appendingPathComponent("speech.txt"), atomically: true, encoding: .utf8)
        try Self.chromeOnly.write(to: input.appendingPathComponent("menu.txt"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let rejects = folder.appendingPathComponent("rejects.jsonl").path
        let output = try CLIRunner.run(["clean", input.path, "-o", out, "--min-chars", "30", "--rejects", rejects, "--quiet"])
        #expect(output.status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/speech.txt"))
        #expect(!FileManager.default.fileExists(atPath: out + "/menu.txt"))
        #expect(try String(contentsOf: input.appendingPathComponent("menu.txt"), encoding: .utf8) == Self.chromeOnly)
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(rejected.contains(#""source":"\#(input.path)/menu.txt""#))
        #expect(!rejected.contains("speech.txt"))
    }

    @Test("Standard input set aside keeps its text in the rejects record and prints nothing")
    func standardInputIsSetAsideWithItsText() throws {
        let folder = try CLIRunner.temporaryFolder()
        let rejects = folder.appendingPathComponent("rejects.jsonl").path
        let output = try CLIRunner.run(["clean", "--min-chars", "30", "--rejects", rejects], stdin: Array(Self.chromeOnly.utf8))
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: rejects))) as! [String: Any]
        #expect(object["text"] as? String == Self.chromeOnly)
    }

    @Test("--min-chars without --rejects (and the reverse) is refused: documents are never dropped silently")
    func optionsGoTogether() throws {
        let alone = try CLIRunner.run(["clean", "--min-chars", "30"], stdin: Array("你好".utf8))
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("--min-chars needs --rejects"))
        let reverse = try CLIRunner.run(["clean", "--rejects", "r.jsonl"], stdin: Array("你好".utf8))
        #expect(reverse.status == 2)
        #expect(reverse.stderr.contains("--rejects needs --min-chars"))
    }

    @Test("Han characters are counted on the cleaned text")
    func hanCountIsOfTheCleanedText() throws {
        let filter = MinimumBodyFilter(minimumHan: 10)
        let result = try Cleaner().clean(text: "今天开会。Hello 123\n")
        #expect(MinimumBodyFilter.hanCount(of: result.text) == 4)
        #expect(filter.rejection(of: result) == MinimumBodyFilter.Rejection(han: 4, minimum: 10))
        let record = filter.rejectRecord(filter.rejection(of: result)!, source: "a:1", original: .record(Array("{\"t\":1}\r".utf8)))
        #expect(String(decoding: record, as: UTF8.self) == #"{"source":"a:1","reason":"min-chars","han":4,"min":10,"record":{"t":1}}"#)
    }
}
