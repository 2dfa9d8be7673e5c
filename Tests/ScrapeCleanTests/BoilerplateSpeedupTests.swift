import Foundation
import Testing
@testable import ScrapeClean

/// The boilerplate stage's faster mechanics give what the plain definitions give, on the lines
/// of the 452 labelled pages and on hostile input: the compact keyword automaton, the reordered
/// and branch-free tree walk, the repeated-line table, the junk filler's early stop and the
/// word-at-a-time space count.
@Suite struct BoilerplateSpeedupTests {
    /// Every line of every labelled page (Benchmarks/boilerplate/pages), labels dropped.
    static let pageLines: [String] = {
        let folder = TestSupport.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tsv") }.sorted()) ?? []
        var lines: [String] = []
        for name in names {
            let page = String(decoding: (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
            for row in page.split(separator: "\n") where !row.hasPrefix("# ") {
                guard let tab = row.firstIndex(of: "\t") else { continue }
                lines.append(String(row[row.index(after: tab)...]))
            }
        }
        return lines
    }()

    @Test func builtInKeywordPrefilterFindsExactlyTheKeywordsOfEachPageLine() throws {
        let catalog = try RuleCatalog(options: CleanOptions())
        let keywords = catalog.rules.map { $0.rule.keywords.map { CharacterFold.fold($0) } }
        #expect(Self.pageLines.count > 8_000)
        var found: [Bool] = []
        var linesWithKeywords = 0
        for line in Self.pageLines {
            let normalized = NormalizedLine(line).text
            let expected = keywords.map { $0.contains { normalized.containsUTF8($0) } }
            let (any, length) = catalog.matcher.candidates(inFolded: line, into: &found)
            #expect(found == expected, "\(line)")
            #expect(any == expected.contains(true))
            #expect(length == line.unicodeScalars.count)
            if any { linesWithKeywords += 1 }
        }
        // Both kinds of line were met, and many states beyond the root.
        #expect(linesWithKeywords > 1_000 && linesWithKeywords < Self.pageLines.count)
    }

    /// The sum of the leaves reached walking each tree from its root, in tree order, with the
    /// model's nodes as the file stores them.
    static func referenceRawScore(_ model: LineModel, _ row: [Float]) -> Float {
        var sum: Float = 0
        for root in model.roots {
            var node = model.nodes[Int(root)]
            while node.feature >= 0 {
                node = model.nodes[Int(row[Int(node.feature)] <= node.threshold ? node.left : node.right)]
            }
            sum += node.value
        }
        return sum
    }

    @Test func treeWalkGivesTheReferenceSumOnEveryLineOfTheLabelledPages() throws {
        let model = try LineModel.shipped.get()
        #expect(model.walk.order.count == model.roots.count)
        #expect(Set(model.walk.order) == Set(Int32(0)..<Int32(model.roots.count)), "every tree walked once")
        let features = LineFeatures(texts: Array(Self.pageLines.prefix(6_000)), vocabulary: model.vocabulary, titleFound: false)
        var row = [Float](repeating: 0, count: LineFeatures.count)
        var reached = 0, stopped = 0
        for line in 0..<features.lineCount {
            row.withUnsafeMutableBufferPointer { features.fill($0, line: line) }
            let reference = Self.referenceRawScore(model, row)
            let full = row.withUnsafeBufferPointer { model.rawScore($0) }
            #expect(Float(full) == reference, "line \(line): \(full) vs \(reference)")
            // At a floor near the line's own score and at the default threshold's.
            for floor in [reference - 0.01, reference + 0.01, Float(log(0.98 / 0.02))] {
                let early = row.withUnsafeBufferPointer { model.rawScore($0, stoppingBelow: floor) }
                if let early {
                    reached += 1
                    #expect(Float(early) == reference, "line \(line), floor \(floor)")
                } else {
                    stopped += 1
                    #expect(reference < floor, "line \(line) given up below \(floor) at \(reference)")
                }
            }
        }
        #expect(reached > 1_000 && stopped > 1_000)
    }

    @Test func repeatedTextsAreThoseOccurringTwiceByteForByte() {
        let lines = Array(Self.pageLines.prefix(20_000))
        var counts: [[UInt8]: Int] = [:]
        for line in lines { counts[Array(line.utf8), default: 0] += 1 }
        let flags = RepeatedTexts.flags(lines)
        #expect(flags == lines.map { counts[Array($0.utf8)]! > 1 })
        #expect(flags.contains(true) && flags.contains(false))
        // Canonically equal but different bytes are different texts; the empty text counts too;
        // texts differing in their last byte, or only in length, are apart.
        let hostile = ["e\u{301}", "é", "", "", "abcdefgh", "abcdefgh\0", "abcdefgi", "abcdefgh"]
        #expect(RepeatedTexts.flags(hostile) == [false, false, true, true, true, false, false, true])
        #expect(RepeatedTexts.flags([]) == [])
    }

    @Test func junkFillerEarlyStopAgreesWithWordCoverage() {
        let model = HanFrequencyModel.shared
        var runs: [[Unicode.Scalar]] = []
        for line in Self.pageLines {
            var run: [Unicode.Scalar] = []
            for scalar in line.unicodeScalars {
                if CharacterClass.isHan(scalar) { run.append(scalar); continue }
                if run.count >= JunkFillerDetector.minimumRun { runs.append(run) }
                run = []
            }
            if run.count >= JunkFillerDetector.minimumRun { runs.append(run) }
        }
        #expect(runs.count > 100)
        var fillers = 0
        for run in runs {
            let expected = model.wordCoverage(of: run) <= JunkFillerDetector.maximumCoverage
            #expect(JunkFillerDetector.mayBeFiller(run, model: model) == expected, "\(String(String.UnicodeScalarView(run)))")
            if expected { fillers += 1 }
        }
        #expect(fillers >= 1, "the labelled filler line is among the runs")
    }

    @Test func spaceCountCountsEveryASCIISpace() {
        var random = SplitMix64(seed: 15)
        let pieces = [" ", "  ", "a", "中", "\u{3000}", "\u{A0}", "\t", "!", "\u{7F}", "😀", "\u{20AC}"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(JammerDetector.spaceCount(text) == text.utf8.filter { $0 == 0x20 }.count, "\(text.debugDescription)")
        }
        for line in Self.pageLines.prefix(5_000) {
            #expect(JammerDetector.spaceCount(line) == line.utf8.filter { $0 == 0x20 }.count)
        }
    }
}
