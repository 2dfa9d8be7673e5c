import Foundation

/// A unigram character model with word bonuses for Chinese text, simplified and traditional,
/// compiled from jieba 0.42.1's dictionary by `Scripts/build_frequency_data.py` into
/// `Resources/data/hanfreq.bin`. It also holds every pinyin reading of each Han character
/// (from pypinyin 0.53.0).
///
/// Costs are negative log probabilities in nats: lower means more likely. The model is loaded
/// once per process (``shared``) and is immutable, so it can be used from any thread.
///
/// ```swift
/// let model = HanFrequencyModel.shared
/// model.averageCost(of: Array("中文".unicodeScalars)) < model.averageCost(of: Array("涓枃".unicodeScalars))  // true
/// ```
public final class HanFrequencyModel: Sendable {
    /// The process-wide model, loaded on first use.
    public static let shared: HanFrequencyModel = {
        guard let url = Bundle.module.url(forResource: "hanfreq", withExtension: "bin", subdirectory: "data"),
              let data = try? Data(contentsOf: url),
              let model = HanFrequencyModel(data: [UInt8](data)) else {
            fatalError("ScrapeClean resource data/hanfreq.bin is missing or damaged; rebuild it with Scripts/build_frequency_data.py")
        }
        return model
    }()

    /// Cost of a Han character the dictionary never saw.
    public static let unseenHanCost: Float = 24
    /// A Han character whose cost is at most this is "in common use" (roughly the 5,500 most
    /// frequent characters of each script).
    public static let commonHanCost: Float = 15.5

    /// Extra evidence for `X、Y` when `XY` is a dictionary word (a coordinated pair such as
    /// 市、縣 for 市縣); used where `Y` is text known to be right.
    static let coordinationBonus: Float = 2.5

