import Foundation
import ScrapeClean
import Testing

@Suite("scrapeclean clean --jsonl and stats")
struct JSONLinesCommandTests {
    private func corpus() -> String {
        let names = ["seed-001-village-training", "seed-002-township-secretaries", "seed-003-hundred-villages",
                     "web-cwt_02_shantaoli.com", "web-c4zh_06_sncda.com"]
        var lines: [String] = []
        for (index, name) in names.enumerated() {
            let text = String(decoding: FileManager.default.contents(
                atPath: CLIRunner.packageRoot.path + "/Fixtures/\(name)/input.txt")!, as: UTF8.self)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let data = try! encoder.encode(["id": "\(index)", "text": text, "source": name])
            lines.append(String(decoding: data, as: UTF8.self))
            if index == 2 { lines.append("{broken json") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("One output line per input line, in order, fields kept, metadata added, malformed passed through")
    func contract() throws {
        let input = corpus()
        let output = try CLIRunner.run(["clean", "--jsonl", "--jobs", "2"], stdin: Array(input.utf8))
        #expect(output.status == 0)
        let inLines = input.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let outLines = output.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(outLines.count == inLines.count)
        #expect(outLines[3] == "{broken json")
        #expect(output.stderr.contains("1 malformed line passed through"))
        #expect(output.stderr.hasPrefix("scrapeclean: 5 documents"))
        let cleaner = try Cleaner()
        for (inLine, outLine) in zip(inLines, outLines) where inLine != "{broken json" {
            let before = try JSONDecoder().decode([String: String].self, from: Data(inLine.utf8))
            let after = try JSONDecoder().decode([String: JSONValue].self, from: Data(outLine.utf8))
            #expect(after["id"] == .string(before["id"]!))
            #expect(after["source"] == .string(before["source"]!))
            #expect(after["text"] == .string(cleaner.clean(text: before["text"]!).text))
            guard case let .object(meta)? = after["scrapeclean"] else { Issue.record("no metadata"); continue }
            #expect(meta["edits"] != nil)
        }
    }

    @Test("The output does not depend on the number of jobs")
    func jobsDoNotChangeOutput() throws {
        let input = Array(corpus().utf8)
        let one = try CLIRunner.run(["clean", "--jsonl", "--jobs", "1", "--quiet"], stdin: input)
        let four = try CLIRunner.run(["clean", "--jsonl", "--jobs", "4", "--quiet"], stdin: input)
        #expect(one.stdout == four.stdout)
        #expect(one.stderr.isEmpty)
    }

    @Test("--strict stops at the first malformed line with exit 2 naming its line")
    func strict() throws {
        let output = try CLIRunner.run(["clean", "--jsonl", "--strict", "--jobs", "1"], stdin: Array(corpus().utf8))
        #expect(output.status == 2)
        #expect(output.stderr.contains("-:4: malformed JSON Lines record"))
        #expect(output.text.split(separator: "\n").count == 3)
    }

    @Test("Records are written as soon as they are cleaned, before input ends (a streaming filter)")
    func streamsBeforeEndOfInput() throws {
        for jobs in ["1", "2"] {
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["clean", "--jsonl", "--jobs", jobs, "--quiet"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(#"{"text":"今天,开会。"}"#.utf8 + [0x0A]))
            // Read the first output line while standard input is still open.
            let received = ByteBox()
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while !bytes.contains(0x0A) {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    bytes += chunk
                }
                received.bytes = bytes
                done.signal()
            }
            let arrived = done.wait(timeout: .now() + 20) == .success
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            #expect(arrived, "no output before end of input with --jobs \(jobs)")
            #expect(String(decoding: received.bytes, as: UTF8.self).hasPrefix(#"{"text":"今天，开会。\n""#))
        }
    }

    @Test("JSON Lines files are cleaned into a mirrored folder")
    func jsonlFiles() throws {
        let folder = try CLIRunner.temporaryFolder(), out = try CLIRunner.temporaryFolder()
        let input = corpus() // dictionary key order differs per encoding: build it once
        try Data(input.utf8).write(to: folder.appendingPathComponent("part-0.jsonl"))
        let output = try CLIRunner.run(["clean", "--jsonl", "--quiet", folder.path, "-o", out.path])
        #expect(output.status == 0, "\(output.stderr)")
        let written = try String(contentsOf: out.appendingPathComponent("part-0.jsonl"), encoding: .utf8)
        let piped = try CLIRunner.run(["clean", "--jsonl", "--quiet"], stdin: Array(input.utf8))
        #expect(written == piped.text)
    }

    @Test("stats, merge and clean --line-stats remove chrome no built-in rule names")
    func statsMergeClean() throws {
        let folder = try CLIRunner.temporaryFolder()
        let shards = [folder.appendingPathComponent("shard-a"), folder.appendingPathComponent("shard-b")]
        for shard in shards { try FileManager.default.createDirectory(at: shard, withIntermediateDirectories: true) }
        let names = try FileManager.default.contentsOfDirectory(atPath: CLIRunner.packageRoot.path + "/Fixtures")
            .filter { FileManager.default.fileExists(atPath: CLIRunner.packageRoot.path + "/Fixtures/\($0)/expected.txt") }.sorted()
        for (index, name) in names.enumerated() {
            let body = try String(contentsOfFile: CLIRunner.packageRoot.path + "/Fixtures/\(name)/expected.txt", encoding: .utf8)
            let page = "悦读网 · 每日精选 · 第\(index + 1)期\n" + body + "本页由悦读网智能排版 版本 3.\(index).1\n"
            try Data(page.utf8).write(to: shards[index % 2].appendingPathComponent("\(name).txt"))
        }
        let a = folder.appendingPathComponent("a.bin").path, b = folder.appendingPathComponent("b.bin").path
        let all = folder.appendingPathComponent("all.bin").path, direct = folder.appendingPathComponent("direct.bin").path
        #expect(try CLIRunner.run(["stats", shards[0].path, "-o", a]).status == 0)
        #expect(try CLIRunner.run(["stats", shards[1].path, "-o", b]).status == 0)
        #expect(try CLIRunner.run(["stats", "--merge", a, b, "-o", all]).status == 0)
        #expect(try CLIRunner.run(["stats", folder.path, "-o", direct]).status == 0)
        #expect(FileManager.default.contents(atPath: all) == FileManager.default.contents(atPath: direct))

        let report = folder.appendingPathComponent("report.jsonl").path
        let output = try CLIRunner.run(["clean", folder.path, "-o", folder.appendingPathComponent("out").path,
                                        "--line-stats", all, "--min-docs", "10", "--report", report, "--quiet",
                                        "--keep-punctuation"])
        #expect(output.status == 0, "\(output.stderr)")
        let reports = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(DocumentReport.self, from: Data($0.utf8)) }
        #expect(reports.count == names.count)
        for document in reports {
            let removed = document.edits.filter { $0.rule == "corpus.repeated-line" }
            #expect(removed.count == 2, "\(document.path)")
            #expect(removed.allSatisfy { $0.removed.contains("悦读网") })
        }
    }

    @Test("A statistics file that is not one is a one-line error naming it")
    func badStatistics() throws {
        let output = try CLIRunner.run(["clean", "--line-stats", "Fixtures/seed-001-village-training/input.txt",
                                        "Fixtures/seed-001-village-training/input.txt"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("seed-001-village-training/input.txt: not a scrapeclean line statistics file"))
    }
}
