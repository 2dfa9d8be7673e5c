import Foundation

/// Removes the run of short link-like lines at the end of a document: related-article titles,
/// dates, counters, footers. Walking back from the end (or from a line a rule already cut to
/// the document end), a line goes while it is short (60 characters or fewer) and does not end
/// like a sentence; the walk stops at the first sentence, at a salutation, and at the title.
/// Without a rule having marked the tail, the run must be at least three lines long. A
/// signature date (`2023年5月1日` alone) stops the walk, and so does a lead-in of six or more Han
/// characters ending in a colon, and a heading or list item (`三、要点`, `- 多喝水`). A tail block follows a body: when no
/// line above the run reads as a body paragraph (``LineShape/isBodySentence``, 20 or more Han
/// characters: not a login prompt's question), the run is the
/// page's content (a schedule table, a list, a poem) and stays.
///
/// ```
/// 尼康D80拥有不俗的性能……(keeps: ends with 。)
/// 尼康 D80套机          ← removed
/// 82672760、82675803    ← removed
/// 28 16:39              ← removed
/// ```
struct NavigationBlockDetector {
    static let id = StructureDetectorID.navigationBlock

    /// `2023年5月1日` alone on a line: the date under a signature, which ends a letter or a
    /// notice and stops the walk (the issuing office above it stays too).
    static func isSignatureDate(_ text: String) -> Bool {
        let compact = LineShape.compact(text)
        guard compact.unicodeScalars.last == "日" else { return false }
        return signatureDate.firstMatch(in: compact, range: NSRange(location: 0, length: compact.utf16.count)) != nil
    }

    /// Compiled once (`String.range(of:options: .regularExpression)` compiled it per line).
    private static let signatureDate = try! NSRegularExpression(
        pattern: #"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$"#)

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
            if shape.hasFullStop || Self.isSignatureDate(line.text) { break }
            // A lead-in ending in a colon introduces what follows (`就是经不起放大：`): text, not a
            // link title. (A comma proves nothing: related titles cut to a width carry them.)
            if shape.endsWithColon && shape.hanCount >= 6 { break }
            // A heading or list item of the text (`三、写作规范要点`, `- 发烧持续超过3天不退`).
            if Enumerator.startsHeadingOrItem(line.text) { break }
            run.append(index)
        }
        guard !run.isEmpty, tailMarked || run.count >= 3 else { return }
        let firstOfRun = run.last!
        let bodyAbove = alive.lazy.prefix { $0 < firstOfRun }.contains {
            let shape = LineShape(text: document.lines[$0].text)
            return shape.isBodySentence && shape.hanCount >= 20
        }
        guard bodyAbove else { return }
        for index in run.reversed() {
            document.remove(index, rule: Self.id, note: "short link-like lines at the end")
        }
    }
}
