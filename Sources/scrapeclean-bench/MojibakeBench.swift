import Foundation
import ScrapeClean

/// One generated mojibake case (Scripts/generate_mojibake_cases.py).
struct MojibakeCase: Decodable {
    var `class`: String
    var damaged: String
    var expected: String
    var lossless: Bool
    var han: Int
}

/// The score of one class of cases.
struct MojibakeClassScore {
    var cases = 0
    var exact = 0
    /// Cases whose damaged span holds 4 or more Han characters, and how many of them came out exact.
    var cases4 = 0
    var exact4 = 0
    /// Characters of the expected text the damaged text lacked, and how many of them the stage restored.
    var lost = 0
    var restored = 0
    /// Characters of the output that are not in the expected text.
    var garbage = 0
    /// Expected non-empty lines that are empty or gone in the output.
    var linesDeleted = 0
    /// Cases the stage did not change.
    var untouched = 0
}

/// The length of the longest common subsequence of `a` and `b`, computed on what lies between
/// their common prefix and suffix.
func commonSubsequenceLength(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
    let x = a[prefix..<(a.count - suffix)]
    let y = Array(b[prefix..<(b.count - suffix)])
    guard !x.isEmpty, !y.isEmpty else { return prefix + suffix }
    var previous = [Int](repeating: 0, count: y.count + 1)
    var current = previous
    for scalar in x {
        for (j, other) in y.enumerated() {
            current[j + 1] = scalar == other ? previous[j] + 1 : max(previous[j + 1], current[j])
        }
        swap(&previous, &current)
    }
    return prefix + suffix + previous[y.count]
}

