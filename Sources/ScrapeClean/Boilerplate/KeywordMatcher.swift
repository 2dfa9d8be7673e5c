/// An Aho–Corasick automaton over Unicode scalars: one pass over a line tells which rules have
/// a keyword in its normalized view.
///
/// The automaton is a DFA over scalar classes (only scalars that occur in some keyword get their
/// own class), built once per ``Cleaner``. Its table is kept small enough to stay in the
/// nearest cache: the root's row in full, and for every other state only the classes where its
/// row differs from the root's (the keyword continuations along its failure chain, a few per
/// state); a scalar in no keyword (class 0) leads back to the root from every state. A table over the Basic Multilingual Plane
/// gives each scalar the class of its fold (``CharacterFold``), so a line is matched as its
/// normalized view without folding it: one table look-up and one transition per scalar,
/// where a byte automaton over the folded UTF-8 took three of each per Han character.
///
/// ```swift
/// let matcher = KeywordMatcher(keywords: [("小编", 0), ("来源", 1)], ruleCount: 2)
/// matcher.candidates(in: Array("来源:网络".utf8)) // [false, true]
/// ```
struct KeywordMatcher: Sendable {
    /// The class of each keyword scalar (the keywords are given folded).
    private let keywordClass: [UInt32: UInt16]
    /// `foldedClass[v]`: the class of the fold of the BMP scalar `v` (0: in no keyword).
    private let foldedClass: [UInt16]
    /// Whether some keyword has a scalar beyond the BMP (then such scalars are looked up in
    /// ``keywordClass``; otherwise they are class 0 without a look-up).
    private let hasWideScalars: Bool
    /// `rootTransitions[class]`: the root's next state shifted left by one, its low bit set when
    /// some keyword ends in that state (so a step reads the outputs only then).
    private let rootTransitions: [Int32]
    /// Where another state's next state differs from the root's, for the classes
    /// `exceptionClasses[exceptionStarts[state]..<exceptionStarts[state + 1]]` (ascending): the
    /// next states (encoded as in ``rootTransitions``) at the same offsets of `exceptionNext`.
    private let exceptionStarts: [Int32]
    private let exceptionClasses: [UInt16]
    private let exceptionNext: [Int32]
    /// Rules whose keyword ends in each state (including via failure links):
    /// `outputRules[outputStarts[state]..<outputStarts[state + 1]]`.
    private let outputStarts: [Int32]
    private let outputRules: [Int32]
    let ruleCount: Int

