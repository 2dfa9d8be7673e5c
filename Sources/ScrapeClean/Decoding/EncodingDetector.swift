/// Decides how to read a byte buffer and decodes it.
///
/// Detection order: a byte order mark (UTF-8, UTF-16 LE/BE); valid UTF-8; UTF-8 with a few
/// damaged sequences (at most 1 in 50 multi-byte sequences, such as a file cut mid-character);
/// UTF-16 without a mark when zero bytes sit on one parity; otherwise the better of GB18030
/// and Big5, judged by invalid sequences and ICU's frequency-based detector.
///
/// ```swift
/// let decoded = try EncodingDetector.decode(bytes)
/// decoded.encoding // "GB18030"
/// ```
public enum EncodingDetector {
    /// Decodes `bytes`, detecting the encoding unless `encoding` names one.
    /// - Throws: ``DecodingError/unknownEncoding(_:)`` when `encoding` is not known to ICU.
    public static func decode(_ bytes: [UInt8], encoding: String? = nil) throws(DecodingError) -> DecodedText {
        if let name = encoding {
            return try decode(bytes, named: name)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return decodeUTF8(bytes.dropFirst(3), hadBOM: true, detected: true)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return icuDecode(bytes.dropFirst(2), charset: "UTF-16LE", label: "UTF-16LE", hadBOM: true, detected: true)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return icuDecode(bytes.dropFirst(2), charset: "UTF-16BE", label: "UTF-16BE", hadBOM: true, detected: true)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: text, encoding: "UTF-8", hadByteOrderMark: false, detected: true,
                               invalidSequences: [], invalidCount: 0)
        }
        let shape = UTF8Shape(bytes)
        if shape.invalid * 50 <= shape.validMultiByte {
            return decodeUTF8(bytes[...], hadBOM: false, detected: true)
        }
        if let label = utf16WithoutBOM(bytes) {
            return icuDecode(bytes[...], charset: label, label: label, hadBOM: false, detected: true)
        }
        return decodeLegacyChinese(bytes)
    }

    private static func decode(_ bytes: [UInt8], named name: String) throws(DecodingError) -> DecodedText {
        guard let canonical = ICU.canonicalConverterName(name) else { throw .unknownEncoding(name) }
        let label = displayName(requested: name, canonical: canonical)
        if canonical == "UTF-8" {
            let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            return decodeUTF8(hasBOM ? bytes.dropFirst(3) : bytes[...], hadBOM: hasBOM, detected: false)
        }
        var body = bytes[...]
        var hadBOM = false
        if canonical.hasPrefix("UTF-16LE"), bytes.starts(with: [0xFF, 0xFE]) { body = body.dropFirst(2); hadBOM = true }
        if canonical.hasPrefix("UTF-16BE"), bytes.starts(with: [0xFE, 0xFF]) { body = body.dropFirst(2); hadBOM = true }
        return icuDecode(body, charset: name, label: label, hadBOM: hadBOM, detected: false)
    }

    private static func displayName(requested: String, canonical: String) -> String {
        switch canonical {
        case "GB18030", "UTF-8", "UTF-16LE", "UTF-16BE": canonical
        case _ where canonical.hasPrefix("windows-950"): "Big5"
        default: requested
        }
    }

    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>, hadBOM: Bool, detected: Bool) -> DecodedText {
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: text, encoding: "UTF-8", hadByteOrderMark: hadBOM, detected: detected,
                               invalidSequences: [], invalidCount: 0)
        }
        return icuDecode(bytes, charset: "UTF-8", label: "UTF-8", hadBOM: hadBOM, detected: detected)
    }

    private static func icuDecode(_ bytes: ArraySlice<UInt8>, charset: String, label: String,
                                  hadBOM: Bool, detected: Bool) -> DecodedText {
        // The converter is known to exist for every name passed here.
        let decoded = ICU.decode(bytes, charset: charset)
            ?? ICU.Decoded(text: String(decoding: bytes, as: UTF8.self), invalidSequences: [], invalidCount: 0)
        let shift = hadBOM ? bytes.startIndex : 0
        let invalid = decoded.invalidSequences.map {
            InvalidByteSequence(offset: $0.offset + shift, length: $0.length)
        }
        return DecodedText(text: decoded.text, encoding: label, hadByteOrderMark: hadBOM, detected: detected,
                           invalidSequences: invalid, invalidCount: decoded.invalidCount)
    }

    /// UTF-16 without a byte order mark shows as zero bytes on one parity (ASCII characters).
    private static func utf16WithoutBOM(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 8, bytes.count % 2 == 0 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for (index, byte) in bytes.prefix(65_536).enumerated() where byte == 0 {
            if index & 1 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let pairs = min(bytes.count, 65_536) / 2
        if zeroOdd * 4 >= pairs, zeroEven * 20 < pairs { return "UTF-16LE" }
        if zeroEven * 4 >= pairs, zeroOdd * 20 < pairs { return "UTF-16BE" }
        return nil
    }

    /// GB18030 (a superset of GBK and GB2312) or Big5: whichever decodes with fewer invalid
    /// sequences; on a tie, whichever ICU's detector ranks higher.
    private static func decodeLegacyChinese(_ bytes: [UInt8]) -> DecodedText {
        let gb = icuDecode(bytes[...], charset: "GB18030", label: "GB18030", hadBOM: false, detected: true)
        let big5 = icuDecode(bytes[...], charset: "windows-950", label: "Big5", hadBOM: false, detected: true)
        if gb.invalidCount != big5.invalidCount {
            return gb.invalidCount < big5.invalidCount ? gb : big5
        }
        let ranking = ICU.detectCharsets(bytes).map(\.name)
        let gbRank = ranking.firstIndex(of: "GB18030") ?? Int.max
        let big5Rank = ranking.firstIndex(of: "Big5") ?? Int.max
        return big5Rank < gbRank ? big5 : gb
    }
}

/// Counts of well-formed multi-byte sequences and invalid bytes in a would-be UTF-8 buffer.
struct UTF8Shape {
    var validMultiByte = 0
    var invalid = 0

    init(_ bytes: [UInt8]) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            guard length > 0, index + length <= count,
                  bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) else {
                invalid += 1
                index += 1
                continue
            }
            validMultiByte += 1
            index += length
        }
    }
}
