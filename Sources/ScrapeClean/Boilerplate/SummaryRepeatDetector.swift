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
        let labelled = Set(document.edits.filter { $0.rule == Self.labelRule }.map(\.line))
        var compacts: [Int: [Unicode.Scalar]] = [:]
        func compact(_ index: Int) -> [Unicode.Scalar] {
            if let known = compacts[index] { return known }
            let value = Array(LineShape.compact(document.lines[index].text).unicodeScalars)
            compacts[index] = value
            return value
        }
        var stop = false
        for (offset, index) in alive.prefix(12).enumerated() where !stop {
            let shape = LineShape(text: document.lines[index].text)
            guard shape.isBodySentence, !shape.isTitleLike else { continue }
            // Only the first paragraph can be an excerpt of what follows.
            defer { stop = true }
            var excerpt = compact(index)
            while let last = excerpt.last, last == "." || last == "…" { excerpt.removeLast() }
            guard excerpt.count >= 12 else { continue }
            // The text that follows (from one of the next three lines, so that a line such as
            // `原标题：…` may stand between), long enough to cover the excerpt.
            let isLabelled = labelled.contains(document.lines[index].origin)
            var repeats = false
            for start in (offset + 1)..<min(alive.count, offset + 4) where !repeats {
                var shared = 0
                var position = start
                scan: while position < alive.count, shared < excerpt.count {
                    for scalar in compact(alive[position]) {
                        guard shared < excerpt.count else { break scan }
                        guard scalar == excerpt[shared] else { break scan }
                        shared += 1
                    }
                    position += 1
                }
                repeats = shared == excerpt.count || isLabelled && shared >= min(30, excerpt.count)
            }
            if repeats {
                document.remove(index, rule: Self.id, note: "excerpt repeating the start of the body")
            }
        }
    }
}
