/// One record of a WARC file (ISO 28500, WARC/1.0 and WARC/1.1): its header fields, its body
/// (the record block, exactly `Content-Length` bytes) and where it starts in the file.
///
/// Common Crawl's WET files hold one `warcinfo` record and then one `conversion` record per
/// page, whose body is the page's text in UTF-8; WARC files hold `request`, `response` and
/// `metadata` records, a `response` body being the HTTP response (status line, headers, payload).
///
/// ```swift
/// var reader = WARCReader(bytes: wetBytes, file: "part.warc.wet")
/// while let record = try reader.next() {
///     if record.type == .conversion {
///         print(record.targetURI ?? "-", record.body.count)
///     }
/// }
/// ```
public struct WARCRecord: Sendable, Equatable {
    /// The version line without its line break: `WARC/1.0` or `WARC/1.1`.
    public var version: String
    /// Every header field in file order, names as written (folded continuation lines joined
    /// with a space).
    public var fields: [Field]
    /// The record block: exactly `Content-Length` bytes.
    public var body: [UInt8]
    /// Where the record's version line starts, in bytes from the start of the (decompressed)
    /// input.
    public var offset: Int

    /// A header field: `Name: value`.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The value of `WARC-Type`.
    public enum RecordType: Sendable, Equatable, Hashable, CustomStringConvertible {
        case warcinfo, response, resource, request, metadata, revisit, conversion, continuation
        /// A type the standard does not name, as written.
        case other(String)

        public init(_ name: String) {
            switch name.lowercased() {
            case "warcinfo": self = .warcinfo
            case "response": self = .response
            case "resource": self = .resource
            case "request": self = .request
            case "metadata": self = .metadata
            case "revisit": self = .revisit
            case "conversion": self = .conversion
            case "continuation": self = .continuation
            default: self = .other(name)
            }
        }

        /// The name as the standard writes it (`conversion`), or as the file wrote it.
        public var description: String {
            switch self {
            case .warcinfo: "warcinfo"
            case .response: "response"
            case .resource: "resource"
            case .request: "request"
            case .metadata: "metadata"
            case .revisit: "revisit"
            case .conversion: "conversion"
            case .continuation: "continuation"
            case let .other(name): name
            }
        }
    }

    public init(version: String, fields: [Field], body: [UInt8], offset: Int) {
        self.version = version
        self.fields = fields
        self.body = body
        self.offset = offset
    }

    /// The value of the first field named `name` (compared without regard to ASCII case, as
    /// WARC field names are), or nil.
    ///
    ///     record.field("warc-target-uri")   // "http://news.example.cn/a.html"
    public func field(_ name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// `WARC-Type` (`.other("")` when the field is missing).
    public var type: RecordType { RecordType(field("WARC-Type") ?? "") }

    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers put around it.
    public var targetURI: String? {
        guard let value = field("WARC-Target-URI") else { return nil }
        if value.hasPrefix("<"), value.hasSuffix(">"), value.utf8.count >= 2 {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    /// `WARC-Record-ID` as written, angle brackets included: `<urn:uuid:…>`.
    public var recordID: String? { field("WARC-Record-ID") }

    /// `WARC-Date` as written (ISO 8601 UTC, e.g. `2024-02-21T08:14:03Z`).
    public var date: String? { field("WARC-Date") }

    /// `Content-Type` of the record block (`text/plain`, `application/http; msgtype=response`).
    public var contentType: String? { field("Content-Type") }

    /// `Content-Length`: the size of ``body`` (the reader rejects a record without a valid one).
    public var contentLength: Int { body.count }

    /// A name for the record in messages and reports: the target URI, else the record id,
    /// else the byte offset.
    public var label: String { targetURI ?? recordID ?? "record at byte \(offset)" }

    static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { x, y in asciiLower(x) == asciiLower(y) }
    }

    @inline(__always)
    static func asciiLower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
