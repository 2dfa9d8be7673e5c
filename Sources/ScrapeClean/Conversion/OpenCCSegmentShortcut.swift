/// Segmentation and conversion in one scan of the text instead of three passes, for configs
/// shaped like tw2s: segment by a dictionary, convert by a step of regional variants, then by a
/// step whose first slot is the segmentation dictionary and whose other slots hold single
/// characters only. (tw2s, tw2sp, hk2s and hk2sp: segment by TSPhrases, then variants, then
/// [TSPhrases, TSCharacters].) Other configs segment and run their chain segment by segment.
///
/// The result is byte for byte what segmenting and then passing every segment through the
/// chain gives (``OpenCCConversionChain``); the tests check it against that. What makes the
/// shortcut exact:
/// - A matched segment is a key of the segmentation dictionary. When the variants step leaves
///   it alone, the last step's first slot matches the whole segment, so its output is that
///   key's value, read at the trie node where the segmentation walk ended.
/// - In a run of unmatched characters no key of the segmentation dictionary starts at any
///   character. So after the variants step, a key of the last step's first slot can only match
///   over a character the variants step changed; when every changed character is in no key of
///   that slot, the last step acts through its other slots, one scalar at a time. Variants and
///   last step then run together, scalar by scalar, with no intermediate copy.
/// - A scalar in no key longer than one scalar (of the variants or the last step) that the
///   variants step leaves alone is a barrier no match crosses: a run converts piece by piece
///   between barriers. A piece where the variants step makes a change the scan cannot follow,
///   or where a variants match turns out to cross the end of the run (the next segment starts
///   inside it), goes through the chain as usual.
struct OpenCCSegmentShortcut: Sendable {
    private let segmentation: OpenCCDictionaryGroup
    private let chain: OpenCCConversionChain
    /// The variants step (the chain's first).
    private let variants: OpenCCDictionaryGroup
    /// The last step, whose first slot is the segmentation dictionary.
    private let last: OpenCCDictionaryGroup
    /// Owns the per-code tables (see ``Storage``).
    private let storage: Storage

    // A run entry (per code): a barrier bit, a kind, and a payload.
    private static let barrier: UInt32 = 1 << 31
    private static let kindShift: UInt32 = 28
    private static let payloadMask: UInt32 = (1 << 28) - 1
    /// Kind: the scalar stays as it is.
    private static let keep: UInt32 = 0
    /// Kind: the last step replaces the scalar by `values[payload]`; the variants step leaves it.
    private static let replace: UInt32 = 1
    /// Kind: the variants step replaces the scalar; `composed[payload]` is what both steps make
    /// of it (``unsafe`` when a key of the last step's first slot holds the variant).
    private static let variant: UInt32 = 2
    /// Kind: a longer key of the variants step starts with the scalar.
    private static let walk: UInt32 = 3
    private static let unsafe = UInt32.max

