/// One line as the line model sees it, for training and evaluating the model offline
/// (`scrapeclean-bench line-features`): the training script reads these and never computes a
/// feature itself.
///
/// ```swift
/// @_spi(LineModelTraining) import ScrapeClean
///
/// var options = CleanOptions()
/// options.disabledRules = ["model.line"]     // an empty vocabulary: bigram buckets only
/// for row in try Cleaner(options: options).lineModelRows(text: page) {
///     print(row.origin, row.buckets.count, row.features.count)
/// }
/// ```
@_spi(LineModelTraining)
public struct LineModelTrainingRow: Sendable {
    /// The line's 1-based number in the input (to join with labels).
    public let origin: Int
    /// The line's text when the model sees it.
    public let text: String
    /// The distinct buckets of the line's bigrams, ascending (what the vocabulary is learned from).
    public let buckets: [Int]
    /// The feature vector, in ``Cleaner/lineModelFeatureNames`` order.
    public let features: [Float]
    /// The model's score, when the cleaner's line model has trees.
    public let score: Double?
}

@_spi(LineModelTraining)
extension Cleaner {
    /// The names of the line model's features, in vector order.
    public static var lineModelFeatureNames: [String] { LineFeatures.names }

    /// The checksum of the feature layout that model files must carry.
    public static var lineModelLayoutChecksum: UInt32 { LineFeatures.layoutChecksum }

    /// The lines of `text` as the line model sees them in the first pass: after hygiene, the
    /// stages before the boilerplate stage and the boilerplate stage's rules and detectors. The
    /// features use this cleaner's line model's vocabulary (an empty one when `model.line` is
    /// disabled).
    public func lineModelRows(text: String) -> [LineModelTrainingRow] {
        var document = Hygiene().document(from: text)
        for stage in stages {
            if let boilerplate = stage as? BoilerplateStage { return boilerplate.lineModelRows(of: document) }
            stage.apply(to: &document)
        }
        return []
    }
}

extension BoilerplateStage {
    /// ``Cleaner/lineModelRows(text:)`` from this stage on.
    func lineModelRows(of document: Document) -> [LineModelTrainingRow] {
        var working = WorkingDocument(document: document)
        applyDetectorsBeforeModel(to: &working)
        let model = lineModel ?? LineModel(vocabulary: .empty, roots: [], nodes: [])
        let scored = LineModelDetector(model: model, threshold: lineModelThreshold).score(working, all: true)
        var row = [Float](repeating: 0, count: LineFeatures.count)
        return scored.indices.enumerated().map { line, index in
            row.withUnsafeMutableBufferPointer { scored.features.fill($0, line: line) }
            var buckets = Set<Int>()
            BigramVocabulary.forEachBucket(of: working.lines[index].text) { buckets.insert($0) }
            return LineModelTrainingRow(origin: working.lines[index].origin, text: working.lines[index].text,
                                        buckets: buckets.sorted(), features: row,
                                        score: model.roots.isEmpty ? nil : scored.scores[line])
        }
    }
}
