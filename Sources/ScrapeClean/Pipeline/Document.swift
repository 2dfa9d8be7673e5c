/// A line of a document, with the line of the decoded input it comes from.
public struct Line: Sendable, Equatable {
    /// The line's text, without a line terminator.
    public var text: String
    /// The 1-based line number in the decoded input.
    public var origin: Int
    /// Set when this line must not be joined with the next one by the layout stage, e.g.
    /// because the boilerplate stage cut a truncation notice out between them.
    public var noJoinAfter = false

    public init(_ text: String, origin: Int) {
        self.text = text
        self.origin = origin
    }
}

/// A document in the middle of cleaning: its lines, the edits made so far and its metadata.
///
/// Stages change lines only through the mutating helpers here, so that no change goes
/// unrecorded.
public struct Document: Sendable {
    /// The current lines.
    public var lines: [Line]
    /// Every edit made so far.
    public private(set) var edits: [Edit]
    /// Metadata gathered so far.
    public var metadata: Metadata
    /// The site the document belongs to, as a registrable domain (`example.com.cn`), for
    /// per-site line statistics; nil when the input gave no site.
    public var site: String?
    /// The input line (``Line/origin``) the boilerplate stage confirmed as the title, carried to
    /// the later passes so that they keep it as the first pass, which saw the whole head, chose it.
    var titleOrigin: Int?
    /// The input line at which the boilerplate stage's walk back from the end (the navigation
    /// block) first stopped, as text: later passes, which see the text after layout (no indent,
    /// converted punctuation), stop there too.
    var tailTextOrigin: Int?

    public init(lines: [Line], metadata: Metadata = Metadata(), edits: [Edit] = []) {
        self.lines = lines
        self.metadata = metadata
        self.edits = edits
    }

    /// Builds a document from text that has already been through hygiene (lines split on `\n`).
    public init(text: String) {
        var lines: [Line] = []
        var number = 0
        for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            lines.append(Line(String(piece), origin: number))
        }
        if text.hasSuffix("\n") { lines.removeLast() }
        self.init(lines: lines)
    }

    /// The current text: lines joined with `\n`, ending with `\n` unless there are no lines.
    public var text: String {
        guard !lines.isEmpty else { return "" }
        var result = ""
        result.reserveCapacity(lines.reduce(0) { $0 + $1.text.utf8.count + 1 })
        for line in lines {
            result += line.text
            result += "\n"
        }
        return result
    }

    /// Records an edit without changing any line (for changes already applied by the caller).
    public mutating func record(_ edit: Edit) {
        edits.append(edit)
    }

    /// Replaces the text of line `index`, recording the change.
    public mutating func replaceLine(at index: Int, with newText: String, stage: Stage, rule: String,
                                     note: String? = nil) {
        let old = lines[index].text
        guard !old.utf8.elementsEqual(newText.utf8) else { return }
        edits.append(Edit(stage: stage, rule: rule, line: lines[index].origin, column: 1,
                          removed: old, replacement: newText, note: note))
        lines[index].text = newText
    }

    /// Removes the lines at `indices`, recording each removal under `rule`.
    public mutating func removeLines(at indices: some Sequence<Int>, stage: Stage, rule: String,
                                     note: String? = nil) {
        removeLines(at: indices, stage: stage, rule: rule, note: { _ in note })
    }

    /// Removes the lines at `indices`, recording each removal under `rule` with the note
    /// `note(index)` gives for it.
    ///
    /// ```swift
    /// document.removeLines(at: [0, 7], stage: .boilerplate, rule: "corpus.site-repeated-line",
    ///                      note: { "seen on \(counts[$0]) pages" })
    /// ```
    public mutating func removeLines(at indices: some Sequence<Int>, stage: Stage, rule: String,
                                     note: (Int) -> String?) {
        let doomed = Set(indices)
        guard !doomed.isEmpty else { return }
        for index in doomed.sorted() {
            edits.append(Edit(stage: stage, rule: rule, line: lines[index].origin,
                              removed: lines[index].text, note: note(index)))
        }
        var kept: [Line] = []
        kept.reserveCapacity(lines.count - doomed.count)
        for (index, line) in lines.enumerated() where !doomed.contains(index) {
            kept.append(line)
        }
        lines = kept
    }
}
