import Foundation
import Testing
@testable import ScrapeClean

/// Inputs built to break a cleaner: huge lines, NUL bytes, random bytes, stacked banners,
/// unbalanced brackets, pinyin storms and mixed encodings. Each must end with valid text,
/// keep the body, and record what it removed; a stage that is slow on one of them is a
/// linear-time bug (Scripts/bench.sh measures the same shapes in release builds).
@Suite("Hostile inputs to the library")
struct HostileInputTests {
    static let megabyte = 1 << 20

    /// Body text with no line breaks: the seeds' hand-cleaned expected output (no chrome, so
    /// nothing in it may be removed; raw inputs on one line are tested through the CLI).
    static let bodyText: String = {
        TestSupport.seedNames.dropFirst().map { TestSupport.fixtureText($0, "expected.txt") }.joined()
            .unicodeScalars.filter { $0 != "\n" && $0 != "\r" }
            .reduce(into: "") { $0.unicodeScalars.append($1) }
    }()

    /// `bytes` of body-like text on one line with no sentence repeated (layout drops duplicate
    /// paragraphs, so repeating one text would test that rule, not the line length): numbered
    /// windows of the seeds' text at random offsets, each ending with 。
    static func uniqueLine(bytes: Int, seed: UInt64) -> String {
        let source = Array(bodyText.unicodeScalars)
        var generator = SplitMix64(seed: seed)
        // String += is amortized O(1); UnicodeScalarView.append(contentsOf:) copies the whole
        // view each time (quadratic).
        var line = ""
        line.reserveCapacity(bytes + 256)
        var utf8Count = 0
        var number = 0
        while utf8Count < bytes {
            number += 1
            let length = 12 + Int(generator.next() % 40)
            let start = Int(generator.next() % UInt64(source.count - length))
            var sentence = "第\(number)条" + String(String.UnicodeScalarView(source[start..<(start + length)])) + "。"
            sentence.unicodeScalars.removeAll { $0 == "\u{FEFF}" }
            utf8Count += sentence.utf8.count
            line += sentence
        }
        return line
    }

    private func checkValid(_ result: CleanResult, _ label: String) {
        let bytes = Array(result.text.utf8)
        #expect(String(validating: bytes, as: UTF8.self) != nil, "\(label): invalid UTF-8")
        #expect(bytes.isEmpty || bytes.last == 0x0A, "\(label): no final newline")
        #expect(!bytes.contains(0), "\(label): NUL in output")
    }

    private func count(_ scalar: Unicode.Scalar, in text: String) -> Int {
        text.unicodeScalars.reduce(0) { $1 == scalar ? $0 + 1 : $0 }
    }

