/// Removes junk filler: long runs of Han characters with no word among them, which
/// document-sharing sites emit in place of the text they hide (`卫所科迅均的动否固条北闪力官…`,
/// or rare characters of a few radicals, `鐖鐗鐘鐙鐚鐛…`).
///
/// A run is a stretch of at least ``minimumRun`` Han characters with nothing else between them
/// (no punctuation, no space). Chinese prose that long without a comma still reads as words: on
/// the 452 labelled pages, at least a third of a body run's characters form a dictionary word
/// (``HanFrequencyModel``) with a neighbour, and most runs far more; a filler run of random
/// characters has almost none (3% on the labelled filler line). A run whose word coverage is at
/// most ``maximumCoverage`` and that holds at least ``minimumDistinct`` different characters
/// (filler varies; `書書書…` or `哈哈哈…` is a repeat, not filler) is cut from its line; a line
/// left with no letter or digit is removed.
///
/// ```
/// 第一段正文。卫所科迅均的动否固条北闪力官老阻革呈普钉顿险预抓再介训   → 第一段正文。
/// 鐖鐗鐘鐙鐚鐛鐜鐝鐞鐟鐠鐡鐢鐣鐤鐥鐦鐧鐨鐩鐪鐫鐬鐭                   → (line removed)
/// ```
struct JunkFillerDetector {
    static let id = StructureDetectorID.junkFiller
    /// The edits' category: noise inside the text, not page chrome (it marks no tail).
    static let category = "noise"
    /// Fewest Han characters in a filler run: shorter runs are too few to judge by words.
    static let minimumRun = 24
    /// Highest share of a run's characters in a dictionary word for the run to be filler.
    static let maximumCoverage: Float = 0.1
    /// Fewest different characters in a filler run.
    static let minimumDistinct = 16

    let model = HanFrequencyModel.shared

    func apply(to document: inout WorkingDocument) {
        var run: [Unicode.Scalar] = []
        var fillers: [(range: Range<Int>, coverage: Float)] = []
        for index in document.lines.indices where document.lines[index].isAlive {
            // A Han character takes at least 3 bytes: a shorter line cannot hold a run.
            guard document.lines[index].text.utf8.count >= 3 * Self.minimumRun else { continue }
            fillers.removeAll(keepingCapacity: true)
            findFillers(in: document.lines[index].text, run: &run, into: &fillers)
            if !fillers.isEmpty { cut(fillers, from: index, in: &document) }
        }
    }

    /// Appends the filler runs of `text` (scalar offsets) to `fillers`, in order. Walks the
    /// UTF-8 once; only a run of ``minimumRun`` or more Han characters is decoded into `run`
    /// (scratch storage, reused).
    private func findFillers(in text: String, run: inout [Unicode.Scalar],
                             into fillers: inout [(range: Range<Int>, coverage: Float)]) {
        var text = text
        text.withUTF8 { source in
            var position = 0      // scalar offset of the scalar at `index`
            var runStart = 0      // byte offset where the current Han run starts
            var runLength = 0     // Han characters in it
            var index = 0
            func endRun(at byte: Int) {
                defer { runLength = 0 }
                guard runLength >= Self.minimumRun else { return }
                run.removeAll(keepingCapacity: true)
                var offset = runStart
                while offset < byte {
                    let (value, length) = ValidUTF8.decode(source, at: offset)
                    run.append(Unicode.Scalar(value)!)
                    offset += length
                }
                judge(run, endingAt: position, into: &fillers)
            }
            while index < source.count {
                let (value, length) = ValidUTF8.decode(source, at: index)
                if CharacterClass.isHan(value) {
                    if runLength == 0 { runStart = index }
                    runLength += 1
                } else if runLength > 0 {
                    endRun(at: index)
                }
                index += length
                position += 1
            }
            if runLength > 0 { endRun(at: index) }
        }
    }

    /// Records `run` (ending at scalar offset `end`) when it is filler.
    private func judge(_ run: [Unicode.Scalar], endingAt end: Int,
                       into fillers: inout [(range: Range<Int>, coverage: Float)]) {
        guard Self.mayBeFiller(run, model: model) else { return }
        let coverage = model.wordCoverage(of: run)
        guard coverage <= Self.maximumCoverage, Self.hasDistinct(Self.minimumDistinct, in: run) else { return }
        fillers.append((end - run.count..<end, coverage))
    }

    /// Whether the word coverage of `run` (Han characters only) can still be at most
    /// ``maximumCoverage``: counts the covered characters as
    /// ``HanFrequencyModel/wordCoverage(of:)`` does and stops as soon as they are too many,
    /// which on body text is after a few characters.
    static func mayBeFiller(_ run: [Unicode.Scalar], model: HanFrequencyModel) -> Bool {
        let count = Float(run.count)
        var covered = 0
        var rightWord = false   // whether run[index - 1] and run[index] form a word
        for index in run.indices {
            let leftWord = rightWord
            rightWord = index + 1 < run.count && model.wordBonus(run[index], run[index + 1]) > 0
            if leftWord || rightWord {
                covered += 1
                if Float(covered) / count > maximumCoverage { return false }
            }
        }
        return true
    }

    /// Cuts the filler runs from line `index`, the last first so that every column is one of
    /// the original line; removes the line when nothing but punctuation and spaces would remain.
    private func cut(_ fillers: [(range: Range<Int>, coverage: Float)], from index: Int, in document: inout WorkingDocument) {
        let scalars = Array(document.lines[index].text.unicodeScalars)
        func note(_ filler: (range: Range<Int>, coverage: Float)) -> String {
            "junk filler: \(filler.range.count) Han characters, \(Int((filler.coverage * 100).rounded()))% of them in a word"
        }
        var kept = Array(repeating: true, count: scalars.count)
        for filler in fillers { for offset in filler.range { kept[offset] = false } }
        let hasContent = scalars.indices.contains { kept[$0] && Self.isLetterOrDigit(scalars[$0]) }
        guard hasContent else {
            let total = fillers.reduce(0) { $0 + $1.range.count }
            let covered = fillers.reduce(Float(0)) { $0 + $1.coverage * Float($1.range.count) } / Float(total)
            document.remove(index, rule: Self.id, category: Self.category, note: note((0..<total, covered)))
            return
        }
        for filler in fillers.reversed() {
            let current = Array(document.lines[index].text.unicodeScalars)
            var text = String.UnicodeScalarView()
            text.append(contentsOf: current[..<filler.range.lowerBound])
            text.append(contentsOf: current[filler.range.upperBound...])
            var removed = String.UnicodeScalarView()
            removed.append(contentsOf: current[filler.range])
            document.replace(index, with: String(text), rule: Self.id, column: filler.range.lowerBound,
                             removed: String(removed), note: note(filler))
        }
    }

    /// Whether `run` holds at least `count` different scalars (stops counting there).
    private static func hasDistinct(_ count: Int, in run: [Unicode.Scalar]) -> Bool {
        var seen = Set<UInt32>(minimumCapacity: count)
        for scalar in run where seen.insert(scalar.value).inserted {
            if seen.count >= count { return true }
        }
        return false
    }

    /// A letter of any script (Han included) or a digit: what makes a line more than punctuation.
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
