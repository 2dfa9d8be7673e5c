import Foundation
import Testing
@testable import ScrapeClean

/// WET and WARC records written by hand in the real format (CRLF headers, WARC-Target-URI,
/// `<urn:uuid:…>` record ids, Content-Length in UTF-8 bytes), with Chinese bodies from the web
/// samples.
enum WARCSamples {
    static func sample(_ name: String) -> String {
        (try? String(contentsOfFile: "/work/shared/samples/web/\(name).txt", encoding: .utf8)) ?? ""
    }

    static func record(_ type: String, uri: String? = nil, id: String, contentType: String?, body: [UInt8],
                       length: Int? = nil, lineEnd: String = "\r\n") -> [UInt8] {
        var head = "WARC/1.0\(lineEnd)WARC-Type: \(type)\(lineEnd)"
        if let uri { head += "WARC-Target-URI: \(uri)\(lineEnd)" }
        head += "WARC-Date: 2024-02-21T08:14:03Z\(lineEnd)WARC-Record-ID: <urn:uuid:\(id)>\(lineEnd)"
        if let contentType { head += "Content-Type: \(contentType)\(lineEnd)" }
        head += "Content-Length: \(length ?? body.count)\(lineEnd)\(lineEnd)"
        return Array(head.utf8) + body + Array("\(lineEnd)\(lineEnd)".utf8)
    }

    static let warcinfo = record("warcinfo", id: "00000000-0000-4000-8000-000000000000",
                                 contentType: "application/warc-fields",
                                 body: Array("software: hand\r\nformat: WARC File Format 1.0\r\n".utf8))

    static let pages = ["c4zh_06_sncda.com", "cwt_02_shantaoli.com", "c4zh_01_ultratrailms.com"]

    static func conversion(_ index: Int, text: String, length: Int? = nil) -> [UInt8] {
        record("conversion", uri: "http://www.example\(index).cn/news/\(index).html",
               id: "11111111-2222-4333-8444-55555555555\(index)", contentType: "text/plain",
               body: Array(text.utf8), length: length)
    }

    /// warcinfo, then one conversion record per page.
    static func wet(_ names: [String] = pages) -> [UInt8] {
        var bytes = warcinfo
        for (index, name) in names.enumerated() { bytes += conversion(index, text: sample(name)) }
        return bytes
    }

    /// A GBK page behind an HTTP header, as a WARC response record.
    static func gbkResponse(chunked: Bool = false) -> (record: [UInt8], text: String) {
        let text = "今天上午，县委召开全体会议，研究部署下一阶段的重点工作。\n会议要求各部门认真落实责任，确保各项任务按期完成。\n"
        guard case let .bytes(gbk) = ICU.encode(text, charset: "GBK") else { fatalError("GBK") }
        var payload = gbk
        var header = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain; charset=gbk\r\n"
        if chunked {
            header += "Transfer-Encoding: chunked\r\n"
            let half = gbk.count / 2
            let crlf: [UInt8] = [13, 10]
            payload = Array(String(half, radix: 16).utf8)
            payload += crlf
            payload += gbk[..<half]
            payload += crlf
            payload += Array(String(gbk.count - half, radix: 16).utf8)
            payload += crlf
            payload += gbk[half...]
            payload += Array("\r\n0\r\n\r\n".utf8)
        }
        let body = Array((header + "\r\n").utf8) + payload
        return (record("response", uri: "http://www.county.gov.cn/notice.html", id: "99999999-0000-4000-8000-000000000001",
                       contentType: "application/http; msgtype=response", body: body), text)
    }
}

@Suite("WARC reader")
struct WARCReaderTests {
    private func records(_ bytes: [UInt8], blockSize: Int? = nil) throws(WARCError) -> [WARCRecord] {
        let reader: WARCReader
        if let blockSize {
            var offset = 0
            reader = WARCReader(file: "t.warc.wet", blockSize: blockSize) { destination in
                let count = min(destination.count, bytes.count - offset, 7)
                if count > 0 { bytes.withUnsafeBytes { destination.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) } }
                offset += count
                return count
            }
        } else {
            reader = WARCReader(bytes: bytes, file: "t.warc.wet")
        }
        var all: [WARCRecord] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    private func error(_ bytes: [UInt8]) -> (records: [WARCRecord], error: WARCError?) {
        let reader = WARCReader(bytes: bytes, file: "t.warc.wet")
        var all: [WARCRecord] = []
        do {
            while let record = try reader.next() { all.append(record) }
            return (all, nil)
        } catch {
            return (all, error)
        }
    }

