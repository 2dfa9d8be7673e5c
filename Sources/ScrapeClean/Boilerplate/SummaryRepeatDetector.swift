/// Removes an excerpt that repeats the start of the body: the first paragraph, when its text
/// (spacing ignored, a trailing `...`/`…` dropped) is the beginning of the text that follows
/// it. Labels such as `本文简介：` are cut by rules first; what is left is compared here.
///
/// ```
/// 同志們: 今天,我們召開第一書記選派工作會議。…今年是承上啟   ← removed (excerpt)
/// 同志們:
/// 今天,我們召開第一書記選派工作會議。…今年是承上啟下的關鍵之年…
/// ```
struct SummaryRepeatDetector {
    static let id = StructureDetectorID.summaryRepeat
    /// The rule that cuts excerpt labels (`本文摘要：`). A labelled excerpt goes when its first
    /// 30 characters open the body (the site may have cut the body's copy shorter).
    static let labelRule = "meta.excerpt-label"

    func apply(to document: inout WorkingDocument) {
        let alive = Array(document.aliveIndices.prefix(40))
        for (offset, index) in alive.prefix(12).enumerated() {
            let shape = LineShape(text: document.lines[index].text)
            guard shape.isBodySentence, !shape.isTitleLike else { continue }
            // Only the first paragraph can be an excerpt of what follows.
            if Self.repeatsWhatFollows(excerptAt: offset, of: alive, in: document) {
                document.remove(index, rule: Self.id, note: "excerpt repeating the start of the body")
            }
            return
        }
    }

    /// Whether the paragraph `alive[offset]` (compacted, a trailing `...`/`…` dropped, 12
    /// characters or more) is the start of the text that follows: from one of the next three
    /// lines (so that a line such as `原标题：…` may stand between), long enough to cover it.
    /// The lines that follow are compacted only as far as they agree with it.
    private static func repeatsWhatFollows(excerptAt offset: Int, of alive: [Int], in document: WorkingDocument) -> Bool {
        let line = document.lines[alive[offset]]
        var excerpt = CompactText.values(of: line.text)
        while let last = excerpt.last, last == 0x2E || last == 0x2026 { excerpt.removeLast() } // . …
        guard excerpt.count >= 12 else { return false }
        let isLabelled = document.edits.contains { $0.rule == Self.labelRule && $0.line == line.origin }
        for start in (offset + 1)..<min(alive.count, offset + 4) {
            var shared = 0
            var position = start
            while position < alive.count, shared < excerpt.count {
                var agrees = true
                CompactText.forEachValue(of: document.lines[alive[position]].text) { value in
                    guard shared < excerpt.count else { return false }
                    guard value == excerpt[shared] else { agrees = false; return false }
                    shared += 1
                    return true
                }
                guard agrees else { break }
                position += 1
            }
            if shared == excerpt.count || isLabelled && shared >= min(30, excerpt.count) { return true }
        }
        return false
    }
}
