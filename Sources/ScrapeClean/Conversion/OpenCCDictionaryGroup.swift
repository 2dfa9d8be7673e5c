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
    let tables: OpenCCTables
    /// Every dictionary of the step.
    let mask: UInt32
    /// Per slot, its dictionaries.
    private let slotMasks: [UInt32]
    /// Per slot, the union of the masks of that slot and every slot before it.
    private let throughSlotMasks: [UInt32]
    /// Per slot, its dictionaries in priority order (for equal keys in a union).
    private let slotOrders: [[Int]]
    /// Bit per code: some key of the step starts with that scalar.
    private let startsKey: [UInt64]

    /// Builds the step, leaving out dictionaries marked `may_output_tofu` unless `includeTofu`.
    /// Returns nil when nothing is left.
    init?(step: OpenCCConfigPlan.Step, tables: OpenCCTables, includeTofu: Bool) {
        var masks: [UInt32] = [], orders: [[Int]] = []
        for slot in step {
            let members = slot.filter { includeTofu || !$0.mayOutputTofu }.map(\.dictionary)
            guard !members.isEmpty else { continue }
            orders.append(members)
            masks.append(members.reduce(0) { $0 | UInt32(1) << UInt32($1) })
        }
        guard !masks.isEmpty else { return nil }
        self.tables = tables
        slotMasks = masks
        slotOrders = orders
        var running: UInt32 = 0
        throughSlotMasks = masks.map { running |= $0; return running }
        mask = running
        var bits = [UInt64](repeating: 0, count: (tables.alphabetCount + 1 + 63) / 64)
        for code in 1...max(1, tables.alphabetCount) where tables.alphabetCount > 0 {
            let node = Int(tables.rootChild[code])
            if node != 0, (tables.terminalMasks[node] | tables.descendantMasks[node]) & running != 0 {
                bits[code >> 6] |= 1 << UInt64(code & 63)
            }
        }
        startsKey = bits
    }

    /// The scalars that start a key of this step (for prefilters).
    var firstScalars: [Unicode.Scalar] {
        (1...max(1, tables.alphabetCount)).compactMap { code in
            startsKey[code >> 6] & (1 << UInt64(code & 63)) != 0 ? tables.scalarForCode(code) : nil
        }
    }

    /// Converts `input[start..<end]`, appending the result to `output`.
    func convert(_ input: UnsafePointer<UInt8>, from start: Int, to end: Int, into output: inout [UInt8]) {
        startsKey.withUnsafeBufferPointer { startsKey in
            slotMasks.withUnsafeBufferPointer { slotMasks in
                throughSlotMasks.withUnsafeBufferPointer { throughSlotMasks in
                    var position = start
                    var copyFrom = start
                    while position < end {
                        let (scalar, length) = UTF8Scalar.decode(input, at: position, end: end)
                        let code = tables.code(scalar)
                        if code == 0 || startsKey[code >> 6] & (1 << UInt64(code & 63)) == 0 {
                            position += length
                            continue
                        }
                        let match = longestMatch(input, at: position, end: end, node: Int(tables.rootChild[code]),
                                                 firstLength: length, slotMasks: slotMasks,
                                                 throughSlotMasks: throughSlotMasks)
                        guard match.length > 0 else {
                            position += length
                            continue
                        }
                        if copyFrom < position {
                            output.append(contentsOf: UnsafeBufferPointer(start: input + copyFrom, count: position - copyFrom))
                        }
                        let reference = tables.valueReference(node: match.node, dictionary: dictionary(match))
                        output.append(contentsOf: UnsafeBufferPointer(start: tables.pool + Int(reference >> 8),
                                                                      count: Int(reference & 0xFF)))
                        position += match.length
                        copyFrom = position
                    }
                    if copyFrom < end {
                        output.append(contentsOf: UnsafeBufferPointer(start: input + copyFrom, count: end - copyFrom))
                    }
                }
            }
        }
    }

    /// The byte length of the match at `position` (0 when none): what maximum-match
    /// segmentation cuts there.
    func matchLength(_ input: UnsafePointer<UInt8>, at position: Int, end: Int, scalarLength: Int, code: Int) -> Int {
        guard code != 0, startsKey[code >> 6] & (1 << UInt64(code & 63)) != 0 else { return 0 }
        return slotMasks.withUnsafeBufferPointer { slotMasks in
            throughSlotMasks.withUnsafeBufferPointer { throughSlotMasks in
                longestMatch(input, at: position, end: end, node: Int(tables.rootChild[code]),
                             firstLength: scalarLength, slotMasks: slotMasks,
                             throughSlotMasks: throughSlotMasks).length
            }
        }
    }

    struct Match {
        var length: Int
        var node: Int
        var slot: Int
        var bits: UInt32
    }

    /// Walks the trie from the root's child `node` (the scalar at `position`, `firstLength`
    /// bytes long), keeping the best match: the earliest slot, then the longest key.
    @inline(__always)
    private func longestMatch(_ input: UnsafePointer<UInt8>, at position: Int, end: Int, node first: Int,
                              firstLength: Int, slotMasks: UnsafeBufferPointer<UInt32>,
                              throughSlotMasks: UnsafeBufferPointer<UInt32>) -> Match {
        var best = Match(length: 0, node: 0, slot: slotMasks.count, bits: 0)
        var node = first
        var cursor = position + firstLength
        var walkMask = mask
        while true {
            let ending = tables.terminalMasks[node] & walkMask
            if ending != 0 {
                var slot = 0
                while ending & slotMasks[slot] == 0 { slot += 1 }
                best = Match(length: cursor - position, node: node, slot: slot, bits: ending & slotMasks[slot])
                walkMask = throughSlotMasks[slot]
            }
            guard cursor < end, tables.descendantMasks[node] & walkMask != 0 else { break }
            let (scalar, length) = UTF8Scalar.decode(input, at: cursor, end: end)
            let code = tables.code(scalar)
            guard code != 0, let child = tables.child(of: node, code: code) else { break }
            node = child
            cursor += length
        }
        return best
    }

    /// The dictionary whose value a match takes: the only one, or for equal keys in a union
    /// slot the first in config order.
    @inline(__always)
    private func dictionary(_ match: Match) -> Int {
        if match.bits & (match.bits &- 1) == 0 { return match.bits.trailingZeroBitCount }
        for dictionary in slotOrders[match.slot] where match.bits & (UInt32(1) << UInt32(dictionary)) != 0 {
            return dictionary
        }
        return match.bits.trailingZeroBitCount
    }
}
