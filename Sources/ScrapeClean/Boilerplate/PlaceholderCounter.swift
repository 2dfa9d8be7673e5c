/// Counts anonymization placeholders kept in the text: maximal runs of two or more `X` that are
/// not part of a Latin word, and maximal runs of two or more `*`.
///
/// ```swift
/// PlaceholderCounter.count(in: "XX名选派同志中有XX名……为***的发展") // 3
/// PlaceholderCounter.count(in: "Xbox X光") // 0
/// ```
enum PlaceholderCounter {
    static func count(in text: String) -> Int {
        guard mayHavePlaceholder(text) else { return 0 }
        var text = text
        return text.withUTF8 { source in
            var total = 0
            // The run being read: its kind, length and the scalar before it.
            var runKind = Kind.none, runLength = 0, beforeRun: UInt32 = 0x20
            var previous: UInt32 = 0x20
            func closeRun(before after: UInt32) {
                guard runLength >= 2 else { return }
                if runKind == .star
                    || !CharacterClass.isASCIILetter(beforeRun) && !CharacterClass.isASCIILetter(after) {
                    total += 1
                }
            }
            var index = 0
            while index < source.count {
                let (value, length) = ValidUTF8.decode(source, at: index)
                index &+= length
                let kind = Kind(value)
                if kind != .none, kind == runKind {
                    runLength += 1
                } else {
                    closeRun(before: value)
                    runKind = kind
                    runLength = kind == .none ? 0 : 1
                    beforeRun = previous
                }
                previous = value
            }
            closeRun(before: 0x20)
            return total
        }
    }

    /// What a scalar can be part of.
    private enum Kind {
        case none, x, star

        init(_ value: UInt32) {
            switch value {
            case 0x58, 0xFF38: self = .x      // X Ｘ
            case 0x2A, 0xFF0A: self = .star   // * ＊
            default: self = .none
            }
        }
    }

    /// Whether `text` has an `X`, `*`, `Ｘ` or `＊` at all (one byte scan; most lines have none).
    static func mayHavePlaceholder(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            // Eight bytes at a time, with exact byte tests: X, *, or BC (the middle byte of Ｘ
            // and ＊, and of most full-width punctuation) followed by B8 or 8A.
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                while index + 9 <= bytes.count {
                    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let next = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self))
                    let found = Self.bytes(equalTo: 0x58, in: word) | Self.bytes(equalTo: 0x2A, in: word)
                        | Self.bytes(equalTo: 0xBC, in: word)
                        & (Self.bytes(equalTo: 0xB8, in: next) | Self.bytes(equalTo: 0x8A, in: next))
                    if found != 0 { return true }
                    index += 8
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x58 || byte == 0x2A { return true }
                // Ｘ is EF BC B8, ＊ is EF BC 8A.
                if byte == 0xBC, index + 1 < bytes.count, bytes[index + 1] == 0xB8 || bytes[index + 1] == 0x8A { return true }
                index += 1
            }
            return false
        }
    }

    /// The high bit of each of the eight bytes of `word` that equals `byte`, and no other bit
    /// (an exact test: no carry crosses from one byte into the next).
    @inline(__always)
    private static func bytes(equalTo byte: UInt8, in word: UInt64) -> UInt64 {
        let spread = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        return ~((spread & low &+ low) | spread | low)
    }
}
