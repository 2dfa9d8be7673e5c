import Foundation

/// The view of a line that rules match: traditional characters folded to simplified, inline
/// pinyin readings (`簡(jiǎn)`) left out, full-width ASCII folded to ASCII (so `，：；（）！？`
/// become `,:;()!?`) and the ideographic space folded to a space.
///
/// Every normalized scalar remembers the span of original scalars it stands for, so a match
/// on the normalized view maps back to the original text. The view costs its text (in UTF-16,
/// as the regex engine reads it) and a few bytes per 64 scalars: offsets are found from marks
/// every ``markStride`` scalars and the rare readings, not kept per scalar.
///
/// ```swift
/// let line = NormalizedLine("本文簡(jiǎn)介：")
/// line.text                       // "本文简介:"
/// line.originalRange(of: 0..<4)   // 0..<9 (covers "本文簡(jiǎn)介")
/// ```
struct NormalizedLine {
    /// The original line (contiguous UTF-8).
    let source: String
    /// The number of scalars in the original line.
    let originalCount: Int
    /// The normalized text in UTF-16, written once for every rule that matches the line.
    let units: [UInt16]
    /// The number of normalized scalars.
    let count: Int
    /// The length of ``text`` in UTF-16 code units (what `NSRange`s over it count).
    var utf16Count: Int { units.count }
    /// Normalized indices of the Han characters whose inline reading the view leaves out,
    /// ascending (readings are rare: most lines have none).
    private let readingAt: [Int]
    /// `skippedThrough[k]`: original scalars left out by the readings `readingAt[0...k]`.
    private let skippedThrough: [Int]
    /// `originalMarks[b - 1]`: the UTF-8 offset in ``source`` of original scalar `b * markStride`.
    private let originalMarks: [Int]
    /// `utf16Marks[b - 1]`: the UTF-16 offset in ``text`` of normalized scalar `b * markStride`.
    private let utf16Marks: [Int]

    /// Scalars between two marks: a scalar is found from the mark before it by walking at most
    /// this many scalars, so the offset tables cost a few bytes per 64 scalars instead of
    /// arrays of scalars and offsets as long as the line (a 16 MB line held several of those).
    static let markStride = 64

    init(_ line: String) {
        var line = line
        line.makeContiguousUTF8()
        var originalCount = 0, count = 0
        var readingAt: [Int] = [], skippedThrough: [Int] = []
        var originalMarks: [Int] = [], utf16Marks: [Int] = []
        let stride = Self.markStride
        let units = CharacterFold.hanTable.withUnsafeBufferPointer { table in line.withUTF8 { source in
            // A scalar never takes more UTF-16 units than UTF-8 bytes (a fold beyond the BMP
            // takes 2 units for 3 bytes).
            [UInt16](unsafeUninitializedCapacity: max(source.count, 1)) { output, written in
                written = 0
                var index = 0
                var skipped = 0
                while index < source.count {
                    if originalCount & (stride - 1) == 0, originalCount > 0 { originalMarks.append(index) }
                    if count & (stride - 1) == 0, count > 0 { utf16Marks.append(written) }
                    let (value, length) = ValidUTF8.decode(source, at: index)
                    originalCount += 1
                    var next = index + length
                    if let readingEnd = Self.readingEnd(afterHan: value, utf8: source, at: next) {
                        // The reading's scalars are left out of the view; they still count (and
                        // are marked) as original scalars.
                        var readingScalars = 0
                        while next < readingEnd {
                            if source[next] & 0xC0 != 0x80 {
                                if originalCount & (stride - 1) == 0 { originalMarks.append(next) }
                                originalCount += 1
                                readingScalars += 1
                            }
                            next += 1
                        }
                        skipped += readingScalars
                        readingAt.append(count)
                        skippedThrough.append(skipped)
                    }
                    let folded = CharacterFold.fold(value, hanTable: table)
                    if folded > 0xFFFF {
                        let bits = folded &- 0x10000
                        output[written] = UInt16(truncatingIfNeeded: 0xD800 | bits >> 10)
                        output[written &+ 1] = UInt16(truncatingIfNeeded: 0xDC00 | bits & 0x3FF)
                        written &+= 2
                    } else {
                        output[written] = UInt16(truncatingIfNeeded: folded)
                        written &+= 1
                    }
                    count += 1
                    index = next
                }
                // A mark for the end too, when it falls on a mark (offsets of the end are asked for).
                if originalCount & (stride - 1) == 0, originalCount > 0 { originalMarks.append(source.count) }
                if count & (stride - 1) == 0, count > 0 { utf16Marks.append(written) }
            }
        } }
        self.source = line
        self.originalCount = originalCount
        self.units = units
        self.count = count
        self.readingAt = readingAt
        self.skippedThrough = skippedThrough
        self.originalMarks = originalMarks
        self.utf16Marks = utf16Marks
    }

