/// Sets aside documents that cleaning left with too little body (`clean --min-chars N`): fewer
/// than ``minimumHan`` Han characters. A corpus builder keeps such documents out of the output
/// but not out of sight: each one becomes a record of the rejects file with the reason and what
/// is needed to get it back (``rejectRecord(_:source:original:)``).
///
/// ```swift
/// let filter = MinimumBodyFilter(minimumHan: 50)
/// let result = try Cleaner().clean(text: "首页 > 新闻\n登录 注册\n")
/// filter.rejection(of: result)   // Rejection(han: 0, minimum: 50)
/// ```
public struct MinimumBodyFilter: Sendable, Equatable {
    /// Documents with fewer Han characters than this after cleaning are rejected.
    public let minimumHan: Int

    public init(minimumHan: Int) {
        self.minimumHan = minimumHan
    }

    /// Why a document was set aside.
    public struct Rejection: Sendable, Equatable {
        /// Han characters left after cleaning.
        public let han: Int
        /// The filter's minimum.
        public let minimum: Int
        /// The reason as written in the rejects file.
        public var reason: String { "min-chars" }

        public init(han: Int, minimum: Int) {
            self.han = han
            self.minimum = minimum
        }
    }

    /// The rejection of a cleaned document, or `nil` when it keeps enough body.
    public func rejection(of result: CleanResult) -> Rejection? {
        let han = Self.hanCount(of: result.text)
        return han < minimumHan ? Rejection(han: han, minimum: minimumHan) : nil
    }

    /// Han characters (CJK unified and compatibility ideographs) in `text`.
    public static func hanCount(of text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars where CharacterClass.isHan(scalar) { count += 1 }
        return count
    }

    /// What a rejected document was, for its record in the rejects file.
    public enum Original: Sendable, Equatable {
        /// A file left as it is on disk (not written to the output, not rewritten in place).
        case file
        /// Text that exists nowhere else (standard input): kept whole in the record.
        case text(String)
        /// A JSON Lines record, kept byte for byte (it is a JSON object).
        case record([UInt8])
    }

    /// One JSON Lines record (without the newline) for the rejects file:
    /// `{"source":"part-0.jsonl:12","reason":"min-chars","han":3,"min":50,"record":{…}}`, with
    /// `"text"` instead of `"record"` for standard input and neither for a file.
    public func rejectRecord(_ rejection: Rejection, source: String, original: Original) -> [UInt8] {
        var output: [UInt8] = Array(#"{"source":"#.utf8)
        JSONStringCoding.encode(source, into: &output)
        output += Array(#","reason":"#.utf8)
        JSONStringCoding.encode(rejection.reason, into: &output)
        output += Array(#","han":\#(rejection.han),"min":\#(rejection.minimum)"#.utf8)
        switch original {
        case .file:
            break
        case let .text(text):
            output += Array(#","text":"#.utf8)
            JSONStringCoding.encode(text, into: &output)
        case let .record(bytes):
            output += Array(#","record":"#.utf8)
            var record = bytes[...]
            if record.last == 0x0D { record = record.dropLast() }
            output += record
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}
