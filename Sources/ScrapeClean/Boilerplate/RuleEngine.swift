/// Runs the rule catalog over a document: for each line, the keyword prefilter names the rules
/// to examine; each examined rule matches the line's normalized view and acts on the original.
struct RuleEngine {
    let catalog: RuleCatalog

    func apply(to document: inout WorkingDocument) {
        let lineCount = document.lines.count
        var bodySeen = false
        var bytes: [UInt8] = []
        var found: [Bool] = []
        var index = 0
        while index < document.lines.count {
            defer { index += 1 }
            guard document.lines[index].isAlive else { continue }
            if applyRules(to: &document, at: index, lineCount: lineCount, bodySeen: bodySeen, bytes: &bytes, found: &found) == .stopDocument {
                return
            }
            if document.lines[index].isAlive, !bodySeen {
                let shape = LineShape(text: document.lines[index].text)
                bodySeen = shape.isBodySentence && !shape.isTitleLike
            }
        }
    }

    private enum Outcome { case next, stopDocument }

    private func applyRules(to document: inout WorkingDocument, at index: Int, lineCount: Int,
                            bodySeen: Bool, bytes: inout [UInt8], found: inout [Bool]) -> Outcome {
        NormalizedLine.foldedUTF8(document.lines[index].text, into: &bytes)
        guard catalog.matcher.candidates(in: bytes, into: &found) else { return .next }
        // Zones and cheap guards first, so that most lines never get a full normalized view.
        let position = document.lines[index].position
        let length = document.lines[index].text.unicodeScalars.count
        let candidates = catalog.rules.indices.filter { ruleIndex in
            guard found[ruleIndex] else { return false }
            let rule = catalog.rules[ruleIndex].rule
            switch rule.zone {
            case .anywhere: break
            case .head(let budget): if position >= budget { return false }
            case .tail(let budget): if position < lineCount - budget { return false }
            }
            if rule.guards.beforeBody, bodySeen { return false }
            if rule.action == .cutToDocumentEnd, !bodySeen { return false }
            if let maxLength = rule.guards.maxLength, length > maxLength { return false }
            if let minLength = rule.guards.minLength, length < minLength { return false }
            return true
        }
        guard !candidates.isEmpty else { return .next }
        var line = NormalizedLine(document.lines[index].text)
        for ruleIndex in candidates {
            let compiled = catalog.rules[ruleIndex]
            let rule = compiled.rule
            guard let match = compiled.firstMatch(in: line) else { continue }
            for (field, value) in match.captures { document.metadata.set(field, to: value) }
            if rule.truncation { document.metadata.metadata.truncated = true }
            switch rule.action {
            case .dropLine:
                document.remove(index, rule: rule.id, category: rule.category)
                if rule.truncation { markNoJoin(before: index, in: &document) }
                return .next
            case .cutToDocumentEnd:
                if Self.bodyFollows(index, in: document) {
                    document.remove(index, rule: rule.id, category: rule.category,
                                    note: "body paragraphs follow: only this line removed")
                    return .next
                }
                for later in index..<document.lines.count {
                    document.remove(later, rule: rule.id, category: rule.category)
                }
                return .stopDocument
            case .cutToLineEnd, .cutSpan:
                var range = line.originalRange(of: match.range)
                if rule.action == .cutToLineEnd { range = range.lowerBound..<line.original.count }
                if !cut(range, of: line, in: &document, at: index, rule: rule) {
                    if rule.truncation { markNoJoin(before: index, in: &document) }
                    return .next
                }
                line = NormalizedLine(document.lines[index].text)
            }
        }
        return .next
    }

    /// Whether two or more article paragraphs (60+ Han characters ending like a sentence) come
    /// after line `index`: then the marker sits inside the article, not above the page's tail.
    static func bodyFollows(_ index: Int, in document: WorkingDocument) -> Bool {
        var paragraphs = 0
        for line in document.lines[(index + 1)...] where line.isAlive {
            let shape = LineShape(text: line.text)
            if shape.hanCount >= 60, shape.endsWithSentenceFinal {
                paragraphs += 1
                if paragraphs >= 2 { return true }
            }
        }
        return false
    }

    /// The text before a removed notice must not be joined to the text after it.
    private func markNoJoin(before index: Int, in document: inout WorkingDocument) {
        var previous = index - 1
        while previous >= 0, !document.lines[previous].isAlive { previous -= 1 }
        if previous >= 0 { document.lines[previous].noJoinAfter = true }
    }

    /// Cuts `range` (original scalars) out of line `index`. A truncation rule splits the line
    /// there instead. Returns whether the line still exists.
    private func cut(_ range: Range<Int>, of line: NormalizedLine, in document: inout WorkingDocument,
                     at index: Int, rule: Rule) -> Bool {
        let original = line.original
        var before = Array(original[..<range.lowerBound])
        var after = Array(original[range.upperBound...])
        let removed = String(String.UnicodeScalarView(original[range]))
        let afterStartsWithSpace = after.first.map { LineShape.isSpace($0.value) } ?? true
        if after.isEmpty || afterStartsWithSpace || rule.truncation {
            while let last = before.last, LineShape.isSpace(last.value) { before.removeLast() }
        }
        if before.isEmpty || rule.truncation {
            while let first = after.first, LineShape.isSpace(first.value) { after.removeFirst() }
        }
        let beforeText = String(String.UnicodeScalarView(before))
        let afterText = String(String.UnicodeScalarView(after))
        if beforeText.isEmpty, afterText.isEmpty {
            document.remove(index, rule: rule.id, category: rule.category)
            return false
        }
        if rule.truncation, !beforeText.isEmpty, !afterText.isEmpty {
            document.replace(index, with: beforeText, rule: rule.id, column: range.lowerBound, removed: removed,
                             replacement: "\n", note: "line split where the notice was cut out")
            document.lines[index].noJoinAfter = true
            var next = document.lines[index]
            next.text = afterText
            next.noJoinAfter = false
            document.lines.insert(next, at: index + 1)
            return true
        }
        document.replace(index, with: beforeText + afterText, rule: rule.id, column: range.lowerBound, removed: removed)
        if rule.truncation, afterText.isEmpty { document.lines[index].noJoinAfter = true }
        return true
    }
}
