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

    func apply(to document: inout WorkingDocument) {
        let alive = document.aliveIndices
        for (offset, index) in alive.prefix(12).enumerated() {
            var excerpt = LineShape.compact(document.lines[index].text)
            while let last = excerpt.last, last == "." || last == "…" || last == "。" && excerpt.hasSuffix("。。") {
                excerpt.removeLast()
            }
            guard excerpt.count >= 12, !LineShape(text: document.lines[index].text).isTitleLike else { continue }
            // The text that follows, without line breaks, long enough to cover the excerpt.
            var following = ""
            for next in alive[(offset + 1)...] {
                following += LineShape.compact(document.lines[next].text)
                if following.count >= excerpt.count { break }
            }
            if following.hasPrefix(excerpt) {
                document.remove(index, rule: Self.id, note: "excerpt repeating the start of the body")
            }
        }
    }
}
