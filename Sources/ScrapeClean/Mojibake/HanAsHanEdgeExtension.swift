/// The last step of ``WrongCodecRepair``: a restoration of Han garbled into Han (Big5 read as
/// GBK, GBK read as Big5) takes in the one or two garbled characters left at its edge: where
/// ASCII split them off (a lone character before `)` or `:` is too short for any search) or
/// where the searches' windows stopped short (网可查鎘？ for 网可查吗？).
/// Both charsets are double-byte, so a piece converts character for character with the codec
/// of the restoration beside it.
///
/// A piece of one or two non-ASCII characters, across at most ``edgeBridgedASCII`` ASCII signs,
/// letters or digits (no space: js333踢伈 for js333金沙), is taken when it converts into common
/// Han characters only and costs at least ``requiredAverageGain`` nats per character less, judged
/// in context (the two characters on each side): the judge's one threshold, for an odd
/// character (``isOdd(_:)``) as for an ordinary one (腔 beside 活动 for 的). Clean text never
/// gets here (only the neighbours of a repair are looked at), and a common character beside a
/// repair rarely becomes cheaper by that much.
///
/// ```swift
/// WrongCodecRepair().repair(line: "成考函授大专学历国家創＇鎘ˋ悝陓厙褫脤鎘？").text
/// // "成考函授大专学历国家承认吗？学信网可查吗？"
/// ```
extension WrongCodecRepair {
    /// The Han-as-Han codecs whose restorations take in their edges.
    static func convertsCharacterForCharacter(_ codec: WrongCodec) -> Bool {
        codec == .big5AsGBK || codec == .gbkAsBig5
    }

    /// One character converted with a Han-as-Han codec, or `nil`.
    static func convert(_ scalar: Unicode.Scalar, _ codec: WrongCodec) -> Unicode.Scalar? {
        if scalar.value < 0x80 { return scalar }
        switch codec {
        case .big5AsGBK:
            guard let code = GBKTable.shared.encode(scalar) else { return nil }
            return GBKTable.big5.decode(UInt8(code >> 8), UInt8(code & 0xFF))
        case .gbkAsBig5:
            guard let code = GBKTable.big5HKSCS.encode(scalar) ?? GBKTable.big5.encode(scalar) else { return nil }
            return GBKTable.shared.decode(UInt8(code >> 8), UInt8(code & 0xFF))
        default:
            return nil
        }
    }

    /// The edge pieces of the Han-as-Han restorations in `fixes` (applied in order to the line,
    /// giving `scalars`), as fixes on `scalars`; applies them to `scalars`.
    ///
    /// First the gaps between two of them (``gapPiece(at:in:owner:fixes:)``), then the pieces
    /// beside them.
    func edgeFixes(_ scalars: inout [Unicode.Scalar], lineCount: Int, after fixes: [Fix]) -> [Fix] {
        guard fixes.contains(where: { Self.convertsCharacterForCharacter($0.codec) }) else { return [] }
        // Which fix wrote each scalar of the result (-1: the line's own text).
        var owner = [Int](repeating: -1, count: lineCount)
        for (index, fix) in fixes.enumerated() {
            let removed = fix.removed.unicodeScalars.count
            guard fix.start >= 0, fix.start + removed <= owner.count else { return [] }
            owner.replaceSubrange(fix.start..<(fix.start + removed),
                                  with: repeatElement(index, count: fix.replacement.unicodeScalars.count))
        }
        guard owner.count == scalars.count else { return [] }
        var found: [Fix] = []
        // The gaps, before and after the edge pieces (which may leave one between them).
        func takeGaps() {
            var gapStart = 1
            while gapStart < scalars.count {
                if owner[gapStart] < 0, owner[gapStart - 1] >= 0,
                   let piece = gapPiece(at: gapStart, in: scalars, owner: owner, fixes: fixes) {
                    let old = scalars[piece]
                    let codec = fixes[owner[gapStart - 1]].codec
                    found.append(Fix(start: piece.lowerBound, removed: String(String.UnicodeScalarView(old)),
                                     replacement: String(String.UnicodeScalarView(old.map { Self.convert($0, codec)! })),
                                     codec: codec))
                    for position in piece { owner[position] = owner[gapStart - 1] }
                    gapStart = piece.upperBound
                    continue
                }
                gapStart += 1
            }
        }
        takeGaps()
        var index = 0
        while index < scalars.count {
            let fixIndex = owner[index]
            guard fixIndex >= 0 else { index += 1; continue }
            var end = index + 1
            while end < scalars.count, owner[end] == fixIndex { end += 1 }
            let codec = fixes[fixIndex].codec
            if Self.convertsCharacterForCharacter(codec) {
                for leftward in [true, false] {
                    if let piece = edgePiece(of: index..<end, leftward: leftward, in: scalars, owner: owner, codec: codec) {
                        let old = scalars[piece]
                        let new = old.map { Self.convert($0, codec)! }
                        found.append(Fix(start: piece.lowerBound, removed: String(String.UnicodeScalarView(old)),
                                         replacement: String(String.UnicodeScalarView(new)), codec: codec))
                        for position in piece { owner[position] = fixIndex }
                    }
                }
            }
            index = end
        }
        takeGaps()
        for fix in found {
            let new = Array(fix.replacement.unicodeScalars)
            scalars.replaceSubrange(fix.start..<(fix.start + new.count), with: new)
        }
        return found.sorted { $0.start < $1.start }
    }

