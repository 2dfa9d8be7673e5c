/// Removes the run of short link-like lines at the end of a document: related-article titles,
/// dates, counters, footers. Walking back from the end (or from a line a rule already cut to
/// the document end), a line goes while it is short (60 characters or fewer) and does not end
/// like a sentence; the walk stops at the first sentence, at a salutation, and at the title.
/// Without a rule having marked the tail, the run must be at least three lines long.
///
/// ```
/// 尼康D80拥有不俗的性能……(keeps: ends with 。)
/// 尼康 D80套机          ← removed
/// 82672760、82675803    ← removed
/// 28 16:39              ← removed
/// ```
struct NavigationBlockDetector {
    static let id = StructureDetectorID.navigationBlock

    func apply(to document: inout WorkingDocument) {
        let alive = document.aliveIndices
        guard alive.count >= 2 else { return }
        let lastAlive = alive.last!
        let tailMarked = lastAlive + 1 < document.lines.count
            && document.lines[(lastAlive + 1)...].contains { $0.removedBy != nil && $0.removedCategory != "meta" }
        var run: [Int] = []
        for index in alive.reversed().dropLast() { // never the first line (the title)
            let line = document.lines[index]
            let shape = LineShape(text: line.text)
            if shape.endsWithSentenceFinal || shape.isSalutation || shape.length > 60 || line.noJoinAfter { break }
            if shape.hasFullStop { break }
            run.append(index)
        }
        guard !run.isEmpty, tailMarked || run.count >= 3 else { return }
        for index in run.reversed() {
            document.remove(index, rule: Self.id, note: "short link-like lines at the end")
        }
    }
}
