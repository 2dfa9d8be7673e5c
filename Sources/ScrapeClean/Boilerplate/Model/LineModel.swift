import Foundation

/// The learned line model: a bigram vocabulary and a sum of small regression trees (gradient
/// boosted, trained offline by `Scripts/train_line_model.py` with LightGBM) that give each line
/// the probability that it is chrome. The built-in model is `Resources/data/linemodel.bin`,
/// loaded once per process (``shipped``); its format is in `Resources/data/README.md`.
///
/// Scoring walks the trees over a line's ``LineFeatures`` vector and allocates nothing.
///
/// ```swift
/// let model = try LineModel.shipped.get()
/// let features = LineFeatures(texts: ["上一篇：关于开展安全检查的通知"], vocabulary: model.vocabulary, titleFound: false)
/// var row = [Float](repeating: 0, count: LineFeatures.count)
/// let score = row.withUnsafeMutableBufferPointer { row in
///     features.fill(row, line: 0)
///     return model.score(UnsafeBufferPointer(row))
/// }
/// ```
struct LineModel: Sendable {
    /// One node of a tree: a split on `feature` (go `left` when the value is at most
    /// `threshold`) or, when `feature` is -1, a leaf worth `value`.
    struct Node: Sendable, Equatable {
        var feature: Int32
        var threshold: Float
        var left: Int32
        var right: Int32
        var value: Float
    }

    let vocabulary: BigramVocabulary
    /// The index of each tree's root in ``nodes``.
    let roots: [Int32]
    let nodes: [Node]
    /// `reachable[i]`: the most trees `i...` can still add to a sum (their largest leaves
    /// summed), so a walk can stop once a line cannot reach a threshold. One more entry (0).
    let reachable: [Float]
    /// The trees as ``rawScore(_:stoppingBelow:)`` walks them (``WalkTable``).
    let walk: WalkTable

    static let magic: [UInt8] = Array("SCLM".utf8)
    static let formatVersion: UInt32 = 1
    static let headerSize = 32
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
    init(vocabulary: BigramVocabulary, roots: [Int32], nodes: [Node]) {
        self.vocabulary = vocabulary
        self.roots = roots
        self.nodes = nodes
        reachable = Self.reachable(roots: roots, nodes: nodes)
        walk = WalkTable(roots: roots, nodes: nodes)
    }

