/// Fast character classes used across stages, on Unicode scalars.
enum CharacterClass {
    /// CJK ideographs (the Han script's code point blocks, without punctuation).
    @inline(__always)
    static func isHan(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0x30000...0x323AF, 0x3007:
            true
        default:
            false
        }
    }

    @inline(__always)
    static func isHan(_ scalar: Unicode.Scalar) -> Bool { isHan(scalar.value) }

    /// Full-width and CJK punctuation, brackets and quotes (。，、；：？！“”‘’「」《》（）【】…—).
    @inline(__always)
    static func isCJKPunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F, 0x30FB:
            true
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014, 0x2015, 0x00B7:
            true
        case 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
            true
        default:
            false
        }
    }

    @inline(__always)
    static func isASCIIDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    @inline(__always)
    static func isASCIILetter(_ value: UInt32) -> Bool {
        (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
    }

    /// Sentence-final punctuation in Chinese text: 。！？ and their half-width forms.
    @inline(__always)
    static func isSentenceFinal(_ value: UInt32) -> Bool {
        value == 0x3002 || value == 0xFF01 || value == 0xFF1F || value == 0x21 || value == 0x3F
    }
}
