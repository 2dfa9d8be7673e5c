import CCompression
import Foundation
import Testing

/// Compresses bytes through the same zlib/zstd bridge the CLI reads with, so the tests need no
/// `gzip` or `zstd` tool.
enum TestCompression {
    static func compress(_ bytes: [UInt8], format: Int32) -> [UInt8] {
        let encoder = ccomp_encoder_new(format, format == CCOMP_GZIP ? 6 : 3)!
        defer { ccomp_free(encoder) }
        var output: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while true {
            var consumed = 0, produced = 0
            let status = bytes.withUnsafeBufferPointer { input in
                block.withUnsafeMutableBufferPointer { out in
                    ccomp_encode(encoder, input.baseAddress.map { $0 + offset }, input.count - offset, &consumed,
                                 out.baseAddress!, out.count, &produced, 1)
                }
            }
            offset += consumed
            output.append(contentsOf: block[0..<produced])
            precondition(status != CCOMP_ERROR)
            if status == CCOMP_END { return output }
        }
    }

    /// Decompresses a whole gzip or zstd stream (one member or frame after another).
    static func decompress(_ bytes: [UInt8]) -> [UInt8] {
        let format: Int32 = bytes.first == 0x1f ? Int32(CCOMP_GZIP) : Int32(CCOMP_ZSTD)
        let decoder = ccomp_decoder_new(format)!
        defer { ccomp_free(decoder) }
        var output: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        while offset < bytes.count {
            var consumed = 0, produced = 0
            let status = bytes.withUnsafeBufferPointer { input in
                block.withUnsafeMutableBufferPointer { out in
                    ccomp_decode(decoder, input.baseAddress! + offset, input.count - offset, &consumed,
                                 out.baseAddress!, out.count, &produced)
                }
            }
            precondition(status != CCOMP_ERROR)
            offset += consumed
            output.append(contentsOf: block[0..<produced])
        }
        return output
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] { compress(bytes, format: Int32(CCOMP_GZIP)) }
    static func zstd(_ bytes: [UInt8]) -> [UInt8] { compress(bytes, format: Int32(CCOMP_ZSTD)) }
}

@Suite("Compressed input and output (gzip, zstd)")
struct CompressedInputTests {
    private static let names = ["seed-001-village-training", "seed-002-township-secretaries", "seed-003-hundred-villages",
                                "web-cwt_02_shantaoli.com", "web-c4zh_06_sncda.com", "seed-000-first-secretary"]

    private static func fixtureText(_ name: String) -> String {
        String(decoding: FileManager.default.contents(
            atPath: CLIRunner.packageRoot.path + "/Fixtures/\(name)/input.txt")!, as: UTF8.self)
    }

    /// Every fixture folder that has an input.
    private static var allNames: [String] {
        let root = CLIRunner.packageRoot.path + "/Fixtures"
        return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
            .filter { FileManager.default.fileExists(atPath: root + "/\($0)/input.txt") }
    }

