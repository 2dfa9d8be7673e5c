/// Restores GBK text that lost one byte before it was decoded (a transfer or a cut dropped it):
/// from the lost byte on, the decoder pairs each character's trail byte with the next lead
/// byte, producing rare characters, until an ASCII byte or an undefined pair brings it back in
/// step. The place where it does is the mark this repair starts from: a `?` (or U+FFFD) for the
/// byte left alone, or an ASCII letter or sign that was really the trail byte of a character
/// (`鄉` is `E0 6C`, and `6C` is `l`).
///
/// For each place the byte may have been lost in the run of double-byte characters before the
/// mark, the run is read again in its own frame; the lost byte (and the byte behind a `?`) are
/// chosen among the values GBK allows next to the known byte, by ``HanFrequencyModel``. The best
/// reading replaces the run only when every character of it is common, half of them form
/// dictionary words, the run held a suspect character (or ends in `?`), and the reading is at
/// least ``requiredGain`` nats more likely than the run (more after a letter) after a penalty
/// for each byte chosen. The text as it is counts each character at most
/// ``HanFrequencyModel/commonHanCost``: a rare name is no evidence of damage.
///
/// ```swift
/// // 推動鄉村 in GBK is CD C6 84 D3 E0 6C B4 E5; with CD lost it reads 蛣余l村.
/// LostGBKByteRepair().repair(line: "做好工作，蛣余l村振興").text   // "做好工作，推動鄉村振興"
/// ```
struct LostGBKByteRepair: Sendable {
    struct Fix: Sendable, Equatable {
        /// Scalar offset of the rewritten run in the line as given to ``repair(line:)``.
        var start: Int
        var removed: String
        var replacement: String
        /// Bytes whose values were gone, chosen by the model (the lost byte, the byte behind a `?`).
        var guessed: Int
    }

    let model: HanFrequencyModel
    let gbk: GBKTable

    init(model: HanFrequencyModel = .shared, gbk: GBKTable = .shared) {
        self.model = model
        self.gbk = gbk
    }

    /// Minimum advantage, in nats after the penalties, of a reading over the run as it is.
    static let requiredGain: Float = 6
    /// Further gain asked of a reading that ends in a letter: a letter between Chinese characters
    /// is far weaker evidence than a `?` or a sign.
    static let letterMarkGain: Float = 4
    /// Share of a reading's characters that must form dictionary words with a neighbour.
    static let requiredWordCoverage: Float = 0.5
    /// Characters tried for each byte the model chooses.
    static let candidateCount = 8
    /// Penalty per byte whose value the model chose.
    static let guessPenalty: Float = 3
    /// Longest run before a mark considered, in characters.
    static let maximumRun = 48
    /// Marks examined per line: a few, plus one per 32 characters (linear time on hostile input).
    static func markBudget(forLength length: Int) -> Int { 8 + length / 32 }

    /// Repairs every run of the line that lost a byte and can be read again with confidence.
    func repair(line: String) -> (text: String, fixes: [Fix]) {
        var scalars = Array(line.unicodeScalars)
        var fixes: [Fix] = []
        var budget = Self.markBudget(forLength: scalars.count)
        var index = 1
        // The first scalar a new run may use (runs never reach into a repaired one).
        var floor = 0
        while index < scalars.count, budget > 0 {
            guard let mark = self.mark(at: index, in: scalars), isDoubleByte(scalars[index - 1]) else {
                index += 1
                continue
            }
            budget -= 1
            var start = index - 1
            while start > floor, index - start < Self.maximumRun, isDoubleByte(scalars[start - 1]) { start -= 1 }
            if let found = bestReading(of: start..<index, mark: mark, in: scalars) {
                let end = index + 1
                let removed = String(String.UnicodeScalarView(scalars[found.start..<end]))
                scalars.replaceSubrange(found.start..<end, with: found.text)
                fixes.append(Fix(start: found.start, removed: removed,
                                 replacement: String(String.UnicodeScalarView(found.text)), guessed: found.guessed))
                index = found.start + found.text.count
                floor = index
                continue
            }
            index += 1
        }
        guard !fixes.isEmpty else { return (line, []) }
        return (String(String.UnicodeScalarView(scalars)), fixes)
    }

    /// What the decoder did at a place where it came back in step: left a byte alone (`nil`:
    /// its value is gone) or read a trail byte as an ASCII letter (the letter's byte).
    private enum Mark {
        case lostValue
        case trail(UInt8)
    }

    private func mark(at index: Int, in scalars: [Unicode.Scalar]) -> Mark? {
        let value = scalars[index].value
        if value == 0x3F || value == 0xFFFD { return .lostValue }
        // A lone letter or sign that GBK allows as a trail byte (40-7E) between two Chinese
        // characters: the trail byte of one of them.
        guard (0x40...0x7E).contains(value), index + 1 < scalars.count,
              isDoubleByte(scalars[index + 1]) else { return nil }
        return .trail(UInt8(value))
    }

    private func isDoubleByte(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && gbk.encode(scalar) != nil
    }

