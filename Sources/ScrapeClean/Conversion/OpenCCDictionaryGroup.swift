/// One conversion step of an OpenCC config, ready to run: a group of dictionaries consulted
/// together with OpenCC 1.4.2's semantics (its `PrefixMatch` over a `DictGroup`).
///
/// At a position, every slot's longest key that is a prefix of the text is found; the first
/// slot (in config order) that has any match wins, with its longest key. Within a slot (a
/// `union` group) the longest key wins and, for equal keys, the earlier dictionary. So in
/// `[TWPhrases, TWVariantsPhrases, TWVariants]` a two-character TWPhrases key beats a
/// four-character TWVariantsPhrases key at the same position.
///
/// Text is UTF-8 bytes; keys never contain a line break, so no match crosses one. Bytes that
/// are not valid UTF-8 are copied through unchanged.
struct OpenCCDictionaryGroup: Sendable {
    /// Most slots a step may have (OpenCC's configs use at most 3).
    static let maximumSlots = 8

    let tables: OpenCCTables
    /// Owns the memory the kernel points into (besides the tables).
    private let storage: Storage
    /// Raw pointers and masks for the hot loop; valid while `tables` and `storage` live.
    let kernel: Kernel
    /// Per slot, its dictionaries in priority order (for equal keys in a union).
    private let slotOrders: [[Int]]

    /// Every dictionary of the step.
    var mask: UInt32 { kernel.mask }

    /// Builds the step, leaving out dictionaries marked `may_output_tofu` unless `includeTofu`.
    /// Returns nil when nothing is left.
    init?(step: OpenCCConfigPlan.Step, tables: OpenCCTables, includeTofu: Bool) {
        var orders: [[Int]] = []
        for slot in step {
            let members = slot.filter { includeTofu || !$0.mayOutputTofu }.map(\.dictionary)
            if !members.isEmpty { orders.append(members) }
        }
        self.init(slots: orders, tables: tables)
    }

    /// The same step without its first slot (nil when it has no other): what the step does
    /// where no key of the first slot starts.
    func droppingFirstSlot() -> OpenCCDictionaryGroup? {
        OpenCCDictionaryGroup(slots: Array(slotOrders.dropFirst()), tables: tables)
    }

    /// Builds a step from its slots, each a list of dictionary ids in priority order.
    private init?(slots orders: [[Int]], tables: OpenCCTables) {
        guard !orders.isEmpty, orders.count <= Self.maximumSlots else { return nil }
        var slotMasks = SIMD8<UInt32>(repeating: 0), throughSlotMasks = SIMD8<UInt32>(repeating: 0)
        var running: UInt32 = 0
        for (index, members) in orders.enumerated() {
            slotMasks[index] = members.reduce(0) { $0 | UInt32(1) << UInt32($1) }
            running |= slotMasks[index]
            throughSlotMasks[index] = running
        }
        let storage = Storage(count: tables.alphabetCount + 1)
        self.tables = tables
        self.storage = storage
        slotOrders = orders
        kernel = Kernel(tables: tables, storage: storage, mask: running,
                        slotMasks: slotMasks, throughSlotMasks: throughSlotMasks)
        // What the first scalar decides, per code (see `Kernel.entries`).
        for code in 1..<(tables.alphabetCount + 1) {
            let node = Int(tables.rootChild[code])
            guard node != 0, (tables.terminalMasks[node] | tables.descendantMasks[node]) & running != 0 else { continue }
            var alone = Kernel.none
            let ending = tables.terminalMasks[node] & running
            if ending != 0 {
                var slot = 0
                while ending & slotMasks[slot] == 0 { slot += 1 }
                let match = Match(length: 0, node: node, slot: slot, bits: ending & slotMasks[slot])
                let dictionary = Self.dictionary(match, slotOrders: orders)
                let below = tables.terminalMasks[node] & ((1 << UInt32(dictionary)) &- 1)
                let index = Int(tables.valueBase[node]) + below.nonzeroBitCount
                let reference = tables.values[index]
                let value = UnsafeBufferPointer(start: tables.pool + Int(reference >> 8), count: Int(reference & 0xFF))
                let isIdentity = tables.scalarForCode(code).map { value.elementsEqual(UTF8.encode($0)!) } ?? false
                alone = isIdentity ? Kernel.identity : Kernel.firstValue + UInt32(index)
            }
            guard tables.descendantMasks[node] & running != 0 else {
                storage.entries[code] = alone
                continue
            }
            storage.entries[code] = Kernel.walk
            storage.aloneEntries[code] = alone
            var filter: UInt64 = 0
            for child in Int(tables.childStart[node])..<Int(tables.childStart[node + 1])
            where (tables.terminalMasks[child] | tables.descendantMasks[child]) & running != 0 {
                filter |= 1 << UInt64(tables.labels[child] & 63)
            }
            storage.secondScalars[code] = filter
        }
    }

