/// The Big5 table browsers decode `big5` pages with (the WHATWG Encoding Standard's index:
/// Big5 with the HKSCS-2008 extensions) differs from ICU's Big5-HKSCS converter in 32 codes:
/// HKSCS-2008 gave them characters of Unicode 4.1 (CJK strokes ㇀–㇏, 龦–龳, ⏚ ⏛), which ICU
/// still maps to private use. GBK text a browser read as Big5 carries those characters; to undo
/// it they must encode back to their codes (``WrongCodec/gbkAsBig5``, ``GBKTable/big5HKSCS``).
///
/// ```swift
/// BrowserBig5.icuForm("萎倰㇄")   // "萎倰\u{F307}": ICU's Big5-HKSCS encodes it as 88 44
/// ```
enum BrowserBig5 {
    /// (character a browser shows, its Big5 code, the private-use character ICU uses instead).
    static let additions: [(scalar: UInt32, code: UInt16, icuPrivateUse: UInt32)] = [
        (0x31C0, 0x8840, 0xF303),  // ㇀
        (0x31C1, 0x8841, 0xF304),  // ㇁
        (0x31C2, 0x8842, 0xF305),  // ㇂
        (0x31C3, 0x8843, 0xF306),  // ㇃
        (0x31C4, 0x8844, 0xF307),  // ㇄
        (0x31C5, 0x8846, 0xF309),  // ㇅
        (0x31C6, 0x8849, 0xF30C),  // ㇆
        (0x31C7, 0x884A, 0xF30D),  // ㇇
        (0x31C8, 0x884D, 0xF310),  // ㇈
        (0x31C9, 0x884F, 0xF312),  // ㇉
        (0x31CA, 0x8850, 0xF313),  // ㇊
        (0x31CB, 0x8851, 0xF314),  // ㇋
        (0x31CC, 0x8852, 0xF315),  // ㇌
        (0x31CD, 0x8854, 0xF317),  // ㇍
        (0x31CE, 0x8855, 0xF318),  // ㇎
        (0x23DA, 0x88A9, 0xF34A),  // ⏚
        (0x23DB, 0x88AA, 0xF34B),  // ⏛
        (0x9FA6, 0x8C43, 0xF57A),  // 龦
        (0x9FA7, 0x8C6D, 0xF5A4),  // 龧
        (0x9FA8, 0x8C74, 0xF5AB),  // 龨
        (0x9FA9, 0x8CB7, 0xF5CC),  // 龩
        (0x9FAA, 0x8CB9, 0xF5CE),  // 龪
        (0x9FAB, 0x8CBB, 0xF5D0),  // 龫
        (0x9FAC, 0x8CC0, 0xF5D5),  // 龬
        (0x9FAD, 0x8CD7, 0xF5EC),  // 龭
        (0x9FAE, 0x8CD8, 0xF5ED),  // 龮
        (0x9FAF, 0x8CDA, 0xF5EF),  // 龯
        (0x9FB2, 0x8CED, 0xF602),  // 龲
        (0x9FB3, 0x8D48, 0xF61C),  // 龳
        (0x31CF, 0xC879, 0xF7E5),  // ㇏
        (0x9FB0, 0xC8A1, 0xF7EB),  // 龰
        (0x9FB1, 0xC8A3, 0xF7ED),  // 龱
    ]

    private static let icuPrivateUse: [UInt32: UInt32] = Dictionary(uniqueKeysWithValues: additions.map { ($0.scalar, $0.icuPrivateUse) })

    /// `text` with each of the 32 characters replaced by the private-use character ICU's
    /// Big5-HKSCS converter encodes to the same code (other text unchanged).
    static func icuForm(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { icuPrivateUse[$0.value] != nil }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let value = icuPrivateUse[scalar.value], let replacement = Unicode.Scalar(value) {
                scalars.append(replacement)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
