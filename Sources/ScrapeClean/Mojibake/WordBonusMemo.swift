/// A small direct-mapped cache in front of ``HanFrequencyModel``'s word bonuses.
///
/// The shifted-GBK search asks for the same few bonuses thousands of times: its hypotheses
/// share their last characters, and each step tries the same handful of characters after them.
/// A model lookup hashes the characters (FNV-1a over 8 or 12 bytes) and searches a bucket of a
/// table too large for the cache; a hit here compares three scalars in a 64 KiB table. The
/// model is immutable, so a cached bonus is always the bonus the model would give.
///
/// ```swift
/// var memo = WordBonusMemo(model: .shared)
/// memo.bonus("中", "文") == HanFrequencyModel.shared.wordBonus("中", "文")  // true
/// ```
struct WordBonusMemo {
    private struct Entry {
        var a: UInt32
        var b: UInt32
        /// ``bigram`` for a two-character word.
        var c: UInt32
        var bonus: Float
    }

    /// Stands for "no third character" (not a Unicode scalar value).
    private static let bigram: UInt32 = .max
    /// log2 of the number of entries.
    private static let indexBits = 12

    let model: HanFrequencyModel
    /// Allocated on the first lookup (most documents never search); entries start with
    /// `a == .max`, a key no lookup has.
    private var entries: [Entry] = []

    init(model: HanFrequencyModel) {
        self.model = model
    }

    /// ``HanFrequencyModel/wordBonus(_:_:)``.
    @inline(__always)
    mutating func bonus(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Float {
        let model = model
        return lookup(a.value, b.value, Self.bigram) { model.wordBonus(a, b) }
    }

    /// ``HanFrequencyModel/wordBonus(_:_:_:)``.
    @inline(__always)
    mutating func bonus(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> Float {
        let model = model
        return lookup(a.value, b.value, c.value) { model.wordBonus(a, b, c) }
    }

    @inline(__always)
    private mutating func lookup(_ a: UInt32, _ b: UInt32, _ c: UInt32, miss: () -> Float) -> Float {
        let hash = (a &* 0x9E37_79B1) ^ (b &* 0x85EB_CA77) ^ (c &* 0xC2B2_AE3D)
        let index = Int(hash >> UInt32(32 - Self.indexBits))
        if entries.isEmpty {
            entries = [Entry](repeating: Entry(a: .max, b: 0, c: 0, bonus: 0), count: 1 << Self.indexBits)
        }
        return entries.withUnsafeMutableBufferPointer { table in
            if table[index].a == a, table[index].b == b, table[index].c == c { return table[index].bonus }
            let bonus = miss()
            table[index] = Entry(a: a, b: b, c: c, bonus: bonus)
            return bonus
        }
    }
}
