/// A document's ``Metadata`` as compact JSON with sorted keys: in reports, and in the records
/// `clean --jsonl` writes, with the edit counts per stage under `edits`.
///
/// The bytes are those `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) gives for
/// ``Metadata/jsonObject`` (with `edits` added), written directly: on short records the
/// encoder's round trip through ``JSONValue`` took a third of `clean --jsonl`'s time.
///
/// ```swift
/// var metadata = Metadata()
/// metadata.title = "标题"
/// metadata.inputLines = 3
/// var json: [UInt8] = []
/// MetadataJSON.write(metadata, editCounts: [.boilerplate: 2], into: &json)
/// String(decoding: json, as: UTF8.self)
/// // {"edits":{"boilerplate":2},"inputLines":3,"title":"标题"}
/// ```
enum MetadataJSON {
    private enum Value {
        case string(String)
        case int(Int)
        case bool(Bool)
        case strings([String])
        case ints([Int])
        case counts([(key: String, count: Int)])
    }

    /// The keys ``write(_:editCounts:into:)`` knows, one per stored property of ``Metadata``
    /// (checked by the tests, so that a new property cannot be left out of the records).
    static let metadataKeys: Set<String> = [
        "title", "author", "date", "source", "editor", "site", "keywords", "truncated",
        "omittedCharacters", "declaredTotal", "shownCharacters", "placeholders", "encoding",
        "invalidBytes", "invalidByteOffsets", "script", "conversion", "unrepairedRuns",
        "inputLines", "outputLines",
    ]

    /// Appends the object for `metadata`, and `editCounts` under `edits` unless nil, to `output`.
    static func write(_ metadata: Metadata, editCounts: [Stage: Int]?, into output: inout [UInt8]) {
        var members: [(key: String, value: Value)] = []
        members.reserveCapacity(metadataKeys.count + 1)
        func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
        func add(_ key: String, _ value: Int?) { if let value { members.append((key, .int(value))) } }
        add("title", metadata.title)
        add("author", metadata.author)
        add("date", metadata.date)
        add("source", metadata.source)
        add("editor", metadata.editor)
        add("site", metadata.site)
        if let keywords = metadata.keywords { members.append(("keywords", .strings(keywords))) }
        if let truncated = metadata.truncated { members.append(("truncated", .bool(truncated))) }
        add("omittedCharacters", metadata.omittedCharacters)
        add("declaredTotal", metadata.declaredTotal)
        add("shownCharacters", metadata.shownCharacters)
        add("placeholders", metadata.placeholders)
        add("encoding", metadata.encoding)
        add("invalidBytes", metadata.invalidBytes)
        if let offsets = metadata.invalidByteOffsets { members.append(("invalidByteOffsets", .ints(offsets))) }
        add("script", metadata.script)
        add("conversion", metadata.conversion)
        add("unrepairedRuns", metadata.unrepairedRuns)
        add("inputLines", metadata.inputLines)
        add("outputLines", metadata.outputLines)
        if let editCounts {
            let counts = editCounts.map { (key: $0.key.rawValue, count: $0.value) }.sorted { $0.key < $1.key }
            members.append(("edits", .counts(counts)))
        }
        members.sort { $0.key < $1.key }

        output.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONStringCoding.encodeAsJSONEncoder(member.key, into: &output)
            output.append(UInt8(ascii: ":"))
            switch member.value {
            case let .string(value): JSONStringCoding.encodeAsJSONEncoder(value, into: &output)
            case let .int(value): output.append(contentsOf: String(value).utf8)
            case let .bool(value): output.append(contentsOf: (value ? "true" : "false").utf8)
            case let .strings(values):
                writeArray(values, into: &output) { JSONStringCoding.encodeAsJSONEncoder($0, into: &$1) }
            case let .ints(values):
                writeArray(values, into: &output) { $1.append(contentsOf: String($0).utf8) }
            case let .counts(counts):
                output.append(UInt8(ascii: "{"))
                for (position, entry) in counts.enumerated() {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    JSONStringCoding.encodeAsJSONEncoder(entry.key, into: &output)
                    output.append(UInt8(ascii: ":"))
                    output.append(contentsOf: String(entry.count).utf8)
                }
                output.append(UInt8(ascii: "}"))
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    private static func writeArray<Element>(_ values: [Element], into output: inout [UInt8],
                                            _ writeElement: (Element, inout [UInt8]) -> Void) {
        output.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeElement(value, &output)
        }
        output.append(UInt8(ascii: "]"))
    }
}
