/// Removes a table of contents: a `目录` / `提纲` / `目录/提纲` marker line, its entries (short
/// heading-like lines) and the closing `……` line. Entries need not come back verbatim in the
/// body, so the markers decide; without a closing marker, at least two entries must come back
/// as the start of later lines.
///
/// ```
/// 目录/提纲:……          ← removed
/// 一、铸牢政治之魂,把准前行方向   ← removed
/// ……                    ← removed
/// 在全市…上的发言          ← kept
/// ```
struct TableOfContentsDetector {
    static let id = StructureDetectorID.tableOfContents

    func apply(to document: inout WorkingDocument) {
        let alive = document.aliveIndices
        for (offset, index) in alive.prefix(40).enumerated() {
            guard Self.isMarker(document.lines[index].text) else { continue }
            var entries: [Int] = []
            var closing: Int?
            for next in alive[(offset + 1)...].prefix(80) {
                let text = document.lines[next].text
                if Self.isEllipsisLine(text) { closing = next; break }
                let shape = LineShape(text: text)
                guard shape.length <= 40, !shape.hasFullStop, shape.hanCount >= 2 else { break }
                entries.append(next)
            }
            guard entries.count >= 2 else { continue }
            if closing == nil {
                let later = alive.filter { $0 > entries.last! }.map { LineShape.compact(document.lines[$0].text) }
                let returning = entries.filter { entry in
                    let compact = LineShape.compact(document.lines[entry].text)
                    return later.contains { $0.hasPrefix(compact) }
                }
                guard returning.count >= 2 else { continue }
            }
            for doomed in [index] + entries + (closing.map { [$0] } ?? []) {
                document.remove(doomed, rule: Self.id, note: "table of contents")
            }
            return
        }
    }

    /// `目录`, `提纲`, `目录/提纲`, optionally with a colon and an ellipsis.
    static func isMarker(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        let compact = LineShape.compact(text)
        var core = Substring(compact)
        while let last = core.last, last == "…" || last == "." || last == ":" { core = core.dropLast() }
        return ["目录", "提纲", "目录/提纲", "提纲/目录", "文章目录", "内容提纲"].contains(String(core))
    }

    /// A line of nothing but `…` or dots.
    static func isEllipsisLine(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        let compact = LineShape.compact(text)
        return !compact.isEmpty && compact.unicodeScalars.allSatisfy { $0 == "…" || $0 == "." || $0 == "⋯" }
    }
}
