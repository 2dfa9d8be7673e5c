/// The span search for Han garbled into Han (Big5 read as GBK, GBK read as Big5) inside a run of
/// non-ASCII text, where the garbled span touches clean Chinese (再次崛癬㎝い地チ族 for
/// 再次崛起和中華民族). Both charsets are double-byte, so a span converts character for
/// character and each hypothesis (codec pair, span) is a slice of the run converted once.
/// Without a validity check of their own the spans are pinned by the odd characters: a cluster
/// of suspect characters (rare Han, kana, symbols the model does not price) with at most
/// ``clusterGap`` ordinary ones between them, its ends moved by up to ``widening`` characters
/// either way, since a garbled character may happen to be common (泊 in 泊氟砆 for 眼睛被) and
/// a clean one rare (浸 after 砆﹀ for 被血). Every
/// hypothesis is judged as the window search judges Han read as Han: at least three characters,
/// read as words (``readsAsWords(old:new:)``), common and much cheaper (``judge(old:new:)``);
/// overlapping ones are ranked by what they save with two characters of context either side.
///
/// ```swift
/// let line = Array("再次崛癬㎝い地チ族偉大".unicodeScalars)
/// WrongCodecRepair().hanSpanFixes(in: line, run: 0..<line.count).first?.replacement   // "起和中華民族"
/// ```
extension WrongCodecRepair {
    /// Ordinary characters allowed between two odd ones of a cluster.
    static let clusterGap = 3
    /// Characters each end of a cluster is moved by, either way.
    static let widening = 2

    /// The fixes of Han garbled into Han inside `run` (a range of `scalars`), in line order and
    /// not overlapping.
    func hanSpanFixes(in scalars: [Unicode.Scalar], run: Range<Int>) -> [Fix] {
        // The odd characters' clusters.
        var clusters: [ClosedRange<Int>] = []
        for position in run where isOdd(scalars[position]) {
            if let last = clusters.last, position - last.upperBound <= Self.clusterGap + 1 {
                clusters[clusters.count - 1] = last.lowerBound...position
            } else {
                clusters.append(position...position)
            }
        }
        guard !clusters.isEmpty else { return [] }
        var found: [(Fix, Float)] = []
        for (codec, wrong, right) in [(WrongCodec.big5AsGBK, GBKTable.shared, GBKTable.big5),
                                      (.gbkAsBig5, GBKTable.big5HKSCS, GBKTable.shared)] {
            let converted: [Unicode.Scalar?] = scalars[run].map { scalar in
                if scalar.value < 0x80 { return scalar }
                guard let code = wrong.encode(scalar) ?? (codec == .gbkAsBig5 ? GBKTable.big5.encode(scalar) : nil)
                else { return nil }
                return right.decode(UInt8(code >> 8), UInt8(code & 0xFF))
            }
            for cluster in clusters {
                let firstEnd = cluster.upperBound + 1
                for lower in max(run.lowerBound, cluster.lowerBound - Self.widening)...min(cluster.upperBound, cluster.lowerBound + Self.widening) {
                    for upper in max(lower + 3, firstEnd - Self.widening)...max(lower + 3, min(run.upperBound, firstEnd + Self.widening)) where upper <= run.upperBound {
                        let slice = converted[(lower - run.lowerBound)..<(upper - run.lowerBound)]
                        guard upper - lower >= 3, !slice.contains(nil) else { continue }
                        let new = slice.map { $0! }
                        let old = scalars[lower..<upper]
                        guard !old.elementsEqual(new), new.lazy.filter({ CharacterClass.isHan($0) }).count >= 3,
                              readsAsWords(old: old, new: new), judge(old: old, new: new) != nil else { continue }
                        // An end character that forms a word with its clean neighbour outside
                        // (很 of 很難過) is clean text, unless its replacement does too.
                        if upper < scalars.count, model.wordBonus(old.last!, scalars[upper]) > 0,
                           model.wordBonus(new.last!, scalars[upper]) == 0 { continue }
                        if lower > 0, model.wordBonus(scalars[lower - 1], old.first!) > 0,
                           model.wordBonus(scalars[lower - 1], new.first!) == 0 { continue }
                        // Ranked in context: a clean neighbour taken into the span loses its
                        // words with the characters beside it (心裡很難過: 很 must stay).
                        let left = Array(scalars[max(0, lower - 2)..<lower])
                        let right = Array(scalars[upper..<min(scalars.count, upper + 2)])
                        let gain = model.totalCost(of: left + old + right) - model.totalCost(of: left + new + right)
                        found.append((Fix(start: lower, removed: String(String.UnicodeScalarView(old)),
                                          replacement: String(String.UnicodeScalarView(new)), codec: codec), gain))
                    }
                }
            }
        }
        found.sort { $0.1 > $1.1 }
        var taken: [Fix] = []
        for (fix, _) in found {
            let span = fix.start..<(fix.start + fix.removed.unicodeScalars.count)
            if !taken.contains(where: { ($0.start..<($0.start + $0.removed.unicodeScalars.count)).overlaps(span) }) {
                taken.append(fix)
            }
        }
        return taken.sorted { $0.start < $1.start }
    }

    /// A character that garble is made of: a suspect one (``HanFrequencyModel/isSuspect(_:)``),
    /// or a non-ASCII sign the model does not price (㎝, ⊿, ﹀).
    func isOdd(_ scalar: Unicode.Scalar) -> Bool {
        if model.isSuspect(scalar) { return true }
        return scalar.value >= 0x80 && !CharacterClass.isHan(scalar) && !model.isCommon(scalar)
    }
}
