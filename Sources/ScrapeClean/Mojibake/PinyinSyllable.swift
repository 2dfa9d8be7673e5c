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
        var base = ""
        var tone = 0
        var sawDigit = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if sawDigit { return nil }
            if scalar.value >= Self.lowestToneLetter, let (letter, mark) = Self.toneLetters[scalar] {
                if mark > 0 {
                    if tone != 0 { return nil }
                    tone = mark
                }
                base.unicodeScalars.append(letter)
            } else if scalar.value >= 0x61 && scalar.value <= 0x7A {
                if scalar == "u", index + 1 < scalars.count, scalars[index + 1] == ":" {
                    base.unicodeScalars.append("v")
                    index += 1
                } else {
                    base.unicodeScalars.append(scalar)
                }
            } else if scalar.value >= 0x41 && scalar.value <= 0x5A {
                base.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            } else if scalar.value >= 0x31 && scalar.value <= 0x35, !base.isEmpty, tone == 0 {
                tone = scalar.value == 0x35 ? 0 : Int(scalar.value - 0x30)
                sawDigit = true
            } else {
                return nil
            }
            index += 1
        }
        guard (1...7).contains(base.unicodeScalars.count), Self.looksLikePinyin(base) else { return nil }
        self.base = base
        self.tone = tone
    }

    /// Whether two syllables can be the same reading: same letters, and the same tone unless
    /// either leaves the tone out.
    public func matches(_ other: PinyinSyllable) -> Bool {
        base == other.base && (tone == 0 || other.tone == 0 || tone == other.tone)
    }

    public var description: String { tone == 0 ? base : base + String(tone) }

    /// Every pinyin syllable has a vowel (or is one of the syllabic nasals m, n, ng, hm, hng)
    /// and only pinyin initials before it.
    static func looksLikePinyin(_ base: String) -> Bool {
        // Scalar comparisons, no hashing: this runs for every parenthesised run that might be
        // a reading. The initial (the letters before the first vowel) is kept as up to two
        // scalar values; a longer one is no initial.
        var count = 0
        var first: UInt32 = 0, second: UInt32 = 0, third: UInt32 = 0
        var initialCount = 0
        var initialFirst: UInt32 = 0, initialSecond: UInt32 = 0
        var sawVowel = false
        for scalar in base.unicodeScalars {
            let value = scalar.value
            switch count {
            case 0: first = value
            case 1: second = value
            case 2: third = value
            default: break
            }
            count += 1
            if isVowel(value) {
                sawVowel = true
            } else if !sawVowel {
                if initialCount == 0 { initialFirst = value } else if initialCount == 1 { initialSecond = value }
                initialCount += 1
            }
        }
        if isSyllabicConsonant(count: count, first, second, third) { return true }
        guard sawVowel, isInitial(count: initialCount, initialFirst, initialSecond) else { return false }
        // Finals: after the first vowel only vowels, n, g and r may follow.
        var afterVowel = false
        for scalar in base.unicodeScalars {
            if isVowel(scalar.value) { afterVowel = true; continue }
            if afterVowel, scalar != "n", scalar != "g", scalar != "r" { return false }
        }
        return true
    }

    /// a e i o u v.
    @inline(__always)
    private static func isVowel(_ value: UInt32) -> Bool {
        switch value {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x76: true
        default: false
        }
    }

    /// m n ng hm hng r: syllables without a vowel.
    private static func isSyllabicConsonant(count: Int, _ first: UInt32, _ second: UInt32, _ third: UInt32) -> Bool {
        let m: UInt32 = 0x6D, n: UInt32 = 0x6E, g: UInt32 = 0x67, h: UInt32 = 0x68, r: UInt32 = 0x72
        switch count {
        case 1: return first == m || first == n || first == r
        case 2: return (first == n && second == g) || (first == h && second == m)
        case 3: return first == h && second == n && third == g
        default: return false
        }
    }

    /// The initials: none, b p m f d t n l g k h j q x zh ch sh r z c s y w.
    private static func isInitial(count: Int, _ first: UInt32, _ second: UInt32) -> Bool {
        switch count {
        case 0: return true
        case 1:
            switch first {
            case 0x62, 0x70, 0x6D, 0x66, 0x64, 0x74, 0x6E, 0x6C, 0x67, 0x6B, 0x68, 0x6A, 0x71, 0x78,
                 0x72, 0x7A, 0x63, 0x73, 0x79, 0x77: return true
            default: return false
            }
        case 2: return second == 0x68 && (first == 0x7A || first == 0x63 || first == 0x73)
        default: return false
        }
    }

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
