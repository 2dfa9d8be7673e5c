/// The rules of the punctuation stage, by id. Each can be switched off with `--disable ID`.
///
/// ```swift
/// var options = CleanOptions()
/// options.disabledRules = [PunctuationRule.fullWidthAlphanumeric.rawValue]   // keep `Ａ１`
/// ```
public enum PunctuationRule: String, Sendable, CaseIterable {
    /// `, ; : ! ?` beside Chinese text become `，；：！？`.
    case fullWidthMark = "punctuation.full-width-mark"
    /// A `( … )` pair enclosing a Han character becomes `（ … ）`.
    case fullWidthParentheses = "punctuation.full-width-parentheses"
    /// Full-width Latin letters and digits (`Ａ１`) become ASCII.
    case fullWidthAlphanumeric = "punctuation.full-width-alphanumeric"
}
