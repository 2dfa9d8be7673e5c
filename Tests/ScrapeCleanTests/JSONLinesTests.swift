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
