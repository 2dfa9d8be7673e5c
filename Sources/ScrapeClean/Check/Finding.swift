import Foundation

/// One thing `scrapeclean check` reports: an edit cleaning would make, located in the input.
///
/// ```swift
/// let result = try Cleaner().clean(bytes: bytes)
/// for finding in result.findings(path: "page.txt") {
///     print(finding.textLine)
///     // page.txt:3:187: layout.split-flattened replaces " " with "\n" (17 times): 18 paragraphs flattened into one line
/// }
/// ```
public struct Finding: Sendable, Codable, Equatable {
    /// The input path (`-` for standard input).
    public var path: String
    /// The 1-based input line (1 for an edit that concerns the whole document).
    public var line: Int
    /// The 1-based column in Unicode scalars (1 when the edit concerns a whole line).
    public var column: Int
    /// The rule id, e.g. `layout.join-broken-line`.
    public var rule: String
    /// The stage the rule belongs to.
    public var stage: Stage
    /// What would be removed or replaced, shortened, with the edit's note.
    public var message: String
    /// The full text that would be removed or replaced.
    public var removed: String
    /// The text that would take its place.
    public var replacement: String
    /// How many occurrences the finding stands for.
    public var count: Int

    /// Describes `edit` as a finding in the file at `path`.
    public init(path: String, edit: Edit) {
        self.path = path
        self.line = max(1, edit.line)
        self.column = max(1, edit.column ?? 1)
        self.rule = edit.rule
        self.stage = edit.stage
        self.removed = edit.removed
        self.replacement = edit.replacement
        self.count = edit.count
        self.message = Self.message(for: edit)
    }

    /// `path:line:col: rule-id message`, the format compilers and editors understand.
    public var textLine: String {
        "\(path):\(line):\(column): \(rule) \(message)"
    }

    /// The finding as one line of compact JSON with sorted keys.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and integers always encode.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// How many scalars of removed or inserted text a message shows.
    static let excerptLength = 24

    static func message(for edit: Edit) -> String {
        var message: String
        switch (edit.removed.isEmpty, edit.replacement.isEmpty) {
        case (false, true): message = "removes \(excerpt(edit.removed))"
        case (false, false): message = "replaces \(excerpt(edit.removed)) with \(excerpt(edit.replacement))"
        case (true, false): message = "inserts \(excerpt(edit.replacement))"
        case (true, true): message = "changes the text"
        }
        if edit.count > 1 { message += " (\(edit.count) times)" }
        if let note = edit.note, !note.isEmpty { message += ": \(note)" }
        return message
    }

    /// The text quoted, cut to ``excerptLength`` scalars, with line breaks, tabs and other
    /// control or invisible characters escaped so the finding stays on one line.
    static func excerpt(_ text: String) -> String {
        var result = "\""
        var shown = 0
        for scalar in text.unicodeScalars {
            if shown == excerptLength {
                result += "…"
                break
            }
            shown += 1
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x09: result += "\\t"
            case 0x0D: result += "\\r"
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension CleanResult {
    /// One finding per edit, in pipeline order, for the file at `path`.
    public func findings(path: String) -> [Finding] {
        edits.map { Finding(path: path, edit: $0) }
    }
}
