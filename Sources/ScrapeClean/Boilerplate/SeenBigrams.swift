/// The Han bigrams of a few lines (folded, packed as `first << 32 | second`), each marked once
/// the body shows it: an open-addressing table with linear probing, behind a filter of 4,096
/// bits (one per bucket of the same multiplicative hash) that turns away most body bigrams
/// with one load; a look-up never hashes for a `Set`.
///
/// ```swift
/// var bigrams = SeenBigrams([[0x4E2D_0000_56FD, 0x56FD_0000_4EBA]])   // 中国, 国人
/// bigrams.markSeen(0x4E2D_0000_56FD)
/// bigrams.isSeen(0x4E2D_0000_56FD) // true
/// bigrams.unseenCount              // 1
/// ```
struct SeenBigrams {
    /// The bigrams, 0 marking an empty slot (no bigram is 0: a Han scalar is never 0).
    private var keys: [UInt64]
    private var seen: [Bool]
    /// Bits of the table size (a power of two, at least twice the bigrams).
    private let bits: Int
    /// Bigrams not marked yet.
    private(set) var unseenCount = 0
    /// Bit `b % 64` of word `b / 64`: some bigram's hash starts with the 12 bits `b`.
    private var filter = [UInt64](repeating: 0, count: 64)

    /// The bigrams of `lines` (each line's bigrams, repeats allowed).
    init(_ lines: [[UInt64]]) {
        let total = lines.reduce(0) { $0 + $1.count }
        var bits = 4
        while 1 << bits < 2 * total { bits += 1 }
        self.bits = bits
        keys = [UInt64](repeating: 0, count: 1 << bits)
        seen = [Bool](repeating: false, count: 1 << bits)
        for pairs in lines {
            for pair in pairs { insert(pair) }
        }
    }

    private mutating func insert(_ pair: UInt64) {
        var slot = Self.slot(of: pair, bits: bits)
        while keys[slot] != 0 {
            if keys[slot] == pair { return }
            slot = (slot &+ 1) & (keys.count &- 1)
        }
        keys[slot] = pair
        unseenCount += 1
        let bucket = Self.bucket(of: pair)
        filter[bucket >> 6] |= 1 << UInt64(bucket & 63)
    }

    @inline(__always)
    private static func slot(of pair: UInt64, bits: Int) -> Int {
        Int(truncatingIfNeeded: (pair &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    @inline(__always)
    private static func bucket(of pair: UInt64) -> Int {
        slot(of: pair, bits: 12)
    }

    /// Where `pair` is in the table, or nil.
    @inline(__always)
    private func find(_ pair: UInt64) -> Int? {
        let bucket = Self.bucket(of: pair)
        guard filter[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0 else { return nil }
        var slot = Self.slot(of: pair, bits: bits)
        while true {
            let key = keys[slot]
            if key == pair { return slot }
            if key == 0 { return nil }
            slot = (slot &+ 1) & (keys.count &- 1)
        }
    }

    /// Marks `pair` seen, if it is one of the bigrams.
    @inline(__always)
    mutating func markSeen(_ pair: UInt64) {
        guard let slot = find(pair), !seen[slot] else { return }
        seen[slot] = true
        unseenCount -= 1
    }

    /// Whether `pair` is one of the bigrams and has been marked seen.
    func isSeen(_ pair: UInt64) -> Bool {
        find(pair).map { seen[$0] } ?? false
    }
}
