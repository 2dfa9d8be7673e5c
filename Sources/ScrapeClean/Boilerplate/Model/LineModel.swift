import Foundation

/// The learned line model: a bigram vocabulary and two sums of small regression trees
/// (``TreeEnsemble``, gradient boosted, trained offline by `Scripts/train_line_model.py` with
/// LightGBM) that give each line the probability that it is chrome. The first trees score a
/// line from its ``LineFeatures``; the second score it again from those and the first trees'
/// scores of the lines around it (``LineContextFeatures``), which is the score the model
/// gives. The built-in model is `Resources/data/linemodel.bin`, loaded once per process
/// (``shipped``); its format is in `Resources/data/README.md`.
///
/// ```swift
/// let model = try LineModel.shipped.get()
/// let features = LineFeatures(texts: ["上一篇：关于开展安全检查的通知"], vocabulary: model.vocabulary, titleFound: false)
/// var row = [Float](repeating: 0, count: LineModel.featureCount)
/// let first = row.withUnsafeMutableBufferPointer { row in
///     features.fill(row, line: 0)
///     return model.lineTrees.rawScore(UnsafeBufferPointer(row))
/// }
/// ```
struct LineModel: Sendable {
    typealias Node = TreeEnsemble.Node

    let vocabulary: BigramVocabulary
    /// The first trees, over ``LineFeatures`` (the first ``LineFeatures/count`` features).
    let lineTrees: TreeEnsemble
    /// The second trees, over ``LineFeatures`` and ``LineContextFeatures`` (every feature of
    /// ``featureNames``); without them the first trees' score is the model's.
    let contextTrees: TreeEnsemble

    /// The features of the second trees, in vector order: the file's layout contract.
    static let featureNames = LineFeatures.names + LineContextFeatures.names
    static let featureCount = featureNames.count

    /// FNV-1a (32 bits) of ``featureNames`` joined by `\n`: written into model files and checked
    /// on load, so a model trained on another layout is refused.
    static let layoutChecksum: UInt32 = {
        var hash: UInt32 = 0x811C_9DC5
        for byte in featureNames.joined(separator: "\n").utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return hash
    }()

    static let magic: [UInt8] = Array("SCLM".utf8)
    static let formatVersion: UInt32 = 2
    static let headerSize = 40
    static let nodeSize = 20

