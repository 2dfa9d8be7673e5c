/// Counts anonymization placeholders kept in the text: maximal runs of two or more `X` that are
/// not part of a Latin word, and maximal runs of two or more `*`.
///
/// ```swift
/// PlaceholderCounter.count(in: "XX名选派同志中有XX名……为***的发展") // 3
/// PlaceholderCounter.count(in: "Xbox X光") // 0
/// ```
enum PlaceholderCounter {
    static func count(in text: String) -> Int {
        guard mayHavePlaceholder(text) else { return 0 }
        let scalars = Array(text.unicodeScalars)
        var total = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "X" || scalar == "*" || scalar == "Ｘ" || scalar == "＊" else { index += 1; continue }
            let isX = scalar == "X" || scalar == "Ｘ"
            var end = index
            while end < scalars.count, (isX ? (scalars[end] == "X" || scalars[end] == "Ｘ") : (scalars[end] == "*" || scalars[end] == "＊")) {
                end += 1
            }
            let length = end - index
            if length >= 2 {
                if isX {
                    let before = index > 0 ? scalars[index - 1].value : 0x20
                    let after = end < scalars.count ? scalars[end].value : 0x20
                    if !CharacterClass.isASCIILetter(before), !CharacterClass.isASCIILetter(after) { total += 1 }
                } else {
                    total += 1
                }
            }
            index = end
        }
        return total
    }

    /// Whether `text` has an `X`, `*`, `Ｘ` or `＊` at all (one byte scan; most lines have none).
    static func mayHavePlaceholder(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            // Eight bytes at a time while none of them is X, * or BC (the middle byte of Ｘ and ＊).
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while index + 8 <= bytes.count {
                    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    guard !Self.hasByte(0x58, in: word), !Self.hasByte(0x2A, in: word), !Self.hasByte(0xBC, in: word)
                    else { break }
                    index += 8
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x58 || byte == 0x2A { return true }
                // Ｘ is EF BC B8, ＊ is EF BC 8A.
                if byte == 0xBC, index + 1 < bytes.count, bytes[index + 1] == 0xB8 || bytes[index + 1] == 0x8A { return true }
                index += 1
            }
            return false
        }
    }

    /// Whether one of the eight bytes of `word` is `byte` (the classic zero-byte test on
    /// `word ^ byte…byte`; it has no false negatives, and a false positive only stops the
    /// word-at-a-time skip early).
    @inline(__always)
    private static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        let spread = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (spread &- 0x0101_0101_0101_0101) & ~spread & 0x8080_8080_8080_8080 != 0
    }
}