    /// The normalized text (``units`` as a string).
    var text: String { String(decoding: units, as: UTF16.self) }

    /// Calls `body` with the original line's UTF-8.
    @inline(__always)
    func withOriginalUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = source.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = source
        return copy.withUTF8(body)
    }

    // MARK: The original line

    /// The original index where normalized scalar `index` begins (``originalCount`` for
    /// ``count``).
    func originalStart(of index: Int) -> Int {
        guard !readingAt.isEmpty else { return index }
        // Readings at normalized indices before `index`.
        var low = 0, high = readingAt.count
        while low < high {
            let middle = (low + high) / 2
            if readingAt[middle] < index { low = middle + 1 } else { high = middle }
        }
        return index + (low == 0 ? 0 : skippedThrough[low - 1])
    }

    /// The UTF-8 offset in ``source`` where original scalar `index` begins (the byte count for
    /// ``originalCount``).
    func originalUTF8Offset(ofScalar index: Int) -> Int {
        withOriginalUTF8 { source in Self.offset(ofScalar: index, in: source, marks: originalMarks) }
    }

    private static func offset(ofScalar index: Int, in bytes: UnsafeBufferPointer<UInt8>, marks: [Int]) -> Int {
        let block = index / markStride
        var offset = block == 0 ? 0 : marks[block - 1]
        for _ in 0..<(index - block * markStride) { offset += ValidUTF8.sequenceLength(bytes[offset]) }
        return offset
    }

    /// The original text of the original scalar range `range`.
    func originalText(scalars range: Range<Int>) -> String {
        let lower = originalUTF8Offset(ofScalar: range.lowerBound)
        let upper = range.isEmpty ? lower : originalUTF8Offset(ofScalar: range.upperBound)
        return withOriginalUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[lower..<upper]), as: UTF8.self) }
    }

    /// The original line with the original scalar ranges `before` and `after` (in that order)
    /// put together, in one allocation.
    func originalText(joining before: Range<Int>, _ after: Range<Int>) -> String {
        let first = originalUTF8Offset(ofScalar: before.lowerBound)..<originalUTF8Offset(ofScalar: before.upperBound)
        let second = originalUTF8Offset(ofScalar: after.lowerBound)..<originalUTF8Offset(ofScalar: after.upperBound)
        return withOriginalUTF8 { source in
            String(unsafeUninitializedCapacity: max(first.count + second.count, 1)) { output in
                var written = 0
                for range in [first, second] {
                    for offset in range { output[written] = source[offset]; written += 1 }
                }
                return written
            }
        }
    }

    /// The first original index at or after `index` that is not white space
    /// (``LineShape/isSpace(_:)``), or ``originalCount``.
    func originalSkippingSpaces(from index: Int) -> Int {
        withOriginalUTF8 { source in
            var offset = Self.offset(ofScalar: index, in: source, marks: originalMarks)
            var position = index
            while offset < source.count {
                let (value, length) = ValidUTF8.decode(source, at: offset)
                guard LineShape.isSpace(value) else { break }
                offset += length
                position += 1
            }
            return position
        }
    }

    /// The original index just after the last scalar before `index` (and at or after `limit`)
    /// that is not white space: `index` with the white space before it taken off.
    func originalTrimmingSpaces(before index: Int, downTo limit: Int) -> Int {
        withOriginalUTF8 { source in
            var offset = Self.offset(ofScalar: index, in: source, marks: originalMarks)
            var position = index
            while position > limit {
                var start = offset - 1
                while source[start] & 0xC0 == 0x80 { start -= 1 }
                guard LineShape.isSpace(ValidUTF8.decode(source, at: start).value) else { break }
                offset = start
                position -= 1
            }
            return position
        }
    }

    /// The original scalar range covered by the normalized scalar range `range`.
    func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let position = range.lowerBound < count ? originalStart(of: range.lowerBound) : originalCount
            return position..<position
        }
        return originalStart(of: range.lowerBound)..<originalStart(of: range.upperBound)
    }

    /// The original text of the normalized range `range`, with readings left out.
    func originalText(of range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let lower = originalStart(of: range.lowerBound)
        let upper = originalStart(of: range.upperBound)
        // Readings inside the range are left out: they follow the Han characters listed in
        // `readingAt`, so the text is the original span minus those spans.
        var bytes: [UInt8] = []
        withOriginalUTF8 { source in
            var offset = Self.offset(ofScalar: lower, in: source, marks: originalMarks)
            var position = lower
            bytes.reserveCapacity(min(source.count - offset, (upper - lower) * 4))
            var normalized = range.lowerBound
            while position < upper {
                let length = ValidUTF8.sequenceLength(source[offset])
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[offset..<(offset + length)]))
                offset += length
                position += 1
                // Skip this scalar's reading, if it has one.
                let next = originalStart(of: normalized + 1)
                while position < next {
                    offset += ValidUTF8.sequenceLength(source[offset])
                    position += 1
                }
                normalized += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The original text with inline readings left out (`簡(jiǎn)介` → `簡介`).
    var withoutReadings: String {
        originalText(of: 0..<count)
    }

    // MARK: The normalized view

    /// The normalized scalars' values, in order.
    var normalizedValues: some Sequence<UInt32> {
        sequence(state: (units.makeIterator(), UTF16())) { state -> UInt32? in
            switch state.1.decode(&state.0) {
            case .scalarValue(let scalar): scalar.value
            case .error: 0xFFFD // never: the units are written from scalars
            case .emptyInput: nil
            }
        }
    }

    /// The value of normalized scalar `index` (`index < count`).
    func normalizedValue(at index: Int) -> UInt32 {
        let offset = utf16Offset(ofScalar: index)
        let unit = units[offset]
        guard unit & 0xFC00 == 0xD800 else { return UInt32(unit) }
        return 0x10000 + (UInt32(unit & 0x3FF) << 10 | UInt32(units[offset + 1] & 0x3FF))
    }

    /// Calls `body` with ``text`` as UTF-16 (``utf16Count`` units), for the regex engine.
    func withTextUTF16<Result>(_ body: (UnsafeBufferPointer<UInt16>) -> Result) -> Result {
        units.withUnsafeBufferPointer(body)
    }

    /// Converts an `NSRange` over ``text`` (UTF-16) into a range of normalized scalar indices,
    /// in constant time.
    func scalarRange(of range: NSRange) -> Range<Int> {
        let low = scalarIndex(atUTF16Offset: range.location)
        return low..<max(low, scalarIndex(atUTF16Offset: range.location + range.length))
    }

    /// The first normalized scalar index whose UTF-16 offset is at least `offset`.
    func scalarIndex(atUTF16Offset offset: Int) -> Int {
        guard utf16Count != count else { return min(max(offset, 0), count) }
        guard offset > 0 else { return 0 }
        // The last mark before `offset` (block 0 starts at 0).
        var low = 0, high = utf16Marks.count
        while low < high {
            let middle = (low + high) / 2
            if utf16Marks[middle] < offset { low = middle + 1 } else { high = middle }
        }
        let block = low
        var index = block * Self.markStride
        var utf16 = block == 0 ? 0 : utf16Marks[block - 1]
        while index < count, utf16 < offset {
            utf16 += units[utf16] & 0xFC00 == 0xD800 ? 2 : 1
            index += 1
        }
        return index
    }

    /// The UTF-16 offset in ``text`` where normalized scalar `index` begins (``utf16Count`` for
    /// ``count``).
    func utf16Offset(ofScalar index: Int) -> Int {
        guard utf16Count != count else { return index }
        let block = index / Self.markStride
        var utf16 = block == 0 ? 0 : utf16Marks[block - 1]
        for _ in 0..<(index - block * Self.markStride) {
            utf16 += units[utf16] & 0xFC00 == 0xD800 ? 2 : 1
        }
        return utf16
    }

    /// The normalized text alone, without the offset tables (for comparing lines). With
    /// `droppingSpaces`, white space is left out as well.
    static func foldedText(_ line: String, droppingSpaces: Bool = false) -> String {
        // Written straight into the string's storage: folding never grows the UTF-8 unless
        // some Han character folds to one beyond the BMP (3 bytes to 4).
        let count = line.utf8.count
        let capacity = CharacterFold.foldMayGrow ? count / 3 * 4 + 4 : count
        return String(unsafeUninitializedCapacity: max(capacity, 1)) { output in
            var written = 0
            _ = forEachFoldedByte(of: line, droppingSpaces: droppingSpaces) { output[written] = $0; written &+= 1 }
            return written
        }
    }

    /// Calls `body` with each byte of the normalized text's UTF-8, in one pass over the line's
    /// UTF-8 (bytes of scalars that fold to themselves are passed through, readings skipped).
    /// Returns the number of scalars in `line`.
    @inline(__always)
    static func forEachFoldedByte(of line: String, droppingSpaces: Bool = false, _ body: (UInt8) -> Void) -> Int {
        var line = line
        return CharacterFold.hanTable.withUnsafeBufferPointer { table in
            line.withUTF8 { source in
                forEachViewScalar(in: source) { value, start, length in
                    if value < 0x80 {
                        if !(droppingSpaces && (value == 0x20 || value == 0x09)) { body(UInt8(truncatingIfNeeded: value)) }
                        return
                    }
                    let folded = CharacterFold.fold(value, hanTable: table)
                    if droppingSpaces, LineShape.isSpace(folded) {
                        // left out
                    } else if folded == value {
                        for offset in start..<(start &+ length) { body(source[offset]) }
                    } else {
                        ValidUTF8.forEachByte(of: folded, body)
                    }
                }
            }
        }
    }

    /// Walks a line's UTF-8 as the normalized view reads it: calls `body` with each scalar's
    /// value (unfolded), the offset of its first byte and its length in bytes, leaving out the
    /// inline readings after Han characters. ASCII bytes are not decoded. Returns the number of
    /// scalars in the line, readings included.
    @inline(__always)
    static func forEachViewScalar(in source: UnsafeBufferPointer<UInt8>,
                                  _ body: (_ value: UInt32, _ start: Int, _ length: Int) -> Void) -> Int {
        var continuationBytes = 0
        var index = 0
        let end = source.count
        while index < end {
            let lead = source[index]
            if lead < 0x80 {
                body(UInt32(lead), index, 1)
                index &+= 1
                continue
            }
            let (value, length) = ValidUTF8.decode(source, at: index)
            continuationBytes &+= length &- 1
            var next = index &+ length
            if let readingEnd = readingEnd(afterHan: value, utf8: source, at: next) {
                for byte in source[next..<readingEnd] where byte & 0xC0 == 0x80 { continuationBytes &+= 1 }
                next = readingEnd
            }
            body(value, index, length)
            index = next
        }
        return end &- continuationBytes
    }

    /// Where the inline reading right after the scalar `value` (which ends at byte `next`)
    /// ends, or nil when `value` is no Han character or no reading follows it.
    @inline(__always)
    static func readingEnd(afterHan value: UInt32, utf8 source: UnsafeBufferPointer<UInt8>, at next: Int) -> Int? {
        guard next < source.count, source[next] == 0x28 || source[next] == 0xEF, CharacterClass.isHan(value) else {
            return nil
        }
        return readingEnd(utf8: source, from: next)
    }

    /// If `source[start...]` is a parenthesised pinyin reading such as `(jiǎn)` or `(yan)`, the
    /// byte offset just after its closing parenthesis.
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
