/// Finds the document's title and makes it the first line, once.
///
/// The title is, in order of preference:
/// 1. the line that repeats the title part of a page-title first line (`标题_站点名`), which
///    also gives the site name;
/// 2. the title-like line just above a byline/meta line (`编辑：… 来源：… 时间：…`), or one
///    further up whose wording the body shares clearly more (a credit line can stand between),
///    or the shorter line that a `关键词：标题` variant ends with;
/// 3. one of the title-like lines the document starts with, the one sharing most of its
///    wording with the body (an SEO title injected above the real one shares little).
///
/// Then: chrome before the title goes (`structure.head-chrome`), and so do the lines between
/// the title and the byline that chose it; byline and category lines
/// between the title and the body go (an author name alone there becomes `author`), and later
/// copies of the title go (`structure.title-repeat`). Without any title-like opening line
/// (a speech that starts with `同志们：`) nothing is invented.
struct TitleDetector {
    let disabled: Set<String>

    /// How many opening title-like lines (SEO titles, channel names) may stand above a title
    /// that is chosen only by the wording it shares with the body; with more, they stay.
    static let maximumInjectedLines = 2

    func apply(to document: inout WorkingDocument) {
        let alive = document.aliveIndices
        guard !alive.isEmpty else { return }
        // Shapes are measured when first asked for (nearly all asks are about the head of the
        // page) and kept. The only text changed below is the title line's, after which its
        // shape is not asked for.
        var shapes = [LineShape?](repeating: nil, count: document.lines.count)
        func shape(_ index: Int) -> LineShape {
            if let known = shapes[index] { return known }
            let measured = LineShape(text: document.lines[index].text)
            shapes[index] = measured
            return measured
        }
        // The head ends at the first body sentence that is no title: too long for one, or a
        // paragraph of 30 or more Han characters (`各位家长们,你们好啊!最近……`).
        var headEndOffset = alive.prefix(200).firstIndex {
            shape($0).isBodySentence && (!shape($0).isTitleLike || shape($0).hanCount >= Self.paragraphHanCount)
        } ?? min(alive.count, 200)
        var headEnd = headEndOffset < alive.count ? alive[headEndOffset] : document.lines.count
        // A notice paragraph a rule removed (`以下是小编为大家整理的…,供您参考学习!`) ends the head
        // as it did while it stood: the lines under it are the text, not more title candidates.
        if let notice = document.lines.indices.prefix(while: { $0 < headEnd }).first(where: {
            Self.isRemovedNotice(document.lines[$0])
        }) {
            headEnd = notice
            headEndOffset = alive.firstIndex { $0 >= notice } ?? alive.count
        }

        var titleIndex: Int?
        var title: String?
        let first = alive[0]
        // Whether the page title's copy confirms the title (not only its place or wording).
        var confirmed = false
        // 0. An earlier pass, which saw the whole head, confirmed the title.
        if let known = alive.first(where: { document.lines[$0].isTitle }) {
            titleIndex = known
            title = document.lines[known].text
            confirmed = true
        }
        let page = titleIndex == nil ? PageTitle(document.lines[first].text) : nil

        // 1. The page title's title part comes back.
        var chromeUntil: Int?
        if let page {
            let wanted = LineShape.compact(page.title)
            for candidate in alive.dropFirst().prefix(while: { $0 <= headEnd }) {
                let text = document.lines[candidate].text
                if CompactText.compact(of: text, equals: wanted)
                    || PageTitle(text).map({ $0.site == page.site && LineShape.compact($0.title) == wanted }) == true {
                    titleIndex = candidate
                    confirmed = true
                    title = page.title
                    break
                }
            }
        }
        // 2. The line above a byline: the nearest title-like line, or one further up whose
        // wording the body shares clearly more (a credit or a site's channel line can stand
        // between the title and the byline). The lines between the title and the byline are
        // chrome as the lines above the title are.
        if titleIndex == nil,
           let meta = document.lines.indices.first(where: { $0 < headEnd && document.lines[$0].removedCategory == "meta" }) {
            let candidates = Array(alive.filter {
                $0 < meta && shape($0).isTitleLike && !Self.isLabelledValue(document.lines[$0].text)
                    && Self.hasTitleWording(document.lines[$0].text) && !Self.isDatedCredit(document.lines[$0].text)
            }.suffix(Self.bylineTitleCandidates))
            if let nearest = candidates.last {
                titleIndex = nearest
                if candidates.count > 1 {
                    let measured = overlaps(of: candidates.map { document.lines[$0].text }, withBodyOf: document, after: meta)
                    // A line of four Han characters or fewer (`新聞中心`) has too few pairs to weigh.
                    let best = measured.indices.filter { shape(candidates[$0]).hanCount > 4 }
                        .max { measured[$0] < measured[$1] } ?? measured.count - 1
                    if measured[best] >= 0.5, measured[best] >= measured[measured.count - 1] + 0.3 {
                        titleIndex = candidates[best]
                        chromeUntil = meta
                    }
                }
                title = document.lines[titleIndex!].text
            }
        }
        // 3. The opening title-like lines. The candidates are the whole opening block and the
        // body starts after all of it, so removing the lines above the chosen title leaves a
        // block that picks the same title again: a second pass removes nothing more.
        var keepsLinesAboveTitle = false
        if titleIndex == nil {
            // A heading or list item of the text (`一、角色定位与选择策略`, `# 1. 概述`, a collection
            // piece's `篇1`) ends the opening block.
            let opening = alive.prefix(while: {
                shape($0).isTitleLike && $0 < headEnd && !Enumerator.startsHeadingOrItem(document.lines[$0].text)
                    && !Self.endsWithItemNumber(document.lines[$0].text) && !Self.isMarkdownHeading(document.lines[$0].text)
            })
            let labelled = opening.map { Self.isLabelledValue(document.lines[$0].text) }
            if let last = opening.last, labelled.contains(false) {
                // One line is the best of one: its overlap with the body is not measured. A
                // `标签：值` line is no title (-1).
                let measured = opening.count == 1 ? [0]
                    : overlaps(of: opening.map { document.lines[$0].text }, withBodyOf: document, after: last)
                var scores = zip(measured, labelled).map { $1 ? -1 : $0 }
                // A line of four Han characters or fewer (`项目简介`, a section's label) has too
                // few pairs to outweigh a longer line above it.
                let weighable = scores.indices.map { scores[$0] >= 0 && shape(opening[opening.startIndex + $0]).hanCount > 4 }
                if let firstWeighable = weighable.firstIndex(of: true) {
                    for offset in scores.indices where offset > firstWeighable && !weighable[offset] && scores[offset] >= 0 {
                        scores[offset] = -0.5
                    }
                }
                let bestScore = scores.max()!
                let bestOffset = scores.firstIndex(of: bestScore)!
                titleIndex = opening[opening.startIndex + bestOffset]
                title = document.lines[titleIndex!].text
                // Wording shared with the body is weak evidence: it may clear at most
                // `maximumInjectedLines` lines above the title, and only when the block is
                // bounded by a body line (not by the 200-line look-ahead, which would move).
                let bounded = headEndOffset < 200 || alive.count <= 200
                keepsLinesAboveTitle = bestOffset > Self.maximumInjectedLines || !bounded
            }
        }
        guard var titleIndex, var title else { return }

        // Of copies of the title on consecutive lines, the first is the title (the others go
        // as repeats below).
        while let previous = alive.last(where: { $0 < titleIndex && !shape($0).isEmpty }),
              CompactText.compact(of: document.lines[previous].text, equals: LineShape.compact(document.lines[titleIndex].text)) {
            titleIndex = previous
        }
        // A `关键词：标题` variant: the real title is the shorter line it ends with.
        if let shorter = alive.last(where: { $0 < titleIndex && isVariant(document.lines[titleIndex].text, of: document.lines[$0].text) }) {
            titleIndex = shorter
            title = document.lines[shorter].text
        }
        if let page, titleIndex != first {
            if let stated = document.metadata.metadata.site, stated.hasPrefix(page.site), stated.count > page.site.count {
                // A breadcrumb states the site's full name (贵州白癜风 → 贵州白癜风皮肤病医院).
            } else {
                document.metadata.metadata.site = page.site
            }
        }
        title = MetadataCollector.clean(NormalizedLine(title).withoutReadings)
        // The first line is a page title when its title part is the title found; a
        // page-title-shaped first line naming something else (an item of a list of
        // `标题-站点` links) is left to the head-chrome decision below. Of the page title and
        // its copy, one stays (decided once the chrome before the copy is gone).
        let pageTitleRepeats = if let page, titleIndex != first, !disabled.contains(StructureDetectorID.titleRepeat) {
            LineShape.compact(page.title) == LineShape.compact(title)
        } else {
            false
        }
        document.metadata.metadata.title = title
        let compactTitle = LineShape.compact(title)
        let repeatLength = compactTitle.unicodeScalars.count * 2 + 48
        let witness = Self.witness(of: compactTitle)

        // Chrome before the title.
        if !disabled.contains(StructureDetectorID.headChrome), !keepsLinesAboveTitle {
            for index in alive where index < titleIndex && !(pageTitleRepeats && index == first)
                && !shape(index).isBodySentence && !Self.readsAsText(document.lines[index].text, shape(index)) {
                document.remove(index, rule: StructureDetectorID.headChrome, note: "before the title")
            }
            if let chromeUntil {
                for index in alive where index > titleIndex && index < chromeUntil && !shape(index).isBodySentence
                    && !Self.readsAsText(document.lines[index].text, shape(index)) {
                    document.remove(index, rule: StructureDetectorID.headChrome, note: "between the title and its byline")
                }
            }
        }
        let kept = keepOneTitle(in: &document, pageTitle: pageTitleRepeats ? first : nil, copy: titleIndex, title: title)
        // A title the page title confirms is not taken for chrome later; one chosen by its place
        // above a byline (`标题 …` of a notice's table) or by its wording alone (`手机阅读`, a
        // menu's first line) may be.
        if confirmed { document.lines[kept].isTitle = true }
        // Between the title and the body: repeats, bylines, category labels.
        var zone: [Int] = []
        var sawByline = false
        var bodyStart = document.lines.count
        for index in document.lines.indices where index > titleIndex {
            let line = document.lines[index]
            if !line.isAlive {
                if line.removedCategory == "meta" { sawByline = true }
                // A notice paragraph a rule removed ends the byline block as it ends the head.
                if Self.isRemovedNotice(line) {
                    bodyStart = index
                    break
                }
                continue
            }
            if isRepeat(line.text, of: compactTitle, within: repeatLength, witness: witness, page: page) {
                if !disabled.contains(StructureDetectorID.titleRepeat) {
                    document.remove(index, rule: StructureDetectorID.titleRepeat, note: "repeats the title")
                }
                continue
            }
            let lineShape = shape(index)
            // A field of the text's own table (`症状科室：儿科、呼吸内科`) opens the body.
            if FieldLine.isContentField(line.text) {
                bodyStart = index
                break
            }
            if lineShape.isBodySentence || lineShape.isSalutation || zone.count >= 8 || lineShape.length > 30
                || Self.isSubtitle(line.text) || Self.readsAsText(line.text, lineShape) || Self.isSectionHeading(line.text)
                || Self.isMarkdownHeading(line.text) {
                bodyStart = index
                break
            }
            if Self.isDateOrCounter(line.text) { sawByline = true }
            zone.append(index)
        }
        if sawByline, !disabled.contains(StructureDetectorID.headChrome) {
            for (position, index) in zone.enumerated() {
                let text = document.lines[index].text
                if position == 0, Self.isPersonName(text) { document.metadata.set("author", to: text) }
                document.remove(index, rule: StructureDetectorID.headChrome, note: "byline block under the title")
            }
        }
        // Later copies of the title.
        if !disabled.contains(StructureDetectorID.titleRepeat) {
            for index in document.lines.indices where index >= bodyStart && document.lines[index].isAlive {
                if isRepeat(document.lines[index].text, of: compactTitle, within: repeatLength, witness: witness,
                            page: page) {
                    document.remove(index, rule: StructureDetectorID.titleRepeat, note: "repeats the title")
                }
            }
        }
    }

