/// Text decoded from bytes, with how it was read.
public struct DecodedText: Sendable, Equatable {
    /// The decoded text. Always valid Unicode; unmappable bytes became U+FFFD.
    public var text: String
    /// The encoding used, by its usual name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`, `Big5`…
    public var encoding: String
    /// Whether the input began with a byte order mark (which is not part of `text`).
    public var hadByteOrderMark: Bool
    /// Whether the encoding was chosen by detection (false when the caller named it).
    public var detected: Bool
    /// Where the invalid byte sequences were (the first 4096).
    public var invalidSequences: [InvalidByteSequence]
    /// How many invalid byte sequences were replaced with U+FFFD.
    public var invalidCount: Int
}

/// Why bytes could not be decoded.
public enum DecodingError: Error, Equatable, CustomStringConvertible {
    /// The requested encoding is not known to ICU.
    case unknownEncoding(String)

    public var description: String {
        switch self {
        case let .unknownEncoding(name):
            "unknown encoding '\(name)' (try UTF-8, GB18030, GBK, Big5, Big5-HKSCS, UTF-16LE, UTF-16BE)"
        }
    }
}
