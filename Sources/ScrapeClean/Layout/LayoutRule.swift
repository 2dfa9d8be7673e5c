/// The rules of the layout stage, by id. Each can be switched off with `--disable ID`.
public enum LayoutRule: String, Sendable, CaseIterable {
    /// White space (spaces, tabs, `　`) at the start of a line is removed.
    case leadingSpace = "layout.leading-space"
    /// A line flattened with spaces is split after `。！？`, or after `：；` before an enumerator.
    case splitFlattened = "layout.split-flattened"
    /// Spaces directly before or after `。，；：！？、“”「」（）《》` are removed.
    case spaceAroundPunctuation = "layout.space-around-punctuation"
    /// A line ending in `，；、`, or with an unclosed `“《（「` the next line closes, absorbs the
    /// next line unless that starts a heading or list item.
    case joinBrokenLine = "layout.join-broken-line"
    /// A later exact copy of a paragraph is dropped.
    case duplicateParagraph = "layout.duplicate-paragraph"
    /// Blank lines left next to each other (or at either end) by a dropped paragraph are removed.
    case blankLines = "layout.blank-lines"
}
