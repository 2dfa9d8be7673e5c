/// Stage 5: removes site chrome with the rule catalog and the structural detectors, and
/// records what the page states about itself (title, author, date, source, …) in the metadata.
///
/// Order: jammer strings → junk filler → rules (line by line, keyword-prefiltered) → table of contents → title → excerpt
/// repeating the body → navigation block at the tail → placeholder count. Every removal is an
/// ``Edit`` carrying the rule or detector id.
///
/// ```swift
/// let stage = try BoilerplateStage(options: CleanOptions())
/// var document = Document(text: "下面是小编为大家整理的讲话,供大家参考。\n同志们:\n")
/// stage.apply(to: &document)   // document.lines: ["同志们:"]
/// ```
public struct BoilerplateStage: CleaningStage {
    public let stage = Stage.boilerplate
    let catalog: RuleCatalog
    /// Whether metadata values get the same punctuation conversion as the text (stage 7).
    let convertsPunctuation: Bool

    /// Builds the stage: loads the built-in rules and the options' rule files, compiles them.
    /// - Throws: ``CleanerError/invalidRules(source:reason:)`` for a bad rule file or an unknown
    ///   `--disable` id.
    public init(options: CleanOptions) throws(CleanerError) {
        catalog = try RuleCatalog(options: options)
        convertsPunctuation = !options.keepPunctuation
    }

    public func apply(to document: inout Document) {
        var working = WorkingDocument(document: document)
        let disabled = catalog.disabledDetectors
        if !disabled.contains(StructureDetectorID.jammer) { JammerDetector().apply(to: &working) }
        if !disabled.contains(StructureDetectorID.junkFiller) { JunkFillerDetector().apply(to: &working) }
        RuleEngine(catalog: catalog).apply(to: &working)
        if !disabled.contains(StructureDetectorID.tableOfContents) {
            TableOfContentsDetector().apply(to: &working)
        }
        TitleDetector(disabled: disabled).apply(to: &working)
        if !disabled.contains(StructureDetectorID.summaryRepeat) {
            SummaryRepeatDetector().apply(to: &working)
        }
        if !disabled.contains(StructureDetectorID.navigationBlock) {
            NavigationBlockDetector().apply(to: &working)
        }
        working.commit(to: &document)
        let placeholders = document.lines.reduce(0) { $0 + PlaceholderCounter.count(in: $1.text) }
        if placeholders > 0 { document.metadata.placeholders = placeholders }
        if convertsPunctuation { convertPunctuation(of: &document.metadata) }
    }

    /// Metadata values are written as they appear in the cleaned text: `(街道)` → `（街道）`.
    private func convertPunctuation(of metadata: inout Metadata) {
        func converted(_ value: String?) -> String? {
            guard let value else { return nil }
            var scratch = Document(lines: [Line(value, origin: 0)])
            PunctuationStage().apply(to: &scratch)
            return scratch.lines.first?.text ?? value
        }
        metadata.title = converted(metadata.title)
        metadata.author = converted(metadata.author)
        metadata.source = converted(metadata.source)
        metadata.editor = converted(metadata.editor)
        metadata.site = converted(metadata.site)
        metadata.date = converted(metadata.date)
        metadata.keywords = metadata.keywords.map { $0.map { converted($0) ?? $0 } }
    }
}
