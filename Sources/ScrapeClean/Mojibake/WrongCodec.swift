/// A way Chinese text gets garbled by decoding its bytes with the wrong charset, and how to undo
/// it: encode the garbled text back into the charset it was wrongly decoded with, then decode
/// the bytes with the right one.
///
/// ```swift
/// WrongCodec.utf8AsGBK.undo("涓枃")          // "中文"
/// WrongCodec.gbkAsWindows1252.undo("ÖÐÎÄ")   // "中文"
/// ```
public enum WrongCodec: String, Sendable, CaseIterable, Codable {
    /// UTF-8 bytes decoded as GBK/GB18030: 涓枃 for 中文.
    case utf8AsGBK = "utf8-as-gbk"
    /// UTF-8 bytes decoded as Windows-1252: ä¸­æ–‡ for 中文.
    case utf8AsWindows1252 = "utf8-as-cp1252"
    /// UTF-8 bytes decoded as ISO-8859-1.
    case utf8AsLatin1 = "utf8-as-latin1"
    /// UTF-8 decoded as Windows-1252, re-encoded as UTF-8 and decoded as Windows-1252 again.
    case utf8AsWindows1252Twice = "utf8-as-cp1252-twice"
    /// GBK bytes decoded as Windows-1252: ÖÐÎÄ for 中文.
    case gbkAsWindows1252 = "gbk-as-cp1252"
    /// GBK bytes decoded as ISO-8859-1.
    case gbkAsLatin1 = "gbk-as-latin1"
    /// Big5 bytes decoded as GBK.
    case big5AsGBK = "big5-as-gbk"
    /// GBK bytes decoded as Big5. The wrong charset is Big5-HKSCS, the table browsers decode
    /// `big5` pages with (the WHATWG Encoding Standard's index is Big5 with the HKSCS
    /// extensions), so that 典型 read as Big5 is 萎倰 and the region C6A1–C8FE holds what a
    /// browser shows (⑶, not the ETEN kana ぉ of older Big5 tables).
    case gbkAsBig5 = "gbk-as-big5"
    /// UTF-8 bytes decoded as Big5.
    case utf8AsBig5 = "utf8-as-big5"
    /// UTF-8 bytes decoded as Shift_JIS: kana and kanji for Chinese.
    case utf8AsShiftJIS = "utf8-as-shift-jis"
    /// UTF-8 bytes decoded as EUC-KR: hangul and hanja for Chinese.
    case utf8AsEUCKR = "utf8-as-euc-kr"

    /// The charset the text was wrongly decoded with, and the one it should have been decoded
    /// with (for the doubled case, the steps to apply in order).
    var steps: [(wrong: String, right: String)] {
        switch self {
        case .utf8AsGBK: [("GB18030", "UTF-8")]
        case .utf8AsWindows1252: [("windows-1252", "UTF-8")]
        case .utf8AsLatin1: [("ISO-8859-1", "UTF-8")]
        case .utf8AsWindows1252Twice: [("windows-1252", "UTF-8"), ("windows-1252", "UTF-8")]
        case .gbkAsWindows1252: [("windows-1252", "GBK")]
        case .gbkAsLatin1: [("ISO-8859-1", "GBK")]
        case .big5AsGBK: [("GBK", "Big5")]
        case .gbkAsBig5: [("Big5-HKSCS", "GBK")]
        case .utf8AsBig5: [("Big5", "UTF-8")]
        case .utf8AsShiftJIS: [("Shift_JIS", "UTF-8")]
        case .utf8AsEUCKR: [("EUC-KR", "UTF-8")]
        }
    }

    /// Whether the garbled form of this family is made of Latin-1/Windows-1252 characters
    /// (otherwise of Han characters).
    var garbledAsLatin: Bool {
        switch self {
        case .utf8AsGBK, .big5AsGBK, .gbkAsBig5, .utf8AsBig5, .utf8AsShiftJIS, .utf8AsEUCKR: false
        default: true
        }
    }

    /// Whether the right charset is UTF-8, whose validity is strong evidence on its own: clean
    /// text read back this way fails within a character or two.
    var restoresUTF8: Bool {
        switch self {
        case .gbkAsWindows1252, .gbkAsLatin1, .big5AsGBK, .gbkAsBig5: false
        default: true
        }
    }

