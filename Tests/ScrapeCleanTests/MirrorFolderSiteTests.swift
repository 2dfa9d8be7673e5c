import Testing
import ScrapeClean

@Suite("Sites of files in a mirror tree")
struct MirrorFolderSiteTests {
    @Test("The nearest host-named folder is the site; its port is dropped and its case folded", arguments: [
        ("mirror/news.example.com.cn/2024/0512/1.txt", "news.example.com.cn"),
        ("/data/crawl/BBS.Example.cn:8080/thread/9.txt", "bbs.example.cn"),
        ("a.example.com/b.example.org/page.txt", "b.example.org"),
        ("镜像/新闻.例子.中国/1.txt", "新闻.例子.中国"),
        ("out/xn--fiqs8s.example/1.txt", "xn--fiqs8s.example"),
    ])
    func hostFolder(path: String, host: String) {
        #expect(MirrorFolderSite.host(inPath: path) == host)
    }

    @Test("Dated and versioned folders, one-label folders and the file's own name are not sites", arguments: [
        "corpus/2024.05/page.txt", "release/v1.2/notes.txt", "localhost/page.txt", "example.com.txt",
        "pages/.hidden/x.txt", "a..b.com/x.txt", "data/a.1b/x.txt", "",
    ])
    func notAHostFolder(path: String) {
        #expect(MirrorFolderSite.host(inPath: path) == nil)
    }
}