    /// The coordination evidence for `a、b` (0 unless `ab` is a dictionary word).
    public func coordinationBonus(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Float {
        let pair = wordBonus(a, b)
        return pair > 0 ? pair + Self.coordinationBonus : 0
    }

    private let charBase: UInt32
    private let charCosts: [Float]
    private let wordHashes: [UInt32]
    private let wordBonuses: [UInt8]
    /// `wordBuckets[h >> 16] ..< wordBuckets[(h >> 16) + 1]` is where hash `h` may sit in the
    /// sorted `wordHashes`: a lookup searches a handful of entries instead of the whole table.
    private let wordBuckets: [UInt32]
    /// One bit per value of a hash's low ``filterBits`` bits, set when some word has it: most
    /// lookups are of pairs that are no word, and this answers them from 128 KiB that stay in
    /// the cache, without touching the tables.
    private let wordFilter: [UInt64]
    private static let filterBits = 20
    private let syllables: [PinyinSyllable]
    private let readingIndex: [UInt16]
    private let readingPool: [UInt16]

    init?(data: [UInt8]) {
        var reader = ByteReader(data)
        guard reader.bytes(4) == Array("HFQ2".utf8), reader.u32() == 2 else { return nil }
        charBase = reader.u32()
        let charCount = Int(reader.u32())
        let quantized = reader.bytes(charCount)
        charCosts = quantized.map { $0 == 0 ? HanFrequencyModel.unseenHanCost : Float($0) / 8 * Float(0.693_147_2) }
        let wordCount = Int(reader.u32())
        var hashes = [UInt32](repeating: 0, count: wordCount)
        for index in 0..<wordCount { hashes[index] = reader.u32() }
        wordHashes = hashes
        wordBuckets = Self.buckets(ofSorted: hashes)
        var filter = [UInt64](repeating: 0, count: 1 << (Self.filterBits - 6))
        for hash in hashes {
            let (word, bit) = Self.filterPosition(of: hash)
            filter[word] |= bit
        }
        wordFilter = filter
        wordBonuses = reader.bytes(wordCount)
        let syllableCount = Int(reader.u32())
        var syllables: [PinyinSyllable] = []
        for _ in 0..<syllableCount {
            let length = Int(reader.bytes(1).first ?? 0)
            let text = String(decoding: reader.bytes(length), as: UTF8.self)
            syllables.append(PinyinSyllable(text) ?? PinyinSyllable(base: text, tone: 0))
        }
        self.syllables = syllables
        var index = [UInt16](repeating: 0, count: charCount)
        for position in 0..<charCount { index[position] = reader.u16() }
        readingIndex = index
        let poolCount = Int(reader.u32())
        var pool = [UInt16](repeating: 0, count: poolCount)
        for position in 0..<poolCount { pool[position] = reader.u16() }
        readingPool = pool
        guard !reader.overrun else { return nil }
    }

    /// The cost of one scalar in running Chinese text, in nats.
    @inline(__always)
    public func cost(_ scalar: Unicode.Scalar) -> Float {
        let value = scalar.value
        let offset = value &- charBase
        if offset < UInt32(charCosts.count) { return charCosts[Int(offset)] }
        return Self.nonHanCost(value)
    }

    /// Whether the scalar is a Han character in common use, or ordinary punctuation, a digit,
    /// a letter or a space.
    @inline(__always)
    public func isCommon(_ scalar: Unicode.Scalar) -> Bool {
        cost(scalar) <= Self.commonHanCost
    }

    /// A Han character dearer than this (roughly beyond the 2,500 most frequent) is worth a
    /// second look when hunting for garbled runs.
    public static let suspectHanCost: Float = 10.5

    /// Whether a scalar deserves a second look in Chinese text: a Han character outside the
    /// most frequent ones, kana, bopomofo and CJK compatibility signs (frequent in text read
    /// with the wrong charset), private use, U+FFFD.
    public func isSuspect(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if CharacterClass.isHan(value) { return cost(scalar) > Self.suspectHanCost }
        if value >= 0x3040 && value < 0x3400 { return value != 0x30FB }
        return (value >= 0xE000 && value <= 0xF8FF) || value == 0xFFFD
    }

    /// The extra likelihood (nats, ≥ 0) of `a b` as a dictionary word over two independent characters.
    @inline(__always)
    public func wordBonus(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Float {
        var hash = Self.hashSeed
        Self.mix(a, into: &hash)
        Self.mix(b, into: &hash)
        return lookup(hash)
    }

    /// The extra likelihood (nats, ≥ 0) of `a b c` as a dictionary word.
    @inline(__always)
    public func wordBonus(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> Float {
        var hash = Self.hashSeed
        Self.mix(a, into: &hash)
        Self.mix(b, into: &hash)
        Self.mix(c, into: &hash)
        return lookup(hash)
    }

    /// The total cost of a string: the sum of character costs minus the word bonuses of every
    /// two- and three-character window (a cheap stand-in for segmentation).
    public func totalCost(of scalars: some Collection<Unicode.Scalar>) -> Float {
        let array = Array(scalars)
        var total: Float = 0
        for (index, scalar) in array.enumerated() {
            total += cost(scalar)
            total -= bonusEnding(at: index, in: array)
        }
        return total
    }

    /// ``totalCost(of:)`` with each character's cost capped at `cap`: the cost of text as it
    /// stands, judged against a repair, where one very rare character (a name, 龘) should not
    /// count as evidence of damage on its own.
    public func totalCost(of scalars: [Unicode.Scalar], cappingEachAt cap: Float) -> Float {
        var total: Float = 0
        for index in scalars.indices {
            total += min(cost(scalars[index]), cap)
            total -= bonusEnding(at: index, in: scalars)
        }
        return total
    }

    /// ``totalCost(of:)`` divided by the number of scalars (0 for an empty string).
    public func averageCost(of scalars: some Collection<Unicode.Scalar>) -> Float {
        scalars.isEmpty ? 0 : totalCost(of: scalars) / Float(scalars.count)
    }

    /// The share of Han characters in `scalars` that belong to a dictionary word with a neighbour.
    func wordCoverage(of scalars: [Unicode.Scalar]) -> Float {
        var han = 0
        var covered = 0
        for index in scalars.indices where CharacterClass.isHan(scalars[index]) {
            han += 1
            let left = index > 0 && wordBonus(scalars[index - 1], scalars[index]) > 0
            let right = index + 1 < scalars.count && wordBonus(scalars[index], scalars[index + 1]) > 0
            if left || right { covered += 1 }
        }
        return han == 0 ? 0 : Float(covered) / Float(han)
    }

    /// The word bonus gained by the scalar at `index`, from windows that end there.
    @inline(__always)
    func bonusEnding(at index: Int, in scalars: [Unicode.Scalar]) -> Float {
        guard index >= 1 else { return 0 }
        var bonus = wordBonus(scalars[index - 1], scalars[index])
        if index >= 2 {
            bonus = max(bonus, wordBonus(scalars[index - 2], scalars[index - 1], scalars[index]))
        }
        return bonus
    }

    /// Every pinyin reading the dictionary lists for a Han character (empty if none).
    public func readings(of scalar: Unicode.Scalar) -> [PinyinSyllable] {
        var result: [PinyinSyllable] = []
        forEachReading(of: scalar) { result.append($0); return true }
        return result
    }

    /// Whether `reading` (tone marks, tone number or no tone) is a reading of `scalar`.
    public func isReading(_ reading: PinyinSyllable, of scalar: Unicode.Scalar) -> Bool {
        // Without building the readings array: the shifted-run search asks this for every
        // byte that could complete a character.
        var found = false
        forEachReading(of: scalar) { candidate in
            found = reading.matches(candidate)
            return !found
        }
        return found
    }

    /// Calls `body` with each reading of `scalar` until it returns false.
    private func forEachReading(of scalar: Unicode.Scalar, _ body: (PinyinSyllable) -> Bool) {
        let offset = scalar.value &- charBase
        guard offset < UInt32(readingIndex.count) else { return }
        let start = Int(readingIndex[Int(offset)])
        guard start > 0 else { return }
        var position = start - 1
        while position < readingPool.count, readingPool[position] != 0xFFFF {
            guard body(syllables[Int(readingPool[position])]) else { return }
            position += 1
        }
    }

    @inline(__always)
    private func lookup(_ hash: UInt32) -> Float {
        let (word, bit) = Self.filterPosition(of: hash)
        guard wordFilter[word] & bit != 0 else { return 0 }
        let bucket = Int(hash >> 16)
        var low = Int(wordBuckets[bucket])
        var high = Int(wordBuckets[bucket + 1])
        while low < high {
            let middle = (low + high) >> 1
            if wordHashes[middle] < hash { low = middle + 1 } else { high = middle }
        }
        guard low < Int(wordBuckets[bucket + 1]), wordHashes[low] == hash else { return 0 }
        return Float(wordBonuses[low]) / 16
    }

    /// Whether every word's hash has its bit in the filter (so that the filter never hides a
    /// word); checked by the tests.
    var filterCoversEveryWord: Bool {
        wordHashes.allSatisfy { hash in
            let (word, bit) = Self.filterPosition(of: hash)
            return wordFilter[word] & bit != 0
        }
    }

    /// Where `hash` has its bit in ``wordFilter``: the word's index and the bit's mask.
    @inline(__always)
    private static func filterPosition(of hash: UInt32) -> (word: Int, bit: UInt64) {
        let index = Int(hash & (1 << filterBits - 1))
        return (index >> 6, 1 << UInt64(index & 63))
    }

    /// For each value of the top 16 bits, where the hashes with that prefix start in `sorted`
    /// (65,537 offsets; the last is the count).
    private static func buckets(ofSorted sorted: [UInt32]) -> [UInt32] {
        var buckets = [UInt32](repeating: 0, count: 65_537)
        var position = 0
        for bucket in 0..<65_536 {
            buckets[bucket] = UInt32(position)
            while position < sorted.count, Int(sorted[position] >> 16) == bucket { position += 1 }
        }
        buckets[65_536] = UInt32(sorted.count)
        return buckets
    }

    /// FNV-1a over the little-endian bytes of each scalar, as in the build script: start from
    /// ``hashSeed`` and ``mix(_:into:)`` each scalar in turn.
    static let hashSeed: UInt32 = 0x811C_9DC5

    @inline(__always)
    static func mix(_ scalar: Unicode.Scalar, into hash: inout UInt32) {
        var value = scalar.value
        for _ in 0..<4 {
            hash ^= value & 0xFF
            hash = hash &* 0x0100_0193
            value >>= 8
        }
    }

    /// Costs of characters outside the Han table: ordinary Chinese punctuation is cheap, letters
    /// and digits moderate, pinyin tone letters, symbols and private-use characters dear.
    static func nonHanCost(_ value: UInt32) -> Float {
        switch value {
        case 0xFF0C: 3.5                                   // ，
        case 0x3002: 4.0                                   // 。
        case 0x3001: 5.0                                   // 、
        case 0x201C, 0x201D, 0xFF1A, 0xFF1B: 6.0           // “ ” ： ；
        case 0x300A, 0x300B, 0xFF08, 0xFF09, 0xFF1F, 0xFF01: 7.0  // 《 》 （ ） ？ ！
        case 0x2014, 0x2026, 0x2018, 0x2019, 0x300C, 0x300D, 0x00B7: 8.0
        case 0x3010, 0x3011, 0x300E, 0x300F, 0x3014, 0x3015, 0x3016, 0x3017: 8.0  // 【 】 『 』 〔 〕 〖 〗
        case 0x25CF, 0x25CB, 0x25A0, 0x25A1, 0x25C6, 0x2605: 9.0  // list bullets ● ○ ■ □ ◆ ★
        case 0x2C, 0x2E, 0x3A, 0x3B, 0x21, 0x3F, 0x28, 0x29: 7.0    // , . : ; ! ? ( )
        case 0x20: 6.0
        case 0x30...0x39: 7.0
        case 0x41...0x5A, 0x61...0x7A: 9.0
        case 0x22, 0x27, 0x2D, 0x2F, 0x25: 9.0
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: unseenHanCost
        case 0xE000...0xF8FF, 0xFFFD: 30
        default: 18
        }
    }
}

/// Sequential little-endian reads from a byte array; `overrun` records a truncated file.
private struct ByteReader {
    let data: [UInt8]
    var position = 0
    var overrun = false

    init(_ data: [UInt8]) { self.data = data }

    mutating func bytes(_ count: Int) -> [UInt8] {
        guard count >= 0, position + count <= data.count else {
            overrun = true
            return [UInt8](repeating: 0, count: max(0, count))
        }
        defer { position += count }
        return Array(data[position..<position + count])
    }

    mutating func u32() -> UInt32 {
        let b = bytes(4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }

    mutating func u16() -> UInt16 {
        let b = bytes(2)
        return UInt16(b[0]) | UInt16(b[1]) << 8
    }
}
