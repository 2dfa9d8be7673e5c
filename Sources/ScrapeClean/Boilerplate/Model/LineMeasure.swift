/// What the line model measures on one line, in one pass over its UTF-8 without allocating:
/// the counts of each kind of character, sentence punctuation, separators, the shapes of dates,
/// times, counters, sizes and page numbers, and what the line's bigrams weigh in the
/// vocabulary. ``LineFeatures`` turns these (and those of the neighbouring lines) into the
/// model's input.
///
/// ```
/// 发表于 2023-05-01 12:30 | 只看该作者   → date, time, 1 separator, no sentence punctuation
/// 今天，我们召开全村干部大会。           → 11 Han, 1 comma, ends with sentence punctuation
/// ```
struct LineMeasure {
    /// Han characters.
    var han = 0
    /// Scalars other than white space.
    var nonSpace = 0
    var letters = 0
    var digits = 0
    /// Everything not white space, Han, an ASCII letter or a digit (punctuation, symbols, kana…).
    var symbols = 0
    /// White-space scalars between the first and the last other scalar.
    var innerSpaces = 0
    /// Runs of white space between the first and the last other scalar.
    var spaceRuns = 0
    /// 。！？；… and ASCII `!` `?`.
    var sentencePunctuation = 0
    /// The last scalar (closing quotes and brackets skipped) is sentence punctuation.
    var endsWithSentencePunctuation = false
    /// ，、 and ASCII `,`.
    var commas = 0
    var colons = 0
    var endsWithColon = false
    /// `|` `>` `»` `/` `·` `丨` `•` `→` and their full-width forms.
    var separators = 0
    /// Opening brackets and quotes of any kind.
    var brackets = 0
    var startsWithBracket = false
    /// `2023年`, `5月`, `1日` after digits, or `2023-05-01`, `2023/5/1`, `2023.05.01`.
    var hasDate = false
    /// `12:30`, `8:05:59`.
    var hasTime = false
    /// Digits alone in brackets (`阅读(123)`, `[12]`), or digits followed by 次.
    var hasCounter = false
    /// Digits followed by K, M or G (`123KB`, `1.2M`).
    var hasSize = false
    /// Digits followed by 页 (`第3页`, `共12页`).
    var hasPageNumber = false
    /// `http`, `www.`, `.com`, `.cn`, `.net`, `.org`.
    var hasURL = false
    var longestDigitRun = 0
    /// Starts like a heading or list item (`一、` `（二）` `1.` `●`), set by ``LineFeatures``.
    var startsWithEnumerator = false
    var vocabulary = VocabularySummary()
    /// Whether every field is measured; a ``sentenceCounts(_:hanTable:)`` measure holds only
    /// ``han`` and ``sentencePunctuation``.
    var isComplete = true

    /// A paragraph of running text, as the model's guard and the body-block features see it.
    var readsAsSentence: Bool { han >= 20 && sentencePunctuation > 0 }

    var isEmpty: Bool { nonSpace == 0 }

    /// Measures `text`. `weights`/`scale` are the vocabulary's, `hanTable` is
    /// ``CharacterFold/hanTable``'s storage.
    static func measure(_ text: String, weights: UnsafeBufferPointer<Int8>, scale: Float,
                        hanTable: UnsafeBufferPointer<UInt32>) -> LineMeasure {
        var measure = LineMeasure()
        var text = text
        text.withUTF8 { source in
            measure.scan(source, weights: weights, scale: scale, hanTable: hanTable)
        }
        return measure
    }

    /// Only what tells whether the model may remove the line and whether it reads as a
    /// sentence (``han``, ``sentencePunctuation``), counted as ``measure(_:weights:scale:hanTable:)``
    /// counts them, without the bigram lookups: for body lines far from any line the model
    /// scores.
    static func sentenceCounts(_ text: String, hanTable: UnsafeBufferPointer<UInt32>) -> LineMeasure {
        var measure = LineMeasure()
        measure.isComplete = false
        var text = text
        text.withUTF8 { source in
            var index = 0
            while index < source.count {
                let (raw, length) = ValidUTF8.decode(source, at: index)
                index += length
                if CharacterClass.isHan(CharacterFold.fold(raw, hanTable: hanTable)) {
                    measure.han += 1
                    continue
                }
                if isSentencePunctuation(raw) { measure.sentencePunctuation += 1 }
            }
        }
        return measure
    }

    /// 。！？；…｡ and ASCII `!` `?`, told apart on the scalar as written.
    @inline(__always)
    private static func isSentencePunctuation(_ raw: UInt32) -> Bool {
        switch raw {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x2026, 0xFF61, 0x21, 0x3F: true
        default: false
        }
    }

