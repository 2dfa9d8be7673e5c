/// Prefix counts over a line's normalized scalars that answer
/// ``LineShape/sentenceShare(of:outside:)`` for any suffix of the line in constant time, so that
/// the guard of every successive truncation notice on a long line costs nothing extra.
///
/// The index holds two bits per scalar (Han? clause end?) and three counts per 64 scalars, so a
/// 16 MB line costs about 3 MB rather than three integer arrays as long as the line.
///
/// ```swift
/// let scalars = Array("甲乙。丙(省略)丁，".unicodeScalars)
/// let index = SentenceShareIndex(scalars)
/// index.share(from: 3, outside: 4..<8)   // LineShape.sentenceShare(of: Array(scalars[3...]), outside: 1..<5)
/// ```
struct SentenceShareIndex {
    /// Bit `i % 64` of word `i / 64`: scalar `i` is a Han character.
    private let hanBits: [UInt64]
    /// Bit `i % 64` of word `i / 64`: scalar `i` ends a clause (``endsClause(_:)``).
    private let stopBits: [UInt64]
    /// `hanBeforeBlock[b]`: Han characters before scalar `64 * b` (one entry per word, and one
    /// for the end).
    private let hanBeforeBlock: [Int32]
    /// `lastStopBeforeBlock[b]`: the last clause end before scalar `64 * b`, or -1.
    private let lastStopBeforeBlock: [Int32]
    /// `nextStopFromBlock[b]`: the first clause end at or after scalar `64 * b`, or the count.
    private let nextStopFromBlock: [Int32]
    private let count: Int

    init(_ scalars: [Unicode.Scalar]) {
        self.init(values: scalars.lazy.map(\.value))
    }

    /// Builds the index over the scalar values `values` (one pass).
    init(values: some Sequence<UInt32>) {
        var hanBits: [UInt64] = [], stopBits: [UInt64] = []
        var hanBeforeBlock: [Int32] = [], lastStopBeforeBlock: [Int32] = []
        var hanWord: UInt64 = 0, stopWord: UInt64 = 0
        var han: Int32 = 0, lastStop: Int32 = -1
        var index = 0
        for value in values {
            let bit = index & 63
            if bit == 0 {
                hanBeforeBlock.append(han)
                lastStopBeforeBlock.append(lastStop)
            }
            if CharacterClass.isHan(value) { hanWord |= 1 << UInt64(bit); han += 1 }
            if Self.endsClause(value) { stopWord |= 1 << UInt64(bit); lastStop = Int32(index) }
            index += 1
            if index & 63 == 0 {
                hanBits.append(hanWord)
                stopBits.append(stopWord)
                hanWord = 0
                stopWord = 0
            }
        }
        if index & 63 != 0 {
            hanBits.append(hanWord)
            stopBits.append(stopWord)
        }
        // The end: one entry more, for positions up to and including the count.
        hanBeforeBlock.append(han)
        lastStopBeforeBlock.append(lastStop)
        let count = index
        var nextStopFromBlock = [Int32](repeating: Int32(count), count: hanBeforeBlock.count)
        var nextStop = Int32(count)
        for block in stride(from: stopBits.count - 1, through: 0, by: -1) {
            let word = stopBits[block]
            if word != 0 { nextStop = Int32(block * 64 + word.trailingZeroBitCount) }
            nextStopFromBlock[block] = nextStop
        }
        self.hanBits = hanBits
        self.stopBits = stopBits
        self.hanBeforeBlock = hanBeforeBlock
        self.lastStopBeforeBlock = lastStopBeforeBlock
        self.nextStopFromBlock = nextStopFromBlock
        self.count = count
    }

    /// The punctuation that closes a clause in ``LineShape/sentenceShare(of:outside:)``.
    static func endsClause(_ value: UInt32) -> Bool {
        switch value {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF0C, 0x2C: true
        default: false
        }
    }

    /// Bits below `bit` of a word.
    @inline(__always)
    private static func below(_ bit: Int) -> UInt64 {
        bit == 0 ? 0 : UInt64.max >> UInt64(64 - bit)
    }

    /// Han characters in `scalars[..<position]` (`position <= count`).
    private func hanBefore(_ position: Int) -> Int {
        let block = position >> 6, bit = position & 63
        var han = Int(hanBeforeBlock[block])
        if bit != 0 { han += (hanBits[block] & Self.below(bit)).nonzeroBitCount }
        return han
    }

    /// The last clause end before `position`, or -1 (`position <= count`).
    private func lastStopBefore(_ position: Int) -> Int {
        let block = position >> 6, bit = position & 63
        if bit != 0 {
            let word = stopBits[block] & Self.below(bit)
            if word != 0 { return block * 64 + 63 - word.leadingZeroBitCount }
        }
        return Int(lastStopBeforeBlock[block])
    }

    /// The first clause end at or after `position`, or the count (`position <= count`).
    private func nextStopFrom(_ position: Int) -> Int {
        let block = position >> 6, bit = position & 63
        guard block < stopBits.count else { return count }
        let word = stopBits[block] & ~Self.below(bit)
        if word != 0 { return block * 64 + word.trailingZeroBitCount }
        return Int(nextStopFromBlock[block + 1])
    }

    private func hanCount(_ lower: Int, _ upper: Int) -> Int {
        upper <= lower ? 0 : hanBefore(upper) - hanBefore(lower)
    }

    /// `LineShape.sentenceShare(of: scalars[start...], outside: range)` with `range` given in
    /// whole-line indices (`start <= range.lowerBound`).
    func share(from start: Int, outside range: Range<Int>) -> Double {
        let total = hanCount(start, count)
        guard total > 0 else { return 0 }
        let last = lastStopBefore(count) // the line's last clause end
        var counted = 0
        // Han before the range whose clause closes before it.
        let closedBefore = lastStopBefore(range.lowerBound)
        if closedBefore >= start { counted += hanCount(start, closedBefore) }
        // Han just before the range: their clause closes after it, unless punctuation inside
        // the range ends it first.
        if nextStopFrom(range.lowerBound) >= range.upperBound, last >= range.upperBound {
            counted += hanCount(max(closedBefore + 1, start), range.lowerBound)
        }
        // Han after the range, up to the last clause end.
        if last >= range.upperBound { counted += hanCount(range.upperBound, min(count, last + 1)) }
        return Double(counted) / Double(total)
    }
}