    @Test func readsTheWarcinfoAndEveryConversionRecordWithItsFieldsBodyAndOffset() throws {
        let bytes = WARCSamples.wet()
        let all = try records(bytes)
        #expect(all.map(\.type) == [.warcinfo, .conversion, .conversion, .conversion])
        #expect(all[0].offset == 0)
        #expect(all[1].offset == WARCSamples.warcinfo.count)
        for (index, name) in WARCSamples.pages.enumerated() {
            let record = all[index + 1]
            #expect(record.targetURI == "http://www.example\(index).cn/news/\(index).html")
            #expect(record.recordID == "<urn:uuid:11111111-2222-4333-8444-55555555555\(index)>")
            #expect(record.date == "2024-02-21T08:14:03Z")
            #expect(record.contentType == "text/plain")
            #expect(String(decoding: record.body, as: UTF8.self) == WARCSamples.sample(name))
            #expect(record.contentLength == WARCSamples.sample(name).utf8.count)
            #expect(Array(bytes[record.offset..<(record.offset + 8)]) == Array("WARC/1.0".utf8))
        }
    }

    @Test func readingSevenBytesAtATimeGivesTheSameRecords() throws {
        let bytes = WARCSamples.wet()
        #expect(try records(bytes, blockSize: 16) == records(bytes))
    }

