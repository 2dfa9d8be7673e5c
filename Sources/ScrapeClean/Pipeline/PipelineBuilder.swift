/// Assembles the ordered stages for a set of options (DESIGN.md §2). Decoding and hygiene run
/// before these, in ``Cleaner``.
enum PipelineBuilder {
    static func stages(for options: CleanOptions) throws(CleanerError) -> [any CleaningStage] {
        // Appended in pipeline order (DESIGN.md §2). Mojibake repair always runs.
        var stages: [any CleaningStage] = [MojibakeStage()]
        if !options.disabledRules.contains(AnnotationStage.rule) {
            stages.append(AnnotationStage())
        }
        if let statistics = options.lineStatistics {
            if !options.disabledRules.contains(RepeatedLineStage.rule) {
                stages.append(RepeatedLineStage(statistics: statistics))
            }
            if statistics.hasSiteCounts, !options.disabledRules.contains(SiteRepeatedLineStage.rule) {
                stages.append(SiteRepeatedLineStage(statistics: statistics))
            }
        }
        stages.append(try BoilerplateStage(options: options))
        if options.target != .keep {
            stages.append(try ConversionStage(options: options))
        }
        if !options.keepPunctuation {
            stages.append(PunctuationStage(disabledRules: options.disabledRules))
        }
        stages.append(LayoutStage(disabledRules: options.disabledRules))
        return stages
    }
}
