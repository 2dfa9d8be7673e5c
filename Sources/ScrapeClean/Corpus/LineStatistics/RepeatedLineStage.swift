/// Removes lines whose normalized form occurs in many documents of the corpus (site chrome no
/// built-in rule names), using statistics from `scrapeclean stats`.
///
/// Guards keep what is likely body even when it repeats: lines with sentence punctuation
/// (。！？), lines ending in `：` or `；` (introductions such as 同志们：), headings that start
/// with an enumerator (一、 （一） 第一 一是 1.), and lines longer than 100 characters.
/// Each removal is an edit `corpus.repeated-line`.
public struct RepeatedLineStage: CleaningStage {
    /// The rule id of its edits (`--disable corpus.repeated-line` turns the stage off).
    public static let rule = "corpus.repeated-line"
    public let stage = Stage.boilerplate
    public let statistics: LineStatistics

    public init(statistics: LineStatistics) {
        self.statistics = statistics
    }

    public func apply(to document: inout Document) {
        var doomed: [Int] = []
        for (index, line) in document.lines.enumerated() where !line.text.isEmpty {
            guard !Self.isProtected(line.text), statistics.isFrequent(line.text) else { continue }
            doomed.append(index)
        }
        document.removeLines(at: doomed, stage: .boilerplate, rule: Self.rule,
                             note: "line seen in at least \(statistics.minDocuments) of \(statistics.documents) documents")
    }

    /// Whether a line looks like body text or a heading, which repetition alone must not remove.
    static func isProtected(_ text: String) -> Bool {
        var count = 0
        var last: UInt32 = 0
        for scalar in text.unicodeScalars {
            count += 1
            last = scalar.value
            if count > 100 { return true }
            switch scalar.value {
            case 0x3002, 0xFF01, 0xFF1F: return true // 。！？
            default: break
            }
        }
        if last == 0xFF1A || last == 0xFF1B || last == 0x3A || last == 0x3B { return true } // ：；:;
        return Enumerator.startsHeadingOrItem(text)
    }
}