    /// The dictionaries of the first slot (the one that wins over all others).
    var firstSlotMask: UInt32 { kernel.slotMasks[0] }

    /// The number of slots.
    var slotCount: Int { slotOrders.count }

    /// Whether the step may change the text at a scalar with code `code`: a key whose value is
    /// not the scalar itself, or a longer key, starts with it.
    @inline(__always)
    func mayChange(code: Int) -> Bool {
        let entry = kernel.entries[code]
        return entry == Kernel.walk || entry >= Kernel.firstValue
    }

    /// The value the first slot gives the key ending at `node` (a reference into `pool`, as in
    /// `values`), nil when no dictionary of the first slot has that key.
    @inline(__always)
    func firstSlotValue(node: Int) -> UInt32? {
        let bits = kernel.terminalMasks[node] & kernel.slotMasks[0]
        guard bits != 0 else { return nil }
        let match = Match(length: 0, node: node, slot: 0, bits: bits)
        return kernel.valueReference(node: node, dictionary: Self.dictionary(match, slotOrders: slotOrders))
    }

    /// The scalars that start a key of this step (for prefilters).
    var firstScalars: [Unicode.Scalar] {
        (1...max(1, tables.alphabetCount)).compactMap { code in
            kernel.entries[code] != Kernel.none ? tables.scalarForCode(code) : nil
        }
    }

    /// Converts `input[start..<end]`, appending the result to `output`.
    func convert(_ input: UnsafePointer<UInt8>, from start: Int, to end: Int, into output: inout ByteBuffer) {
        let kernel = self.kernel
        output.reserve(end - start)
        var position = start
        var copyFrom = start
        while position < end {
            let (scalar, length) = UTF8Scalar.decode(input, at: position, end: end)
            let code = kernel.code(scalar)
            let entry = kernel.entry(input, at: position, end: end, code: code, length: length)
            if entry <= Kernel.identity && entry != Kernel.walk {
                position += length
                continue
            }
            let reference: UInt32
            let matched: Int
            if entry >= Kernel.firstValue {
                reference = kernel.values[Int(entry - Kernel.firstValue)]
                matched = length
            } else {
                let match = kernel.longestMatch(input, at: position, end: end, code: code, firstLength: length)
                guard match.length > 0 else {
                    position += length
                    continue
                }
                reference = kernel.valueReference(node: match.node, dictionary: Self.dictionary(match, slotOrders: slotOrders))
                matched = match.length
            }
            if copyFrom < position { output.append(input + copyFrom, count: position - copyFrom) }
            output.append(kernel.pool + Int(reference >> 8), count: Int(reference & 0xFF))
            position += matched
            copyFrom = position
        }
        if copyFrom < end { output.append(input + copyFrom, count: end - copyFrom) }
    }

    /// What the step does at `position` (the scalar there has code `code` and is `length`
    /// bytes long): the byte length of its match (0 when none), whether the match's value
    /// differs from the matched bytes, and the value (a reference into `pool`, as in `values`;
    /// 0 when there is no match or the scalar maps to itself).
    @inline(__always)
    func match(_ input: UnsafePointer<UInt8>, at position: Int, end: Int, code: Int,
               length: Int) -> (length: Int, changes: Bool, value: UInt32) {
        let entry = kernel.entry(input, at: position, end: end, code: code, length: length)
        if entry == Kernel.none { return (0, false, 0) }
        if entry == Kernel.identity { return (length, false, 0) }
        if entry != Kernel.walk { return (length, true, kernel.values[Int(entry - Kernel.firstValue)]) }
        let match = kernel.longestMatch(input, at: position, end: end, code: code, firstLength: length)
        guard match.length > 0 else { return (0, false, 0) }
        let reference = kernel.valueReference(node: match.node, dictionary: Self.dictionary(match, slotOrders: slotOrders))
        guard Int(reference & 0xFF) == match.length else { return (match.length, true, reference) }
        let value = kernel.pool + Int(reference >> 8)
        for offset in 0..<match.length where value[offset] != input[position + offset] {
            return (match.length, true, reference)
        }
        return (match.length, false, reference)
    }

