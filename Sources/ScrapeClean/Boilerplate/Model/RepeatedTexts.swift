import Foundation

/// Which texts of a list occur more than once in it (byte for byte), for the line model's
/// `repeated_in_document` feature: each text is hashed once over its UTF-8, eight bytes at a
/// time, and counted in an open-addressing table (texts of equal hash are compared byte for
/// byte), without `String` hashing (it normalizes, which costs more than measuring the line)
/// or a `Dictionary`.
///
/// ```swift
/// RepeatedTexts.flags(["分享到", "正文。", "分享到"])   // [true, false, true]
/// ```
enum RepeatedTexts {
    static func flags(_ texts: [String]) -> [Bool] {
        let keys = texts.map(key)
        // A power of two at least twice the count: probes stay short.
        var capacity = 16
        while capacity < 2 * keys.count { capacity <<= 1 }
        let mask = capacity - 1
        // Each slot: the first text of its kind (index + 1; 0 is empty) and how often it came.
        var firsts = [Int](repeating: 0, count: capacity)
        var counts = [UInt8](repeating: 0, count: capacity)
        func slot(of text: Int) -> Int {
            let key = keys[text]
            var index = Int(truncatingIfNeeded: key >> 17) & mask
            while firsts[index] != 0 {
                let first = firsts[index] - 1
                if keys[first] == key, same(texts[first], texts[text]) { break }
                index = (index + 1) & mask
            }
            return index
        }
        var slotOfText = [Int](repeating: 0, count: texts.count)
        for text in texts.indices {
            let index = slot(of: text)
            if firsts[index] == 0 { firsts[index] = text + 1 }
            if counts[index] < 2 { counts[index] += 1 }
            slotOfText[text] = index
        }
        return slotOfText.map { counts[$0] > 1 }
    }

    /// Whether `a` and `b` are the same bytes.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { first in
            b.utf8.withContiguousStorageIfAvailable { second in
                first.count == 0 || memcmp(first.baseAddress!, second.baseAddress!, first.count) == 0
            }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// A 64-bit hash of the UTF-8 of `text` (its length mixed in, so texts differing only in
    /// trailing zero bytes differ).
    static func key(_ text: String) -> UInt64 {
        func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
            var hash = UInt64(bytes.count) &* multiplier
            var offset = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while offset + 8 <= bytes.count {
                    let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    hash = (hash ^ word) &* multiplier
                    hash ^= hash >> 29
                    offset &+= 8
                }
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift &+= 8
                offset &+= 1
            }
            hash = (hash ^ tail) &* multiplier
            hash ^= hash >> 32
            return hash &* 0xBF58_476D_1CE4_E5B9 ^ (hash >> 31)
        }
        if let key = text.utf8.withContiguousStorageIfAvailable(hash) { return key }
        var text = text
        return text.withUTF8(hash)
    }
}
