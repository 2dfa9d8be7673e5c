/// Recognizes the enumerators that start headings and list items in Chinese documents
/// (Fixtures/CONVENTIONS.md rule 9a): `一、` `（一）` `(1)` `一是` `二要` `第一，` `第三条`
/// `第一回` `第二卷` `1.` `1、` `1）` `①`.
///
/// A line that begins with an enumerator is a *heading-start* line: the layout stage never
/// appends it to the line before, and a flattened line is split before it.
///
/// ```swift
/// Enumerator.startsAt(Array("一、统一思想".unicodeScalars), 0)   // true
/// Enumerator.startsAt(Array("第一书记是".unicodeScalars), 0)     // false: 第一 needs ，、：
/// Enumerator.startsAt(Array("1.5倍".unicodeScalars), 0)         // false: a decimal number
/// ```
enum Enumerator {
    /// Whether an enumerator begins at `start`.
    static func startsAt<Scalars: RandomAccessCollection<Unicode.Scalar>>(_ scalars: Scalars, _ start: Int) -> Bool where Scalars.Index == Int {
        guard start < scalars.count else { return false }
        let first = scalars[start].value
        if (0x2460...0x2473).contains(first) || (0x2776...0x2793).contains(first) { return true } // ①…⑳ ❶…
        if first == 0xFF08 || first == 0x28 { // （ (
            let end = numberEnd(scalars, start + 1, allowDigits: true)
            guard end > start + 1, end < scalars.count else { return false }
            return scalars[end].value == 0xFF09 || scalars[end].value == 0x29
        }
        if first == 0x7B2C { // 第
            let end = numberEnd(scalars, start + 1, allowDigits: true)
            guard end > start + 1, end < scalars.count else { return false }
            switch scalars[end].value {
            case 0xFF0C, 0x3001, 0xFF1A, 0x2C, 0x3A: return true // ，、：,:
            case 0x7AE0, 0x8282, 0x6761, 0x7BC7, 0x56DE, 0x5377: return true // 章 节 条 篇 回 卷
            default: return false
            }
        }
        if isChineseNumeral(first) {
            let end = numberEnd(scalars, start, allowDigits: false)
            guard end < scalars.count else { return false }
            switch scalars[end].value {
            case 0x3001: return true                 // 一、
            case 0x662F, 0x8981: return end - start <= 2 // 一是 二要 (十一是)
            default: return false
            }
        }
        if isDigit(first) {
            let end = digitsEnd(scalars, start)
            guard end - start <= 3, end < scalars.count else { return false }
            switch scalars[end].value {
            case 0x3001, 0xFF09, 0x29: return true // 1、 1） 1)
            case 0x2E, 0xFF0E: // 1. 1．, but not 1.5
                return end + 1 >= scalars.count || !isDigit(scalars[end + 1].value)
            default: return false
            }
        }
        return false
    }

    /// Whether a list bullet begins at `start`: `●` `•` `■` `◆` `★` `▶` …, or `-` `*` `+` `·`
    /// followed by a space. (`***村` is a placeholder, not a bullet.)
    static func bulletAt<Scalars: RandomAccessCollection<Unicode.Scalar>>(_ scalars: Scalars, _ start: Int) -> Bool where Scalars.Index == Int {
        guard start < scalars.count else { return false }
        switch scalars[start].value {
        case 0x25CF, 0x2022, 0x25AA, 0x25A0, 0x25A1, 0x25C6, 0x25C7, 0x25CB, 0x25CE, 0x2605, 0x2606,
             0x25B6, 0x25BA, 0x203B:
            return true
        case 0x2D, 0x2A, 0x2B, 0xB7:
            return start + 1 < scalars.count && (scalars[start + 1] == " " || scalars[start + 1] == "\u{3000}")
        default:
            return false
        }
    }

    /// Whether a line's text starts a heading or list item (ignoring leading white space).
    static func startsHeadingOrItem(_ text: String) -> Bool {
        withHead(of: text.unicodeScalars) { startsAt($0, 0) || bulletAt($0, 0) }
    }

