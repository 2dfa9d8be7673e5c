/// How Chinese a text is by its letters: Han characters against all letters of any script
/// (Han, Latin, Cyrillic, kana, Hangul…). Digits, punctuation, symbols and white space are not
/// letters and do not count, so a Chinese page full of dates and prices is still Chinese.
/// `clean --min-han-share X` keeps a document only when ``share`` ≥ X, judged on the text
/// before cleaning (Common Crawl's WET files hold pages of every language).
///
/// ```swift
/// HanShare(text: "今天开会。Meeting today.").share   // 4 / 16 = 0.25
/// HanShare(text: "2024年3月").share                   // 1.0 (digits are not letters)
/// HanShare(text: "12345").share                       // 0.0 (no letters at all)
/// ```
public struct HanShare: Sendable, Equatable {
    /// Han characters (CJK unified and compatibility ideographs, 〇).
    public var han = 0
    /// Letters of every script, Han included (Unicode general categories L*).
    public var letters = 0

    public init() {}

    /// Counts the letters of `text` in one pass over its unicode scalars.
    public init(text: some StringProtocol) {
        for scalar in text.unicodeScalars { add(scalar) }
    }

    /// Han characters per letter, 0 when the text has no letters.
    public var share: Double { letters == 0 ? 0 : Double(han) / Double(letters) }

    /// Counts one scalar.
    @inline(__always)
    public mutating func add(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            if CharacterClass.isASCIILetter(value) { letters += 1 }
        } else if CharacterClass.isHan(value) {
            han += 1
            letters += 1
        } else if !CharacterClass.isCJKPunctuation(value) {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                letters += 1
            default:
                break
            }
        }
    }

    /// The summary's words for documents skipped below `minimum`: `--min-han-share 0.5`.
    public static func optionLabel(_ minimum: Double) -> String {
        var text = String(minimum)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return "--min-han-share \(text)"
    }
}
