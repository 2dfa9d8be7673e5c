import Testing
@testable import ScrapeClean

/// The Myers line diff and its unified hunks.
@Suite struct LineDiffTests {
    /// Rebuilds the new text from the old one and the edit script, checking every index.
    static func apply(_ diff: LineDiff) -> [Substring]? {
        var result: [Substring] = []
        var oldNext = 0, newNext = 0
        for op in diff.operations {
            switch op {
            case let .same(i, j):
                guard i == oldNext, j == newNext, diff.oldLines[i] == diff.newLines[j] else { return nil }
                result.append(diff.oldLines[i]); oldNext += 1; newNext += 1
            case let .delete(i):
                guard i == oldNext else { return nil }
                oldNext += 1
            case let .insert(j):
                guard j == newNext else { return nil }
                result.append(diff.newLines[j]); newNext += 1
            }
        }
        guard oldNext == diff.oldLines.count, newNext == diff.newLines.count else { return nil }
        return result
    }

    static func changeCount(_ diff: LineDiff) -> Int {
        diff.operations.filter { if case .same = $0 { false } else { true } }.count
    }

    /// n + m − 2·LCS: the fewest deletions and insertions that turn `a` into `b`.
    static func minimalChanges(_ a: [Substring], _ b: [Substring]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return a.count + b.count - 2 * table[0][0]
    }

    @Test func equalTextsHaveNoHunks() {
        let diff = LineDiff(old: "甲\n乙\n", new: "甲\n乙\n")
        #expect(diff.isEmpty)
        #expect(diff.hunks().isEmpty)
        #expect(diff.unified(oldLabel: "a", newLabel: "b") == "")
    }

    @Test func smallDiffInUnifiedFormat() {
        let diff = LineDiff(old: "a\nb\nc\nd\n", new: "a\nc\nd\ne\n")
        #expect(diff.unified(oldLabel: "old", newLabel: "new") == """
            --- old
            +++ new
            @@ -1,4 +1,4 @@
             a
            -b
             c
             d
            +e

            """)
    }

    @Test func insertionIntoAnEmptyTextStartsAtLineZero() {
        let diff = LineDiff(old: "", new: "一\n二\n")
        #expect(diff.hunks().map(\.header) == ["@@ -0,0 +1,2 @@"])
        #expect(LineDiff(old: "一\n二\n", new: "").hunks().map(\.header) == ["@@ -1,2 +0,0 @@"])
    }

    @Test func changesFarApartMakeSeparateHunksWithThreeLinesOfContext() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...20).map { "line \($0)" }
        lines[1] = "changed 2"
        lines[9] = "changed 10"   // 7 unchanged lines after line 2: a separate hunk
        lines[16] = "changed 17"  // 6 unchanged lines after line 10: the same hunk
        let diff = LineDiff(old: old, new: lines.joined(separator: "\n") + "\n")
        let hunks = diff.hunks()
        #expect(hunks.map(\.header) == ["@@ -1,5 +1,5 @@", "@@ -7,14 +7,14 @@"])
        #expect(hunks[1].lines.first == " line 7")
        #expect(hunks[1].lines.last == " line 20")
    }

    @Test func randomEditsGiveAValidMinimalScript() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            let alphabet = ["甲", "乙", "丙", "丁", ""]
            let a = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Substring(alphabet.randomElement(using: &generator)!) }
            let b = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Substring(alphabet.randomElement(using: &generator)!) }
            let diff = LineDiff(oldLines: a, newLines: b)
            #expect(Self.apply(diff) == b, "\(a) → \(b)")
            #expect(Self.changeCount(diff) == Self.minimalChanges(a, b), "\(a) → \(b)")
        }
    }

    @Test func pastTheEditLimitTheScriptIsCoarseButValid() {
        let a = ["头", "一", "二", "三", "四", "五", "尾"].map { Substring($0) }
        let b = ["头", "1", "二", "3", "四", "5", "尾"].map { Substring($0) }
        let diff = LineDiff(oldLines: a, newLines: b, maxEditDistance: 2)
        #expect(Self.apply(diff) == b)
        #expect(Self.changeCount(diff) == 10) // the middle five lines replaced wholesale
        #expect(diff.hunks().map(\.header) == ["@@ -1,7 +1,7 @@"])
        #expect(Self.changeCount(LineDiff(oldLines: a, newLines: b)) == 6)
    }

    @Test func hugeDifferenceStaysWithinTheTraceBudget() {
        // 40 000 changed lines: far past the trace budget, so the coarse path answers.
        let old = (0..<40_000).map { "旧\($0)" }.joined(separator: "\n")
        let new = (0..<40_000).map { "新\($0)" }.joined(separator: "\n")
        let diff = LineDiff(old: "共同开头\n" + old + "\n共同结尾\n", new: "共同开头\n" + new + "\n共同结尾\n")
        #expect(Self.apply(diff) == diff.newLines)
        #expect(diff.hunks().count == 1)
        #expect(diff.hunks()[0].header == "@@ -1,40002 +1,40002 @@")
    }
}