    /// Nil when the config does not have that shape.
    init?(segmentation: OpenCCDictionaryGroup, chain: OpenCCConversionChain) {
        guard segmentation.slotCount == 1, chain.steps.count == 2,
              chain.steps[1].firstSlotMask == segmentation.firstSlotMask else { return nil }
        let variants = chain.steps[0], last = chain.steps[1]
        let tables = segmentation.tables
        let count = tables.alphabetCount + 1
        let storage = Storage(count: count)
        let inFirstSlotKey = Self.scalarsInKeys(tables, mask: last.firstSlotMask, longerThanOne: false)
        let inLongerKey = Self.scalarsInKeys(tables, mask: variants.mask | last.mask, longerThanOne: true)
        for code in 1..<count where inFirstSlotKey[code] { storage.inFirstSlotKey[code] = 1 }
        let rest = last.droppingFirstSlot()
        for code in 1..<count {
            storage.touched[code] = variants.mayChange(code: code) ? 1 : 0
            guard let rest else { continue }
            let entry = rest.kernel.entries[code]
            switch entry {
            case OpenCCDictionaryGroup.Kernel.none, OpenCCDictionaryGroup.Kernel.identity:
                break
            case OpenCCDictionaryGroup.Kernel.walk:
                return nil   // a longer key in the other slots: not one scalar at a time
            default:
                storage.replacements[code] = entry - OpenCCDictionaryGroup.Kernel.firstValue + 1
            }
        }
        let kernel = variants.kernel
        var composedPool: [UInt8] = []
        var composedReferences: [UInt32] = []
        var scratch = ByteBuffer()
        // The run of a scalar the variants step leaves alone: kept, or replaced by the last step.
        func plainRun(_ code: Int) -> UInt32 {
            let replacement = storage.replacements[code]
            return replacement == 0 ? Self.keep << Self.kindShift : Self.replace << Self.kindShift | (replacement - 1)
        }
        // The run of a scalar the variants step turns into `value`: the variant composed with
        // the last step, or marked unsafe when that cannot be done scalar by scalar.
        func variantRun(_ value: UnsafeBufferPointer<UInt8>, replacing key: [UInt8]) -> UInt32 {
            scratch.removeAll()
            let safe = key.withUnsafeBufferPointer {
                Self.appendComposed(value, replacing: $0, kernel: kernel, storage: storage, into: &scratch)
            }
            if safe {
                composedReferences.append(UInt32(composedPool.count) << 8 | UInt32(scratch.count))
                composedPool.append(contentsOf: scratch.bytes)
            } else {
                composedReferences.append(Self.unsafe)
            }
            return Self.variant << Self.kindShift | UInt32(composedReferences.count - 1)
        }
        for code in 1..<count {
            let entry = variants.kernel.entries[code]
            var run: UInt32
            switch entry {
            case OpenCCDictionaryGroup.Kernel.walk:
                run = Self.walk << Self.kindShift
            case OpenCCDictionaryGroup.Kernel.none, OpenCCDictionaryGroup.Kernel.identity:
                run = plainRun(code)
                if !inLongerKey[code] { run |= Self.barrier }
            default:
                let reference = kernel.values[Int(entry - OpenCCDictionaryGroup.Kernel.firstValue)]
                let value = UnsafeBufferPointer(start: kernel.pool + Int(reference >> 8), count: Int(reference & 0xFF))
                run = variantRun(value, replacing: Array(UTF8.encode(tables.scalarForCode(code)!)!))
            }
            storage.runEntries[code] = run
        }
        // For scalars that start a longer variants key: what the step does with the scalar
        // alone (when the next scalar cannot continue a key).
        for code in 1..<count where variants.kernel.entries[code] == OpenCCDictionaryGroup.Kernel.walk {
            let key = Array(UTF8.encode(tables.scalarForCode(code)!)!)
            let alone = key.withUnsafeBufferPointer {
                variants.match($0.baseAddress!, at: 0, end: $0.count, code: code, length: $0.count)
            }
            if !alone.changes {
                storage.walkFallbacks[code] = plainRun(code)
                continue
            }
            let value = UnsafeBufferPointer(start: kernel.pool + Int(alone.value >> 8), count: Int(alone.value & 0xFF))
            storage.walkFallbacks[code] = variantRun(value, replacing: key)
        }
        storage.setComposed(pool: composedPool, references: composedReferences)
        self.segmentation = segmentation
        self.chain = chain
        self.variants = variants
        self.last = last
        self.storage = storage
    }

    /// Per code, whether its scalar occurs in a key of a dictionary in `mask` (with
    /// `longerThanOne`, only keys of two or more scalars count).
    private static func scalarsInKeys(_ tables: OpenCCTables, mask: UInt32, longerThanOne: Bool) -> [Bool] {
        var marks = [Bool](repeating: false, count: tables.alphabetCount + 1)
        let firstDeeper = Int(tables.childStart[1])
        for node in 1..<tables.nodeCount {
            let below = tables.descendantMasks[node] & mask
            let ending = tables.terminalMasks[node] & mask
            let inKey = node < firstDeeper && longerThanOne ? below != 0 : (below | ending) != 0
            if inKey { marks[Int(tables.labels[node])] = true }
        }
        return marks
    }

