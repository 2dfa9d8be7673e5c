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
        if syllabicConsonants.contains(base) { return true }
        var sawVowel = false
        var initial = ""
        for scalar in base.unicodeScalars {
            if vowels.contains(scalar) {
                sawVowel = true
            } else if !sawVowel {
                initial.unicodeScalars.append(scalar)
            }
        }
        guard sawVowel, initials.contains(initial) else { return false }
        // Finals: after the first vowel only vowels, n, g and r may follow.
        var afterVowel = false
        for scalar in base.unicodeScalars {
            if vowels.contains(scalar) { afterVowel = true; continue }
            if afterVowel, scalar != "n", scalar != "g", scalar != "r" { return false }
        }
        return true
    }

    private static let syllabicConsonants: Set<String> = ["m", "n", "ng", "hm", "hng", "r"]
    private static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "v"]
    private static let initials: Set<String> = [
        "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "zh", "ch", "sh", "r", "z", "c", "s", "y", "w",
    ]
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