    /// Whether converting `input[start..<end]` would change it.
    func changes(_ input: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var position = start
        while position < end {
            let (scalar, length) = UTF8Scalar.decode(input, at: position, end: end)
            let found = match(input, at: position, end: end, code: kernel.code(scalar), length: length)
            if found.changes { return true }
            position += max(found.length, length)
        }
        return false
    }

    /// The byte length of the match at `position` (0 when none): what maximum-match
    /// segmentation cuts there. `length` is the byte length of the scalar at `position`.
    @inline(__always)
    func matchLength(_ input: UnsafePointer<UInt8>, at position: Int, end: Int, scalar: UInt32, length: Int) -> Int {
        let code = kernel.code(scalar)
        let entry = kernel.entry(input, at: position, end: end, code: code, length: length)
        if entry == Kernel.none { return 0 }
        if entry != Kernel.walk { return length }
        return kernel.longestMatch(input, at: position, end: end, code: code, firstLength: length).length
    }

    /// The dictionary whose value a match takes: the only one, or for equal keys in a union
    /// slot the first in config order.
    @inline(__always)
    private static func dictionary(_ match: Match, slotOrders: [[Int]]) -> Int {
        if match.bits & (match.bits &- 1) == 0 { return match.bits.trailingZeroBitCount }
        for dictionary in slotOrders[match.slot] where match.bits & (UInt32(1) << UInt32(dictionary)) != 0 {
            return dictionary
        }
        return match.bits.trailingZeroBitCount
    }

    struct Match {
        var length: Int
        var node: Int
        var slot: Int
        var bits: UInt32
    }

    /// Memory owned by a step: its per-code entries.
    final class Storage: @unchecked Sendable {
        let entries: UnsafeMutablePointer<UInt32>
        let aloneEntries: UnsafeMutablePointer<UInt32>
        let secondScalars: UnsafeMutablePointer<UInt64>
        init(count: Int) {
            entries = .allocate(capacity: count)
            entries.initialize(repeating: Kernel.none, count: count)
            aloneEntries = .allocate(capacity: count)
            aloneEntries.initialize(repeating: Kernel.none, count: count)
            secondScalars = .allocate(capacity: count)
            secondScalars.initialize(repeating: 0, count: count)
        }
        deinit {
            entries.deallocate()
            aloneEntries.deallocate()
            secondScalars.deallocate()
        }
    }

    /// Everything the inner loop reads, as plain values, so the optimizer keeps it in registers.
    struct Kernel: @unchecked Sendable {
        let pageIndex: UnsafePointer<UInt16>
        let pages: UnsafePointer<UInt16>
        let rootChild: UnsafePointer<UInt32>
        let labels: UnsafePointer<UInt16>
        let childStart: UnsafePointer<UInt32>
        let terminalMasks: UnsafePointer<UInt32>
        let descendantMasks: UnsafePointer<UInt32>
        let valueBase: UnsafePointer<UInt32>
        let values: UnsafePointer<UInt32>
        let pool: UnsafePointer<UInt8>
        /// Per code, what the scalar at a position decides on its own: ``none`` (no key of the
        /// step starts with it), ``walk`` (longer keys start with it: walk the trie),
        /// ``identity`` (its only match is itself, unchanged) or ``firstValue`` + the index
        /// in `values` of its replacement.
        let entries: UnsafePointer<UInt32>
        /// Per code with a ``walk`` entry, what the scalar decides when no longer key can
        /// match (an entry of any other kind).
        let aloneEntries: UnsafePointer<UInt32>
        /// Per code with a ``walk`` entry, a filter on the scalar after it: bit `c % 64` is set
        /// when a longer key's second scalar may have code `c`.
        let secondScalars: UnsafePointer<UInt64>
        let mask: UInt32

        static let none: UInt32 = 0
        static let walk: UInt32 = 1
        static let identity: UInt32 = 2
        static let firstValue: UInt32 = 3
        let slotMasks: SIMD8<UInt32>
        let throughSlotMasks: SIMD8<UInt32>

        init(tables: OpenCCTables, storage: Storage, mask: UInt32,
             slotMasks: SIMD8<UInt32>, throughSlotMasks: SIMD8<UInt32>) {
            pageIndex = UnsafePointer(tables.pageIndex)
            pages = UnsafePointer(tables.pages)
            rootChild = UnsafePointer(tables.rootChild)
            labels = UnsafePointer(tables.labels)
            childStart = UnsafePointer(tables.childStart)
            terminalMasks = UnsafePointer(tables.terminalMasks)
            descendantMasks = UnsafePointer(tables.descendantMasks)
            valueBase = UnsafePointer(tables.valueBase)
            values = UnsafePointer(tables.values)
            pool = UnsafePointer(tables.pool)
            entries = UnsafePointer(storage.entries)
            aloneEntries = UnsafePointer(storage.aloneEntries)
            secondScalars = UnsafePointer(storage.secondScalars)
            self.mask = mask
            self.slotMasks = slotMasks
            self.throughSlotMasks = throughSlotMasks
        }