    /// Appends what the last step's other slots make of `value`, the variants step's
    /// replacement of `key`, scalar by scalar; false (appending nothing) when a key of the last
    /// step's first slot may match over it: some scalar of `value` other than the one `key` has
    /// at the same place occurs in such a key.
    @inline(__always)
    private static func appendComposed(_ value: UnsafeBufferPointer<UInt8>, replacing key: UnsafeBufferPointer<UInt8>,
                                       kernel: OpenCCDictionaryGroup.Kernel, storage: Storage,
                                       into output: inout ByteBuffer) -> Bool {
        guard let valueBase = value.baseAddress, let keyBase = key.baseAddress else { return false }
        var valueScalars = 0, keyScalars = 0
        var position = 0
        while position < value.count {
            position += UTF8Scalar.decode(valueBase, at: position, end: value.count).length
            valueScalars += 1
        }
        position = 0
        while position < key.count {
            position += UTF8Scalar.decode(keyBase, at: position, end: key.count).length
            keyScalars += 1
        }
        let aligned = valueScalars == keyScalars
        position = 0
        var keyPosition = 0
        while position < value.count {
            let (scalar, length) = UTF8Scalar.decode(valueBase, at: position, end: value.count)
            let (keyScalar, keyLength) = aligned ? UTF8Scalar.decode(keyBase, at: keyPosition, end: key.count) : (UTF8Scalar.invalid, 0)
            if !(aligned && scalar == keyScalar), storage.inFirstSlotKey[kernel.code(scalar)] != 0 { return false }
            position += length
            keyPosition += keyLength
        }
        position = 0
        while position < value.count {
            let (scalar, length) = UTF8Scalar.decode(valueBase, at: position, end: value.count)
            let replacement = storage.replacements[kernel.code(scalar)]
            if replacement != 0 {
                let reference = kernel.values[Int(replacement - 1)]
                output.append(kernel.pool + Int(reference >> 8), count: Int(reference & 0xFF))
            } else {
                output.append(valueBase + position, count: length)
            }
            position += length
        }
        return true
    }

    /// The segmentation match at `position` (the scalar there has code `code` and is `length`
    /// bytes long): its byte length (0 when none), its trie node, and whether the variants step
    /// may change one of its scalars.
    @inline(__always)
    private func segmentMatch(_ base: UnsafePointer<UInt8>, at position: Int, end: Int, code: Int,
                              length: Int) -> (length: Int, node: Int, flagged: Bool) {
        let segmenter = segmentation.kernel
        let entry = segmenter.entry(base, at: position, end: end, code: code, length: length)
        if entry == OpenCCDictionaryGroup.Kernel.none { return (0, 0, false) }
        if entry != OpenCCDictionaryGroup.Kernel.walk {
            return (length, Int(segmenter.rootChild[code]), storage.touched[code] != 0)
        }
        let found = segmenter.longestMatch(base, at: position, end: end, code: code,
                                           firstLength: length, flags: UnsafePointer(storage.touched))
        return (found.match.length, found.match.node, found.flagged)
    }

