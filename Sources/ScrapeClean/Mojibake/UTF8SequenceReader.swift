/// Reads bytes one at a time against UTF-8's well-formedness rules (the Unicode Standard's
/// table 3-7): a lead byte says how many continuation bytes follow and, for E0, ED, F0 and F4,
/// narrows the range of the first of them (no overlong forms, no surrogates, nothing above
/// U+10FFFF).
///
/// ```swift
/// var reader = UTF8SequenceReader()
/// [0xE4, 0xB8, 0xAD].allSatisfy { reader.accepts($0) }   // true (中)
/// reader.isInsideSequence                              // false
/// reader.accepts(0xED); reader.accepts(0xA0)           // true, false (a surrogate)
/// ```
struct UTF8SequenceReader {
    /// Continuation bytes the sequence being read still needs.
    private var expected = 0
    /// The range the next continuation byte must fall in.
    private var low: UInt8 = 0x80, high: UInt8 = 0xBF

    /// Whether a sequence has begun and is not finished.
    var isInsideSequence: Bool { expected > 0 }

    /// Takes `byte`; `false` when it cannot stand here in well-formed UTF-8 (the reader is then
    /// of no further use).
    @inline(__always)
    mutating func accepts(_ byte: UInt8) -> Bool {
        if expected > 0 {
            guard byte >= low, byte <= high else { return false }
            expected -= 1
            low = 0x80
            high = 0xBF
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: expected = 1
        case 0xE0: expected = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: expected = 2
        case 0xED: expected = 2; high = 0x9F
        case 0xF0: expected = 3; low = 0x90
        case 0xF1...0xF3: expected = 3
        case 0xF4: expected = 3; high = 0x8F
        default: return false
        }
        return true
    }
}
