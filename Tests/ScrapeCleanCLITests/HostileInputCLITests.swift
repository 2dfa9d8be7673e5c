import Foundation
import ScrapeClean
import Testing

/// Hostile inputs through the command line: each run ends cleanly with valid output or a
/// one-line error naming the file; never a crash, a hang or a partially written file.
@Suite("scrapeclean clean on hostile inputs")
struct HostileInputCLITests {
    /// A run that must finish before `deadline` seconds (a hang fails the test instead of the suite).
    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var finished: Bool
    }

    /// Runs the CLI with standard input and output in files (no pipe can fill up), killing it
    /// after `deadline` seconds.
    static func run(_ arguments: [String], stdin: [UInt8] = [], deadline: TimeInterval = 120,
                    whileRunning: ((Process) throws -> Void)? = nil) throws -> Run {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("stdin"), output = folder.appendingPathComponent("stdout"),
            error = folder.appendingPathComponent("stderr")
        try Data(stdin).write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: error.path, contents: nil)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLIRunner.packageRoot
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        try process.run()
        try whileRunning?(process)
        let end = Date().addingTimeInterval(deadline)
        while process.isRunning, Date() < end { usleep(20_000) }
        let finished = !process.isRunning
        if !finished {
            process.terminate()
            usleep(200_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: [UInt8](try Data(contentsOf: output)),
                   stderr: String(decoding: try Data(contentsOf: error), as: UTF8.self), finished: finished)
    }

    private func hanCount<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
        String(decoding: Array(bytes), as: UTF8.self).unicodeScalars.reduce(0) {
            switch $1.value { case 0x4E00...0x9FFF, 0x3400...0x4DBF: $0 + 1; default: $0 }
        }
    }

    /// Leftover temporary files of AtomicFile in `folder` (a sign of a partial write).
    private func temporaryFiles(in folder: URL) -> [String] {
        let all = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
        return all.filter { $0.contains(".scrapeclean-") }
    }

    @Test("A 16 MB single line on standard input comes out as valid UTF-8 with every Han character")
    func sixteenMegabyteLineOnStdin() throws {
        let seed = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("Fixtures/seed-003-hundred-villages/input.txt"), encoding: .utf8)
        let source = Array(seed.unicodeScalars.filter { $0 != "\n" && $0 != "\r" && $0 != "\u{FEFF}" })
        // Numbered windows of the seed at random offsets: one line, no sentence repeated (layout
        // drops duplicate paragraphs).
        var state: UInt64 = 0x16
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        var line: [UInt8] = []
        line.reserveCapacity((16 << 20) + 200)
        var number = 0
        while line.count < 16 << 20 {
            number += 1
            let length = 12 + Int(next() % 40)
            let start = Int(next() % UInt64(source.count - length))
            line += Array("第\(number)条".utf8)
            line += Array(String(String.UnicodeScalarView(source[start..<(start + length)])).utf8)
            line += Array("。".utf8)
        }
        let run = try Self.run(["clean"], stdin: line)
        #expect(run.finished, "clean did not finish on a 16 MB line")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(validating: run.stdout, as: UTF8.self) != nil)
        #expect(hanCount(run.stdout) == hanCount(line))
    }

    /// Before truncation cuts were found in one pass, each notice re-matched the rest of the
    /// line: quadratic here. (Run optimized, as the README's test command does; a debug build
    /// needs minutes for the mojibake stage's real work on the ~100 copies of seed 000.)
    @Test("16 MB of raw scraped pages (chrome and truncation notices included) on one line finishes with valid output")
    func rawPagesOnOneLine() throws {
        let fixtures = CLIRunner.packageRoot.appendingPathComponent("Fixtures")
        var pages: [UInt8] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted() {
            guard let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent("\(name)/input.txt").path),
                  String(validating: [UInt8](data), as: UTF8.self) != nil else { continue }
            pages += [UInt8](data).filter { $0 != 0x0A && $0 != 0x0D }
        }
        var line: [UInt8] = []
        line.reserveCapacity((16 << 20) + pages.count)
        while line.count < 16 << 20 { line += pages }
        let run = try Self.run(["clean", "--quiet"], stdin: line, deadline: 180)
        #expect(run.finished, "clean did not finish within 180 s on a 16 MB line of raw pages (a linear pipeline takes seconds)")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(validating: run.stdout, as: UTF8.self) != nil)
        // Split at their truncation notices, the ~100 copies of the pages give the same
        // paragraphs again and again, which the layout stage removes as duplicates: at least
        // half of one copy must survive.
        #expect(run.stdout.count > pages.count / 2)
    }

    @Test("clean --jsonl on one 16 MB record with 400k escaped line breaks finishes with one valid output record")
    func jsonlRecordWithManyLineBreaks() throws {
        var text = ""
        var number = 0
        while text.utf8.count < 16 << 20 {
            number += 1
            text += "第\(number)段：同志们，今天我们在这里召开会议。\\n"
        }
        let record = Array(("{\"id\":1,\"text\":\"" + text + "\"}\n").utf8)
        let run = try Self.run(["clean", "--jsonl", "--quiet"], stdin: record)
        #expect(run.finished, "clean --jsonl did not finish on a 16 MB record")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.filter { $0 == 0x0A }.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any]
        let cleaned = object?["text"] as? String ?? ""
        #expect(cleaned.contains("第\(number)段"), "the last paragraph is missing")
    }

    @Test("A folder of hostile files is cleaned with -o: every output complete and valid UTF-8, no temporary files left")
    func folderOfHostileFiles() throws {
        let input = try CLIRunner.temporaryFolder(), out = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: out) }
        var state: UInt64 = 0xF01DE5
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        let gb: [UInt8] = {
            guard case let .bytes(bytes) = ICU.encode("同志们，今天我们召开会议。\n", charset: "GB18030") else { return [] }
            return bytes
        }()
        let files: [String: [UInt8]] = [
            "empty.txt": [],
            "nul.txt": [UInt8](repeating: 0, count: 100_000) + Array("同志们\0今天\0开会。\n".utf8),
            "random.txt": (0..<500_000).map { _ in UInt8(truncatingIfNeeded: next()) },
            "brackets.txt": Array((String(repeating: "【(“", count: 100_000) + "\n").utf8),
            "banners.txt": Array(String(repeating: "下面是小编为大家整理的述职报告，供大家参考。\n来源：网络整理 免责声明：本文来自网络。\n", count: 5000).utf8)
                + Array("同志们：今天我们召开全村干部大会。\n".utf8),
            "pinyin.txt": Array((String(repeating: "書(shū)", count: 20_000) + "\n").utf8),
            "mixed.txt": Array("同志们，今天我们召开会议。\n".utf8) + gb,
            "utf16.txt": [0xFF, 0xFE] + "同志们：\n今天开会。\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        ]
        for (name, bytes) in files { try Data(bytes).write(to: input.appendingPathComponent(name)) }
        let run = try Self.run(["clean", "--jobs", "2", input.path, "-o", out.path])
        #expect(run.finished)
        #expect(run.status == 0, "\(run.stderr)")
        for name in files.keys {
            let cleaned = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(String(validating: [UInt8](cleaned), as: UTF8.self) != nil, "\(name) is not valid UTF-8")
            #expect(cleaned.isEmpty || cleaned.last == 0x0A, "\(name) does not end with a newline: truncated?")
        }
        #expect(temporaryFiles(in: out).isEmpty)
    }

    @Test("A file that vanishes mid-run gets one line naming it; the others are cleaned; no partial output")
    func fileVanishesMidRun() throws {
        let input = try CLIRunner.temporaryFolder(), out = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: out) }
        // The first argument is a FIFO: the CLI has listed every file and is blocked reading it
        // when the test deletes the second file, then feeds the FIFO.
        let gate = input.appendingPathComponent("gate.txt"), gone = input.appendingPathComponent("gone.txt"),
            kept = input.appendingPathComponent("kept.txt")
        #expect(mkfifo(gate.path, 0o644) == 0)
        try Data("同志们:\n".utf8).write(to: gone)
        try Data("今天,开会。\n".utf8).write(to: kept)
        var opened = false
        let run = try Self.run(["clean", "--quiet", "--jobs", "1", gate.path, gone.path, kept.path, "-o", out.path]) { _ in
            let end = Date().addingTimeInterval(60)
            var descriptor: Int32 = -1
            while descriptor < 0, Date() < end {
                descriptor = open(gate.path, O_WRONLY | O_NONBLOCK)  // ENXIO until the CLI opens it
                if descriptor < 0 { usleep(10_000) }
            }
            guard descriptor >= 0 else { return }
            opened = true
            try FileManager.default.removeItem(at: gone)
            let bytes = Array("第一,份。\n".utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        #expect(opened, "the CLI never opened the FIFO")
        #expect(run.finished)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("gone.txt"), "\(run.stderr)")
        #expect((try? String(contentsOf: out.appendingPathComponent("gate.txt"), encoding: .utf8)) == "第一，份。\n")
        #expect((try? String(contentsOf: out.appendingPathComponent("kept.txt"), encoding: .utf8)) == "今天，开会。\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("gone.txt").path))
        #expect(temporaryFiles(in: out).isEmpty)
    }

    @Test("A FIFO inside a folder that nobody writes to does not hang the run")
    func fifoInFolderDoesNotHang() throws {
        let input = try CLIRunner.temporaryFolder(), out = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: input); try? FileManager.default.removeItem(at: out) }
        #expect(mkfifo(input.appendingPathComponent("stuck.txt").path, 0o644) == 0)
        try Data("今天,开会。\n".utf8).write(to: input.appendingPathComponent("real.txt"))
        let run = try Self.run(["clean", "--quiet", input.path, "-o", out.path], deadline: 60)
        #expect(run.finished, "clean hung on a FIFO found in a folder")
        #expect(run.stderr.split(separator: "\n").count <= 1)
        #expect((try? String(contentsOf: out.appendingPathComponent("real.txt"), encoding: .utf8)) == "今天，开会。\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("stuck.txt").path))
    }
}
