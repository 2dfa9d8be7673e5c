import Foundation
import Testing

/// `clean` and `stats` on WET and WARC files written by hand in the real format.
@Suite("WARC / WET input on the command line")
struct WARCCommandTests {
    private static let pages = ["c4zh_06_sncda.com", "cwt_02_shantaoli.com", "c4zh_01_ultratrailms.com"]

    private static func sample(_ name: String) -> String {
        String(decoding: FileManager.default.contents(atPath: "/work/shared/samples/web/\(name).txt") ?? Data(), as: UTF8.self)
    }

    private static func record(_ type: String, uri: String?, id: String, contentType: String, body: [UInt8], length: Int? = nil) -> [UInt8] {
        var head = "WARC/1.0\r\nWARC-Type: \(type)\r\n"
        if let uri { head += "WARC-Target-URI: \(uri)\r\n" }
        head += "WARC-Date: 2024-02-21T08:14:0\(id.count % 10)Z\r\nWARC-Record-ID: <urn:uuid:\(id)>\r\n"
        head += "Content-Type: \(contentType)\r\nContent-Length: \(length ?? body.count)\r\n\r\n"
        return Array(head.utf8) + body + Array("\r\n\r\n".utf8)
    }

    private static let warcinfo = record("warcinfo", uri: nil, id: "00000000-0000-4000-8000-000000000000",
                                         contentType: "application/warc-fields", body: Array("software: hand\r\n".utf8))

    private static func conversion(_ index: Int, _ text: String, length: Int? = nil) -> [UInt8] {
        record("conversion", uri: "http://www.site\(index).cn/a/\(index).html", id: "aaaaaaaa-bbbb-4ccc-8ddd-00000000000\(index)",
               contentType: "text/plain", body: Array(text.utf8), length: length)
    }

    /// The records of a WET file: warcinfo, then one conversion record per page.
    private static func wetRecords(_ names: [String] = pages) -> [[UInt8]] {
        [warcinfo] + names.enumerated().map { conversion($0.offset, sample($0.element)) }
    }

