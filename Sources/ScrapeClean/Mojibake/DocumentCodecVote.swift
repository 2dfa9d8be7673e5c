/// Whole-document damage: when a page was decoded with the wrong charset, every line of it went
/// through the same (codec pair), so the evidence of all its suspicious lines is pooled into one
/// hypothesis per ``WrongCodec`` and judged once, with the same threshold as a run
/// (``WrongCodecRepair/maximumAverageCost``, ``WrongCodecRepair/requiredAverageGain``).
///
/// A line judged alone must prove its own repair (every character common, words for Han read
/// as Han), which a short line, a line of traditional characters or a line with a `●` cannot.
/// Once the document as a whole has shown its codec pair, each of its lines only has to undo
/// strictly (every character encodes into the wrong charset and decodes in the right one) and
/// read better than it did.
///
/// ```swift
/// let vote = DocumentCodecVote()
/// let codec = vote.decide(["ÖÐÎÄÍøÕ¾", "¡ñÃÜÂëÃ÷ÎÄ´«Êä"])   // .gbkAsWindows1252
/// vote.restore("¡ñÃÜÂëÃ÷ÎÄ´«Êä", codec: codec!)              // "●密码明文传输"
/// ```
struct DocumentCodecVote: Sendable {
    let model: HanFrequencyModel

    init(model: HanFrequencyModel = .shared) {
        self.model = model
    }

    /// A document shows its codec pair only on at least this many suspicious lines…
    static let minimumLines = 2
    /// …restoring at least this many Han characters in all.
    static let minimumHan = 12
    /// Lines longer than this (in scalars) do not vote (they are still restored).
    static let maximumVotingLine = 4096
    /// At most this many suspicious lines vote: the vote costs a bounded amount per document.
    static let maximumVoters = 64
    /// …and they stop once they hold this many scalars: a few lines show a page's codec pair,
    /// and every pair is tried on every ballot.
    static let maximumVotingScalars = 2048

    /// The codec pair that restores the document's suspicious `lines` as a whole, or `nil`.
    ///
    /// Every lossless pair is tried on every voting line; lines it cannot undo count against
    /// it (at least three lines in four must undo). The pooled result must be common Chinese by
    /// the run threshold, hold few rare characters (one Han character in eight), and, for Han
    /// read as Han, form dictionary words.
    ///
    /// With `latin` false the pairs whose garble is Latin letters (``WrongCodec/garbledAsLatin``)
    /// are not tried, with `han` false the others: the caller knows which the lines show.
    func decide(_ lines: some Sequence<String>, latin: Bool = true, han: Bool = true) -> WrongCodec? {
        var ballots: [[Unicode.Scalar]] = []
        var voting = 0
        for line in lines where ballots.count < Self.maximumVoters && voting < Self.maximumVotingScalars {
            let scalars = Array(line.unicodeScalars)
            if scalars.count <= Self.maximumVotingLine, scalars.contains(where: { $0.value >= 0x80 }) {
                ballots.append(scalars)
                voting += scalars.count
            }
        }
        guard ballots.count >= Self.minimumLines else { return nil }
        var best: (WrongCodec, Float)?
        for codec in WrongCodec.allCases where codec.garbledAsLatin ? latin : han {
            var undone = 0, failed = 0, han = 0, rareHan = 0, covered: Float = 0, count = 0
            var oldTotal: Float = 0, newTotal: Float = 0
            for old in ballots {
                guard let new = restoreScalars(old, codec: codec) else { failed += 1; continue }
                undone += 1
                oldTotal += model.totalCost(of: old)
                newTotal += model.totalCost(of: new)
                count += old.count
                let lineHan = new.lazy.filter { CharacterClass.isHan($0) }.count
                han += lineHan
                rareHan += new.lazy.filter { CharacterClass.isHan($0) && self.model.cost($0) > HanFrequencyModel.commonHanCost }.count
                covered += model.wordCoverage(of: new) * Float(lineHan)
                // Fail early: a codec that cannot undo a quarter of the lines loses.
                if failed * 4 > ballots.count { break }
            }
            guard undone >= Self.minimumLines, failed * 4 <= ballots.count, han >= Self.minimumHan,
                  rareHan * 8 <= han, count > 0 else { continue }
            if !codec.restoresUTF8, covered / Float(han) < WrongCodecRepair.requiredWordCoverage { continue }
            let oldAverage = oldTotal / Float(count)
            let newAverage = newTotal / Float(count)
            guard newAverage <= WrongCodecRepair.maximumAverageCost,
                  oldAverage - newAverage >= WrongCodecRepair.requiredAverageGain else { continue }
            let gain = oldTotal - newTotal
            if best == nil || gain > best!.1 { best = (codec, gain) }
        }
        return best?.0
    }

    /// `line` with `codec` undone, when the document's pair is `codec`: the line must undo
    /// strictly, hold Han characters and no replacement, private-use or control character, and
    /// read better (lower average cost) than it did.
    func restore(_ line: String, codec: WrongCodec) -> String? {
        restoreScalars(Array(line.unicodeScalars), codec: codec).map { String(String.UnicodeScalarView($0)) }
    }

    private func restoreScalars(_ old: [Unicode.Scalar], codec: WrongCodec) -> [Unicode.Scalar]? {
        guard old.contains(where: { $0.value >= 0x80 }),
              let restored = codec.undo(String(String.UnicodeScalarView(old))) else { return nil }
        let new = Array(restored.unicodeScalars)
        var han = false
        for scalar in new {
            let value = scalar.value
            if value == 0xFFFD || (0xE000...0xF8FF).contains(value) || (value < 0x20 && value != 0x09)
                || (0x7F...0x9F).contains(value) { return nil }
            if CharacterClass.isHan(scalar) { han = true }
        }
        guard han, model.averageCost(of: new) < model.averageCost(of: old) else { return nil }
        return new
    }
}