        /// The entry for the scalar at `position` (code `code`, `length` bytes): a ``walk``
        /// entry becomes the scalar's entry alone when the next scalar cannot continue a key.
        @inline(__always)
        func entry(_ input: UnsafePointer<UInt8>, at position: Int, end: Int, code: Int, length: Int) -> UInt32 {
            let entry = entries[code]
            guard entry == Self.walk else { return entry }
            let next = position + length
            if next < end {
                let following = self.code(UTF8Scalar.decode(input, at: next, end: end).scalar)
                if secondScalars[code] & (1 << UInt64(following & 63)) != 0 { return entry }
            }
            return aloneEntries[code]
        }

        /// The code of `scalar`, 0 when no key contains it.
        @inline(__always)
        func code(_ scalar: UInt32) -> Int {
            guard scalar < 0x110000 else { return 0 }
            return Int(pages[Int(pageIndex[Int(scalar >> 8)]) << 8 | Int(scalar & 0xFF)])
        }

        @inline(__always)
        func valueReference(node: Int, dictionary: Int) -> UInt32 {
            let below = terminalMasks[node] & ((1 << UInt32(dictionary)) &- 1)
            return values[Int(valueBase[node]) + below.nonzeroBitCount]
        }

        /// Walks the trie from the root's child for `code` (the scalar at `position`,
        /// `firstLength` bytes long), keeping the best match: the earliest slot, then the
        /// longest key.
        @inline(__always)
        func longestMatch(_ input: UnsafePointer<UInt8>, at position: Int, end: Int, code: Int,
                          firstLength: Int) -> Match {
            longestMatch(input, at: position, end: end, code: code, firstLength: firstLength, flags: NoCodeFlags()).match
        }

        /// ``longestMatch(_:at:end:code:firstLength:)`` that also tells whether a scalar of the
        /// match has a nonzero flag in `flags` (by code).
        @inline(__always)
        func longestMatch<Flags: CodeFlags>(_ input: UnsafePointer<UInt8>, at position: Int, end: Int, code: Int,
                                            firstLength: Int, flags: Flags) -> (match: Match, flagged: Bool) {
            var best = Match(length: 0, node: 0, slot: 0, bits: 0)
            var node = Int(rootChild[code])
            var cursor = position + firstLength
            var walkMask = mask
            var flagged = flags.flag(code)
            var bestFlagged: UInt8 = 0
            while true {
                let ending = terminalMasks[node] & walkMask
                if ending != 0 {
                    var slot = 0
                    while ending & slotMasks[slot] == 0 { slot += 1 }
                    best = Match(length: cursor - position, node: node, slot: slot, bits: ending & slotMasks[slot])
                    bestFlagged = flagged
                    walkMask = throughSlotMasks[slot]
                }
                guard cursor < end, descendantMasks[node] & walkMask != 0 else { break }
                let (scalar, length) = UTF8Scalar.decode(input, at: cursor, end: end)
                let next = self.code(scalar)
                guard next != 0, let child = child(of: node, code: next) else { break }
                flagged |= flags.flag(next)
                node = child
                cursor += length
            }
            return (best, bestFlagged != 0)
        }

        @inline(__always)
        func child(of node: Int, code: Int) -> Int? {
            var low = Int(childStart[node]), high = Int(childStart[node + 1])
            let label = UInt16(truncatingIfNeeded: code)
            while low < high {
                let middle = (low + high) >> 1
                let candidate = labels[middle]
                if candidate == label { return middle }
                if candidate < label { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }
}

/// Flags by scalar code that a trie walk collects over the scalars it matches (see
/// ``OpenCCDictionaryGroup/Kernel/longestMatch(_:at:end:code:firstLength:flags:)``).
protocol CodeFlags {
    func flag(_ code: Int) -> UInt8
}

/// No flags: a walk that collects none (specialized, it costs nothing).
struct NoCodeFlags: CodeFlags {
    @inline(__always)
    func flag(_ code: Int) -> UInt8 { 0 }
}

/// A table of flags indexed by code.
extension UnsafePointer: CodeFlags where Pointee == UInt8 {
    @inline(__always)
    func flag(_ code: Int) -> UInt8 { self[code] }
}