    /// Segments and converts `base[0..<end]`, appending the result to `output`, in one scan:
    /// at each scalar, a segmentation match starts a segment; otherwise the scalar belongs to
    /// a run, converted as the type's discussion says. A variants match in a run is found
    /// before the run's end is known; one that turns out to cross it sends the piece since the
    /// last barrier through the chain.
    func convert(_ base: UnsafePointer<UInt8>, count end: Int, into output: inout ByteBuffer) {
        let kernel = variants.kernel
        let segmentEntries = segmentation.kernel.entries
        let entries = UnsafePointer(storage.runEntries)
        let replacements = UnsafePointer(storage.replacements)
        let composedReferences = UnsafePointer(storage.composedReferences)
        let composedPool = UnsafePointer(storage.composedPool)
        let walkFallbacks = UnsafePointer(storage.walkFallbacks)
        var scratch = ByteBuffer(), spare = ByteBuffer()
        output.reserve(end + end / 8 + 16)
        var position = 0
        /// Input bytes from here up to `position` are still to be copied unchanged.
        var copyFrom = 0
        /// Scalars before this are inside a variants match that maps to itself.
        var unchangedUntil = 0
        // The last cut (a segment's end, or after a barrier): where the input, `output` and
        // `copyFrom` stood.
        var cutPosition = 0, cutOutput = output.count, cutCopyFrom = 0
        /// Copies the input still pending before `position` unchanged.
        func copyPending() {
            if copyFrom < position { output.append(base + copyFrom, count: position - copyFrom) }
        }
        /// Appends a value of the pool at `pool` (`reference`: offset << 8 | length).
        func appendValue(_ reference: UInt32, from pool: UnsafePointer<UInt8>) {
            output.append(pool + Int(reference >> 8), count: Int(reference & 0xFF))
        }
        /// Takes back the output written since the last cut, up to the cut's pending input.
        func returnToCut() {
            output.truncate(to: cutOutput)
            copyFrom = cutCopyFrom
            if copyFrom < cutPosition { output.append(base + copyFrom, count: cutPosition - copyFrom) }
        }
        /// Everything before `stop` is written: the scan goes on from there, with a cut.
        func cut(at stop: Int) {
            position = stop
            copyFrom = stop
            unchangedUntil = stop
            cutPosition = stop
            cutOutput = output.count
            cutCopyFrom = stop
        }
        while position < end {
            let (scalar, length) = UTF8Scalar.decode(base, at: position, end: end)
            let code = kernel.code(scalar)
            if segmentEntries[code] != OpenCCDictionaryGroup.Kernel.none {
                let segment = segmentMatch(base, at: position, end: end, code: code, length: length)
                if segment.length > 0 {
                    if position < unchangedUntil {
                        // A variants match crossed the end of the run: redo the last piece.
                        returnToCut()
                        chain.run(base, from: cutPosition, to: position, scratch: &scratch, spare: &spare, output: &output)
                        copyFrom = position
                    }
                    copyPending()
                    let segmentEnd = position + segment.length
                    if segment.flagged && variants.changes(base, from: position, to: segmentEnd) {
                        chain.run(base, from: position, to: segmentEnd, scratch: &scratch, spare: &spare, output: &output)
                    } else if let reference = last.firstSlotValue(node: segment.node) {
                        appendValue(reference, from: kernel.pool)
                    } else {
                        chain.run(base, from: position, to: segmentEnd, scratch: &scratch, spare: &spare, output: &output)
                    }
                    cut(at: segmentEnd)
                    continue
                }
            }
            var entry = entries[code]
            var kind = (entry >> Self.kindShift) & 7
            if kind == Self.walk, position >= unchangedUntil {
                // No longer key when the next scalar cannot be a key's second one.
                if kernel.entry(base, at: position, end: end, code: code, length: length) != OpenCCDictionaryGroup.Kernel.walk {
                    entry = walkFallbacks[code]
                    kind = (entry >> Self.kindShift) & 7
                }
            }
            var advance = length
            var followed = true
            if kind == Self.replace {
                copyPending()
                appendValue(kernel.values[Int(entry & Self.payloadMask)], from: kernel.pool)
                copyFrom = position + length
            } else if kind != Self.keep {
                if position < unchangedUntil {
                    let replacement = replacements[code]
                    if replacement != 0 {
                        copyPending()
                        appendValue(kernel.values[Int(replacement - 1)], from: kernel.pool)
                        copyFrom = position + length
                    }
                } else if kind == Self.variant {
                    let reference = composedReferences[Int(entry & Self.payloadMask)]
                    if reference == Self.unsafe {
                        followed = false
                    } else {
                        copyPending()
                        appendValue(reference, from: composedPool)
                        copyFrom = position + length
                    }
                } else {
                    let found = variants.match(base, at: position, end: end, code: code, length: length)
                    if !found.changes {
                        unchangedUntil = position + found.length
                        let replacement = replacements[code]
                        if replacement != 0 {
                            copyPending()
                            appendValue(kernel.values[Int(replacement - 1)], from: kernel.pool)
                            copyFrom = position + length
                        }
                    } else if segmentStarts(base, after: position, before: position + found.length, end: end) {
                        followed = false   // the match would cross the end of the run
                    } else {
                        copyPending()
                        copyFrom = position
                        let value = UnsafeBufferPointer(start: kernel.pool + Int(found.value >> 8), count: Int(found.value & 0xFF))
                        if Self.appendComposed(value, replacing: UnsafeBufferPointer(start: base + position, count: found.length),
                                               kernel: kernel, storage: storage, into: &output) {
                            advance = found.length
                            copyFrom = position + found.length
                        } else {
                            followed = false
                        }
                    }
                }
            }
            if !followed {
                // Take back the piece since the last cut and pass it, up to the next barrier or
                // segment, through the chain.
                returnToCut()
                var stop = position
                while stop < end {
                    let (next, nextLength) = UTF8Scalar.decode(base, at: stop, end: end)
                    let nextCode = kernel.code(next)
                    if entries[nextCode] & Self.barrier != 0 { break }
                    if stop > position, segmentEntries[nextCode] != OpenCCDictionaryGroup.Kernel.none,
                       segmentMatch(base, at: stop, end: end, code: nextCode, length: nextLength).length > 0 { break }
                    stop += nextLength
                }
                chain.run(base, from: cutPosition, to: stop, scratch: &scratch, spare: &spare, output: &output)
                cut(at: stop)
                continue
            }
            position += advance
            if entry & Self.barrier != 0 {
                cutPosition = position
                cutOutput = output.count
                cutCopyFrom = copyFrom
            }
        }
        if copyFrom < end { output.append(base + copyFrom, count: end - copyFrom) }
    }

