import CICU

/// A regular expression compiled by the system ICU, matched on UTF-16 text without going
/// through `NSString`: the rule engine matches thousands of short lines, and bridging each one
/// to Foundation's regex cost more than the matching.
///
/// It behaves as `NSRegularExpression` with no options over the whole of the text it is given
/// (`^` and `$` anchor at the ends of that text, look-around does not see past them). Safe to
/// use from several threads at once: each search borrows a matcher from a pool.
///
/// ```swift
/// let regex = try ICURegex(pattern: "来源[:：](?<source>.+)$")
/// let text = Array("来源:新华网".utf16)
/// let match = text.withUnsafeBufferPointer { regex.matches(in: $0, limit: 1) }.first
/// match?.range                                      // 0..<6
/// match?.groups[regex.groupNumber(named: "source")!] // 3..<6
/// ```
final class ICURegex: Sendable {
    // Only used through cicu_regex_*, which lock what they share.
    private nonisolated(unsafe) let pointer: OpaquePointer
    /// The number of capture groups.
    let groupCount: Int

    /// A match: its range and each group's (index 0 is the whole match; nil for a group that
    /// did not take part), in UTF-16 offsets.
    struct Match {
        var groups: [Range<Int>?]
        var range: Range<Int> { groups[0]! }
    }

    /// Why ICU rejected a pattern: ICU's error name, such as `U_REGEX_MISMATCHED_PAREN`.
    struct CompileError: Error {
        let reason: String
    }

    /// Compiles `pattern`.
    /// - Throws: ``CompileError`` when ICU rejects the pattern.
    init(pattern: String) throws(CompileError) {
        var error = [CChar](repeating: 0, count: 64)
        let units = Array(pattern.utf16)
        guard let pointer = units.withUnsafeBufferPointer({
            cicu_regex_open($0.baseAddress, Int32($0.count), &error, Int32(error.count))
        }) else {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw CompileError(reason: reason)
        }
        self.pointer = pointer
        self.groupCount = Int(cicu_regex_group_count(pointer))
    }

    deinit {
        cicu_regex_close(pointer)
    }

    /// The number of the capture group named `name`, or nil when the pattern has none.
    func groupNumber(named name: String) -> Int? {
        let units = Array(name.utf16)
        let number = units.withUnsafeBufferPointer { cicu_regex_group_number(pointer, $0.baseAddress, Int32($0.count)) }
        return number < 0 ? nil : Int(number)
    }

    /// The successive matches in `text`, at most `limit` of them, as ICU's findNext finds them
    /// one after the other.
    func matches(in text: UnsafeBufferPointer<UInt16>, limit: Int) -> [Match] {
        let stride = 2 * (groupCount + 1)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: limit * stride) { ranges in
            let found = Int(cicu_regex_find(pointer, text.baseAddress, Int32(text.count), Int32(limit), ranges.baseAddress!))
            return (0..<found).map { index in
                Match(groups: (0...groupCount).map { group -> Range<Int>? in
                    let start = Int(ranges[index * stride + 2 * group]), end = Int(ranges[index * stride + 2 * group + 1])
                    return start < 0 ? nil : start..<end
                })
            }
        }
    }

    /// Every successive match in `text`.
    func allMatches(in text: UnsafeBufferPointer<UInt16>) -> [Match] {
        var limit = 16
        while true {
            let matches = matches(in: text, limit: limit)
            // A full buffer may have cut the search short: search again with room for more.
            guard matches.count == limit else { return matches }
            limit *= 4
        }
    }
}
