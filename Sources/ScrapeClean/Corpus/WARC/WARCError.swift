/// Why a WARC file could not be read on. Every case names the file and the byte offset (in
/// the decompressed input) where the damaged record starts, and says what was found there.
///
/// ```swift
/// do { while let record = try reader.next() { … } }
/// catch { print(error) }
/// // part.warc.wet: WARC record at byte 10240: the 2310-byte body is followed by "第二段" instead
/// // of CRLF CRLF (the Content-Length is wrong or the record is damaged)
/// ```
public enum WARCError: Error, Equatable, CustomStringConvertible {
    /// A record does not start with `WARC/1.0` or `WARC/1.1`.
    case missingVersionLine(file: String, offset: Int, found: String)
    /// A header line is neither `Name: value` nor a continuation line.
    case badHeader(file: String, offset: Int, line: String)
    /// The header block ended without a `Content-Length` field.
    case missingContentLength(file: String, offset: Int)
    /// `Content-Length` is not a non-negative decimal number.
    case invalidContentLength(file: String, offset: Int, value: String)
    /// The header block is longer than the reader accepts (no empty line ends it).
    case headerTooLong(file: String, offset: Int, limit: Int)
    /// `Content-Length` is larger than the reader's limit for one record.
    case recordTooLarge(file: String, offset: Int, length: Int, limit: Int)
    /// The input ends inside the header block.
    case truncatedHeader(file: String, offset: Int)
    /// The input ends before `Content-Length` bytes of body.
    case truncatedBody(file: String, offset: Int, length: Int, available: Int)
    /// The body is not followed by CRLF CRLF: the `Content-Length` is wrong.
    case missingRecordEnd(file: String, offset: Int, length: Int, found: String)
    /// The byte source failed (a read error, or truncated or corrupt compressed data).
    case unreadable(file: String, offset: Int)

    /// The file named in the error.
    public var file: String {
        switch self {
        case let .missingVersionLine(file, _, _), let .badHeader(file, _, _), let .missingContentLength(file, _),
             let .invalidContentLength(file, _, _), let .headerTooLong(file, _, _), let .recordTooLarge(file, _, _, _),
             let .truncatedHeader(file, _), let .truncatedBody(file, _, _, _), let .missingRecordEnd(file, _, _, _),
             let .unreadable(file, _):
            file
        }
    }

    /// The byte offset of the record the error is about.
    public var offset: Int {
        switch self {
        case let .missingVersionLine(_, offset, _), let .badHeader(_, offset, _), let .missingContentLength(_, offset),
             let .invalidContentLength(_, offset, _), let .headerTooLong(_, offset, _), let .recordTooLarge(_, offset, _, _),
             let .truncatedHeader(_, offset), let .truncatedBody(_, offset, _, _), let .missingRecordEnd(_, offset, _, _),
             let .unreadable(_, offset):
            offset
        }
    }

    public var description: String { "\(file): \(problem)" }

    /// The message without the file name: `WARC record at byte 10240: …`.
    public var problem: String {
        let at = "WARC record at byte \(offset)"
        switch self {
        case let .missingVersionLine(_, _, found):
            return "\(at): expected a version line WARC/1.0 or WARC/1.1, found \(found)"
        case let .badHeader(_, _, line):
            return "\(at): bad header line \(line) (expected Name: value)"
        case .missingContentLength:
            return "\(at): the header has no Content-Length"
        case let .invalidContentLength(_, _, value):
            return "\(at): invalid Content-Length \(value) (expected a number of bytes)"
        case let .headerTooLong(_, _, limit):
            return "\(at): no empty line ends the header within \(limit) bytes"
        case let .recordTooLarge(_, _, length, limit):
            return "\(at): Content-Length \(length) is larger than the limit of \(limit) bytes for one record"
        case .truncatedHeader:
            return "\(at): truncated: the input ends inside the record's header"
        case let .truncatedBody(_, _, length, available):
            return "\(at): truncated: Content-Length is \(length) but the input ends after \(available) bytes of body"
        case let .missingRecordEnd(_, _, length, found):
            return "\(at): the \(length)-byte body is followed by \(found) instead of CRLF CRLF (the Content-Length is wrong or the record is damaged)"
        case .unreadable:
            return "\(at): the input cannot be read on"
        }
    }

    /// Up to `limit` bytes shown in a message: quoted, with line breaks and other control
    /// bytes escaped (`"\r\nWARC/1"`), or `the end of the input` when there are none.
    static func quote(_ bytes: some Collection<UInt8>, limit: Int = 24) -> String {
        if bytes.isEmpty { return "the end of the input" }
        var shown = Array(bytes.prefix(limit))
        // Do not cut a UTF-8 sequence in two.
        if shown.count < bytes.count {
            var lead = shown.count - 1
            while lead > 0, shown[lead] & 0xC0 == 0x80, shown.count - lead < 4 { lead -= 1 }
            if shown[lead] >= 0xC0 {
                let length = shown[lead] >= 0xF0 ? 4 : shown[lead] >= 0xE0 ? 3 : 2
                if shown.count - lead < length { shown.removeSubrange(lead...) }
            }
        }
        var text = ""
        for scalar in String(decoding: shown, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\r": text += "\\r"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\x" + (hex.count == 1 ? "0" : "") + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + text + "\"" + (shown.count < bytes.count ? "…" : "")
    }
}
