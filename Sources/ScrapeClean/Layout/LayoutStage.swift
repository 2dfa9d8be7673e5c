/// Paragraph layout (stage 8, Fixtures/CONVENTIONS.md rule 9), in this order:
///
/// 1. white space at the start of a line is removed (`layout.leading-space`);
/// 2. a line flattened with spaces is split: a space run after `。！？` ends the line when text
///    follows, a space run after `：；` ends it when an enumerator follows (`一、` `（一）` `一是`
///    `二要` `第一，` `1.` `1、`); the spaces go (`layout.split-flattened`);
/// 3. spaces directly before or after `。，；：！？、“”「」（）《》` are removed; a space between two
///    Han characters stays (`layout.space-around-punctuation`);
/// 4. a line ending in `，；、` absorbs the next line, and a line with an unclosed `“《（「`
///    absorbs the next line when that line closes the mark before opening another — unless the
///    next line starts a heading or list item, is blank, or follows removed text
///    (``Line/hardBreakBefore``). Lines are concatenated with no separator and keep the first
///    line's origin (`layout.join-broken-line`);
/// 5. a later exact copy of a paragraph (8 characters or more, not a heading) is dropped
///    (`layout.duplicate-paragraph`), and blank lines that leaves next to each other go
///    (`layout.blank-lines`).
///
/// Each step is one pass over the document.
///
/// ```swift
/// var document = Document(text: "意见： 一、统一思想。\n工作的“战前\n动员”。\n")
/// LayoutStage().apply(to: &document)
/// document.text // "意见：\n一、统一思想。\n工作的“战前动员”。\n"
/// ```
public struct LayoutStage: CleaningStage {
    public let stage = Stage.layout
    private let enabled: Set<LayoutRule>

    /// Paragraphs shorter than this (in Unicode scalars) are never dropped as duplicates:
    /// short lines such as `同志们：` legitimately recur.
    static let minimumDuplicateLength = 8

    /// - Parameter disabledRules: rule ids to skip (ids of other stages are ignored).
    public init(disabledRules: Set<String> = []) {
        enabled = Set(LayoutRule.allCases.filter { !disabledRules.contains($0.rawValue) })
    }

    public func apply(to document: inout Document) {
        var edits: [Edit] = []
        var pieces: [LayoutPiece] = []
        pieces.reserveCapacity(document.lines.count)
        for line in document.lines {
            shape(line, into: &pieces, edits: &edits)
        }
        let paragraphs = enabled.contains(.joinBrokenLine) ? join(pieces, edits: &edits) : pieces
        document.lines = finish(paragraphs, edits: &edits)
        for edit in edits { document.record(edit) }
    }

    // MARK: - Steps 1–3: one input line at a time