    /// Undoes the garbling, or returns `nil` when the text does not encode into the wrong charset
    /// or the bytes are not valid in the right one.
    ///
    /// GBK read as Big5 is tried with the browsers' table (Big5-HKSCS) and then with Windows'
    /// code page 950, whose user-defined area (C6A1–C8FE and others) keeps the bytes as
    /// private-use characters.
    public func undo(_ text: some StringProtocol) -> String? {
        if let undone = undo(text, steps: steps) { return undone }
        guard self == .gbkAsBig5 else { return nil }
        return undo(text, steps: [("Big5", "GBK")])
    }

    private func undo(_ text: some StringProtocol, steps: [(wrong: String, right: String)]) -> String? {
        var current = String(text)
        for step in steps {
            if step.wrong == "Big5-HKSCS" { current = BrowserBig5.icuForm(current) }
            guard case let .bytes(bytes) = ICU.encode(current, charset: step.wrong),
                  let decoded = ICU.decode(bytes, charset: step.right), decoded.invalidCount == 0
            else { return nil }
            current = decoded.text
        }
        return current.utf8.elementsEqual(text.utf8) ? nil : current
    }

    /// Undoes UTF-8 read as GBK where the decoder also dropped byte pairs GBK leaves undefined
    /// (涓枃 for 中文: the pair `AD E6` vanished) and, when `lostTrailingByte`, the last byte
    /// before an ASCII character (鍚屽織浠? for 同志们: the `?` stands for a continuation byte).
    /// Pairs are put back where UTF-8 decoding fails, and the model chooses among the candidates.
    static func undoUTF8AsGBK(_ text: some StringProtocol, lostTrailingByte: Bool,
                              model: HanFrequencyModel) -> String? {
        guard case let .bytes(bytes) = ICU.encode(String(text), charset: "GB18030") else { return nil }
        // Character boundaries of the garbled text in `bytes`.
        var boundaries: [Int] = [0]
        var offset = 0
        for scalar in text.unicodeScalars {
            offset += scalar.value < 0x80 ? 1 : (scalar.value > 0xFFFF ? 4 : 2)
            boundaries.append(offset)
        }
        guard offset == bytes.count else { return nil }
        // Clean text read this way fails within a character or two; garbled text reads on.
        if !lostTrailingByte, let failure = firstInvalidUTF8(bytes), failure < min(3, bytes.count / 2) {
            return nil
        }
        var candidates: [[UInt8]] = [bytes]
        var finished: [[UInt8]] = []
        let tails: [[UInt8]] = lostTrailingByte ? (0x80...0xBF).map { [UInt8($0)] } : [[]]
        for _ in 0..<8 where !candidates.isEmpty {
            var next: [([UInt8], Int)] = []
            for candidate in candidates {
                var failure = Int.max
                for tail in tails {
                    let attempt = candidate + tail
                    if let invalid = Self.firstInvalidUTF8(attempt) {
                        failure = min(failure, invalid)
                    } else {
                        finished.append(attempt)
                    }
                }
                guard failure != Int.max, finished.isEmpty else { continue }
                // Put back a dropped pair (a UTF-8 continuation byte and the next lead byte)
                // at a character boundary shortly before the failure.
                let shift = candidate.count - bytes.count
                for boundary in boundaries where boundary + shift <= failure && boundary + shift >= failure - 4 {
                    let at = boundary + shift
                    for x in UInt8(0xAA)...UInt8(0xAF) {
                        for y in UInt8(0xE0)...UInt8(0xEF) {
                            var grown = candidate
                            grown.insert(contentsOf: [x, y], at: at)
                            let reach = Self.firstInvalidUTF8(grown) ?? Int.max
                            if reach > failure + 2 { next.append((grown, reach)) }
                        }
                    }
                }
            }
            if !finished.isEmpty { break }
            next.sort { $0.1 > $1.1 }
            candidates = next.prefix(128).map(\.0)
        }
        let decoded = finished.prefix(256).compactMap { bytes -> (String, Float)? in
            guard let text = ICU.decode(bytes, charset: "UTF-8")?.text else { return nil }
            return (text, model.totalCost(of: text.unicodeScalars))
        }
        return decoded.min { $0.1 < $1.1 }?.0
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or
    /// `nil` if all of `bytes` is well-formed.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var reader = UTF8SequenceReader()
        var start = 0 // where the sequence being read began
        for (index, byte) in bytes.enumerated() {
            if !reader.isInsideSequence { start = index }
            if !reader.accepts(byte) { return start }
        }
        return reader.isInsideSequence ? start : nil
    }
}
