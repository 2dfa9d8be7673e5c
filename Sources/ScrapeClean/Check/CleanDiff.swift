/// What cleaning changes in one document: a unified diff of the decoded input against the
/// cleaned text, each hunk labelled with the ids of the rules whose edits fall in it.
///
/// ```swift
/// let diff = try Cleaner().diff(bytes: Array("下面是小编为大家整理的讲话,供大家参考。\n同志们:\n".utf8))
/// print(diff.unified(oldLabel: "page.txt", newLabel: "page.txt (cleaned)"))
/// // --- page.txt
/// // +++ page.txt (cleaned)
/// // @@ -1,2 +1,1 @@ banner.xiaobian-preface, punctuation.full-width-mark
/// // -下面是小编为大家整理的讲话,供大家参考。
/// // -同志们:
/// // +同志们：
/// ```
public struct CleanDiff: Sendable {
    /// A hunk and the rules behind it.
    public struct LabelledHunk: Sendable, Equatable {
        public var hunk: LineDiff.Hunk
        /// Rule ids of the edits whose input line lies in the hunk, in pipeline order.
        public var rules: [String]

        /// `@@ -a,b +c,d @@ rule-a, rule-b`.
        public var header: String {
            rules.isEmpty ? hunk.header : hunk.header + " " + rules.joined(separator: ", ")
        }
    }

    /// The cleaning result the diff shows.
    public let result: CleanResult
    /// The hunks, in order.
    public let hunks: [LabelledHunk]

    /// Diffs `original` (the decoded input, before hygiene) against `result.text`.
    public init(original: String, result: CleanResult, context: Int = 3) {
        self.result = result
        let diff = LineDiff(oldLines: Self.inputLines(original), newLines: LineDiff.split(result.text))
        let plain = diff.hunks(context: context)
        // Edits by input line, swept once alongside the hunks (both ascend).
        let located = result.edits.enumerated().map { (line: max($0.element.line, 1), order: $0.offset) }
            .sorted { ($0.line, $0.order) < ($1.line, $1.order) }
        var cursor = 0
        var hunks: [LabelledHunk] = []
        hunks.reserveCapacity(plain.count)
        for hunk in plain {
            let first = hunk.oldStart + 1
            let last = max(first, hunk.oldStart + hunk.oldCount)
            while cursor < located.count, located[cursor].line < first { cursor += 1 }
            var orders: [String: Int] = [:]
            var index = cursor
            while index < located.count, located[index].line <= last {
                let rule = result.edits[located[index].order].rule
                orders[rule] = min(orders[rule] ?? .max, located[index].order)
                index += 1
            }
            let rules = orders.sorted { $0.value < $1.value }.map(\.key)
            hunks.append(LabelledHunk(hunk: hunk, rules: rules))
        }
        self.hunks = hunks
    }

    /// Whether cleaning changes no line.
    public var isEmpty: Bool { hunks.isEmpty }

    /// The diff in unified format with labelled hunk headers, or "" when nothing changes.
    /// `style` wraps each kind of line, e.g. in terminal colors.
    public func unified(oldLabel: String, newLabel: String, style: DiffStyle = .plain) -> String {
        guard !hunks.isEmpty else { return "" }
        var out = style.fileHeader("--- \(oldLabel)") + "\n" + style.fileHeader("+++ \(newLabel)") + "\n"
        for hunk in hunks {
            out += style.hunkHeader(hunk.header) + "\n"
            for line in hunk.hunk.lines {
                switch line.first {
                case "-": out += style.removed(line)
                case "+": out += style.added(line)
                default: out += line
                }
                out += "\n"
            }
        }
        return out
    }

    /// Splits decoded input into lines the way hygiene does (`\n`, `\r\n`, `\r`, U+0085,
    /// U+2028, U+2029), so that line numbers match ``Edit/line``.
    static func inputLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let value = scalars[index].value
            guard value == 0x0A || value == 0x0D || value == 0x85 || value == 0x2028 || value == 0x2029 else {
                index = scalars.index(after: index)
                continue
            }
            lines.append(Substring(scalars[start..<index]))
            var next = scalars.index(after: index)
            if value == 0x0D, next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            index = next
            start = next
        }
        if start < scalars.endIndex { lines.append(Substring(scalars[start...])) }
        return lines
    }
}

/// How ``CleanDiff/unified(oldLabel:newLabel:style:)`` decorates lines.
public struct DiffStyle: Sendable {
    public var fileHeader: @Sendable (String) -> String
    public var hunkHeader: @Sendable (String) -> String
    public var removed: @Sendable (String) -> String
    public var added: @Sendable (String) -> String

    /// No decoration.
    public static let plain = DiffStyle(fileHeader: { $0 }, hunkHeader: { $0 }, removed: { $0 }, added: { $0 })

    /// ANSI terminal colors: bold file headers, cyan hunk headers, red removals, green additions.
    public static let terminal = DiffStyle(
        fileHeader: { "\u{1B}[1m\($0)\u{1B}[0m" },
        hunkHeader: { "\u{1B}[36m\($0)\u{1B}[0m" },
        removed: { "\u{1B}[31m\($0)\u{1B}[0m" },
        added: { "\u{1B}[32m\($0)\u{1B}[0m" })
}

extension Cleaner {
    /// Cleans `bytes` and diffs the decoded input against the cleaned text.
    /// - Throws: ``DecodingError`` when the options name an encoding ICU does not know.
    public func diff(bytes: [UInt8]) throws(DecodingError) -> CleanDiff {
        let decoded = try EncodingDetector.decode(bytes, encoding: options.encoding)
        let result = try clean(bytes: bytes)
        return CleanDiff(original: decoded.text, result: result)
    }
}
