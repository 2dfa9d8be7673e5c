/// Runs the rule catalog over a document: for each line, the keyword prefilter names the rules
/// to examine; each examined rule matches the line's normalized view and acts on the original.
///
/// Linear in the document: the lines are moved once into a new array (pieces split off a line
/// are examined next, without shifting the lines after them), a line is split at all its
/// truncation notices in one pass of the regex, and the look-ahead for body paragraphs below a
/// tail marker never scans a line twice.
struct RuleEngine {
    let catalog: RuleCatalog

    func apply(to document: inout WorkingDocument) {
        let lineCount = document.lines.count
        var upcoming = UpcomingLines(input: document.lines)
        document.lines = []
        document.lines.reserveCapacity(lineCount)
        var state = State()
        while let line = upcoming.next() {
            document.lines.append(line)
            let index = document.lines.count - 1
            guard line.isAlive else { continue }
            if applyRules(to: &document, at: index, lineCount: lineCount, state: &state, upcoming: &upcoming) == .stopDocument {
                return
            }
            if document.lines[index].isAlive {
                state.lastAlive = index
                if !state.bodySeen {
                    let shape = LineShape(text: document.lines[index].text)
                    state.bodySeen = shape.isBodySentence && !shape.isTitleLike
                }
            }
        }
    }

    private enum Outcome { case next, stopDocument }

    /// What the engine carries from line to line.
    private struct State {
        var bodySeen = false
        /// The last line still alive before the current one.
        var lastAlive: Int?
        /// Scratch buffer for the prefilter, reused for every line.
        var found: [Bool] = []
    }

    private func applyRules(to document: inout WorkingDocument, at index: Int, lineCount: Int,
                            state: inout State, upcoming: inout UpcomingLines) -> Outcome {
        let (any, length) = catalog.matcher.candidates(inFolded: document.lines[index].text, into: &state.found)
        guard any else { return .next }
        // Zones and cheap guards first, so that most lines never get a full normalized view.
        let position = document.lines[index].position
        let bodySeen = state.bodySeen
        // The rules that pass stay marked in `state.found` (no array per line).
        var anyCandidate = false
        for ruleIndex in catalog.rules.indices where state.found[ruleIndex] {
            if Self.mayApply(catalog.rules[ruleIndex], position: position, lineCount: lineCount,
                             length: length, bodySeen: bodySeen) {
                anyCandidate = true
            } else {
                state.found[ruleIndex] = false
            }
        }
        guard anyCandidate else { return .next }
        var line = NormalizedLine(document.lines[index].text)
        for ruleIndex in catalog.rules.indices where state.found[ruleIndex] {
            let compiled = catalog.rules[ruleIndex]
            guard let match = compiled.firstMatch(in: line) else { continue }
            let rule = compiled.rule
            for (field, value) in match.captures { document.metadata.set(field, to: value) }
            if rule.truncation { document.metadata.metadata.truncated = true }
            switch rule.action {
            case .dropLine:
                if rule.guards.notStepNumber {
                    let below = upcoming.peek(Self.stepWindow)
                    let text = document.lines[index].text
                    if Self.isStepNumber(text, after: document.lines[..<index], before: below)
                        || Self.isYearOfSplitDate(text, before: below) { continue }
                }
                document.remove(index, rule: rule.id, category: rule.category)
                if rule.truncation { markNoJoin(before: index, in: &document, state: state) }
                return .next
            case .cutToDocumentEnd:
                if upcoming.bodyParagraphsFollow() {
                    document.remove(index, rule: rule.id, category: rule.category,
                                    note: "body paragraphs follow: only this line removed")
                    return .next
                }
                document.remove(index, rule: rule.id, category: rule.category)
                while let later = upcoming.next() {
                    document.lines.append(later)
                    document.remove(document.lines.count - 1, rule: rule.id, category: rule.category)
                }
                return .stopDocument
            case .cutToLineEnd, .cutSpan:
                var matches = [match]
                if rule.truncation, rule.action == .cutSpan {
                    matches += compiled.successiveMatches(in: line, after: match)
                    for later in matches.dropFirst() {
                        for (field, value) in later.captures { document.metadata.set(field, to: value) }
                    }
                }
                let ranges = matches.map { later in
                    let range = line.originalRange(of: later.range)
                    return rule.action == .cutToLineEnd ? range.lowerBound..<line.originalCount : range
                }
                let alive = rule.truncation
                    ? split(line, at: ranges, in: &document, at: index, rule: rule, state: state, upcoming: &upcoming)
                    : cut(ranges[0], of: line, in: &document, at: index, rule: rule)
                guard alive else { return .next }
                line = NormalizedLine(document.lines[index].text)
            }
        }
        return .next
    }

    /// Whether the rule may act on a line at `position` (of `lineCount`) with `length` scalars, by
    /// its zone and its cheap guards, before the line's normalized view is built.
    private static func mayApply(_ compiled: CompiledRule, position: Int, lineCount: Int, length: Int,
                                 bodySeen: Bool) -> Bool {
        switch compiled.rule.zone {
        case .anywhere: break
        case .head(let budget): if position >= budget { return false }
        case .tail(let budget): if position < lineCount - budget { return false }
        }
        let guards = compiled.rule.guards
        if guards.beforeBody, bodySeen { return false }
        if compiled.rule.action == .cutToDocumentEnd, !bodySeen { return false }
        if let maxLength = guards.maxLength, length > maxLength { return false }
        if let minLength = guards.minLength, length < minLength { return false }
        return true
    }

