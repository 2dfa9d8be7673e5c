/// Cheap measurements of a line's shape that the structural detectors share: is it a body
/// paragraph, a title, a link-like navigation item?
///
/// ```swift
/// LineShape(text: "今天，我们召开第一书记选派工作会议。").isBodySentence // true
/// LineShape(text: "网站首页").isBodySentence                        // false
/// ```
struct LineShape {
    /// Scalars without leading and trailing white space.
    let scalars: [Unicode.Scalar]
    let hanCount: Int
    let hasFullStop: Bool
    let hasComma: Bool
    let colonCount: Int
    let endsWithSentenceFinal: Bool
    let lastValue: UInt32?

    init(text: String) {
        self.init(scalars: Array(text.unicodeScalars))
    }

    init(scalars all: [Unicode.Scalar]) {
        var lower = 0
        var upper = all.count
        while lower < upper, LineShape.isSpace(all[lower].value) { lower += 1 }
        while upper > lower, LineShape.isSpace(all[upper - 1].value) { upper -= 1 }
        let scalars = Array(all[lower..<upper])
        var han = 0, fullStop = false, comma = false, colons = 0
        for scalar in scalars {
            let value = scalar.value
            if CharacterClass.isHan(value) { han += 1 }
            switch value {
            case 0x3002: fullStop = true
            case 0xFF0C, 0x2C: comma = true
            case 0xFF1A, 0x3A: colons += 1
            default: break
            }
        }
        self.scalars = scalars
        self.hanCount = han
        self.hasFullStop = fullStop
        self.hasComma = comma
        self.colonCount = colons
        self.lastValue = scalars.last?.value
        var final = false
        var index = scalars.count - 1
        while index >= 0 {
            let value = scalars[index].value
            if LineShape.isClosing(value) { index -= 1; continue }
            final = CharacterClass.isSentenceFinal(value) || value == 0x2026 || value == 0x3002
            break
        }
        self.endsWithSentenceFinal = final
    }

    var length: Int { scalars.count }
    var isEmpty: Bool { scalars.isEmpty }

    /// A paragraph of running text: enough Han characters and sentence punctuation.
    var isBodySentence: Bool {
        guard hanCount >= 6 else { return false }
        if hasFullStop || endsWithSentenceFinal { return true }
        return hasComma && hanCount >= 20
    }

    /// Ends with `：` or `:` (a salutation such as `同志们：` or a label introducing a list).
    var endsWithColon: Bool { lastValue == 0xFF1A || lastValue == 0x3A }

    /// A short salutation or lead-in such as `同志们：` or `编辑观点：`.
    var isSalutation: Bool { endsWithColon && colonCount == 1 && length <= 16 }

    /// Could be a document title: one short line of text without a full stop that does not end
    /// like an unfinished clause.
    var isTitleLike: Bool {
        guard length >= 4, length <= 80, hanCount >= 2, !hasFullStop else { return false }
        switch lastValue {
        case 0xFF1A, 0x3A, 0xFF0C, 0x2C, 0xFF1B, 0x3B, 0x3001: return false
        default: return true
        }
    }

    static func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0x09 || value == 0x3000 || value == 0xA0
    }

    static func isClosing(_ value: UInt32) -> Bool {
        switch value {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x300B, 0x3011, 0x22, 0x27: true
        default: false
        }
    }

    /// The share of Han characters outside `range` that sit in sentence text (clauses that
    /// contain `。！？，,!?`), over all Han characters of the line.
    static func sentenceShare(of scalars: [Unicode.Scalar], outside range: Range<Int>) -> Double {
        var total = 0
        var inSentences = 0
        var clauseHan = 0
        func closeClause(_ punctuated: Bool) {
            if punctuated { inSentences += clauseHan }
            clauseHan = 0
        }
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if CharacterClass.isHan(value) {
                total += 1
                if !range.contains(index) { clauseHan += 1 }
            }
            switch value {
            case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF0C, 0x2C:
                closeClause(!range.contains(index))
            default:
                break
            }
        }
        closeClause(false)
        return total == 0 ? 0 : Double(inSentences) / Double(total)
    }

    /// Text with every white-space scalar removed, folded, for comparing lines that differ only
    /// in spacing, width or script.
    static func compact(_ text: String) -> String {
        NormalizedLine.foldedText(text, droppingSpaces: true)
    }
}