    private func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func objects(_ output: CLIRunner.Output) throws -> [[String: Any]] {
        try output.text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// What `clean` makes of the page as a plain file.
    private func plainClean(_ name: String) throws -> String {
        try CLIRunner.run(["clean", "--quiet"], stdin: Array(Self.sample(name).utf8)).text
    }

    @Test func aWETFileGivesOneJSONObjectPerPageWithItsWARCFieldsAndTheTextCleanedAsPlainInput() throws {
        let folder = try CLIRunner.temporaryFolder()
        let path = try write(Self.wetRecords().flatMap { $0 }, "part.warc.wet", in: folder)
        let output = try CLIRunner.run(["clean", "--jobs", "2", path])
        #expect(output.status == 0)
        let records = try objects(output)
        #expect(records.count == 3)
        for (index, name) in Self.pages.enumerated() {
            #expect(records[index]["url"] as? String == "http://www.site\(index).cn/a/\(index).html")
            #expect(records[index]["warc_record_id"] as? String == "<urn:uuid:aaaaaaaa-bbbb-4ccc-8ddd-00000000000\(index)>")
            #expect((records[index]["date"] as? String)?.hasPrefix("2024-02-21T08:14:0") == true)
            #expect(records[index]["text"] as? String == (try plainClean(name)))
            #expect((records[index]["scrapeclean"] as? [String: Any])?["encoding"] as? String == "UTF-8")
        }
        #expect(!(records[0]["text"] as! String).contains("服务咨询热线"))
        #expect(output.stderr.contains("3 documents"))
        #expect(output.stderr.contains("1 WARC record skipped (warcinfo 1)"))
    }

    @Test func gzipPerRecordIsReadAsOneStreamAndFoundWithoutTheFlagAlsoOnStandardInput() throws {
        let folder = try CLIRunner.temporaryFolder()
        let records = Self.wetRecords()
        let plain = try CLIRunner.run(["clean", "--warc", "--quiet", try write(records.flatMap { $0 }, "p.warc.wet", in: folder)])
        let gzipped = records.flatMap { TestCompression.gzip($0) }
        let fromFile = try CLIRunner.run(["clean", "--quiet", try write(gzipped, "p.warc.wet.gz", in: folder)])
        let fromStandardInput = try CLIRunner.run(["clean", "--quiet"], stdin: gzipped)
        #expect(plain.status == 0 && fromFile.status == 0 && fromStandardInput.status == 0)
        #expect(try objects(plain).count == 3)
        #expect(fromFile.stdout == plain.stdout)
        #expect(fromStandardInput.stdout == plain.stdout)
    }

    @Test func minimumHanShareSkipsTheEnglishRecordAndCountsIt() throws {
        let english = Self.conversion(8, "The county held its annual meeting today.\nOfficials discussed next year's budget and roads.\n")
        let bytes = (Self.wetRecords() + [english]).flatMap { $0 }
        let all = try CLIRunner.run(["clean"], stdin: bytes)
        #expect(try objects(all).count == 4)
        let chinese = try CLIRunner.run(["clean", "--min-han-share", "0.5"], stdin: bytes)
        #expect(chinese.status == 0)
        let urls = try objects(chinese).map { $0["url"] as? String }
        #expect(urls == ["http://www.site0.cn/a/0.html", "http://www.site1.cn/a/1.html", "http://www.site2.cn/a/2.html"])
        #expect(chinese.stderr.contains("3 documents"))
        #expect(chinese.stderr.contains("1 skipped (--min-han-share 0.5)"))
        let bad = try CLIRunner.run(["clean", "--min-han-share", "1.5"], stdin: bytes)
        #expect(bad.status != 0)
        let plain = try CLIRunner.run(["clean", "--min-han-share", "0.5"], stdin: Array(Self.sample("c4zh_06_sncda.com").utf8))
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("--min-han-share works on WARC input only"))
        #expect(plain.stdout.isEmpty)
    }