    @Test func toleratesBareLineFeedsAndFoldedHeaderLines() throws {
        let body = Array("第一段。\n第二段。\n".utf8)
        var bytes = WARCSamples.record("conversion", uri: "http://a.cn/1", id: "a", contentType: "text/plain", body: body, lineEnd: "\n")
        bytes += Array("WARC/1.1\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://b.cn/\r\n  long/path\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
            + body + Array("\r\n\r\n".utf8)
        let all = try records(bytes)
        #expect(all.count == 2)
        #expect(all[0].body == body)
        #expect(all[1].version == "WARC/1.1")
        #expect(all[1].targetURI == "http://b.cn/ long/path")
    }

    @Test func aWrongContentLengthNamesTheRecordsOffsetAndWhatFollowsTheBody() {
        let text = WARCSamples.sample("cwt_02_shantaoli.com")
        var bytes = WARCSamples.wet(["c4zh_06_sncda.com"])
        let damagedOffset = bytes.count
        bytes += WARCSamples.conversion(5, text: text, length: text.utf8.count - 9)
        bytes += WARCSamples.conversion(6, text: "后面的记录。")
        let (read, error) = error(bytes)
        #expect(read.count == 2) // warcinfo and the record before the damage
        guard case let .missingRecordEnd(file, offset, length, _)? = error else {
            Issue.record("expected missingRecordEnd, got \(String(describing: error))")
            return
        }
        #expect(file == "t.warc.wet")
        #expect(offset == damagedOffset)
        #expect(length == text.utf8.count - 9)
        #expect(error!.description.hasPrefix("t.warc.wet: WARC record at byte \(damagedOffset): the \(length)-byte body is followed by \""))
    }

    @Test func aTruncatedFileIsReportedAtTheLastRecordAfterTheWholeOnes() {
        let bytes = WARCSamples.wet()
        let last = try! records(bytes).last!.offset
        let (read, error) = error(Array(bytes.dropLast(500)))
        #expect(read.count == 3)
        guard case let .truncatedBody(_, offset, length, available)? = error else {
            Issue.record("expected truncatedBody, got \(String(describing: error))")
            return
        }
        #expect(offset == last)
        #expect(available == length - 496)
        #expect(error!.description.contains("truncated: Content-Length is \(length)"))
    }

    @Test func inputThatIsNotWARCIsAMissingVersionLineAtByteZero() {
        let (read, error) = error(Array("今天开会。\n".utf8))
        #expect(read.isEmpty)
        guard case .missingVersionLine(_, 0, _)? = error else {
            Issue.record("expected missingVersionLine, got \(String(describing: error))")
            return
        }
        #expect(error!.description.contains("expected a version line WARC/1.0 or WARC/1.1"))
    }

    @Test func aMissingOrNonNumericContentLengthIsAnError() {
        let missing = Array("WARC/1.0\r\nWARC-Type: conversion\r\n\r\nabc\r\n\r\n".utf8)
        #expect(error(missing).error == .missingContentLength(file: "t.warc.wet", offset: 0))
        let bad = Array("WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 12a\r\n\r\nabc\r\n\r\n".utf8)
        guard case .invalidContentLength(_, 0, let value)? = error(bad).error else {
            Issue.record("expected invalidContentLength")
            return
        }
        #expect(value == "\"12a\"")
    }

    @Test func aRecordAboveTheSizeLimitIsRejectedWithoutReadingIt() {
        let bytes = Array("WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 9000000000\r\n\r\n".utf8)
        let reader = WARCReader(bytes: bytes, file: "big.warc")
        #expect(throws: WARCError.recordTooLarge(file: "big.warc", offset: 0, length: 9_000_000_000,
                                                 limit: WARCReader.defaultMaximumRecordSize)) { try reader.next() }
    }

    @Test func aResponseRecordYieldsItsGBKPayloadDecodedByItsDeclaredCharset() throws {
        for chunked in [false, true] {
            let (bytes, text) = WARCSamples.gbkResponse(chunked: chunked)
            let record = try #require(try records(bytes).first)
            guard case let .document(document) = WARCDocument.select(record) else {
                Issue.record("response not selected")
                return
            }
            #expect(document.charset == "GB18030")
            #expect(document.url == "http://www.county.gov.cn/notice.html")
            let decoded = document.decode()
            #expect(decoded.text == text)
            #expect(decoded.encoding == "GB18030")
        }
    }

    @Test func recordsWithoutPageTextAreSkippedWithTheirReason() throws {
        let html = WARCSamples.record("response", uri: "http://a.cn/", id: "h", contentType: "application/http; msgtype=response",
                                      body: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html></html>".utf8))
        let image = WARCSamples.record("response", uri: "http://a.cn/i.png", id: "i", contentType: "application/http; msgtype=response",
                                       body: Array("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG".utf8))
        let redirect = WARCSamples.record("response", uri: "http://a.cn/r", id: "r", contentType: "application/http; msgtype=response",
                                          body: Array("HTTP/1.1 301 Moved\r\nLocation: /\r\nContent-Type: text/plain\r\n\r\n".utf8))
        let request = WARCSamples.record("request", uri: "http://a.cn/", id: "q", contentType: "application/http; msgtype=request",
                                         body: Array("GET / HTTP/1.1\r\n\r\n".utf8))
        let all = try records(WARCSamples.warcinfo + html + image + redirect + request)
        let reasons = all.map { record -> String in
            if case let .skipped(reason) = WARCDocument.select(record) { return reason.description }
            return "document"
        }
        #expect(reasons == ["warcinfo", "response HTML", "response not text", "response not 2xx", "request"])
    }

    @Test func theHanShareCountsLettersOfEveryScriptButNotDigitsOrPunctuation() {
        #expect(HanShare(text: "2024年3月15日，价格：¥1200。").share == 1.0)
        #expect(HanShare(text: "The county held a meeting on 15 March 2024.").share == 0)
        #expect(HanShare(text: "今天开会。Meeting today.").share == 4.0 / 16.0)
        #expect(HanShare(text: "12345 ---").letters == 0)
        #expect(HanShare(text: WARCSamples.sample("cwt_02_shantaoli.com")).share > 0.9)
    }

    @Test func theRecordCleanerWritesTheWARCFieldsAndCleansLikePlainInput() throws {
        let cleaner = try Cleaner()
        let records = WARCRecordCleaner(cleaner: cleaner, minimumHanShare: 0.5)
        let all = try self.records(WARCSamples.wet(["c4zh_06_sncda.com"])
            + WARCSamples.conversion(7, text: "The county held its annual meeting today. Officials discussed the budget.\n"))
        guard case .skippedRecord = records.process(all[0]) else { Issue.record("warcinfo not skipped"); return }
        guard case let .cleaned(output, result, document, _) = records.process(all[1]) else { Issue.record("not cleaned"); return }
        let plain = try cleaner.clean(bytes: Array(WARCSamples.sample("c4zh_06_sncda.com").utf8))
        #expect(result.text == plain.text)
        #expect(!result.text.contains("服务咨询热线"))
        #expect(document.url == "http://www.example0.cn/news/0.html")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
        #expect(object["url"] as? String == "http://www.example0.cn/news/0.html")
        #expect(object["warc_record_id"] as? String == "<urn:uuid:11111111-2222-4333-8444-555555555550>")
        #expect(object["date"] as? String == "2024-02-21T08:14:03Z")
        #expect(object["text"] as? String == plain.text)
        #expect((object["scrapeclean"] as? [String: Any])?["encoding"] as? String == "UTF-8")
        guard case let .belowHanShare(share, _) = records.process(all[2]) else { Issue.record("English record kept"); return }
        #expect(share.han == 0)
    }
}
