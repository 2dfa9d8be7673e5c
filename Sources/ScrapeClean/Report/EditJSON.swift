/// An ``Edit`` as compact JSON with sorted keys, the bytes `JSONEncoder` (`.sortedKeys`,
/// `.withoutEscapingSlashes`) gives for it, written directly: a report holds every edit of a
/// corpus, and encoding each through `JSONEncoder` nearly doubled the time of `clean --report`.
///
/// ```swift
/// var json: [UInt8] = []
/// EditJSON.write(Edit(stage: .punctuation, rule: "punctuation.full-width-mark", line: 2,
///                     column: 4, removed: ":", replacement: "："), into: &json)
/// String(decoding: json, as: UTF8.self)
/// // {"column":4,"count":1,"line":2,"removed":":","replacement":"：","rule":"punctuation.full-width-mark","stage":"punctuation"}
/// ```
enum EditJSON {
    /// The keys an edit may have, in the order written (sorted); checked against the stored
    /// properties of ``Edit`` by the tests.
    static let keys = ["column", "count", "line", "note", "removed", "replacement", "rule", "stage"]

    /// Appends `edit` to `output`.
    static func write(_ edit: Edit, into output: inout [UInt8]) {
        output.append(contentsOf: #"{"#.utf8)
        if let column = edit.column {
            output.append(contentsOf: #""column":"#.utf8)
            output.append(contentsOf: String(column).utf8)
            output.append(UInt8(ascii: ","))
        }
        output.append(contentsOf: #""count":"#.utf8)
        output.append(contentsOf: String(edit.count).utf8)
        output.append(contentsOf: #","line":"#.utf8)
        output.append(contentsOf: String(edit.line).utf8)
        if let note = edit.note {
            output.append(contentsOf: #","note":"#.utf8)
            JSONStringCoding.encodeAsJSONEncoder(note, into: &output)
        }
        output.append(contentsOf: #","removed":"#.utf8)
        JSONStringCoding.encodeAsJSONEncoder(edit.removed, into: &output)
        output.append(contentsOf: #","replacement":"#.utf8)
        JSONStringCoding.encodeAsJSONEncoder(edit.replacement, into: &output)
        output.append(contentsOf: #","rule":"#.utf8)
        JSONStringCoding.encodeAsJSONEncoder(edit.rule, into: &output)
        output.append(contentsOf: #","stage":"#.utf8)
        JSONStringCoding.encodeAsJSONEncoder(edit.stage.rawValue, into: &output)
        output.append(UInt8(ascii: "}"))
    }
}
