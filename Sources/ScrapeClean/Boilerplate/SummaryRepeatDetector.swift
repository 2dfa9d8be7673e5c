/// Removes an excerpt that repeats the start of the body: a line near the top whose text
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

    static func commonPrefixLength(_ a: String, _ b: String) -> Int {
        var count = 0
        for (x, y) in zip(a.unicodeScalars, b.unicodeScalars) {
            guard x == y else { break }
            count += 1
        }
        return count
    }

    func apply(to document: inout WorkingDocument) {
        let alive = document.aliveIndices
        let labelled = Set(document.edits.filter { $0.rule == Self.labelRule }.map(\.line))
        for (offset, index) in alive.prefix(12).enumerated() {
            var excerpt = LineShape.compact(document.lines[index].text)
            while let last = excerpt.last, last == "." || last == "…" || last == "。" && excerpt.hasSuffix("。。") {
                excerpt.removeLast()
            }
            guard excerpt.unicodeScalars.count >= 12, !LineShape(text: document.lines[index].text).isTitleLike else { continue }
            // The text that follows (from one of the next three lines, so that a line such as
            // `原标题：…` may stand between), long enough to cover the excerpt.
            let isLabelled = labelled.contains(document.lines[index].origin)
            var repeats = false
            for start in (offset + 1)..<min(alive.count, offset + 4) where !repeats {
                var following = ""
                for next in alive[start...] {
                    following += LineShape.compact(document.lines[next].text)
                    if following.unicodeScalars.count >= excerpt.unicodeScalars.count { break }
                }
                let shared = Self.commonPrefixLength(excerpt, following)
                repeats = shared == excerpt.unicodeScalars.count || isLabelled && shared >= min(30, excerpt.unicodeScalars.count)
            }
            if repeats {
                document.remove(index, rule: Self.id, note: "excerpt repeating the start of the body")
            }
        }
    }
}
