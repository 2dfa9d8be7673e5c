/// Rule ids of the structural detectors (code, not data). Like rule ids, they appear in edits
/// and can be switched off with `--disable`.
enum StructureDetectorID {
    /// A table of contents (`目录/提纲:……` … `……`) before the body.
    static let tableOfContents = "structure.toc"
    /// A later copy of the title line (or `关键词：标题`, or the title with the site suffix).
    static let titleRepeat = "structure.title-repeat"
    /// The `_站点名` suffix or the byline cut from the title line.
    static let titleSuffix = "structure.title-suffix"
    /// Navigation and chrome before the title, and byline/category lines between the title and
    /// the body.
    static let headChrome = "structure.head-chrome"
    /// An excerpt that repeats the start of the body.
    static let summaryRepeat = "structure.summary-repeat"
    /// Runs of short link-like lines at the tail of the document.
    static let navigationBlock = "structure.navigation-block"

    /// Anti-copy jammer strings (`7 Z, X# ]+ f+ h8`), whole lines or glued to a line's ends.
    static let jammer = "structure.jammer"
    /// Runs of Han characters with no word among them, emitted by doc sites in place of text.
    static let junkFiller = "structure.junk-filler"

    /// Whole lines the learned line model scores as chrome (``LineModelDetector``).
    static let lineModel = "model.line"

    static let all: Set<String> = [tableOfContents, titleRepeat, titleSuffix, headChrome, summaryRepeat, navigationBlock,
                                   jammer, junkFiller, lineModel]
}