    /// Leaves the title on one line. When the page title (line `pageTitle`, `标题_站点名`) and its
    /// copy (line `copy`) are all that is left of the head, the page title keeps the title (its
    /// suffix cut) and the copy goes as its repeat: the first occurrence is the title, and the
    /// text is the same as keeping the copy. When something stayed between them (a sentence),
    /// the page title goes, so that the title stays next to the text it heads. Without a page
    /// title, the copy is the title (its suffix cut, if any).
    /// Returns the index of the line that holds the title.
    @discardableResult
    private func keepOneTitle(in document: inout WorkingDocument, pageTitle: Int?, copy: Int, title: String) -> Int {
        let keepsSuffix = disabled.contains(StructureDetectorID.titleSuffix)
        // White space around the line is cut apart from the suffix, so that the suffix's edit
        // names only the suffix (` 标题_站点` → `标题_站点` → `标题`).
        func cutToTitle(_ index: Int) {
            let trimmed = MetadataCollector.clean(document.lines[index].text)
            if trimmed != document.lines[index].text, trimmed != title {
                document.rewrite(index, to: trimmed, rule: StructureDetectorID.titleSuffix, note: "white space around the title removed")
            }
            if document.lines[index].text != title {
                document.rewrite(index, to: title, rule: StructureDetectorID.titleSuffix, note: "page-title suffix removed")
            }
        }
        if let pageTitle {
            let nothingBetween = !document.lines[(pageTitle + 1)..<copy].contains {
                $0.isAlive && !LineShape(text: $0.text).isEmpty
            }
            if nothingBetween, !keepsSuffix || document.lines[pageTitle].text == title {
                cutToTitle(pageTitle)
                document.remove(copy, rule: StructureDetectorID.titleRepeat, note: "repeats the page title")
                return pageTitle
            }
            document.remove(pageTitle, rule: StructureDetectorID.titleRepeat, note: "page title repeating the title")
        }
        if !keepsSuffix { cutToTitle(copy) }
        return copy
    }

