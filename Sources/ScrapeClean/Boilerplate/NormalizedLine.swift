import Foundation

/// The view of a line that rules match: traditional characters folded to simplified, inline
/// pinyin readings (`簡(jiǎn)`) left out, full-width ASCII folded to ASCII (so `，：；（）！？`
/// become `,:;()!?`) and the ideographic space folded to a space.
///
/// Every normalized scalar remembers the span of original scalars it stands for, so a match
/// on the normalized view maps back to the original text.
///
/// ```swift
/// let line = NormalizedLine("本文簡(jiǎn)介：")
/// line.text                       // "本文简介:"
/// line.originalRange(of: 0..<4)   // 0..<9 (covers "本文簡(jiǎn)介")
/// ```
struct NormalizedLine {
    /// The original line's scalars.
    let original: [Unicode.Scalar]
    /// The normalized scalars.
    let scalars: [Unicode.Scalar]
    /// `starts[i]` is the original index where normalized scalar `i` begins.
    let starts: [Int]
    /// `ends[i]` is the original index just after what normalized scalar `i` stands for
    /// (after a removed reading, when one follows it).
    let ends: [Int]
    /// The normalized text.
    let text: String
    /// `utf16Starts[i]` is the UTF-16 offset in ``text`` where normalized scalar `i` begins,
    /// with one more entry for the end; `nil` when every scalar is in the BMP (offsets equal
    /// indices), which is nearly always.
    private let utf16Starts: [Int]?

    init(_ line: String) {
        var original: [Unicode.Scalar] = []
        var line = line
        line.withUTF8 { source in
            original.reserveCapacity(source.count)
            var index = 0
            while index < source.count {
                let (value, length) = ValidUTF8.decode(source, at: index)
                original.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                index += length
            }
        }
        var scalars: [Unicode.Scalar] = []
        var starts: [Int] = []
        var ends: [Int] = []
        var bytes: [UInt8] = []
        scalars.reserveCapacity(original.count)
        starts.reserveCapacity(original.count)
        ends.reserveCapacity(original.count)
        bytes.reserveCapacity(original.count * 3)
        var index = 0
        var hasSupplementary = false
        while index < original.count {
            let value = original[index].value
            let foldedValue = CharacterFold.fold(value)
            let folded = Unicode.Scalar(foldedValue) ?? original[index]
            if folded.value > 0xFFFF { hasSupplementary = true }
            var end = index + 1
            if CharacterClass.isHan(value), let readingEnd = Self.readingEnd(in: original, from: index + 1) {
                end = readingEnd
            }
            scalars.append(folded)
            starts.append(index)
            ends.append(end)
            ValidUTF8.encode(folded.value, into: &bytes)
            index = end
        }
        self.original = original
        self.scalars = scalars
        self.starts = starts
        self.ends = ends
        self.text = String(decoding: bytes, as: UTF8.self)
        if hasSupplementary {
            var offsets: [Int] = []
            offsets.reserveCapacity(scalars.count + 1)
            var offset = 0
            for scalar in scalars {
                offsets.append(offset)
                offset += scalar.value > 0xFFFF ? 2 : 1
            }
            offsets.append(offset)
            self.utf16Starts = offsets
        } else {
            self.utf16Starts = nil
        }
    }

