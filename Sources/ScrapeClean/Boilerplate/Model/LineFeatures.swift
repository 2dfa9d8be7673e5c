import Foundation

/// The line model's input: a fixed-length vector of `Float` per line, made of the line's own
/// ``LineMeasure``, where it stands in the document (from the start, from the end, before or
/// after the running text), and the main measures of the two lines before and the two after
/// it (chrome comes in blocks). Lines are the non-empty lines still present when the model runs
/// (after the rules and the other detectors), in order: training (`scrapeclean-bench
/// line-features`) and inference see the same thing.
///
/// The order of ``names`` is the model file's contract: a model trained on another layout is
/// refused (``layoutChecksum``).
///
/// ```swift
/// let features = LineFeatures(texts: ["首页 > 新闻", "今天，我们召开全村干部大会。"], vocabulary: .empty, titleFound: false)
/// features.measures[0].separators   // 1
/// var row = [Float](repeating: 0, count: LineFeatures.count)
/// row.withUnsafeMutableBufferPointer { features.fill($0, line: 1) }
/// ```
struct LineFeatures {
    /// The features of the line itself.
    static let ownNames = [
        "han", "log_han", "log_length", "han_share", "letter_share", "digit_share", "symbol_share", "space_share",
        "sentence_punctuation", "ends_with_sentence_punctuation", "commas", "colons", "ends_with_colon",
        "separators", "space_runs", "brackets", "starts_with_bracket",
        "date", "time", "counter", "size", "page_number", "url", "longest_digit_run", "enumerator",
        "relative_position", "log_lines_before", "log_lines_after", "is_first", "is_last",
        "log_sentences_before", "log_sentences_after", "repeated_in_document", "title_found",
        "vocab_mean", "vocab_max", "vocab_min", "vocab_chrome_share", "vocab_body_share",
    ]
    /// The features taken of each neighbouring line (-1 where there is none).
    static let neighbourNames = [
        "log_han", "han_share", "digit_share", "ends_with_sentence_punctuation", "sentence_punctuation",
        "separators", "date_or_counter", "vocab_mean", "vocab_chrome_share",
    ]
    /// Which neighbours, as offsets from the line.
    static let neighbourOffsets = [-2, -1, 1, 2]

    /// Every feature's name, in vector order (`prev2_log_han` is the second line above's).
    static let names: [String] = ownNames + neighbourOffsets.flatMap { offset in
        neighbourNames.map { (offset < 0 ? "prev\(-offset)_" : "next\(offset)_") + $0 }
    }
    static let count = names.count

    /// FNV-1a (32 bits) of the names joined by `\n`: written into model files and checked on load.
    static let layoutChecksum: UInt32 = {
        var hash: UInt32 = 0x811C_9DC5
        for byte in names.joined(separator: "\n").utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return hash
    }()

    /// The measures of the lines, in order.
    let measures: [LineMeasure]
    /// `sentencesBefore[i]`: how many lines before line `i` read as sentences; one more entry
    /// at the end (the total).
    private let sentencesBefore: [Int]
    /// Whether each line's text occurs on another line too.
    private let repeated: [Bool]
    private let titleFound: Bool

    /// Measures `texts` (non-empty lines) with `vocabulary`. `titleFound`: the title detector
    /// found the page's title (it is then the first line).
    /// Measures `texts`. With `scoring`, only the lines it accepts (by their
    /// ``LineMeasure/sentenceCounts(_:hanTable:)``) and their neighbours are measured in full:
    /// ``fill(_:line:)`` may then be called for those lines only.
    init(texts: [String], vocabulary: BigramVocabulary, titleFound: Bool,
         scoring isScored: ((LineMeasure) -> Bool)? = nil) {
        measures = vocabulary.weights.withUnsafeBufferPointer { weights in
            CharacterFold.hanTable.withUnsafeBufferPointer { hanTable in
                func full(_ text: String) -> LineMeasure {
                    var measure = LineMeasure.measure(text, weights: weights, scale: vocabulary.scale, hanTable: hanTable)
                    measure.startsWithEnumerator = Enumerator.startsHeadingOrItem(text)
                    return measure
                }
                guard let isScored else { return texts.map(full) }
                var measures = texts.map { LineMeasure.sentenceCounts($0, hanTable: hanTable) }
                let reach = Self.neighbourOffsets.map(abs).max() ?? 0
                var measured = 0   // lines before this one are measured as far as they need
                for line in measures.indices where isScored(measures[line]) {
                    let end = min(line + reach + 1, texts.count)
                    for neighbour in max(line - reach, measured)..<max(end, measured) {
                        measures[neighbour] = full(texts[neighbour])
                    }
                    measured = max(measured, end)
                }
                return measures
            }
        }
        var before = [Int](repeating: 0, count: texts.count + 1)
        for (index, measure) in measures.enumerated() {
            before[index + 1] = before[index] + (measure.readsAsSentence ? 1 : 0)
        }
        sentencesBefore = before
        repeated = RepeatedTexts.flags(texts)
        self.titleFound = titleFound
    }

