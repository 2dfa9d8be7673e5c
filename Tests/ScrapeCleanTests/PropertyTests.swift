import Foundation
import Testing
@testable import ScrapeClean

/// Invariants of the whole pipeline on generated documents: fixture inputs cut at random
/// points, spliced together, with chrome lines injected and re-encoded, from a fixed seed.
@Suite("Pipeline properties on generated documents")
struct PropertyTests {
    /// Option sets the properties are checked under.
    static let variants: [String] = ["default", "simplified", "traditional-tw", "keep-punctuation"]

    static func options(_ variant: String) -> CleanOptions {
        var options = CleanOptions()
        switch variant {
        case "simplified": options.target = .simplified
        case "traditional-tw": options.target = .traditional; options.region = .tw
        case "keep-punctuation": options.keepPunctuation = true
        default: break
        }
        return options
    }

    /// Documents per option set; `SCRAPECLEAN_PROPERTY_COUNT` raises it for a longer search.
    static let count = ProcessInfo.processInfo.environment["SCRAPECLEAN_PROPERTY_COUNT"].flatMap { Int($0) } ?? 40

    /// The generator's seed for one property: `base`, or `base` mixed with
    /// `SCRAPECLEAN_PROPERTY_SEED` to explore other documents. The seed is in every document's
    /// label, so a failure found that way reproduces with `GeneratedDocuments(seed:)`.
    static func seed(_ base: UInt64) -> UInt64 {
        guard let extra = ProcessInfo.processInfo.environment["SCRAPECLEAN_PROPERTY_SEED"].flatMap({ UInt64($0) }) else { return base }
        return base ^ (extra &* 0x9E37_79B9_7F4A_7C15)
    }

    @Test("The output is valid UTF-8 lines ending in a newline, with no U+FFFD unless decoding reported invalid bytes",
          arguments: variants)
    func outputIsValidUTF8(variant: String) throws {
        let cleaner = try Cleaner(options: Self.options(variant))
        var generator = GeneratedDocuments(seed: Self.seed(0x5EED_0001))
        for _ in 0..<Self.count {
            let document = generator.next()
            let result = try cleaner.clean(bytes: document.bytes)
            let bytes = Array(result.text.utf8)
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(document.label)")
            #expect(bytes.isEmpty || bytes.last == 0x0A, "\(document.label): no final newline")
            #expect(result.metadata.outputLines == bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }, "\(document.label)")
            if result.metadata.invalidBytes == nil, !document.text.unicodeScalars.contains("\u{FFFD}") {
                #expect(!result.text.unicodeScalars.contains("\u{FFFD}"), "\(document.label): U+FFFD invented")
            }
            for scalar in result.text.unicodeScalars where scalar.value < 0x20 {
                #expect(scalar == "\n" || scalar == "\t", "\(document.label): control character U+\(String(scalar.value, radix: 16)) in output")
            }
        }
    }

    @Test("Cleaning is idempotent: clean(clean(x)) == clean(x), byte for byte",
          arguments: variants)
    func cleaningIsIdempotent(variant: String) throws {
        let cleaner = try Cleaner(options: Self.options(variant))
        var generator = GeneratedDocuments(seed: Self.seed(0x5EED_0002))
        for _ in 0..<Self.count {
            let document = generator.next()
            let once = try cleaner.clean(bytes: document.bytes).text
            let twice = try cleaner.clean(bytes: Array(once.utf8))
            let same = twice.text.utf8.elementsEqual(once.utf8)
            let edits = twice.edits.prefix(5).map { "\($0.rule) line \($0.line): \($0.removed.prefix(60)) → \($0.replacement.prefix(60))" }
            #expect(same, "\(document.label): second pass changed the text: \(edits)")
            #expect(twice.edits.isEmpty, "\(document.label): second pass recorded edits: \(edits)")
        }
    }

