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
