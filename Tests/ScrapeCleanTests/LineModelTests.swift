import Foundation
import Testing
@testable @_spi(LineModelTraining) import ScrapeClean

/// The text of a labelled page (Benchmarks/boilerplate/FORMAT.md) and the labels by 1-based
/// line number.
private func labelledPage(_ name: String) throws -> (text: String, labels: [Int: String]) {
    let page = try LabelledPage.read(name)
    return (page.text, page.lines.mapValues(\.label))
}

/// A held-out page (its domain is in heldout-domains.txt: the shipped model never saw it, and it
/// is not a fixture) whose login and registration chrome the model scores 0.95–0.99.
private let heldOutPage = "biyelunwen.org--1"

/// A held-out blog page (github.io) whose menu lines only the model removes at the default
/// threshold.
private let heldOutBlog = "github.io--1"

private func cleaner(threshold: Double = CleanOptions.defaultLineModelThreshold, disabled: Set<String> = []) throws -> Cleaner {
    var options = CleanOptions()
    options.lineModelThreshold = threshold
    options.disabledRules = disabled
    return try Cleaner(options: options)
}

/// CRC-32 as zlib computes it (reflected polynomial 0xEDB88320), to compare with Python's `zlib.crc32`.
private struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
    private var state: UInt32 = 0xFFFF_FFFF
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { state = Self.table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8) }
    }
}

@Suite("Learned line model (model.line)")
struct LineModelTests {
    @Test("The shipped model loads, fits this build's 75 features and has its 100 trees")
    func shippedModelLoads() throws {
        let model = try LineModel.shipped.get()
        #expect(LineFeatures.count == 75)
        #expect(LineFeatures.names.count == Set(LineFeatures.names).count, "feature names are unique")
        #expect(model.roots.count == 100)
        #expect(model.vocabulary.weights.contains { $0 != 0 }, "the vocabulary was learned")
        let bytes = model.fileBytes()
        #expect(try LineModel(bytes: bytes, source: "copy").nodes == model.nodes, "the file format round-trips")
    }

