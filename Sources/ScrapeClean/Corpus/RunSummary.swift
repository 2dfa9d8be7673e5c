/// Counts over a whole run, for the summary line at the end of `clean`.
///
/// ```swift
/// var summary = RunSummary()
/// summary.add(result, inputBytes: 2048)
/// summary.line // "1 document, 2.0 KB, 3 edits (punctuation 3), 0 repaired, 0 truncated"
/// ```
public struct RunSummary: Sendable, Equatable {
    public var documents = 0
    public var inputBytes = 0
    public var editsByStage: [Stage: Int] = [:]
    /// Documents in which the mojibake stage repaired something.
    public var repaired = 0
    /// Documents carrying a truncation or paywall notice.
    public var truncated = 0
    /// JSON Lines records that were not JSON objects (passed through).
    public var malformed = 0
    /// JSON Lines records without the text field (passed through).
    public var withoutField = 0
    /// Files that could not be read or written.
    public var failedFiles = 0
    /// Documents set aside for too little body (`--min-chars`), counted in ``documents`` too.
    public var rejected = 0
    /// WARC records holding no text document (`warcinfo`, `request`, HTML…), by reason.
    public var skippedRecords: [String: Int] = [:]
    /// Documents skipped for too few Han characters among their letters (`--min-han-share`),
    /// not counted in ``documents``.
    public var belowHanShare = 0
    /// The `--min-han-share` value, named in the summary.
    public var minimumHanShare: Double?

    public init() {}

    public mutating func add(_ result: CleanResult, inputBytes: Int) {
        documents += 1
        self.inputBytes += inputBytes
        for edit in result.edits { editsByStage[edit.stage, default: 0] += 1 }
        if result.edits.contains(where: { $0.stage == .mojibake }) { repaired += 1 }
        if result.metadata.truncated == true { truncated += 1 }
    }

    /// One line for standard error.
    public var line: String {
        let edits = editsByStage.values.reduce(0, +)
        let byStage = Stage.allCases.compactMap { stage in editsByStage[stage].map { "\(stage.rawValue) \($0)" } }
        var parts = [
            "\(documents) document\(documents == 1 ? "" : "s")",
            Self.formatBytes(inputBytes),
            "\(edits) edit\(edits == 1 ? "" : "s")" + (byStage.isEmpty ? "" : " (\(byStage.joined(separator: ", ")))"),
            "\(repaired) repaired",
            "\(truncated) truncated",
        ]
        if malformed > 0 { parts.append("\(malformed) malformed line\(malformed == 1 ? "" : "s") passed through") }
        if withoutField > 0 { parts.append("\(withoutField) record\(withoutField == 1 ? "" : "s") without the text field") }
        if rejected > 0 { parts.append("\(rejected) rejected (--min-chars)") }
        if belowHanShare > 0 {
            parts.append("\(belowHanShare) skipped (\(HanShare.optionLabel(minimumHanShare ?? 0)))")
        }
        if !skippedRecords.isEmpty {
            let total = skippedRecords.values.reduce(0, +)
            let reasons = skippedRecords.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            parts.append("\(total) WARC record\(total == 1 ? "" : "s") skipped (\(reasons.joined(separator: ", ")))")
        }
        if failedFiles > 0 { parts.append("\(failedFiles) file\(failedFiles == 1 ? "" : "s") failed") }
        return parts.joined(separator: ", ")
    }

    static func formatBytes(_ bytes: Int) -> String {
        let value = Double(bytes)
        if bytes >= 1 << 30 { return String(format1: value / 1_073_741_824, unit: "GB") }
        if bytes >= 1 << 20 { return String(format1: value / 1_048_576, unit: "MB") }
        return String(format1: value / 1024, unit: "KB")
    }
}

extension String {
    /// A number with one decimal and a unit, without Foundation's formatters.
    public init(format1 value: Double, unit: String) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10) \(unit)"
    }
}
