/// Punctuation width (stage 7).
///
/// - `, ; : ! ?` become `，；：！？` when the character before is Han or CJK punctuation, or the
///   character after is Han; never between two ASCII digits (`10:30`) or before `//` (URLs).
/// - A `( … )` pair on one line becomes `（ … ）` when it encloses a Han character
///   (`(2012年3月19日)`, `(一)`, `黨(工)委`); `PowerPoint(PPT)` stays.
/// - Full-width Latin letters and digits (`Ａ１`) become ASCII.
///
/// Chinese punctuation is never turned into ASCII. Each rule can be switched off
/// (``PunctuationRule``).
public struct PunctuationStage: CleaningStage {
    public let stage = Stage.punctuation
    private let convertsMarks: Bool
    private let convertsParentheses: Bool
    private let convertsAlphanumerics: Bool

    /// A stage that applies every ``PunctuationRule`` whose id is not in `disabledRules`.
    public init(disabledRules: Set<String> = []) {
        convertsMarks = !disabledRules.contains(PunctuationRule.fullWidthMark.rawValue)
        convertsParentheses = !disabledRules.contains(PunctuationRule.fullWidthParentheses.rawValue)
        convertsAlphanumerics = !disabledRules.contains(PunctuationRule.fullWidthAlphanumeric.rawValue)
    }

    public func apply(to document: inout Document) {
        for index in document.lines.indices {
            let line = document.lines[index]
            guard Self.mayNeedWork(line.text) else { continue }
            var source = line.text
            guard let (text, tallies) = source.withUTF8({ convert($0) }) else { continue }
            document.lines[index].text = text
            for tally in tallies.sorted(by: { $0.column < $1.column }) {
                document.record(Edit(stage: .punctuation, rule: tally.rule, line: line.origin, column: tally.column,
                                     removed: tally.removed, replacement: tally.replacement, count: tally.count))
            }
        }
    }

    /// The changes of one rule on one line, merged into one ``Edit`` that shows the first 16
    /// and then the first change of each further kind, so that every mapping the line used is
    /// in the report (`;` → `；` after 158 commas is not hidden behind them).
    private struct Tally {
        let rule: String
        /// 1-based column of the first change.
        let column: Int
        var count = 0
        var removed = ""
        var replacement = ""
        /// The kinds shown so far, by the ASCII side of the change (every rule maps ASCII to
        /// full width or back): bit `v` of word `v / 64`.
        private var shown: (UInt64, UInt64) = (0, 0)

        init(rule: String, position: Int) {
            self.rule = rule
            self.column = position + 1
        }

        mutating func note(_ old: Unicode.Scalar, _ new: Unicode.Scalar) {
            let ascii = min(old.value, new.value) & 0x7F
            let bit = UInt64(1) << UInt64(ascii & 63)
            let isNew = ascii < 64 ? shown.0 & bit == 0 : shown.1 & bit == 0
            if count < 16 || isNew {
                removed.unicodeScalars.append(old)
                replacement.unicodeScalars.append(new)
                if ascii < 64 { shown.0 |= bit } else { shown.1 |= bit }
            }
            count += 1
        }
    }

