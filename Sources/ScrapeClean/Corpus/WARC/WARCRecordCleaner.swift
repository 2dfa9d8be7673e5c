/// Cleans the document of one WARC record into one JSON Lines record:
/// `{"url":…,"warc_record_id":…,"date":…,"text":…,"scrapeclean":{…}}` — the WARC-Target-URI,
/// WARC-Record-ID and WARC-Date (null when the record has none), the cleaned text under the
/// text field, and the metadata with edit counts per stage under the meta field, exactly as
/// ``JSONLinesRecordCleaner`` writes it. Records without a text document are skipped
/// (``WARCDocument/select(_:)``); with a minimum Han share, documents whose text before
/// cleaning is mostly not Chinese are skipped too, without being cleaned.
///
/// ```swift
/// let records = WARCRecordCleaner(cleaner: try Cleaner(), minimumHanShare: 0.5)
/// let reader = WARCReader(bytes: wet, file: "part.warc.wet")
/// while let record = try reader.next() {
///     if case let .cleaned(output, _, _, _) = records.process(record) { write(output) }
/// }
/// ```
public struct WARCRecordCleaner: Sendable {
    public let cleaner: Cleaner
    /// The field that receives the cleaned text.
    public let field: String
    /// The field that receives the metadata.
    public let metaField: String
    /// Documents whose ``HanShare`` before cleaning is below this are skipped (nil: none are).
    public let minimumHanShare: Double?
    /// Whether ``Outcome/cleaned(output:result:document:original:)`` carries the input
    /// document as a JSON object (for the rejects file of `--min-chars`).
    public let keepsOriginal: Bool

    public init(cleaner: Cleaner, field: String = "text", metaField: String = "scrapeclean",
                minimumHanShare: Double? = nil, keepsOriginal: Bool = false) {
        self.cleaner = cleaner
        self.field = field
        self.metaField = metaField
        self.minimumHanShare = minimumHanShare
        self.keepsOriginal = keepsOriginal
    }

    /// What happened to one record.
    public enum Outcome: Sendable {
        /// The record's document was cleaned; `output` is its JSON Lines record (no newline).
        /// `original`, when asked for, is the document before cleaning in the same shape.
        case cleaned(output: [UInt8], result: CleanResult, document: WARCDocument, original: [UInt8]?)
        /// The record holds no text document.
        case skippedRecord(WARCDocument.SkipReason)
        /// The document's text is not Chinese enough (`share` below ``minimumHanShare``).
        case belowHanShare(HanShare, document: WARCDocument)
    }

    /// The fields every output record has besides the text and meta fields.
    public static let recordFields: Set<String> = ["url", "warc_record_id", "date"]

    public func process(_ record: WARCRecord) -> Outcome {
        switch WARCDocument.select(record) {
        case let .document(document): process(document)
        case let .skipped(reason): .skippedRecord(reason)
        }
    }

    public func process(_ document: WARCDocument) -> Outcome {
        let decoded = document.decode(encoding: cleaner.options.encoding)
        if let minimumHanShare {
            let share = HanShare(text: decoded.text)
            if share.share < minimumHanShare { return .belowHanShare(share, document: document) }
        }
        let original = keepsOriginal ? line(for: document, text: decoded.text, metadata: nil) : nil
        let result = cleaner.clean(decoded: decoded, site: document.url)
        return .cleaned(output: line(for: document, text: result.text, metadata: result), result: result,
                        document: document, original: original)
    }

    /// `{"url":…,"warc_record_id":…,"date":…,"<field>":text[,"<metaField>":{…}]}`
    private func line(for document: WARCDocument, text: String, metadata result: CleanResult?) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 512)
        func member(_ key: String, _ value: String?) {
            output.append(output.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            JSONStringCoding.encode(key, into: &output)
            output.append(UInt8(ascii: ":"))
            if let value { JSONStringCoding.encode(value, into: &output) } else { output.append(contentsOf: "null".utf8) }
        }
        member("url", document.url)
        member("warc_record_id", document.recordID)
        member("date", document.date)
        member(field, text)
        if let result {
            output.append(UInt8(ascii: ","))
            JSONStringCoding.encode(metaField, into: &output)
            output.append(UInt8(ascii: ":"))
            MetadataJSON.write(result.metadata, editCounts: result.editCountsByStage, into: &output)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}
