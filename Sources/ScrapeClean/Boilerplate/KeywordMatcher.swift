/// An Aho–Corasick automaton over UTF-8 bytes: one pass over a line tells which rules have a
/// keyword in it.
///
/// The automaton is a dense DFA over byte classes (only bytes that occur in some keyword get
/// their own class), built once per ``Cleaner``.
///
/// ```swift
/// let matcher = KeywordMatcher(keywords: [("小编", 0), ("来源", 1)], ruleCount: 2)
/// matcher.candidates(in: Array("来源:网络".utf8)) // [false, true]
/// ```
struct KeywordMatcher: Sendable {
    private let byteClass: [UInt8]
    private let classCount: Int
    /// `transitions[state * classCount + class]`.
    private let transitions: [Int32]
    /// Rules whose keyword ends in each state (including via failure links):
    /// `outputRules[outputStarts[state]..<outputStarts[state + 1]]`.
    private let outputStarts: [Int32]
    private let outputRules: [Int32]
    let ruleCount: Int

    init(keywords: [(keyword: String, rule: Int)], ruleCount: Int) {
        self.ruleCount = ruleCount
        var classes = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for (keyword, _) in keywords {
            for byte in keyword.utf8 where classes[Int(byte)] == 0 {
                classes[Int(byte)] = next
                next &+= 1
                if next == 0 { next = 255 } // more than 254 distinct bytes: share the last class
            }
        }
        let classCount = Int(next == 255 ? 256 : Int(next))
        // Build the trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var outputs: [[Int32]] = [[]]
        for (keyword, rule) in keywords {
            var state = 0
            for byte in keyword.utf8 {
                let symbol = Int(classes[Int(byte)])
                if goto[state][symbol] < 0 {
                    goto.append([Int32](repeating: -1, count: classCount))
                    outputs.append([])
                    goto[state][symbol] = Int32(goto.count - 1)
                }
                state = Int(goto[state][symbol])
            }
            if !outputs[state].contains(Int32(rule)) { outputs[state].append(Int32(rule)) }
        }
        // Breadth-first: failure links, turned straight into DFA transitions.
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for symbol in 0..<classCount {
            if goto[0][symbol] < 0 {
                goto[0][symbol] = 0
            } else {
                queue.append(Int(goto[0][symbol]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for output in outputs[fail[state]] where !outputs[state].contains(output) {
                outputs[state].append(output)
            }
            for symbol in 0..<classCount {
                let child = goto[state][symbol]
                if child < 0 {
                    goto[state][symbol] = goto[fail[state]][symbol]
                } else {
                    fail[Int(child)] = Int(goto[fail[state]][symbol])
                    queue.append(Int(child))
                }
            }
        }
        self.byteClass = classes
        self.classCount = classCount
        self.transitions = goto.flatMap { $0 }
        var starts: [Int32] = [0]
        for output in outputs { starts.append(starts.last! + Int32(output.count)) }
        self.outputStarts = starts
        self.outputRules = outputs.flatMap { $0 }
    }

    /// Which rules have at least one keyword in `bytes`.
    func candidates(in bytes: some Sequence<UInt8>) -> [Bool] {
        var found: [Bool] = []
        _ = candidates(in: bytes, into: &found)
        return found
    }

    /// Fills `found` (resized to the rule count) with the rules that have a keyword in `bytes`;
    /// returns whether there is any. Reuses `found`'s storage.
    func candidates(in bytes: some Sequence<UInt8>, into found: inout [Bool]) -> Bool {
        scan(into: &found) { cursor in
            for byte in bytes { cursor.step(byte) }
        }.any
    }

    /// Fills `found` with the rules that have a keyword in the normalized view of `line`
    /// (``NormalizedLine/foldedUTF8(_:into:)``), folding and matching in one pass without
    /// writing the folded bytes anywhere. Returns whether there is any, and the number of
    /// scalars in `line`.
    func candidates(inFolded line: String, into found: inout [Bool]) -> (any: Bool, length: Int) {
        // The automaton steps inside the fold's loop, with the tables as raw pointers: this runs
        // on every line of every pass.
        let (any, length) = scan(into: &found) { cursor in
            NormalizedLine.forEachFoldedByte(of: line) { cursor.step($0) }
        }
        return (any, length)
    }

    /// Sizes `found` to the rule count, all `false`, reusing its storage.
    private func clear(_ found: inout [Bool]) {
        if found.count != ruleCount {
            found = [Bool](repeating: false, count: ruleCount)
        } else {
            found.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        }
    }

    /// The automaton in the middle of a scan: its tables as pointers, its state, and the rules
    /// found so far.
    private struct Cursor {
        let transitions: UnsafeBufferPointer<Int32>
        let byteClass: UnsafeBufferPointer<UInt8>
        let outputStarts: UnsafeBufferPointer<Int32>
        let outputRules: UnsafeBufferPointer<Int32>
        let classCount: Int
        let found: UnsafeMutableBufferPointer<Bool>
        var state = 0
        /// Whether some keyword ended so far.
        var any = false

        /// Feeds one byte, marking in `found` every rule whose keyword ends at it.
        @inline(__always)
        mutating func step(_ byte: UInt8) {
            state = Int(transitions[state &* classCount &+ Int(byteClass[Int(byte)])])
            let start = Int(outputStarts[state]), end = Int(outputStarts[state &+ 1])
            if start != end {
                any = true
                for offset in start..<end { found[Int(outputRules[offset])] = true }
            }
        }
    }

    /// Runs `body` with a cursor at the automaton's start, marking in `found` (cleared, and
    /// resized to the rule count) every rule whose keyword ends at a byte `body` feeds it.
    private func scan<Result>(into found: inout [Bool],
                              _ body: (inout Cursor) -> Result) -> (any: Bool, result: Result) {
        clear(&found)
        let classCount = classCount
        return transitions.withUnsafeBufferPointer { transitions in
            byteClass.withUnsafeBufferPointer { byteClass in
                outputStarts.withUnsafeBufferPointer { outputStarts in
                    outputRules.withUnsafeBufferPointer { outputRules in
                        found.withUnsafeMutableBufferPointer { found in
                            var cursor = Cursor(transitions: transitions, byteClass: byteClass,
                                                outputStarts: outputStarts, outputRules: outputRules,
                                                classCount: classCount, found: found)
                            let result = body(&cursor)
                            return (cursor.any, result)
                        }
                    }
                }
            }
        }
    }
}