    /// The best reading of `run` (double-byte characters) followed by `mark`, if one passes.
    private func bestReading(of run: Range<Int>, mark: Mark, in scalars: [Unicode.Scalar])
        -> (start: Int, text: [Unicode.Scalar], guessed: Int)? {
        let count = run.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 2)
        for scalar in scalars[run] {
            guard let code = gbk.encode(scalar) else { return nil }
            bytes.append(UInt8(code >> 8))
            bytes.append(UInt8(code & 0xFF))
        }
        // The characters of the shifted frame: trail byte j with lead byte j + 1.
        var shifted: [Unicode.Scalar?] = []
        shifted.reserveCapacity(max(0, count - 1))
        for j in 0..<max(0, count - 1) {
            let char = gbk.decode(bytes[2 * j + 1], bytes[2 * j + 2])
            shifted.append(char.flatMap { acceptable($0) ? $0 : nil })
        }
        // Hypotheses from the latest loss backwards: a loss at k needs shifted k ..< count-1.
        let before = Array(scalars[max(0, run.lowerBound - 2)..<run.lowerBound])
        let markEnd = run.upperBound + 1
        let after = Array(scalars[markEnd..<min(scalars.count, markEnd + 2)])
        let damaged = before + Array(scalars[run.lowerBound..<markEnd]) + after
        // One character rare enough to be a name (龘, 赟) is no evidence that a byte was lost.
        let damagedCost = model.totalCost(of: damaged, cappingEachAt: HanFrequencyModel.commonHanCost)
        let isLostValue = if case .lostValue = mark { true } else { false }
        let guessedAtMark = isLostValue ? 1 : 0
        // A `?` is evidence of its own; a sign (直接|下载) or a letter (A股, 维生素C片) between
        // Chinese characters is not, and a letter is the weakest.
        let markIsLetter = if case let .trail(byte) = mark { CharacterClass.isASCIILetter(UInt32(byte)) } else { false }
        var best: (cost: Float, start: Int, text: [Unicode.Scalar])?
        var suspectSeen = false
        var k = count - 1
        while k >= 0 {
            if model.isSuspect(scalars[run.lowerBound + k]) { suspectSeen = true }
            if k < count - 1, shifted[k] == nil { break }
            defer { k -= 1 }
            guard suspectSeen || isLostValue else { continue }
            let previous: Unicode.Scalar? = k > 0 ? scalars[run.lowerBound + k - 1] : before.last
            let middle = shifted[k..<(count - 1)].map { $0! }
            let finalLead = bytes[2 * count - 1]
            let prefix = before + Array(scalars[run.lowerBound..<(run.lowerBound + k)])
            // The characters with a chosen byte: a few candidates each, judged on the whole reading.
            let tails: [Unicode.Scalar]
            switch mark {
            case let .trail(byte):
                guard let char = gbk.decode(finalLead, byte), acceptable(char) else { continue }
                tails = [char]
            case .lostValue:
                tails = candidates(knownByte: finalLead, knownIsTrail: false, previous: middle.last, next: after.first)
            }
            for lostLead in [true, false] {
                let firsts = candidates(knownByte: bytes[2 * k], knownIsTrail: lostLead, previous: previous,
                                        next: middle.first ?? (tails.count == 1 ? tails[0] : nil))
                for first in firsts {
                    for tail in tails {
                        let text = [first] + middle + [tail]
                        guard readsAsWords(text, after: previous, before: after.first) else { continue }
                        let cost = model.totalCost(of: prefix + text + after) + Self.guessPenalty * Float(1 + guessedAtMark)
                        if best == nil || cost < best!.cost { best = (cost, run.lowerBound + k, text) }
                    }
                }
            }
        }
        guard let best, damagedCost - best.cost >= Self.requiredGain + (markIsLetter ? Self.letterMarkGain : 0) else { return nil }
        return (best.start, best.text, 1 + guessedAtMark)
    }

    /// Whether at least ``requiredWordCoverage`` of the reading's characters form dictionary
    /// words with a neighbour: any byte soup gives common characters, not words.
    private func readsAsWords(_ text: [Unicode.Scalar], after previous: Unicode.Scalar?, before next: Unicode.Scalar?) -> Bool {
        var covered = 0
        for index in text.indices {
            let left = index > 0 ? text[index - 1] : previous
            let right = index + 1 < text.count ? text[index + 1] : next
            if let left, model.wordBonus(left, text[index]) > 0 { covered += 1; continue }
            if let right, model.wordBonus(text[index], right) > 0 { covered += 1 }
        }
        return Float(covered) >= Self.requiredWordCoverage * Float(text.count)
    }

    /// The ``candidateCount`` common characters with `knownByte` as their trail (or lead) that
    /// cost least between `previous` and `next`, cheapest first.
    private func candidates(knownByte: UInt8, knownIsTrail: Bool, previous: Unicode.Scalar?, next: Unicode.Scalar?)
        -> [Unicode.Scalar] {
        var best: [(char: Unicode.Scalar, cost: Float)] = []
        best.reserveCapacity(Self.candidateCount + 1)
        for other in UInt8(0x40)...UInt8(0xFE) where other != 0x7F {
            if knownIsTrail && other < 0x81 { continue }
            let char = knownIsTrail ? gbk.decode(other, knownByte) : gbk.decode(knownByte, other)
            guard let char, acceptable(char) else { continue }
            var cost = model.cost(char)
            if let previous { cost -= model.wordBonus(previous, char) }
            if let next { cost -= model.wordBonus(char, next) }
            guard best.count < Self.candidateCount || cost < best[best.count - 1].cost else { continue }
            let position = best.firstIndex { cost < $0.cost } ?? best.count
            best.insert((char, cost), at: position)
            if best.count > Self.candidateCount { best.removeLast() }
        }
        return best.map(\.char)
    }

    /// A character a reading may hold: a Han character or a punctuation mark in common use.
    private func acceptable(_ char: Unicode.Scalar) -> Bool {
        model.isCommon(char)
    }
}
