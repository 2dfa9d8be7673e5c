import Foundation

/// Cleans one JSON Lines record: the text field is cleaned, every other field is copied byte
/// for byte, and the metadata goes under the meta field (DESIGN.md §5).
///
/// ```swift
/// let records = JSONLinesRecordCleaner(cleaner: try Cleaner())
/// let outcome = records.process(Array(#"{"id":7,"text":"今天,开会。"}"#.utf8))
/// // outcome.output == {"id":7,"text":"今天，开会。\n","scrapeclean":{…}}
/// ```
public struct JSONLinesRecordCleaner: Sendable {
    public let cleaner: Cleaner
    /// The field holding the text to clean.
    public let field: String
    /// The field that receives the metadata (added at the end, or replaced where it is).
    public let metaField: String
    /// The field holding the page's URL (or host), passed to the cleaner as the document's site
    /// for per-site line statistics; a record without it is cleaned without a site.
    public let siteField: String?

    public init(cleaner: Cleaner, field: String = "text", metaField: String = "scrapeclean", siteField: String? = nil) {
        self.cleaner = cleaner
        self.field = field
        self.metaField = metaField
        self.siteField = siteField
    }

    /// What happened to one record.
    public enum Outcome: Sendable {
        /// The text field was cleaned.
        case cleaned(output: [UInt8], result: CleanResult)
        /// The line is not a JSON object; it is passed through unchanged.
        case malformed(output: [UInt8], reason: String)
        /// The object has no string field by that name; it is passed through unchanged.
        case withoutField(output: [UInt8])

        /// The bytes to write (without the line terminator).
        public var output: [UInt8] {
            switch self {
            case let .cleaned(output, _), let .malformed(output, _), let .withoutField(output): output
            }
        }
    }

    /// The decoded text of `field` in a JSON Lines record, or nil when the line is not an object
    /// with such a string field.
    public static func fieldText(of line: [UInt8], field: String) -> String? {
        line.withUnsafeBufferPointer { bytes in
            guard let members = try? JSONObjectScanner.members(of: bytes),
                  let range = stringValue(of: field, in: members, bytes: bytes) else { return nil }
            return JSONStringCoding.decode(UnsafeBufferPointer(rebasing: bytes[range.dropFirst().dropLast()]))
        }
    }

    /// The decoded text of `field` and of `siteField` (nil when absent or not a string) in a
    /// JSON Lines record, from one scan; nil when the line is not an object with a string `field`.
    ///
    /// ```swift
    /// let line = Array(#"{"url":"https://news.example.com.cn/a/1.html","text":"正文"}"#.utf8)
    /// JSONLinesRecordCleaner.fieldText(of: line, field: "text", siteField: "url")
    /// // (text: "正文", site: "https://news.example.com.cn/a/1.html")
    /// ```
    public static func fieldText(of line: [UInt8], field: String, siteField: String?) -> (text: String, site: String?)? {
        line.withUnsafeBufferPointer { bytes in
            guard let members = try? JSONObjectScanner.members(of: bytes),
                  let range = stringValue(of: field, in: members, bytes: bytes) else { return nil }
            let text = JSONStringCoding.decode(UnsafeBufferPointer(rebasing: bytes[range.dropFirst().dropLast()]))
            return (text, siteText(of: siteField, in: members, bytes: bytes))
        }
    }

    /// The decoded string value of `siteField`, if the record has one.
    private static func siteText(of siteField: String?, in members: [JSONObjectScanner.Member],
                                 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let siteField, let range = stringValue(of: siteField, in: members, bytes: bytes) else { return nil }
        return JSONStringCoding.decode(UnsafeBufferPointer(rebasing: bytes[range.dropFirst().dropLast()]))
    }

    /// The raw value range (quotes included) of the last member named `field`, if it is a string.
    private static func stringValue(of field: String, in members: [JSONObjectScanner.Member],
                                    bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let member = members.last(where: { $0.key == field }),
              bytes[member.value.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return member.value
    }

    /// Processes one line (without its terminator; a trailing `\r` is ignored).
    public func process(_ line: [UInt8]) -> Outcome {
        var body = line[...]
        if body.last == 0x0D { body = body.dropLast() }
        return body.withUnsafeBufferPointer { bytes in
            let members: [JSONObjectScanner.Member]
            do throws(JSONObjectScanner.SyntaxError) {
                members = try JSONObjectScanner.members(of: bytes)
            } catch {
                return .malformed(output: line, reason: error.description)
            }
            guard let target = Self.stringValue(of: field, in: members, bytes: bytes) else {
                return .withoutField(output: line)
            }
            let text = JSONStringCoding.decode(UnsafeBufferPointer(rebasing: bytes[target.dropFirst().dropLast()]))
            let result = cleaner.clean(text: text, site: Self.siteText(of: siteField, in: members, bytes: bytes))
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 256)
            output.append(UInt8(ascii: "{"))
            var wroteMeta = false
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONStringCoding.encode(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if member.value == target {
                    JSONStringCoding.encode(result.text, into: &output)
                } else if member.key == metaField {
                    output.append(contentsOf: metadataJSON(result))
                    wroteMeta = true
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[member.value]))
                }
            }
            if !wroteMeta {
                if !members.isEmpty { output.append(UInt8(ascii: ",")) }
                JSONStringCoding.encode(metaField, into: &output)
                output.append(UInt8(ascii: ":"))
                output.append(contentsOf: metadataJSON(result))
            }
            output.append(UInt8(ascii: "}"))
            return .cleaned(output: output, result: result)
        }
    }

    /// The metadata object with edit counts per stage, compact, keys sorted (``MetadataJSON``).
    private func metadataJSON(_ result: CleanResult) -> [UInt8] {
        var json: [UInt8] = []
        MetadataJSON.write(result.metadata, editCounts: result.editCountsByStage, into: &json)
        return json
    }
}
