/// The two-byte part of a double-byte charset — GBK (code page 936) or Big5 — as plain tables,
/// built once from ICU's converter, so that the repairs can try thousands of byte pairs
/// without calling ICU.
///
/// ```swift
/// GBKTable.shared.decode(0xD6, 0xD0)        // "中"
/// GBKTable.shared.encode("中")              // 0xD6D0
/// GBKTable.shared.isDropped(0xAB, 0xC3)     // true: user-defined area, decoders drop it
/// GBKTable.big5.decode(0xA4, 0xA4)          // "中"
/// ```
final class GBKTable: Sendable {
    static let shared = GBKTable(charset: "GBK")
    static let big5 = GBKTable(charset: "Big5")
    /// GB18030's two-byte part, the charset ``WrongCodec/utf8AsGBK`` re-encodes with.
    static let gb18030 = GBKTable(charset: "GB18030")
    /// Big5 with the Hong Kong extensions, as browsers decode `big5` (``WrongCodec/gbkAsBig5``).
    /// Shift_JIS and EUC-KR, the other charsets UTF-8 is read with (``UTF8SpanSearch``).
    static let shiftJIS = GBKTable(charset: "Shift_JIS")
    static let eucKR = GBKTable(charset: "EUC-KR")
    static let big5HKSCS = GBKTable(charset: "Big5-HKSCS", additions: BrowserBig5.additions.map { ($0.scalar, $0.code) })

    /// Scalar value for each lead 0x81...0xFE and trail 0x40...0xFE (index `(lead-0x81)*191 + trail-0x40`);
    /// 0 for pairs GBK leaves undefined or maps to private use.
    private let pairs: [UInt32]
    private let dropped: [Bool]
    private let reverse: [UInt32: UInt16]
    /// The codes of `reverse` that ICU's encoder for the charset also gives.
    private let icuCodes: [UInt32: UInt16]

    /// `additions` are (character, code) pairs the encoder also knows (``BrowserBig5``).
    private init(charset: String, additions: [(UInt32, UInt16)] = []) {
        var input: [UInt8] = []
        input.reserveCapacity(126 * 191 * 3)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE {
                input.append(UInt8(lead))
                input.append(UInt8(trail))
                input.append(0x0A)
            }
        }
        var pairs = [UInt32](repeating: 0, count: 126 * 191)
        var dropped = [Bool](repeating: true, count: 126 * 191)
        var reverse: [UInt32: UInt16] = [:]
        if let decoded = ICU.decode(input, charset: charset) {
            var index = 0
            for piece in decoded.text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
                guard index < pairs.count else { break }
                let lead = index / 191 + 0x81
                let trail = index % 191 + 0x40
                if piece.count == 1, let scalar = piece.first, scalar.value != 0xFFFD, trail != 0x7F {
                    let privateUse = (0xE000...0xF8FF).contains(scalar.value)
                    if !privateUse {
                        pairs[index] = scalar.value
                        dropped[index] = false
                    }
                    // Private-use characters (user-defined codes) encode back but never decode:
                    // text garbled by a lossless decoder carries them.
                    if reverse[scalar.value] == nil {
                        reverse[scalar.value] = UInt16(lead << 8 | trail)
                    }
                }
                index += 1
            }
        }
        for (scalar, code) in additions where reverse[scalar] == nil { reverse[scalar] = code }
        self.pairs = pairs
        self.dropped = dropped
        self.reverse = reverse
        icuCodes = Self.agreeingWithICU(reverse, charset: charset)
    }

    /// The entries of `codes` that ICU encodes the same, found with one encoding of them all
    /// (a line each: no two-byte or four-byte code holds 0x0A); none if ICU refuses the batch.
    private static func agreeingWithICU(_ codes: [UInt32: UInt16], charset: String) -> [UInt32: UInt16] {
        let entries = codes.filter { Unicode.Scalar($0.key) != nil }.sorted { $0.key < $1.key }
        var text = String.UnicodeScalarView()
        for (value, _) in entries {
            text.append(Unicode.Scalar(value)!)
            text.append("\n")
        }
        guard case let .bytes(bytes) = ICU.encode(Substring(String(text)), charset: charset) else { return [:] }
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count == entries.count + 1 else { return [:] }
        var agreeing: [UInt32: UInt16] = [:]
        agreeing.reserveCapacity(entries.count)
        for (line, (value, code)) in zip(lines, entries) where line.count == 2 {
            if UInt16(line[line.startIndex]) << 8 | UInt16(line[line.startIndex + 1]) == code { agreeing[value] = code }
        }
        return agreeing
    }

    /// The two bytes of a character when ICU's encoder for the charset gives the same ones
    /// (what a round trip through ICU would read), or `nil`.
    @inline(__always)
    func encodesAsICU(_ scalar: Unicode.Scalar) -> UInt16? {
        icuCodes[scalar.value]
    }

    /// How many characters ``encodesAsICU(_:)`` knows.
    var icuAgreeingCount: Int { icuCodes.count }

    /// The character a lead and trail byte decode to, or `nil` when GBK does not define the pair.
    @inline(__always)
    func decode(_ lead: UInt8, _ trail: UInt8) -> Unicode.Scalar? {
        guard lead >= 0x81, lead <= 0xFE, trail >= 0x40, trail <= 0xFE else { return nil }
        let value = pairs[Int(lead - 0x81) * 191 + Int(trail - 0x40)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// Whether a decoder drops the pair silently: both bytes in 0x81...0xFE and GBK defines no
    /// character there (the user-defined areas and the holes of the table).
    @inline(__always)
    func isDropped(_ lead: UInt8, _ trail: UInt8) -> Bool {
        guard lead >= 0x81, lead <= 0xFE, trail >= 0x81, trail <= 0xFE else { return false }
        return dropped[Int(lead - 0x81) * 191 + Int(trail - 0x40)]
    }

    /// The two bytes of a character (lead << 8 | trail), or `nil` if the charset has no two-byte
    /// code for it. Private-use characters give their user-defined codes.
    @inline(__always)
    func encode(_ scalar: Unicode.Scalar) -> UInt16? {
        reverse[scalar.value]
    }
}