    /// The piece beside `region` worth converting, if any: the two characters nearest to it
    /// across the ASCII gap, else the nearest one.
    private func edgePiece(of region: Range<Int>, leftward: Bool, in scalars: [Unicode.Scalar], owner: [Int],
                           codec: WrongCodec) -> Range<Int>? {
        // Across at most `edgeBridgedASCII` ASCII signs, letters or digits (no space), not written by a fix.
        var gap = 0
        var position = leftward ? region.lowerBound - 1 : region.upperBound
        while position >= 0, position < scalars.count, owner[position] < 0, scalars[position].value < 0x80,
              scalars[position] != " ", gap < Self.edgeBridgedASCII {
            gap += 1
            position += leftward ? -1 : 1
        }
        for length in [2, 1] {
            let lower = leftward ? position - length + 1 : position
            let upper = lower + length
            guard lower >= 0, upper <= scalars.count,
                  (lower..<upper).allSatisfy({ owner[$0] < 0 && scalars[$0].value >= 0x80 }) else { continue }
            let old = Array(scalars[lower..<upper])
            let converted = old.map { Self.convert($0, codec) }
            guard !converted.contains(nil) else { continue }
            let new = converted.map { $0! }
            guard new.allSatisfy({ CharacterClass.isHan($0) && model.isCommon($0) }), new != old else { continue }
            let left = Array(scalars[max(0, lower - 2)..<lower])
            let right = Array(scalars[upper..<min(scalars.count, upper + 2)])
            let gain = model.totalCost(of: left + old + right) - model.totalCost(of: left + new + right)
            if gain >= Self.requiredAverageGain * Float(length) { return lower..<upper }
        }
        return nil
    }

    /// Ordinary characters between two restorations of one Han-as-Han codec converted with it.
    static let maximumGap = 2

    /// The gap starting at `start` (just after a restoration) when it is at most ``maximumGap``
    /// non-ASCII characters up to a restoration of the same codec (哱鳩著毅推 restored as
    /// 玄恭 and 驾崩 around 著): the characters between two garbled pieces of one run are garbled
    /// too, so they are converted when every one becomes a common Han character, whatever
    /// their cost (著 for 帝 is the cheaper one).
    private func gapPiece(at start: Int, in scalars: [Unicode.Scalar], owner: [Int], fixes: [Fix]) -> Range<Int>? {
        let codec = fixes[owner[start - 1]].codec
        guard Self.convertsCharacterForCharacter(codec) else { return nil }
        var end = start
        while end < scalars.count, owner[end] < 0, end - start < Self.maximumGap {
            let value = scalars[end].value
            guard CharacterClass.isHan(value) else { return nil }
            end += 1
        }
        guard end < scalars.count, owner[end] >= 0, fixes[owner[end]].codec == codec else { return nil }
        for position in start..<end {
            guard let new = Self.convert(scalars[position], codec), CharacterClass.isHan(new), model.isCommon(new),
                  new != scalars[position] else { return nil }
        }
        return start..<end
    }
}

extension WrongCodecRepair {
    /// ASCII characters between a restoration and the piece at its edge: a name or number of
    /// the clean text (js333) may stand between two garbled pieces of one run.
    static let edgeBridgedASCII = 8

    /// What converting a clean end character must cost more in context before it is left out.
    static let cleanEndCost: Float = 5

    /// A Han-as-Han restoration of `range` of `scalars` (`new`, character for character) with
    /// the clean characters at its ends left out: an end character stays as it was when its
    /// conversion costs at least ``cleanEndCost`` nats more in context (two characters of the
    /// line on the outer side, two converted ones on the inner), where a stretch ran one
    /// character into the clean text beside the garble (据苀數…笢国 for 据统计…中国, read
    /// whole as 誹统计…中樓). On the generated cases a garbled end character's conversion costs
    /// at most 4.2 nats more than the garble (高 of 高秸綷 for 詢調閱); the clean ones 5.5 and 7.4.
    /// ASCII left at an end after the trim is left out too. Returns the trimmed range and its
    /// restoration, or `nil` when nothing of it is left to change.
    func trimmingCleanEnds(of range: Range<Int>, new: [Unicode.Scalar], in scalars: [Unicode.Scalar])
        -> (range: Range<Int>, new: [Unicode.Scalar])? {
        guard new.count == range.count else { return (range, new) }
        var lower = range.lowerBound, upper = range.upperBound
        func offset(_ position: Int) -> Int { position - range.lowerBound }
        func keepsOriginal(at position: Int, leftward: Bool) -> Bool {
            let old = scalars[position], converted = new[offset(position)]
            guard old != converted, old.value >= 0x80 else { return old.value < 0x80 }
            let outer: [Unicode.Scalar], inner: [Unicode.Scalar], delta: Float
            if leftward {
                outer = Array(scalars[max(0, position - 2)..<position])
                inner = Array(new[(offset(position) + 1)..<min(offset(upper), offset(position) + 3)])
                delta = model.totalCost(of: outer + [converted] + inner) - model.totalCost(of: outer + [old] + inner)
            } else {
                inner = Array(new[max(offset(lower), offset(position) - 2)..<offset(position)])
                outer = Array(scalars[(position + 1)..<min(scalars.count, position + 3)])
                delta = model.totalCost(of: inner + [converted] + outer) - model.totalCost(of: inner + [old] + outer)
            }
            return delta >= Self.cleanEndCost
        }
        while lower < upper, keepsOriginal(at: lower, leftward: true) { lower += 1 }
        while upper > lower, keepsOriginal(at: upper - 1, leftward: false) { upper -= 1 }
        guard upper > lower else { return nil }
        return (lower..<upper, Array(new[offset(lower)..<offset(upper)]))
    }
}

