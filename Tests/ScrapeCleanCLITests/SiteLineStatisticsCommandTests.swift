import Foundation
import ScrapeClean
import Testing

/// Issue 14: lines repeated on the pages of one site (header, navigation, login banner,
/// copyright, ICP) go with `stats --site-field url` and `clean --line-stats`; the body stays.
@Suite("scrapeclean stats --site-field and clean --min-site-docs")
struct SiteLineStatisticsCommandTests {
    /// Site A's chrome, the same on all five of its pages.
    static let header = ["新例子网 - 新闻中心", "首页 | 要闻 | 财经 | 科技 | 体育 | 娱乐 | 图片", "您好，欢迎来到新例子网 请登录 | 免费注册"]
    static let footer = ["关于我们 | 联系我们 | 广告服务 | 网站地图", "Copyright © 2003-2024 新例子网 版权所有", "京ICP备12345678号-1 京公网安备 11010502030001号"]
    /// A line on two of site B's three pages: below the threshold of 3, so it stays.
    static let siteBLine = "论坛导航 | 灌水区 | 二手市场"

    /// The body lines (`B`) of a labelled page from Benchmarks/boilerplate/pages.
    static func body(of page: String) -> [String] {
        let path = CLIRunner.packageRoot.path + "/Benchmarks/boilerplate/pages/\(page).tsv"
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        return text.split(separator: "\n").filter { $0.hasPrefix("B\t") }.map { String($0.dropFirst(2)) }
    }

    static let siteAPages = ["163.com--1", "sina.com.cn--1", "mydrivers.com--1", "joyyang.com--1", "sncda.com--1"]
    static let siteBPages = ["jnmajc.com--1", "baichengcm.com--1", "zhjqxt.com--1"]

    /// Eight records (five of example.com.cn under three host names, three of other.cn) and one
    /// record without a url.
    static func records() -> [(url: String?, text: String, body: [String])] {
        var records: [(url: String?, text: String, body: [String])] = []
        let hosts = ["news.example.com.cn", "www.example.com.cn", "NEWS.example.com.cn", "m.example.com.cn", "news.example.com.cn"]
        for (index, page) in siteAPages.enumerated() {
            let body = body(of: page)
            records.append(("https://\(hosts[index])/a/\(index + 1).html", (header + body + footer).joined(separator: "\n"), body))
        }
        for (index, page) in siteBPages.enumerated() {
            let body = body(of: page)
            let lines = index < 2 ? [siteBLine] + body : body
            records.append(("http://bbs.other.cn/thread-\(index).html", lines.joined(separator: "\n"), body))
        }
        let stray = body(of: "duitangwang.com--1")
        records.append((nil, stray.joined(separator: "\n"), stray))
        return records
    }

    static func jsonLines(_ records: [(url: String?, text: String, body: [String])]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var output: [UInt8] = []
        for record in records {
            var object = ["text": record.text]
            if let url = record.url { object["url"] = url }
            output += try encoder.encode(object)
            output.append(UInt8(ascii: "\n"))
        }
        return output
    }

