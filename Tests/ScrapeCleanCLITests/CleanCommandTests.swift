import Foundation
import ScrapeClean
import Testing

@Suite("scrapeclean clean")
struct CleanCommandTests {
    private let seed = "Fixtures/seed-001-village-training/input.txt"

    private func expectedClean(_ path: String) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent(path)))
        return try Cleaner().clean(bytes: bytes).text
    }

    @Test("A file is cleaned to standard output exactly as the library cleans it")
    func cleansFileToStdout() throws {
        let output = try CLIRunner.run(["clean", seed])
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        #expect(output.text == (try expectedClean(seed)))
        #expect(output.text.contains("同志们："))
    }

    @Test("Standard input is cleaned to standard output")
    func cleansStdin() throws {
        let output = try CLIRunner.run(["clean"], stdin: Array("同志们:\r\n今天,我们开会。  \r\n".utf8))
        #expect(output.status == 0)
        #expect(output.text == "同志们：\n今天，我们开会。\n")
    }

    @Test("`clean -` reads standard input, and `-` among files is refused")
    func dashReadsStdin() throws {
        let page = Array("同志们:\r\n今天,我们开会。  \r\n".utf8)
        let dash = try CLIRunner.run(["clean", "-"], stdin: page)
        #expect(dash.status == 0)
        #expect(dash.text == "同志们：\n今天，我们开会。\n")
        let jsonl = try CLIRunner.run(["clean", "--jsonl", "-"], stdin: Array("{\"text\":\"今天,我们开会。\"}\n".utf8))
        #expect(jsonl.status == 0)
        #expect(jsonl.text.contains("今天，我们开会。"))
        let mixed = try CLIRunner.run(["clean", "-", seed], stdin: page)
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains("standard input"))
        #expect(mixed.text.isEmpty)
    }

    @Test("Several files print in the order given")
    func ordersOutput() throws {
        let a = "Fixtures/seed-002-township-secretaries/input.txt", b = seed
        let output = try CLIRunner.run(["clean", "--jobs", "2", a, b, a])
        let one = try expectedClean(a), two = try expectedClean(b)
        #expect(output.text == one + two + one)
    }

    @Test("-o mirrors a folder tree and --report writes one JSON object per document")
    func mirrorsTreeWithReport() throws {
        let input = try CLIRunner.temporaryFolder(), out = try CLIRunner.temporaryFolder()
        let nested = input.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data("同志们:\n".utf8).write(to: input.appendingPathComponent("top.txt"))
        try Data("今天,开会。\n".utf8).write(to: nested.appendingPathComponent("deep.txt"))
        try Data("ignored".utf8).write(to: nested.appendingPathComponent("skip.html"))
        let report = out.appendingPathComponent("report.jsonl").path
        let output = try CLIRunner.run(["clean", input.path, "-o", out.path + "/clean", "--report", report])
        #expect(output.status == 0, "\(output.stderr)")
        let deep = try String(contentsOf: out.appendingPathComponent("clean/a/b/deep.txt"), encoding: .utf8)
        #expect(deep == "今天，开会。\n")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("clean/top.txt").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("clean/a/b/skip.html").path))
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONDecoder().decode(DocumentReport.self, from: Data(lines[0].utf8))
        #expect(first.path.hasSuffix("a/b/deep.txt"))
        #expect(first.metadata.encoding == "UTF-8")
        #expect(first.edits.contains { $0.rule == "punctuation.full-width-mark" && $0.line == 1 })
    }

    @Test("A missing file gets one line naming it; the other files are still cleaned; exit 2")
    func missingFileDoesNotStopOthers() throws {
        let output = try CLIRunner.run(["clean", "no/such/file.txt", seed])
        #expect(output.status == 2)
        #expect(output.stderr == "scrapeclean: no/such/file.txt: no such file or directory\n")
        #expect(output.text == (try expectedClean(seed)))
    }

    @Test("An unreadable file is reported by name and the run goes on")
    func unreadableFile() throws {
        guard getuid() != 0 else { return } // root reads everything; covered by the missing-file test
        let folder = try CLIRunner.temporaryFolder()
        let locked = folder.appendingPathComponent("locked.txt")
        try Data("同志们".utf8).write(to: locked)
        chmod(locked.path, 0)
        let output = try CLIRunner.run(["clean", locked.path, seed])
        #expect(output.status == 2)
        #expect(output.stderr.contains("locked.txt"))
    }

    @Test("Usage errors exit 2 with a message", arguments: [
        ["clean", "--in-place"], ["clean", "--report", "-", "x.txt"], ["clean", "--encoding", "klingon", "x.txt"],
        ["clean", "--to", "martian"],
    ])
    func usageErrors(arguments: [String]) throws {
        let output = try CLIRunner.run(arguments)
        #expect(output.status == 2)
        #expect(!output.stderr.isEmpty)
    }

    @Test("--in-place rewrites files and keeps their permissions")
    func inPlace() throws {
        let folder = try CLIRunner.temporaryFolder()
        let file = folder.appendingPathComponent("page.txt")
        try Data("今天,开会。\r\n".utf8).write(to: file)
        chmod(file.path, 0o640)
        let output = try CLIRunner.run(["clean", "--in-place", folder.path])
        #expect(output.status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == "今天，开会。\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["page.txt"])
    }

    @Test("Killing clean --in-place mid-run leaves every file either old or new, never torn")
    func inPlaceSurvivesKill() throws {
        let folder = try CLIRunner.temporaryFolder()
        let sources = ["seed-001-village-training", "seed-002-township-secretaries", "seed-003-hundred-villages"]
            .map { [UInt8](FileManager.default.contents(atPath: CLIRunner.packageRoot.path + "/Fixtures/\($0)/input.txt")!) }
        let cleaner = try Cleaner()
        var originals: [String: [UInt8]] = [:], cleaned: [String: [UInt8]] = [:]
        for index in 0..<300 {
            // Vary the files so that no two are alike; repeat the text so writes take time.
            var bytes = Array("第\(index)号文件,".utf8) + [0x0A]
            for _ in 0..<3 { bytes += sources[index % sources.count] + [0x0A] }
            let name = String(format: "doc%03d.txt", index)
            originals[name] = bytes
            cleaned[name] = Array(try cleaner.clean(bytes: bytes).text.utf8)
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["clean", "--in-place", "--jobs", "2", folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some files have been rewritten, then kill the process hard.
        let deadline = Date().addingTimeInterval(60)
        var rewritten = 0
        while Date() < deadline, process.isRunning {
            rewritten = originals.keys.prefix(300).filter { name in
                FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { [UInt8]($0) } == cleaned[name]
            }.count
            if rewritten >= 5 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var old = 0, new = 0
        for (name, original) in originals {
            let now = [UInt8](FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data())
            if now == original { old += 1 } else if now == cleaned[name] { new += 1 }
            else { Issue.record("\(name) is torn: \(now.count) bytes, neither old (\(original.count)) nor new (\(cleaned[name]!.count))") }
        }
        #expect(old + new == originals.count)
        #expect(new >= 5, "the run was killed before it rewrote anything; the test proved nothing")
        #expect(old > 0, "the run finished before the kill; the test proved nothing")
    }

    @Test("Random bytes and truncated UTF-8 never crash the CLI and always give valid UTF-8", arguments: 0..<12)
    func hostileBytes(seed: UInt64) throws {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        var bytes = (0..<Int(next() % 20_000)).map { _ in UInt8(truncatingIfNeeded: next()) }
        if seed % 3 == 0 {
            // Truncated UTF-8: a real document cut at a random byte.
            let text = Array(try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent("Fixtures/seed-000-first-secretary/input.txt")))
            bytes = Array(text.prefix(Int(next() % UInt64(text.count))))
        }
        let output = try CLIRunner.run(["clean"], stdin: bytes)
        #expect(output.status == 0)
        #expect(String(validating: output.stdout, as: UTF8.self) != nil)
    }
}
