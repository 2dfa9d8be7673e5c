import Foundation
import Testing

@Suite("scrapeclean fixtures")
struct FixturesCommandTests {
    @Test("Every fixture in Fixtures/ passes or is reported pending; none fails")
    func bundledFixtures() throws {
        let output = try CLIRunner.run(["fixtures", "Fixtures"])
        #expect(output.status == 0, "\(output.text)")
        let summary = output.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("fixtures: "))
        #expect(summary.contains(" 0 failed"))
        #expect(!summary.hasPrefix("fixtures: 0 passed"), "no fixture passes: the runner proved nothing")
    }

    private func makeFixture(in folder: URL, name: String, input: String, expected: String,
                             args: String? = nil, json: String? = nil, pending: String? = nil) throws {
        let fixture = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: fixture, withIntermediateDirectories: true)
        try Data(input.utf8).write(to: fixture.appendingPathComponent("input.txt"))
        try Data(expected.utf8).write(to: fixture.appendingPathComponent("expected.txt"))
        if let args { try Data(args.utf8).write(to: fixture.appendingPathComponent("args")) }
        if let json { try Data(json.utf8).write(to: fixture.appendingPathComponent("expected.json")) }
        if let pending { try Data(pending.utf8).write(to: fixture.appendingPathComponent("pending")) }
    }

    @Test("A failing fixture prints a diff naming it and exits 1")
    func failureShowsDiff() throws {
        let folder = try CLIRunner.temporaryFolder()
        try makeFixture(in: folder, name: "good", input: "今天,开会。\n", expected: "今天，开会。\n")
        try makeFixture(in: folder, name: "bad", input: "今天,开会。\n", expected: "今天,开会。\n")
        let output = try CLIRunner.run(["fixtures", folder.path])
        #expect(output.status == 1)
        #expect(output.text.contains("FAIL bad\n--- bad/expected.txt\n+++ bad/actual\n@@ -1,1 +1,1 @@\n-今天,开会。\n+今天，开会。\n"))
        #expect(output.text.contains("PASS good"))
        #expect(output.text.hasSuffix("fixtures: 1 passed, 1 failed, 0 pending\n"))
    }

    @Test("args are applied and expected.json keys must match")
    func argsAndMetadata() throws {
        let folder = try CLIRunner.temporaryFolder()
        try makeFixture(in: folder, name: "keep", input: "今天,开会。\n", expected: "今天,开会。\n",
                        args: "--keep-punctuation\n", json: #"{"encoding": "UTF-8"}"#)
        try makeFixture(in: folder, name: "wrong-meta", input: "今天。\n", expected: "今天。\n",
                        json: #"{"encoding": "Big5"}"#)
        let output = try CLIRunner.run(["fixtures", folder.path])
        #expect(output.status == 1)
        #expect(output.text.contains("PASS keep"))
        #expect(output.text.contains("FAIL wrong-meta\n  metadata encoding: expected \"Big5\", got \"UTF-8\""))
    }

    @Test("A pending fixture is run and reported as pending, never as passed")
    func pendingIsReported() throws {
        let folder = try CLIRunner.temporaryFolder()
        try makeFixture(in: folder, name: "later", input: "今天,开会。\n", expected: "something else\n",
                        pending: "needs issue 9\n")
        try makeFixture(in: folder, name: "done", input: "今天。\n", expected: "今天。\n", pending: "needs issue 9")
        let output = try CLIRunner.run(["fixtures", folder.path])
        #expect(output.status == 0)
        #expect(output.text.contains("PENDING later: needs issue 9 (2 diff lines, 0 metadata mismatches)"))
        #expect(output.text.contains("PENDING done: passes now; remove its pending file"))
        #expect(output.text.hasSuffix("fixtures: 0 passed, 0 failed, 2 pending\n"))
    }

    @Test("--update rewrites expected.txt with the current output")
    func update() throws {
        let folder = try CLIRunner.temporaryFolder()
        try makeFixture(in: folder, name: "stale", input: "今天,开会。\n", expected: "old\n")
        #expect(try CLIRunner.run(["fixtures", "--update", folder.path]).status == 0)
        let expected = try String(contentsOf: folder.appendingPathComponent("stale/expected.txt"), encoding: .utf8)
        #expect(expected == "今天，开会。\n")
        #expect(try CLIRunner.run(["fixtures", folder.path]).status == 0)
    }

    @Test("A folder with no fixtures is a usage error")
    func emptyFolder() throws {
        let output = try CLIRunner.run(["fixtures", try CLIRunner.temporaryFolder().path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("no fixtures"))
    }
}
