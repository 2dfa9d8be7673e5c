import Foundation

/// Removes whole lines of chrome that the learned ``LineModel`` scores at or above a threshold
/// (rule id `model.line`, the score in the edit's note: `score 0.987`). It runs last in the
/// boilerplate stage, on the non-empty lines the rules and the other detectors left.
///
/// The model alone never removes a line that reads as body text: one of 60 or more Han
/// characters, or one of 20 or more with sentence punctuation (。！？；), which also spans the
/// body block (from the first to the last such line). Those lines are not scored at all, which
/// keeps the detector cheap on running text; they still give their neighbours their features. Nor does it remove a lone poster name (``NavigationBlockDetector/isPosterName(_:)``):
/// the navigation-block detector reads those as a thread's replies, and without them a later
/// pass would take the short replies below for a block of links. A threshold of 1 switches the
/// detector off.
///
/// ```
/// 发表于 2023-05-01 12:30 | 只看该作者                   ← removed (score 0.998)
/// 楼主说的这个方法我试过了，上传下载都正常，举报功能也有。  ← kept: a sentence inside the body
/// ```
struct LineModelDetector {
    static let id = StructureDetectorID.lineModel
    /// The edits' category.
    static let category = "model"
    /// A line of this many Han characters is body whatever the model says.
    static let longLineHan = 60

    let model: LineModel
    /// Remove lines scored at or above this (0…1; 1 removes nothing).
    let threshold: Double

    /// The non-empty lines the model sees, their features and scores.
    struct Scored {
        var indices: [Int]
        var features: LineFeatures
        var scores: [Double]
    }

    /// Whether the model may remove a line of this measure (so whether it is worth scoring).
    static func isCandidate(_ measure: LineMeasure) -> Bool {
        measure.han < longLineHan && !measure.readsAsSentence
    }

    /// Scores the non-empty lines still present: every one when `all` (the training dump),
    /// otherwise only the ``isCandidate(_:)`` lines, and of those only the ones that reach the
    /// threshold get their score (the others get 0: their walk stops once the threshold is out
    /// of reach).
    func score(_ document: WorkingDocument, all: Bool = false) -> Scored {
        let indices = document.lines.indices.filter { index in
            document.lines[index].isAlive && document.lines[index].text.unicodeScalars.contains { !LineShape.isSpace($0.value) }
        }
        let isScored: ((LineMeasure) -> Bool)? = all ? nil : { Self.isCandidate($0) }
        let features = LineFeatures(texts: indices.map { document.lines[$0].text }, vocabulary: model.vocabulary,
                                    titleFound: document.metadata.metadata.title != nil,
                                    scoring: isScored)
        var scores = [Double](repeating: 0, count: indices.count)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: LineFeatures.count) { row in
            for line in 0..<indices.count where all || Self.isCandidate(features.measures[line]) {
                features.fill(row, line: line)
                scores[line] = all ? model.score(UnsafeBufferPointer(row))
                    : model.score(UnsafeBufferPointer(row), ifAtLeast: threshold) ?? 0
            }
        }
        return Scored(indices: indices, features: features, scores: scores)
    }

    /// Removes the lines below a line the model removed that repeat its text exactly (a
    /// header's slogan repeated in a banner, a menu repeated in the footer). The layout stage
    /// keeps the first copy of a repeated paragraph and drops the others: had the model left
    /// the first copy, the text would hold it once; having removed it, it holds it nowhere.
    /// Without this the second copy would be the text's only one, and a second clean, which
    /// sees the head without the first copy, could read it differently (a slogan two lines
    /// under the title outweighing the title). `copies` maps a removed text to its index.
    private func removeLaterCopies(of copies: [ParagraphKey: Int], in document: inout WorkingDocument) {
        guard !copies.isEmpty else { return }
        for index in document.lines.indices where document.lines[index].isAlive {
            let text = document.lines[index].text
            guard LayoutStage.dropsLaterCopies(of: text), let first = copies[ParagraphKey(text)], first < index else { continue }
            document.remove(index, rule: Self.id, category: Self.category,
                            note: "copy of the line at \(document.lines[first].origin), which the model removed")
        }
    }

    /// At most this many rounds of scoring and removing (``apply(to:)``). Every round but the
    /// last removes at least one line, and a line's features reach only a few lines around it
    /// and its distance from the ends, so rounds stop long before this on real pages (on the
    /// 589 labelled pages at most 3 rounds remove lines at the default threshold, 7 at 0.95);
    /// the bound keeps the stage linear in the lines.
    static let maximumRounds = 32

    /// Removes the lines scored at or above the threshold, then scores the lines left again
    /// (a removed line's neighbours now have other neighbours) until a round removes nothing,
    /// so that cleaning the output again finds nothing more for the model to remove.
    func apply(to document: inout WorkingDocument) {
        guard threshold < 1, !model.roots.isEmpty else { return }
        for _ in 0..<Self.maximumRounds {
            let scored = score(document)
            let measures = scored.features.measures
            var removed = 0
            var removedTexts: [ParagraphKey: Int] = [:]
            for line in scored.scores.indices where scored.scores[line] >= threshold {
                guard Self.isCandidate(measures[line]) else { continue }
                let index = scored.indices[line]
                if NavigationBlockDetector.isPosterName(document.lines[index].text) { continue }
                if document.lines[index].isTitle { continue }
                document.remove(index, rule: Self.id, category: Self.category,
                                note: String(format: "score %.3f", scored.scores[line]))
                removed += 1
                if LayoutStage.dropsLaterCopies(of: document.lines[index].text) {
                    let key = ParagraphKey(document.lines[index].text)
                    if removedTexts[key] == nil { removedTexts[key] = index }
                }
            }
            if removed == 0 { return }
            removeLaterCopies(of: removedTexts, in: &document)
        }
    }
}
