/// Removes garbage that no decoding can bring back: `锟斤拷` runs (U+FFFD written as UTF-8 and
/// read as GBK), `烫烫`/`屯屯` debug fill (uninitialised stack and heap bytes 0xCC and 0xCD read as
/// GBK), runs of U+FFFD, and private-use characters left by undecodable bytes.
///
/// `烫` and `屯` are ordinary characters, so only runs of four or more count as fill.
///
/// ```swift
/// GarbageStripper().strip(line: "今天锟斤拷锟斤拷天气").text   // "今天天气"
/// ```
struct GarbageStripper: Sendable {
    struct Removal: Sendable, Equatable {
        var start: Int
        var removed: String
        var rule: String
    }

    static let fillMinimum = 4

    /// Strips `line` in one pass over its UTF-8; the stripped text is built only when something
    /// goes.
    func strip(line: String) -> (text: String, removals: [Removal]) {
        var source = line
        var removals: [Removal] = []
        let text: String? = source.withUTF8 { bytes in
            var cuts: [Range<Int>] = []
            var offset = 0
            var index = 0 // scalars before `offset`
            while offset < bytes.count {
                let (value, length) = ValidUTF8.decode(bytes, at: offset)
                var endOffset = offset, end = index
                /// Extends the run over the scalars `belongs` accepts.
                func extend(_ belongs: (UInt32) -> Bool) {
                    while endOffset < bytes.count {
                        let (next, size) = ValidUTF8.decode(bytes, at: endOffset)
                        guard belongs(next) else { break }
                        endOffset += size
                        end += 1
                    }
                }
                var rule: String?
                if value == 0x951F || value == 0x65A4 || value == 0x62F7 { // 锟 斤 拷
                    extend { $0 == 0x951F || $0 == 0x65A4 || $0 == 0x62F7 }
                    // A 锟斤拷 inside the run (each of the three is three bytes long).
                    var hasTriple = false
                    var position = offset
                    while position + 6 < endOffset {
                        if ValidUTF8.decode(bytes, at: position).value == 0x951F,
                           ValidUTF8.decode(bytes, at: position + 3).value == 0x65A4,
                           ValidUTF8.decode(bytes, at: position + 6).value == 0x62F7 {
                            hasTriple = true
                            break
                        }
                        position += 3
                    }
                    if hasTriple { rule = "mojibake.kunjinkao" } else { end = index }
                } else if value == 0x70EB || value == 0x5C6F { // 烫 屯
                    extend { $0 == 0x70EB || $0 == 0x5C6F }
                    if end - index >= Self.fillMinimum { rule = "mojibake.debug-fill" } else { end = index }
                } else if value == 0xFFFD {
                    extend { $0 == 0xFFFD }
                    rule = "mojibake.replacement-character"
                } else if (0xE000...0xF8FF).contains(value) {
                    extend { (0xE000...0xF8FF).contains($0) }
                    rule = "mojibake.private-use"
                }
                if let rule, end > index {
                    removals.append(Removal(start: index, removed: String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<endOffset]), as: UTF8.self),
                                            rule: rule))
                    cuts.append(offset..<endOffset)
                    offset = endOffset
                    index = end
                } else {
                    offset += length
                    index += 1
                }
            }
            guard !cuts.isEmpty else { return nil }
            // Garbage that ends the line takes the spaces before it along (`降价促销 ` would
            // otherwise keep a trailing space that only a second clean's hygiene takes).
            if let last = cuts.last, last.upperBound == bytes.count {
                var lower = last.lowerBound
                let floor = cuts.count > 1 ? cuts[cuts.count - 2].upperBound : 0
                while lower > floor, bytes[lower - 1] == 0x20 || bytes[lower - 1] == 0x09 { lower -= 1 }
                if lower < last.lowerBound {
                    let spaces = last.lowerBound - lower
                    cuts[cuts.count - 1] = lower..<last.upperBound
                    removals[removals.count - 1].start -= spaces
                    removals[removals.count - 1].removed = String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<last.upperBound]), as: UTF8.self)
                }
            }
            return ValidUTF8.string(bytes, removing: cuts)
        }
        guard let text else { return (line, []) }
        return (text, removals)
    }
}