    /// The fixtures as JSON Lines, one record each.
    private static func corpus(_ names: [String] = names) -> [UInt8] {
        var lines = ""
        for (index, name) in names.enumerated() {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let data = try! encoder.encode(["id": "\(index)", "text": fixtureText(name)])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        return Array(lines.utf8)
    }

    private func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func gzipAndZstdFilesCleanToTheSameOutputAsPlainFiles() throws {
        let folder = try CLIRunner.temporaryFolder()
        let plain = Self.corpus()
        let plainPath = try write(plain, "c.jsonl", in: folder)
        let expected = try CLIRunner.run(["clean", "--jsonl", "--jobs", "2", plainPath])
        #expect(expected.status == 0)
        #expect(expected.stderr.hasPrefix("scrapeclean: 6 documents"))
        for (name, bytes) in [("c.jsonl.gz", TestCompression.gzip(plain)), ("c.jsonl.zst", TestCompression.zstd(plain))] {
            let path = try write(bytes, name, in: folder)
            let output = try CLIRunner.run(["clean", "--jsonl", "--jobs", "2", path])
            #expect(output.status == 0, "\(name): \(output.stderr)")
            #expect(output.stdout == expected.stdout, "\(name)")
            #expect(output.stderr == expected.stderr)
        }
    }

    @Test func multiMemberGzipReadsEveryMember() throws {
        let plain = Self.corpus()
        let half = plain.count / 2
        let cut = plain[half...].firstIndex(of: 0x0A)! + 1
        // Two members, split between records, and a third split in the middle of a record.
        let middle = cut + 100
        let members = TestCompression.gzip(Array(plain[..<cut])) + TestCompression.gzip(Array(plain[cut..<middle]))
            + TestCompression.gzip(Array(plain[middle...]))
        let expected = try CLIRunner.run(["clean", "--jsonl"], stdin: plain)
        let output = try CLIRunner.run(["clean", "--jsonl"], stdin: members)
        #expect(output.status == 0)
        #expect(output.stdout == expected.stdout)
        #expect(output.stdout.filter { $0 == 0x0A }.count == 6)
    }

    @Test func gzipOnStandardInputIsDecompressedForPlainDocuments() throws {
        let text = Array(Self.fixtureText("seed-000-first-secretary").utf8)
        let expected = try CLIRunner.run(["clean"], stdin: text)
        let output = try CLIRunner.run(["clean"], stdin: TestCompression.gzip(text))
        #expect(output.status == 0)
        #expect(output.text == expected.text)
        #expect(output.text.contains("全面建成小康社會"))
        let zstd = try CLIRunner.run(["check"], stdin: TestCompression.zstd(text))
        let plainCheck = try CLIRunner.run(["check"], stdin: text)
        #expect(zstd.stdout == plainCheck.stdout)
    }

    @Test func outputFolderKeepsEachFilesCompression() throws {
        let folder = try CLIRunner.temporaryFolder()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let plain = Self.corpus()
        _ = try write(TestCompression.gzip(plain), "a.jsonl.gz", in: input)
        _ = try write(TestCompression.zstd(plain), "b.jsonl.zst", in: input)
        _ = try write(plain, "c.jsonl", in: input)
        let out = folder.appendingPathComponent("out")
        let run = try CLIRunner.run(["clean", "--jsonl", "--glob", "*.jsonl*", input.path, "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let cleanPlain = try Data(contentsOf: out.appendingPathComponent("c.jsonl"))
        let gzipped = try Data(contentsOf: out.appendingPathComponent("a.jsonl.gz"))
        let zstded = try Data(contentsOf: out.appendingPathComponent("b.jsonl.zst"))
        #expect(Array(gzipped.prefix(2)) == [0x1f, 0x8b])
        #expect(Array(zstded.prefix(4)) == [0x28, 0xb5, 0x2f, 0xfd])
        // Reading the compressed outputs back (through the CLI's own decoder) gives the plain output.
        #expect(TestCompression.decompress([UInt8](gzipped)) == [UInt8](cleanPlain))
        #expect(TestCompression.decompress([UInt8](zstded)) == [UInt8](cleanPlain))
        // Plain documents under -o keep their compression too.
        let text = Array(Self.fixtureText("seed-000-first-secretary").utf8)
        let docs = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        _ = try write(TestCompression.gzip(text), "p.txt.gz", in: docs)
        let docsOut = folder.appendingPathComponent("docs-out")
        let docRun = try CLIRunner.run(["clean", "--glob", "*.gz", docs.path, "-o", docsOut.path])
        #expect(docRun.status == 0)
        let expected = try CLIRunner.run(["clean"], stdin: text)
        let written = [UInt8](try Data(contentsOf: docsOut.appendingPathComponent("p.txt.gz")))
        #expect(Array(written.prefix(2)) == [0x1f, 0x8b])
        #expect(TestCompression.decompress(written) == expected.stdout)
    }

    @Test(arguments: ["gz", "zst"])
    func truncatedInputIsAnErrorNamingFileAndOffsetAndKeepsEarlierRecords(_ suffix: String) throws {
        let folder = try CLIRunner.temporaryFolder()
        // Every fixture, twice, cut short of the end: zstd decodes whole 128 KB blocks, so the
        // input spans several and the cut falls in the last one, after whole records.
        let plain = Array(repeatElement(Self.corpus(Self.allNames), count: 2).joined())
        let records = plain.filter { $0 == 0x0A }.count
        let compressed = suffix == "gz" ? TestCompression.gzip(plain) : TestCompression.zstd(plain)
        let cut = compressed.count - 40
        let path = try write(Array(compressed[..<cut]), "t.jsonl.\(suffix)", in: folder)
        let output = try CLIRunner.run(["clean", "--jsonl", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(path): truncated \(suffix == "gz" ? "gzip" : "zstd") data"))
        #expect(output.stderr.contains("compressed byte \(cut)"))
        let lines = output.text.split(separator: "\n")
        #expect(lines.count >= 1 && lines.count < records)
        let full = try CLIRunner.run(["clean", "--jsonl"], stdin: plain)
        #expect(full.text.hasPrefix(output.text))
        // Under -o the records before the damage are written (compressed as the name says).
        let out = folder.appendingPathComponent("out")
        let kept = try CLIRunner.run(["clean", "--jsonl", path, "-o", out.path])
        #expect(kept.status == 2)
        let written = [UInt8](try Data(contentsOf: out.appendingPathComponent("t.jsonl.\(suffix)")))
        #expect(TestCompression.decompress(written) == output.stdout)
    }

    @Test func corruptGzipIsAnErrorWithTheOffset() throws {
        var bytes = TestCompression.gzip(Self.corpus())
        bytes[bytes.count / 2] ^= 0xFF
        bytes[bytes.count / 2 + 1] ^= 0x5A
        let output = try CLIRunner.run(["clean", "--jsonl"], stdin: bytes)
        #expect(output.status == 2)
        #expect(output.stderr.contains("standard input: corrupt gzip data at compressed byte")
                || output.stderr.contains("standard input: truncated gzip data"))
        let stats = try CLIRunner.run(["stats", "--jsonl", "-o", "/dev/null"], stdin: Array(TestCompression.gzip(Self.corpus()).prefix(500)))
        #expect(stats.status == 2)
        #expect(stats.stderr.contains("truncated gzip data"))
    }
}
