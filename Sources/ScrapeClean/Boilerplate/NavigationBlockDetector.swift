import Foundation

/// Removes the run of short link-like lines at the end of a document: related-article titles,
/// dates, counters, footers. Walking back from the end (or from a line a rule already cut to
/// the document end), a line goes while it is short (60 characters or fewer) and does not end
/// like a sentence; the walk stops at the first sentence, at a salutation, and at the title.
/// Without a rule having marked the tail, the run must be at least three lines long. A
/// signature date (`2023年5月1日` alone) stops the walk, and so does a lead-in of six or more Han
/// characters ending in a colon, a clause ending in a comma, a line of code (ending in `;`, `{`
/// or `}`), a heading or list item (`三、要点`, `- 多喝水`, `3.1 责任落实`) and a row of a table of
/// numbers, and so do English running text, a figure's caption (`圖1:…`), an exam's answer
/// choice (`A.…`) and a Markdown table's row. A tail block follows a body: when no
/// line above the run reads as a body paragraph (``LineShape/isBodySentence``, 20 or more Han
/// characters: not a login prompt's question), the run is the
/// page's content (a schedule table, a list, a poem) and stays. A run under a line announcing
/// the text that follows (`全文如下`, `通知如下：`) is that text, and stays; so does a run that
/// goes on a forum thread's pattern of poster names (a lone `guhuo` above a reply, when two or
/// more such name lines stand between the posts above).
///
/// ```
/// 尼康D80拥有不俗的性能……(keeps: ends with 。)
/// 尼康 D80套机          ← removed
/// 82672760、82675803    ← removed
/// 28 16:39              ← removed
/// ```
struct NavigationBlockDetector {
    static let id = StructureDetectorID.navigationBlock

    /// `2023年5月1日` alone on a line: the date under a signature, which ends a letter or a
    /// notice and stops the walk (the issuing office above it stays too).
    static func isSignatureDate(_ text: String) -> Bool {
        let compact = LineShape.compact(text)
        guard compact.unicodeScalars.last == "日" else { return false }
        return signatureDate.firstMatch(in: compact, range: NSRange(location: 0, length: compact.utf16.count)) != nil
    }

    /// Whether line `index` is the rest of a signature date whose year the line above holds
    /// (`2021` over `年 2 月 23 日`, a notice's date broken by its layout). The year counts even
    /// when a rule already took it for a lone number.
    static func endsSplitSignatureDate(_ index: Int, in document: WorkingDocument) -> Bool {
        let rest = LineShape.compact(document.lines[index].text)
        guard rest.unicodeScalars.first == "年", rest.unicodeScalars.last == "日" else { return false }
        guard let above = (0..<index).reversed().first(where: {
            !LineShape(text: document.lines[$0].text).isEmpty
        }) else { return false }
        let year = LineShape.compact(document.lines[above].text)
        guard year.unicodeScalars.count == 4 else { return false }
        return isSignatureDate(year + rest)
    }

    /// A line announcing the text below it: it ends with `如下` (a colon after it allowed), e.g.
    /// `全文如下`, `现将有关事项通知如下：`.
    static func announcesWhatFollows(_ text: String) -> Bool {
        var values = Array(LineShape.compact(text).unicodeScalars.suffix(3).map(\.value))
        if let last = values.last, last == 0xFF1A || last == 0x3A { values.removeLast() } // ： :
        return values.count >= 2 && values[values.count - 2] == 0x5982 && values[values.count - 1] == 0x4E0B // 如下
    }

    /// A forum poster's name alone on a line: 2 to 20 ASCII letters, digits, `_`, `-` or `.`,
    /// with at least one letter and no space (`chenkeyuan`, `zrm520`).
    static func isPosterName(_ text: String) -> Bool {
        var count = 0, letters = 0, trailing = false
        for value in text.unicodeScalars.lazy.map(\.value) {
            if LineShape.isSpace(value) {
                if count > 0 { trailing = true }
                continue
            }
            if trailing { return false } // a space inside: words, not a name
            switch value {
            case 0x41...0x5A, 0x61...0x7A: letters += 1
            case 0x30...0x39, 0x5F, 0x2D, 0x2E: break
            default: return false
            }
            count += 1
            if count > 20 { return false }
        }
        return count >= 2 && letters > 0
    }

