/// A stable 64-bit fingerprint of a line's normalized form, the same on every machine and run.
///
/// Normalization, as CCNet does for English: white space and punctuation (ASCII and CJK) are
/// dropped, full-width ASCII folds to half width, ASCII letters to lower case and every run of
/// digits to one `0`, so `2022-10-01 浏览次数：35` and `２０２１-01-02 浏览次数:7` share a fingerprint.
/// The hash is FNV-1a over the normalized scalars' UTF-8.
public enum LineFingerprint {
    /// The fingerprint, or nil when nothing is left after normalization.
    public static func of(_ line: some StringProtocol) -> UInt64? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var empty = true
        var previousWasDigit = false
        for scalar in line.unicodeScalars {
            var value = scalar.value
            if value >= 0xFF01, value <= 0xFF5E { value -= 0xFEE0 }
            let isDigit = value >= 0x30 && value <= 0x39
            defer { previousWasDigit = isDigit }
            if isDigit, previousWasDigit { continue }
            if value == 0x3000 || value <= 0x20 { continue }
            if value < 0x80 {
                switch UInt8(value) {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = 0x30
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): value += 0x20
                case UInt8(ascii: "a")...UInt8(ascii: "z"): break
                default: continue // ASCII punctuation and symbols
                }
            } else if CharacterClass.isCJKPunctuation(value) {
                continue
            }
            empty = false
            var utf8 = Unicode.UTF8.encode(Unicode.Scalar(value)!)!.makeIterator()
            while let byte = utf8.next() {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return empty ? nil : hash
    }
}
