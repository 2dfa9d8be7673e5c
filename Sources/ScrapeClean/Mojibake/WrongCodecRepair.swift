/// Finds runs of a line garbled by a wrong charset (``WrongCodec``) and restores them, for a
/// whole line or a run inside an otherwise clean line.
///
/// Candidate runs are maximal runs of Latin-1/Windows-1252 letters (for text read as a Western
/// charset) or of Han characters around rare ones (for UTF-8 or Big5 read as GBK, GBK read as
/// Big5). Each family that applies is tried; a run is rewritten only when the result is common
/// Chinese and much more likely under ``HanFrequencyModel`` than the run.
///
/// ```swift
/// WrongCodecRepair().repair(line: "今天ä¸­æ–‡很好").text   // "今天中文很好"
/// ```
struct WrongCodecRepair: Sendable {
    struct Fix: Sendable, Equatable {
        var start: Int
        var removed: String
        var replacement: String
        var codec: WrongCodec
        /// Characters the bytes left open (lost or unknown bytes), chosen by the model.
        var guessed = 0
        /// Characters the bytes and the model could not settle, left out of `replacement`
        /// (positions are offsets into it).
        var lost: [LossyUTF8.Lost] = []
    }

    let model: HanFrequencyModel

    init(model: HanFrequencyModel = .shared) {
        self.model = model
    }

    /// The restored text must average at most this many nats per character…
    static let maximumAverageCost: Float = 9.5
    /// …and at least this many fewer than the garbled run.
    static let requiredAverageGain: Float = 3
    static let searchMargin = 4
    /// A Han character this dear (beyond the ~4,500 most frequent) is a strong hint on its own.
    static let veryRareCost: Float = 12.5
    /// For Han garbled into Han, at least this share of the result must form dictionary words.
    static let requiredWordCoverage: Float = 0.5
    /// A GBK or Big5 stretch restoring this many Han characters may hold a few rare ones
    /// (``judgeStretch(old:new:validUTF8:)``).
    static let longStretchHan = 16

    /// Repairs every garbled run of a line it can.
    /// `latin` and `han` choose which kinds of garbled runs are looked for.
    func repair(line: String, latin: Bool = true, han: Bool = true) -> (text: String, fixes: [Fix]) {
        var scalars = Array(line.unicodeScalars)
        var fixes = stretchFixes(&scalars, latin: latin, han: han)
        var searchFrom = fixes.last.map { $0.start + $0.replacement.unicodeScalars.count } ?? 0
        var rounds = 0
        while rounds < 64, let fix = nextFix(in: scalars, from: searchFrom, latin: latin, han: han) {
            rounds += 1
            let removedCount = fix.removed.unicodeScalars.count
            let replacement = Array(fix.replacement.unicodeScalars)
            scalars.replaceSubrange(fix.start..<(fix.start + removedCount), with: replacement)
            fixes.append(fix)
            searchFrom = fix.start + replacement.count
        }
        if han { fixes += spanFixes(&scalars, after: fixes) }
        fixes += edgeFixes(&scalars, lineCount: line.unicodeScalars.count, after: fixes)
        guard !fixes.isEmpty else { return (line, []) }
        return (String(String.UnicodeScalarView(scalars)), fixes)
    }

    /// ASCII characters a run of the span searches goes on over.
    static let bridgedASCII = 2