    /// `maximumLength` is the longest a repeat may be, in scalars: twice the compact title's
    /// length and 48. `witness` is ``witness(of:)`` of the compact title.
    private func isRepeat(_ text: String, of compactTitle: String, within maximumLength: Int, witness: [UInt8]?,
                          page: PageTitle?) -> Bool {
        // A repeat holds the title and at most a short prefix or suffix. A line has no more
        // scalars than UTF-8 bytes, so only a long line has its scalars counted.
        let byteCount = text.utf8.count
        if byteCount > maximumLength {
            // A scalar has at most 4 bytes.
            guard byteCount <= maximumLength * 4 else { return false }
            var text = text
            let scalarCount = text.withUTF8 { bytes in
                var count = 0
                for byte in bytes where byte & 0xC0 != 0x80 { count &+= 1 }
                return count
            }
            guard scalarCount <= maximumLength else { return false }
        }
        if let witness, !Self.mayHold(witness, in: text) { return false }
        if CompactText.compact(of: text, equals: compactTitle) { return true }
        // Most lines do not hold the title: settled on bytes, without a string. Folding never
        // lengthens the UTF-8 (unless some Han character folds beyond the BMP), so a line with
        // fewer bytes than the title cannot hold it.
        if !CharacterFold.foldMayGrow, byteCount < compactTitle.utf8.count { return false }
        var title = compactTitle
        let holdsTitle = title.withUTF8 { title in
            CompactText.withUTF8(of: text) { CompactText.contains(title, in: $0) }
        }
        guard holdsTitle else { return false }
        let compact = LineShape.compact(text)
        if let parsed = PageTitle(text), LineShape.compact(parsed.title) == compactTitle,
           page == nil || parsed.site == page?.site || parsed.site.count <= 12 {
            return true
        }
        // `关键词：标题` repeats the title, unless the label is a section heading (`第一篇：标题`
        // opening the first piece of a collection).
        return compact.hasSuffix(":" + compactTitle) && compact.count <= compactTitle.count + 24
            && !compact.hasPrefix("第")
    }

