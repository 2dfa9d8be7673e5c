/// The text document a WARC record holds, if it holds one: a WET `conversion` record (the
/// page's text, UTF-8), a `response` whose HTTP payload is plain text (status line and headers
/// stripped), or a plain-text `resource`. Every other record is skipped with a reason.
///
/// The document carries the record's `url`, so that anything counting per site (line
/// statistics per host) can take it from here.
///
/// ```swift
/// switch WARCDocument.select(record) {
/// case let .document(document):
///     let result = cleaner.clean(decoded: document.decode())
///     print(document.url ?? "-", result.text)
/// case let .skipped(reason):
///     print("skipped:", reason)   // skipped: warcinfo
/// }
/// ```
public struct WARCDocument: Sendable, Equatable {
    /// `WARC-Target-URI`: the page's address.
    public var url: String?
    /// `WARC-Record-ID`: `<urn:uuid:…>`.
    public var recordID: String?
    /// `WARC-Date`.
    public var date: String?
    /// The record's type (`conversion`, `response` or `resource`).
    public var recordType: WARCRecord.RecordType
    /// Where the record starts in the (decompressed) input.
    public var offset: Int
    /// The text's bytes, not yet decoded.
    public var body: [UInt8]
    /// The decoder the record names: `UTF-8` for a conversion record (Common Crawl writes WET
    /// text as UTF-8), else from the `charset` of the `Content-Type` (nil when there is none or
    /// ICU does not know it).
    public var charset: String?

    public init(url: String?, recordID: String?, date: String?, recordType: WARCRecord.RecordType,
                offset: Int, body: [UInt8], charset: String?) {
        self.url = url
        self.recordID = recordID
        self.date = date
        self.recordType = recordType
        self.offset = offset
        self.body = body
        self.charset = charset
    }

    /// A name for the document in messages and reports: its url, else its record id, else
    /// its offset.
    public var label: String { url ?? recordID ?? "record at byte \(offset)" }

    /// Why a record holds no document to clean.
    public enum SkipReason: Sendable, Hashable, CustomStringConvertible {
        /// A record type that carries no page text: `warcinfo`, `request`, `metadata`, `revisit`…
        case recordType(String)
        /// A response or resource whose body is not plain text (images, PDF, scripts…).
        case notText(recordType: String, mediaType: String)
        /// An HTML response: markup needs text extraction, which Common Crawl's WET files have
        /// already done (their conversion records are the text of the same pages).
        case html(recordType: String)
        /// A response whose payload is compressed (`Content-Encoding: gzip`, br…).
        case compressed(encoding: String)
        /// A response with a status other than 2xx (redirects, errors).
        case status(Int)
        /// A response record whose body is not an HTTP response.
        case notHTTP

        /// The words the summary counts skipped records under.
        public var description: String {
            switch self {
            case let .recordType(type): type.isEmpty ? "no WARC-Type" : type
            case let .notText(type, _): "\(type) not text"
            case let .html(type): "\(type) HTML"
            case .compressed: "response compressed"
            case .status: "response not 2xx"
            case .notHTTP: "response not HTTP"
            }
        }
    }

    /// What a record is to the cleaner.
    public enum Selection: Sendable, Equatable {
        case document(WARCDocument)
        case skipped(SkipReason)
    }

    /// Takes the document out of `record`, or says why there is none.
    public static func select(_ record: WARCRecord) -> Selection {
        let type = record.type
        func document(_ body: [UInt8], charset: String?) -> Selection {
            .document(WARCDocument(url: record.targetURI, recordID: record.recordID, date: record.date,
                                   recordType: type, offset: record.offset, body: body, charset: charset))
        }
        switch type {
        case .conversion:
            // A WET record: its Content-Type is text/plain; a missing one means the same.
            let declared = record.contentType.map(ContentType.init)
            if let declared, !declared.mediaType.isEmpty, declared.kind != .text {
                return .skipped(declared.kind == .html ? .html(recordType: "conversion")
                                                       : .notText(recordType: "conversion", mediaType: declared.mediaType))
            }
            return document(record.body, charset: declared?.charset.flatMap(ContentType.decoderName(forCharset:)) ?? "UTF-8")
        case .resource:
            let declared = ContentType(record.contentType ?? "")
            switch declared.kind {
            case .text: return document(record.body, charset: declared.charset.flatMap(ContentType.decoderName(forCharset:)))
            case .html: return .skipped(.html(recordType: "resource"))
            case .other: return .skipped(.notText(recordType: "resource", mediaType: declared.mediaType))
            }
        case .response:
            guard let response = HTTPResponse(record.body) else { return .skipped(.notHTTP) }
            guard (200..<300).contains(response.status) else { return .skipped(.status(response.status)) }
            let declared = response.contentType ?? ContentType("")
            switch declared.kind {
            case .html: return .skipped(.html(recordType: "response"))
            case .other: return .skipped(.notText(recordType: "response", mediaType: declared.mediaType))
            case .text: break
            }
            if let encoding = response.contentEncoding { return .skipped(.compressed(encoding: encoding)) }
            return document(response.payload, charset: declared.charset.flatMap(ContentType.decoderName(forCharset:)))
        default:
            return .skipped(.recordType(type.description))
        }
    }

    /// The body decoded: with `encoding` when given (`clean --encoding`); else as UTF-8 when
    /// the record is a conversion record or its bytes are valid UTF-8; else with the declared
    /// ``charset``; else with the charset detection of ``EncodingDetector``. A declared charset
    /// is only a hint for Chinese sites, which often declare one thing and send another, so
    /// valid UTF-8 wins over it.
    public func decode(encoding: String? = nil) -> DecodedText {
        if let encoding, let decoded = try? EncodingDetector.decode(body, encoding: encoding) { return decoded }
        if recordType == .conversion, charset == "UTF-8", let decoded = try? EncodingDetector.decode(body, encoding: "UTF-8") {
            return decoded
        }
        if let charset, charset != "UTF-8", String(validating: body, as: UTF8.self) == nil,
           let decoded = try? EncodingDetector.decode(body, encoding: charset) {
            return decoded
        }
        // Detection reads valid UTF-8 as UTF-8 first.
        return (try? EncodingDetector.decode(body)) ?? DecodedText(
            text: String(decoding: body, as: UTF8.self), encoding: "UTF-8", hadByteOrderMark: false, detected: true,
            invalidSequences: [], invalidCount: 0)
    }
}