    /// The built-in model, read on first use.
    static let shipped: Result<LineModel, LineModelError> = {
        let name = "built-in data/linemodel.bin"
        guard let url = Bundle.module.url(forResource: "linemodel", withExtension: "bin", subdirectory: "data"),
              let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(.unreadable(path: name))
        }
        return Result { () throws(LineModelError) in try LineModel(bytes: [UInt8](data), source: name) }
    }()

    /// Reads a model file (`--line-model FILE`).
    init(contentsOfFile path: String) throws(LineModelError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        try self.init(bytes: [UInt8](data), source: path)
    }

    /// A model of `vocabulary` and trees, as the training script writes it.
    init(vocabulary: BigramVocabulary, lineTrees: TreeEnsemble, contextTrees: TreeEnsemble = .empty) {
        self.vocabulary = vocabulary
        self.lineTrees = lineTrees
        self.contextTrees = contextTrees
    }

    /// Whether the model has trees to score with (a file of a vocabulary alone has none).
    var hasTrees: Bool { !lineTrees.isEmpty }

    /// The trees whose score is the model's: the second, or the first when there are none.
    var finalTrees: TreeEnsemble { contextTrees.isEmpty ? lineTrees : contextTrees }

    /// Parses and checks the bytes of a model file; `source` names it in errors.
    init(bytes: [UInt8], source: String) throws(LineModelError) {
        func invalid(_ problem: String) -> LineModelError { .invalid(source: source, problem: problem) }
        guard bytes.count >= Self.headerSize + 4, Array(bytes[0..<4]) == Self.magic else {
            throw invalid("not a line model file (it does not start with SCLM)")
        }
        func word(_ offset: Int) -> UInt32 {
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
        let version = word(4)
        guard version == Self.formatVersion else {
            throw invalid("format version \(version); this build reads version \(Self.formatVersion): retrain it with Scripts/train_line_model.sh")
        }
        let featureCount = Int(word(8)), layout = word(12)
        guard featureCount == Self.featureCount, layout == Self.layoutChecksum else {
            throw invalid("trained on \(featureCount) features (layout \(String(layout, radix: 16))); this build computes \(Self.featureCount) (layout \(String(Self.layoutChecksum, radix: 16))): retrain it with Scripts/train_line_model.sh")
        }
        let bucketBits = Int(word(16))
        guard bucketBits == BigramVocabulary.bucketBits else {
            throw invalid("a vocabulary of 2^\(bucketBits) buckets; this build uses 2^\(BigramVocabulary.bucketBits)")
        }
        let scale = Float(bitPattern: word(20))
        guard scale.isFinite, scale > 0 else { throw invalid("vocabulary scale \(scale) is not a positive number") }
        let counts = [(Int(word(24)), Int(word(28))), (Int(word(32)), Int(word(36)))]
        guard counts.allSatisfy({ $0.0 <= 1 << 20 && $0.1 <= 1 << 24 }) else {
            throw invalid("tree or node counts out of range: \(counts)")
        }
        let expected = Self.headerSize + BigramVocabulary.bucketCount
            + counts.reduce(0) { $0 + 4 * $1.0 + Self.nodeSize * $1.1 } + 4
        guard bytes.count == expected else {
            throw invalid("\(bytes.count) bytes, but its header (\(counts[0].0) + \(counts[1].0) trees, \(counts[0].1) + \(counts[1].1) nodes) makes \(expected): truncated or damaged")
        }
        let checksum = Self.checksum(bytes[0..<(expected - 4)])
        guard checksum == word(expected - 4) else { throw invalid("checksum mismatch: the file is damaged") }

        var offset = Self.headerSize
        let weights = bytes[offset..<(offset + BigramVocabulary.bucketCount)].map { Int8(bitPattern: $0) }
        offset += BigramVocabulary.bucketCount
        func readTrees(_ set: String, trees treeCount: Int, nodes nodeCount: Int, features: Int) throws(LineModelError) -> TreeEnsemble {
            var roots: [Int32] = []
            roots.reserveCapacity(treeCount)
            for tree in 0..<treeCount {
                let root = word(offset + 4 * tree)
                guard root < nodeCount else { throw invalid("\(set) tree \(tree) starts at node \(root) of \(nodeCount)") }
                roots.append(Int32(root))
            }
            offset += 4 * treeCount
            var nodes: [Node] = []
            nodes.reserveCapacity(nodeCount)
            for index in 0..<nodeCount {
                let base = offset + Self.nodeSize * index
                let node = Node(feature: Int32(bitPattern: word(base)), threshold: Float(bitPattern: word(base + 4)),
                                left: Int32(bitPattern: word(base + 8)), right: Int32(bitPattern: word(base + 12)),
                                value: Float(bitPattern: word(base + 16)))
                if node.feature == -1 {
                    guard node.value.isFinite else { throw invalid("\(set) leaf \(index) is worth \(node.value)") }
                } else {
                    // Children after their parent: every walk ends at a leaf.
                    guard node.feature >= 0, Int(node.feature) < features, !node.threshold.isNaN,
                          node.left > index, Int(node.left) < nodeCount, node.right > index, Int(node.right) < nodeCount else {
                        throw invalid("\(set) node \(index) (feature \(node.feature), children \(node.left) and \(node.right)) is out of range")
                    }
                }
                nodes.append(node)
            }
            offset += Self.nodeSize * nodeCount
            return TreeEnsemble(roots: roots, nodes: nodes)
        }
        let lineTrees = try readTrees("first", trees: counts[0].0, nodes: counts[0].1, features: LineFeatures.count)
        let contextTrees = try readTrees("second", trees: counts[1].0, nodes: counts[1].1, features: Self.featureCount)
        guard !contextTrees.isEmpty ? !lineTrees.isEmpty : true else {
            throw invalid("second trees without first trees to give them their context")
        }
        self.init(vocabulary: BigramVocabulary(weights: weights, scale: scale), lineTrees: lineTrees, contextTrees: contextTrees)
    }

    /// The bytes of the model file (what ``init(bytes:source:)`` reads).
    func fileBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        func append(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
        bytes += Self.magic
        append(Self.formatVersion)
        append(UInt32(Self.featureCount))
        append(Self.layoutChecksum)
        append(UInt32(BigramVocabulary.bucketBits))
        append(vocabulary.scale.bitPattern)
        for trees in [lineTrees, contextTrees] {
            append(UInt32(trees.roots.count))
            append(UInt32(trees.nodes.count))
        }
        bytes += vocabulary.weights.map { UInt8(bitPattern: $0) }
        for trees in [lineTrees, contextTrees] {
            for root in trees.roots { append(UInt32(bitPattern: root)) }
            for node in trees.nodes {
                append(UInt32(bitPattern: node.feature))
                append(node.threshold.bitPattern)
                append(UInt32(bitPattern: node.left))
                append(UInt32(bitPattern: node.right))
                append(node.value.bitPattern)
            }
        }
        append(Self.checksum(bytes[...]))
        return bytes
    }

    /// FNV-1a (32 bits) of the file's bytes before the checksum.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}
