import Foundation
import Testing

/// `scrapeclean diff`, run as a process.
@Suite struct DiffCommandTests {
    static func hunkHeaders(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix("@@ ") }
    }

    @Test func hunksAreLabelledWithTheRulesOfTheirEdits() throws {
        let path = "Fixtures/seed-002-township-secretaries/input.txt"
        let outcome = try CLIRunner.run(["diff", path])
        #expect(outcome.status == 0)
        let lines = outcome.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "--- \(path)")
        #expect(lines.dropFirst().first == "+++ \(path) (cleaned)")
        let headers = Self.hunkHeaders(outcome.text)
        #expect(!headers.isEmpty)
        for header in headers {
            #expect(header.wholeMatch(of: /@@ -\d+,\d+ \+\d+,\d+ @@ [a-z]+\.[a-z-]+(, [a-z]+\.[a-z-]+)*/) != nil, "\(header)")
        }
        #expect(headers.contains { $0.contains("layout.join-broken-line") })
        // The joined quotation: both input lines go, the joined paragraph comes.
        #expect(lines.contains { $0.hasPrefix("-") && $0.hasSuffix("更是一场工作的“战前") })
        #expect(lines.contains { $0.hasPrefix("+") && $0.contains("“战前动员”。") })
        // Not a terminal: no colors.
        #expect(!outcome.text.contains("\u{1B}["))
    }

    @Test func hunkLabelsOnlyNameEditsInsideTheHunk() throws {
        var text = "治国安邦,\n重在基层。\n"
        for number in 1...10 { text += "第\(number)行正文。\n" }
        text += "　　首行缩进的段落。\n"
        let outcome = try CLIRunner.run(["diff", "-"], stdin: Array(text.utf8))
        let headers = Self.hunkHeaders(outcome.text)
        #expect(headers.count == 2)
        #expect(headers.first == "@@ -1,5 +1,4 @@ punctuation.full-width-mark, layout.join-broken-line")
        #expect(headers.last == "@@ -10,4 +9,4 @@ layout.leading-space")
    }

    @Test func colorIsUsedWhenAskedFor() throws {
        let input = Array("治国安邦,\n重在基层。\n".utf8)
        let colored = try CLIRunner.run(["diff", "--color", "always", "-"], stdin: input)
        #expect(colored.text.contains("\u{1B}[36m@@ -1,2 +1,1 @@"))
        #expect(colored.text.contains("\u{1B}[31m-治国安邦,\u{1B}[0m"))
        #expect(colored.text.contains("\u{1B}[32m+治国安邦，重在基层。\u{1B}[0m"))
        let plain = try CLIRunner.run(["diff", "--color", "never", "-"], stdin: input)
        #expect(!plain.text.contains("\u{1B}"))
    }

    @Test func cleanTextGivesNoDiff() throws {
        let path = "Fixtures/seed-003-hundred-villages/expected.txt"
        let outcome = try CLIRunner.run(["diff", path])
        #expect(outcome.status == 0)
        #expect(outcome.text == "")
    }

    @Test func missingFileIsAnErrorNamingIt() throws {
        let outcome = try CLIRunner.run(["diff", "/nonexistent/page.txt"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("/nonexistent/page.txt"))
    }
}