/// Runs the mojibake stage over every case of `casesPath` and prints the score by class; then,
/// when `cleanPath` is given, over that clean text (documents of 200 lines) and counts every
/// edit as a false repair.
/// With `failedPath`, every case that does not come out exact is also written there as a JSON
/// line (class, han, damaged, output, expected).
func mojibakeBench(cases casesPath: String, clean cleanPath: String?, failures: Int, failedPath: String? = nil) throws {
    guard let data = FileManager.default.contents(atPath: casesPath) else { throw BenchError("cannot read \(casesPath)") }
    let decoder = JSONDecoder()
    var scores: [String: MojibakeClassScore] = [:]
    var shown: [String: Int] = [:]
    var total = 0
    var failed: [[String: String]] = []
    for rawLine in data.split(separator: UInt8(ascii: "\n")) {
        let item: MojibakeCase
        do { item = try decoder.decode(MojibakeCase.self, from: Data(rawLine)) } catch {
            throw BenchError("\(casesPath): case \(total + 1) is not a mojibake case: \(error)")
        }
        total += 1
        var document = Document(text: item.damaged)
        MojibakeStage().apply(to: &document)
        let output = document.lines.map(\.text).joined(separator: "\n")
        var score = scores[item.class, default: MojibakeClassScore()]
        score.cases += 1
        let exact = output == item.expected
        if exact { score.exact += 1 }
        if item.han >= 4 {
            score.cases4 += 1
            if exact { score.exact4 += 1 }
        }
        if output == item.damaged { score.untouched += 1 }
        let expected = Array(item.expected.unicodeScalars)
        let out = Array(output.unicodeScalars)
        let damagedCommon = commonSubsequenceLength(Array(item.damaged.unicodeScalars), expected)
        let outputCommon = exact ? expected.count : commonSubsequenceLength(out, expected)
        score.lost += expected.count - damagedCommon
        score.restored += max(0, outputCommon - damagedCommon)
        score.garbage += out.count - outputCommon
        let expectedLines = item.expected.split(separator: "\n", omittingEmptySubsequences: false)
        let outputLines = output.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in expectedLines.enumerated() where !line.isEmpty {
            if index >= outputLines.count || outputLines[index].isEmpty { score.linesDeleted += 1 }
        }
        scores[item.class] = score
        if !exact, failedPath != nil {
            failed.append(["class": item.class, "han": String(item.han), "damaged": item.damaged,
                           "output": output, "expected": item.expected])
        }
        if !exact, shown[item.class, default: 0] < failures {
            shown[item.class, default: 0] += 1
            // The first line that differs.
            let damagedLines = item.damaged.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(outputLines.count, expectedLines.count)).first { outputLines[$0] != expectedLines[$0] } ?? 0
            func at(_ lines: [Substring]) -> Substring { line < lines.count ? lines[line].prefix(200) : "(missing)" }
            FileHandle.standardError.write(Data("[\(item.class)] line \(line + 1)\n  damaged:  \(at(damagedLines))\n  output:   \(at(outputLines))\n  expected: \(at(expectedLines))\n".utf8))
        }
    }
    if let failedPath {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for entry in failed {
            out.append(try encoder.encode(entry))
            out.append(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: failedPath, contents: out) else { throw BenchError("cannot write \(failedPath)") }
    }
    func percent(_ part: Int, _ whole: Int) -> String { whole == 0 ? "–" : String(format: "%.1f%%", 100 * Double(part) / Double(whole)) }
    print("| class | cases | exact | exact (≥4 Han) | lost chars restored | garbage chars left | lines deleted | untouched |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    var all = MojibakeClassScore()
    for name in scores.keys.sorted() {
        let s = scores[name]!
        all.cases += s.cases; all.exact += s.exact; all.cases4 += s.cases4; all.exact4 += s.exact4
        all.lost += s.lost; all.restored += s.restored; all.garbage += s.garbage; all.linesDeleted += s.linesDeleted
        all.untouched += s.untouched
        print("| \(name) | \(s.cases) | \(percent(s.exact, s.cases)) | \(percent(s.exact4, s.cases4)) | \(percent(s.restored, s.lost)) | \(s.garbage) | \(s.linesDeleted) | \(s.untouched) |")
    }
    print("| all | \(all.cases) | \(percent(all.exact, all.cases)) | \(percent(all.exact4, all.cases4)) | \(percent(all.restored, all.lost)) | \(all.garbage) | \(all.linesDeleted) | \(all.untouched) |")

    guard let cleanPath else { return }
    guard let cleanData = FileManager.default.contents(atPath: cleanPath) else { throw BenchError("cannot read \(cleanPath)") }
    let text = String(decoding: cleanData, as: UTF8.self)
    var documents: [Document] = []
    var lines: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        lines.append(line)
        if lines.count == 200 {
            documents.append(Document(text: lines.joined(separator: "\n")))
            lines.removeAll(keepingCapacity: true)
        }
    }
    if !lines.isEmpty { documents.append(Document(text: lines.joined(separator: "\n"))) }
    var warmup = Document(text: "涓枃\n")
    MojibakeStage().apply(to: &warmup)
    var falseRepairs = 0
    var changedLines = 0
    var examples = 0
    let clock = ContinuousClock()
    var elapsed = Duration.zero
    for var document in documents {
        let before = document.lines
        let start = clock.now
        MojibakeStage().apply(to: &document)
        elapsed += clock.now - start
        falseRepairs += document.edits.count
        for (old, new) in zip(before, document.lines) where old.text != new.text {
            changedLines += 1
            if examples < failures {
                examples += 1
                let rules = document.edits.filter { $0.line == old.origin }.map(\.rule).joined(separator: " ")
                FileHandle.standardError.write(Data("[false repair] \(rules)\n  clean:  \(old.text.prefix(160))\n  output: \(new.text.prefix(160))\n".utf8))
            }
        }
    }
    let megabytes = Double(cleanData.count) / 1_048_576
    print(String(format: "clean risky text: %.1f MB, %d false repairs (edits) on %d lines, mojibake stage %.3f s, %.0f MB/s",
                 megabytes, falseRepairs, changedLines, seconds(elapsed), megabytes / seconds(elapsed)))
}
