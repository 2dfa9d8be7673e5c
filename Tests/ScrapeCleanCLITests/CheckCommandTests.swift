import Foundation
import Testing

/// `scrapeclean check`, run as a process.
@Suite struct CheckCommandTests {
    static let seeds = ["seed-000-first-secretary", "seed-001-village-training",
                        "seed-002-township-secretaries", "seed-003-hundred-villages"]

    /// A fixture file, relative to the package root (where ``CLIRunner`` runs the CLI).
    static func fixture(_ name: String, _ file: String) -> String { "Fixtures/\(name)/\(file)" }

    /// `path:line:col: rule-id message` split into its parts, or nil when the line has another shape.
    static func parse(_ line: Substring) -> (path: String, line: Int, column: Int, rule: String)? {
        let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let number = Int(parts[1]), let column = Int(parts[2]), number >= 1, column >= 1,
              parts[3].hasPrefix(" "), let rule = parts[3].dropFirst().split(separator: " ").first,
              rule.contains(".") else { return nil }
        return (String(parts[0]), number, column, String(rule))
    }

    @Test func flagsEveryRawSeedWithFindingsNamingRules() throws {
        let paths = Self.seeds.map { Self.fixture($0, "input.txt") }
        let outcome = try CLIRunner.run(["check"] + paths)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.isEmpty)
        let findings = outcome.text.split(separator: "\n").map { ($0, Self.parse($0)) }
        #expect(!findings.isEmpty)
        for (line, parsed) in findings { #expect(parsed != nil, "not path:line:col: rule message: \(line)") }
        let parsed = findings.compactMap(\.1)
        for path in paths { #expect(parsed.contains { $0.path == path }, "no finding for \(path)") }
        let rulesBySeed = Dictionary(grouping: parsed, by: \.path).mapValues { Set($0.map(\.rule)) }
        #expect(rulesBySeed[paths[3]]?.contains("layout.split-flattened") == true)
        #expect(rulesBySeed[paths[2]]?.contains("layout.join-broken-line") == true)
        #expect(rulesBySeed[paths[1]]?.contains("layout.join-broken-line") == true)
        // Files are reported in argument order.
        let order = parsed.map(\.path).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        #expect(order == paths)
    }

    @Test func isSilentWithStatusZeroOnExpectedOutputs() throws {
        let folder = CLIRunner.packageRoot.appendingPathComponent("Fixtures").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let paths = names.map { Self.fixture($0, "expected.txt") }
            .filter { FileManager.default.fileExists(atPath: folder + "/../" + $0) }
        #expect(paths.count >= 20)
        let outcome = try CLIRunner.run(["check"] + paths)
        #expect(outcome.text == "")
        #expect(outcome.stderr == "")
        #expect(outcome.status == 0)
    }

    @Test func jsonFormatIsOneParsableArray() throws {
        let path = Self.fixture("seed-003-hundred-villages", "input.txt")
        let outcome = try CLIRunner.run(["check", "--format", "json", path])
        #expect(outcome.status == 1)
        let array = try JSONSerialization.jsonObject(with: Data(outcome.stdout)) as? [[String: Any]]
        let findings = try #require(array)
        #expect(!findings.isEmpty)
        let split = try #require(findings.first { $0["rule"] as? String == "layout.split-flattened" })
        #expect(split["path"] as? String == path)
        #expect(split["line"] as? Int == 3)
        #expect(split["stage"] as? String == "layout")
        // 16 splits between the 17 body paragraphs, and one before `(责任编辑:jhzzb)` unless
        // boilerplate removed it first.
        let count = try #require(split["count"] as? Int)
        #expect((16...17).contains(count))
        #expect(split["replacement"] as? String == "\n")
        #expect((split["message"] as? String)?.hasPrefix("replaces \" \" with \"\\n\" (\(count) times)") == true)

        let clean = try CLIRunner.run(["check", "--format", "json", "-"], stdin: Array("干净的一行。\n".utf8))
        #expect(clean.status == 0)
        #expect(clean.text == "[]\n")
    }

    @Test func unreadableFileIsNamedOnStandardErrorAndTheOthersStillRun() throws {
        let seed = Self.fixture("seed-001-village-training", "input.txt")
        let missing = "/nonexistent/page.txt"
        let outcome = try CLIRunner.run(["check", missing, seed])
        #expect(outcome.status == 2)
        let errors = outcome.stderr.split(separator: "\n")
        #expect(errors.count == 1)
        #expect(errors.first?.contains(missing) == true)
        #expect(outcome.text.contains("\(seed):"))
    }

    @Test func foldersRecurseThroughFilesMatchingTheGlob() throws {
        let folder = try CLIRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("deep"), withIntermediateDirectories: true)
        let dirty = Data("治国安邦,重在基层;\n管党兴党,重在基础。\n".utf8)
        try dirty.write(to: folder.appendingPathComponent("deep/a.txt"))
        try dirty.write(to: folder.appendingPathComponent("b.md"))
        try Data("干净的一行。\n".utf8).write(to: folder.appendingPathComponent("c.txt"))

        let outcome = try CLIRunner.run(["check", folder.path])
        #expect(outcome.status == 1)
        let paths = Set(outcome.text.split(separator: "\n").compactMap { Self.parse($0)?.path })
        #expect(paths == [folder.appendingPathComponent("deep/a.txt").path])
        #expect(outcome.text.contains("layout.join-broken-line"))

        let markdown = try CLIRunner.run(["check", "--glob", "*.md", folder.path])
        #expect(Set(markdown.text.split(separator: "\n").compactMap { Self.parse($0)?.path })
                == [folder.appendingPathComponent("b.md").path])
    }

    @Test func disabledRulesAndKeptPunctuationAreNotReported() throws {
        let text = Array("治国安邦,重在基层;\n管党兴党,重在基础。\n".utf8)
        let outcome = try CLIRunner.run(["check", "--keep-punctuation", "--disable", "layout.join-broken-line", "-"],
                                        stdin: text)
        #expect(outcome.text == "")
        #expect(outcome.status == 0)
    }
}