    /// Whether a line starts with outline numbering of a document's sections: one or two digits,
    /// up to three more `.`-separated levels, then a Han character (a space between allowed):
    /// `3.1 责任落实`, `2组织机构及职责`, `6.5 不同灾害的应急响应措施`. A number with a unit or
    /// a counter after it is no section number: `2021年`, `10万人`, `2楼`, `3个`, `1.5倍`.
    ///
    /// ```swift
    /// Enumerator.startsSectionNumber("3.1 责任落实")   // true
    /// Enumerator.startsSectionNumber("2楼 回复")       // false
    /// ```
    static func startsSectionNumber(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        var digits = 0, levels = 0, spaced = false
        while let scalar = scalars.next() {
            let value = scalar.value
            if isDigit(value) {
                if spaced { return false }
                digits += 1
                if digits > 2 { return false }
            } else if value == 0x2E || value == 0xFF0E { // . ．
                guard digits > 0, !spaced else { return false }
                levels += 1
                if levels > 3 { return false }
                digits = 0
            } else if LayoutCharacters.isSpace(value) {
                if digits == 0 && levels == 0 { continue } // leading white space
                guard digits > 0 else { return false }
                spaced = true
            } else {
                guard digits > 0 || levels > 0 && spaced, CharacterClass.isHan(value) else { return false }
                return !isUnitAfterNumber(value)
            }
        }
        return false
    }

    /// Units and counters that make a number a quantity (`2021年`, `3个`, `2楼`), not a section
    /// number.
    private static func isUnitAfterNumber(_ value: UInt32) -> Bool {
        switch value {
        case 0x5E74, 0x6708, 0x65E5, 0x53F7, 0x65F6, 0x70B9, 0x5206, 0x79D2, 0x4E2A, 0x4E07, 0x4EBF,
             0x5143, 0x5C81, 0x4EBA, 0x6B21, 0x5929, 0x5468, 0x7C73, 0x514B, 0x65A4, 0x4EF6, 0x540D,
             0x4F4D, 0x6761, 0x5BB6, 0x500D, 0x9875, 0x697C, 0x5C42, 0x671F, 0x7248, 0x5C4A, 0x7AE0,
             0x8282, 0x96C6, 0x5757, 0x5F20, 0x652F, 0x53EA, 0x53F0, 0x8F86, 0x58F0, 0x6210:
            // 年月日号时点分秒个万亿元岁人次天周米克斤件名位条家倍页楼层期版届章节集块张支只台辆声成
            true
        default:
            false
        }
    }

    /// Whether `scalars` begin with an enumerator (ignoring leading white space).
    static func startsWithEnumerator(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
        withHead(of: scalars) { startsAt($0, 0) }
    }

    /// Calls `body` with the first scalars after any white space, enough for any enumerator:
    /// the longest, `（一百二十）` or `第一百二十，`, needs 7; `1.5` needs 3. Allocates nothing.
    private static func withHead(of scalars: some Sequence<Unicode.Scalar>,
                                 _ body: (UnsafeBufferPointer<Unicode.Scalar>) -> Bool) -> Bool {
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 8) { buffer in
            var count = 0
            for scalar in scalars {
                if count == 0, LayoutCharacters.isSpace(scalar.value) { continue }
                buffer.initializeElement(at: count, to: scalar)
                count += 1
                if count == buffer.count { break }
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    @inline(__always)
    static func isChineseNumeral(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E,
             0x96F6, 0x3007: // 一二三四五六七八九十百零〇
            true
        default:
            false
        }
    }

    @inline(__always)
    static func isDigit(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0xFF10...0xFF19).contains(value)
    }

    /// The end of a run of up to four Chinese numerals (or, with `allowDigits`, up to three
    /// digits) starting at `start`.
    private static func numberEnd<Scalars: RandomAccessCollection<Unicode.Scalar>>(_ scalars: Scalars, _ start: Int, allowDigits: Bool) -> Int
    where Scalars.Index == Int {
        guard start < scalars.count else { return start }
        if allowDigits, isDigit(scalars[start].value) {
            let end = digitsEnd(scalars, start)
            return end - start <= 3 ? end : start
        }
        var end = start
        while end < scalars.count, end - start < 4, isChineseNumeral(scalars[end].value) { end += 1 }
        return end
    }

    private static func digitsEnd<Scalars: RandomAccessCollection<Unicode.Scalar>>(_ scalars: Scalars, _ start: Int) -> Int where Scalars.Index == Int {
        var end = start
        while end < scalars.count, isDigit(scalars[end].value) { end += 1 }
        return end
    }
}