    @Test("The shipped model was trained on the lines this build gives it (a rule, feature or label change means retraining)")
    func shippedModelIsNotStale() throws {
        // Scripts/train_line_model.sh writes linemodel.inputs.txt: the CRC-32 of the training
        // dump (empty vocabulary) with its labels, and the FNV-1a 32 of the model it wrote.
        let root = TestSupport.packageRoot
        let data = root.appendingPathComponent("Sources/ScrapeClean/Resources/data")
        let record = String(decoding: try Data(contentsOf: data.appendingPathComponent("linemodel.inputs.txt")), as: UTF8.self)
        var fields: [String: String] = [:]
        for line in record.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        let modelBytes = [UInt8](try Data(contentsOf: data.appendingPathComponent("linemodel.bin")))
        var fnv: UInt32 = 0x811C_9DC5
        for byte in modelBytes { fnv = (fnv ^ UInt32(byte)) &* 0x0100_0193 }
        #expect(fields["model_fnv1a32"] == String(format: "%08x", fnv), "linemodel.inputs.txt is the record of another model file")

        let heldOut = Set(String(decoding: try Data(contentsOf: root.appendingPathComponent("Benchmarks/boilerplate/heldout-domains.txt")), as: UTF8.self)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
        let folder = root.appendingPathComponent("Benchmarks/boilerplate/pages")
        var crc = CRC32()
        crc.update((Cleaner.lineModelFeatureNames.joined(separator: ",") + "\n").utf8)
        var pages = 0, lines = 0, chrome = 0
        let dumper = try cleaner(disabled: ["model.line"])
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".tsv") }).sorted() {
            let raw = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            let domain = raw.split(separator: "\n").first { $0.hasPrefix("# domain: ") }.map { String($0.dropFirst(10)) }
            guard let domain, !heldOut.contains(domain) else { continue }
            let stem = String(name.dropLast(4))
            let (text, labels) = try labelledPage(stem)
            pages += 1
            for row in dumper.lineModelRows(text: text) {
                let label = labels[row.origin] == "C" ? 1 : 0
                lines += 1
                chrome += label
                let bits = row.features.map { String(format: "%08x", $0.bitPattern) }.joined(separator: ",")
                crc.update("\(stem)\t\(row.origin)\t\(label)\t\(row.text.replacingOccurrences(of: "\t", with: " "))\t\(row.buckets.map(String.init).joined(separator: " "))\t\(bits)\n".utf8)
            }
        }
        let now = "pages \(pages), lines \(lines), chrome \(chrome), inputs_crc32 \(String(format: "%08x", crc.value))"
        let recorded = "pages \(fields["pages"] ?? "?"), lines \(fields["lines"] ?? "?"), chrome \(fields["chrome"] ?? "?"), inputs_crc32 \(fields["inputs_crc32"] ?? "?")"
        #expect(now == recorded, "the shipped line model is stale: rerun `sh Scripts/train_line_model.sh` and commit linemodel.bin and linemodel.inputs.txt (then Scripts/line_model_scores.py)")
    }

    @Test("On a held-out blog the model removes only menu lines, keeps title and body, and at 0.98 takes the whole menu")
    func removesObviousChromeOnHeldOutPage() throws {
        let (text, labels) = try labelledPage(heldOutBlog)
        // The menu: 首页 分类 归档 标签 搜索 (lines 4–12, each `  • 名`), then `close` (13), which
        // is kept as a lone name (NavigationBlockDetector.isPosterName) whatever its score.
        let menu = [4, 6, 8, 10, 12]
        let byDefault = try cleaner().clean(text: text)
        let removed = byDefault.edits.filter { $0.rule == "model.line" }
        #expect(!removed.isEmpty && Set(removed.map(\.line)).isSubset(of: menu), "\(removed.map(\.line))")
        #expect(removed.allSatisfy { labels[$0.line] == "C" }, "every line the model removed is labelled chrome")
        #expect(removed.allSatisfy { $0.note?.hasPrefix("score 0.99") == true }, "\(removed.map(\.note))")
        // A lower threshold takes the rest of the menu, and still neither the title nor the body.
        let eager = try cleaner(threshold: 0.98).clean(text: text)
        #expect(eager.edits.filter { $0.rule == "model.line" }.map(\.line).sorted() == menu)
        for result in [byDefault, eager] {
            #expect(result.text.contains("Introducing Low-Latency HLS"))
            #expect(result.text.contains("是Apple的动态码率自适应技术"))
            #expect(result.text.contains("close"))
        }
        #expect(!eager.text.contains("• "))
    }

    @Test("A line that reaches the threshold once the chrome around it is removed goes in a later round")
    func laterRoundRemovesLineOnceItsNeighboursAreGone() throws {
        let threshold = 0.98
        let cleaner = try cleaner(threshold: threshold)
        let boilerplate = try #require(cleaner.stages.lazy.compactMap { $0 as? BoilerplateStage }.first)
        let detector = LineModelDetector(model: try LineModel.shipped.get(), threshold: threshold)
        let folder = TestSupport.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tsv") }.sorted()
        // Every labelled page: the lines removed after the first round scored under the
        // threshold in it; applying the detector again removes nothing more.
        var later: [(page: String, line: Int, label: String)] = []
        for page in pages {
            let (text, labels) = try labelledPage(String(page.dropLast(4)))
            var document = Hygiene().document(from: text)
            for stage in cleaner.stages where !(stage is BoilerplateStage) && stage.stage < .boilerplate {
                stage.apply(to: &document)
            }
            var working = WorkingDocument(document: document)
            boilerplate.applyDetectorsBeforeModel(to: &working)
            let first = detector.score(working)
            let firstRound = Set(first.indices.indices.filter { first.scores[$0] >= threshold }.map { working.lines[first.indices[$0]].origin })
            let before = working.edits.count
            detector.apply(to: &working)
            for edit in working.edits[before...] where !firstRound.contains(edit.line) && edit.note?.hasPrefix("score") == true {
                later.append((page, edit.line, labels[edit.line] ?? "?"))
            }
            let edits = working.edits.count
            detector.apply(to: &working)
            #expect(working.edits.count == edits, "\(page): a second application removed more")
        }
        // With the model of 2026-12-07: 36 such lines on 25 pages, all labelled chrome.
        #expect(later.count >= 10, "\(later)")
        #expect(Double(later.filter { $0.label == "C" }.count) >= 0.9 * Double(later.count), "\(later)")
    }

    @Test("The later copies of a line the model removed go with it, so that cleaning again reads the head alike")
    func copiesOfARemovedLineGoWithIt() throws {
        // xc2099.cn repeats its header (title, slogan, 立即咨询) twice above the body. The model
        // removes the first copy of the slogan; had the second stayed, it would stand two lines
        // under the title, and a second clean (without the page title that confirmed the
        // title) took it for the title and removed the title as head chrome.
        // The threshold is set between the two copies' first-round scores (the first copy,
        // nearer the top, scores higher), so that the first goes by its score and only the
        // copy rule can take the second, whatever a retrain does to the scores themselves.
        let (text, labels) = try labelledPage("xc2099.cn--1")
        let slogan = "思想、策划、创意是我们为企业小程序 / 公众号品牌服务的精髓和灵魂"
        let probe = try cleaner(threshold: 0.5)
        let boilerplate = try #require(probe.stages.lazy.compactMap { $0 as? BoilerplateStage }.first)
        var document = Hygiene().document(from: text)
        for stage in probe.stages where !(stage is BoilerplateStage) && stage.stage < .boilerplate {
            stage.apply(to: &document)
        }
        var working = WorkingDocument(document: document)
        boilerplate.applyDetectorsBeforeModel(to: &working)
        let scored = LineModelDetector(model: try LineModel.shipped.get(), threshold: 0.5).score(working, all: true)
        let sloganLines = scored.indices.indices.filter { working.lines[scored.indices[$0]].text == slogan }
        try #require(sloganLines.map { working.lines[scored.indices[$0]].origin } == [12, 15])
        let first = scored.scores[sloganLines[0]], second = scored.scores[sloganLines[1]]
        try #require(first > second + 1e-4, "the first copy scores \(first), the second \(second)")
        let cleaner = try cleaner(threshold: (first + second) / 2)
        let once = cleaner.clean(text: text)
        let model = once.edits.filter { $0.rule == "model.line" && $0.removed == slogan }
        #expect(model.map(\.line) == [12, 15])
        #expect(model.last?.note == "copy of the line at 12, which the model removed")
        #expect(model.allSatisfy { labels[$0.line] == "C" })
        #expect(!once.text.contains(slogan))
        // Known: at this threshold (0.9857 with the model shipped on 2026-12-08) the model keeps
        // `小程序 / 公众号` under the title, and a second clean, which has no page title to
        // confirm `慧天服饰—小程序`, takes that line for the title by its body wording and removes
        // the real title as head chrome. At the default and at 0.98 the page cleans the same twice.
        withKnownIssue("the title is chosen again from the body's wording on the second clean") {
            #expect(cleaner.clean(text: once.text).text == once.text)
        }
        for threshold in [CleanOptions.defaultLineModelThreshold, 0.98] {
            var options = CleanOptions()
            options.lineModelThreshold = threshold
            let other = try Cleaner(options: options)
            let cleaned = other.clean(text: text).text
            #expect(other.clean(text: cleaned).text == cleaned, "threshold \(threshold)")
        }
        // Over every labelled page, a copy is removed only below a line of the same text that
        // the model removed by its score, and only copies the layout stage would have dropped.
        let folder = TestSupport.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages")
        var copies = 0
        for page in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".tsv") }) {
            let edits = cleaner.clean(text: try labelledPage(String(page.dropLast(4))).text).edits.filter { $0.rule == "model.line" }
            for edit in edits where edit.note?.hasPrefix("copy") == true {
                copies += 1
                #expect(edits.contains { $0.line < edit.line && $0.removed == edit.removed && $0.note?.hasPrefix("score") == true }, "\(page) line \(edit.line)")
                #expect(edit.removed.unicodeScalars.count >= LayoutStage.minimumDuplicateLength, "\(page) line \(edit.line)")
            }
        }
        #expect(copies >= 1)
    }

    @Test("A long punctuated body line stuffed with chrome words is never removed, even at threshold 0")
    func neverRemovesPunctuatedBodyLine() throws {
        let sentence = "楼主说的这个办法我试过了，上传和下载都正常，举报按钮也能用，回复楼主之后版主很快就处理了。"
        let long = "我们村今年新建了文化活动中心上传下载举报楼主登录注册首页返回顶部这些字样都只是墙上海报里的内容并不是网页的导航栏目大家不要误会"
        let text = ["首页 | 论坛 | 登录 | 注册", "发表于 2023-05-01 12:30 | 只看该作者", sentence, "上传 下载 举报", long,
                    "返回列表 | 回复 | 举报"].joined(separator: "\n") + "\n"
        for threshold in [0.0, 0.5, CleanOptions.defaultLineModelThreshold] {
            let result = try cleaner(threshold: threshold).clean(text: text)
            #expect(result.text.contains(sentence), "threshold \(threshold)")
            #expect(result.text.contains(long), "threshold \(threshold)")
        }
        // At threshold 0 the model removes every other line it sees, so it did run.
        let all = try cleaner(threshold: 0).clean(text: text)
        #expect(all.edits.contains { $0.rule == "model.line" && $0.removed == "上传 下载 举报" })
    }

    @Test("--disable model.line and threshold 1 remove nothing and give the rules-only output", arguments: [true, false])
    func disabledOrThresholdOneRemovesNothing(disable: Bool) throws {
        let (text, _) = try labelledPage(heldOutPage)
        let off = disable ? try cleaner(disabled: ["model.line"]) : try cleaner(threshold: 1)
        let result = off.clean(text: text)
        #expect(!result.edits.contains { $0.rule == "model.line" })
        #expect(result.text.contains("忘记密码？点击找回"))
        // The boilerplate stage's other edits are the same as with the model on.
        let on = try cleaner().clean(text: text)
        let boilerplate = { (edits: [Edit]) in edits.filter { $0.stage == .boilerplate && $0.rule != "model.line" }.map(\.line) }
        #expect(boilerplate(result.edits) == boilerplate(on.edits))
        #expect(!boilerplate(result.edits).isEmpty)
    }

    @Test("Scores match the recorded ones (computed offline by walking the model file's trees)")
    func scoresAreDeterministic() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/ScrapeCleanTests/Resources/linemodel-scores.tsv")
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false) }
        let rows = try cleaner().lineModelRows(text: labelledPage(heldOutPage).text)
        #expect(rows.count == expected.count)
        for (row, fields) in zip(rows, expected) {
            #expect(row.origin == Int(fields[0]))
            #expect(row.text == String(fields[2]))
            let score = try #require(row.score)
            #expect(abs(score - Double(fields[1])!) < 1e-5, "line \(row.origin): \(score) vs \(fields[1])")
        }
    }

    @Test("Scoring only what can reach the threshold decides every line of every labelled page as the full walk does",
          arguments: [0.5, 0.9, 0.98, CleanOptions.defaultLineModelThreshold])
    func earlyStopDecidesAsFullWalk(threshold: Double) throws {
        let cleaner = try cleaner(threshold: threshold)
        let boilerplate = try #require(cleaner.stages.lazy.compactMap { $0 as? BoilerplateStage }.first)
        let model = try LineModel.shipped.get()
        let detector = LineModelDetector(model: model, threshold: threshold)
        let folder = TestSupport.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tsv") }.sorted()
        #expect(pages.count >= 300)
        var decided = 0, removed = 0
        for page in pages {
            var document = Hygiene().document(from: try labelledPage(String(page.dropLast(4))).text)
            for stage in cleaner.stages where !(stage is BoilerplateStage) && stage.stage < .boilerplate {
                stage.apply(to: &document)
            }
            var working = WorkingDocument(document: document)
            boilerplate.applyDetectorsBeforeModel(to: &working)
            let fast = detector.score(working), full = detector.score(working, all: true)
            #expect(fast.indices == full.indices)
            for line in full.indices.indices where LineModelDetector.isCandidate(full.features.measures[line]) {
                decided += 1
                let reaches = full.scores[line] >= threshold
                #expect((fast.scores[line] >= threshold) == reaches, "\(page) line \(full.indices[line])")
                if reaches {
                    removed += 1
                    #expect(fast.scores[line] == full.scores[line], "\(page): the same score in the edit's note")
                }
            }
        }
        // With the model of 2026-12-08 at 0.995: 90 of 5,469 scored lines reach the threshold.
        #expect(decided > 3_000 && removed >= 50, "\(decided) lines scored, \(removed) over \(threshold)")
    }

    @Test("Cleaning is idempotent with the model on held-out pages",
          arguments: ["biyelunwen.org--1", "github.io--1", "book118.com--1", "gongkong.com--1", "disp.cc--1"])
    func cleaningIsIdempotent(page: String) throws {
        let cleaner = try cleaner()
        let once = cleaner.clean(text: try labelledPage(page).text)
        let twice = cleaner.clean(text: once.text)
        #expect(twice.text == once.text, "\(page)")
        #expect(!twice.edits.contains { $0.rule == "model.line" }, "\(page): \(twice.edits.map(\.removed))")
    }

    @Test("A damaged or missing model file is refused with an error naming it")
    func damagedModelFileIsRefused() throws {
        var bytes = try LineModel.shipped.get().fileBytes()
        bytes[40] ^= 0xFF
        #expect(throws: LineModelError.self) { try LineModel(bytes: bytes, source: "damaged.bin") }
        do {
            _ = try LineModel(bytes: Array(bytes.prefix(100)), source: "short.bin")
            Issue.record("a truncated file was accepted")
        } catch {
            #expect(error.description.hasPrefix("short.bin: invalid line model:"))
        }
        var options = CleanOptions()
        options.lineModelFile = "/nonexistent/fold.bin"
        #expect(throws: CleanerError.invalidLineModel(.unreadable(path: "/nonexistent/fold.bin"))) { try Cleaner(options: options) }
    }
}
