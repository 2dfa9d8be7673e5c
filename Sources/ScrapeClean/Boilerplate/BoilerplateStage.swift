/// Stage 5: removes site chrome with the rule catalog and the structural detectors, and
/// records what the page states about itself (title, author, date, source, …) in the metadata.
///
/// Order: jammer strings → junk filler → rules (line by line, keyword-prefiltered) → table of contents → title → excerpt
/// repeating the body → navigation block at the tail → the learned line model (whole lines,
/// ``LineModelDetector``) → placeholder count. Every removal is an ``Edit`` carrying the rule or
/// detector id.
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
    /// The line model (nil when `model.line` is disabled).
    let lineModel: LineModel?
    let lineModelThreshold: Double

    /// Builds the stage: loads the built-in rules and the options' rule files, compiles them,
    /// and loads the line model (the built-in one, or ``CleanOptions/lineModelFile``).
    /// - Throws: ``CleanerError/invalidRules(source:reason:)`` for a bad rule file or an unknown
    ///   `--disable` id; ``CleanerError/invalidLineModel(_:)`` for a model file that cannot be
    ///   read or used; ``CleanerError/invalidOption(_:)`` for a threshold outside 0…1.
    public init(options: CleanOptions) throws(CleanerError) {
        catalog = try RuleCatalog(options: options)
        convertsPunctuation = !options.keepPunctuation
        guard options.lineModelThreshold >= 0, options.lineModelThreshold <= 1 else {
            throw .invalidOption("line model threshold \(options.lineModelThreshold) is not between 0 and 1")
        }
        lineModelThreshold = options.lineModelThreshold
        if catalog.disabledDetectors.contains(StructureDetectorID.lineModel) {
            lineModel = nil
        } else {
            let loaded: Result<LineModel, LineModelError> = if let path = options.lineModelFile {
                Result { () throws(LineModelError) in try LineModel(contentsOfFile: path) }
            } else {
                LineModel.shipped
            }
            switch loaded {
            case let .success(model): lineModel = model
            case let .failure(error): throw .invalidLineModel(error)
            }
        }
    }

    public func apply(to document: inout Document) {
        var working = WorkingDocument(document: document)
        applyDetectorsBeforeModel(to: &working)
        if let lineModel {
            LineModelDetector(model: lineModel, threshold: lineModelThreshold).apply(to: &working)
        }
        working.commit(to: &document)
        let placeholders = document.lines.reduce(0) { $0 + PlaceholderCounter.count(in: $1.text) }
        if placeholders > 0 { document.metadata.placeholders = placeholders }
        if convertsPunctuation { convertPunctuation(of: &document.metadata) }
    }

    /// Everything before the line model: jammers, rules, table of contents, title, summary
    /// repeat, navigation block.
    func applyDetectorsBeforeModel(to working: inout WorkingDocument) {
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
