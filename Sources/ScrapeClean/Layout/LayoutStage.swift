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
///    next line starts a heading or list item or is blank, or the line is marked
///    ``Line/noJoinAfter`` (text was cut out after it). Lines are concatenated with no
///    separator and keep the first line's origin (`layout.join-broken-line`);
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
    private let removesLeadingSpace: Bool
    private let splitsFlattenedLines: Bool
    private let removesSpaceAroundPunctuation: Bool
    private let joinsBrokenLines: Bool
    private let dropsDuplicates: Bool
    private let collapsesBlankLines: Bool

    /// Paragraphs shorter than this (in Unicode scalars) are never dropped as duplicates:
    /// short lines such as `同志们：` legitimately recur.
    static let minimumDuplicateLength = 8

    /// Whether later copies of a paragraph of this text are dropped as duplicates
    /// (`layout.duplicate-paragraph`): ``minimumDuplicateLength`` scalars or more, and no
    /// heading or list item.
    static func dropsLaterCopies(of text: String) -> Bool {
        text.utf8.count >= minimumDuplicateLength
            && text.unicodeScalars.dropFirst(minimumDuplicateLength - 1).first != nil
            && !Enumerator.startsHeadingOrItem(text)
    }

    /// - Parameter disabledRules: rule ids to skip (ids of other stages are ignored).
    public init(disabledRules: Set<String> = []) {
        func enabled(_ rule: LayoutRule) -> Bool { !disabledRules.contains(rule.rawValue) }
        removesLeadingSpace = enabled(.leadingSpace)
        splitsFlattenedLines = enabled(.splitFlattened)
        removesSpaceAroundPunctuation = enabled(.spaceAroundPunctuation)
        joinsBrokenLines = enabled(.joinBrokenLine)
        dropsDuplicates = enabled(.duplicateParagraph)
        collapsesBlankLines = enabled(.blankLines)
    }

    public func apply(to document: inout Document) {
        var edits: [Edit] = []
        var pieces: [LayoutPiece] = []
        pieces.reserveCapacity(document.lines.count)
        for line in document.lines {
            shape(line, into: &pieces, edits: &edits)
        }
        let paragraphs = joinsBrokenLines ? join(pieces, edits: &edits) : pieces
        document.lines = finish(paragraphs, edits: &edits)
        for edit in edits { document.record(edit) }
    }

    // MARK: - Steps 1–3: one input line at a time

    /// Removes leading white space, splits a flattened line and removes spaces around
    /// punctuation, appending the resulting pieces. A line without white space is passed on
    /// as it is, without copying; other lines are copied in stretches between space runs.
    private func shape(_ line: Line, into pieces: inout [LayoutPiece], edits: inout [Edit]) {
        guard Self.hasWhiteSpace(line.text) else {
            pieces.append(LayoutPiece(text: line.text, origin: line.origin, endColumn: nil,
                                      noJoinAfter: line.noJoinAfter, lineLength: nil))
            return
        }
        let scalars = line.text.unicodeScalars
        var index = scalars.startIndex
        var position = 0 // scalars before `index`
        while index < scalars.endIndex, LayoutCharacters.isSpace(scalars[index].value) {
            scalars.formIndex(after: &index)
            position += 1
        }
        let lead = position
        var stretchStart = scalars.startIndex // where the text not yet copied into `segment` begins
        if lead > 0, removesLeadingSpace {
            edits.append(Edit(stage: .layout, rule: LayoutRule.leadingSpace.rawValue, line: line.origin,
                              column: 1, removed: String(scalars[..<index])))
            stretchStart = index
        }
        var segment = ""
        var splits = EditTally(), spaces = EditTally()
        var marks = OpenMarks()
        var lookahead = ClosingLookahead()
        var previous: Unicode.Scalar = " ", beforePrevious: Unicode.Scalar?
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard LayoutCharacters.isSpace(scalar.value) else {
                marks.feed(scalar.value)
                beforePrevious = previous
                previous = scalar
                scalars.formIndex(after: &index)
                position += 1
                continue
            }
            let runStart = index, runColumn = position + 1
            while index < scalars.endIndex, LayoutCharacters.isSpace(scalars[index].value) {
                scalars.formIndex(after: &index)
                position += 1
            }
            // Leading runs are handled above; a trailing run is hygiene's business.
            guard runColumn > lead + 1, index < scalars.endIndex else { continue }
            let run = scalars[runStart..<index]
            if splitsFlattenedLines,
               splitsLine(after: previous, beforePrevious, at: index, position: position, of: scalars,
                          marks: marks, lookahead: &lookahead) {
                splits.add(run, column: runColumn)
                segment.append(contentsOf: Substring(scalars[stretchStart..<runStart]))
                pieces.append(LayoutPiece(text: segment, origin: line.origin, endColumn: runColumn,
                                          noJoinAfter: false, lineLength: nil))
                segment = ""
                stretchStart = index
                marks = OpenMarks()
            } else if removesSpaceAroundPunctuation,
                      LayoutCharacters.refusesSpace(previous.value) || LayoutCharacters.refusesSpace(scalars[index].value) {
                spaces.add(run, column: runColumn)
                segment.append(contentsOf: Substring(scalars[stretchStart..<runStart]))
                stretchStart = index
            }
        }
        segment.append(contentsOf: Substring(scalars[stretchStart...]))
        pieces.append(LayoutPiece(text: segment, origin: line.origin, endColumn: nil,
                                  noJoinAfter: line.noJoinAfter, lineLength: position))
        // Pieces a split ended carry their end column; the line length matters only for the last.
        if let edit = splits.edit(rule: .splitFlattened, line: line.origin, replacement: "\n",
                                  note: "\(splits.count + 1) paragraphs flattened into one line") {
            edits.append(edit)
        }
        if let edit = spaces.edit(rule: .spaceAroundPunctuation, line: line.origin, replacement: "", note: nil) {
            edits.append(edit)
        }
    }

    /// Whether a space run between `previous` (after `beforePrevious`) and the text at `index`
    /// (scalar offset `position`) ends a flattened paragraph.
    private func splitsLine(after previous: Unicode.Scalar, _ beforePrevious: Unicode.Scalar?,
                            at index: String.UnicodeScalarView.Index, position: Int,
                            of scalars: String.UnicodeScalarView, marks: OpenMarks,
                            lookahead: inout ClosingLookahead) -> Bool {
        let next = scalars[index].value
        if LayoutCharacters.endsSentence(previous.value) {
            guard !LayoutCharacters.attachesLeft(next) else { return false }
            // `他说：“好。 我们走。”` is one quotation, not two paragraphs.
            guard let innermost = marks.innermost else { return true }
            return !lookahead.closes(innermost, from: index, position: position, in: scalars)
        }
        if LayoutCharacters.introducesList(previous.value, before: beforePrevious?.value) {
            return Enumerator.startsWithEnumerator(scalars[index...])
        }
        return false
    }

    /// Whether a line has a space, tab or U+3000 (a scan of its UTF-8 bytes).
    static func hasWhiteSpace(_ text: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 || byte == 0x09 { return true }
                if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { return true }
                index += 1
            }
            return false
        }
        if let found = text.utf8.withContiguousStorageIfAvailable(scan) { return found }
        return Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    // MARK: - Step 4: joining

    private func join(_ pieces: [LayoutPiece], edits: inout [Edit]) -> [LayoutPiece] {
        var paragraphs: [LayoutPiece] = []
        paragraphs.reserveCapacity(pieces.count)
        var marks = OpenMarks()
        for piece in pieces {
            if let last = paragraphs.indices.last,
               !paragraphs[last].noJoinAfter, let reason = joinReason(paragraphs[last].text, marks: marks, next: piece) {
                let column = paragraphs[last].endColumn
                    ?? ((paragraphs[last].lastLineLength ?? paragraphs[last].text.unicodeScalars.count) + 1)
                edits.append(Edit(stage: .layout, rule: LayoutRule.joinBrokenLine.rawValue,
                                  line: paragraphs[last].lastOrigin, column: column, removed: "\n", note: reason))
                paragraphs[last].text.append(piece.text)
                paragraphs[last].lastOrigin = piece.origin
                paragraphs[last].endColumn = piece.endColumn
                paragraphs[last].lastLineLength = piece.lastLineLength ?? piece.text.unicodeScalars.count
                paragraphs[last].noJoinAfter = piece.noJoinAfter
            } else {
                marks = OpenMarks()
                paragraphs.append(piece)
            }
            marks.feed(utf8Of: piece.text)
        }
        return paragraphs
    }

    /// Why `current` absorbs `next`, or nil when it does not.
    private func joinReason(_ current: String, marks: OpenMarks, next: LayoutPiece) -> String? {
        let scalars = current.unicodeScalars
        guard let last = scalars.last, !next.text.isEmpty,
              !Enumerator.startsHeadingOrItem(next.text) else { return nil }
        let lastIndex = scalars.index(before: scalars.endIndex)
        let beforeLast = lastIndex > scalars.startIndex ? scalars[scalars.index(before: lastIndex)].value : nil
        if LayoutCharacters.continuesSentence(last.value, before: beforeLast) {
            return "line ends with \(last) and the sentence continues on the next line"
        }
        if !marks.isEmpty, marks.isClosed(by: next.text.unicodeScalars) {
            return "the next line closes a mark left open"
        }
        return nil
    }

    // MARK: - Step 5: duplicates and blank lines

    private func finish(_ paragraphs: [LayoutPiece], edits: inout [Edit]) -> [Line] {
        var firstSeen: [ParagraphKey: Int] = [:]
        firstSeen.reserveCapacity(paragraphs.count) // no rehashing of long paragraphs as it grows
        var lines: [Line] = []
        lines.reserveCapacity(paragraphs.count)
        var pendingBlank: Line?
        for paragraph in paragraphs {
            let text = paragraph.text
            if text.isEmpty {
                if collapsesBlankLines, lines.last?.text.isEmpty ?? true || pendingBlank != nil {
                    edits.append(Edit(stage: .layout, rule: LayoutRule.blankLines.rawValue, line: paragraph.origin,
                                      removed: "\n", note: "blank line next to another blank line or at an end"))
                    continue
                }
                if collapsesBlankLines { pendingBlank = Line(text, origin: paragraph.origin) } else {
                    lines.append(Line(text, origin: paragraph.origin))
                }
                continue
            }
            if dropsDuplicates, Self.dropsLaterCopies(of: text) {
                let key = ParagraphKey(text)
                if let first = firstSeen[key] {
                    edits.append(Edit(stage: .layout, rule: LayoutRule.duplicateParagraph.rawValue,
                                      line: paragraph.origin, removed: text,
                                      note: "copy of the paragraph at line \(first)"))
                    continue
                }
                firstSeen[key] = paragraph.origin
            }
            if let blank = pendingBlank {
                lines.append(blank)
                pendingBlank = nil
            }
            var line = Line(text, origin: paragraph.origin)
            line.noJoinAfter = paragraph.noJoinAfter
            lines.append(line)
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
private struct LayoutPiece {
    var text: String
    /// The input line the piece starts in.
    var origin: Int
    /// The input line the piece ends in.
    var lastOrigin: Int
    /// The 1-based column (in the input line) just after the piece, when a split ended it;
    /// nil when it runs to the end of its input line.
    var endColumn: Int?
    /// The length in scalars of the input line the piece ends in (for the column of a join);
    /// nil when the piece is that whole line, unchanged.
    var lastLineLength: Int?
    /// Whether text was cut out after the piece, so that it must not absorb the next one.
    var noJoinAfter: Bool

    init(text: String, origin: Int, endColumn: Int?, noJoinAfter: Bool, lineLength: Int?) {
        self.text = text
        self.origin = origin
        self.lastOrigin = origin
        self.endColumn = endColumn
        self.lastLineLength = lineLength
        self.noJoinAfter = noJoinAfter
    }
}

/// Counts the occurrences of one rule on one line, for a merged ``Edit`` that shows the first.
private struct EditTally {
    private(set) var count = 0
    private var column = 0
    private var removed = String.UnicodeScalarView()

    mutating func add(_ run: some Sequence<Unicode.Scalar>, column: Int) {
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