    @Test func aWrongContentLengthIsExit2NamingFileAndOffsetAfterTheRecordsBeforeItAreWritten() throws {
        let folder = try CLIRunner.temporaryFolder()
        var records = Self.wetRecords(Array(Self.pages.prefix(2)))
        let damagedOffset = records.reduce(0) { $0 + $1.count }
        let text = Self.sample("c4zh_01_ultratrailms.com")
        records.append(Self.conversion(2, text, length: text.utf8.count + 40))
        records.append(Self.conversion(3, "最后一条记录的正文。\n"))
        let path = try write(records.flatMap { $0 }, "bad.warc.wet", in: folder)
        let output = try CLIRunner.run(["clean", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(path): WARC record at byte \(damagedOffset):"))
        #expect(try objects(output).map { $0["url"] as? String } == ["http://www.site0.cn/a/0.html", "http://www.site1.cn/a/1.html"])

        // Under -o the documents before the damage are kept in the output file.
        let out = folder.appendingPathComponent("out")
        let mirrored = try CLIRunner.run(["clean", "--quiet", path, "-o", out.path])
        #expect(mirrored.status == 2)
        let kept = String(decoding: FileManager.default.contents(atPath: out.appendingPathComponent("bad.jsonl").path) ?? Data(), as: UTF8.self)
        #expect(kept.split(separator: "\n").count == 2)
    }

    @Test func aTruncatedGzipWETFileKeepsTheWholeRecordsAndNamesTheRecord() throws {
        let folder = try CLIRunner.temporaryFolder()
        let gzipped = Self.wetRecords().flatMap { TestCompression.gzip($0) }
        let path = try write(Array(gzipped.dropLast(300)), "cut.warc.wet.gz", in: folder)
        let output = try CLIRunner.run(["clean", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains(path))
        #expect(output.stderr.contains("WARC record at byte"))
        #expect(try objects(output).count == 2)
    }

    @Test func aResponseRecordWithAGBKBodyIsDecodedByItsCharsetAndHTMLIsSkipped() throws {
        let text = "今天上午，县委召开全体会议，研究部署下一阶段的重点工作。\n会议要求各部门认真落实责任，确保各项任务按期完成。\n"
        // GBK bytes of `text` (Python: text.encode("gbk")).
        let gbk: [UInt8] = [189, 241, 204, 236, 201, 207, 206, 231, 163, 172, 207, 216, 206, 175, 213, 217, 191, 170, 200, 171, 204, 229, 187, 225, 210, 233, 163, 172, 209, 208, 190, 191, 178, 191, 202, 240, 207, 194, 210, 187, 189, 215, 182, 206, 181, 196, 214, 216, 181, 227, 185, 164, 215, 247, 161, 163, 10, 187, 225, 210, 233, 210, 170, 199, 243, 184, 247, 178, 191, 195, 197, 200, 207, 213, 230, 194, 228, 202, 181, 212, 240, 200, 206, 163, 172, 200, 183, 177, 163, 184, 247, 207, 238, 200, 206, 206, 241, 176, 180, 198, 218, 205, 234, 179, 201, 161, 163, 10]
        let response = Self.record("response", uri: "http://www.county.gov.cn/n.txt", id: "r1", contentType: "application/http; msgtype=response",
                                   body: Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=GBK\r\nContent-Length: \(gbk.count)\r\n\r\n".utf8) + gbk)
        let html = Self.record("response", uri: "http://www.county.gov.cn/", id: "r2", contentType: "application/http; msgtype=response",
                               body: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>首页</body></html>".utf8))
        let request = Self.record("request", uri: "http://www.county.gov.cn/", id: "q1", contentType: "application/http; msgtype=request",
                                  body: Array("GET / HTTP/1.1\r\nHost: www.county.gov.cn\r\n\r\n".utf8))
        let output = try CLIRunner.run(["clean", "--warc"], stdin: Self.warcinfo + request + html + response)
        #expect(output.status == 0)
        let records = try objects(output)
        #expect(records.count == 1)
        #expect(records.first?["url"] as? String == "http://www.county.gov.cn/n.txt")
        #expect(records.first?["text"] as? String == text)
        #expect((records.first?["scrapeclean"] as? [String: Any])?["encoding"] as? String == "GB18030")
        #expect(output.stderr.contains("3 WARC records skipped (request 1, response HTML 1, warcinfo 1)"))
    }

    @Test func underOutputFolderAWETGzipFileBecomesAGzipJSONLinesFileNamedAfterIt() throws {
        let folder = try CLIRunner.temporaryFolder()
        let gzipped = Self.wetRecords().flatMap { TestCompression.gzip($0) }
        let path = try write(gzipped, "CC-MAIN-00001.warc.wet.gz", in: folder)
        let out = folder.appendingPathComponent("out")
        let output = try CLIRunner.run(["clean", "--quiet", path, "-o", out.path])
        #expect(output.status == 0)
        let written = try #require(FileManager.default.contents(atPath: out.appendingPathComponent("CC-MAIN-00001.jsonl.gz").path))
        #expect(Array(written.prefix(2)) == [0x1f, 0x8b])
        let lines = String(decoding: TestCompression.decompress([UInt8](written)), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        let inPlace = try CLIRunner.run(["clean", "--in-place", path])
        #expect(inPlace.status == 2)
        #expect(inPlace.stderr.contains("use -o DIR"))
    }

    @Test func statsCountsTheDocumentsOfAWETFileSoCleanCanRemoveLinesRepeatedAcrossThem() throws {
        let folder = try CLIRunner.temporaryFolder()
        // Five pages of one site sharing a footer line.
        let footer = "版权所有：某某县人民政府办公室 技术支持：某某网络科技有限公司"
        let bodies = ["县委召开常委会议，传达学习上级会议精神。", "全县秋粮收购工作进展顺利，农民增收明显。",
                      "县教育局部署新学期校园安全检查工作。", "县医院开展义诊活动，服务群众五百余人次。",
                      "全县重点项目建设推进会在县城召开。"]
        let records = [Self.warcinfo] + bodies.enumerated().map { Self.conversion($0.offset, "\($0.element)\n\(footer)\n") }
        let wet = try write(records.flatMap { TestCompression.gzip($0) }, "site.warc.wet.gz", in: folder)
        let stats = folder.appendingPathComponent("stats.bin").path
        let counted = try CLIRunner.run(["stats", wet, "-o", stats])
        #expect(counted.status == 0)
        let cleaned = try CLIRunner.run(["clean", "--quiet", wet, "--line-stats", stats, "--min-docs", "5"])
        #expect(cleaned.status == 0)
        let texts = try objects(cleaned).map { $0["text"] as? String ?? "" }
        #expect(texts.count == 5)
        #expect(texts.allSatisfy { !$0.contains("版权所有") })
        #expect(zip(texts, bodies).allSatisfy { $0.contains($1) })
    }

    @Test func statsOfAWETFileCountsLinesPerSiteByTargetURISoCleanRemovesASitesTemplate() throws {
        let folder = try CLIRunner.temporaryFolder()
        let header = "某某县人民政府门户网站 | 首页 | 政务公开 | 办事服务"
        let bodies = ["县委召开常委会议，传达学习上级会议精神。", "全县秋粮收购工作进展顺利，农民增收明显。",
                      "县教育局部署新学期校园安全检查工作。", "县医院开展义诊活动，服务群众五百余人次。"]
        // Four pages of one site under two hosts, and two pages of another site with the same header.
        let hosts = ["www.mouxian.gov.cn", "news.mouxian.gov.cn", "www.mouxian.gov.cn", "news.mouxian.gov.cn"]
        var records = [Self.warcinfo]
        for (index, body) in bodies.enumerated() {
            records.append(Self.record("conversion", uri: "http://\(hosts[index])/a/\(index).html",
                                       id: "aaaaaaaa-bbbb-4ccc-8ddd-00000000001\(index)", contentType: "text/plain",
                                       body: Array("\(header)\n\(body)\n".utf8)))
        }
        for index in 0..<2 {
            records.append(Self.record("conversion", uri: "http://www.other.cn/b/\(index).html",
                                       id: "aaaaaaaa-bbbb-4ccc-8ddd-00000000002\(index)", contentType: "text/plain",
                                       body: Array("\(header)\n\(bodies[index])\n".utf8)))
        }
        let wet = try write(records.flatMap { $0 }, "sites.warc.wet", in: folder)
        let stats = folder.appendingPathComponent("stats.bin").path
        #expect(try CLIRunner.run(["stats", "--quiet", wet, "-o", stats]).status == 0)
        // --min-docs 100: the corpus-wide rule cannot fire; only the per-site one can.
        let cleaned = try CLIRunner.run(["clean", "--quiet", wet, "--line-stats", stats, "--min-docs", "100", "--report",
                                         folder.appendingPathComponent("report.jsonl").path])
        #expect(cleaned.status == 0)
        let texts = try objects(cleaned).map { $0["text"] as? String ?? "" }
        #expect(texts.count == 6)
        #expect(texts.prefix(4).allSatisfy { !$0.contains("门户网站") })
        #expect(zip(texts.prefix(4), bodies).allSatisfy { $0.contains($1) })
        // Two pages of www.other.cn are fewer than --min-site-docs (3): their header stays.
        #expect(texts.suffix(2).allSatisfy { $0.contains("门户网站") })
        let report = try String(contentsOf: folder.appendingPathComponent("report.jsonl"), encoding: .utf8)
        #expect(report.contains("corpus.site-repeated-line"))
        #expect(report.contains("mouxian.gov.cn"))
    }
}