    /// Builds the automaton. `keywords` are folded already (``CharacterFold/fold(_:)-(StringProtocol)``).
    init(keywords: [(keyword: String, rule: Int)], ruleCount: Int) {
        self.ruleCount = ruleCount
        var classes: [UInt32: UInt16] = [:]
        for (keyword, _) in keywords {
            for scalar in keyword.unicodeScalars where classes[scalar.value] == nil {
                // More than 65,535 distinct keyword scalars share the last class.
                classes[scalar.value] = UInt16(min(classes.count + 1, Int(UInt16.max)))
            }
        }
        let classCount = (classes.values.max().map(Int.init) ?? 0) + 1
        // Build the trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var outputs: [[Int32]] = [[]]
        for (keyword, rule) in keywords {
            var state = 0
            for scalar in keyword.unicodeScalars {
                let symbol = Int(classes[scalar.value]!)
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
        self.keywordClass = classes
        self.foldedClass = Self.foldedClasses(of: classes)
        self.hasWideScalars = classes.keys.contains { $0 > 0xFFFF }
        func encoded(_ next: Int32) -> Int32 { next << 1 | (outputs[Int(next)].isEmpty ? 0 : 1) }
        let root = goto[0]
        self.rootTransitions = root.map(encoded)
        var exceptionStarts: [Int32] = [0, 0]
        var exceptionClasses: [UInt16] = []
        var exceptionNext: [Int32] = []
        for row in goto.dropFirst() {
            for symbol in 1..<classCount where row[symbol] != root[symbol] {
                exceptionClasses.append(UInt16(symbol))
                exceptionNext.append(encoded(row[symbol]))
            }
            exceptionStarts.append(Int32(exceptionClasses.count))
        }
        self.exceptionStarts = exceptionStarts
        self.exceptionClasses = exceptionClasses
        self.exceptionNext = exceptionNext
        var starts: [Int32] = [0]
        for output in outputs { starts.append(starts.last! + Int32(output.count)) }
        self.outputStarts = starts
        self.outputRules = outputs.flatMap { $0 }
    }

    /// The class of every BMP scalar's fold: a keyword scalar's own class, or that of the
    /// keyword scalar it folds to.
    private static func foldedClasses(of classes: [UInt32: UInt16]) -> [UInt16] {
        var direct = [UInt16](repeating: 0, count: 0x10000)
        for (value, symbol) in classes where value <= 0xFFFF { direct[Int(value)] = symbol }
        var folded = direct
        for value in UInt32(0)..<0x10000 {
            let target = CharacterFold.fold(value)
            guard target != value else { continue }
            folded[Int(value)] = target <= 0xFFFF ? direct[Int(target)] : classes[target] ?? 0
        }
        return folded
    }

    /// Which rules have at least one keyword in `bytes` (UTF-8 of text already normalized).
    func candidates(in bytes: some Sequence<UInt8>) -> [Bool] {
        var found: [Bool] = []
        _ = candidates(in: bytes, into: &found)
        return found
    }

    /// Fills `found` (resized to the rule count) with the rules that have a keyword in `bytes`
    /// (UTF-8 of text already normalized); returns whether there is any. Reuses `found`'s
    /// storage.
    func candidates(in bytes: some Sequence<UInt8>, into found: inout [Bool]) -> Bool {
        scan(into: &found) { cursor in
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): cursor.step(Int(keywordClass[scalar.value] ?? 0))
                case .error: cursor.step(0)
                case .emptyInput: return
                }
            }
        }.any
    }

    /// Fills `found` with the rules that have a keyword in the normalized view of `line`
    /// (``NormalizedLine``: folded, inline readings left out), in one pass over its UTF-8
    /// without writing the view anywhere. Returns whether there is any, and the number of
    /// scalars in `line`.
    func candidates(inFolded line: String, into found: inout [Bool]) -> (any: Bool, length: Int) {
        var line = line
        let hasWideScalars = hasWideScalars
        let (any, length) = foldedClass.withUnsafeBufferPointer { foldedClass in
            scan(into: &found) { cursor in
                line.withUTF8 { source in
                    NormalizedLine.forEachViewScalar(in: source) { value, _, _ in
                        if value <= 0xFFFF {
                            cursor.step(Int(foldedClass[Int(value)]))
                        } else {
                            // Beyond the BMP the fold changes nothing.
                            cursor.step(hasWideScalars ? Int(keywordClass[value] ?? 0) : 0)
                        }
                    }
                }
            }
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
        let rootTransitions: UnsafeBufferPointer<Int32>
        let exceptionStarts: UnsafeBufferPointer<Int32>
        let exceptionClasses: UnsafeBufferPointer<UInt16>
        let exceptionNext: UnsafeBufferPointer<Int32>
        let outputStarts: UnsafeBufferPointer<Int32>
        let outputRules: UnsafeBufferPointer<Int32>
        let found: UnsafeMutableBufferPointer<Bool>
        var state = 0
        /// Whether some keyword ended so far.
        var any = false

        /// Feeds one scalar's class, marking in `found` every rule whose keyword ends at it.
        @inline(__always)
        mutating func step(_ symbol: Int) {
            var next = rootTransitions[symbol]
            // Class 0 (a scalar in no keyword) has no exceptions: every state goes to the root.
            if state != 0, symbol != 0 {
                for offset in Int(exceptionStarts[state])..<Int(exceptionStarts[state &+ 1]) {
                    let exceptionClass = Int(exceptionClasses[offset])
                    if exceptionClass >= symbol {
                        if exceptionClass == symbol { next = exceptionNext[offset] }
                        break
                    }
                }
            }
            state = Int(next >> 1)
            if next & 1 != 0 {
                any = true
                for offset in Int(outputStarts[state])..<Int(outputStarts[state &+ 1]) {
                    found[Int(outputRules[offset])] = true
                }
            }
        }
    }

    /// Runs `body` with a cursor at the automaton's start, marking in `found` (cleared, and
    /// resized to the rule count) every rule whose keyword ends at a scalar `body` feeds it.
    private func scan<Result>(into found: inout [Bool],
                              _ body: (inout Cursor) -> Result) -> (any: Bool, result: Result) {
        clear(&found)
        return rootTransitions.withUnsafeBufferPointer { rootTransitions in
            exceptionStarts.withUnsafeBufferPointer { exceptionStarts in
                exceptionClasses.withUnsafeBufferPointer { exceptionClasses in
                    exceptionNext.withUnsafeBufferPointer { exceptionNext in
                        outputStarts.withUnsafeBufferPointer { outputStarts in
                            outputRules.withUnsafeBufferPointer { outputRules in
                                found.withUnsafeMutableBufferPointer { found in
                                    var cursor = Cursor(rootTransitions: rootTransitions, exceptionStarts: exceptionStarts,
                                                        exceptionClasses: exceptionClasses, exceptionNext: exceptionNext,
                                                        outputStarts: outputStarts, outputRules: outputRules, found: found)
                                    let result = body(&cursor)
                                    return (cursor.any, result)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
