import Foundation
import Testing
@testable import ScrapeClean

/// The boilerplate stage's byte-level shortcuts give the answers of the plain definitions they
/// stand for, on generated lines that mix traditional and simplified Han, full-width forms,
/// inline readings, combining marks, characters beyond the BMP and placeholder runs.
@Suite struct BoilerplateByteLevelTests {
    /// Pieces lines are made of: every kind of scalar the shortcuts treat apart.
    static let pieces: [String] = [
        "来源", "來源", "小编", "小編", "编辑", "簡介", "简介", "簡(jiǎn)", "簡（jiǎn）", "(PPT)", "发", "發", "髮",
        "：", ":", "，", ",", "。", "Ａ", "A", "ｂ", "b", " ", "\u{3000}", "\t", "\u{A0}", "e\u{301}", "é", "Ｅ\u{301}",
        "𠀀", "😀", "X", "Ｘ", "XX", "*", "＊", "**", "Xbox", "…", ".", "—", "-", "_", "|", "1", "2023", "年", "日",
        "\u{302A}", "が", "か\u{3099}", "丨", "\u{F900}", "\u{8C48}", "\u{2F800}", "丸",
    ]

    static func randomLine(_ random: inout SplitMix64, maximumPieces: Int = 12) -> String {
        (0..<Int.random(in: 0...maximumPieces, using: &random))
            .map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test func keywordScanOfTheFoldedLineAgreesWithSearchingTheNormalizedText() {
        let keywords = ["来源", "小编", "简介", ":", "|", "a", "ab", "发", "𠀀", "X", "年", "1"]
        let folded = keywords.map { CharacterFold.fold($0) }
        let matcher = KeywordMatcher(keywords: folded.enumerated().map { ($0.element, $0.offset) }, ruleCount: keywords.count)
        var random = SplitMix64(seed: 11)
        var found: [Bool] = []
        var lines = 0, withKeywords = 0
        for _ in 0..<3000 {
            let line = Self.randomLine(&random)
            let normalized = NormalizedLine(line).text
            let expected = folded.map { normalized.containsUTF8($0) }
            let (any, length) = matcher.candidates(inFolded: line, into: &found)
            #expect(found == expected, "\(line)")
            #expect(any == expected.contains(true), "\(line)")
            #expect(length == line.unicodeScalars.count, "\(line)")
            #expect(matcher.candidates(in: normalized.utf8) == expected, "\(normalized)")
            lines += 1
            if expected.contains(true) { withKeywords += 1 }
        }
        // Both outcomes were exercised.
        #expect(withKeywords > lines / 10 && withKeywords < lines)
    }

    @Test func placeholderCountAgreesWithCountingRunsOfScalars() {
        /// The definition: maximal runs of two or more X/Ｘ not next to a Latin letter, and of
        /// two or more */＊.
        func reference(_ text: String) -> Int {
            let scalars = Array(text.unicodeScalars)
            func kind(_ scalar: Unicode.Scalar) -> Int {
                scalar == "X" || scalar == "Ｘ" ? 1 : scalar == "*" || scalar == "＊" ? 2 : 0
            }
            var total = 0, index = 0
            while index < scalars.count {
                let runKind = kind(scalars[index])
                guard runKind != 0 else { index += 1; continue }
                var end = index
                while end < scalars.count, kind(scalars[end]) == runKind { end += 1 }
                if end - index >= 2 {
                    let before = index > 0 ? scalars[index - 1].value : 0x20
                    let after = end < scalars.count ? scalars[end].value : 0x20
                    if runKind == 2 || !CharacterClass.isASCIILetter(before) && !CharacterClass.isASCIILetter(after) {
                        total += 1
                    }
                }
                index = end
            }
            return total
        }
        var random = SplitMix64(seed: 12)
        var counted = 0
        for _ in 0..<3000 {
            let line = Self.randomLine(&random, maximumPieces: 20)
            let hasMark = line.unicodeScalars.contains { "X*Ｘ＊".unicodeScalars.contains($0) }
            #expect(PlaceholderCounter.mayHavePlaceholder(line) == hasMark, "\(line)")
            #expect(PlaceholderCounter.count(in: line) == reference(line), "\(line)")
            counted += reference(line)
        }
        #expect(counted > 100)
        // A mark in the last bytes, after the eight-byte steps.
        #expect(PlaceholderCounter.count(in: "一二三四五六七八九十XX") == 1)
        #expect(PlaceholderCounter.count(in: "一二三四五六七八九十＊＊") == 1)
        #expect(!PlaceholderCounter.mayHavePlaceholder("一二三四五六七八九十，，，。"))
    }

    @Test func compactFormsWithoutStringsAgreeWithTheCompactString() {
        var random = SplitMix64(seed: 13)
        var equalPairs = 0
        for _ in 0..<3000 {
            let text = Self.randomLine(&random, maximumPieces: 6)
            let compact = LineShape.compact(text)
            #expect(CompactText.values(of: text) == compact.unicodeScalars.map(\.value), "\(text)")
            #expect(CompactText.withUTF8(of: text) { Array($0) } == Array(compact.utf8), "\(text)")
            // Another line, or a variant of this one (a piece more, a piece less, other spacing).
            let other: String
            switch Int.random(in: 0..<4, using: &random) {
            case 0: other = Self.randomLine(&random, maximumPieces: 6)
            case 1: other = text + Self.pieces.randomElement(using: &random)!
            case 2: other = " " + text.replacingOccurrences(of: "é", with: "e\u{301}")
            default: other = String(text.unicodeScalars.dropLast().map(Character.init))
            }
            let otherCompact = LineShape.compact(other)
            #expect(CompactText.compact(of: text, equals: otherCompact) == (compact == otherCompact), "\(text) / \(other)")
            if compact == otherCompact { equalPairs += 1 }
            let contains = otherCompact.utf8.withContiguousStorageIfAvailable { needle in
                compact.utf8.withContiguousStorageIfAvailable { CompactText.contains(needle, in: $0) }
            }
            #expect(contains == .some(.some(compact.containsUTF8(otherCompact))), "\(text) / \(other)")
        }
        #expect(equalPairs > 100)
        // Equal as strings (canonically), not as scalars: left to String ==.
        #expect(CompactText.compact(of: "Ｅ\u{301}", equals: LineShape.compact("É")))
        #expect(!CompactText.compact(of: "发展", equals: LineShape.compact("發展了")))
    }

    @Test func aLineWithoutTheTitleWitnessNeitherHoldsNorEqualsTheTitle() {
        #expect(TitleDetector.witness(of: LineShape.compact("发展")) == Array("展".utf8)) // 发 is the fold of 發
        #expect(CharacterFold.isFoldTarget(0x53D1) && !CharacterFold.isFoldTarget(0x5C55))
        var random = SplitMix64(seed: 17)
        var skipped = 0
        for _ in 0..<3000 {
            let title = LineShape.compact(Self.randomLine(&random, maximumPieces: 4))
            guard let witness = TitleDetector.witness(of: title) else { continue }
            // Lines that often hold the title, as it is or in another form.
            let line = Self.randomLine(&random, maximumPieces: 3)
                + (Bool.random(using: &random) ? title : "") + Self.randomLine(&random, maximumPieces: 3)
            guard !TitleDetector.mayHold(witness, in: line) else { continue }
            skipped += 1
            let compact = LineShape.compact(line)
            #expect(!compact.containsUTF8(title), "\(line) / \(title)")
            #expect(compact != title, "\(line) / \(title)")
        }
        #expect(skipped > 200)
        // A compatibility ideograph is canonically its unified twin: such a line is examined.
        #expect(TitleDetector.mayHold(Array("\u{8C48}".utf8), in: "\u{F900}"))
    }

    @Test func seenBigramsAgreeWithASet() {
        var random = SplitMix64(seed: 14)
        for _ in 0..<200 {
            let lines = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                (0..<Int.random(in: 0...40, using: &random)).map { _ in
                    UInt64.random(in: 0x4E00...0x4E40, using: &random) << 32 | UInt64.random(in: 0x4E00...0x4E40, using: &random)
                }
            }
            var bigrams = SeenBigrams(lines)
            var unseen = Set(lines.joined())
            #expect(bigrams.unseenCount == unseen.count)
            for _ in 0..<200 {
                let pair = UInt64.random(in: 0x4E00...0x4E40, using: &random) << 32 | UInt64.random(in: 0x4E00...0x4E40, using: &random)
                bigrams.markSeen(pair)
                unseen.remove(pair)
            }
            #expect(bigrams.unseenCount == unseen.count)
            for pair in lines.joined() {
                #expect(bigrams.isSeen(pair) == !unseen.contains(pair))
            }
        }
    }

