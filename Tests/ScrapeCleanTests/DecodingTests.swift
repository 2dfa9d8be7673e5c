import Testing
@testable import ScrapeClean

@Suite("Decoding bytes to text")
struct DecodingTests {
    /// Encodes text with ICU, failing the test if the charset cannot hold it.
    private func encoded(_ text: String, _ charset: String) throws -> [UInt8] {
        guard case let .bytes(bytes) = ICU.encode(text, charset: charset) else {
            Issue.record("\(charset) cannot encode the text")
            return []
        }
        return bytes
    }

    @Test("A GB18030 copy of each simplified seed decodes to exactly the UTF-8 original", arguments: [
        "seed-001-village-training", "seed-002-township-secretaries", "seed-003-hundred-villages",
    ])
    func gb18030SeedRoundTrips(seed: String) throws {
        let original = TestSupport.fixtureText(seed)
        let decoded = try EncodingDetector.decode(try encoded(original, "GB18030"))
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.invalidCount == 0)
        #expect(decoded.text == original)
    }

    @Test("A GB18030 copy of the traditional seed with pinyin and garbage decodes exactly")
    func gb18030TraditionalSeedRoundTrips() throws {
        let original = TestSupport.fixtureText("seed-000-first-secretary")
        let decoded = try EncodingDetector.decode(try encoded(original, "GB18030"))
        #expect(decoded.text == original)
    }

    @Test("A Big5 copy of the traditional seed 000 decodes to exactly its text")
    func big5TraditionalSeedRoundTrips() throws {
        // The raw seed carries mojibake characters Big5 lacks, so use its hand-cleaned text.
        let original = TestSupport.fixtureText("seed-000-first-secretary", "expected.txt")
        let decoded = try EncodingDetector.decode(try encoded(original, "Big5"))
        #expect(decoded.encoding == "Big5")
        #expect(decoded.invalidCount == 0)
        #expect(decoded.text == original)
    }

    @Test("UTF-16 with a byte order mark decodes exactly", arguments: ["UTF-16LE", "UTF-16BE"])
    func utf16WithBOMRoundTrips(charset: String) throws {
        let original = TestSupport.fixtureText("seed-003-hundred-villages")
        let bom: [UInt8] = charset == "UTF-16LE" ? [0xFF, 0xFE] : [0xFE, 0xFF]
        let decoded = try EncodingDetector.decode(bom + (try encoded(original, charset)))
        #expect(decoded.encoding == charset)
        #expect(decoded.hadByteOrderMark)
        #expect(decoded.text == original)
    }

    @Test("A UTF-8 byte order mark is dropped and noted")
    func utf8BOM() throws {
        let decoded = try EncodingDetector.decode([0xEF, 0xBB, 0xBF] + Array("同志们：".utf8))
        #expect(decoded.text == "同志们：")
        #expect(decoded.hadByteOrderMark)
        #expect(decoded.encoding == "UTF-8")
    }

    @Test("UTF-8 cut in the middle of a character stays UTF-8 and reports the damaged bytes")
    func truncatedUTF8() throws {
        let text = TestSupport.fixtureText("seed-001-village-training")
        // Cut the file inside a three-byte character: keep only the first two bytes of 中.
        let bytes = Array(text.utf8) + [0xE4, 0xB8]
        let decoded = try EncodingDetector.decode(bytes)
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.invalidCount == 1)
        #expect(decoded.invalidSequences.first == InvalidByteSequence(offset: bytes.count - 2, length: 2))
        #expect(decoded.text.hasSuffix("\u{FFFD}"))
    }

    @Test("Invalid bytes inside GB18030 text are replaced, counted and located")
    func invalidGB18030Bytes() throws {
        let good = try encoded("今天，我们召开第一书记选派工作会议。", "GB18030")
        let bytes = good[0..<6] + [0x81, 0x20] + good[6...]
        let decoded = try EncodingDetector.decode(Array(bytes), encoding: "GB18030")
        #expect(decoded.invalidCount == 1)
        #expect(decoded.invalidSequences == [InvalidByteSequence(offset: 6, length: 1)])
        #expect(decoded.text.contains("\u{FFFD}"))
        #expect(decoded.text.hasSuffix("选派工作会议。"))
    }

    @Test("--encoding overrides detection")
    func explicitEncoding() throws {
        let bytes = try encoded("第一書記", "Big5")
        let decoded = try EncodingDetector.decode(bytes, encoding: "big5")
        #expect(decoded.text == "第一書記")
        #expect(!decoded.detected)
    }

    @Test("An unknown encoding name is a typed error that names it")
    func unknownEncoding() {
        #expect(throws: DecodingError.unknownEncoding("klingon-8")) {
            try EncodingDetector.decode([0x41], encoding: "klingon-8")
        }
        #expect(DecodingError.unknownEncoding("klingon-8").description.contains("klingon-8"))
    }

    @Test("Random bytes never crash the decoder and always give valid text", arguments: 0..<40)
    func randomBytes(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let length = Int(generator.next() % 5000)
        let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let decoded = try EncodingDetector.decode(bytes)
        // A Swift String is valid Unicode by construction; check the round trip through UTF-8 too.
        #expect(String(validating: Array(decoded.text.utf8), as: UTF8.self) == decoded.text)
        let result = try Cleaner().clean(bytes: bytes)
        #expect(String(validating: Array(result.text.utf8), as: UTF8.self) != nil)
    }
}