    private mutating func scan(_ source: UnsafeBufferPointer<UInt8>, weights: UnsafeBufferPointer<Int8>, scale: Float,
                               hanTable: UnsafeBufferPointer<UInt32>) {
        // Bigrams and their weights.
        var previousMapped = BigramVocabulary.startMark
        var bigrams = 0
        var weightSum: Float = 0
        var maximum = -Float.infinity, minimum = Float.infinity
        var strongChrome = 0, strongBody = 0
        let strong = BigramVocabulary.strongWeight
        // Without branches on the weight: it comes from a table look-up that often misses the
        // cache, and a branch waiting on it would stall the scan when mispredicted.
        @inline(__always) func add(_ second: UInt32) {
            let weight = Float(weights[BigramVocabulary.bucket(previousMapped, second)]) * scale
            bigrams += 1
            weightSum += weight
            maximum = weight > maximum ? weight : maximum
            minimum = weight < minimum ? weight : minimum
            strongChrome &+= weight >= strong ? 1 : 0
            strongBody &+= weight <= -strong ? 1 : 0
            previousMapped = second
        }

        // Shapes of numbers: the digit run in progress, the scalar before it, date chains.
        var run = 0
        var beforeRun: UInt32 = 0
        var chainGroups = 0           // digit groups joined by one date separator, up to the last one
        var chainSeparator: UInt32 = 0
        var chainFirstRun = 0
        var timeCandidate = false     // the last run was 1–2 digits followed by a colon
        var previous: UInt32 = 0      // the previous folded scalar (0 at the start)
        var pendingSpaces = 0         // white space seen since the last other scalar
        var lastSignificant: UInt32 = 0
        var last: UInt32 = 0
        var window: UInt32 = 0        // the last four ASCII bytes, lower case (for URLs)

        @inline(__always) func endRun(at next: UInt32) {
            if run > longestDigitRun { longestDigitRun = run }
            // Date chains: 2023-05-01, 2023/5/1, 2023.05.01.
            let continues = chainGroups > 0 && beforeRun == chainSeparator
            let groups = continues ? chainGroups + 1 : 1
            if groups >= 3 { hasDate = true }
            if next == 0x2D || next == 0x2F || (next == 0x2E && (continues ? chainFirstRun == 4 : run == 4)) {
                if !continues { chainFirstRun = run; chainSeparator = next }
                chainGroups = next == chainSeparator ? groups : 0
            } else {
                chainGroups = 0
            }
            switch next {
            case 0x5E74 where run >= 2 && run <= 4: hasDate = true          // 年
            case 0x6708, 0x65E5: if run <= 2 { hasDate = true }              // 月 日
            case 0x6B21: hasCounter = true                                  // 次
            case 0x9875: hasPageNumber = true                               // 页
            case 0x4B, 0x6B, 0x4D, 0x47: hasSize = true                     // K k M G
            case 0x29, 0x5D, 0x3011:                                        // ) ] 】 (）］ fold to ) ])
                if beforeRun == 0x28 || beforeRun == 0x5B || beforeRun == 0x3010 { hasCounter = true }
            default: break
            }
            if timeCandidate, beforeRun == 0x3A, run == 2 { hasTime = true }
            timeCandidate = run <= 2 && next == 0x3A
            run = 0
        }

        var index = 0
        while index < source.count {
            let (raw, length) = ValidUTF8.decode(source, at: index)
            index += length
            let value = CharacterFold.fold(raw, hanTable: hanTable)
            if LineShape.isSpace(value) {
                if nonSpace > 0 { pendingSpaces += 1 }
                if run > 0 { endRun(at: 0x20) } else { chainGroups = 0; timeCandidate = false }
                previous = 0x20
                continue
            }
            if pendingSpaces > 0 {
                innerSpaces += pendingSpaces
                spaceRuns += 1
                pendingSpaces = 0
                add(0x20)
            }
            if nonSpace == 0 {
                switch value {
                case 0x28, 0x5B, 0x3010, 0x300A, 0x3008, 0x300C, 0x300E, 0x3014, 0x3016: startsWithBracket = true
                default: break
                }
            }
            nonSpace += 1
            last = value
            if value >= 0x30, value <= 0x39 {
                if run == 0 { beforeRun = previous }
                run += 1
                digits += 1
                add(0x30)
                previous = value
                window = window << 8 | value
                continue
            }
            if run > 0 { endRun(at: value) } else { chainGroups = 0; timeCandidate = false }
            if CharacterClass.isHan(value) {
                han += 1
                if value == 0x4E28 { separators += 1 } // 丨
                lastSignificant = raw
            } else if CharacterClass.isASCIILetter(value) {
                letters += 1
                lastSignificant = raw
            } else {
                symbols += 1
                // Punctuation is told apart on the scalar as written: `；` ends a sentence, `;`
                // ends a line of code as often.
                if Self.isSentencePunctuation(raw) {
                    sentencePunctuation += 1
                } else {
                    switch raw {
                    case 0xFF0C, 0x3001, 0xFF64, 0x2C: commas += 1 // ，、､,
                    default: break
                    }
                }
                switch value {
                case 0x3A: colons += 1                                                                  // : ：
                case 0x7C, 0x3E, 0xBB, 0x203A, 0x2F, 0xB7, 0x30FB, 0x2022, 0x2192, 0xA6: separators += 1 // | > » › / · ・ • → ¦
                case 0x28, 0x5B, 0x7B, 0x3010, 0x300A, 0x3008, 0x300C, 0x300E, 0x3014, 0x3016, 0x201C, 0x2018:
                    brackets += 1
                default: break
                }
                if !LineShape.isClosing(raw) { lastSignificant = raw }
            }
            if value < 0x80 {
                window = window << 8 | (value | (CharacterClass.isASCIILetter(value) ? 0x20 : 0))
                switch window {
                case 0x6874_7470, 0x7777_772E, 0x2E63_6F6D, 0x2E6E_6574, 0x2E6F_7267: hasURL = true // http www. .com .net .org
                default: if window & 0xFF_FFFF == 0x2E_636E { hasURL = true }                       // .cn
                }
            } else {
                window = 0
            }
            add(BigramVocabulary.mapped(value))
            previous = value
        }
        if run > 0 { endRun(at: 0) }
        add(BigramVocabulary.endMark)
        endsWithSentencePunctuation = Self.isSentencePunctuation(lastSignificant)
        endsWithColon = last == 0x3A
        vocabulary = VocabularySummary(mean: weightSum / Float(bigrams), maximum: maximum, minimum: minimum,
                                       chromeShare: Float(strongChrome) / Float(bigrams),
                                       bodyShare: Float(strongBody) / Float(bigrams))
    }
}
