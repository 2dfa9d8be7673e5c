/// Assembles the ordered stages for a set of options (DESIGN.md §2). Decoding and hygiene run
/// before these, in ``Cleaner``.
enum PipelineBuilder {
    static func stages(for options: CleanOptions) throws(CleanerError) -> [any CleaningStage] {
        var stages: [any CleaningStage] = [MojibakeStage(), AnnotationStage()]
        if !options.keepPunctuation {
            stages.append(PunctuationStage())
        }
        return stages.sorted { $0.stage < $1.stage }
    }
}
