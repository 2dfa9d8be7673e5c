/// Finds inline pinyin readings after Han characters (`書(shū)`, `簡（jiǎn）`, `書(shu1)`): a
/// parenthesised syllable that is a reading of the character before it. ``AnnotationStage``
/// removes what it finds; ``MojibakeStage`` uses it to tell that a line's tone letters are
/// readings, not Latin mojibake.
///
/// ```swift
/// let readings = InlineReadings(model: .shared)
/// var line = "第一書(shū)記"
/// line.withUTF8 { readings.find(in: $0).map(\.bytes) }   // [9..<15]
/// ```
struct InlineReadings {
    /// One reading: its bytes from `(` to `)` in the line, and the column (1-based, in
    /// scalars) it starts at once the readings before it are removed.
    struct Reading: Equatable {
        var bytes: Range<Int>
        var column: Int
    }

    let model: HanFrequencyModel

    init(model: HanFrequencyModel = .shared) {
        self.model = model
    }

    /// The readings in `bytes` (valid UTF-8), in order.
    func find(in bytes: UnsafeBufferPointer<UInt8>) -> [Reading] {
        // The scalars from a `(` on, enough for ``PinyinToken/parse(_:at:)`` (which looks at
        // ten), and the UTF-8 offset just after each.
        var window: [Unicode.Scalar] = []
        var windowEnds: [Int] = []
        var readings: [Reading] = []
        var offset = 0
        var outputCount = 0 // scalars kept so far
        while offset < bytes.count {
            let (value, length) = ValidUTF8.decode(bytes, at: offset)
            outputCount += 1
            offset += length
            guard CharacterClass.isHan(value), offset < bytes.count,
                  bytes[offset] == 0x28 || (bytes[offset] == 0xEF && offset + 2 < bytes.count
                                            && bytes[offset + 1] == 0xBC && bytes[offset + 2] == 0x88)
            else { continue }
            if window.capacity == 0 {
                window.reserveCapacity(10)
                windowEnds.reserveCapacity(10)
            }
            window.removeAll(keepingCapacity: true)
            windowEnds.removeAll(keepingCapacity: true)
            var next = offset
            while window.count < 10, next < bytes.count {
                let (scalar, size) = ValidUTF8.decode(bytes, at: next)
                window.append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
                next += size
                windowEnds.append(next)
            }
            guard let token = PinyinToken.parse(window, at: 0),
                  !window[1..<(token.end - 1)].contains(where: { $0.value >= 0x41 && $0.value <= 0x5A }),
                  let scalar = Unicode.Scalar(value), model.isReading(token.syllable, of: scalar)
            else { continue }
            let end = windowEnds[token.end - 1]
            readings.append(Reading(bytes: offset..<end, column: outputCount + 1))
            offset = end
        }
        return readings
    }

    /// Whether every scalar of U+0080–U+07FF in `line` (tone letters, Latin-1 letters; the
    /// middle dot aside) is inside one of its readings: then its Latin is pinyin, not mojibake.
    func coverAllLatin(of line: String) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            let readings = find(in: bytes)
            guard !readings.isEmpty else { return false }
            var next = 0 // the first reading that may contain `offset`
            var offset = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte >= 0xC2, byte < 0xE0, !(byte == 0xC2 && offset + 1 < bytes.count && bytes[offset + 1] == 0xB7) {
                    while next < readings.count, readings[next].bytes.upperBound <= offset { next += 1 }
                    guard next < readings.count, readings[next].bytes.contains(offset) else { return false }
                }
                offset += 1
            }
            return true
        }
    }
}