    /// The cleaned `text` of each output record.
    static func texts(_ output: CLIRunner.Output) throws -> [String] {
        try output.text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return object["text"] as! String
        }
    }

    static func lines(_ text: String) -> Set<String> { Set(text.split(separator: "\n").map(String.init)) }

    @Test("Per-site statistics remove a site's header and footer from all its pages and keep every body line")
    func siteChromeRemoved() throws {
        let folder = try CLIRunner.temporaryFolder()
        let stats = folder.appendingPathComponent("site.bin").path
        let records = Self.records()
        let input = try Self.jsonLines(records)
        let counted = try CLIRunner.run(["stats", "--jsonl", "--site-field", "url", "-o", stats], stdin: input)
        #expect(counted.status == 0, "\(counted.stderr)")
        #expect(counted.stderr.contains("9 documents, 8 with a site (2 sites), 1 without a usable 'url'"), "\(counted.stderr)")

        let plain = try Self.texts(CLIRunner.run(["clean", "--jsonl", "--quiet"], stdin: input))
        let bodiesAlone = try Self.texts(CLIRunner.run(["clean", "--jsonl", "--quiet"],
                                                      stdin: Self.jsonLines(records.map { ($0.url, $0.body.joined(separator: "\n"), $0.body) })))
        // The default --min-site-docs is 3; the site field comes from the statistics file.
        for arguments in [[], ["--min-site-docs", "5"]] {
            let cleaned = try CLIRunner.run(["clean", "--jsonl", "--quiet", "--line-stats", stats, "--min-docs", "100"] + arguments,
                                            stdin: input)
            #expect(cleaned.status == 0, "\(cleaned.stderr)")
            let texts = try Self.texts(cleaned)
            #expect(texts.count == records.count)
            for index in 0..<5 {
                let kept = Self.lines(texts[index])
                for chrome in Self.header + Self.footer {
                    #expect(!kept.contains(chrome), "page \(index) \(arguments): kept \(chrome)")
                }
                // Every body line that cleaning the body alone keeps is still there.
                #expect(Self.lines(bodiesAlone[index]).subtracting(kept).isEmpty, "page \(index) \(arguments) lost body lines")
                #expect(texts[index] == bodiesAlone[index], "page \(index) \(arguments)")
            }
            // The other site (a line on 2 of its 3 pages) and the page without a url are untouched.
            for index in 5..<records.count { #expect(texts[index] == plain[index], "record \(index) \(arguments)") }
            #expect(texts[5].contains(Self.siteBLine))
        }

        let reportPath = folder.appendingPathComponent("report.jsonl").path
        let reported = try CLIRunner.run(["clean", "--jsonl", "--quiet", "--line-stats", stats, "--min-docs", "100",
                                          "--report", reportPath], stdin: input)
        #expect(reported.status == 0, "\(reported.stderr)")
        let reports = try String(contentsOfFile: reportPath, encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(DocumentReport.self, from: Data($0.utf8)) }
        #expect(reports.count == records.count)
        for (index, report) in reports.enumerated() {
            let edits = report.edits.filter { $0.rule == "corpus.site-repeated-line" }
            if index < 5 {
                #expect(!edits.isEmpty && edits.allSatisfy { $0.note == "seen on 5 of 5 pages of example.com.cn" }, "\(edits)")
            } else {
                #expect(edits.isEmpty, "record \(index): \(edits)")
            }
        }
    }

    @Test("A site with fewer pages than --min-site-docs, or with the rule disabled, loses no line")
    func thresholdAndDisable() throws {
        let folder = try CLIRunner.temporaryFolder()
        let stats = folder.appendingPathComponent("site.bin").path
        let input = try Self.jsonLines(Self.records())
        #expect(try CLIRunner.run(["stats", "--jsonl", "--site-field", "url", "--quiet", "-o", stats], stdin: input).status == 0)
        let plain = try Self.texts(CLIRunner.run(["clean", "--jsonl", "--quiet"], stdin: input))
        for extra in [["--min-site-docs", "6"], ["--disable", "corpus.site-repeated-line"]] {
            let cleaned = try CLIRunner.run(["clean", "--jsonl", "--quiet", "--line-stats", stats, "--min-docs", "100"] + extra,
                                            stdin: input)
            #expect(cleaned.status == 0, "\(cleaned.stderr)")
            #expect(try Self.texts(cleaned) == plain, "\(extra)")
        }
    }

    @Test("Without per-site counts the headers stay; asking for per-site removal then is an error")
    func withoutSiteCounts() throws {
        let folder = try CLIRunner.temporaryFolder()
        let stats = folder.appendingPathComponent("corpus.bin").path
        let input = try Self.jsonLines(Self.records())
        #expect(try CLIRunner.run(["stats", "--jsonl", "--quiet", "-o", stats], stdin: input).status == 0)
        let cleaned = try CLIRunner.run(["clean", "--jsonl", "--quiet", "--line-stats", stats, "--min-docs", "100"], stdin: input)
        #expect(cleaned.status == 0)
        let texts = try Self.texts(cleaned)
        // Exactly what cleaning without statistics gives (built-in rules take some chrome on
        // some pages); the login banner no built-in rule names stays on all five.
        #expect(try texts == Self.texts(CLIRunner.run(["clean", "--jsonl", "--quiet"], stdin: input)))
        for index in 0..<5 {
            #expect(Self.lines(texts[index]).contains(Self.header[2]), "page \(index) lost the login banner")
        }
        let asked = try CLIRunner.run(["clean", "--jsonl", "--line-stats", stats, "--min-site-docs", "3"], stdin: input)
        #expect(asked.status == 2)
        #expect(asked.stderr.contains("\(stats): no per-site counts"), "\(asked.stderr)")
    }

    @Test("A mirror tree of plain files is counted per host folder, and --site-from-folder removes each site's chrome")
    func mirrorFoldersAreSites() throws {
        let mirror = try CLIRunner.temporaryFolder()
        let records = Self.records()
        // wget --mirror layout: site A under two host folders of example.com.cn (one with a
        // port, as wget writes it), site B under bbs.other.cn, and a dated folder that is no host.
        let folders = ["news.example.com.cn/2024/05", "news.example.com.cn/2024/06", "www.example.com.cn:8080/a", "news.example.com.cn", "m.example.com.cn/p",
                       "bbs.other.cn/t", "bbs.other.cn/t", "bbs.other.cn", "2024.05"]
        var paths: [String] = []
        for (index, (record, folder)) in zip(records, folders).enumerated() {
            let url = mirror.appendingPathComponent(folder).appendingPathComponent("\(index).txt")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (record.text + "\n").write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let stats = try CLIRunner.temporaryFolder().appendingPathComponent("mirror.bin").path
        let counted = try CLIRunner.run(["stats", mirror.path, "--site-from-folder", "-o", stats])
        #expect(counted.status == 0, "\(counted.stderr)")
        #expect(counted.stderr.contains("9 documents, 8 with a site (2 sites), 1 outside a host folder"), "\(counted.stderr)")

        let out = try CLIRunner.temporaryFolder()
        let cleaned = try CLIRunner.run(["clean", mirror.path, "-o", out.path, "--quiet", "--line-stats", stats, "--min-docs", "100", "--site-from-folder"])
        #expect(cleaned.status == 0, "\(cleaned.stderr)")
        let withoutSites = try CLIRunner.temporaryFolder()
        #expect(try CLIRunner.run(["clean", mirror.path, "-o", withoutSites.path, "--quiet", "--line-stats", stats, "--min-docs", "100"]).status == 0)
        for (index, folder) in folders.enumerated() {
            let relative = folder + "/\(index).txt"
            let kept = Self.lines(try String(contentsOf: out.appendingPathComponent(relative), encoding: .utf8))
            let plain = Self.lines(try String(contentsOf: withoutSites.appendingPathComponent(relative), encoding: .utf8))
            if index < 5 {
                for chrome in Self.header + Self.footer { #expect(!kept.contains(chrome), "\(relative): kept \(chrome)") }
                #expect(plain.contains(Self.header[2]), "\(relative): without --site-from-folder the login banner stays")
                #expect(plain.subtracting(Self.header + Self.footer).subtracting(kept).isEmpty, "\(relative) lost body lines")
            } else {
                #expect(kept == plain, "\(relative): a site below the threshold, or no site, is untouched")
            }
        }
        let misused = try CLIRunner.run(["clean", "--jsonl", "--line-stats", stats, "--site-from-folder"], stdin: [])
        #expect(misused.status == 2 && misused.stderr.contains("--site-from-folder is for plain files"), "\(misused.stderr)")
    }

    @Test("Merging per-site statistics is the same in either order and equals counting everything at once")
    func mergeOrder() throws {
        let folder = try CLIRunner.temporaryFolder()
        let records = Self.records()
        let a = folder.appendingPathComponent("a.bin").path, b = folder.appendingPathComponent("b.bin").path
        let ab = folder.appendingPathComponent("ab.bin").path, ba = folder.appendingPathComponent("ba.bin").path
        let whole = folder.appendingPathComponent("whole.bin").path
        let options = ["stats", "--jsonl", "--site-field", "url", "--quiet", "-o"]
        #expect(try CLIRunner.run(options + [a], stdin: Self.jsonLines(records.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))).status == 0)
        #expect(try CLIRunner.run(options + [b], stdin: Self.jsonLines(records.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))).status == 0)
        #expect(try CLIRunner.run(options + [whole], stdin: Self.jsonLines(records.reversed())).status == 0)
        #expect(try CLIRunner.run(["stats", "--merge", a, b, "-o", ab]).status == 0)
        #expect(try CLIRunner.run(["stats", "--merge", b, a, "-o", ba]).status == 0)
        let merged = FileManager.default.contents(atPath: ab)
        #expect(merged != nil && merged == FileManager.default.contents(atPath: ba))
        #expect(merged == FileManager.default.contents(atPath: whole))
        #expect(try LineStatisticsFile.header(at: ab).siteField == "url")
    }

    @Test("Option mistakes are usage errors")
    func usageErrors() throws {
        #expect(try CLIRunner.run(["stats", "--site-field", "url", "-o", "/dev/null"]).status != 0)
        #expect(try CLIRunner.run(["clean", "--min-site-docs", "3"]).status != 0)
        let one = try CLIRunner.run(["clean", "--jsonl", "--line-stats", "x.bin", "--min-site-docs", "1"])
        #expect(one.status != 0)
        #expect(one.stderr.contains("--min-site-docs must be at least 2"))
    }
}
