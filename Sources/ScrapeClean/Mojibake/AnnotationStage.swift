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

    public init() {}

    public func apply(to document: inout Document) {
        let model = HanFrequencyModel.shared
        for index in document.lines.indices {
            guard Self.mayHaveAnnotation(document.lines[index].text) else { continue }
            let scalars = Array(document.lines[index].text.unicodeScalars)
            var output: [Unicode.Scalar] = []
            output.reserveCapacity(scalars.count)
            var removed: [(column: Int, text: String)] = []
            var position = 0
            while position < scalars.count {
                let scalar = scalars[position]
                output.append(scalar)
                position += 1
                guard CharacterClass.isHan(scalar), position < scalars.count,
                      scalars[position] == "(" || scalars[position] == "（",
                      let token = PinyinToken.parse(scalars, at: position),
                      !scalars[(position + 1)..<(token.end - 1)].contains(where: { $0.value >= 0x41 && $0.value <= 0x5A }),
                      model.isReading(token.syllable, of: scalar)
                else { continue }
                removed.append((output.count + 1, String(String.UnicodeScalarView(scalars[position..<token.end]))))
                position = token.end
            }
            guard !removed.isEmpty else { continue }
            let origin = document.lines[index].origin
            for item in removed {
                document.record(Edit(stage: .annotations, rule: "annotations.inline-pinyin", line: origin,
                                     column: item.column, removed: item.text))
            }
            document.lines[index].text = String(String.UnicodeScalarView(output))
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
