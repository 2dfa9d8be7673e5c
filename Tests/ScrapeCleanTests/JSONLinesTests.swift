import Foundation
import Testing
@testable import ScrapeClean

@Suite("JSON Lines records")
struct JSONLinesTests {
    private let records = JSONLinesRecordCleaner(cleaner: try! Cleaner())

    private func process(_ line: String) -> JSONLinesRecordCleaner.Outcome {
        records.process(Array(line.utf8))
    }

    private func object(_ bytes: [UInt8]) throws -> [String: JSONValue] {
        guard case let .object(object) = try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            Issue.record("not an object")
            return [:]
        }
        return object
    }

    @Test("The text field is cleaned; other fields are copied byte for byte, escapes included")
    func fieldsPassThrough() throws {
        let line = #"{"id":7, "url":"http:\/\/a.cn\/\u4e2d?x=1", "text":"今天,开会。", "tags":["\u00e9",1.5e3,null,{"k":[true]}]}"#
        let outcome = process(line)
        guard case let .cleaned(output, result) = outcome else { Issue.record("not cleaned"); return }
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.hasPrefix(#"{"id":7,"url":"http:\/\/a.cn\/\u4e2d?x=1","text":"今天，开会。\n","tags":["\u00e9",1.5e3,null,{"k":[true]}],"scrapeclean":{"#))
        #expect(result.text == "今天，开会。\n")
        let parsed = try object(output)
        guard case let .object(meta)? = parsed["scrapeclean"] else { Issue.record("no metadata"); return }
        #expect(meta["edits"] == .object(["punctuation": .number(1)]))
    }

    @Test("Unicode escapes and non-BMP characters in the text survive the round trip")
    func unicodeRoundTrip() throws {
        let outcome = process(#"{"text":"\ud83d\ude00😀 \u6587\u5b57\u3002 𠀋 \"引\" \\ \t end"}"#)
        guard case let .cleaned(output, result) = outcome else { Issue.record("not cleaned"); return }
        // The layout stage ends the line at the space after 。 (CONVENTIONS.md rule 9b).
        #expect(result.text == "😀😀 文字。\n𠀋 \"引\" \\ \t end\n")
        let parsed = try object(output)
        #expect(parsed["text"] == .string("😀😀 文字。\n𠀋 \"引\" \\ \t end\n"))
    }

    @Test("A lone surrogate escape becomes U+FFFD instead of breaking the record")
    func loneSurrogate() {
        guard case let .cleaned(_, result) = process(#"{"text":"a\ud800b"}"#) else { Issue.record("not cleaned"); return }
        // The mojibake stage then strips the unrecoverable U+FFFD and reports it.
        #expect(result.text == "ab\n")
        #expect(result.edits.contains { $0.rule == "mojibake.replacement-character" && $0.removed == "\u{FFFD}" })
    }

    @Test("Malformed lines pass through unchanged", arguments: [
        "", "not json", "[1,2]", #"{"text":"unterminated}"#, #"{"text":"a"} trailing"#, #"{"a":01}"#,
        #"{"a":"bad \x escape"}"#, "{\"a\":\"raw\u{01}control\"}", String(repeating: "[", count: 100_000),
        #"{"a":[1,]}"#, #"{"a" 1}"#, #"{"a":tru}"#,
    ])
    func malformed(line: String) {
        guard case let .malformed(output, _) = process(line) else { Issue.record("accepted: \(line.prefix(40))"); return }
        #expect(output == Array(line.utf8))
    }

    @Test("A record without a string text field passes through unchanged")
    func withoutField() {
        for line in [#"{"body":"今天,开会"}"#, #"{"text":42}"#, "{}"] {
            guard case let .withoutField(output) = process(line) else { Issue.record("\(line)"); continue }
            #expect(output == Array(line.utf8))
        }
    }

    @Test("Custom field names and an existing meta field replaced in place")
    func customFields() throws {
        let custom = JSONLinesRecordCleaner(cleaner: try Cleaner(), field: "content", metaField: "meta")
        let outcome = custom.process(Array(#"{"meta":{"old":true},"content":"同志们:","text":"保持,原样"}"#.utf8))
        let text = String(decoding: outcome.output, as: UTF8.self)
        #expect(text.hasPrefix(#"{"meta":{"#))
        #expect(text.hasSuffix(#","content":"同志们：\n","text":"保持,原样"}"#))
    }

    /// What `clean --jsonl` wrote before ``MetadataJSON``: the metadata through `JSONEncoder`
    /// and back into ``JSONValue``, `edits` added, encoded again.
    private func encoderMetadataJSON(_ metadata: Metadata, _ counts: [Stage: Int]) throws -> [UInt8] {
        var object = metadata.jsonObject
        object["edits"] = .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, JSONValue.number(Double($0.value))) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(object))
    }

    @Test("Metadata is written byte for byte as JSONEncoder wrote it, hostile strings included")
    func metadataJSONMatchesTheEncoder() throws {
        var all = Metadata()
        var controls = ""
        for value in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(value)!) }
        all.title = "标题\"引号\\反斜/斜杠\u{7F}" + controls + "\u{2028}😀"
        (all.author, all.date, all.source, all.editor, all.site) = ("作者", "2022-10-01", "来源: http://a.cn/b", "责任编辑", "網站")
        all.keywords = ["关键词", "", "a\"b"]
        all.truncated = true
        (all.omittedCharacters, all.declaredTotal, all.shownCharacters, all.placeholders) = (877, 4678, 2464, 0)
        all.encoding = "GB18030"
        all.invalidBytes = 3
        all.invalidByteOffsets = [0, 17, 1 << 40]
        (all.script, all.conversion, all.unrepairedRuns, all.inputLines, all.outputLines) = ("traditional", "tw2s", 2, 120, 80)
        var cases: [(Metadata, [Stage: Int])] = [(Metadata(), [:]), (all, [.boilerplate: 12, .decode: 1, .punctuation: 158])]
        var partial = Metadata()
        partial.truncated = false
        partial.keywords = []
        partial.invalidByteOffsets = []
        cases.append((partial, [.layout: 0]))
        for document in TestSupport.fixtureNames {
            let result = try Cleaner().clean(bytes: TestSupport.fixtureBytes(document))
            cases.append((result.metadata, result.editCountsByStage))
        }
        for (metadata, counts) in cases {
            var written: [UInt8] = []
            MetadataJSON.write(metadata, editCounts: counts, into: &written)
            let expected = try encoderMetadataJSON(metadata, counts)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test("The metadata writer knows every stored property of Metadata")
    func metadataJSONCoversEveryProperty() {
        let properties = Set(Mirror(reflecting: Metadata()).children.compactMap(\.label))
        #expect(properties == MetadataJSON.metadataKeys)
    }

    @Test("The scanner reports members with their raw value ranges")
    func scannerMembers() throws {
        let bytes = Array(#" { "a" : [ 1 , 2 ] , "b\u0041" : "x" } "#.utf8)
        let members = try JSONObjectScanner.members(of: bytes)
        #expect(members.map(\.key) == ["a", "bA"])
        #expect(String(decoding: bytes[members[0].value], as: UTF8.self) == "[ 1 , 2 ]")
    }
}

@Suite("Ordered streaming")
struct OrderedStreamTests {
    @Test("Output order is input order for any number of jobs", arguments: [1, 2, 3, 8])
    func orderKept(jobs: Int) {
        var items = Array(0..<500).makeIterator()
        let collected = Collector()
        OrderedStream<Int, Int>(jobs: jobs, maxInFlight: 16).run(
            next: { items.next() },
            transform: { value in
                // Uneven work so later items often finish first.
                if value % 7 == 0 { usleep(UInt32(200 + (value % 5) * 100)) }
                return value * 2
            },
            emit: { collected.append($0) })
        #expect(collected.values == Array(0..<500).map { $0 * 2 })
    }

    @Test("The windowed parallel map keeps input order")
    func parallelMapOrder() {
        var seen: [Int] = []
        OrderedParallelMap(jobs: 3, window: 7).run(Array(0..<100), transform: { $0 + 1 }) { item, output in
            #expect(output == item + 1)
            seen.append(item)
        }
        #expect(seen == Array(0..<100))
    }
}

final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Int] = []
    func append(_ value: Int) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return storage }
}
