/// Unicode hygiene: the first stage after decoding.
///
/// - line endings: CRLF, CR, NEL, U+2028 and U+2029 become `\n`;
/// - NFC (never NFKC, which would fold Chinese punctuation to ASCII);
/// - zero-width characters, byte order marks, bidi controls, soft hyphens and control
///   characters other than `\t` are removed;
/// - no-break spaces become plain spaces;
/// - trailing white space is trimmed;
/// - runs of blank lines become one blank line, and blank lines at either end go.
///
/// Every change is recorded, merged per rule and line.
///
/// ```swift
/// let document = Hygiene().document(from: "第一行\r\n\u{200B}第二行  \r\n")
/// document.text // "第一行\n第二行\n"
/// ```
public struct Hygiene: Sendable {
    public init() {}

    /// Normalizes `text` into a document of lines.
    public func document(from text: String) -> Document {
        var edits: [Edit] = []
        var lines: [Line] = []
        var endings = (count: 0, first: 0, sample: "")
        var text = text
        text.makeContiguousUTF8()
        let scalars = text.unicodeScalars
        let utf8 = text.utf8
        var lineStart = 0
        var needsWork = false

        // Offsets are UTF-8 offsets at scalar boundaries; a native string turns them into
        // indices in constant time.
        func finishLine(upTo end: Int) {
            let number = lines.count + 1
            let range = utf8.index(utf8.startIndex, offsetBy: lineStart)..<utf8.index(utf8.startIndex, offsetBy: end)
            lines.append(Line(cleanLine(Substring(scalars[range]), needsWork: needsWork,
                                        line: number, edits: &edits), origin: number))
            needsWork = false
        }

        // One pass over the UTF-8: printable ASCII needs no decoding, other BMP scalars are
        // looked up in a bitmap.
        let attention = Self.attentionBits
        let count = utf8.count
        var source = text
        source.withUTF8 { source in
            var index = 0
            while index < count {
                let lead = source[index]
                if lead >= 0x20, lead < 0x7F {
                    index &+= 1
                    continue
                }
                let (value, length) = ValidUTF8.decode(source, at: index)
                if value == 0x0A || value == 0x0D || value == 0x85 || value == 0x2028 || value == 0x2029 {
                    finishLine(upTo: index)
                    var next = index &+ length
                    if value != 0x0A {
                        if value == 0x0D, next < count, source[next] == 0x0A {
                            next &+= 1
                            if endings.sample.isEmpty { endings.sample = "\r\n" }
                        } else if endings.sample.isEmpty {
                            endings.sample = String(Unicode.Scalar(value)!)
                        }
                        endings.count += 1
                        if endings.first == 0 { endings.first = lines.count }
                    }
                    index = next
                    lineStart = next
                    continue
                }
                if !needsWork, value < 0x10000
                    ? attention[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
                    : Self.needsAttention(Unicode.Scalar(value)!) {
                    needsWork = true
                }
                index &+= length
            }
        }
        if lineStart < count { finishLine(upTo: count) }

        if endings.count > 0 {
            edits.insert(Edit(stage: .hygiene, rule: "hygiene.line-endings", line: endings.first,
                              removed: endings.sample, replacement: "\n", count: endings.count,
                              note: "line endings normalized to \\n"), at: 0)
        }
        var metadata = Metadata()
        metadata.inputLines = lines.count
        return Document(lines: collapseBlankLines(lines, edits: &edits), metadata: metadata, edits: edits)
    }

    /// ``needsAttention(_:)`` for every BMP scalar value, as bits (surrogates clear).
    static let attentionBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 65_536 / 64)
        for value in 0..<0x10000 {
            guard let scalar = Unicode.Scalar(UInt32(value)), needsAttention(scalar) else { continue }
            bits[value >> 6] |= 1 << UInt64(value & 63)
        }
        return bits
    }()

    /// Whether a non-ASCII or control scalar may need a change.
    static func needsAttention(_ scalar: Unicode.Scalar) -> Bool {
        if HygieneClass(scalar) != .keep { return true }
        return scalar.value >= 0x300 && !NFCInertTable.shared.isInert(scalar)
    }

    private func cleanLine(_ line: Substring, needsWork: Bool, line number: Int, edits: inout [Edit]) -> String {
        var text: String
        if needsWork {
            var removed: [HygieneClass: (text: String, count: Int, column: Int)] = [:]
            var result = ""
            result.reserveCapacity(line.utf8.count)
            var mayNeedNFC = false
            var column = 0
            for scalar in line.unicodeScalars {
                column += 1
                let kind = HygieneClass(scalar)
                switch kind {
                case .keep:
                    if scalar.value >= 0x300, !NFCInertTable.shared.isInert(scalar) { mayNeedNFC = true }
                    result.unicodeScalars.append(scalar)
                case .space:
                    result.unicodeScalars.append(" ")
                    removed[kind, default: ("", 0, column)].text.unicodeScalars.append(scalar)
                    removed[kind]!.count += 1
                default:
                    removed[kind, default: ("", 0, column)].text.unicodeScalars.append(scalar)
                    removed[kind]!.count += 1
                }
            }
            text = result
            for (kind, change) in removed.sorted(by: { $0.value.column < $1.value.column }) {
                edits.append(Edit(stage: .hygiene, rule: kind.ruleID, line: number, column: change.column,
                                  removed: String(change.text.unicodeScalars.prefix(64)),
                                  replacement: kind == .space ? " " : "", count: change.count))
            }
            if mayNeedNFC {
                let normalized = ICU.nfc(text[...])
                if !normalized.utf8.elementsEqual(text.utf8) {
                    edits.append(Edit(stage: .hygiene, rule: "hygiene.nfc", line: number, column: 1,
                                      removed: text, replacement: normalized))
                    text = normalized
                }
            }
        } else {
            text = String(line)
        }
        let trimmed = Self.trimmingTrailingWhitespace(text)
        if trimmed.utf8.count != text.utf8.count {
            let removedPart = String(text.utf8.dropFirst(trimmed.utf8.count))!
            edits.append(Edit(stage: .hygiene, rule: "hygiene.trailing-space", line: number,
                              column: trimmed.unicodeScalars.count + 1, removed: removedPart))
            text = trimmed
        }
        return text
    }

    static func trimmingTrailingWhitespace(_ text: String) -> String {
        var end = text.unicodeScalars.endIndex
        while end > text.unicodeScalars.startIndex {
            let before = text.unicodeScalars.index(before: end)
            let value = text.unicodeScalars[before].value
            guard value == 0x20 || value == 0x09 || value == 0x3000 else { break }
            end = before
        }
        return end == text.unicodeScalars.endIndex ? text : String(text.unicodeScalars[..<end])
    }

    private func collapseBlankLines(_ lines: [Line], edits: inout [Edit]) -> [Line] {
        var kept: [Line] = []
        kept.reserveCapacity(lines.count)
        var dropped: [Line] = []
        for line in lines {
            let isBlank = line.text.isEmpty
            if isBlank, kept.last.map({ $0.text.isEmpty }) ?? true {
                dropped.append(line)
                continue
            }
            kept.append(line)
        }
        while let last = kept.last, last.text.isEmpty {
            dropped.append(kept.removeLast())
        }
        if !dropped.isEmpty {
            let first = dropped.map(\.origin).min()!
            edits.append(Edit(stage: .hygiene, rule: "hygiene.blank-lines", line: first, removed: "\n",
                              count: dropped.count, note: "extra blank lines removed"))
        }
        return kept
    }
}