    /// Converts one line (its UTF-8): marks, then parentheses, then full-width letters and
    /// digits, as if each ran over the whole line after the one before, but in one pass that
    /// marks the scalars to change in a bitmap, and a second that writes the new text. Returns
    /// nil when nothing changes.
    private func convert(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, [Tally])? {
        var marks: Tally?, parentheses: Tally?, alphanumerics: Tally?
        var changed: [UInt64] = []
        func mark(_ position: Int) {
            let word = position >> 6
            while changed.count <= word { changed.append(0) }
            changed[word] |= 1 << UInt64(position & 63)
        }
        var growth = 0
        // Open parentheses: their position and the Han characters before the scalar after them.
        var open: [(position: Int32, hanAfter: Int32)] = []
        var han: Int32 = 0
        // A mark sees the scalar before it as the marks pass left it (converted), and the one
        // after it as it is.
        var before: UInt32?
        var offset = 0, position = 0
        var current: (value: UInt32, length: Int)? = bytes.isEmpty ? nil : ValidUTF8.decode(bytes, at: 0)
        while let (value, length) = current {
            let nextOffset = offset + length
            let after: UInt32? = nextOffset < bytes.count ? ValidUTF8.decode(bytes, at: nextOffset).value : nil
            var converted = value
            if convertsMarks, let wide = Self.fullWidthMark(value) {
                let digits = before.map(CharacterClass.isASCIIDigit) == true && after.map(CharacterClass.isASCIIDigit) == true
                let url = value == 0x3A && after == 0x2F
                let chineseBefore = before.map { CharacterClass.isHan($0) || CharacterClass.isCJKPunctuation($0) } ?? false
                let chineseAfter = after.map { CharacterClass.isHan($0) } ?? false
                if !digits, !url, chineseBefore || chineseAfter {
                    if marks == nil { marks = Tally(rule: PunctuationRule.fullWidthMark.rawValue, position: position) }
                    marks!.note(Unicode.Scalar(value)!, wide)
                    mark(position)
                    growth += 2
                    converted = wide.value
                }
            } else if convertsParentheses, value == 0x28 {
                open.append((Int32(truncatingIfNeeded: position), han))
            } else if convertsParentheses, value == 0x29 {
                if let start = open.popLast(), han - start.hanAfter > 0 {
                    if parentheses == nil { parentheses = Tally(rule: PunctuationRule.fullWidthParentheses.rawValue, position: Int(start.position)) }
                    parentheses!.note("(", "（")
                    parentheses!.note(")", "）")
                    mark(Int(start.position))
                    mark(position)
                    growth += 4
                    // A mark after it sees the `）` it becomes (`(恒指)?` → `（恒指）？`), so a
                    // second clean finds nothing more to convert.
                    converted = 0xFF09
                }
            } else if convertsAlphanumerics, (0xFF10...0xFF19).contains(value) || (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value) {
                let ascii = Unicode.Scalar(value - 0xFEE0)!
                if alphanumerics == nil { alphanumerics = Tally(rule: PunctuationRule.fullWidthAlphanumeric.rawValue, position: position) }
                alphanumerics!.note(Unicode.Scalar(value)!, ascii)
                mark(position)
                growth -= 2
            }
            if CharacterClass.isHan(value) { han += 1 }
            before = converted
            offset = nextOffset
            position += 1
            current = after.map { ($0, ValidUTF8.sequenceLength(bytes[nextOffset])) }
        }
        let tallies = [marks, parentheses, alphanumerics].compactMap { $0 }
        guard !tallies.isEmpty else { return nil }
        let text = String(unsafeUninitializedCapacity: bytes.count + growth) { output in
            var written = 0
            var offset = 0, position = 0
            while offset < bytes.count {
                let length = ValidUTF8.sequenceLength(bytes[offset])
                let word = position >> 6
                if word < changed.count, changed[word] & (1 << UInt64(position & 63)) != 0 {
                    let value = ValidUTF8.decode(bytes, at: offset).value
                    let new: UInt32
                    switch value {
                    case 0x28: new = 0xFF08
                    case 0x29: new = 0xFF09
                    case 0xFF10...0xFF5A: new = value - 0xFEE0
                    default: new = Self.fullWidthMark(value)!.value
                    }
                    ValidUTF8.forEachByte(of: new) { output[written] = $0; written += 1 }
                } else {
                    for index in offset..<(offset + length) { output[written] = bytes[index]; written += 1 }
                }
                offset += length
                position += 1
            }
            return written
        }
        return (text, tallies)
    }

    /// A cheap byte scan: only lines with ASCII marks beside non-ASCII text, or with full-width
    /// Latin letters or digits (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A: `EF BC 90–99`,
    /// `EF BC A1–BA`, `EF BD 81–9A`), need a look. Full-width punctuation such as `，` shares
    /// the `EF` lead byte and must not send every Chinese line down the slow path.
    static func mayNeedWork(_ text: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var sawMark = false, sawNonASCII = false
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x28: sawMark = true
                case 0xEF:
                    sawNonASCII = true
                    if index + 2 < count {
                        let second = bytes[index + 1], third = bytes[index + 2]
                        if second == 0xBC, (0x90...0x99).contains(third) || (0xA1...0xBA).contains(third) { return true }
                        if second == 0xBD, (0x81...0x9A).contains(third) { return true }
                    }
                case 0x80...: sawNonASCII = true
                default: break
                }
                if sawMark, sawNonASCII { return true }
                index += 1
            }
            return false
        }
        if let found = text.utf8.withContiguousStorageIfAvailable(scan) { return found }
        return Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// The full-width form of `, ; : ! ?` (a switch: a dictionary lookup per scalar is slow).
    @inline(__always)
    private static func fullWidthMark(_ value: UInt32) -> Unicode.Scalar? {
        switch value {
        case 0x2C: "，"
        case 0x3B: "；"
        case 0x3A: "："
        case 0x21: "！"
        case 0x3F: "？"
        default: nil
        }
    }
}