    /// Removes leading white space, splits a flattened line and removes spaces around
    /// punctuation, appending the resulting pieces.
    private func shape(_ line: Line, into pieces: inout [LayoutPiece], edits: inout [Edit]) {
        guard Self.hasWhiteSpace(line.text) else {
            pieces.append(LayoutPiece(scalars: Array(line.text.unicodeScalars), origin: line.origin,
                                      endColumn: nil, hardBreakBefore: line.hardBreakBefore))
            return
        }
        let scalars = Array(line.text.unicodeScalars)
        var segment: [Unicode.Scalar] = []
        segment.reserveCapacity(scalars.count)
        var lead = 0
        while lead < scalars.count, LayoutCharacters.isSpace(scalars[lead].value) { lead += 1 }
        if lead > 0 {
            if enabled.contains(.leadingSpace) {
                edits.append(Edit(stage: .layout, rule: LayoutRule.leadingSpace.rawValue, line: line.origin,
                                  column: 1, removed: String(String.UnicodeScalarView(scalars[..<lead]))))
            } else {
                segment.append(contentsOf: scalars[..<lead])
            }
        }
        var splits = EditTally(), spaces = EditTally()
        var marks = OpenMarks()
        var breakBefore = line.hardBreakBefore
        var index = lead
        while index < scalars.count {
            let value = scalars[index].value
            guard LayoutCharacters.isSpace(value) else {
                marks.feed(value)
                segment.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, LayoutCharacters.isSpace(scalars[end].value) { end += 1 }
            guard index > lead, end < scalars.count else { // a trailing run: hygiene's business
                segment.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            let previous = scalars[index - 1].value, next = scalars[end].value
            let run = scalars[index..<end]
            if enabled.contains(.splitFlattened), splitsLine(scalars, run: index..<end, marks: marks) {
                splits.add(run, column: index + 1)
                pieces.append(LayoutPiece(scalars: segment, origin: line.origin, endColumn: index + 1,
                                          hardBreakBefore: breakBefore, lineLength: scalars.count))
                breakBefore = false
                segment = []
                marks = OpenMarks()
            } else if enabled.contains(.spaceAroundPunctuation),
                      LayoutCharacters.refusesSpace(previous) || LayoutCharacters.refusesSpace(next) {
                spaces.add(run, column: index + 1)
            } else {
                segment.append(contentsOf: run)
            }
            index = end
        }
        pieces.append(LayoutPiece(scalars: segment, origin: line.origin, endColumn: nil,
                                  hardBreakBefore: breakBefore, lineLength: scalars.count))
        if let edit = splits.edit(rule: .splitFlattened, line: line.origin, replacement: "\n",
                                  note: "\(splits.count + 1) paragraphs flattened into one line") {
            edits.append(edit)
        }
        if let edit = spaces.edit(rule: .spaceAroundPunctuation, line: line.origin, replacement: "", note: nil) {
            edits.append(edit)
        }
    }

    /// Whether the space run `run` (inside the line, after its first character) ends a
    /// flattened paragraph.
    private func splitsLine(_ scalars: [Unicode.Scalar], run: Range<Int>, marks: OpenMarks) -> Bool {
        let previous = scalars[run.lowerBound - 1].value
        let next = scalars[run.upperBound].value
        if LayoutCharacters.endsSentence(previous) {
            guard !LayoutCharacters.attachesLeft(next) else { return false }
            // `他说：“好。 我们走。”` is one quotation, not two paragraphs.
            return marks.isEmpty || !marks.isClosed(by: scalars, from: run.upperBound)
        }
        let beforePrevious = run.lowerBound >= 2 ? scalars[run.lowerBound - 2].value : nil
        if LayoutCharacters.introducesList(previous, before: beforePrevious) {
            return Enumerator.startsAt(scalars, run.upperBound)
        }
        return false
    }

    /// Whether a line has a space, tab or U+3000 (a byte scan).
    private static func hasWhiteSpace(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var state = 0 // bytes of E3 80 80 seen
        while let byte = utf8.next() {
            switch byte {
            case 0x20, 0x09: return true
            case 0xE3: state = 1
            case 0x80: if state == 1 { state = 2 } else if state == 2 { return true } else { state = 0 }
            default: state = 0
            }
        }
        return false
    }

    // MARK: - Step 4: joining

    private func join(_ pieces: [LayoutPiece], edits: inout [Edit]) -> [LayoutPiece] {
        var paragraphs: [LayoutPiece] = []
        paragraphs.reserveCapacity(pieces.count)
        var marks = OpenMarks()
        for piece in pieces {
            if let last = paragraphs.indices.last,
               let reason = joinReason(paragraphs[last].scalars, marks: marks, next: piece) {
                edits.append(Edit(stage: .layout, rule: LayoutRule.joinBrokenLine.rawValue,
                                  line: paragraphs[last].lastOrigin,
                                  column: paragraphs[last].endColumn ?? (paragraphs[last].lastLineLength + 1),
                                  removed: "\n", note: reason))
                paragraphs[last].scalars.append(contentsOf: piece.scalars)
                paragraphs[last].lastOrigin = piece.origin
                paragraphs[last].endColumn = piece.endColumn
                paragraphs[last].lastLineLength = piece.lastLineLength
            } else {
                marks = OpenMarks()
                paragraphs.append(piece)
            }
            for scalar in piece.scalars { marks.feed(scalar.value) }
        }
        return paragraphs
    }

    /// Why `current` absorbs `next`, or nil when it does not.
    private func joinReason(_ current: [Unicode.Scalar], marks: OpenMarks, next: LayoutPiece) -> String? {
        guard let last = current.last, !next.scalars.isEmpty, !next.hardBreakBefore,
              !Enumerator.startsHeadingOrItem(next.scalars) else { return nil }
        let beforeLast = current.count >= 2 ? current[current.count - 2].value : nil
        if LayoutCharacters.continuesSentence(last.value, before: beforeLast) {
            return "line ends with \(last) and the sentence continues on the next line"
        }
        if !marks.isEmpty, marks.isClosed(by: next.scalars) {
            return "the next line closes a mark left open"
        }
        return nil
    }

    // MARK: - Step 5: duplicates and blank lines

    private func finish(_ paragraphs: [LayoutPiece], edits: inout [Edit]) -> [Line] {
        let dropDuplicates = enabled.contains(.duplicateParagraph)
        let collapseBlanks = enabled.contains(.blankLines)
        var firstSeen: [String: Int] = [:]
        var lines: [Line] = []
        lines.reserveCapacity(paragraphs.count)
        var pendingBlank: Line?
        for paragraph in paragraphs {
            let text = String(String.UnicodeScalarView(paragraph.scalars))
            if paragraph.scalars.isEmpty {
                if collapseBlanks, lines.last?.text.isEmpty ?? true || pendingBlank != nil {
                    edits.append(Edit(stage: .layout, rule: LayoutRule.blankLines.rawValue, line: paragraph.origin,
                                      removed: "\n", note: "blank line next to another blank line or at an end"))
                    continue
                }
                if collapseBlanks { pendingBlank = Line(text, origin: paragraph.origin) } else {
                    lines.append(Line(text, origin: paragraph.origin))
                }
                continue
            }
            if dropDuplicates, paragraph.scalars.count >= Self.minimumDuplicateLength,
               !Enumerator.startsHeadingOrItem(paragraph.scalars) {
                if let first = firstSeen[text] {
                    edits.append(Edit(stage: .layout, rule: LayoutRule.duplicateParagraph.rawValue,
                                      line: paragraph.origin, removed: text,
                                      note: "copy of the paragraph at line \(first)"))
                    continue
                }
                firstSeen[text] = paragraph.origin
            }
            if let blank = pendingBlank {
                lines.append(blank)
                pendingBlank = nil
            }
            lines.append(Line(text, origin: paragraph.origin, hardBreakBefore: paragraph.hardBreakBefore))
        }
        if let blank = pendingBlank {
            edits.append(Edit(stage: .layout, rule: LayoutRule.blankLines.rawValue, line: blank.origin,
                              removed: "\n", note: "blank line next to another blank line or at an end"))
        }
        return lines
    }
}

/// A line on its way through the layout stage: a piece of an input line after splitting, or
/// several joined.
struct LayoutPiece {
    var scalars: [Unicode.Scalar]
    /// The input line the piece starts in.
    var origin: Int
    /// The input line the piece ends in.
    var lastOrigin: Int
    /// The 1-based column (in the input line) just after the piece, when a split ended it;
    /// nil when it runs to the end of its input line.
    var endColumn: Int?
    /// The length of the input line the piece ends in (for the column of a join).
    var lastLineLength: Int
    var hardBreakBefore: Bool

    init(scalars: [Unicode.Scalar], origin: Int, endColumn: Int?, hardBreakBefore: Bool, lineLength: Int? = nil) {
        self.scalars = scalars
        self.origin = origin
        self.lastOrigin = origin
        self.endColumn = endColumn
        self.lastLineLength = lineLength ?? scalars.count
        self.hardBreakBefore = hardBreakBefore
    }
}

/// Counts the occurrences of one rule on one line, for a merged ``Edit`` that shows the first.
struct EditTally {
    private(set) var count = 0
    private var column = 0
    private var removed = String.UnicodeScalarView()

    mutating func add(_ run: ArraySlice<Unicode.Scalar>, column: Int) {
        if count == 0 {
            self.column = column
            removed.append(contentsOf: run.prefix(16))
        }
        count += 1
    }

    func edit(rule: LayoutRule, line: Int, replacement: String, note: String?) -> Edit? {
        guard count > 0 else { return nil }
        return Edit(stage: .layout, rule: rule.rawValue, line: line, column: column, removed: String(removed),
                    replacement: replacement, count: count, note: note)
    }
}
