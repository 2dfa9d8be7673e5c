/// An HTTP response as a WARC `response` record stores it: the status line, the header fields,
/// an empty line, then the payload (de-chunked here when the header says
/// `Transfer-Encoding: chunked`).
///
/// ```swift
/// let response = HTTPResponse(Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=gbk\r\n\r\n…".utf8))
/// response?.status                  // 200
/// response?.contentType?.charset    // "gbk"
/// ```
public struct HTTPResponse: Sendable, Equatable {
    /// The status code: 200, 404…
    public var status: Int
    /// The header fields in order.
    public var fields: [WARCRecord.Field]
    /// The payload, without chunk framing.
    public var payload: [UInt8]

    /// Parses `message`; nil when it does not start with an HTTP status line or no empty line
    /// ends its header (a response cut inside its header has no payload to clean).
    public init?(_ message: [UInt8]) {
        guard message.starts(with: Array("HTTP/".utf8)) else { return nil }
        var fields: [WARCRecord.Field] = []
        var position = 0
        var status: Int?
        while true {
            guard let lineFeed = message[position...].firstIndex(of: 0x0A) else { return nil }
            var line = message[position..<lineFeed]
            if line.last == 0x0D { line = line.dropLast() }
            position = lineFeed + 1
            if status == nil {
                // HTTP/1.1 200 OK
                let words = line.split(separator: 0x20, maxSplits: 2)
                guard words.count >= 2, let code = Int(String(decoding: words[1], as: UTF8.self)) else { return nil }
                status = code
                continue
            }
            if line.isEmpty { break }
            if line.first == 0x20 || line.first == 0x09, !fields.isEmpty {
                fields[fields.count - 1].value += " " + Self.text(line)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            fields.append(WARCRecord.Field(name: Self.text(line[..<colon]), value: Self.text(line[(colon + 1)...])))
        }
        self.status = status!
        self.fields = fields
        let body = message[position...]
        let chunked = fields.first { WARCRecord.sameName($0.name, "Transfer-Encoding") }?.value.lowercased().contains("chunked") ?? false
        payload = chunked ? Self.dechunked(body) ?? Array(body) : Array(body)
    }

    /// The value of the first field named `name` (ASCII case ignored).
    public func field(_ name: String) -> String? {
        fields.first { WARCRecord.sameName($0.name, name) }?.value
    }

    public var contentType: ContentType? { field("Content-Type").map(ContentType.init) }

    /// `Content-Encoding` when it is not `identity`: the payload is compressed (gzip, br…).
    public var contentEncoding: String? {
        guard let value = field("Content-Encoding")?.lowercased(), !value.isEmpty, value != "identity" else { return nil }
        return value
    }

    /// The payload of a chunked body (`size CRLF data CRLF … 0 CRLF CRLF`), or nil when the
    /// framing is broken (then the body is taken as it is: a crawler may have de-chunked it
    /// already and left the header).
    static func dechunked(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        var payload: [UInt8] = []
        var position = body.startIndex
        while true {
            guard let lineFeed = body[position...].firstIndex(of: 0x0A) else { return nil }
            var sizeEnd = body[position..<lineFeed].firstIndex(of: UInt8(ascii: ";")) ?? lineFeed
            while sizeEnd > position, body[sizeEnd - 1] == 0x0D || body[sizeEnd - 1] == 0x20 { sizeEnd -= 1 }
            let digits = body[position..<sizeEnd]
            guard !digits.isEmpty, digits.count <= 15, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16), size >= 0 else { return nil }
            position = lineFeed + 1
            if size == 0 { return payload }
            guard body.endIndex - position >= size else { return nil }
            payload.append(contentsOf: body[position..<(position + size)])
            position += size
            if body[position...].starts(with: [0x0D, 0x0A]) { position += 2 } else if body[position...].first == 0x0A { position += 1 }
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
