/// Removes the anti-copy "jammer" strings that forum software (Discuz) hides in a post's text:
/// whole lines of them, and a jammer glued to the start or the end of a body line.
///
/// Discuz builds a jammer from five or more triples, each a character from `\x20`–`\x3B` (space,
/// digits, `!"#$%&'()*+,-./:;`), a space, and a character from `\x3F`–`\x7E` (letters,
/// `?@[\]^_`{|}~`): `7 Z, X# ]+ f+ h8 N6 l6 |4 _`. Since the two ranges do not overlap and the
/// middle of each triple is a space, a line is split into such chains in one pass without
/// ambiguity. A chain is a jammer when it has five or more triples and both its first and its
/// third characters take three or more distinct values (a list such as `, a, b, c, d, e` does
/// not). Words, URLs, code and model numbers never make a chain: two letters in a row, or a
/// letter followed by anything but a space-separated digit or sign, break it.
///
/// ```
/// 我也在搞这部分,中文打印总是搞不定。7 Z, X# ]+ f+ h8 N6 l6 |4 _   → 我也在搞这部分,中文打印总是搞不定。
///     4 ~2 @6 @' m1 W/ }% D" E( D: a  ]5 R                        → (line removed)
/// ```
struct JammerDetector {
    static let id = StructureDetectorID.jammer
    /// The edits' category: noise inside the text, not page chrome (it marks no tail).
    static let category = "noise"
    /// Fewest triples in a jammer (Discuz writes at least five).
    static let minimumTriples = 5

    func apply(to document: inout WorkingDocument) {
        for index in document.lines.indices where document.lines[index].isAlive {
            // A jammer holds at least five spaces: most lines are settled by counting them.
            guard Self.spaceCount(document.lines[index].text) >= Self.minimumTriples else { continue }
            cut(index, in: &document)
        }
    }

    /// The number of ASCII spaces in `text`, counted over its UTF-8 eight bytes at a time.
    static func spaceCount(_ text: String) -> Int {
        func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var spaces = 0
            var offset = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                while offset + 8 <= bytes.count {
                    // A byte of `word` is zero exactly where the text has a space; the high bit of
                    // each byte of `nonZero` is set where it is not (no carry crosses bytes).
                    let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x2020_2020_2020_2020
                    let nonZero = ((word & low) &+ low) | word
                    spaces &+= 8 &- (nonZero & ~low).nonzeroBitCount
                    offset &+= 8
                }
            }
            while offset < bytes.count {
                if bytes[offset] == 0x20 { spaces &+= 1 }
                offset &+= 1
            }
            return spaces
        }
        if let spaces = text.utf8.withContiguousStorageIfAvailable(count) { return spaces }
        var text = text
        return text.withUTF8(count)
    }

    /// Cuts the jammers at the end and at the start of line `index` (or removes the line).
    private func cut(_ index: Int, in document: inout WorkingDocument) {
        let bytes = Array(document.lines[index].text.utf8)
        let chains = Self.jammers(in: bytes)
        guard !chains.isEmpty else { return }
        let start = Self.skippingSpaces(bytes, from: 0)
        let end = Self.trimmingSpaces(bytes, before: bytes.count)
        if let only = chains.first, chains.count == 1, only.lowerBound <= start, only.upperBound >= end {
            document.remove(index, rule: Self.id, category: Self.category, note: "jammer string (random ASCII inserted by forum software)")
            return
        }
        let note = "jammer string (random ASCII inserted by forum software)"
        var currentEnd = bytes.count
        // The end first: the columns of both cuts are then those of the original line.
        if let last = chains.last, last.upperBound >= end, last.lowerBound > start {
            let cutStart = Self.trimmingSpaces(bytes, before: last.lowerBound)
            let column = String(decoding: bytes[0..<cutStart], as: UTF8.self).unicodeScalars.count
            document.replace(index, with: String(decoding: bytes[0..<cutStart], as: UTF8.self), rule: Self.id,
                             column: column, removed: String(decoding: bytes[cutStart...], as: UTF8.self), note: note)
            currentEnd = cutStart
        }
        if let first = chains.first, first.lowerBound <= start, first.upperBound < currentEnd {
            let after = Self.skippingSpaces(bytes, from: first.upperBound)
            guard after < currentEnd else { return }
            document.replace(index, with: String(decoding: bytes[after..<currentEnd], as: UTF8.self), rule: Self.id,
                             column: 0, removed: String(decoding: bytes[0..<after], as: UTF8.self), note: note)
        }
    }

    /// The jammer chains of `bytes` (UTF-8 of one line), as byte ranges in order.
    static func jammers(in bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var position = 0
        while position + 2 < bytes.count {
            guard isTriple(bytes, at: position) else { position += 1; continue }
            var end = position
            var firsts = Set<UInt8>(), thirds = Set<UInt8>()
            var triples = 0
            while end + 2 < bytes.count, isTriple(bytes, at: end) {
                firsts.insert(bytes[end])
                thirds.insert(bytes[end + 2])
                triples += 1
                end += 3
            }
            if triples >= minimumTriples, firsts.count >= 3, thirds.count >= 3 {
                result.append(position..<end)
            }
            position = end
        }
        return result
    }

    /// `bytes[at]` in `\x20`–`\x3B`, a space, `bytes[at + 2]` in `\x3F`–`\x7E`.
    @inline(__always)
    private static func isTriple(_ bytes: [UInt8], at offset: Int) -> Bool {
        (0x20...0x3B).contains(bytes[offset]) && bytes[offset + 1] == 0x20 && (0x3F...0x7E).contains(bytes[offset + 2])
    }

    private static func skippingSpaces(_ bytes: [UInt8], from offset: Int) -> Int {
        var offset = offset
        while offset < bytes.count, isSpace(bytes, at: offset) { offset += spaceLength(bytes, at: offset) }
        return offset
    }

    private static func trimmingSpaces(_ bytes: [UInt8], before offset: Int) -> Int {
        var offset = offset
        while offset > 0 {
            if bytes[offset - 1] == 0x20 || bytes[offset - 1] == 0x09 { offset -= 1; continue }
            // U+3000 (E3 80 80) and U+00A0 (C2 A0).
            if offset >= 3, bytes[offset - 3] == 0xE3, bytes[offset - 2] == 0x80, bytes[offset - 1] == 0x80 { offset -= 3; continue }
            if offset >= 2, bytes[offset - 2] == 0xC2, bytes[offset - 1] == 0xA0 { offset -= 2; continue }
            break
        }
        return offset
    }

    private static func isSpace(_ bytes: [UInt8], at offset: Int) -> Bool {
        spaceLength(bytes, at: offset) > 0
    }

    private static func spaceLength(_ bytes: [UInt8], at offset: Int) -> Int {
        switch bytes[offset] {
        case 0x20, 0x09: return 1
        case 0xE3 where offset + 2 < bytes.count && bytes[offset + 1] == 0x80 && bytes[offset + 2] == 0x80: return 3
        case 0xC2 where offset + 1 < bytes.count && bytes[offset + 1] == 0xA0: return 2
        default: return 0
        }
    }
}