    /// The normalized text alone, without the offset tables (for the keyword prefilter and for
    /// comparing lines). With `droppingSpaces`, white space is left out as well.
    static func foldedText(_ line: String, droppingSpaces: Bool = false) -> String {
        var bytes: [UInt8] = []
        fold(line, droppingSpaces: droppingSpaces, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The normalized text as UTF-8 bytes, for the keyword prefilter: one pass over the line's
    /// UTF-8, copying the bytes of every scalar that folds to itself, readings skipped.
    /// Returns the number of scalars in `line`.
    @discardableResult
    static func foldedUTF8(_ line: String, into bytes: inout [UInt8]) -> Int {
        fold(line, droppingSpaces: false, into: &bytes)
    }

    @discardableResult
    private static func fold(_ line: String, droppingSpaces: Bool, into bytes: inout [UInt8]) -> Int {
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(line.utf8.count)
        return forEachFoldedByte(of: line, droppingSpaces: droppingSpaces) { bytes.append($0) }
    }

    /// Calls `body` with each byte of the normalized text's UTF-8, in one pass over the line's
    /// UTF-8 (bytes of scalars that fold to themselves are passed through, readings skipped).
    /// Returns the number of scalars in `line`.
    @inline(__always)
    static func forEachFoldedByte(of line: String, droppingSpaces: Bool = false, _ body: (UInt8) -> Void) -> Int {
        var line = line
        return line.withUTF8 { source in
            var continuationBytes = 0
            var index = 0
            while index < source.count {
                let lead = source[index]
                if lead < 0x80 {
                    if !(droppingSpaces && (lead == 0x20 || lead == 0x09)) { body(lead) }
                    index += 1
                    continue
                }
                let (value, length) = ValidUTF8.decode(source, at: index)
                continuationBytes += length - 1
                var next = index + length
                if next < source.count, source[next] == 0x28 || source[next] == 0xEF, CharacterClass.isHan(value),
                   let readingEnd = readingEnd(utf8: source, from: next) {
                    for byte in source[next..<readingEnd] where byte & 0xC0 == 0x80 { continuationBytes += 1 }
                    next = readingEnd
                }
                let folded = CharacterFold.fold(value)
                if droppingSpaces, LineShape.isSpace(folded) {
                    // left out
                } else if folded == value {
                    for offset in index..<(index + length) { body(source[offset]) }
                } else {
                    ValidUTF8.forEachByte(of: folded, body)
                }
                index = next
            }
            return source.count - continuationBytes
        }
    }

    /// ``readingEnd(in:from:)`` over UTF-8: if `source[start...]` is a parenthesised pinyin
    /// reading, the byte offset just after its closing parenthesis.
    static func readingEnd(utf8 source: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < source.count else { return nil }
        var index: Int
        if source[start] == 0x28 {
            index = start + 1
        } else if source[start] == 0xEF, start + 2 < source.count, source[start + 1] == 0xBC, source[start + 2] == 0x88 {
            index = start + 3
        } else {
            return nil
        }
        var letters = 0
        var sawVowel = false
        while index < source.count, letters <= 7 {
            let (value, length) = ValidUTF8.decode(source, at: index)
            if value == 0x29 || value == 0xFF09 {
                return letters >= 1 && sawVowel ? index + length : nil
            }
            guard let kind = pinyinLetter(value) else { return nil }
            if kind { sawVowel = true }
            letters += 1
            index += length
        }
        return nil
    }

    /// The original scalar range covered by the normalized scalar range `range`.
    func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let position = range.lowerBound < starts.count ? starts[range.lowerBound] : original.count
            return position..<position
        }
        return starts[range.lowerBound]..<ends[range.upperBound - 1]
    }

    /// The original text of the normalized range `range`, with readings left out.
    func originalText(of range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for index in range {
            view.append(original[starts[index]])
            // Keep the original scalars a fold merged into this one (none today), skip readings.
        }
        return String(view)
    }

    /// The original text with inline readings left out (`簡(jiǎn)介` → `簡介`).
    var withoutReadings: String {
        originalText(of: 0..<scalars.count)
    }

    /// Converts an `NSRange` over ``text`` (UTF-16) into a range of normalized scalar indices,
    /// in constant time (logarithmic when the line has scalars outside the BMP).
    func scalarRange(of range: NSRange) -> Range<Int> {
        let low = scalarIndex(atUTF16Offset: range.location)
        return low..<max(low, scalarIndex(atUTF16Offset: range.location + range.length))
    }

    /// The length of ``text`` in UTF-16 code units (counting them in the `String` would walk it).
    var utf16Count: Int {
        utf16Starts?.last ?? scalars.count
    }

    /// The first normalized scalar index whose UTF-16 offset is at least `offset`.
    func scalarIndex(atUTF16Offset offset: Int) -> Int {
        guard let utf16Starts else { return min(max(offset, 0), scalars.count) }
        var low = 0, high = scalars.count
        while low < high {
            let middle = (low + high) / 2
            if utf16Starts[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The UTF-16 offset in ``text`` where normalized scalar `index` begins (``text``'s UTF-16
    /// length for `scalars.count`).
    func utf16Offset(ofScalar index: Int) -> Int {
        utf16Starts?[index] ?? index
    }

    /// If `original[start...]` is a parenthesised pinyin reading such as `(jiǎn)` or `(yan)`,
    /// the index just after its closing parenthesis.
    static func readingEnd(in original: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < original.count, original[start] == "(" || original[start] == "（" else { return nil }
        var index = start + 1
        var letters = 0
        var sawVowel = false
        while index < original.count, letters <= 7 {
            let scalar = original[index]
            if scalar == ")" || scalar == "）" {
                return letters >= 1 && sawVowel ? index + 1 : nil
            }
            guard let kind = pinyinLetter(scalar.value) else { return nil }
            if kind { sawVowel = true }
            letters += 1
            index += 1
        }
        return nil
    }

    /// `true` for a pinyin vowel (with or without tone mark), `false` for a consonant letter,
    /// `nil` for anything else.
    static func pinyinLetter(_ value: UInt32) -> Bool? {
        switch value {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x76, 0xFC: true // a e i o u v ü
        case 0x62...0x7A: false
        case 0xE0, 0xE1, 0xE8, 0xE9, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA: true
        case 0x101, 0x113, 0x11B, 0x12B, 0x14D, 0x16B, 0x1CE, 0x1D0, 0x1D2, 0x1D4,
             0x1D6, 0x1D8, 0x1DA, 0x1DC, 0x1F9, 0x144, 0x148, 0x1E3F: true
        default: nil
        }
    }
}