    /// The last search: spans of UTF-8 read as a double-byte charset inside the runs of
    /// non-ASCII characters the other searches left alone (``UTF8SpanSearch``), where garble
    /// touches clean Chinese. Applies the fixes to `scalars`; each fix's start is where it
    /// applies after the fixes before it.
    private func spanFixes(_ scalars: inout [Unicode.Scalar], after earlier: [Fix]) -> [Fix] {
        var done = [Bool](repeating: false, count: scalars.count)
        for fix in earlier {
            let upper = min(scalars.count, fix.start + fix.replacement.unicodeScalars.count)
            if fix.start < upper { for index in fix.start..<upper { done[index] = true } }
        }
        var runs: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            guard !done[index], scalars[index].value >= 0x80 else { index += 1; continue }
            var end = index + 1
            while end < scalars.count, !done[end] {
                if scalars[end].value >= 0x80 || scalars[end] == "?" { end += 1; continue }
                // A run goes on over one or two ASCII signs or letters between non-ASCII
                // characters (攫,脤艘: garble a comma interrupts).
                var gap = end
                while gap < min(scalars.count, end + Self.bridgedASCII), !done[gap], scalars[gap].value < 0x80,
                      scalars[gap] != " " { gap += 1 }
                guard gap > end, gap < scalars.count, !done[gap], scalars[gap].value >= 0x80 else { break }
                end = gap
            }
            if end - index >= 2, end - index <= Self.maximumStretch { runs.append(index..<end) }
            index = end
        }
        let search = UTF8SpanSearch(model: model)
        var found: [Fix] = []
        for run in runs {
            let utf8 = search.fixes(in: scalars, run: run)
            found += utf8
            // Then Han garbled into Han, in what the UTF-8 spans left of the run.
            var lower = run.lowerBound
            for fix in utf8 + [Fix(start: run.upperBound, removed: "", replacement: "", codec: .utf8AsGBK)] {
                if fix.start - lower >= 2 { found += hanSpanFixes(in: scalars, run: lower..<fix.start) }
                lower = fix.start + fix.removed.unicodeScalars.count
            }
        }
        Self.apply(&found, to: &scalars)
        return found
    }

    /// Sorts `fixes` (starts in the line as it was, not overlapping), applies them to `scalars`
    /// and moves each start to where its replacement now begins.
    private static func apply(_ fixes: inout [Fix], to scalars: inout [Unicode.Scalar]) {
        fixes.sort { $0.start < $1.start }
        var shift = 0
        for index in fixes.indices {
            fixes[index].start += shift
            let start = fixes[index].start
            let removed = fixes[index].removed.unicodeScalars.count
            let replacement = Array(fixes[index].replacement.unicodeScalars)
            scalars.replaceSubrange(start..<(start + removed), with: replacement)
            shift += replacement.count - removed
        }
    }

    /// Stretches longer than this (in scalars) are left to the window search.
    static let maximumStretch = 4096

    /// The first search: hypotheses (codec, stretch) over whole stretches of the line, each
    /// undone strictly (every byte must encode into the wrong charset and decode in the right
    /// one) and judged by the model with one threshold (``judge(old:new:)``). A stretch is the
    /// whole line without its ASCII ends, a maximal run of Western characters (Latin-1,
    /// Windows-1252, C1 controls) with the ASCII between them, or a maximal run of non-ASCII
    /// characters. Damage that covers a line or a run whole is restored in one piece here,
    /// however short or however interrupted by ASCII punctuation and digits; what is left is
    /// for the window search. Applies the fixes to `scalars` and returns them in line order.
    private func stretchFixes(_ scalars: inout [Unicode.Scalar], latin: Bool, han: Bool) -> [Fix] {
        var stretches: [Range<Int>] = []
        var lower = 0
        while lower < scalars.count, scalars[lower].value < 0x80 { lower += 1 }
        var upper = scalars.count
        while upper > lower, scalars[upper - 1].value < 0x80 { upper -= 1 }
        guard upper - lower >= 2 else { return [] }
        // `?` after the last non-ASCII character may stand for its last bytes (a line cut
        // inside a character, read as GBK).
        var wholeUpper = upper
        while wholeUpper < scalars.count, scalars[wholeUpper] == "?" { wholeUpper += 1 }
        // A GBK trail byte may be the ASCII letter or sign that ends the line (地區 read as
        // µØ…^): the whole line with it comes first.
        if latin, wholeUpper == upper, upper < scalars.count, (0x40...0x7E).contains(scalars[upper].value),
           Self.isLatinGarble(scalars[upper - 1].value), upper + 1 - lower <= Self.maximumStretch {
            stretches.append(lower..<(upper + 1))
        }
        if wholeUpper - lower <= Self.maximumStretch { stretches.append(lower..<wholeUpper) }
        var index = lower
        var hanCovered = lower
        while index < upper {
            let value = scalars[index].value
            if latin, Self.isLatinGarble(value), value != 0xB7 {
                var end = index + 1
                var lastHigh = index
                while end < upper, scalars[end].value < 0x80 || Self.isLatinGarble(scalars[end].value) {
                    if scalars[end].value >= 0x80 { lastHigh = end }
                    end += 1
                }
                // A GBK trail byte may be an ASCII letter or sign just after the last high one.
                var last = lastHigh + 1
                if last < scalars.count, (0x40...0x7E).contains(scalars[last].value) { last += 1 }
                if last - index >= 2, !(index == lower && last >= upper) { stretches.append(index..<last) }
                index = end
                continue
            }
            if han, value >= 0x80 || value == 0x3F, !Self.isLatinGarble(value) {
                // Inside a run already taken (after its Western garble): no new run starts here.
                if index < hanCovered { index += 1; continue }
                var end = index + 1
                while end < upper, scalars[end].value >= 0x80 || scalars[end] == "?" { end += 1 }
                // `?` after the run may stand for its last bytes.
                while end < scalars.count, scalars[end] == "?" { end += 1 }
                // The run across one or two ASCII signs, letters or digits (no space) to more
                // non-ASCII text comes first: a GBK character's second byte may be an ASCII
                // letter, and UTF-8 read as GBK runs on across it (鐨凱2P缃戣 for 的P2P网贷).
                var bridged = end
                while bridged < upper {
                    var gap = bridged
                    while gap < min(upper, bridged + Self.bridgedASCII), scalars[gap].value > 0x20, scalars[gap].value < 0x80,
                          scalars[gap] != "?" { gap += 1 }
                    guard gap > bridged, gap < upper, scalars[gap].value >= 0x80 else { break }
                    bridged = gap
                    while bridged < upper, scalars[bridged].value >= 0x80 || scalars[bridged] == "?" { bridged += 1 }
                }
                if bridged > end, !(index == lower && bridged == upper), bridged - index <= Self.maximumStretch {
                    stretches.append(index..<bridged)
                }
                if end - index >= 2, !(index == lower && end == upper), end - index <= Self.maximumStretch {
                    stretches.append(index..<end)
                }
                // Western garble inside the run starts a stretch of its own (咖啡å»³æ•ˆ: the run
                // of non-ASCII characters holds the clean 咖啡 too).
                hanCovered = end
                if latin, let western = (index..<end).first(where: { Self.isLatinGarble(scalars[$0].value) }) {
                    index = western
                } else {
                    index = end
                }
                continue
            }
            index += 1
        }
        var fixes: [Fix] = []
        var covered = -1
        for stretch in stretches where stretch.lowerBound >= covered {
            let next = stretch.upperBound < scalars.count ? scalars[stretch.upperBound] : nil
            let wholeLine = stretch.lowerBound == lower && stretch.upperBound >= upper
            guard var fix = bestStretchFix(scalars[stretch], next: next, latin: latin, han: han, wholeLine: wholeLine)
            else { continue }
            if Self.convertsCharacterForCharacter(fix.codec) {
                guard let trimmed = trimmingCleanEnds(of: stretch, new: Array(fix.replacement.unicodeScalars), in: scalars)
                else { continue }
                fix = Fix(start: trimmed.range.lowerBound, removed: String(String.UnicodeScalarView(scalars[trimmed.range])),
                          replacement: String(String.UnicodeScalarView(trimmed.new)), codec: fix.codec)
            }
            fixes.append(fix)
            covered = stretch.upperBound
        }
        guard !fixes.isEmpty else { return [] }
        Self.apply(&fixes, to: &scalars)
        return fixes
    }

    /// The best codec that restores `stretch` whole, if any passes the judge. When none does
    /// strictly, the stretch without a punctuation mark at either end (“ ” • 、, clean text
    /// beside the garble: 做足“(æ¸”å…‰ for 做足“(渔光) is tried strictly, with the pairs that
    /// restore UTF-8, before their lossy readings, which would take the mark for the last bytes of a character whose first
    /// ones were lost (“ read as 0x93 of 員).
    /// `next` is the scalar after the stretch, if any (what a lost byte at its end stood before).
    private func bestStretchFix(_ stretch: ArraySlice<Unicode.Scalar>, next: Unicode.Scalar?, latin: Bool, han: Bool,
                                wholeLine: Bool = false) -> Fix? {
        if let fix = strictStretchFix(stretch, latin: latin, han: han, wholeLine: wholeLine) { return fix }
        let trimStart = stretch.count > 2 && Self.isCleanNeighbourMark(stretch.first!.value)
        let trimEnd = stretch.count > 2 && Self.isCleanNeighbourMark(stretch.last!.value)
        let lower = stretch.startIndex + (trimStart ? 1 : 0), upper = stretch.endIndex - (trimEnd ? 1 : 0)
        if trimStart || trimEnd, upper - lower >= 2 {
            var trimmed: [Range<Int>] = []
            if trimStart { trimmed.append(lower..<stretch.endIndex) }
            if trimEnd { trimmed.append(stretch.startIndex..<upper) }
            if trimStart && trimEnd { trimmed.append(lower..<upper) }
            var best: (Fix, Float)?
            for range in trimmed {
                // ASCII left at an end after the trim reads the same either way.
                var inner = range
                while inner.count >= 2, stretch[inner.lowerBound].value < 0x80 { inner = (inner.lowerBound + 1)..<inner.upperBound }
                while inner.count >= 2, stretch[inner.upperBound - 1].value < 0x80 { inner = inner.lowerBound..<(inner.upperBound - 1) }
                // At least two Han characters, as the lossy readings need (‘café€” is no 途).
                guard inner.count >= 2, let fix = strictStretchFix(stretch[inner], latin: latin, han: han, utf8Only: true),
                      fix.replacement.unicodeScalars.lazy.filter({ CharacterClass.isHan($0) }).count >= 2,
                      case let gain = model.totalCost(of: stretch[inner]) - model.totalCost(of: fix.replacement.unicodeScalars),
                      best == nil || gain > best!.1 else { continue }
                best = (fix, gain)
            }
            if let best { return best.0 }
        }
        return lossyStretchFix(stretch, next: next, latin: latin, han: han)
    }

    /// Punctuation of clean Chinese text that also stands in garble (Windows-1252's curly
    /// quotes, dashes and bullet; GBK's 、 and full-width signs read as a UTF-8 trail).
    static func isCleanNeighbourMark(_ value: UInt32) -> Bool {
        CharacterClass.isCJKPunctuation(value) || value == 0x2022 || value == 0x2013
    }

    /// ``bestStretchFix(_:next:latin:han:)`` without the lossy readings; with `utf8Only`, only the
    /// codec pairs that restore UTF-8 (whose lossy readings the trimmed stretch competes with).
    /// `wholeLine`: the stretch is the whole line without its ASCII ends (``readsAsWords(old:new:wholeStretch:wholeLine:)``).
    private func strictStretchFix(_ stretch: ArraySlice<Unicode.Scalar>, latin: Bool, han: Bool, utf8Only: Bool = false,
                                  wholeLine: Bool = false) -> Fix? {
        let run = String(String.UnicodeScalarView(stretch))
        var best: (Fix, Float)?
        for codec in WrongCodec.allCases where (codec.garbledAsLatin ? latin : han) && (!utf8Only || codec.restoresUTF8) {
            // Clean text read back as bytes fails UTF-8 within a character or two: the table
            // says so without the round trip through ICU.
            if codec.restoresUTF8, Self.tableBytesFailUTF8(stretch, codec: codec) { continue }
            guard let restored = codec.undo(run) else { continue }
            let new = Array(restored.unicodeScalars)
            guard new.lazy.filter({ CharacterClass.isHan($0) }).count >= (codec.restoresUTF8 ? 1 : 3) else { continue }
            // Han read as Han through two double-byte charsets: common characters come out of any
            // byte soup, so the result must also read as words.
            if !codec.restoresUTF8, !readsAsWords(old: stretch, new: new, wholeStretch: true, wholeLine: wholeLine) { continue }
            if let gain = judgeStretch(old: stretch, new: new, validUTF8: codec.restoresUTF8), best == nil || gain > best!.1 {
                best = (Fix(start: stretch.startIndex, removed: run, replacement: restored, codec: codec), gain)
            }
        }
        return best?.0
    }

    /// Whether the bytes `codec` wrongly decoded `stretch` from, as its two-byte table gives them,
    /// hold a sequence that is not well-formed UTF-8, so that ``WrongCodec/undo(_:)`` must fail.
    /// `false` (the round trip decides) for codecs without a table and as soon as a character
    /// has no two-byte code there (GB18030's four-byte codes, Shift_JIS's half-width kana) or
    /// ICU's encoder gives it another code (``GBKTable/encodesAsICU(_:)``); a sequence cut by the
    /// end of the stretch counts as undecided too.
    static func tableBytesFailUTF8(_ stretch: ArraySlice<Unicode.Scalar>, codec: WrongCodec) -> Bool {
        let table: GBKTable
        switch codec {
        case .utf8AsGBK: table = .gb18030
        case .utf8AsBig5: table = .big5
        case .utf8AsShiftJIS: table = .shiftJIS
        case .utf8AsEUCKR: table = .eucKR
        default: return false
        }
        var reader = UTF8SequenceReader()
        for scalar in stretch {
            if scalar.value < 0x80 {
                if !reader.accepts(UInt8(scalar.value)) { return true }
                continue
            }
            guard let code = table.encodesAsICU(scalar) else { return false }
            if !reader.accepts(UInt8(code >> 8)) || !reader.accepts(UInt8(code & 0xFF)) { return true }
        }
        return false
    }

    /// Whether at least 70% of the known bytes at or above 0x80 sit in well-formed UTF-8
    /// sequences, read greedily from the start. A sequence a lost byte cuts short, and the
    /// continuation bytes just after a lost byte, count neither way: they say nothing of
    /// whether the rest is UTF-8. Clean Chinese read back as GBK forms sequences only by chance
    /// (40% of its high bytes on average, above 70% in 0.3% of the labelled pages' stretches
    /// of 16 or more bytes); UTF-8 that lost bytes forms them everywhere else.
    static func isMostlyWellFormedUTF8(_ bytes: [LossyUTF8.Byte]) -> Bool {
        var high = 0
        var inSequences = 0
        var index = 0
        while index < bytes.count {
            guard case let .known(byte) = bytes[index] else {
                index += 1
                while index < bytes.count, case let .known(next) = bytes[index], next & 0xC0 == 0x80 { index += 1 }
                continue
            }
            guard byte >= 0x80 else { index += 1; continue }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            var end = index + 1
            if length > 0 {
                while end < index + length, end < bytes.count, case let .known(next) = bytes[end], next & 0xC0 == 0x80 { end += 1 }
            }
            if length > 0, end == index + length {
                inSequences += length
                high += length
            } else if length > 0, end < index + length, end < bytes.count, case .unknown = bytes[end] {
                // Cut short by a lost byte: neither evidence nor counter-evidence.
            } else {
                high += 1
                end = index + 1
            }
            index = end
        }
        return inSequences * 10 >= high * 7
    }

    /// Bytes Windows-1252 leaves undefined, which sloppy decoders drop.
    static let windows1252Undefined: [UInt8] = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    /// UTF-8 read as GBK or Windows-1252 with bytes lost: shown as `?` or U+FFFD, dropped, or
    /// cut at the ends of the run (``LossyUTF8``). Taken when the bytes themselves gave at
    /// least two characters and as many as the model chose, and the result passes ``judgeStretch(old:new:validUTF8:)``.
    ///
    /// Read as GBK, a `?` stands for one byte the decoder rejected before the next one
    /// (``LossyUTF8/Byte/rejected(next:)``): the next character's first byte, or the scalar
    /// after the stretch (`next`), narrows what it was.
    private func lossyStretchFix(_ stretch: ArraySlice<Unicode.Scalar>, next: Unicode.Scalar?, latin: Bool, han: Bool) -> Fix? {
        // Windows-1252 garble first when the stretch has its letters; a GBK stretch may hold
        // one too (GBK's pinyin letters ǎ ǐ sit in the Latin Extended blocks).
        if latin, stretch.contains(where: { Self.isHighLatin($0.value) }), let bytes = Self.windows1252Bytes(stretch),
           let fix = lossyFix(stretch, bytes: bytes, codec: .utf8AsWindows1252) {
            return fix
        }
        guard han, let bytes = Self.gbkBytes(stretch, next: next),
              // Clean Chinese read back as GBK forms UTF-8 sequences only by chance; UTF-8 that
              // lost a few bytes still forms them almost everywhere. Most stretches the first
              // search left are clean text of a flagged line, and the restoring search is costly.
              Self.isMostlyWellFormedUTF8(bytes) else { return nil }
        return lossyFix(stretch, bytes: bytes, codec: .utf8AsGBK)
    }

    private func lossyFix(_ stretch: ArraySlice<Unicode.Scalar>, bytes: [LossyUTF8.Byte], codec: WrongCodec) -> Fix? {
        guard let restored = LossyUTF8(model: model).restore(bytes, droppable: codec == .utf8AsWindows1252 ? Self.windows1252Undefined : []),
              case let read = restored.scalars.lazy.filter({ $0.value >= 0x80 }).count - restored.guessed,
              read >= 2, read >= restored.guessed,
              judgeStretch(old: stretch, new: restored.scalars, validUTF8: true) != nil
        else { return nil }
        return Fix(start: stretch.startIndex, removed: String(String.UnicodeScalarView(stretch)),
                   replacement: String(String.UnicodeScalarView(restored.scalars)), codec: codec, guessed: restored.guessed,
                   lost: restored.lost)
    }

    /// The Windows-1252 bytes of `stretch` (`?` and U+FFFD unknown), or `nil`.
    static func windows1252Bytes(_ stretch: ArraySlice<Unicode.Scalar>) -> [LossyUTF8.Byte]? {
        var bytes: [LossyUTF8.Byte] = []
        bytes.reserveCapacity(stretch.count)
        for scalar in stretch {
            if scalar == "?" || scalar.value == 0xFFFD { bytes.append(.unknown); continue }
            if scalar.value < 0x100 { bytes.append(.known(UInt8(scalar.value))); continue }
            guard let byte = windows1252Byte(scalar.value) else { return nil }
            bytes.append(.known(byte))
        }
        return bytes
    }

    /// The GBK bytes of `stretch`, or `nil`. A `?` or U+FFFD is a byte the decoder rejected
    /// before the byte that follows it (``LossyUTF8/Byte/rejected(next:)``): the next
    /// character's first byte, or that of `next`, the scalar after the stretch.
    static func gbkBytes(_ stretch: ArraySlice<Unicode.Scalar>, next: Unicode.Scalar?) -> [LossyUTF8.Byte]? {
        let gbk = GBKTable.shared
        var bytes: [LossyUTF8.Byte] = []
        bytes.reserveCapacity(stretch.count * 2)
        var rejected: [Int] = []
        for scalar in stretch {
            if scalar == "?" || scalar.value == 0xFFFD {
                rejected.append(bytes.count)
                bytes.append(.unknown)
                continue
            }
            if scalar.value < 0x80 { bytes.append(.known(UInt8(scalar.value))); continue }
            if let code = gbk.encode(scalar) {
                bytes.append(.known(UInt8(code >> 8)))
                bytes.append(.known(UInt8(code & 0xFF)))
                continue
            }
            guard case let .bytes(encoded) = ICU.encode(String(scalar), charset: "GB18030"), encoded.count == 2 else { return nil }
            bytes.append(.known(encoded[0]))
            bytes.append(.known(encoded[1]))
        }
        var following: UInt8?
        if let next, next != "?", next.value != 0xFFFD {
            if next.value < 0x80 { following = UInt8(next.value) } else if let code = gbk.encode(next) { following = UInt8(code >> 8) }
        }
        for position in rejected {
            if position + 1 < bytes.count {
                if case let .known(byte) = bytes[position + 1] { bytes[position] = .rejected(next: byte) }
            } else if let following {
                bytes[position] = .rejected(next: following)
            }
        }
        return bytes
    }

    /// The Windows-1252 byte of a character above U+00FF, or `nil`.
    static func windows1252Byte(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x20AC: 0x80
        case 0x201A: 0x82
        case 0x0192: 0x83
        case 0x201E: 0x84
        case 0x2026: 0x85
        case 0x2020: 0x86
        case 0x2021: 0x87
        case 0x02C6: 0x88
        case 0x2030: 0x89
        case 0x0160: 0x8A
        case 0x2039: 0x8B
        case 0x0152: 0x8C
        case 0x017D: 0x8E
        case 0x2018: 0x91
        case 0x2019: 0x92
        case 0x201C: 0x93
        case 0x201D: 0x94
        case 0x2022: 0x95
        case 0x2013: 0x96
        case 0x2014: 0x97
        case 0x02DC: 0x98
        case 0x2122: 0x99
        case 0x0161: 0x9A
        case 0x203A: 0x9B
        case 0x0153: 0x9C
        case 0x017E: 0x9E
        case 0x0178: 0x9F
        default: nil
        }
    }

    /// The longest stretch of suspect characters one search window covers; longer garbled runs
    /// are repaired window by window.
    static let maximumSpan = 64

    /// Window searches allowed per call: a few, plus one per 32 characters, so that a line of
    /// noise with suspects everywhere costs linear time.
    static func searchBudget(forLength length: Int) -> Int { 8 + length / 32 }

    private func nextFix(in scalars: [Unicode.Scalar], from: Int, latin: Bool, han: Bool) -> Fix? {
        var index = from
        var budget = Self.searchBudget(forLength: scalars.count - from)
        while index < scalars.count, budget > 0 {
            let scalar = scalars[index]
            if latin, Self.isLatinGarble(scalar.value) {
                var end = index + 1
                while end < scalars.count {
                    let value = scalars[end].value
                    // A GBK trail byte may be an ASCII letter or sign after a high one, the
                    // middle dot (B7) included (·e˜O for 積極), though no run starts on it.
                    let previous = scalars[end - 1].value
                    if Self.isLatinGarble(value) || (value >= 0x40 && value <= 0x7E && (Self.isHighLatin(previous) || previous == 0xB7)) {
                        end += 1
                    } else {
                        break
                    }
                }
                budget -= 1
                if !isPinyinWord(scalars, start: index, end: end),
                   let fix = bestLatinFix(scalars, start: index, end: end) { return fix }
                index = end
                continue
            }
            if han, model.isSuspect(scalar), !Self.isLatinGarble(scalar.value) {
                budget -= 1
                let (fix, runEnd) = bestHanFix(scalars, around: index)
                if let fix { return fix }
                index = max(index + 1, runEnd)
                continue
            }
            index += 1
        }
        return nil
    }

    /// Whether the Latin run sits in a word of letters that reads as one pinyin syllable
    /// (`píng` in `評(píng)`): a reading, not garble.
    private func isPinyinWord(_ scalars: [Unicode.Scalar], start: Int, end: Int) -> Bool {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            CharacterClass.isASCIILetter(scalar.value) || PinyinSyllable.isToneLetter(scalar)
        }
        var lower = start
        while lower > 0, isLetter(scalars[lower - 1]) { lower -= 1 }
        var upper = start
        while upper < scalars.count, isLetter(scalars[upper]) || (upper < end && Self.isLatinGarble(scalars[upper].value) && isLetter(scalars[upper])) {
            upper += 1
        }
        guard upper >= end, upper > lower else { return false }
        return PinyinSyllable(scalars: scalars[lower..<upper]) != nil
    }

    private func bestLatinFix(_ scalars: [Unicode.Scalar], start: Int, end: Int) -> Fix? {
        guard scalars[start..<end].contains(where: { Self.isHighLatin($0.value) }) else { return nil }
        var best: (Fix, Float)?
        // Legitimate curly quotes and dashes may touch the run: try trimming them.
        for trimStart in 0...min(1, end - start - 1) {
            for trimEnd in 0...min(1, end - start - 1 - trimStart) {
                let lower = start + trimStart
                let upper = end - trimEnd
                guard upper - lower >= 2 else { continue }
                let run = String(String.UnicodeScalarView(scalars[lower..<upper]))
                for codec in WrongCodec.allCases where codec.garbledAsLatin {
                    guard let restored = codec.undo(run),
                          restored.unicodeScalars.lazy.filter({ CharacterClass.isHan($0) }).count >= 2 else { continue }
                    if let gain = judge(old: scalars[lower..<upper], new: Array(restored.unicodeScalars)),
                       best == nil || gain > best!.1 {
                        best = (Fix(start: lower, removed: run, replacement: restored, codec: codec), gain)
                    }
                }
            }
        }
        return best?.0
    }

    /// The best fix of the non-ASCII run holding the suspect character at `rare`, and the end
    /// of that run (every suspect character of the run is covered by one search).
    private func bestHanFix(_ scalars: [Unicode.Scalar], around rare: Int) -> (Fix?, Int) {
        // The run of non-ASCII characters holding the rare one.
        var runStart = rare
        while runStart > 0, scalars[runStart - 1].value >= 0x80, !CharacterClass.isCJKPunctuation(scalars[runStart - 1].value) {
            runStart -= 1
        }
        var runEnd = rare + 1
        while runEnd < scalars.count, scalars[runEnd].value >= 0x80, !CharacterClass.isCJKPunctuation(scalars[runEnd].value) {
            runEnd += 1
        }
        var lastRare = rare
        var suspects = 0
        var hard = false
        for position in rare..<min(runEnd, rare + Self.maximumSpan) where model.isSuspect(scalars[position]) {
            lastRare = position
            suspects += 1
            if !CharacterClass.isHan(scalars[position]) || model.cost(scalars[position]) > Self.veryRareCost { hard = true }
        }
        let lostByte = runEnd < scalars.count && scalars[runEnd] == "?"
        // Garbled runs are dense with odd characters; one moderately rare character in a clean
        // run is not worth the search.
        let span = lastRare - rare + 1
        guard hard || lostByte || (suspects >= 2 && suspects * 3 >= span) else { return (nil, runEnd) }
        var best: (Fix, Float)?
        // Big5 and GBK are both double-byte: a run converts character for character, so each
        // family converts the whole run once and the windows are slices of it.
        let regionStart = max(runStart, rare - Self.searchMargin)
        let regionEnd = min(runEnd, lastRare + 1 + Self.searchMargin)
        var aligned: [(WrongCodec, [Unicode.Scalar?])] = []
        for codec in [WrongCodec.big5AsGBK, .gbkAsBig5] {
            // ASCII converts to nothing here: a window is garble of double-byte characters.
            let converted: [Unicode.Scalar?] = scalars[regionStart..<regionEnd].map {
                $0.value < 0x80 ? nil : Self.convert($0, codec)
            }
            aligned.append((codec, converted))
        }
        // UTF-8 read as GBK: the garbled characters' GBK bytes are UTF-8 pieces; a window can
        // only start on a UTF-8 lead byte.
        let gbk = GBKTable.shared
        func startsUTF8Sequence(_ position: Int) -> Bool {
            // The first characters' GBK bytes must start a UTF-8 sequence (a dropped pair may
            // break it after the first character).
            var bytes: [UInt8] = []
            for index in position..<min(regionEnd, position + 3) {
                let scalar = scalars[index]
                if (0xE000...0xF8FF).contains(scalar.value) { return true }
                guard let code = gbk.encode(scalar) else { return false }
                bytes.append(UInt8(code >> 8))
                bytes.append(UInt8(code & 0xFF))
            }
            guard bytes.count >= 2, (0xE0...0xEF).contains(bytes[0]), (0x80...0xBF).contains(bytes[1]) else { return false }
            // After the first character a dropped pair may interrupt the sequence.
            return bytes.count < 4 || (0x80...0xBF).contains(bytes[2]) || (WrongCodec.firstInvalidUTF8(bytes) ?? Int.max) >= 3
        }
        for lower in regionStart...rare {
            let utf8Start = startsUTF8Sequence(lower)
            for upper in (lastRare + 1)...regionEnd where upper - lower >= 2 {
                var attempts: [(WrongCodec, [Unicode.Scalar]?, Int)] = aligned.map { codec, converted in
                    let slice = converted[(lower - regionStart)..<(upper - regionStart)]
                    return (codec, slice.contains(nil) ? nil : slice.map { $0! }, 0)
                }
                if utf8Start {
                    let run = String(String.UnicodeScalarView(scalars[lower..<upper]))
                    attempts.append((.utf8AsGBK, WrongCodec.undoUTF8AsGBK(run, lostTrailingByte: false, model: model)
                        .map { Array($0.unicodeScalars) }, 0))
                    if lostByte, upper == runEnd {
                        attempts.append((.utf8AsGBK, WrongCodec.undoUTF8AsGBK(run, lostTrailingByte: true, model: model)
                            .map { Array($0.unicodeScalars) }, 1))
                    }
                }
                for (codec, restored, extra) in attempts {
                    guard let new = restored else { continue }
                    let oldRun = scalars[lower..<(upper + extra)]
                    // Han read as other Han: common characters come out of any byte soup, so the
                    // result must also read as words.
                    guard new.count >= (codec == .utf8AsGBK ? 2 : 3), readsAsWords(old: oldRun, new: new) else { continue }
                    if let gain = judge(old: oldRun, new: new),
                       best == nil || gain > best!.1 {
                        let removed = String(String.UnicodeScalarView(oldRun))
                        let replacement = String(String.UnicodeScalarView(new))
                        best = (Fix(start: lower, removed: removed, replacement: replacement, codec: codec), gain)
                    }
                }
            }
        }
        return (best?.0, runEnd)
    }

    /// Whether a restoration of Han garbled into Han reads as words: at least
    /// ``requiredWordCoverage`` of its Han characters in dictionary words, or, when the garbled
    /// run forms no word at all and the restoration is much cheaper (``strongAverageGain``
    /// nats per character, a garbled run of rare characters become common ones), half that
    /// share: the dictionary lacks many words of ordinary text (它复制到, 属蛇). When the run is
    /// a whole stretch (`wholeStretch`: a line, or a run between ASCII, restored whole) that
    /// much cheaper, no word at all is needed if at least half of its non-ASCII characters are
    /// odd (``isOdd(_:)``): short restorations rarely form a dictionary word (等都是體, 由煙臺市),
    /// and a stretch converted whole into common text is evidence a window inside clean text
    /// is not (綫綫好 read as 鋪鋪疑).
    ///
    /// Two kana side by side are Japanese, not garble (GBK's kana are Big5's commonest
    /// characters: おはよう would read as 云反方丹, カタカナ as 千腔千瞧), when kana are at least
    /// one in ``kanaShareOfJapanese`` of the non-ASCII characters and the restoration holds fewer
    /// than ``longStretchHan`` Han characters (a long line converted whole into common words
    /// is no Japanese phrase), and no kana of ``obsoleteKana`` stands in the run.
    func readsAsWords(old: ArraySlice<Unicode.Scalar>, new: [Unicode.Scalar], wholeStretch: Bool = false,
                      wholeLine: Bool = false) -> Bool {
        if new.count < Self.longStretchHan || new.lazy.filter({ CharacterClass.isHan($0) }).count < Self.longStretchHan {
            var previousKana = false, pair = false, kanaCount = 0, nonASCII = 0
            for scalar in old {
                // ゐ ゑ ヰ ヱ left Japanese spelling in 1946 (盢みゑみ is 將心比心 read as GBK).
                if Self.obsoleteKana.contains(scalar.value) { pair = false; kanaCount = 0; break }
                let kana = (0x3041...0x30FA).contains(scalar.value)
                if kana, previousKana { pair = true }
                if kana { kanaCount += 1 }
                if scalar.value >= 0x80 { nonASCII += 1 }
                previousKana = kana
            }
            if pair, kanaCount * Self.kanaShareOfJapanese >= nonASCII { return false }
        }
        let coverage = model.wordCoverage(of: new)
        if coverage >= Self.requiredWordCoverage { return true }
        // The cheap tests first: most candidates of a flagged clean line fail here.
        if coverage < Self.requiredWordCoverage / 2 {
            guard wholeStretch else { return false }
            var nonASCII = 0, odd = 0
            for scalar in old where scalar.value >= 0x80 {
                nonASCII += 1
                if isOdd(scalar) { odd += 1 }
            }
            guard odd * 2 >= nonASCII else { return false }
        }
        let oldScalars = Array(old)
        // A whole line of double-byte garble (no ASCII letter: those stay letters, as in
        // m見m見 for mǎmǎ) converted strictly into common characters needs no more than the
        // judge's own gain; a run between ASCII needs more (朋玥玥 before `:` is a name, not
        // 攬則則).
        let required = wholeStretch && wholeLine && !old.contains(where: { CharacterClass.isASCIILetter($0.value) })
            ? Self.requiredAverageGain : Self.strongAverageGain
        return model.wordCoverage(of: oldScalars) == 0
            && model.averageCost(of: oldScalars) - model.averageCost(of: new) >= required
    }

    /// See ``readsAsWords(old:new:)``.
    static let strongAverageGain: Float = 6
    /// Kana modern Japanese no longer writes: a run holding one is no Japanese phrase.
    static let obsoleteKana: Set<UInt32> = [0x3090, 0x3091, 0x30F0, 0x30F1]
    /// Japanese text is at least this share kana (1 in 3): GBK read as Big5 scatters a pair of
    /// kana in a run of Han garble (窒※蚺啃游蟀カき輛勀 for 部“驻百村连千企进万), which is no
    /// Japanese phrase.
    static let kanaShareOfJapanese = 3

    /// The average-cost gain of replacing `old` with `new`, or `nil` if the replacement is not
    /// clearly common Chinese and clearly better.
    func judge(old: ArraySlice<Unicode.Scalar>, new: [Unicode.Scalar]) -> Float? {
        guard !new.isEmpty, new.contains(where: { CharacterClass.isHan($0) }) else { return nil }
        guard new.allSatisfy({ model.isCommon($0) && $0.value != 0xFFFD && !(0xE000...0xF8FF).contains($0.value) })
        else { return nil }
        let newAverage = model.averageCost(of: new)
        let oldAverage = model.averageCost(of: old)
        guard newAverage <= Self.maximumAverageCost, oldAverage - newAverage >= Self.requiredAverageGain else { return nil }
        return (oldAverage - newAverage) * Float(old.count)
    }

    /// ``judge(old:new:)`` for a whole stretch. When the restored bytes are well-formed UTF-8
    /// (strong evidence on its own), a few rare Han characters (one in eight) and symbols the
    /// model does not price (•, ●, 【】, one per two Han) may stand in the result; a symbol
    /// counts as a letter does in the average.
    ///
    /// When the bytes are GBK or Big5 (no validity check of their own), a stretch restoring at
    /// least ``longStretchHan`` Han characters may hold one rare Han character in sixteen and one
    /// symbol in four, but not at either end: a long line of traditional text has its 沖 or 檔,
    /// and that many characters forming common words are evidence enough. Shorter ones must be
    /// common throughout.
    func judgeStretch(old: ArraySlice<Unicode.Scalar>, new: [Unicode.Scalar], validUTF8: Bool) -> Float? {
        if !validUTF8, new.lazy.filter({ CharacterClass.isHan($0) }).count < Self.longStretchHan {
            return judge(old: old, new: new)
        }
        var han = 0, rareHan = 0, symbols = 0
        var total: Float = 0
        for (position, scalar) in new.enumerated() {
            let value = scalar.value
            if value == 0xFFFD || (0xE000...0xF8FF).contains(value) || value < 0x20 || (0x7F...0x9F).contains(value) { return nil }
            var cost = model.cost(scalar)
            if CharacterClass.isHan(scalar) {
                han += 1
                if cost > HanFrequencyModel.commonHanCost {
                    rareHan += 1
                    // Without a validity check, a rare character at an end is what a stretch
                    // taken one character too wide looks like (”W read as 擶).
                    if !validUTF8, position == 0 || position == new.count - 1 { return nil }
                }
            } else if cost > HanFrequencyModel.commonHanCost {
                symbols += 1
                cost = 9
            }
            total += cost
        }
        let (rareShare, symbolShare) = validUTF8 ? (8, 2) : (16, 4)
        guard han > 0, rareHan * rareShare <= han, symbols * symbolShare <= han else { return nil }
        // Word bonuses as in the garbled run's average (``HanFrequencyModel/totalCost(of:)``).
        for position in new.indices { total -= model.bonusEnding(at: position, in: new) }
        let newAverage = total / Float(new.count)
        let oldAverage = model.averageCost(of: old)
        guard newAverage <= Self.maximumAverageCost, oldAverage - newAverage >= Self.requiredAverageGain else { return nil }
        return (oldAverage - newAverage) * Float(old.count)
    }

    /// Latin-1 supplement and the extra Windows-1252 letters and signs.
    @inline(__always)
    static func isLatinGarble(_ value: UInt32) -> Bool {
        if value >= 0x80 && value <= 0xFF { return true }
        switch value {
        case 0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E, 0x192, 0x2C6, 0x2DC,
             0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2020, 0x2021,
             0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func isHighLatin(_ value: UInt32) -> Bool {
        (value >= 0x80 && value <= 0xFF && value != 0xB7) || (value >= 0x152 && value <= 0x2DC)
    }
}
