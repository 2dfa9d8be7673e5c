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
        var compacts: [Int: [Unicode.Scalar]] = [:]
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
                guard Self.entriesComeBack(entries, in: document, alive: alive, compacts: &compacts) else { continue }
            }
            for doomed in [index] + entries + (closing.map { [$0] } ?? []) {
                document.remove(doomed, rule: Self.id, note: "table of contents")
            }
            return
        }
    }

    /// Whether at least two of `entries` come back as the start of a later line (spacing, width
    /// and script ignored). Each line's compact form is computed once per document (`compacts`),
    /// and a later line is looked up by its prefixes of the entries' lengths, so the walk costs
    /// a few hash lookups per line rather than one comparison per entry and line.
    static func entriesComeBack(_ entries: [Int], in document: WorkingDocument, alive: [Int],
                                compacts: inout [Int: [Unicode.Scalar]]) -> Bool {
        func compact(_ index: Int) -> [Unicode.Scalar] {
            if let known = compacts[index] { return known }
            let value = Array(LineShape.compact(document.lines[index].text).unicodeScalars)
            compacts[index] = value
            return value
        }
        // How many entries have each compact form.
        var wanted: [[Unicode.Scalar]: Int] = [:]
        for entry in entries { wanted[compact(entry), default: 0] += 1 }
        let lengths = Set(wanted.keys.map(\.count)).sorted()
        var returned = 0
        for index in alive where index > entries.last! {
            let line = compact(index)
            for length in lengths where length <= line.count {
                let prefix = Array(line[..<length])
                guard let count = wanted.removeValue(forKey: prefix) else { continue }
                returned += count
                if returned >= 2 { return true }
            }
        }
        return false
    }

    /// `目录`, `提纲`, `目录/提纲`, optionally with a colon and an ellipsis.
    static func isMarker(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        // Every marker starts with 目, 提, 文 or 内: a line whose first character (folded, white
        // space left out) is another unified ideograph or ASCII cannot compare equal to one,
        // so most lines are not compacted at all.
        if let first = Self.firstFoldedValue(of: text), first < 0x80 || (0x3400...0x9FFF).contains(first),
           first != 0x76EE, first != 0x63D0, first != 0x6587, first != 0x5185 {
            return false
        }
        let compact = LineShape.compact(text)
        var core = Substring(compact)
        while let last = core.last, last == "…" || last == "." || last == ":" { core = core.dropLast() }
        return ["目录", "提纲", "目录/提纲", "提纲/目录", "文章目录", "内容提纲"].contains(String(core))
    }

    /// A line of nothing but `…` or dots.
    /// The first scalar of `text` that ``LineShape/compact(_:)`` keeps, folded; nil when it
    /// keeps none.
    private static func firstFoldedValue(of text: String) -> UInt32? {
        for scalar in text.unicodeScalars {
            let folded = CharacterFold.fold(scalar.value)
            if !LineShape.isSpace(folded) { return folded }
        }
        return nil
    }

    static func isEllipsisLine(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        let compact = LineShape.compact(text)
        return !compact.isEmpty && compact.unicodeScalars.allSatisfy { $0 == "…" || $0 == "." || $0 == "⋯" }
    }
}