    private func hanCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { CharacterClass.isHan($1) ? $0 + 1 : $0 }
    }

    @Test("A 16 MB single line of body text comes out whole: every Han character kept")
    func sixteenMegabyteLine() throws {
        let line = Self.uniqueLine(bytes: 16 * Self.megabyte, seed: 16)
        let result = try Cleaner().clean(bytes: Array(line.utf8))
        checkValid(result, "16 MB line")
        #expect(hanCount(result.text) == hanCount(line))
    }

    @Test("NUL bytes are removed and recorded; the text around them stays")
    func nulBytes() throws {
        let bytes = Array("同志们\0\0今天\0我们开会。\n\0\0\0\n第二行\0".utf8)
        let result = try Cleaner().clean(bytes: bytes)
        checkValid(result, "NULs")
        #expect(result.text.split(separator: "\n") == ["同志们今天我们开会。", "第二行"])
        #expect(result.edits.contains { $0.rule == "hygiene.control-character" && $0.line == 1 && $0.count == 3 })
        let zeros = try Cleaner().clean(bytes: [UInt8](repeating: 0, count: Self.megabyte))
        checkValid(zeros, "1 MB of zeros")
        #expect(zeros.text.isEmpty)
    }

    @Test("Random bytes (4 MB, and 200 short buffers) give valid text, never a crash")
    func randomBytes() throws {
        var generator = SplitMix64(seed: 0xBAD_B17E5)
        let cleaner = try Cleaner()
        let large = (0..<(4 * Self.megabyte)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        checkValid(try cleaner.clean(bytes: large), "4 MB random")
        for index in 0..<200 {
            let length = Int(generator.next() % 3000)
            // Bias half of the buffers towards bytes that look like GBK, Big5 and UTF-8 lead bytes.
            let bytes = (0..<length).map { _ in
                let value = UInt8(truncatingIfNeeded: generator.next())
                return index.isMultiple(of: 2) ? value | 0x80 : value
            }
            checkValid(try cleaner.clean(bytes: bytes), "random buffer \(index)")
        }
    }

    @Test("5000 stacked banners: the body stays, and banners go exactly when a single one goes")
    func stackedBanners() throws {
        let banners = ["下面是小编为大家整理的村党支部书记述职报告，供大家参考。",
                       "来源：网络整理 免责声明：本文仅代表作者个人观点，与本站无关。"]
        let body = ["同志们：", "今天我们在这里召开全村干部大会，主要任务是总结去年的工作，安排今年的任务。",
                    "一年来，在镇党委的正确领导下，我们村两委班子团结一致，各项工作取得了新的进展。"]
        let cleaner = try Cleaner()
        for banner in banners {
            let single = cleaner.clean(text: ([banner] + body).joined(separator: "\n"))
            let singleRemoved = !single.text.contains(banner)
            var lines: [String] = []
            for _ in 0..<5000 { lines.append(banner) }
            let stacked = cleaner.clean(text: (lines + body + lines).joined(separator: "\n") + "\n")
            checkValid(stacked, "stacked banners")
            for sentence in body { #expect(stacked.text.contains(sentence), "body line lost: \(sentence)") }
            let left = stacked.text.split(separator: "\n").filter { $0 == banner }.count
            if singleRemoved {
                #expect(left == 0, "one banner is removed but \(left) of 10000 stacked copies stay")
            }
            let removedCount = stacked.edits.filter { $0.removed.contains(banner) }.reduce(0) { $0 + $1.count }
            #expect(removedCount + left >= 10_000 || left == 10_000, "\(10_000 - left) banners gone but only \(removedCount) recorded")
        }
    }

    @Test("100k unbalanced brackets and quotes are kept, every one of them",
          arguments: ["(", "【", "“", "（", "《", "[", "書("])
    func unbalancedBrackets(opening: String) throws {
        let storm = String(repeating: opening, count: 100_000)
        // Three different lines (the same line twice would be a duplicate paragraph).
        let text = "同志们：\n" + storm + "\n今天我们开会" + storm + "讨论工作。\n" + storm + opening + "\n"
        let result = try Cleaner().clean(bytes: Array(text.utf8))
        checkValid(result, "brackets \(opening)")
        let marks: [Unicode.Scalar] = opening.unicodeScalars.filter { !CharacterClass.isHan($0) }
        for mark in marks {
            // Punctuation may widen ( to （ beside Han text; it must not drop any.
            let widened: Unicode.Scalar? = mark == "(" ? "（" : nil
            let before = count(mark, in: text) + (widened.map { count($0, in: text) } ?? 0)
            let after = count(mark, in: result.text) + (widened.map { count($0, in: result.text) } ?? 0)
            #expect(after == before, "\(before - after) of \(before) '\(mark)' lost")
        }
        #expect(result.text.contains("讨论工作"))
        #expect(hanCount(result.text) == hanCount(text))
    }

    @Test("100k nested balanced parentheses around one Han character are all widened, in linear time")
    func nestedParentheses() throws {
        let depth = 100_000
        let text = "同志们" + String(repeating: "(", count: depth) + "書" + String(repeating: ")", count: depth) + "\n"
        let result = try Cleaner().clean(bytes: Array(text.utf8))
        checkValid(result, "nested parentheses")
        #expect(count("（", in: result.text) + count("(", in: result.text) == depth)
        #expect(count("）", in: result.text) + count(")", in: result.text) == depth)
        #expect(result.text.contains("書"))
    }

    @Test("A JSON string with 400k escapes (a 16 MB document's line breaks) decodes whole, in linear time")
    func jsonStringWithManyEscapes() {
        let line = "同志们，今天我们在这里召开会议。"
        var json = ""
        json.reserveCapacity(16 * Self.megabyte)
        var count = 0
        while json.utf8.count < 16 * Self.megabyte {
            json += line + "\\n"
            count += 1
        }
        let decoded = Array(json.utf8).withUnsafeBufferPointer { JSONStringCoding.decode($0) }
        #expect(decoded.utf8.count == count * (line.utf8.count + 1))
        #expect(decoded.hasPrefix(line + "\n" + line))
    }

    @Test("A pinyin storm (書(shū) × 20000) keeps every Han character, and annotations go as they do for one")
    func pinyinStorm() throws {
        let cleaner = try Cleaner()
        let one = cleaner.clean(text: "我們讀書(shū)學習。\n").text
        let annotationRemoved = !one.contains("shū")
        let storm = String(repeating: "書(shū)", count: 20_000)
        let text = "我們讀" + storm + "學習。\n" + storm + "\n"
        let result = try cleaner.clean(bytes: Array(text.utf8))
        checkValid(result, "pinyin storm")
        #expect(count("書", in: result.text) == 40_000 || count("书", in: result.text) == 40_000)
        if annotationRemoved {
            #expect(!result.text.contains("shū"), "one annotation is removed but the storm keeps some")
        }
    }

    @Test("A file that is half UTF-8 and half GB18030 decodes to valid text that keeps one half intact")
    func mixedEncodings() throws {
        let utf8Half = TestSupport.fixtureText("seed-001-village-training")
        let gbText = TestSupport.fixtureText("seed-002-township-secretaries")
        guard case let .bytes(gbHalf) = ICU.encode(gbText, charset: "GB18030") else {
            Issue.record("seed 002 does not encode as GB18030")
            return
        }
        for (label, bytes) in [("UTF-8 then GB18030", Array(utf8Half.utf8) + gbHalf),
                               ("GB18030 then UTF-8", gbHalf + Array(utf8Half.utf8))] {
            let result = try Cleaner().clean(bytes: bytes)
            checkValid(result, label)
            // The longest line of each half as the pipeline cleans it on its own.
            let longest: (String) -> String = { text in
                let cleaned = (try? Cleaner().clean(text: text).text) ?? ""
                return cleaned.split(separator: "\n").map(String.init).max { $0.utf8.count < $1.utf8.count } ?? ""
            }
            let probeUTF8 = longest(utf8Half), probeGB = longest(gbText)
            let keptOne = ByteSearch.contains(Array(result.text.utf8), ArraySlice(probeUTF8.utf8))
                || ByteSearch.contains(Array(result.text.utf8), ArraySlice(probeGB.utf8))
            #expect(keptOne, "\(label): neither half survived (read as \(result.metadata.encoding ?? "?"), \(result.metadata.invalidBytes ?? 0) invalid)")
            #expect(result.metadata.invalidBytes != nil || result.edits.contains { $0.stage == .mojibake },
                    "\(label): the damaged half went unreported")
        }
    }
}