    /// A Han character of `compactTitle` that no other character folds to, as UTF-8: a line
    /// whose compact form holds the title (or equals it, canonically) holds that character as
    /// it is, or a CJK compatibility ideograph (the only characters whose canonical
    /// decomposition holds a unified ideograph; checked with Python's `unicodedata`). Nil when
    /// the title has no such character.
    static func witness(of compactTitle: String) -> [UInt8]? {
        for scalar in compactTitle.unicodeScalars
        where scalar.value >= CharacterFold.hanStart && scalar.value < CharacterFold.hanEnd
            && CharacterClass.isHan(scalar.value) && !CharacterFold.isFoldTarget(scalar.value) {
            return Array(String(scalar).utf8)
        }
        return nil
    }

    /// Whether `text` may hold the title of `witness` (``witness(of:)``, 3 bytes): it has the
    /// witness, or a CJK compatibility ideograph (U+F900–U+FAFF is `EF A4`–`EF AB`, U+2F800–
    /// U+2FA1F starts with `F0 AF`). One pass over the bytes, without folding.
    static func mayHold(_ witness: [UInt8], in text: String) -> Bool {
        guard witness.count == 3 else { return true }
        let first = witness[0], second = witness[1], third = witness[2]
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index &+ 2 < bytes.count {
                let byte = bytes[index]
                if byte == first, bytes[index &+ 1] == second, bytes[index &+ 2] == third { return true }
                if byte == 0xEF, bytes[index &+ 1] >= 0xA4, bytes[index &+ 1] <= 0xAB { return true }
                if byte == 0xF0, bytes[index &+ 1] == 0xAF { return true }
                index &+= 1
            }
            return false
        }
    }

    /// Whether `line` is a paragraph of running text (30 or more Han characters, a sentence)
    /// that a rule of the catalog removed: a notice, not a line of the site's head chrome.
    static func isRemovedNotice(_ line: WorkingDocument.Line) -> Bool {
        guard let category = line.removedCategory, !["structure", "model", "noise"].contains(category) else {
            return false
        }
        let shape = LineShape(text: line.text)
        return shape.isBodySentence && shape.hanCount >= paragraphHanCount
    }

    /// A sentence with this many Han characters is a paragraph, not a title.
    static let paragraphHanCount = 30

    /// How many title-like lines above a byline are weighed as its title.
    static let bylineTitleCandidates = 8

    /// Whether a line has the wording of a title rather than of a counter or a date: three or
    /// more Han characters, and at most twice as many digits (`199 回覆` and
    /// `2011-06-20 02:20朱良云` are not titles; `西门子模块6ES7222-1EF22-0XA0接线方法` is).
    static func hasTitleWording(_ text: String) -> Bool {
        var han = 0, digits = 0
        for value in text.unicodeScalars.lazy.map(\.value) {
            if CharacterClass.isHan(value) { han += 1 } else if CharacterClass.isASCIIDigit(value) { digits += 1 }
        }
        return han >= 3 && digits <= 2 * han
    }

    /// A credit line that has title wording but no title: one that starts with a date
    /// (`2022-11-17 03:53李旭君王明利`) or ends with a journal's issue (`中國畜牧雜志 2022年11期`,
    /// `中学政史地·初中 2011年4期`).
    static func isDatedCredit(_ text: String) -> Bool {
        let scalars = Array(LineShape.compact(text).unicodeScalars.map(\.value))
        func digits(from start: Int) -> Int {
            var end = start
            while end < scalars.count, CharacterClass.isASCIIDigit(scalars[end]) { end += 1 }
            return end - start
        }
        // `2022-11-17`, `2022/11/17`, `2022.11.17`.
        if digits(from: 0) == 4, scalars.count > 5, [0x2D, 0x2F, 0x2E].contains(scalars[4]) {
            let month = digits(from: 5)
            if (1...2).contains(month), 5 + month < scalars.count, scalars[5 + month] == scalars[4],
               digits(from: 6 + month) >= 1 { // the compact form runs the day into a time
                return true
            }
        }
        // `2011年4期`, `2011年第4期` at the end.
        guard scalars.last == 0x671F else { return false } // 期
        var index = scalars.count - 2
        var issueDigits = 0
        while index >= 0, CharacterClass.isASCIIDigit(scalars[index]) { index -= 1; issueDigits += 1 }
        guard (1...3).contains(issueDigits), index >= 0 else { return false }
        if scalars[index] == 0x7B2C { index -= 1 } // 第
        guard index >= 4, scalars[index] == 0x5E74 else { return false } // 年
        return (1...4).allSatisfy { CharacterClass.isASCIIDigit(scalars[index - $0]) }
    }

    /// The heading of a collection's first piece, numbered at its end: `《生产企业安全生产责任制度》 篇1`,
    /// `难忘的一件事初三作文(1)`, `心得体会第1篇`. The collection's title stands above it; the piece is
    /// the text.
    static func endsWithItemNumber(_ text: String) -> Bool {
        var scalars = Array(MetadataCollector.clean(text).unicodeScalars.map(\.value))
        if let last = scalars.last, last == 0x29 || last == 0xFF09 { // ) ）
            scalars.removeLast()
            let digits = scalars.reversed().prefix(while: { CharacterClass.isASCIIDigit($0) }).count
            guard (1...3).contains(digits), scalars.count > digits else { return false }
            let open = scalars[scalars.count - digits - 1]
            return open == 0x28 || open == 0xFF08
        }
        if scalars.last == 0x7BC7 { // 篇: `第1篇`, `第一篇`
            scalars.removeLast()
            let numerals = scalars.reversed().prefix(while: { CharacterClass.isASCIIDigit($0) || Enumerator.isChineseNumeral($0) }).count
            guard (1...3).contains(numerals), scalars.count > numerals else { return false }
            return scalars[scalars.count - numerals - 1] == 0x7B2C // 第
        }
        let digits = scalars.reversed().prefix(while: { CharacterClass.isASCIIDigit($0) }).count
        guard (1...3).contains(digits), scalars.count > digits else { return false }
        var index = scalars.count - digits - 1
        while index > 0, LineShape.isSpace(scalars[index]) { index -= 1 }
        return scalars[index] == 0x7BC7 // 篇1
    }

    /// `关键词：标题` is a variant of `标题`.
    private func isVariant(_ text: String, of shorter: String) -> Bool {
        let compactShorter = LineShape.compact(shorter)
        guard compactShorter.count >= 4 else { return false }
        return LineShape.compact(text).hasSuffix(":" + compactShorter)
    }

    /// A `标签：值` meta line (`学号：141308333`, `分类：Google App Engine`, `所属教程：英语学习方法`,
    /// `字号 :`): a label of one to five Han characters, a colon, and a value with no Han
    /// character or at most eight. Never a title (`常州：破解乡村振兴三大难题在一线` is one: its
    /// value is long).
    static func isLabelledValue(_ text: String) -> Bool {
        let scalars = LineShape.compact(text).unicodeScalars
        guard let colon = scalars.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return false }
        let label = scalars[..<colon]
        guard (1...5).contains(label.count), label.allSatisfy({ CharacterClass.isHan($0.value) }) else { return false }
        let valueHan = scalars[scalars.index(after: colon)...].filter { CharacterClass.isHan($0.value) }.count
        return valueHan <= 8
    }

    /// A line that reads as the document's text though it is short: a sentence (`天已大亮。`), or
    /// a heading or list item (`（一）主城区禁放区域`, `1. 比特币技术原理`, `第3章`). Chrome above a
    /// title or under a byline is neither.
    static func readsAsText(_ text: String, _ shape: LineShape) -> Bool {
        shape.hasFullStop || shape.endsWithSentenceFinal && shape.hanCount >= 2 || Enumerator.startsHeadingOrItem(text)
            || isAddressees(text, shape) || shape.hanCount == 0 && looksLikeCode(text)
    }

    /// The addressees a notice opens with: a list (`，` `,` or `、` in it) of six or more Han
    /// characters ending in a colon (`各县(市)、区人民政府,市政府各委、办、局:`).
    static func isAddressees(_ text: String, _ shape: LineShape) -> Bool {
        guard shape.endsWithColon, shape.hanCount >= 6 else { return false }
        return shape.hasComma || text.unicodeScalars.contains("、")
    }

    /// A line of program code: ASCII letters and an assignment, or ending in `;` `{` `}` `(`
    /// (`our %sym = (`, `name => 'hoowa',`, `);`).
    static func looksLikeCode(_ text: String) -> Bool {
        var letters = false, assignment = false, last: Unicode.Scalar?
        for scalar in text.unicodeScalars where !LineShape.isSpace(scalar.value) {
            if CharacterClass.isASCIILetter(scalar.value) { letters = true }
            if scalar == "=" { assignment = true }
            last = scalar
        }
        guard let last else { return false }
        return letters && assignment || ";{}(".unicodeScalars.contains(last) && text.unicodeScalars.count >= 2
    }

    /// A subtitle such as `——记优秀共产党员李四` belongs to the article.
    static func isSubtitle(_ text: String) -> Bool {
        let trimmed = MetadataCollector.clean(text)
        return trimmed.hasPrefix("—") || trimmed.hasPrefix("--") || trimmed.hasPrefix("副标题")
    }

    /// A section heading that opens the body: `第一章目的`, `第3条`, `第二节 总则`, `一、总体要求`.
    static func isSectionHeading(_ text: String) -> Bool {
        let scalars = MetadataCollector.clean(text).unicodeScalars.prefix(8).map(\.value)
        func isNumeral(_ value: UInt32) -> Bool {
            CharacterClass.isASCIIDigit(value) || "一二三四五六七八九十百零〇两".unicodeScalars.contains { $0.value == value }
        }
        let numerals = scalars.dropFirst(scalars.first == 0x7B2C ? 1 : 0).prefix(while: isNumeral).count // 第
        guard (1...4).contains(numerals), scalars.count > numerals + (scalars.first == 0x7B2C ? 1 : 0) else { return false }
        if scalars.first == 0x7B2C {
            return "章节条部篇卷编".unicodeScalars.contains { $0.value == scalars[numerals + 1] }
        }
        // `一、`: Chinese numerals only (`1、` also opens list items under a byline's counters).
        return scalars[numerals] == 0x3001 && !scalars.prefix(numerals).contains(where: CharacterClass.isASCIIDigit)
    }

    /// A Markdown heading: one to six `#` and a space before text (`# 1. 动态表单跳转概述`).
    static func isMarkdownHeading(_ text: String) -> Bool {
        let scalars = MetadataCollector.clean(text).unicodeScalars
        let hashes = scalars.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return false }
        let rest = scalars.dropFirst(hashes)
        return rest.first == " " && rest.dropFirst().contains { !LineShape.isSpace($0.value) }
    }

    /// A date, time, view count or bare number on its own (`2022-01-27 17:24`, `36天前发布`,
    /// `2025-09-25人已围观`, `2312`).
    static func isDateOrCounter(_ text: String) -> Bool {
        let compact = LineShape.compact(text)
        guard !compact.isEmpty else { return false }
        return compact.unicodeScalars.allSatisfy { scalar in
            CharacterClass.isASCIIDigit(scalar.value) || "-/:年月日天前发布更新小时分钟秒人已围观阅读浏览次数".unicodeScalars.contains(scalar)
        }
    }

    /// Two or three Han characters (a Chinese name), or a short ASCII handle.
    static func isPersonName(_ text: String) -> Bool {
        let scalars = Array(MetadataCollector.clean(text).unicodeScalars)
        if (2...3).contains(scalars.count), scalars.allSatisfy({ CharacterClass.isHan($0.value) }) { return true }
        return (3...20).contains(scalars.count)
            && scalars.allSatisfy { CharacterClass.isASCIILetter($0.value) || CharacterClass.isASCIIDigit($0.value) || $0 == "_" }
    }

    /// For each line, the share of its Han bigrams (folded) that the body after `index` (its
    /// first 3,000 or so Han characters) also holds. The lines' bigrams are few, so the body is
    /// scanned once for them instead of collecting all of its own.
    private func overlaps(of lines: [String], withBodyOf document: WorkingDocument, after index: Int) -> [Double] {
        let linePairs = lines.map(Self.hanBigrams)
        var bigrams = SeenBigrams(linePairs)
        var budget = 3000
        CharacterFold.hanTable.withUnsafeBufferPointer { table in
            for lineIndex in (index + 1)..<document.lines.count
            where document.lines[lineIndex].isAlive && bigrams.unseenCount > 0 {
                var previous: UInt64?
                var count = 0
                var text = document.lines[lineIndex].text
                text.withUTF8 { source in
                    var offset = 0
                    while offset < source.count {
                        let (value, length) = ValidUTF8.decode(source, at: offset)
                        offset &+= length
                        guard CharacterClass.isHan(value) else { continue }
                        let folded = UInt64(CharacterFold.fold(value, hanTable: table))
                        if let previous { bigrams.markSeen(previous << 32 | folded) }
                        previous = folded
                        count += 1
                    }
                }
                budget -= count
                if budget <= 0 { break }
            }
        }
        return linePairs.map { pairs in
            pairs.isEmpty ? 0 : Double(pairs.filter { bigrams.isSeen($0) }.count) / Double(pairs.count)
        }
    }

    /// A line's consecutive Han characters, folded, as pairs (repeats kept).
    private static func hanBigrams(_ text: String) -> [UInt64] {
        var pairs: [UInt64] = []
        var previous: UInt64?
        for scalar in text.unicodeScalars where CharacterClass.isHan(scalar.value) {
            let folded = UInt64(CharacterFold.fold(scalar.value))
            if let previous { pairs.append(previous << 32 | folded) }
            previous = folded
        }
        return pairs
    }
}
