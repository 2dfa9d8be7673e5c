import CICU

/// Thin Swift entry points into the system ICU, through the `CICU` bridge.
///
/// Everything that needs ICU goes through here, so the rest of the library works on Swift
/// strings and byte arrays only.
public enum ICU {
    /// The version of the system ICU the library is linked against, e.g. `"72.1"`.
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        cicu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A charset candidate from ICU's detector.
    public struct CharsetMatch: Sendable, Equatable {
        /// ICU's name for the charset, e.g. `"GB18030"`, `"Big5"`, `"UTF-8"`.
        public var name: String
        /// ICU's confidence, 0...100.
        public var confidence: Int
    }

    /// ICU's charset candidates for `bytes`, best first. Only the first 64 KiB are examined.
    public static func detectCharsets(_ bytes: [UInt8]) -> [CharsetMatch] {
        let sample = bytes.prefix(65_536)
        var matches = [cicu_charset_match](repeating: cicu_charset_match(), count: 16)
        let count = sample.withUnsafeBufferPointer { buffer in
            cicu_detect_charsets(buffer.baseAddress, Int32(buffer.count), &matches, Int32(matches.count))
        }
        return matches.prefix(Int(count)).map { match in
            var nameTuple = match.name
            let name = withUnsafeBytes(of: &nameTuple) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return CharsetMatch(name: name, confidence: Int(match.confidence))
        }
    }

    /// ICU's canonical name for a converter name or alias, or `nil` if ICU has no such converter.
    public static func canonicalConverterName(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        guard cicu_canonical_converter_name(name, &buffer, Int32(buffer.count)) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The outcome of decoding bytes with an ICU converter.
    public struct Decoded: Sendable {
        /// The text, always valid; each invalid byte sequence became U+FFFD.
        public var text: String
        /// Byte offsets and lengths of the invalid sequences (the first 4096 of them).
        public var invalidSequences: [InvalidByteSequence]
        /// The total number of invalid sequences (may exceed `invalidSequences.count`).
        public var invalidCount: Int
    }

    /// Decodes `bytes` from `charset` (any ICU converter name or alias).
    /// Returns `nil` only when ICU does not know the charset.
    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, charset: String) -> Decoded? {
        let input = Array(bytes)
        // One record per invalid sequence, and a sequence holds at least one byte: a short input
        // needs few records (zero-filling 4,096 of them was most of decoding a short stretch).
        let limit = min(4096, input.count + 1)
        var offsets = [Int64](repeating: 0, count: limit)
        var lengths = [Int32](repeating: 0, count: limit)
        var total: Int64 = 0
        let capacity = input.count * 3 + 16
        var written: Int64 = -1
        let text = String(unsafeUninitializedCapacity: capacity) { out in
            written = input.withUnsafeBufferPointer { source in
                cicu_decode_to_utf8(charset, source.baseAddress, Int64(source.count),
                                    out.baseAddress, Int64(capacity),
                                    &offsets, &lengths, Int32(limit), &total)
            }
            return max(0, Int(written))
        }
        guard written >= 0 else { return nil }
        let recorded = min(Int(total), limit)
        let invalid = (0..<recorded).map {
            InvalidByteSequence(offset: Int(offsets[$0]), length: Int(lengths[$0]))
        }
        return Decoded(text: text, invalidSequences: invalid, invalidCount: Int(total))
    }

    /// The result of trying to encode text into a charset.
    public enum Encoded: Sendable, Equatable {
        case bytes([UInt8])
        /// The character at this UTF-8 offset of the input has no mapping in the charset.
        case unmappable(utf8Offset: Int)
        case unknownCharset
    }

    /// Encodes `text` into `charset`, stopping at the first character the charset lacks.
    public static func encode(_ text: Substring, charset: String) -> Encoded {
        var utf8 = Array(text.utf8)
        let capacity = utf8.count * 4 + 16
        var failedAt: Int64 = -1
        var written: Int64 = -1
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            written = utf8.withUnsafeMutableBufferPointer { source in
                cicu_encode_from_utf8(charset, source.baseAddress, Int64(source.count),
                                      buffer.baseAddress, Int64(capacity), &failedAt)
            }
            count = max(0, Int(written))
        }
        switch written {
        case -1: return .unknownCharset
        case -2: return .unmappable(utf8Offset: Int(failedAt))
        default: return .bytes(out)
        }
    }

    /// Encodes `text` into `charset`, stopping at the first character the charset lacks.
    public static func encode(_ text: String, charset: String) -> Encoded {
        encode(text[...], charset: charset)
    }

    /// NFC-normalizes `text` with ICU.
    public static func nfc(_ text: Substring) -> String {
        var utf8 = Array(text.utf8)
        let capacity = utf8.count * 3 + 16
        var written: Int64 = -1
        let result = String(unsafeUninitializedCapacity: capacity) { out in
            written = utf8.withUnsafeMutableBufferPointer { source in
                cicu_nfc_utf8(source.baseAddress, Int64(source.count), out.baseAddress, Int64(capacity))
            }
            return max(0, Int(written))
        }
        return written >= 0 ? result : String(text)
    }

    /// Whether NFC leaves this scalar unchanged in every context.
    public static func isNFCInert(_ scalar: Unicode.Scalar) -> Bool {
        cicu_is_nfc_inert(scalar.value) != 0
    }

    /// ICU's general category number (`UCharCategory`) of a scalar.
    public static func generalCategory(_ scalar: Unicode.Scalar) -> Int {
        Int(cicu_char_type(scalar.value))
    }

    /// ICU's script code (`UScriptCode`) of a scalar: 17 is Han, 25 Latin, 0 Common.
    public static func script(_ scalar: Unicode.Scalar) -> Int {
        Int(cicu_script(scalar.value))
    }

    /// ICU's `USCRIPT_HAN`.
    public static let hanScript = 17
}

/// A run of bytes that a decoder could not map, located in the input.
public struct InvalidByteSequence: Sendable, Equatable, Codable {
    /// Byte offset from the start of the input.
    public var offset: Int
    /// Number of bytes in the run.
    public var length: Int

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }
}
