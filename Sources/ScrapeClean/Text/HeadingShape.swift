/// Recognizes the enumerators that open Chinese headings and list items: 一、 二、 （一） (一)
/// 第一 一是 二要 三要 1. 1、 (1).
enum HeadingShape {
    static let numerals: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零", "百"]

    /// Whether `text` starts with an enumerator.
    static func startsWithEnumerator(_ text: some StringProtocol) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return false }
        if first == "（" || first == "(" {
            var sawNumeral = false
            while let next = scalars.next() {
                if numerals.contains(next) || (next.value >= 0x30 && next.value <= 0x39) { sawNumeral = true; continue }
                return sawNumeral && (next == "）" || next == ")")
            }
            return false
        }
        if first == "第" {
            guard let next = scalars.next() else { return false }
            return numerals.contains(next) || (next.value >= 0x30 && next.value <= 0x39)
        }
        if numerals.contains(first) {
            var next = scalars.next()
            while let current = next, numerals.contains(current) { next = scalars.next() }
            guard let marker = next else { return false }
            return marker == "、" || marker == "是" || marker == "要" || marker == "．" || marker == "."
        }
        if first.value >= 0x30, first.value <= 0x39 {
            var next = scalars.next()
            while let current = next, current.value >= 0x30, current.value <= 0x39 { next = scalars.next() }
            guard let marker = next else { return false }
            return marker == "、" || marker == "." || marker == "．"
        }
        return false
    }
}
