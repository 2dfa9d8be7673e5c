/// The boilerplate stage's scratch copy of a document: lines are marked for removal rather than
/// deleted, so that detectors running later still see where meta lines and notices stood.
struct WorkingDocument {
    struct Line {
        var text: String
        var origin: Int
        var noJoinAfter: Bool
        /// The id of the rule or detector that removed the line.
        var removedBy: String?
        /// The category of the rule that removed it (`meta`, `navigation`, …).
        var removedCategory: String?
        /// The line's position when the stage started (for zones).
        var position: Int
        /// The line the title detector confirmed as the title (in this pass or an earlier
        /// one, ``Document/titleOrigin``): no detector removes it.
        var isTitle = false

        var isAlive: Bool { removedBy == nil }
    }

    var lines: [Line]
    var edits: [Edit] = []
    var metadata: MetadataCollector
    /// ``Document/tailTextOrigin``: where the first walk back from the end stopped.
    var tailTextOrigin: Int?
    let stage: Stage = .boilerplate

    init(document: Document) {
        lines = document.lines.enumerated().map { index, line in
            Line(text: line.text, origin: line.origin, noJoinAfter: line.noJoinAfter, position: index)
        }
        metadata = MetadataCollector(metadata: document.metadata)
        tailTextOrigin = document.tailTextOrigin
        if let origin = document.titleOrigin, let index = lines.firstIndex(where: { $0.origin == origin }) {
            lines[index].isTitle = true
        }
    }

    /// Indices of lines not removed, in order.
    var aliveIndices: [Int] { lines.indices.filter { lines[$0].isAlive } }

    /// Marks line `index` removed by `rule`, recording the edit.
    mutating func remove(_ index: Int, rule: String, category: String = "structure", note: String? = nil) {
        guard lines[index].isAlive, !lines[index].isTitle else { return }
        lines[index].removedBy = rule
        lines[index].removedCategory = category
        edits.append(Edit(stage: stage, rule: rule, line: lines[index].origin, removed: lines[index].text, note: note))
    }

    /// Replaces the text of line `index`, recording the change as a span edit at `column`
    /// (0-based, in scalars of the old text).
    mutating func replace(_ index: Int, with text: String, rule: String, column: Int, removed: String,
                          replacement: String = "", note: String? = nil) {
        edits.append(Edit(stage: stage, rule: rule, line: lines[index].origin, column: column + 1,
                          removed: removed, replacement: replacement, note: note))
        lines[index].text = text
    }

    /// Replaces the text of line `index` with `text`, recording only the changed span
    /// (``Edit/init(replacing:with:stage:rule:line:note:)``): cutting `标题_站点名` to `标题`
    /// records `_站点名` removed.
    mutating func rewrite(_ index: Int, to text: String, rule: String, note: String? = nil) {
        edits.append(Edit(replacing: lines[index].text, with: text, stage: stage, rule: rule,
                          line: lines[index].origin, note: note))
        lines[index].text = text
    }

    /// Writes the surviving lines, the edits and the metadata back into `document`.
    func commit(to document: inout Document) {
        document.lines = lines.filter(\.isAlive).map { line in
            var result = ScrapeClean.Line(line.text, origin: line.origin)
            result.noJoinAfter = line.noJoinAfter
            return result
        }
        for edit in edits { document.record(edit) }
        document.titleOrigin = lines.first { $0.isAlive && $0.isTitle }?.origin
        document.tailTextOrigin = tailTextOrigin
        document.metadata = metadata.metadata
    }
}
