/// One boilerplate rule, as written in a rule file (see `docs/rules.md`).
///
/// ```json
/// {
///   "id": "banner.xiaobian-preface",
///   "category": "banner",
///   "zone": {"zone": "head", "lines": 5},
///   "keywords": ["小编"],
///   "pattern": "^下面是小编为大家.{0,80}?(?:供大家参考|欢迎阅读)",
///   "action": "drop-line",
///   "guards": {"maxLength": 200},
///   "examples": {"match": ["下面是小编为大家整理的讲话,供大家参考。"], "keep": ["跟随小编来了解看看吧。"]}
/// }
/// ```
public struct Rule: Sendable, Equatable {
    /// A stable dotted id, e.g. `banner.xiaobian-preface`; `--disable` names it.
    public var id: String
    /// The family the rule belongs to (banner, meta, navigation, footer, truncation, …).
    public var category: String
    /// What the rule is for, in a sentence.
    public var description: String?
    /// Which lines of the document the rule looks at.
    public var zone: Zone
    /// Literal strings (matched on the normalized view); a line containing none of them is
    /// never examined by the rule.
    public var keywords: [String]
    /// An ICU regular expression matched against the normalized view of a line. Named groups
    /// `author`, `date`, `source`, `editor`, `site`, `keywords`, `omittedCharacters`,
    /// `declaredTotal` and `shownCharacters` fill the metadata of the same name.
    public var pattern: String
    /// What happens to a matching line.
    public var action: Action
    /// Conditions under which a match is ignored.
    public var guards: Guards
    /// A truncation or paywall notice: the document is marked truncated, and the line is split
    /// where the notice was cut out, so that the text on its two sides is never joined.
    public var truncation: Bool
    /// Lines the rule must change and lines it must leave alone (checked by the test suite).
    public var examples: Examples

    /// Where in the document a rule applies.
    public enum Zone: Sendable, Equatable {
        /// Every line.
        case anywhere
        /// The first `n` lines (as they stand when the stage starts).
        case head(Int)
        /// The last `n` lines.
        case tail(Int)
    }

    /// What a rule does to a matching line.
    public enum Action: String, Sendable, Equatable, CaseIterable {
        /// Remove the whole line.
        case dropLine = "drop-line"
        /// Remove the matched text (and the spaces around it); the line goes if nothing is left.
        case cutSpan = "cut-span"
        /// Remove from the start of the match to the end of the line.
        case cutToLineEnd = "cut-to-line-end"
        /// Remove this line and every line after it. Applies only when a body paragraph comes
        /// before the line.
        case cutToDocumentEnd = "cut-to-document-end"
    }

    /// Conditions that stop a rule from acting.
    public struct Guards: Sendable, Equatable {
        /// Ignore lines longer than this (in characters of the original line).
        public var maxLength: Int?
        /// Ignore lines shorter than this.
        public var minLength: Int?
        /// Ignore the match when more than this share of the line's Han characters sit in
        /// sentence text (clauses closed by `。！？，`): the line is mostly body. For `drop-line`
        /// and `cut-to-document-end` the whole line is weighed; for cuts, what the cut leaves.
        public var maxSentenceShare: Double?
        /// Act only on lines above the first body paragraph (a date alone under the title, not
        /// the date under a speech's signature).
        public var beforeBody: Bool
        /// Ignore a number alone on its line that counts on from the nearest such number above
        /// it or on to the nearest below it, with text between them: the step numbers of a list
        /// (`2` / `用凉水下锅` / `3` / `水开后把肉块儿煮5分钟`), not a counter. Nor a year whose
        /// date goes on on the next line (`2021` / `年 2 月 23 日`, a notice's date broken by its
        /// layout).
        public var notStepNumber: Bool

        public init(maxLength: Int? = nil, minLength: Int? = nil, maxSentenceShare: Double? = nil,
                    beforeBody: Bool = false, notStepNumber: Bool = false) {
            self.maxLength = maxLength
            self.minLength = minLength
            self.maxSentenceShare = maxSentenceShare
            self.beforeBody = beforeBody
            self.notStepNumber = notStepNumber
        }
    }

    /// Example lines shared by the tests and the documentation.
    public struct Examples: Sendable, Equatable {
        /// Lines the rule must act on.
        public var match: [String]
        /// Lines the rule must leave alone.
        public var keep: [String]

        public init(match: [String] = [], keep: [String] = []) {
            self.match = match
            self.keep = keep
        }
    }

    /// Metadata fields a rule may capture with a named group.
    public static let capturableFields: Set<String> = [
        "author", "date", "source", "editor", "site", "keywords",
        "omittedCharacters", "declaredTotal", "shownCharacters",
    ]
}
