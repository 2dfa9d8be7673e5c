/// The per-character fold behind a ``NormalizedLine``: traditional Han characters to
/// simplified, full-width ASCII to ASCII, the ideographic space to a space.
///
/// The Han part is built once per process by running ICU's `Hant-Hans` transliterator over
/// every character of the CJK Unified Ideographs blocks (each on its own line, so that ICU's
/// phrase rules do not fire) and keeping the one-character-to-one-character results. This is a
/// character fold for matching rules, not a conversion: `發`/`髮` both become `发`.
///
/// ```swift
/// CharacterFold.fold(0x7C21) // 0x7B80: 簡 → 简
/// CharacterFold.fold(0xFF0C) // 0x2C:   ， → ,
/// ```
enum CharacterFold {
    /// The first code point covered by the Han table (CJK Extension A).
    static let hanStart: UInt32 = 0x3400
    /// One past the last code point covered by the Han table.
    static let hanEnd: UInt32 = 0xA000

    /// `hanTable[c - hanStart]` is the simplified form of `c`, or 0 when `c` folds to itself.
    static let hanTable: [UInt32] = buildHanTable()

    /// Whether folding can make a scalar's UTF-8 longer (a Han character folding to one beyond
    /// the BMP); otherwise a folded text never has more bytes than its source.
    static let foldMayGrow: Bool = hanTable.contains { $0 > 0xFFFF }

    /// Bit `v % 64` of word `v / 64`: some other BMP scalar folds to `v`.
    private static let foldTargets: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for value in UInt32(0)..<0x10000 {
            let target = fold(value)
            if target != value, target <= 0xFFFF { bits[Int(target >> 6)] |= 1 << UInt64(target & 63) }
        }
        return bits
    }()

    /// Whether some other scalar folds to `value` (so text folded to `value` may not hold it
    /// as it is). Answers `true` beyond the BMP, where nothing is recorded.
    static func isFoldTarget(_ value: UInt32) -> Bool {
        guard value <= 0xFFFF else { return true }
        return foldTargets[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }

    /// The folded form of one scalar value.
    @inline(__always)
    static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return value }
        if value >= hanStart, value < hanEnd {
            let mapped = hanTable[Int(value - hanStart)]
            return mapped == 0 ? value : mapped
        }
        if value >= 0xFF01, value <= 0xFF5E { return value - 0xFEE0 }
        if value == 0x3000 { return 0x20 }
        return value
    }

    /// ``fold(_:)`` with ``hanTable``'s storage at hand, for loops over many scalars.
    @inline(__always)
    static func fold(_ value: UInt32, hanTable table: UnsafeBufferPointer<UInt32>) -> UInt32 {
        if value < 0x80 { return value }
        if value >= hanStart, value < hanEnd {
            let mapped = table[Int(value &- hanStart)]
            return mapped == 0 ? value : mapped
        }
        if value >= 0xFF01, value <= 0xFF5E { return value - 0xFEE0 }
        if value == 0x3000 { return 0x20 }
        return value
    }

    /// Folds a whole string (used for rule keywords and for comparing short texts).
    static func fold(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(Unicode.Scalar(fold(scalar.value)) ?? scalar)
        }
        return String(scalars)
    }

    private static func buildHanTable() -> [UInt32] {
        var table = [UInt32](repeating: 0, count: Int(hanEnd - hanStart))
        guard let transliterator = try? Transliterator(id: "Hant-Hans") else { return table }
        var source = String.UnicodeScalarView()
        var values: [UInt32] = []
        for value in hanStart..<hanEnd where CharacterClass.isHan(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            source.append(scalar)
            source.append("\n")
            values.append(value)
        }
        let result = transliterator.transliterate(String(source))
        let pieces = result.split(separator: "\n", omittingEmptySubsequences: false)
        guard pieces.count >= values.count else { return table }
        for (index, value) in values.enumerated() {
            let piece = pieces[index].unicodeScalars
            guard piece.count == 1, let folded = piece.first?.value, folded != value else { continue }
            table[Int(value - hanStart)] = folded
        }
        return table
    }
}