    @Test("Clean never invents text: every output character is in the input or in a documented replacement",
          arguments: variants)
    func cleanNeverInventsText(variant: String) throws {
        let cleaner = try Cleaner(options: Self.options(variant))
        var generator = GeneratedDocuments(seed: Self.seed(0x5EED_0003))
        // Stages whose replacements may bring new characters: decoding (U+FFFD), hygiene (NFC,
        // spaces), mojibake repair, script conversion and punctuation width. Boilerplate,
        // annotations and layout only remove, move or join text.
        let replacing: Set<Stage> = [.decode, .hygiene, .mojibake, .conversion, .punctuation]
        for _ in 0..<Self.count {
            let document = generator.next()
            let result = try cleaner.clean(bytes: document.bytes)
            var allowed = Set(document.text.unicodeScalars)
            allowed.insert("\n")
            for edit in result.edits where replacing.contains(edit.stage) {
                allowed.formUnion(edit.replacement.unicodeScalars)
            }
            var invented: [Unicode.Scalar: Int] = [:]
            for scalar in result.text.unicodeScalars where !allowed.contains(scalar) {
                invented[scalar, default: 0] += 1
            }
            #expect(invented.isEmpty, "\(document.label): invented \(invented.sorted { $0.value > $1.value }.prefix(10).map { "\($0.key) U+\(String($0.key.value, radix: 16))×\($0.value)" })")
        }
    }

    @Test("Every input line missing from the output is covered by an edit on that line, and every edit names a real line",
          arguments: variants)
    func everyRemovedLineIsReported(variant: String) throws {
        let cleaner = try Cleaner(options: Self.options(variant))
        var generator = GeneratedDocuments(seed: Self.seed(0x5EED_0004))
        for _ in 0..<Self.count {
            let document = generator.next()
            let result = try cleaner.clean(bytes: document.bytes)
            let decoded = try EncodingDetector.decode(document.bytes).text
            let lines = InputLines.split(decoded)
            let output = Array(result.text.utf8)
            let edited = Set(result.edits.map(\.line))
            for edit in result.edits {
                #expect((0...lines.count).contains(edit.line),
                        "\(document.label): \(edit.rule) names line \(edit.line) of \(lines.count)")
                if edit.removesLine, (1...max(1, lines.count)).contains(edit.line), edit.removed.isEmpty {
                    // A line removed with no text must have been blank.
                    #expect(InputLines.trimmed(lines[edit.line - 1]).isEmpty,
                            "\(document.label): \(edit.rule) removed line \(edit.line) but reports no text")
                }
            }
            for (index, line) in lines.enumerated() {
                let trimmed = InputLines.trimmed(line)
                guard !trimmed.isEmpty, !ByteSearch.contains(output, trimmed) else { continue }
                #expect(edited.contains(index + 1),
                        "\(document.label): input line \(index + 1) is missing from the output and no edit names it: \(String(decoding: trimmed.prefix(120), as: UTF8.self))")
            }
        }
    }

    @Test("The generator covers every encoding and cuts documents mid-line")
    func generatorCoversItsShapes() {
        var generator = GeneratedDocuments(seed: 0x5EED_0001)
        var encodings: Set<String> = []
        var spliced = 0
        for _ in 0..<Self.count {
            let document = generator.next()
            encodings.insert(document.encoding)
            if document.pieces > 1 { spliced += 1 }
        }
        #expect(encodings.isSuperset(of: ["UTF-8", "UTF-8 BOM", "GB18030", "UTF-16LE BOM", "UTF-16BE BOM"]), "\(encodings)")
        #expect(spliced > Self.count / 4)
        #expect(!GeneratedDocuments.chrome.isEmpty)
    }
}

/// Input lines split the way hygiene splits them (LF, CRLF, CR, NEL, U+2028, U+2029), as UTF-8.
enum InputLines {
    static func split(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            if scalar == "\n" || scalar == "\r" || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                lines.append(Array(String(current).utf8))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(Array(String(current).utf8)) }
        return lines
    }

    /// The line without leading and trailing spaces, tabs and ideographic spaces.
    static func trimmed(_ line: [UInt8]) -> ArraySlice<UInt8> {
        let text = String(decoding: line, as: UTF8.self)
        let scalars = text.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0.value == 0x3000 || $0.value == 0xA0 }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return [] }
        return ArraySlice(Array(String(scalars[first...last]).utf8))
    }
}