    @Test func normalizedOffsetsAgreeWithCountingTheUTF16OfTheText() {
        var random = SplitMix64(seed: 15)
        for _ in 0..<300 {
            // Long enough for several offset marks, with scalars beyond the BMP.
            let line = Self.randomLine(&random, maximumPieces: 120)
            let normalized = NormalizedLine(line)
            let scalars = Array(normalized.text.unicodeScalars)
            #expect(normalized.count == scalars.count)
            #expect(normalized.utf16Count == normalized.text.utf16.count)
            #expect(Array(normalized.normalizedValues) == scalars.map(\.value))
            var utf16 = 0
            for (index, scalar) in scalars.enumerated() {
                #expect(normalized.normalizedValue(at: index) == scalar.value)
                #expect(normalized.utf16Offset(ofScalar: index) == utf16)
                #expect(normalized.scalarIndex(atUTF16Offset: utf16) == index)
                if scalar.value > 0xFFFF {
                    // Inside a surrogate pair: the next scalar.
                    #expect(normalized.scalarIndex(atUTF16Offset: utf16 + 1) == index + 1)
                }
                utf16 += scalar.value > 0xFFFF ? 2 : 1
            }
            #expect(normalized.utf16Offset(ofScalar: scalars.count) == utf16)
            #expect(normalized.scalarIndex(atUTF16Offset: utf16) == scalars.count)
        }
    }

    @Test func lineShapeAgreesWithMeasuringScalarByScalar() {
        var random = SplitMix64(seed: 16)
        for _ in 0..<2000 {
            let line = Self.randomLine(&random, maximumPieces: 16)
            let shape = LineShape(text: line)
            let values = line.unicodeScalars.map(\.value)
            let significant = values.filter { !LineShape.isSpace($0) }
            let first = values.firstIndex { !LineShape.isSpace($0) }
            let last = values.lastIndex { !LineShape.isSpace($0) }
            #expect(shape.length == (first.map { last! - $0 + 1 } ?? 0), "\(line)")
            #expect(shape.hanCount == values.filter(CharacterClass.isHan).count, "\(line)")
            #expect(shape.lastValue == significant.last, "\(line)")
            #expect(shape.colonCount == values.filter { $0 == 0xFF1A || $0 == 0x3A }.count, "\(line)")
            let lastSignificant = significant.last { !LineShape.isClosing($0) }
            let endsLikeASentence = lastSignificant.map { CharacterClass.isSentenceFinal($0) || $0 == 0x2026 || $0 == 0x3002 }
            #expect(shape.endsWithSentenceFinal == (endsLikeASentence ?? false), "\(line)")
        }
    }
}
