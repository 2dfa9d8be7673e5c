/// Punctuation width (stage 7).
///
/// - `, ; : ! ?` become `，；：！？` when the character before is Han or CJK punctuation, or the
///   character after is Han; never between two ASCII digits (`10:30`) or before `//` (URLs).
/// - A `( … )` pair on one line becomes `（ … ）` when it encloses a Han character
///   (`(2012年3月19日)`, `(一)`, `黨(工)委`); `PowerPoint(PPT)` stays.
/// - Full-width Latin letters and digits (`Ａ１`) become ASCII.
///
/// Chinese punctuation is never turned into ASCII.
public struct PunctuationStage: CleaningStage {
    public let stage = Stage.punctuation

    public init() {}

    public func apply(to document: inout Document) {
        for index in document.lines.indices {
            let line = document.lines[index]
            guard Self.mayNeedWork(line.text) else { continue }
            var scalars = Array(line.text.unicodeScalars)
            var counts: [String: (count: Int, column: Int, removed: String, replacement: String)] = [:]
            func note(_ rule: String, _ position: Int, _ old: Unicode.Scalar, _ new: Unicode.Scalar) {
                counts[rule, default: (0, position + 1, "", "")].count += 1
                if counts[rule]!.removed.unicodeScalars.count < 16 {
                    counts[rule]!.removed.unicodeScalars.append(old)
                    counts[rule]!.replacement.unicodeScalars.append(new)
                }
            }
            convertMarks(&scalars, note: note)
            convertParentheses(&scalars, note: note)
            for position in scalars.indices {
                let value = scalars[position].value
                if (0xFF10...0xFF19).contains(value) || (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value) {
                    let ascii = Unicode.Scalar(value - 0xFEE0)!
                    note("punctuation.full-width-alphanumeric", position, scalars[position], ascii)
                    scalars[position] = ascii
                }
            }
            guard !counts.isEmpty else { continue }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            document.lines[index].text = String(text)
            for (rule, change) in counts.sorted(by: { $0.value.column < $1.value.column }) {
                document.record(Edit(stage: .punctuation, rule: rule, line: line.origin, column: change.column,
                                     removed: change.removed, replacement: change.replacement, count: change.count))
            }
        }
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

    private func convertMarks(_ scalars: inout [Unicode.Scalar],
                              note: (String, Int, Unicode.Scalar, Unicode.Scalar) -> Void) {
        for position in scalars.indices {
            guard let wide = Self.fullWidthMark(scalars[position].value) else { continue }
            let before = position > 0 ? scalars[position - 1].value : nil
            let after = position + 1 < scalars.count ? scalars[position + 1].value : nil
            if let before, let after, CharacterClass.isASCIIDigit(before), CharacterClass.isASCIIDigit(after) { continue }
            if scalars[position] == ":", after == 0x2F { continue }
            let chineseBefore = before.map { CharacterClass.isHan($0) || CharacterClass.isCJKPunctuation($0) } ?? false
            let chineseAfter = after.map { CharacterClass.isHan($0) } ?? false
            guard chineseBefore || chineseAfter else { continue }
            note("punctuation.full-width-mark", position, scalars[position], wide)
            scalars[position] = wide
        }
    }

    private func convertParentheses(_ scalars: inout [Unicode.Scalar],
                                    note: (String, Int, Unicode.Scalar, Unicode.Scalar) -> Void) {
        var open: [Int] = []
        var pairs: [(Int, Int)] = []
        for position in scalars.indices {
            switch scalars[position] {
            case "(": open.append(position)
            case ")": if let start = open.popLast() { pairs.append((start, position)) }
            default: break
            }
        }
        guard !pairs.isEmpty else { return }
        // Han characters before each position, so that "does this pair enclose Han text?" is
        // one subtraction: scanning each pair's inside is quadratic for nested pairs.
        var hanBefore = [Int](repeating: 0, count: scalars.count + 1)
        for position in scalars.indices {
            hanBefore[position + 1] = hanBefore[position] + (CharacterClass.isHan(scalars[position]) ? 1 : 0)
        }
        for (start, end) in pairs where hanBefore[end] - hanBefore[start + 1] > 0 {
            note("punctuation.full-width-parentheses", start, "(", "（")
            note("punctuation.full-width-parentheses", end, ")", "）")
            scalars[start] = "（"
            scalars[end] = "）"
        }
    }
}
