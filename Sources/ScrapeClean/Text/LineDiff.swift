/// A line-by-line difference between two texts, as unified-diff hunks.
///
/// Uses Myers' O(ND) algorithm; when the texts differ in more than `maxEditDistance` lines it
/// falls back to a coarse diff (common prefix and suffix, the middle replaced) so the cost stays
/// bounded on huge inputs.
///
/// ```swift
/// let diff = LineDiff(old: "a\nb\nc\n", new: "a\nc\n")
/// print(diff.unified(oldLabel: "expected", newLabel: "actual"))
/// ```
public struct LineDiff: Sendable {
    /// One operation of the edit script.
    public enum Operation: Sendable, Equatable {
        case same(oldIndex: Int, newIndex: Int)
        case delete(oldIndex: Int)
        case insert(newIndex: Int)
    }

    /// A unified-diff hunk: ranges are 0-based starts and counts.
    public struct Hunk: Sendable, Equatable {
        public var oldStart: Int
        public var oldCount: Int
        public var newStart: Int
        public var newCount: Int
        /// Lines prefixed with " ", "-" or "+".
        public var lines: [String]

        /// `@@ -a,b +c,d @@` with 1-based starts, as in `diff -u`.
        public var header: String {
            "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@"
        }
    }

    public let oldLines: [Substring]
    public let newLines: [Substring]
    public let operations: [Operation]

    /// Diffs two texts split on `\n`.
    public init(old: String, new: String, maxEditDistance: Int = 20_000) {
        self.init(oldLines: Self.split(old), newLines: Self.split(new), maxEditDistance: maxEditDistance)
    }

    public init(oldLines: [Substring], newLines: [Substring], maxEditDistance: Int = 20_000) {
        self.oldLines = oldLines
        self.newLines = newLines
        self.operations = Self.diff(oldLines, newLines, maxEditDistance: maxEditDistance)
    }

    /// Whether the texts are equal line for line.
    public var isEmpty: Bool {
        operations.allSatisfy { if case .same = $0 { true } else { false } }
    }

    static func split(_ text: String) -> [Substring] {
        if text.isEmpty { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    private static func diff(_ a: [Substring], _ b: [Substring], maxEditDistance: Int) -> [Operation] {
        // Trim the common prefix and suffix first: cheap, and it keeps D small.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix,
              a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var operations: [Operation] = (0..<prefix).map { .same(oldIndex: $0, newIndex: $0) }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        if let script = myers(midA, midB, maxD: maxEditDistance) {
            for op in script {
                switch op {
                case let .same(i, j): operations.append(.same(oldIndex: i + prefix, newIndex: j + prefix))
                case let .delete(i): operations.append(.delete(oldIndex: i + prefix))
                case let .insert(j): operations.append(.insert(newIndex: j + prefix))
                }
            }
        } else {
            operations += midA.indices.map { .delete(oldIndex: $0 + prefix) }
            operations += midB.indices.map { .insert(newIndex: $0 + prefix) }
        }
        for k in 0..<suffix {
            operations.append(.same(oldIndex: a.count - suffix + k, newIndex: b.count - suffix + k))
        }
        return operations
    }

    /// How many V entries the Myers trace may hold: the trace of a diff with D edits holds
    /// (D+1)² entries, so this caps D near 4 000 and the trace near 64 MB. Larger differences
    /// take the coarse path.
    static let traceBudget = 1 << 24

    /// Myers' greedy algorithm, keeping for backtracking only the part of each V array that
    /// step d can reach (k in -d...d); nil when the texts differ in more than `maxD` lines or
    /// the trace would outgrow ``traceBudget``.
    private static func myers(_ a: [Substring], _ b: [Substring], maxD: Int) -> [Operation]? {
        let n = a.count, m = b.count
        if n == 0 { return (0..<m).map { .insert(newIndex: $0) } }
        if m == 0 { return (0..<n).map { .delete(oldIndex: $0) } }
        // Lines compared as integers: equal lines get equal numbers.
        var numbers: [Substring: Int32] = [:]
        numbers.reserveCapacity(n + m)
        let x0 = a.map { line in numbers[line] ?? { let id = Int32(numbers.count); numbers[line] = id; return id }() }
        let y0 = b.map { line in numbers[line] ?? { let id = Int32(numbers.count); numbers[line] = id; return id }() }
        let limit = min(n + m, maxD, Int(Double(traceBudget).squareRoot()) - 1)
        let offset = limit + 1
        var v = [Int32](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int32]] = []
        var found = false
        outer: for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = Int(v[offset + k + 1])
                } else {
                    x = Int(v[offset + k - 1]) + 1
                }
                var y = x - k
                while x < n, y < m, x0[x] == y0[y] { x += 1; y += 1 }
                v[offset + k] = Int32(x)
                if x >= n, y >= m { found = true; break outer }
            }
        }
        guard found else { return nil }
        var script: [Operation] = []
        script.reserveCapacity(n + m)
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d] // V before step d, indexed by k + d
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && vd[k - 1 + d] < vd[k + 1 + d]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : Int(vd[previousK + d])
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1; y -= 1
                script.append(.same(oldIndex: x, newIndex: y))
            }
            if d > 0 {
                if x == previousX { y -= 1; script.append(.insert(newIndex: y)) }
                else { x -= 1; script.append(.delete(oldIndex: x)) }
            }
        }
        return script.reversed()
    }

    /// Groups the edit script into hunks with `context` unchanged lines around each change.
    /// One pass over the edit script.
    public func hunks(context: Int = 3) -> [Hunk] {
        var hunks: [Hunk] = []
        let changes = operations.indices.filter { if case .same = operations[$0] { false } else { true } }
        guard !changes.isEmpty else { return [] }
        var groupStart = changes[0], groupEnd = changes[0]
        var groups: [(Int, Int)] = []
        for index in changes.dropFirst() {
            // Hunks whose context would touch or overlap (at most 2 × context unchanged lines
            // between the changes) are one hunk, as in `diff -u`.
            if index - groupEnd - 1 > 2 * context { groups.append((groupStart, groupEnd)); groupStart = index }
            groupEnd = index
        }
        groups.append((groupStart, groupEnd))
        // Lines of each file before operation `consumed`, carried from group to group.
        var consumed = 0, oldCursor = 0, newCursor = 0
        for (first, last) in groups {
            let lo = max(0, first - context), hi = min(operations.count - 1, last + context)
            while consumed < lo {
                switch operations[consumed] {
                case .same: oldCursor += 1; newCursor += 1
                case .delete: oldCursor += 1
                case .insert: newCursor += 1
                }
                consumed += 1
            }
            var hunk = Hunk(oldStart: oldCursor, oldCount: 0, newStart: newCursor, newCount: 0, lines: [])
            for op in operations[lo...hi] {
                switch op {
                case let .same(i, _):
                    hunk.lines.append(" " + oldLines[i]); hunk.oldCount += 1; hunk.newCount += 1
                case let .delete(i):
                    hunk.lines.append("-" + oldLines[i]); hunk.oldCount += 1
                case let .insert(j):
                    hunk.lines.append("+" + newLines[j]); hunk.newCount += 1
                }
            }
            hunks.append(hunk)
        }
        return hunks
    }

    /// The whole diff in unified format, or "" when the texts are equal.
    public func unified(oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let hunks = hunks(context: context)
        guard !hunks.isEmpty else { return "" }
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks {
            out += hunk.header + "\n"
            for line in hunk.lines { out += line + "\n" }
        }
        return out
    }
}
