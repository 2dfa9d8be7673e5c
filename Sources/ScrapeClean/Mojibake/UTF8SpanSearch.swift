/// The span search for UTF-8 read as a double-byte charset (GBK, Big5, Shift_JIS, EUC-KR) inside
/// a longer run of non-ASCII text: a garbled run that touches clean Chinese (平台蜥碁琉鬚伜 for
/// 平台和问题平) cannot be undone as a whole run, and where it starts and ends is what the
/// bytes say. Each character of the run is encoded back into the wrong charset on its own;
/// a hypothesis (codec, span) is a span whose bytes are well-formed UTF-8 from its first
/// character to its last, and every hypothesis is judged with the same threshold as a whole
/// stretch (``WrongCodecRepair/judgeStretch(old:new:validUTF8:)``). The best ones that do not
/// overlap are taken.
///
/// Clean Chinese read back this way fails within a character or two, so a span that decodes
/// on for several characters is garble; its ends are tried at every character boundary of the
/// last few, so that a clean neighbour whose bytes happen to continue the UTF-8 is left out
/// when the model prefers it so.
///
/// ```swift
/// let run = Array("平台蜥碁琉鬚伜ｹｳ蜿ｰ".unicodeScalars)
/// UTF8SpanSearch().fixes(in: run, run: 0..<run.count).first?.replacement   // "和问题平台"
/// ```
struct UTF8SpanSearch: Sendable {
    let model: HanFrequencyModel

    init(model: HanFrequencyModel = .shared) {
        self.model = model
    }

    /// Double-byte tables of the charsets UTF-8 is wrongly read with, with their codec pair.
    private static let families: [(WrongCodec, GBKTable)] = [
        (.utf8AsGBK, .shared), (.utf8AsBig5, .big5), (.utf8AsShiftJIS, .shiftJIS), (.utf8AsEUCKR, .eucKR),
    ]

    /// Span ends tried: the farthest one a start reaches and those just before it.
    static let endsTried = 3
    /// Starts tried inside a span an earlier start reached.
    static let startsTried = 4
    /// Bytes one walk reads at most (a longer garbled run is restored in pieces).
    static let maximumWalk = 768
    /// Hypotheses judged per run and codec: the search costs a bounded amount per run.
    static let maximumHypotheses = 256

    /// The fixes of the garbled spans inside `run` (a range of `scalars`), in line order and not
    /// overlapping; `start` is an index into `scalars`.
    func fixes(in scalars: [Unicode.Scalar], run: Range<Int>) -> [WrongCodecRepair.Fix] {
        var found: [(WrongCodecRepair.Fix, Float, Range<Int>)] = []
        let judge = WrongCodecRepair(model: model)
        for (codec, table) in Self.families {
            var hypotheses = 0
            // Segments of characters the wrong charset can encode (the others bound spans).
            var segmentStart = run.lowerBound
            while segmentStart < run.upperBound, hypotheses < Self.maximumHypotheses {
                var bytes: [UInt8] = []
                var offsets: [Int] = []
                var segmentEnd = segmentStart
                while segmentEnd < run.upperBound {
                    let scalar = scalars[segmentEnd]
                    let value = scalar.value
                    let before = bytes.count
                    if value < 0x80 {
                        bytes.append(UInt8(value))
                    } else if codec == .utf8AsShiftJIS, (0xFF61...0xFF9F).contains(value) {
                        bytes.append(UInt8(value - 0xFF61 + 0xA1))
                    } else if let code = table.encode(scalar) {
                        bytes.append(UInt8(code >> 8))
                        bytes.append(UInt8(code & 0xFF))
                    } else {
                        break
                    }
                    offsets.append(before)
                    segmentEnd += 1
                }
                offsets.append(bytes.count)
                search(scalars, segment: segmentStart..<segmentEnd, bytes: bytes, offsets: offsets, codec: codec,
                       judge: judge, hypotheses: &hypotheses, into: &found)
                segmentStart = segmentEnd + 1
            }
        }
        // The best hypotheses that do not overlap.
        found.sort { $0.1 > $1.1 }
        var taken: [(WrongCodecRepair.Fix, Range<Int>)] = []
        for (fix, _, span) in found where !taken.contains(where: { $0.1.overlaps(span) }) {
            taken.append((fix, span))
        }
        return taken.map(\.0).sorted { $0.start < $1.start }
    }

    /// Judges the spans of one segment (characters that all encode into the wrong charset;
    /// `offsets[k]` is where the bytes of its `k`th character start).
    private func search(_ scalars: [Unicode.Scalar], segment: Range<Int>, bytes: [UInt8], offsets: [Int], codec: WrongCodec,
                        judge: WrongCodecRepair, hypotheses: inout Int,
                        into found: inout [(WrongCodecRepair.Fix, Float, Range<Int>)]) {
        guard segment.count >= 2 else { return }
        // The character that starts at each byte offset, or -1.
        var characterAt = [Int](repeating: -1, count: bytes.count + 1)
        for (index, offset) in offsets.enumerated() { characterAt[offset] = index }
        var reach = 0, freshStart = 0
        for index in 0..<segment.count where hypotheses < Self.maximumHypotheses {
            guard scalars[segment.lowerBound + index].value >= 0x80, (0xC2...0xF4).contains(bytes[offsets[index]]) else { continue }
            // Inside a span an earlier start walked, only its first few characters are
            // worth starting from (where the garble may really begin).
            if index < reach {
                guard index - freshStart <= Self.startsTried else { continue }
            } else {
                freshStart = index
            }
            // Walk well-formed UTF-8 from here, noting the character boundaries it passes.
            var at = offsets[index]
            var decoded: [Unicode.Scalar] = []
            var ends: [(end: Int, count: Int)] = []
            while at - offsets[index] < Self.maximumWalk, let (scalar, length) = Self.decodeUTF8(bytes, at: at) {
                decoded.append(scalar)
                at += length
                if characterAt[at] >= 0 { ends.append((characterAt[at], decoded.count)) }
                if at >= bytes.count { break }
            }
            if let last = ends.last { reach = max(reach, last.end) }
            // ASCII at the end reads the same either way.
            while let last = ends.last, scalars[segment.lowerBound + last.end - 1].value < 0x80 { ends.removeLast() }
            for (end, count) in ends.suffix(Self.endsTried) where end - index >= 2 {
                hypotheses += 1
                let new = Array(decoded.prefix(count))
                guard new.lazy.filter({ CharacterClass.isHan($0) }).count >= 2 else { continue }
                let lower = segment.lowerBound + index, upper = segment.lowerBound + end
                let old = scalars[lower..<upper]
                guard !old.elementsEqual(new), let gain = judge.judgeStretch(old: old, new: new, validUTF8: true) else { continue }
                let fix = WrongCodecRepair.Fix(start: lower, removed: String(String.UnicodeScalarView(old)),
                                               replacement: String(String.UnicodeScalarView(new)), codec: codec)
                found.append((fix, gain, lower..<upper))
            }
        }
    }

    /// The scalar of the well-formed UTF-8 sequence at `offset` and its length, or `nil`.
    static func decodeUTF8(_ bytes: [UInt8], at offset: Int) -> (Unicode.Scalar, Int)? {
        guard offset < bytes.count else { return nil }
        let lead = bytes[offset]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard offset + length <= bytes.count else { return nil }
        for index in 1..<length {
            let byte = bytes[offset + index]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let second = bytes[offset + 1]
        if lead == 0xE0 && second < 0xA0 || lead == 0xED && second > 0x9F || lead == 0xF0 && second < 0x90
            || lead == 0xF4 && second > 0x8F { return nil }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
