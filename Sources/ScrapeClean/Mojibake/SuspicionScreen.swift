/// The cheap first pass of the mojibake stage: one walk over a line's UTF-8 bytes that says
/// whether the line has anything a repair could act on. Most clean Chinese lines hold only
/// common characters and ordinary punctuation and are passed over without further work.
///
/// A line is suspicious when it holds a Latin-1 supplement or Windows-1252 letter, a pinyin tone
/// letter, a suspect character (a Han character outside the most frequent ones, kana, bopomofo: a
/// bitmap built from ``HanFrequencyModel/isSuspect(_:)``),
/// a character beyond the BMP, a private-use character, U+FFFD, `?` touching a non-ASCII
/// character, or `烫烫`/`屯屯`.
///
/// ```swift
/// SuspicionScreen.shared.isSuspicious("今天天气很好。")   // false
/// SuspicionScreen.shared.isSuspicious("涓枃")             // true
/// ```
final class SuspicionScreen: Sendable {
    static let shared = SuspicionScreen(model: .shared)

    private static let base: UInt32 = 0x3000
    private static let end: UInt32 = 0xA000
    /// One bit per scalar in U+3000..<U+A000 (CJK symbols, kana, bopomofo, Han): set when the
    /// scalar is suspect (``HanFrequencyModel/isSuspect(_:)``) or is 锟.
    private let rare: [UInt64]

    init(model: HanFrequencyModel) {
        var bits = [UInt64](repeating: 0, count: Int(Self.end - Self.base) / 64 + 1)
        for value in Self.base..<Self.end {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if model.isSuspect(scalar) || value == 0x951F {
                let offset = Int(value - Self.base)
                bits[offset >> 6] |= 1 << UInt64(offset & 63)
            }
        }
        rare = bits
    }

    /// Whether the line needs the heavy repairs.
    func isSuspicious(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { isSuspicious(utf8: $0) }
    }

    func isSuspicious(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        var previousWasMultibyte = false
        var previousScalar: UInt32 = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x3F {
                    if previousWasMultibyte { return true }
                    if index + 1 < count, bytes[index + 1] >= 0x80 { return true }
                }
                previousWasMultibyte = false
                previousScalar = UInt32(byte)
                index += 1
                continue
            }
            if byte < 0xE0 {
                // U+0080..U+07FF: Latin-1 supplement, Latin extended (pinyin tone letters), ...
                // Only the middle dot is ordinary in Chinese text.
                if byte != 0xC2 || index + 1 >= count || bytes[index + 1] != 0xB7 { return true }
                index += 2
                previousWasMultibyte = true
                continue
            }
            if byte >= 0xF0 { return true }
            guard index + 2 < count else { return true }
            let value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            if value >= Self.base && value < Self.end {
                let offset = Int(value - Self.base)
                if rare[offset >> 6] & (1 << UInt64(offset & 63)) != 0 { return true }
                if (value == 0x70EB || value == 0x5C6F) && value == previousScalar { return true }
            } else if value >= 0xE000 && value <= 0xF8FF || value == 0xFFFD {
                return true
            } else if value >= 0x2000 && value < 0x2200 {
                // General punctuation: Windows-1252 letters read from UTF-8 (‚ „ † ‡ ‰ ‹ › €)
                switch value {
                case 0x201A, 0x201E, 0x2020, 0x2021, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122: return true
                default: break
                }
            }
            previousScalar = value
            previousWasMultibyte = true
            index += 3
        }
        return false
    }
}