    /// Whether two or more article paragraphs (60+ Han characters ending like a sentence) are
    /// among `lines`: then a tail marker above them sits inside the article.
    static func isBodyParagraph(_ line: WorkingDocument.Line) -> Bool {
        // A Han character takes at least 3 bytes: a shorter line cannot hold 60 of them.
        guard line.isAlive, line.text.utf8.count >= 180 else { return false }
        let shape = LineShape(text: line.text)
        return shape.hanCount >= 60 && shape.endsWithSentenceFinal
    }

    /// How many lines above and below a lone number are searched for the step before or after it.
    static let stepWindow = 6

    /// The value of a number alone on its line (spaces around it allowed), or nil.
    static func loneNumber(_ text: String) -> Int? {
        var value = 0, digits = 0, ended = false
        for scalar in text.unicodeScalars {
            if LineShape.isSpace(scalar.value) {
                if digits > 0 { ended = true }
                continue
            }
            guard !ended, CharacterClass.isASCIIDigit(scalar.value), digits < 7 else { return nil }
            value = value * 10 + Int(scalar.value - 0x30)
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// Whether the lone number `text` counts on from the nearest lone number among the last
    /// ``stepWindow`` lines `above` it, or on to the nearest among `below`, with a line of text
    /// between the two: a list's step numbers. Pagination (`1` `2` `3` on consecutive lines)
    /// has no text between its numbers.
    static func isStepNumber(_ text: String, after above: ArraySlice<WorkingDocument.Line>,
                             before below: [WorkingDocument.Line]) -> Bool {
        guard let value = loneNumber(text) else { return false }
        func counts(_ lines: some Sequence<WorkingDocument.Line>, to wanted: Int) -> Bool {
            var textBetween = false
            for line in lines {
                if let other = loneNumber(line.text) { return other == wanted && textBetween }
                if !LineShape(text: line.text).isEmpty { textBetween = true }
            }
            return false
        }
        return counts(above.suffix(stepWindow).reversed(), to: value - 1) || counts(below, to: value + 1)
    }

    /// Whether the lone number `text` is a year (1900 to 2099) and the first non-empty line
    /// `below` it goes on with `年` (`2021` / `年 2 月 23 日`): a date under a notice's signature
    /// broken by its layout, which the navigation-block walk keeps whole
    /// (``NavigationBlockDetector/endsSplitSignatureDate(_:in:)``) and which is body.
    static func isYearOfSplitDate(_ text: String, before below: [WorkingDocument.Line]) -> Bool {
        guard let year = loneNumber(text), (1900...2099).contains(year),
              let next = below.first(where: { !LineShape(text: $0.text).isEmpty }) else { return false }
        return next.text.unicodeScalars.first { !LineShape.isSpace($0.value) } == "年"
    }

    /// The text before a removed notice must not be joined to the text after it.
    private func markNoJoin(before index: Int, in document: inout WorkingDocument, state: State) {
        if let previous = state.lastAlive, previous < index { document.lines[previous].noJoinAfter = true }
    }

    /// Cuts `range` (original scalars) out of line `index`. Returns whether the line still exists.
    private func cut(_ range: Range<Int>, of line: NormalizedLine, in document: inout WorkingDocument,
                     at index: Int, rule: Rule) -> Bool {
        let count = line.originalCount
        let removed = line.originalText(scalars: range)
        // The text before the cut loses its trailing white space when nothing but white space
        // (or nothing) follows the cut; the text after loses its leading white space when
        // nothing is left before.
        let afterText = line.originalSkippingSpaces(from: range.upperBound)
        var beforeEnd = range.lowerBound
        if range.upperBound == count || afterText > range.upperBound {
            beforeEnd = line.originalTrimmingSpaces(before: range.lowerBound, downTo: 0)
        }
        let afterStart = beforeEnd == 0 ? afterText : range.upperBound
        if beforeEnd == 0, afterStart == count {
            document.remove(index, rule: rule.id, category: rule.category)
            return false
        }
        document.replace(index, with: line.originalText(joining: 0..<beforeEnd, afterStart..<count), rule: rule.id,
                         column: range.lowerBound, removed: removed)
        return true
    }

    /// Cuts the truncation notices `ranges` (original scalars of `line`, ascending and disjoint)
    /// out of line `index` and splits the line at each: the text before a notice ends a line
    /// that must not be joined to what follows; the pieces after it become lines of their own
    /// (same origin and position), examined next. Edits and removals are recorded as cutting the
    /// notices one after the other would record them (columns count from the start of the piece
    /// the notice was in). Returns whether line `index` still exists.
    private func split(_ line: NormalizedLine, at ranges: [Range<Int>], in document: inout WorkingDocument,
                       at index: Int, rule: Rule, state: State, upcoming: inout UpcomingLines) -> Bool {
        let count = line.originalCount
        let template = document.lines[index]
        var pieces: [WorkingDocument.Line] = []
        // The piece the next notice is cut from (line `index`, then the last of `pieces`) starts
        // at `start`; its text is only built once its end is known, so each scalar is copied once.
        var current: Int? = nil
        var start = 0
        var finished = false
        func text(_ range: Range<Int>) -> String {
            line.originalText(scalars: range)
        }
        func setCurrent(text: String, noJoinAfter: Bool?) {
            if let current {
                pieces[current].text = text
                if let noJoinAfter { pieces[current].noJoinAfter = noJoinAfter }
            } else {
                document.lines[index].text = text
                if let noJoinAfter { document.lines[index].noJoinAfter = noJoinAfter }
            }
        }
        func record(_ range: Range<Int>, replacement: String = "", note: String? = nil) {
            document.edits.append(Edit(stage: document.stage, rule: rule.id, line: template.origin,
                                       column: range.lowerBound - start + 1, removed: text(range),
                                       replacement: replacement, note: note))
        }
        for range in ranges {
            let beforeEnd = line.originalTrimmingSpaces(before: range.lowerBound, downTo: start)
            let afterStart = line.originalSkippingSpaces(from: range.upperBound)
            let beforeIsEmpty = beforeEnd == start, afterIsEmpty = afterStart == count
            if beforeIsEmpty, afterIsEmpty {
                // The piece is nothing but the notice: it goes, and so does the line if it is the first.
                document.edits.append(Edit(stage: document.stage, rule: rule.id, line: template.origin,
                                           removed: text(start..<count)))
                if let current {
                    // The piece before it already ends with the no-join mark.
                    pieces[current].removedBy = rule.id
                    pieces[current].removedCategory = rule.category
                    pieces[current].text = text(start..<count)
                } else {
                    document.lines[index].text = text(start..<count)
                    document.lines[index].removedBy = rule.id
                    document.lines[index].removedCategory = rule.category
                    markNoJoin(before: index, in: &document, state: state)
                }
                finished = true
                break
            }
            if beforeIsEmpty {
                record(range)
                start = afterStart
            } else if afterIsEmpty {
                record(range)
                setCurrent(text: text(start..<beforeEnd), noJoinAfter: true)
                finished = true
                break
            } else {
                record(range, replacement: "\n", note: "line split where the notice was cut out")
                setCurrent(text: text(start..<beforeEnd), noJoinAfter: true)
                pieces.append(template)
                current = pieces.count - 1
                start = afterStart
            }
        }
        if !finished { setCurrent(text: text(start..<count), noJoinAfter: nil) }
        upcoming.push(pieces)
        return document.lines[index].isAlive
    }
}

/// The lines the rule engine has yet to examine: pieces split off the current line first (in
/// order), then the rest of the input. Counts body paragraphs ahead without rescanning.
private struct UpcomingLines {
    private let input: [WorkingDocument.Line]
    private var cursor = 0
    /// Pieces waiting, the next one last.
    private var pieces: [(line: WorkingDocument.Line, isParagraph: Bool)] = []
    private var pieceParagraphs = 0
    /// Input indices at or after `cursor` known to be body paragraphs, from `paragraphHead` on.
    private var paragraphs: [Int] = []
    private var paragraphHead = 0
    /// Input lines before this index have been looked at for paragraphs.
    private var scanned = 0

    init(input: [WorkingDocument.Line]) {
        self.input = input
    }

    mutating func next() -> WorkingDocument.Line? {
        if let piece = pieces.popLast() {
            if piece.isParagraph { pieceParagraphs -= 1 }
            return piece.line
        }
        guard cursor < input.count else { return nil }
        defer { cursor += 1 }
        return input[cursor]
    }

    /// The next `count` lines (or fewer at the end), without taking them.
    func peek(_ count: Int) -> [WorkingDocument.Line] {
        var lines = Array(pieces.reversed().prefix(count).map(\.line))
        if lines.count < count { lines += input[cursor..<min(input.count, cursor + count - lines.count)] }
        return lines
    }

    /// Puts `lines` (in order) before everything still waiting.
    mutating func push(_ lines: [WorkingDocument.Line]) {
        for line in lines.reversed() {
            let isParagraph = RuleEngine.isBodyParagraph(line)
            if isParagraph { pieceParagraphs += 1 }
            pieces.append((line, isParagraph))
        }
    }

    /// Whether two or more article paragraphs (60+ Han characters ending like a sentence) are
    /// still to come: then a tail marker sits inside the article, not above the page's tail.
    mutating func bodyParagraphsFollow() -> Bool {
        while paragraphHead < paragraphs.count, paragraphs[paragraphHead] < cursor { paragraphHead += 1 }
        var count = pieceParagraphs + paragraphs.count - paragraphHead
        scanned = max(scanned, cursor)
        while count < 2, scanned < input.count {
            if RuleEngine.isBodyParagraph(input[scanned]) {
                paragraphs.append(scanned)
                count += 1
            }
            scanned += 1
        }
        return count >= 2
    }
}
