/// The line model's vocabulary: a weight for each character bigram, hashed into a fixed table,
/// saying how much more often it stands in chrome than in body text on the labelled pages
/// (log-odds, learned by `Scripts/train_line_model.py`; 举报, 楼主, 上传 weigh towards chrome,
/// 我们, 的是 towards body).
///
/// A line's bigrams are taken over its scalars folded the way rules see text (traditional to
/// simplified, full-width to ASCII), with every ASCII digit read as `0`, ASCII letters lower
/// case, each run of white space as one space, and a start and an end mark, so that
/// `阅读(123)` and `閱讀（45）` share `^阅 阅读 读( (0 00 0) )$`.
///
/// ```swift
/// let vocabulary = BigramVocabulary.empty
/// vocabulary.weight(ofBucket: BigramVocabulary.bucket(0x4E3E, 0x62A5)) // 0 (nothing learned)
/// ```
struct BigramVocabulary: Sendable {
    /// log2 of the number of buckets.
    static let bucketBits = 16
    static let bucketCount = 1 << bucketBits
    /// A bigram weighs "strongly" towards chrome (or body) from this log-odds on.
    static let strongWeight: Float = 1

    /// The start-of-line mark (a scalar no text holds after hygiene).
    static let startMark: UInt32 = 0x02
    /// The end-of-line mark.
    static let endMark: UInt32 = 0x03

    /// One quantized weight per bucket; the weight is `Float(value) * scale`.
    let weights: [Int8]
    let scale: Float

    /// A vocabulary that knows nothing: every bigram weighs 0 (for dumping features before a
    /// vocabulary is learned).
    static let empty = BigramVocabulary(weights: [Int8](repeating: 0, count: bucketCount), scale: 1.0 / 16)

    init(weights: [Int8], scale: Float) {
        precondition(weights.count == Self.bucketCount, "a vocabulary has \(Self.bucketCount) buckets")
        self.weights = weights
        self.scale = scale
    }

    @inline(__always)
    func weight(ofBucket bucket: Int) -> Float { Float(weights[bucket]) * scale }

    /// The bucket of the bigram (`first`, `second`) of folded, mapped scalar values.
    @inline(__always)
    static func bucket(_ first: UInt32, _ second: UInt32) -> Int {
        var hash = first &* 0x9E37_79B1
        hash ^= second &+ 0x7F4A_7C15 &+ (hash << 6) &+ (hash >> 2)
        hash = hash &* 0x85EB_CA6B
        hash ^= hash >> 13
        hash = hash &* 0xC2B2_AE35
        hash ^= hash >> 16
        return Int(hash & UInt32(bucketCount - 1))
    }

    /// The value a folded scalar takes in a bigram: digits read as `0`, ASCII letters lower case.
    @inline(__always)
    static func mapped(_ folded: UInt32) -> UInt32 {
        if folded >= 0x30, folded <= 0x39 { return 0x30 }
        if folded >= 0x41, folded <= 0x5A { return folded | 0x20 }
        return folded
    }

    /// Calls `body` with the bucket of every bigram of `text`, start and end marks included,
    /// in order (for the feature dump; ``LineMeasure`` does the same inline).
    static func forEachBucket(of text: String, _ body: (Int) -> Void) {
        var previous = startMark
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let folded = CharacterFold.fold(scalar.value)
            if LineShape.isSpace(folded) {
                pendingSpace = previous != startMark
                continue
            }
            if pendingSpace {
                body(bucket(previous, 0x20))
                previous = 0x20
                pendingSpace = false
            }
            let value = mapped(folded)
            body(bucket(previous, value))
            previous = value
        }
        body(bucket(previous, endMark))
    }
}

/// What a line's bigrams say, summed up: the mean, highest and lowest weight, and the shares
/// of bigrams weighing strongly towards chrome and towards body.
struct VocabularySummary {
    var mean: Float = 0
    var maximum: Float = 0
    var minimum: Float = 0
    var chromeShare: Float = 0
    var bodyShare: Float = 0
}
