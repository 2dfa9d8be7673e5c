/// A line's compact form (``LineShape/compact(_:)``: the normalized view with white space left
/// out) read without building a `String`, for the detectors that compare lines: most
/// comparisons are settled by the first few scalars, or by bytes in temporary storage.
///
/// ```swift
/// CompactText.withUTF8(of: "本文 簡介：") { Array($0) == Array("本文简介:".utf8) } // true
/// CompactText.forEachValue(of: "Ａ Ｂ") { print($0); return true }             // 0x41, 0x42
/// ```
enum CompactText {
    /// Calls `body` with the UTF-8 of `LineShape.compact(text)`, written into temporary
    /// storage (on the stack for a short line).
    static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let count = text.utf8.count
        // Folding never grows the UTF-8 unless a Han character folds beyond the BMP (3 bytes to 4).
        let capacity = CharacterFold.foldMayGrow ? count / 3 * 4 + 4 : count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { buffer in
            var written = 0
            _ = NormalizedLine.forEachFoldedByte(of: text, droppingSpaces: true) { buffer[written] = $0; written &+= 1 }
            return body(UnsafeBufferPointer(rebasing: buffer[..<written]))
        }
    }

    /// Calls `body` with each scalar value of `LineShape.compact(text)` in order, until it
    /// returns `false`; only the scalars read are folded.
    static func forEachValue(of text: String, _ body: (UInt32) -> Bool) {
        var text = text
        CharacterFold.hanTable.withUnsafeBufferPointer { table in
            text.withUTF8 { source in
                var index = 0
                let end = source.count
                while index < end {
                    let (value, length) = ValidUTF8.decode(source, at: index)
                    index = NormalizedLine.readingEnd(afterHan: value, utf8: source, at: index &+ length) ?? index &+ length
                    let folded = CharacterFold.fold(value, hanTable: table)
                    if LineShape.isSpace(folded) { continue }
                    if !body(folded) { return }
                }
            }
        }
    }

    /// The scalar values of `LineShape.compact(text)`.
    static func values(of text: String) -> [UInt32] {
        var values: [UInt32] = []
        values.reserveCapacity(text.utf8.count / 3 + 1)
        forEachValue(of: text) { values.append($0); return true }
        return values
    }

    /// `LineShape.compact(text) == compact` (`String` equality, that is canonical
    /// equivalence), read scalar by scalar and settled at the first that differs: most lines
    /// are told apart by their first character.
    ///
    /// Canonically equivalent texts have the same NFD, where every scalar that is its own
    /// decomposition and a starter (``isInertStarter(_:)``) keeps its place; so two texts whose
    /// first difference is between two such scalars are not equivalent, and neither are a text
    /// and a longer one that starts with it (NFD lengths add up). Any other difference is left
    /// to `String ==`.
    static func compact(of text: String, equals compact: String) -> Bool {
        var wanted = compact
        let settled: Bool? = wanted.withUTF8 { wanted in
            var offset = 0
            var result: Bool? = true
            forEachValue(of: text) { value in
                guard offset < wanted.count else { result = false; return false }
                let (expected, length) = ValidUTF8.decode(wanted, at: offset)
                guard value == expected else {
                    result = isInertStarter(value) && isInertStarter(expected) ? false : nil
                    return false
                }
                offset &+= length
                return true
            }
            if result == true, offset < wanted.count { result = false }
            return result
        }
        return settled ?? (LineShape.compact(text) == compact)
    }

    /// Whether `value` is a starter (combining class 0) that is its own canonical
    /// decomposition: ASCII, the general punctuation U+2010–U+202F (dashes, quotes, `…`), the
    /// CJK symbols U+3000–U+3029, the ideographs U+3400–U+9FFF and the full-width forms
    /// U+FF00–U+FFEF (checked against Python's `unicodedata`, Unicode 14).
    @inline(__always)
    static func isInertStarter(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x80, 0x2010..<0x2030, 0x3000..<0x302A, 0x3400..<0xA000, 0xFF00..<0xFFF0: true
        default: false
        }
    }

    /// Whether `needle` occurs in `haystack` (a byte search; on valid UTF-8 a match always
    /// starts and ends at scalar boundaries).
    static func contains(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var start = 0
        let lastStart = haystack.count - needle.count
        while start <= lastStart {
            if haystack[start] == first, hasPrefix(needle, in: haystack, at: start) { return true }
            start &+= 1
        }
        return false
    }

    /// Whether `needle` occurs in `haystack` at byte offset `start` (`start + needle.count` must
    /// not pass the end).
    @inline(__always)
    static func hasPrefix(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                  at start: Int) -> Bool {
        for offset in 0..<needle.count where haystack[start &+ offset] != needle[offset] { return false }
        return true
    }
}