    /// Whether two of the four lines around `index` (the two nearest alive lines with text
    /// above it and below it) have its length within one character, of 12 or more: a list of
    /// titles the site cut to one width (`有6个方式正在伤害你的肾精，最后一个，你` among
    /// `中国运动员红毯艳压国际顶流女星？颜值身材` …). One line of the same length is chance.
    static func isCutToWidth(_ index: Int, _ shape: LineShape, in document: WorkingDocument) -> Bool {
        guard shape.length >= 12 else { return false }
        let lines = document.lines
        var sameWidth = 0
        func countSameWidth(_ indices: some Sequence<Int>) {
            var seen = 0
            for other in indices where lines[other].isAlive {
                let otherShape = LineShape(text: lines[other].text)
                if otherShape.isEmpty { continue }
                if abs(otherShape.length - shape.length) <= 1 { sameWidth += 1 }
                seen += 1
                if seen == 2 { return }
            }
        }
        countSameWidth((0..<index).reversed())
        countSameWidth((index + 1)..<lines.count)
        return sameWidth >= 2
    }

    /// Whether line `index` has text and ends with a cell separator `|`, and so does the nearest
    /// body sentence above it (``LineShape/isBodySentence``) or the line above that: rows of one
    /// table flattened to text (`口服:一次6~9g一日2~3次。 |` … `散剂 |`).
    static func isTableRowLikeTheBody(_ index: Int, in document: WorkingDocument) -> Bool {
        func endsWithPipe(_ text: String) -> Bool {
            text.unicodeScalars.last { !LineShape.isSpace($0.value) } == "|"
        }
        let text = document.lines[index].text
        guard endsWithPipe(text), text.unicodeScalars.contains(where: { CharacterClass.isHan($0.value) || CharacterClass.isASCIIDigit($0.value) }) else { return false }
        guard let above = (0..<index).reversed().first(where: {
            document.lines[$0].isAlive && LineShape(text: document.lines[$0].text).isBodySentence
        }) else { return false }
        if endsWithPipe(document.lines[above].text) { return true }
        // The sentence's own `|` may be gone (a later pass sees the cleaned `。`): the row's
        // label above it then ends with one (`用法与用量 |` over `口服:一次6~9g一日2~3次。`).
        guard let label = (0..<above).reversed().first(where: {
            document.lines[$0].isAlive && !LineShape(text: document.lines[$0].text).isEmpty
        }) else { return false }
        return endsWithPipe(document.lines[label].text)
    }

