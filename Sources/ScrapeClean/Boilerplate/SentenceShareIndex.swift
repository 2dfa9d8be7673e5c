/// Prefix counts over a line's normalized scalars that answer
/// ``LineShape/sentenceShare(of:outside:)`` for any suffix of the line in constant time, so that
/// the guard of every successive truncation notice on a long line costs nothing extra.
///
/// ```swift
/// let scalars = Array("甲乙。丙(省略)丁，".unicodeScalars)
/// let index = SentenceShareIndex(scalars)
/// index.share(from: 3, outside: 4..<8)   // LineShape.sentenceShare(of: Array(scalars[3...]), outside: 1..<5)
/// ```
struct SentenceShareIndex {
    /// `han[i]`: Han characters in `scalars[..<i]`.
    private let han: [Int32]
    /// `lastStopBefore[i]`: the last clause-ending punctuation before `i`, or -1.
    private let lastStopBefore: [Int32]
    /// `nextStopFrom[i]`: the first clause-ending punctuation at or after `i`, or the count.
    private let nextStopFrom: [Int32]
    private let count: Int

    init(_ scalars: [Unicode.Scalar]) {
        let count = scalars.count
        var han = [Int32](repeating: 0, count: count + 1)
        var lastStopBefore = [Int32](repeating: -1, count: count + 1)
        var running: Int32 = 0
        var lastStop: Int32 = -1
        for (index, scalar) in scalars.enumerated() {
            han[index] = running
            lastStopBefore[index] = lastStop
            if CharacterClass.isHan(scalar.value) { running += 1 }
            if Self.endsClause(scalar.value) { lastStop = Int32(index) }
        }
        han[count] = running
        lastStopBefore[count] = lastStop
        var nextStopFrom = [Int32](repeating: Int32(count), count: count + 1)
        var nextStop = Int32(count)
        for index in stride(from: count - 1, through: 0, by: -1) {
            if Self.endsClause(scalars[index].value) { nextStop = Int32(index) }
            nextStopFrom[index] = nextStop
        }
        self.han = han
        self.lastStopBefore = lastStopBefore
        self.nextStopFrom = nextStopFrom
        self.count = count
    }

    /// The punctuation that closes a clause in ``LineShape/sentenceShare(of:outside:)``.
    static func endsClause(_ value: UInt32) -> Bool {
        switch value {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF0C, 0x2C: true
        default: false
        }
    }

    private func hanCount(_ lower: Int, _ upper: Int) -> Int {
        upper <= lower ? 0 : Int(han[upper] - han[lower])
    }

    /// `LineShape.sentenceShare(of: scalars[start...], outside: range)` with `range` given in
    /// whole-line indices (`start <= range.lowerBound`).
    func share(from start: Int, outside range: Range<Int>) -> Double {
        let total = hanCount(start, count)
        guard total > 0 else { return 0 }
        let last = Int(lastStopBefore[count]) // the line's last clause end
        var counted = 0
        // Han before the range whose clause closes before it.
        let closedBefore = Int(lastStopBefore[range.lowerBound])
        if closedBefore >= start { counted += hanCount(start, closedBefore) }
        // Han just before the range: their clause closes after it, unless punctuation inside
        // the range ends it first.
        if Int(nextStopFrom[range.lowerBound]) >= range.upperBound, last >= range.upperBound {
            counted += hanCount(max(closedBefore + 1, start), range.lowerBound)
        }
        // Han after the range, up to the last clause end.
        if last >= range.upperBound { counted += hanCount(range.upperBound, min(count, last + 1)) }
        return Double(counted) / Double(total)
    }
}
