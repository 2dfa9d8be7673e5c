/// What the line model's second tree set adds to a line's ``LineFeatures``: the first tree
/// set's scores (log-odds of chrome) of the lines around it. Chrome comes in blocks, so a short
/// line between two lines the first trees take for a menu is likely one more menu item, and a
/// short line among lines they take for body (a heading, a list item) likely body.
///
/// The context of line `i`, with `first[j]` the first trees' score of line `j`:
/// `first[i-2]`, `first[i-1]`, `first[i+1]`, `first[i+2]`; the largest and the mean of those
/// that exist; and the mean of `first` over the run of lines around `i` that do not read as
/// sentences (``LineMeasure/readsAsSentence``). A line the model may not remove
/// (``LineModelDetector/isCandidate(_:)``) is not scored and counts as ``bodyScore``; so do
/// the missing lines beyond the page's ends, and the run of a sentence line.
///
/// ```
/// 首页            first  3.1
/// 新闻            first  0.4   → prev1 3.1, next1 2.8, window max 3.1, run mean 2.1
/// 登录            first  2.8
/// 今天，我们召开全村干部大会。（a sentence: bodyScore, ends the run）
/// ```
struct LineContextFeatures {
    static let names = [
        "first_prev2", "first_prev1", "first_next1", "first_next2",
        "first_window_max", "first_window_mean", "first_run_mean",
    ]
    static let count = names.count
    /// The score standing for a line the first trees do not score (body by the guard, or beyond
    /// the page): far on the body side of anything they give.
    static let bodyScore: Float = -8

    /// The first trees' score of each line (``bodyScore`` for lines they do not score).
    let firstScores: [Float]
    /// The mean of ``firstScores`` over each line's run of lines that do not read as sentences
    /// (``bodyScore`` for a line that does).
    private let runMeans: [Float]

    /// `firstScores[i]` for line `i` (``bodyScore`` where it was not scored), `measures` the
    /// lines' measures (only ``LineMeasure/readsAsSentence`` is read, so the sentence counts
    /// suffice).
    init(firstScores: [Float], measures: [LineMeasure]) {
        precondition(firstScores.count == measures.count)
        self.firstScores = firstScores
        var means = [Float](repeating: Self.bodyScore, count: measures.count)
        var start = 0
        while start < measures.count {
            guard !measures[start].readsAsSentence else {
                start += 1
                continue
            }
            var end = start
            var sum: Double = 0
            while end < measures.count, !measures[end].readsAsSentence {
                sum += Double(firstScores[end])
                end += 1
            }
            let mean = Float(sum / Double(end - start))
            for line in start..<end { means[line] = mean }
            start = end
        }
        runMeans = means
    }

    /// Writes line `line`'s context into `out[offset..<offset + count]`.
    func fill(_ out: UnsafeMutableBufferPointer<Float>, at offset: Int, line: Int) {
        precondition(out.count >= offset + Self.count)
        let lines = firstScores.count
        @inline(__always) func first(_ index: Int) -> Float {
            index >= 0 && index < lines ? firstScores[index] : Self.bodyScore
        }
        out[offset] = first(line - 2)
        out[offset + 1] = first(line - 1)
        out[offset + 2] = first(line + 1)
        out[offset + 3] = first(line + 2)
        var largest = -Float.infinity
        var sum: Float = 0
        var present = 0
        for index in max(0, line - 2)..<min(lines, line + 3) where index != line {
            largest = max(largest, firstScores[index])
            sum += firstScores[index]
            present += 1
        }
        out[offset + 4] = present > 0 ? largest : Self.bodyScore
        out[offset + 5] = present > 0 ? sum / Float(present) : Self.bodyScore
        out[offset + 6] = runMeans[line]
    }
}