    /// Whether line `index`, met by the walk back from the end, is the text's and stops the
    /// walk. `indent` is the body's indent (``bodyIndent(of:alive:)``), measured when first needed.
    private static func isText(_ index: Int, in document: WorkingDocument, alive: [Int], indent: inout String??) -> Bool {
        let line = document.lines[index]
        // A line indented as the body's paragraphs are is one of its lines (`　靠右:日期`
        // under a letter's layout); a page's link lists stand outside the text's indent.
        if let first = line.text.unicodeScalars.first, LineShape.isSpace(first.value) {
            if indent == nil { indent = .some(bodyIndent(of: document, alive: alive)) }
            if let bodyIndent = indent!, leadingSpaces(of: line.text) == bodyIndent { return true }
        }
        let shape = LineShape(text: line.text)
        if shape.endsWithSentenceFinal || shape.isSalutation || shape.length > 60 || line.noJoinAfter { return true }
        if shape.hasFullStop || isSignatureDate(line.text) || endsSplitSignatureDate(index, in: document) { return true }
        // A lead-in ending in a colon introduces what follows (`就是经不起放大：`): text, not a
        // link title. (A comma proves nothing: related titles cut to a width carry them.)
        if shape.endsWithColon && shape.hanCount >= 6 { return true }
        // A clause that goes on in the next line (`偶然遇见一位少年,`) and a line of code
        // (`uint tt,a;`, `}`) belong to the text above: link titles end neither way.
        if shape.endsWithComma && shape.hanCount >= 6 { return true }
        if shape.endsLikeCode { return true }
        // A heading or list item of the text (`三、写作规范要点`, `- 发烧持续超过3天不退`).
        if Enumerator.startsHeadingOrItem(line.text) { return true }
        // Outline numbering of the text's sections (`3.1 责任落实`) and a table's row of
        // numbers (`天数   31  29  31`) are content, never a related-links list.
        if Enumerator.startsSectionNumber(line.text) || LineShape.isNumericTableRow(line.text) { return true }
        // Running text in clauses (`很好,断下来了,跟进`) is the body's, unless the lines
        // around it are cut to its width: related titles truncated by the site.
        if LineShape.readsAsClauses(line.text), !isCutToWidth(index, shape, in: document) { return true }
        // A row of the table the body ends with: it ends with `|` as the body's rows do.
        if isTableRowLikeTheBody(index, in: document) { return true }
        // English running text (a spec's `8 bit data length (or 7 bit *2 *3 )`), a figure's
        // caption (`圖1:科技發展推動機構`), an exam's answer choice (`B.x=2 m处的质点…`) and a
        // Markdown table's row (`| parent | name |`) are the text's: related-link titles take
        // none of these shapes.
        if readsAsEnglishText(line.text) || isCaption(line.text) || isAnswerChoice(line.text)
            || isMarkdownTableRow(line.text) { return true }
        return false
    }

    /// A line of English running text: no Han character and no `©`, four or more ASCII words
    /// of two or more letters, three or more of them in lower case (`8 bit data length (or 7
    /// bit *2 *3 )`, `Master/Slave communication(Half duplex communication)*4`). Names and
    /// credits capitalize their words (`WordPress Theme: Flam Lite made by PanKogut`), and a
    /// footer's `Powered by Discuz!` is too short.
    static func readsAsEnglishText(_ text: String) -> Bool {
        var words = 0, lowercaseWords = 0, letters = 0, startsLowercase = false
        func endWord() {
            if letters >= 2 {
                words += 1
                if startsLowercase { lowercaseWords += 1 }
            }
            letters = 0
        }
        for value in text.unicodeScalars.lazy.map(\.value) {
            if CharacterClass.isHan(value) || value == 0xA9 { return false } // ©
            if CharacterClass.isASCIILetter(value) {
                if letters == 0 { startsLowercase = value >= 0x61 }
                letters += 1
                continue
            }
            endWord()
        }
        endWord()
        return words >= 4 && lowercaseWords >= 3
    }

    /// A figure's or a table's caption: `图`, `圖` or `表`, a number (ASCII digits or Han
    /// numerals), then a separator (`:`, `：`, `.`, `-`, a space) or the end (`圖1:科技發展推動機構`,
    /// `表2 各地区销量`). `图片一` (a gallery link) has no number after `图`.
    static func isCaption(_ text: String) -> Bool {
        var values = text.unicodeScalars.lazy.map(\.value).drop { LineShape.isSpace($0) }.makeIterator()
        guard let head = values.next(), head == 0x56FE || head == 0x5716 || head == 0x8868 else { return false } // 图 圖 表
        var digits = 0
        while let value = values.next() {
            if CharacterClass.isASCIIDigit(value) || Enumerator.isChineseNumeral(value) {
                digits += 1
                if digits > 3 { return false }
                continue
            }
            return digits > 0 && (value == 0x3A || value == 0xFF1A || value == 0x2E || value == 0x2D || LineShape.isSpace(value))
        }
        return digits > 0
    }

    /// An exam question's answer choice: a capital `A` to `H`, then `.`, `．` or `、`, then
    /// text (`A.各质点的位移都为5 cm`, `B、正确`).
    static func isAnswerChoice(_ text: String) -> Bool {
        let values = Array(text.unicodeScalars.lazy.map(\.value).drop { LineShape.isSpace($0) }.prefix(3))
        guard values.count == 3, (0x41...0x48).contains(values[0]) else { return false }
        return (values[1] == 0x2E || values[1] == 0xFF0E || values[1] == 0x3001) && !LineShape.isSpace(values[2])
    }