/// Byte-level substring search (String.contains compares canonical equivalence, not bytes).
enum ByteSearch {
    static func contains(_ haystack: [UInt8], _ needle: ArraySlice<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard needle.count <= haystack.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

/// Realistic hostile documents: pieces of fixture inputs cut at random scalar offsets,
/// spliced together, with chrome lines from the fixtures injected at random line
/// boundaries, then encoded as UTF-8 (with or without BOM), GB18030, Big5 (when the text
/// fits) or UTF-16 with a BOM.
struct GeneratedDocuments {
    struct Document {
        /// The text before encoding: what the output may draw on.
        var text: String
        var bytes: [UInt8]
        var encoding: String
        var pieces: Int
        var label: String
    }

    /// Every fixture input, decoded.
    static let sources: [(name: String, text: String)] = TestSupport.fixtureNames.compactMap { name in
        let bytes = TestSupport.fixtureBytes(name)
        guard let text = try? EncodingDetector.decode(bytes).text, !text.isEmpty else { return nil }
        return (name, text)
    }

    /// Chrome lines: short input lines with Han characters that the hand-written expected
    /// output drops (menus, banners, notices).
    static let chrome: [String] = {
        var lines: Set<String> = []
        for name in TestSupport.fixtureNames {
            guard let input = try? EncodingDetector.decode(TestSupport.fixtureBytes(name)).text else { continue }
            let expected = TestSupport.fixtureText(name, "expected.txt")
            guard !expected.isEmpty else { continue }
            let kept = Set(expected.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) })
            for line in input.split(whereSeparator: \.isNewline) {
                let text = String(line).trimmingCharacters(in: .whitespaces)
                let scalars = text.unicodeScalars
                guard !kept.contains(text), scalars.count >= 4, scalars.count <= 80,
                      scalars.contains(where: { CharacterClass.isHan($0) }) else { continue }
                lines.insert(text)
            }
        }
        return lines.sorted()
    }()

    private var generator: SplitMix64
    private var serial = 0
    private let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        generator = SplitMix64(seed: seed)
    }

    private mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(max(bound, 1))) }

    mutating func next() -> Document {
        serial += 1
        let sources = Self.sources
        let pieceCount = 1 + below(3)
        var text = ""
        var names: [String] = []
        for _ in 0..<pieceCount {
            let source = sources[below(sources.count)]
            names.append(source.name)
            let scalars = Array(source.text.unicodeScalars)
            let start = below(2) == 0 ? 0 : below(scalars.count / 2)
            let end = below(2) == 0 ? scalars.count : min(scalars.count, start + 200 + below(scalars.count))
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[start..<end])
            if below(2) == 0, !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += String(piece)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let injected = below(5)
        for _ in 0..<injected where !Self.chrome.isEmpty {
            let banner = Self.chrome[below(Self.chrome.count)]
            let position = [0, lines.count, below(lines.count + 1)][below(3)]
            lines.insert(banner, at: position)
        }
        text = lines.joined(separator: "\n")

        let choice = below(7)
        var encoding: String
        var bytes: [UInt8]
        switch choice {
        case 0: (encoding, bytes) = ("UTF-8 BOM", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        case 1, 2: (encoding, bytes) = Self.encode(text, "GB18030")
        case 3: (encoding, bytes) = Self.encode(text, "Big5")
        case 4: (encoding, bytes) = ("UTF-16LE BOM", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case 5: (encoding, bytes) = ("UTF-16BE BOM", [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        default: (encoding, bytes) = ("UTF-8", Array(text.utf8))
        }
        if encoding == "UTF-8" { text = String(decoding: bytes, as: UTF8.self) }
        let label = "generated #\(serial) (seed \(seed), \(encoding), \(names.joined(separator: " + ")), \(injected) banners)"
        return Document(text: text, bytes: bytes, encoding: encoding, pieces: pieceCount, label: label)
    }

    /// Encodes in a legacy charset, falling back to GB18030 and then UTF-8 when it cannot hold the text.
    private static func encode(_ text: String, _ charset: String) -> (String, [UInt8]) {
        if case let .bytes(bytes) = ICU.encode(text, charset: charset) { return (charset, bytes) }
        if case let .bytes(bytes) = ICU.encode(text, charset: "GB18030") { return ("GB18030", bytes) }
        return ("UTF-8", Array(text.utf8))
    }
}
