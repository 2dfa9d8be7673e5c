/// One pinyin syllable as written after a character in scraped text: with tone marks (`shū`),
/// a tone number (`shu1`) or no tone (`shu`). `ü` may be written `v` or `u:`.
///
/// ```swift
/// PinyinSyllable("shū")!.matches(PinyinSyllable("shu1")!)   // true
/// PinyinSyllable("shu")!.matches(PinyinSyllable("shū")!)    // true (no tone matches any tone)
/// PinyinSyllable("A股")                                      // nil
/// ```
public struct PinyinSyllable: Sendable, Hashable, CustomStringConvertible {
    /// The letters without tone, lower case, `ü` as `v`.
    public var base: String
    /// 1–4, or 0 when the tone is not written (or neutral).
    public var tone: Int

    public init(base: String, tone: Int) {
        self.base = base
        self.tone = tone
    }

    /// Parses a single syllable; `nil` unless the text is 1–7 Latin letters (with at most one
    /// tone mark) optionally followed by a tone digit 1–5, and looks like a pinyin syllable.
    public init?(_ text: some StringProtocol) {
        self.init(scalars: text.unicodeScalars)
    }

    /// ``init(_:)`` for scalars the caller already holds (no string is built unless they are
    /// a syllable: scraped text asks this of every parenthesis).
    init?(scalars: some Collection<Unicode.Scalar>) {
        // The letters, lower case and without tone (all ASCII), packed one per byte.
        var letters = PackedLetters()
        var tone = 0
        var sawDigit = false
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if sawDigit { return nil }
            if scalar.value >= Self.lowestToneLetter, let (letter, mark) = Self.toneLetters[scalar] {
                if mark > 0 {
                    if tone != 0 { return nil }
                    tone = mark
                }
                guard letters.append(UInt8(letter.value)) else { return nil }
            } else if scalar.value >= 0x61 && scalar.value <= 0x7A {
                let next = scalars.index(after: index)
                if scalar == "u", next != scalars.endIndex, scalars[next] == ":" {
                    guard letters.append(UInt8(ascii: "v")) else { return nil }
                    index = next
                } else {
                    guard letters.append(UInt8(scalar.value)) else { return nil }
                }
            } else if scalar.value >= 0x41 && scalar.value <= 0x5A {
                guard letters.append(UInt8(scalar.value + 0x20)) else { return nil }
            } else if scalar.value >= 0x31 && scalar.value <= 0x35, letters.count > 0, tone == 0 {
                tone = scalar.value == 0x35 ? 0 : Int(scalar.value - 0x30)
                sawDigit = true
            } else {
                return nil
            }
            index = scalars.index(after: index)
        }
        guard letters.count > 0, letters.looksLikePinyin else { return nil }
        self.base = letters.string
        self.tone = tone
    }

    /// Whether two syllables can be the same reading: same letters, and the same tone unless
    /// either leaves the tone out.
    public func matches(_ other: PinyinSyllable) -> Bool {
        base == other.base && (tone == 0 || other.tone == 0 || tone == other.tone)
    }

    public var description: String { tone == 0 ? base : base + String(tone) }

    /// No tone letter lies below U+00E0 (à), so plain ASCII skips the table.
    private static let lowestToneLetter: UInt32 = 0xE0

    /// Tone-marked vowels: the plain letter and the tone.
    static let toneLetters: [Unicode.Scalar: (Unicode.Scalar, Int)] = {
        var table: [Unicode.Scalar: (Unicode.Scalar, Int)] = [:]
        let rows: [(Unicode.Scalar, String)] = [
            ("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"), ("v", "ǖǘǚǜ"),
        ]
        for (letter, marked) in rows {
            for (tone, scalar) in marked.unicodeScalars.enumerated() {
                table[scalar] = (letter, tone + 1)
            }
        }
        table["ü"] = ("v", 0)
        table["ê"] = ("e", 0)
        table["ń"] = ("n", 2)
        table["ň"] = ("n", 3)
        table["ǹ"] = ("n", 4)
        table["ḿ"] = ("m", 2)
        return table
    }()

    /// Whether a scalar is a letter that only appears in pinyin (a tone-marked vowel or ü).
    static func isToneLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= lowestToneLetter && toneLetters[scalar] != nil
    }
}

/// Up to seven lower-case ASCII letters of a would-be syllable, one per byte of a `UInt64`
/// (no allocation while parsing).
private struct PackedLetters {
    private(set) var bits: UInt64 = 0
    private(set) var count = 0

    /// Appends a letter; false when there are already seven (no syllable is longer).
    mutating func append(_ letter: UInt8) -> Bool {
        guard count < 7 else { return false }
        bits |= UInt64(letter) << (8 * count)
        count += 1
        return true
    }

    subscript(index: Int) -> UInt8 { UInt8(truncatingIfNeeded: bits >> (8 * index)) }

    var string: String {
        String(unsafeUninitializedCapacity: count) { buffer in
            for index in 0..<count { buffer[index] = self[index] }
            return count
        }
    }

    /// Every pinyin syllable has a vowel (or is one of the syllabic nasals m, n, ng, hm, hng)
    /// and only pinyin initials before it.
    var looksLikePinyin: Bool {
        if Self.syllabicConsonants.contains(bits) { return true }
        var initialLength = 0
        while initialLength < count, !Self.isVowel(self[initialLength]) { initialLength += 1 }
        guard initialLength < count else { return false }
        let initial = initialLength == 0 ? 0 : bits & (UInt64.max >> (64 - 8 * initialLength))
        guard Self.initials.contains(initial) else { return false }
        // Finals: after the first vowel only vowels, n, g and r may follow.
        for index in initialLength..<count {
            let letter = self[index]
            guard Self.isVowel(letter) || letter == UInt8(ascii: "n") || letter == UInt8(ascii: "g")
                || letter == UInt8(ascii: "r") else { return false }
        }
        return true
    }

    private static func isVowel(_ letter: UInt8) -> Bool {
        switch letter {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
             UInt8(ascii: "v"): true
        default: false
        }
    }

    private static func packed(_ text: String) -> UInt64 {
        var letters = PackedLetters()
        for byte in text.utf8 { _ = letters.append(byte) }
        return letters.bits
    }

    private static let syllabicConsonants: [UInt64] = ["m", "n", "ng", "hm", "hng", "r"].map(packed)
    private static let initials: [UInt64] = [
        "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "zh", "ch", "sh", "r", "z", "c", "s", "y", "w",
    ].map(packed)
}