    /// A row of a Markdown table: starts with `| `, ends with `|`, and has three or more `|`
    /// (`| parent | name |`, `| 表单元素 | HTML 标签 | 用途 | 例子 |`). A site's menu of links
    /// separated by `|` does not open with one.
    static func isMarkdownTableRow(_ text: String) -> Bool {
        let values = Array(text.unicodeScalars.lazy.map(\.value).drop { LineShape.isSpace($0) })
        guard values.count >= 5, values[0] == 0x7C, LineShape.isSpace(values[1]) else { return false }
        guard values.last(where: { !LineShape.isSpace($0) }) == 0x7C else { return false }
        return values.count { $0 == 0x7C } >= 3
    }

    /// The white space the body's last paragraphs start with, when the last two or three body
    /// sentences (``LineShape/isBodySentence``) above the end all start with the same
    /// non-empty run of it; nil otherwise (most pages do not indent).
    static func bodyIndent(of document: WorkingDocument, alive: [Int]) -> String? {
        var indent: String?
        var count = 0
        for index in alive.reversed() where LineShape(text: document.lines[index].text).isBodySentence {
            let this = leadingSpaces(of: document.lines[index].text)
            if this.isEmpty || indent.map({ $0 != this }) == true { return nil }
            indent = this
            count += 1
            if count == 3 { break }
        }
        return count >= 2 ? indent : nil
    }

    /// The white space a line starts with.
    static func leadingSpaces(of text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix { LineShape.isSpace($0.value) }))
    }

    /// Compiled once (`String.range(of:options: .regularExpression)` compiled it per line).
    private static let signatureDate = try! NSRegularExpression(
        pattern: #"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$"#)

    func apply(to document: inout WorkingDocument) {
        let alive = document.aliveIndices
        guard alive.count >= 2 else { return }
        let lastAlive = alive.last!
        let tailMarked = lastAlive + 1 < document.lines.count
            && document.lines[(lastAlive + 1)...].contains { $0.removedBy != nil && $0.removedCategory != "meta" && $0.removedCategory != JammerDetector.category }
        // Measured when the walk first meets an indented line.
        var indent: String?? = nil
        var run: [Int] = []
        var stoppedAt: Int?
        for index in alive.reversed().dropLast() { // never the first line (the title)
            let line = document.lines[index]
            // An earlier pass's walk stopped here, seeing what that pass's layout took away
            // (the indent of a letter's lines).
            if let stop = document.tailTextOrigin, line.origin == stop {
                stoppedAt = index
                break
            }
            // `全文如下` announces the text below it: the run is that text.
            if Self.announcesWhatFollows(line.text) { return }
            if Self.isText(index, in: document, alive: alive, indent: &indent) {
                stoppedAt = index
                break
            }
            run.append(index)
        }
        if let stoppedAt, document.tailTextOrigin == nil { document.tailTextOrigin = document.lines[stoppedAt].origin }
        // Three lines, two of them with text: one line left under a sentence, among empty
        // lines, is the end of the text (`Abstract` under the abstract of a thesis).
        let linesWithText = run.count { !LineShape(text: document.lines[$0].text).isEmpty }
        guard linesWithText > 0, tailMarked || run.count >= 3 && linesWithText >= 2 else { return }
        let firstOfRun = run.last!
        let bodyAbove = alive.lazy.prefix { $0 < firstOfRun }.contains {
            let shape = LineShape(text: document.lines[$0].text)
            return shape.isBodySentence && shape.hanCount >= 20
        }
        guard bodyAbove else { return }
        if run.contains(where: { Self.isPosterName(document.lines[$0].text) }) {
            let lines = document.lines
            let namesAbove = alive.prefix { $0 < firstOfRun }.count { Self.isPosterName(lines[$0].text) }
            if namesAbove >= 2 { return }
        }
        for index in run.reversed() {
            document.remove(index, rule: Self.id, note: "short link-like lines at the end")
        }
    }
}