    /// Whether a segmentation match starts at a scalar strictly between `start` (a scalar's
    /// start) and `stop`.
    private func segmentStarts(_ base: UnsafePointer<UInt8>, after start: Int, before stop: Int, end: Int) -> Bool {
        let kernel = segmentation.kernel
        var position = start + UTF8Scalar.decode(base, at: start, end: end).length
        while position < stop {
            let (scalar, length) = UTF8Scalar.decode(base, at: position, end: end)
            let code = kernel.code(scalar)
            if kernel.entries[code] != OpenCCDictionaryGroup.Kernel.none,
               segmentMatch(base, at: position, end: end, code: code, length: length).length > 0 { return true }
            position += length
        }
        return false
    }

    /// Per-code tables, indexed by the trie's scalar codes (code 0: a scalar in no key).
    private final class Storage: @unchecked Sendable {
        /// 1 when the variants step may change the text at a scalar with this code.
        let touched: UnsafeMutablePointer<UInt8>
        /// 1 when the scalar occurs in a key of the last step's first slot.
        let inFirstSlotKey: UnsafeMutablePointer<UInt8>
        /// 0 when the last step's other slots leave a scalar with this code as it is, else 1 +
        /// the index in `values` of its replacement.
        let replacements: UnsafeMutablePointer<UInt32>
        /// What a scalar does in a run (see the kinds).
        let runEntries: UnsafeMutablePointer<UInt32>
        /// For a scalar that starts a longer variants key, its run entry when no longer key
        /// matches.
        let walkFallbacks: UnsafeMutablePointer<UInt32>
        /// Both steps' output for the scalars the variants step replaces: `offset << 8 | length`
        /// into `composedPool`, or ``unsafe``.
        private(set) var composedReferences: UnsafeMutablePointer<UInt32>
        private(set) var composedPool: UnsafeMutablePointer<UInt8>

        init(count: Int) {
            touched = .allocate(capacity: count)
            touched.initialize(repeating: 0, count: count)
            inFirstSlotKey = .allocate(capacity: count)
            inFirstSlotKey.initialize(repeating: 0, count: count)
            replacements = .allocate(capacity: count)
            replacements.initialize(repeating: 0, count: count)
            runEntries = .allocate(capacity: count)
            runEntries.initialize(repeating: OpenCCSegmentShortcut.barrier, count: count)
            walkFallbacks = .allocate(capacity: count)
            walkFallbacks.initialize(repeating: 0, count: count)
            composedReferences = .allocate(capacity: 1)
            composedPool = .allocate(capacity: 1)
        }

        func setComposed(pool: [UInt8], references: [UInt32]) {
            composedReferences.deallocate()
            composedPool.deallocate()
            composedReferences = .allocate(capacity: max(references.count, 1))
            composedReferences.initialize(from: references, count: references.count)
            composedPool = .allocate(capacity: max(pool.count, 1))
            composedPool.initialize(from: pool, count: pool.count)
        }

        deinit {
            touched.deallocate()
            inFirstSlotKey.deallocate()
            replacements.deallocate()
            runEntries.deallocate()
            walkFallbacks.deallocate()
            composedReferences.deallocate()
            composedPool.deallocate()
        }
    }
}
