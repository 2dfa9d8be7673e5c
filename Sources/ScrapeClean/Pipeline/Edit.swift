/// One change a stage made to a document: what it removed or replaced, where, and why.
///
/// ```swift
/// Edit(stage: .boilerplate, rule: "banner.xiaobian-preface", line: 1,
///      removed: "下面是小编为大家整理的…,供大家参考。", replacement: "")
/// ```
public struct Edit: Sendable, Codable, Equatable {
    /// The stage that made the change.
    public var stage: Stage
    /// The rule id, e.g. `hygiene.zero-width` or `banner.xiaobian-preface`.
    public var rule: String
    /// The 1-based line number in the decoded input where the change happened (0 when the
    /// change concerns the whole document, such as decoding).
    public var line: Int
    /// The 1-based column (in Unicode scalars) of the change within the line as the stage saw
    /// it, when it applies to a span.
    public var column: Int?
    /// The text removed or replaced.
    public var removed: String
    /// The text put in its place (empty for a removal).
    public var replacement: String
    /// How many occurrences this edit stands for (edits of one rule on one line are merged).
    public var count: Int
    /// A short human explanation, when the rule id alone does not say enough.
    public var note: String?

    public init(stage: Stage, rule: String, line: Int, column: Int? = nil,
                removed: String, replacement: String = "", count: Int = 1, note: String? = nil) {
        self.stage = stage
        self.rule = rule
        self.line = line
        self.column = column
        self.removed = removed
        self.replacement = replacement
        self.count = count
        self.note = note
    }

    /// Whether the edit removed a whole line.
    public var removesLine: Bool { replacement.isEmpty && column == nil }
}

extension Edit {
    /// One edit for a changed line: the span from the first to the last changed scalar.
    ///
    /// Compared as UTF-8 bytes (a common prefix or suffix of bytes, backed off to a scalar
    /// boundary, is a common prefix or suffix of scalars), so no scalar arrays are built.
    init(replacing old: String, with new: String, stage: Stage, rule: String, line: Int, note: String? = nil) {
        var old = old, new = new
        self = old.withUTF8 { a in
            new.withUTF8 { b in
                let isContinuation = UTF8.isContinuation
                var prefix = 0
                while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
                while prefix > 0, (prefix < a.count && isContinuation(a[prefix]))
                        || (prefix < b.count && isContinuation(b[prefix])) { prefix -= 1 }
                var suffix = 0
                while suffix < a.count - prefix, suffix < b.count - prefix,
                      a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
                // The suffix must start on a scalar boundary in both.
                while suffix > 0, isContinuation(a[a.count - suffix]) { suffix -= 1 }
                let column = a[..<prefix].reduce(0) { isContinuation($1) ? $0 : $0 + 1 } + 1
                return Edit(stage: stage, rule: rule, line: line, column: column,
                            removed: String(decoding: a[prefix..<(a.count - suffix)], as: UTF8.self),
                            replacement: String(decoding: b[prefix..<(b.count - suffix)], as: UTF8.self), note: note)
            }
        }
    }
}
