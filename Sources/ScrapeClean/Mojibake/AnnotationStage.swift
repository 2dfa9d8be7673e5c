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
        let readings = InlineReadings(model: .shared)
        for index in document.lines.indices {
            guard Self.mayHaveAnnotation(document.lines[index].text) else { continue }
            var line = document.lines[index].text
            let found: (text: String, removed: [(column: Int, text: String)])? = line.withUTF8 { bytes in
                let found = readings.find(in: bytes)
                guard !found.isEmpty else { return nil }
                let removed = found.map {
                    ($0.column, String(decoding: UnsafeBufferPointer(rebasing: bytes[$0.bytes]), as: UTF8.self))
                }
                return (ValidUTF8.string(bytes, removing: found.map(\.bytes)), removed)
            }
            guard let found else { continue }
            let origin = document.lines[index].origin
            for item in found.removed {
                document.record(Edit(stage: .annotations, rule: Self.rule, line: origin,
                                     column: item.column, removed: item.text))
            }
            document.lines[index].text = found.text
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
