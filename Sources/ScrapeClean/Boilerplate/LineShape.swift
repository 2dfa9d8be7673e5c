/// Cheap measurements of a line's shape that the structural detectors share: is it a body
/// paragraph, a title, a link-like navigation item?
///
/// ```swift
/// LineShape(text: "今天，我们召开第一书记选派工作会议。").isBodySentence // true
/// LineShape(text: "网站首页").isBodySentence                        // false
/// ```
struct LineShape {
    /// Characters from the first to the last non-space character.
    let length: Int
    let hanCount: Int
    let hasFullStop: Bool
    let hasComma: Bool
    let colonCount: Int
    let endsWithSentenceFinal: Bool
    /// The last non-space character.
    let lastValue: UInt32?

    /// Measures `text` in one pass over its UTF-8, without allocating.
    init(text: String) {
        var han = 0, fullStop = false, comma = false, colons = 0
        var position = 0, first = -1, last = -1
        var lastValue: UInt32?
        var lastSignificant: UInt32?
        var text = text
        text.withUTF8 { source in
            var index = 0
            while index < source.count {
                let (value, length) = ValidUTF8.decode(source, at: index)
                index += length
                if value >= 0x4E00, value <= 0x9FFF {
                    // A unified ideograph (most of a line): Han, significant, nothing else to weigh.
                    if first < 0 { first = position }
                    last = position
                    lastValue = value
                    lastSignificant = value
                    han += 1
                    position += 1
                    continue
                }
                defer { position += 1 }
                if LineShape.isSpace(value) { continue }
                if first < 0 { first = position }
                last = position
                lastValue = value
                if !LineShape.isClosing(value) { lastSignificant = value }
                if CharacterClass.isHan(value) { han += 1 }
                switch value {
                case 0x3002: fullStop = true
                case 0xFF0C, 0x2C: comma = true
                case 0xFF1A, 0x3A: colons += 1
                default: break
                }
            }
        }
        self.length = first < 0 ? 0 : last - first + 1
        self.hanCount = han
        self.hasFullStop = fullStop
        self.hasComma = comma
        self.colonCount = colons
        self.lastValue = lastValue
        self.endsWithSentenceFinal = lastSignificant.map {
            CharacterClass.isSentenceFinal($0) || $0 == 0x2026 || $0 == 0x3002
        } ?? false
    }

    var isEmpty: Bool { length == 0 }

    /// A paragraph of running text: enough Han characters and sentence punctuation.
    var isBodySentence: Bool {
        guard hanCount >= 6 else { return false }
        if hasFullStop || endsWithSentenceFinal { return true }
        return hasComma && hanCount >= 20
    }

    /// Ends with `：` or `:` (a salutation such as `同志们：` or a label introducing a list).
    var endsWithColon: Bool { lastValue == 0xFF1A || lastValue == 0x3A }

    /// Ends with `，` or `,`: a clause that goes on in the next line (verse, text broken into lines).
    var endsWithComma: Bool { lastValue == 0xFF0C || lastValue == 0x2C }

    /// Ends like a line of program code: `;`, `{` or `}` (`uint tt,a;`, `while (1) {`, `}`).
    var endsLikeCode: Bool { lastValue == 0x3B || lastValue == 0x7B || lastValue == 0x7D }

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

    /// A row of a table flattened to text: four or more numbers standing alone between spaces
    /// (`天数   31  29  31  30`, `2019 1.5 3.2 4.0`). Link lists and menus have no such columns.
    static func isNumericTableRow(_ text: String) -> Bool {
        var numbers = 0, inToken = false, tokenIsNumber = false, sawDigit = false
        func endToken() {
            if inToken && tokenIsNumber && sawDigit { numbers += 1 }
            inToken = false
        }
        for value in text.unicodeScalars.lazy.map(\.value) {
            if isSpace(value) { endToken(); continue }
            if !inToken { inToken = true; tokenIsNumber = true; sawDigit = false }
            switch value {
            case 0x30...0x39: sawDigit = true
            case 0x2E, 0x25, 0x2D: break // . % -
            default: tokenIsNumber = false
            }
        }
        endToken()
        return numbers >= 4
    }

    /// Running text on a line of its own, though it has no full stop: three or more clauses
    /// (stretches between `，,、；;！!？?。` holding two or more Han characters or an ASCII word),
    /// two clauses with 16 or more Han characters, a sentence of six or more Han characters
    /// ended inside the line (`真不错啊!!!09-03 14:48`), or words ending in an ASCII full stop
    /// (`用来作为一种专门为web写作设计的格式.`, `Varies, 5-10 depending on source.`). A link
    /// title or a menu item is one clause: `很好,断下来了,跟进` reads as text,
    /// `公司简介 联系我们` does not.
    static func readsAsClauses(_ text: String) -> Bool {
        var clauses = 0, han = 0, clauseHan = 0, words = 0, clauseWords = 0
        // A sentence ended inside the line (`有个小伙伴真不错啊!!!09-03 14:48`): six or more
        // Han characters closed by `。！？!?` with more of the line after it.
        var sentenceInside = false, sentenceJustEnded = false
        var wordLetters = 0
        var last: UInt32 = 0, beforeLast: UInt32 = 0
        func endWord() {
            if wordLetters >= 2 { clauseWords += 1 }
            wordLetters = 0
        }
        func endClause() {
            endWord()
            if clauseHan >= 2 || clauseWords >= 1 { clauses += 1 }
            han += clauseHan
            words += clauseWords
            clauseHan = 0
            clauseWords = 0
        }
        for value in text.unicodeScalars.lazy.map(\.value) {
            if sentenceJustEnded, !isSpace(value), !CharacterClass.isSentenceFinal(value), !isClosing(value) {
                sentenceInside = true
            }
            if CharacterClass.isSentenceFinal(value), clauseHan >= 6 { sentenceJustEnded = true }
            if CharacterClass.isHan(value) {
                endWord()
                clauseHan += 1
            } else if CharacterClass.isASCIILetter(value) {
                wordLetters += 1
            } else {
                endWord()
                switch value {
                case 0xFF0C, 0x2C, 0x3001, 0xFF1B, 0x3B, 0xFF01, 0x21, 0xFF1F, 0x3F, 0x3002: endClause()
                default: break
                }
            }
            if !isSpace(value), !isClosing(value) {
                beforeLast = last
                last = value
            }
        }
        endClause()
        if sentenceInside || clauses >= 3 || clauses == 2 && han >= 16 { return true }
        // Ends with `.` after a word: a sentence, not a domain name or a version number.
        let endsWithPeriod = last == 0x2E && (CharacterClass.isHan(beforeLast) || CharacterClass.isASCIILetter(beforeLast))
        return endsWithPeriod && (han >= 4 || words >= 3)
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
        sentenceShare(ofValues: scalars.lazy.map(\.value), outside: range)
    }

    /// ``sentenceShare(of:outside:)`` over scalar values, so that a line's normalized text can
    /// be measured without an array of its scalars.
    static func sentenceShare(ofValues values: some Sequence<UInt32>, outside range: Range<Int>) -> Double {
        var total = 0
        var inSentences = 0
        var clauseHan = 0
        func closeClause(_ punctuated: Bool) {
            if punctuated { inSentences += clauseHan }
            clauseHan = 0
        }
        var index = 0
        for value in values {
            defer { index += 1 }
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
