/// Stage 4 (DESIGN.md §2): removes inline pinyin readings after Han characters — `書(shū)` →
/// `書`, `烟(yan)台` → `烟台`, `簡（jiǎn）介` → `簡介`, also tone numbers (`書(shu1)`) — when the
/// parenthesised syllable is a reading of the character before it (every reading from
/// pypinyin's table counts, so heteronyms such as `長(zhǎng)` are recognised).
///
/// Real parentheticals stay: `党(工)委`, `(一)`, `(2012年3月19日)`, `(A股)`, and a syllable after a
/// Latin word (`book(shū)`) or one that is not a reading of its character.
///
/// ```swift
/// var document = Document(text: "在全市第一書(shū)記選派工作會(huì)議上\n")
/// AnnotationStage().apply(to: &document)
/// document.lines[0].text   // "在全市第一書記選派工作會議上"
/// ```
public struct AnnotationStage: CleaningStage {
    public var stage: Stage { .annotations }

    /// The id of its one rule, for edits and `--disable`.
    public static let rule = "annotations.inline-pinyin"

    public init() {}

    public func apply(to document: inout Document) {
        let model = HanFrequencyModel.shared
        // The scalars from a `(` on, enough for ``PinyinToken/parse(_:at:)`` (which looks at
        // ten), and the UTF-8 offset just after each.
        var window: [Unicode.Scalar] = []
        var windowEnds: [Int] = []
        window.reserveCapacity(10)
        windowEnds.reserveCapacity(10)
        for index in document.lines.indices {
            guard Self.mayHaveAnnotation(document.lines[index].text) else { continue }
            var line = document.lines[index].text
            var removed: [(column: Int, text: String)] = []
            var cuts: [Range<Int>] = []
            let text: String? = line.withUTF8 { bytes in
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
                    removed.append((outputCount + 1, String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)))
                    cuts.append(offset..<end)
                    offset = end
                }
                guard !cuts.isEmpty else { return nil }
                return ValidUTF8.string(bytes, removing: cuts)
            }
            guard let text else { continue }
            let origin = document.lines[index].origin
            for item in removed {
                document.record(Edit(stage: .annotations, rule: Self.rule, line: origin,
                                     column: item.column, removed: item.text))
            }
            document.lines[index].text = text
        }
    }

    /// Whether the line has a `(` or `（` right after a three-byte character (Han) and right
    /// before a lower-case letter or a pinyin tone letter (byte test).
    static func mayHaveAnnotation(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            let count = bytes.count
            var index = 3
            while index < count {
                let byte = bytes[index]
                var after = -1
                if byte == 0x28 {
                    after = index + 1
                } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x88 {
                    after = index + 3
                }
                if after >= 0, after < count, (0xE3...0xE9).contains(bytes[index - 3]) {
                    let next = bytes[after]
                    if (next >= 0x61 && next <= 0x7A) || next == 0xC3 || next == 0xC4 || next == 0xC5 || next == 0xC7 {
                        return true
                    }
                }
                index += 1
            }
            return false
        }
    }
}