/// What hygiene does with one scalar.
enum HygieneClass: Hashable {
    case keep
    case control
    case zeroWidth
    case byteOrderMark
    case bidiControl
    case softHyphen
    case space

    init(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x09: self = .keep
        case 0x00...0x1F, 0x7F...0x9F: self = .control
        case 0xA0, 0x2007, 0x202F: self = .space
        case 0xAD: self = .softHyphen
        case 0x200B, 0x2060, 0x180E: self = .zeroWidth
        case 0xFEFF: self = .byteOrderMark
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: self = .bidiControl
        case 0xFFF9...0xFFFB: self = .control
        default: self = .keep
        }
    }

    var ruleID: String {
        switch self {
        case .keep: "hygiene.keep"
        case .control: "hygiene.control-character"
        case .zeroWidth: "hygiene.zero-width"
        case .byteOrderMark: "hygiene.byte-order-mark"
        case .bidiControl: "hygiene.bidi-control"
        case .softHyphen: "hygiene.soft-hyphen"
        case .space: "hygiene.no-break-space"
        }
    }
}

/// A bitmap of BMP code points that NFC leaves alone in every context, read from ICU once.
final class NFCInertTable: Sendable {
    static let shared = NFCInertTable()
    private let bits: [UInt64]

    private init() {
        var bits = [UInt64](repeating: 0, count: 65_536 / 64)
        for value in 0..<0x10000 {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            if value < 0x300 || ICU.isNFCInert(scalar) {
                bits[value >> 6] |= 1 << UInt64(value & 63)
            }
        }
        self.bits = bits
    }

    func isInert(_ scalar: Unicode.Scalar) -> Bool {
        let value = Int(scalar.value)
        if value < 0x10000 { return bits[value >> 6] & (1 << UInt64(value & 63)) != 0 }
        return ICU.isNFCInert(scalar)
    }
}