    var lineCount: Int { measures.count }

    /// `Float(log1p(Double(n)))` for the counts most lines have (`n` < 4096), computed once:
    /// the same values, without a `log1p` call per feature.
    static let logOnePlusTable: [Float] = (0..<4096).map { Float(log1p(Double($0))) }

    /// Writes line `line`'s feature vector into `out` (``count`` elements).
    func fill(_ out: UnsafeMutableBufferPointer<Float>, line: Int) {
        precondition(out.count >= Self.count)
        let measure = measures[line]
        precondition(measure.isComplete, "line \(line) was not measured in full")
        let lines = measures.count
        @inline(__always) func share(_ part: Int, of whole: Int) -> Float { whole == 0 ? 0 : Float(part) / Float(whole) }
        @inline(__always) func flag(_ value: Bool) -> Float { value ? 1 : 0 }
        @inline(__always) func logOnePlus(_ value: Int) -> Float {
            value >= 0 && value < Self.logOnePlusTable.count ? Self.logOnePlusTable[value] : Float(log1p(Double(value)))
        }
        var slot = 0
        @inline(__always) func put(_ value: Float) {
            out[slot] = value
            slot += 1
        }
        put(Float(measure.han))
        put(logOnePlus(measure.han))
        put(logOnePlus(measure.nonSpace))
        put(share(measure.han, of: measure.nonSpace))
        put(share(measure.letters, of: measure.nonSpace))
        put(share(measure.digits, of: measure.nonSpace))
        put(share(measure.symbols, of: measure.nonSpace))
        put(share(measure.innerSpaces, of: measure.nonSpace + measure.innerSpaces))
        put(Float(measure.sentencePunctuation))
        put(flag(measure.endsWithSentencePunctuation))
        put(Float(measure.commas))
        put(Float(measure.colons))
        put(flag(measure.endsWithColon))
        put(Float(measure.separators))
        put(Float(measure.spaceRuns))
        put(Float(measure.brackets))
        put(flag(measure.startsWithBracket))
        put(flag(measure.hasDate))
        put(flag(measure.hasTime))
        put(flag(measure.hasCounter))
        put(flag(measure.hasSize))
        put(flag(measure.hasPageNumber))
        put(flag(measure.hasURL))
        put(Float(measure.longestDigitRun))
        put(flag(measure.startsWithEnumerator))
        put(lines > 1 ? Float(line) / Float(lines - 1) : 0)
        put(logOnePlus(line))
        put(logOnePlus(lines - 1 - line))
        put(flag(line == 0))
        put(flag(line == lines - 1))
        put(logOnePlus(sentencesBefore[line]))
        put(logOnePlus(sentencesBefore[lines] - sentencesBefore[line + 1]))
        put(flag(repeated[line]))
        put(flag(titleFound))
        put(measure.vocabulary.mean)
        put(measure.vocabulary.maximum)
        put(measure.vocabulary.minimum)
        put(measure.vocabulary.chromeShare)
        put(measure.vocabulary.bodyShare)
        for offset in Self.neighbourOffsets {
            let neighbour = line + offset
            guard neighbour >= 0, neighbour < lines else {
                for _ in Self.neighbourNames { put(-1) }
                continue
            }
            let other = measures[neighbour]
            assert(other.isComplete)
            put(logOnePlus(other.han))
            put(share(other.han, of: other.nonSpace))
            put(share(other.digits, of: other.nonSpace))
            put(flag(other.endsWithSentencePunctuation))
            put(Float(other.sentencePunctuation))
            put(Float(other.separators))
            put(flag(other.hasDate || other.hasTime || other.hasCounter))
            put(other.vocabulary.mean)
            put(other.vocabulary.chromeShare)
        }
        assert(slot == Self.count)
    }
}
