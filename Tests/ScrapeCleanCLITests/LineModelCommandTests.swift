import Foundation
import Testing

/// `clean --line-model-threshold`, `--line-model FILE` and `--disable model.line`, end to end on
/// held-out labelled pages (their domains are in Benchmarks/boilerplate/heldout-domains.txt)
/// whose login and menu chrome only the line model removes.
@Suite("scrapeclean clean --line-model and --line-model-threshold")
struct LineModelCommandTests {
    /// Writes the text of the labelled page (every line but `+` continuations; `_` is an empty
    /// line) to a temporary file and returns its path.
    private func heldOutPageFile(_ name: String = "biyelunwen.org--1") throws -> String {
        let tsv = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages/\(name).tsv"), encoding: .utf8)
        let body = tsv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .drop { $0.hasPrefix("# ") }
            .compactMap { row -> Substring? in
                if row == "_" { return "" }
                guard let tab = row.firstIndex(of: "\t"), row[..<tab] != "+" else { return nil }
                return row[row.index(after: tab)...]
            }
        let path = try CLIRunner.temporaryFolder().appendingPathComponent("\(name).txt").path
        try (body.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Cleans `page` with `arguments` and returns the output and the input lines `model.line` removed.
    private func clean(_ page: String, _ arguments: [String] = []) throws -> (text: String, modelLines: [Int], modelNotes: [String]) {
        let report = try CLIRunner.temporaryFolder().appendingPathComponent("report.json").path
        let output = try CLIRunner.run(["clean", page, "--report", report] + arguments)
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        let edits = document?["edits"] as? [[String: Any]] ?? []
        #expect(!edits.isEmpty, "the report lists the edits")
        let modelEdits = edits.filter { $0["rule"] as? String == "model.line" }
        return (output.text, modelEdits.compactMap { $0["line"] as? Int }.sorted(), modelEdits.compactMap { $0["note"] as? String })
    }

    @Test("The model removes the blog's menu lines (some by default, all five at 0.98), and the report names model.line with its score")
    func defaultThresholdRemovesMenuChrome() throws {
        let page = try heldOutPageFile("github.io--1")
        let menu = [4, 6, 8, 10, 12] // `  • 首页` … `  • 搜索`
        let (text, lines, notes) = try clean(page)
        #expect(!lines.isEmpty && Set(lines).isSubset(of: menu), "\(lines)")
        #expect(notes.count == lines.count && notes.allSatisfy { $0.hasPrefix("score 0.99") }, "\(notes)")
        let eager = try clean(page, ["--line-model-threshold", "0.98"])
        #expect(eager.modelLines == menu)
        #expect(!eager.text.contains("• "))
        for output in [text, eager.text] {
            #expect(output.contains("Introducing Low-Latency HLS"))
            #expect(output.contains("是Apple的动态码率自适应技术"))
        }
    }

    @Test("Threshold 1 and --disable model.line give the same rules-only output; a lower threshold removes more")
    func thresholdTradesRecallForPrecision() throws {
        let page = try heldOutPageFile()
        let byDefault = try clean(page)
        let off = try clean(page, ["--line-model-threshold", "1"])
        let disabled = try clean(page, ["--disable", "model.line"])
        #expect(off.modelLines.isEmpty && disabled.modelLines.isEmpty)
        #expect(off.text == disabled.text)
        #expect(off.text.contains("获取手机验证码 60"), "without the model the login chrome stays")
        let eager = try clean(page, ["--line-model-threshold", "0.5"])
        #expect(Set(byDefault.modelLines).isSubset(of: eager.modelLines))
        #expect(eager.modelLines.count > byDefault.modelLines.count)
        // A long punctuated body line is never the model's alone to remove, at any threshold.
        #expect(eager.text.contains("随着我国经济的不断发展，人们的生活节奏不断加快"))
    }

    @Test("--line-model with a copy of the built-in model gives the built-in output")
    func modelFileCopyMatchesBuiltIn() throws {
        let page = try heldOutPageFile()
        let copy = try CLIRunner.temporaryFolder().appendingPathComponent("model.bin")
        try FileManager.default.copyItem(at: CLIRunner.packageRoot.appendingPathComponent("Sources/ScrapeClean/Resources/data/linemodel.bin"), to: copy)
        let builtIn = try clean(page)
        let fromFile = try clean(page, ["--line-model", copy.path])
        #expect(fromFile.text == builtIn.text)
        #expect(fromFile.modelLines == builtIn.modelLines)
    }

    @Test("A threshold outside 0…1, a missing and a damaged model file exit 2 with one line naming the problem")
    func badModelOptionsAreUsageErrors() throws {
        let page = try heldOutPageFile()
        let damaged = try CLIRunner.temporaryFolder().appendingPathComponent("damaged.bin")
        let model = try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent("Sources/ScrapeClean/Resources/data/linemodel.bin"))
        try model.prefix(model.count / 2).write(to: damaged)
        for (arguments, named) in [(["--line-model-threshold", "1.5"], "1.5"),
                                   (["--line-model", "/nonexistent/model.bin"], "/nonexistent/model.bin"),
                                   (["--line-model", damaged.path], damaged.path)] {
            let output = try CLIRunner.run(["clean", page] + arguments)
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stdout.isEmpty, "\(arguments): nothing is cleaned with a bad model option")
            #expect(output.stderr.contains(named), "\(arguments): \(output.stderr)")
        }
    }
}