    /// The suffix sums of each tree's largest leaf (``reachable``).
    private static func reachable(roots: [Int32], nodes: [Node]) -> [Float] {
        func largestLeaf(under root: Int32) -> Float {
            var largest = -Float.infinity
            var stack = [root]
            while let index = stack.popLast() {
                let node = nodes[Int(index)]
                if node.feature < 0 { largest = max(largest, node.value) } else { stack += [node.left, node.right] }
            }
            return largest
        }
        var sums = [Float](repeating: 0, count: roots.count + 1)
        for tree in roots.indices.reversed() { sums[tree] = sums[tree + 1] + largestLeaf(under: roots[tree]) }
        return sums
    }

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
            throw invalid("format version \(version); this build reads version \(Self.formatVersion)")
        }
        let featureCount = Int(word(8)), layout = word(12)
        guard featureCount == LineFeatures.count, layout == LineFeatures.layoutChecksum else {
            throw invalid("trained on \(featureCount) features (layout \(String(layout, radix: 16))); this build computes \(LineFeatures.count) (layout \(String(LineFeatures.layoutChecksum, radix: 16))): retrain it with Scripts/train_line_model.sh")
        }
        let bucketBits = Int(word(16))
        guard bucketBits == BigramVocabulary.bucketBits else {
            throw invalid("a vocabulary of 2^\(bucketBits) buckets; this build uses 2^\(BigramVocabulary.bucketBits)")
        }
        let scale = Float(bitPattern: word(20))
        let treeCount = Int(word(24)), nodeCount = Int(word(28))
        guard scale.isFinite, scale > 0 else { throw invalid("vocabulary scale \(scale) is not a positive number") }
        let expected = Self.headerSize + BigramVocabulary.bucketCount + 4 * treeCount + Self.nodeSize * nodeCount + 4
        guard treeCount <= 1 << 20, nodeCount <= 1 << 24, bytes.count == expected else {
            throw invalid("\(bytes.count) bytes, but its header (\(treeCount) trees, \(nodeCount) nodes) makes \(expected): truncated or damaged")
        }
        let checksum = Self.checksum(bytes[0..<(expected - 4)])
        guard checksum == word(expected - 4) else { throw invalid("checksum mismatch: the file is damaged") }

        var offset = Self.headerSize
        let weights = bytes[offset..<(offset + BigramVocabulary.bucketCount)].map { Int8(bitPattern: $0) }
        offset += BigramVocabulary.bucketCount
        var roots: [Int32] = []
        roots.reserveCapacity(treeCount)
        for tree in 0..<treeCount {
            let root = word(offset + 4 * tree)
            guard root < nodeCount else { throw invalid("tree \(tree) starts at node \(root) of \(nodeCount)") }
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
                guard node.value.isFinite else { throw invalid("leaf \(index) is worth \(node.value)") }
            } else {
                // Children after their parent: every walk ends at a leaf.
                guard node.feature >= 0, Int(node.feature) < featureCount, !node.threshold.isNaN,
                      node.left > index, Int(node.left) < nodeCount, node.right > index, Int(node.right) < nodeCount else {
                    throw invalid("node \(index) (feature \(node.feature), children \(node.left) and \(node.right)) is out of range")
                }
            }
            nodes.append(node)
        }
        self.init(vocabulary: BigramVocabulary(weights: weights, scale: scale), roots: roots, nodes: nodes)
    }

    /// The bytes of the model file (what ``init(bytes:source:)`` reads).
    func fileBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        func append(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
        bytes += Self.magic
        append(Self.formatVersion)
        append(UInt32(LineFeatures.count))
        append(LineFeatures.layoutChecksum)
        append(UInt32(BigramVocabulary.bucketBits))
        append(vocabulary.scale.bitPattern)
        append(UInt32(roots.count))
        append(UInt32(nodes.count))
        bytes += vocabulary.weights.map { UInt8(bitPattern: $0) }
        for root in roots { append(UInt32(bitPattern: root)) }
        for node in nodes {
            append(UInt32(bitPattern: node.feature))
            append(node.threshold.bitPattern)
            append(UInt32(bitPattern: node.left))
            append(UInt32(bitPattern: node.right))
            append(node.value.bitPattern)
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

    /// The sum of the trees' leaves for one feature vector (log-odds of chrome).
    func rawScore(_ features: UnsafeBufferPointer<Float>) -> Double {
        rawScore(features, stoppingBelow: -.infinity) ?? 0
    }

    /// The sum of the trees' leaves, or nil when the trees cannot lift the sum to `floor`
    /// (log-odds). Sums in the same order as a full walk, so a line that reaches the floor gets
    /// exactly ``rawScore(_:)``.
    ///
    /// The trees are walked in ``WalkTable/order`` (widest spread of leaves first), so that a
    /// line far below the floor is given up after few trees: the walk stops once the sum so far
    /// plus the most the trees left can add is below the floor (with a margin far above the
    /// rounding of either order's sums). The leaves reached are kept by tree and summed in tree
    /// order at the end, stopping where a walk in tree order would stop.
    func rawScore(_ features: UnsafeBufferPointer<Float>, stoppingBelow floor: Float) -> Double? {
        walk.steps.withUnsafeBufferPointer { steps in
            walk.leafValues.withUnsafeBufferPointer { leafValues in
                walk.order.withUnsafeBufferPointer { order in
                    walk.orderedRoots.withUnsafeBufferPointer { orderedRoots in
                        walk.groupDepths.withUnsafeBufferPointer { groupDepths in
                            walk.orderedReachable.withUnsafeBufferPointer { orderedReachable in
                                reachable.withUnsafeBufferPointer { reachable in
                                    withUnsafeTemporaryAllocation(of: Float.self, capacity: order.count) { leaves in
                                        guard let base = steps.baseAddress, let values = features.baseAddress else { return 0 }
                                        // One step down a tree: a select rather than a branch, since
                                        // the way a line goes through a tree is not predictable.
                                        @inline(__always) func step(_ node: Int) -> Int {
                                            let step = base[node]
                                            return Int(values[Int(step.feature)] <= step.threshold ? step.left : step.right)
                                        }
                                        // A margin for the rounding of the bound's own sums.
                                        let floor = floor - 1e-3
                                        var partial: Float = 0
                                        @inline(__always) func reach(_ walked: Int, _ node: Int) -> Bool {
                                            let value = leafValues[node]
                                            leaves[Int(order[walked])] = value
                                            partial += value
                                            return partial + orderedReachable[walked + 1] >= floor
                                        }
                                        var walked = 0
                                        // Four trees walked side by side (their steps do not wait on
                                        // one another).
                                        for group in 0..<groupDepths.count {
                                            var n0 = Int(orderedRoots[walked]), n1 = Int(orderedRoots[walked + 1])
                                            var n2 = Int(orderedRoots[walked + 2]), n3 = Int(orderedRoots[walked + 3])
                                            for _ in 0..<Int(groupDepths[group]) {
                                                n0 = step(n0)
                                                n1 = step(n1)
                                                n2 = step(n2)
                                                n3 = step(n3)
                                            }
                                            guard reach(walked, n0), reach(walked + 1, n1), reach(walked + 2, n2),
                                                  reach(walked + 3, n3) else { return nil }
                                            walked += 4
                                        }
                                        while walked < order.count {
                                            var node = Int(orderedRoots[walked])
                                            for _ in 0..<Int(walk.depths[Int(order[walked])]) { node = step(node) }
                                            guard reach(walked, node) else { return nil }
                                            walked += 1
                                        }
                                        var sum: Float = 0
                                        for tree in 0..<order.count {
                                            sum += leaves[tree]
                                            if sum + reachable[tree + 1] < floor { return nil }
                                        }
                                        return Double(sum)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The score of one feature vector when it is at least `threshold` (0…1), nil otherwise;
    /// cheaper than ``score(_:)`` on lines far below it.
    func score(_ features: UnsafeBufferPointer<Float>, ifAtLeast threshold: Double) -> Double? {
        let floor = threshold <= 0 ? -Float.infinity : threshold >= 1 ? Float.infinity : Float(log(threshold / (1 - threshold)))
        guard let raw = rawScore(features, stoppingBelow: floor) else { return nil }
        let score = 1 / (1 + exp(-raw))
        return score >= threshold ? score : nil
    }

    /// The probability that the line is chrome: the sigmoid of ``rawScore(_:)``.
    func score(_ features: UnsafeBufferPointer<Float>) -> Double {
        1 / (1 + exp(-rawScore(features)))
    }
}

extension LineModel {
    /// The trees laid out for a walk without branches: a leaf is a step to itself (feature 0,
    /// threshold +infinity, both children itself), so every walk of a tree takes the tree's
    /// depth in steps and ends on the leaf a walk stopping at the first leaf reaches. Leaf
    /// values are apart (``leafValues``, indexed like ``LineModel/nodes``).
    ///
    /// ```
    /// node 0: feature 3 <= 0.5 ? 1 : 2      step 0: (3, 0.5, 1, 2)
    /// node 1: leaf 0.25                      step 1: (0, +inf, 1, 1), leafValues[1] = 0.25
    /// node 2: leaf -0.5                      step 2: (0, +inf, 2, 2), leafValues[2] = -0.5
    /// ```
    struct WalkTable: Sendable {
        struct Step: Sendable, Equatable {
            var feature: Int32
            var threshold: Float
            var left: Int32
            var right: Int32
        }

        let steps: [Step]
        let leafValues: [Float]
        /// The depth of each tree (edges on its longest path from the root).
        let depths: [Int32]
        /// The order the trees are walked in: widest spread between their largest and smallest
        /// leaf first (ties in tree order), so that the most a line can still gain shrinks fast.
        let order: [Int32]
        /// `roots` in ``order``.
        let orderedRoots: [Int32]
        /// `orderedReachable[k]`: the largest leaves of the trees `order[k...]` summed; one more
        /// entry (0).
        let orderedReachable: [Float]
        /// The greatest depth of each group of four trees in ``order`` (`0..<4`, `4..<8`, …; the
        /// last trees of a count not divisible by four are in no group): the four walks of a
        /// group take that many steps side by side.
        let groupDepths: [Int32]

        init(roots: [Int32], nodes: [Node]) {
            steps = nodes.indices.map { index in
                let node = nodes[index]
                return node.feature < 0
                    ? Step(feature: 0, threshold: .infinity, left: Int32(index), right: Int32(index))
                    : Step(feature: node.feature, threshold: node.threshold, left: node.left, right: node.right)
            }
            leafValues = nodes.map { $0.feature < 0 ? $0.value : 0 }
            // Children come after their parent (checked on load): depths from the last node up.
            var depthBelow = [Int32](repeating: 0, count: nodes.count)
            for index in nodes.indices.reversed() where nodes[index].feature >= 0 {
                depthBelow[index] = 1 + max(depthBelow[Int(nodes[index].left)], depthBelow[Int(nodes[index].right)])
            }
            let depths = roots.map { depthBelow[Int($0)] }
            self.depths = depths
            // The largest and smallest leaf of each tree.
            var largest = [Float](repeating: -.infinity, count: nodes.count)
            var smallest = [Float](repeating: .infinity, count: nodes.count)
            for index in nodes.indices.reversed() {
                let node = nodes[index]
                if node.feature < 0 {
                    (largest[index], smallest[index]) = (node.value, node.value)
                } else {
                    largest[index] = max(largest[Int(node.left)], largest[Int(node.right)])
                    smallest[index] = min(smallest[Int(node.left)], smallest[Int(node.right)])
                }
            }
            let spread = roots.map { largest[Int($0)] - smallest[Int($0)] }
            let order = roots.indices.sorted { spread[$0] != spread[$1] ? spread[$0] > spread[$1] : $0 < $1 }
            self.order = order.map(Int32.init)
            orderedRoots = order.map { roots[$0] }
            var orderedReachable = [Float](repeating: 0, count: order.count + 1)
            for walked in order.indices.reversed() {
                orderedReachable[walked] = orderedReachable[walked + 1] + largest[Int(roots[order[walked]])]
            }
            self.orderedReachable = orderedReachable
            groupDepths = stride(from: 0, to: order.count - order.count % 4, by: 4).map { start in
                order[start..<(start + 4)].map { depths[$0] }.max()!
            }
        }
    }
}
