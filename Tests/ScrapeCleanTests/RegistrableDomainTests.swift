import Testing
@testable import ScrapeClean

@Suite("Registrable domain of a URL or host")
struct RegistrableDomainTests {
    @Test("Chinese second-level suffixes keep three labels", arguments: [
        ("news.example.com.cn", "example.com.cn"),
        ("https://news.example.com.cn/a/1.html", "example.com.cn"),
        ("http://www.sina.com.cn/", "sina.com.cn"),
        ("a.b.gov.cn", "b.gov.cn"),
        ("http://www.moe.edu.cn/jyb_xwfb/", "moe.edu.cn"),
        ("ciac.ac.cn", "ciac.ac.cn"),
        ("www.beijing.bj.cn", "beijing.bj.cn"),
        ("x.y.sh.cn", "y.sh.cn"),
        ("portal.gd.cn", "portal.gd.cn"),
        ("a.b.c.xj.cn", "c.xj.cn"),
    ])
    func chineseSuffixes(input: String, expected: String) {
        #expect(RegistrableDomain.of(input) == expected)
    }

    @Test("Plain .cn and generic top-level domains keep two labels", arguments: [
        ("bbs.tianya.cn", "tianya.cn"),
        ("blog.example.com", "example.com"),
        ("https://tech.sina.cn/x", "sina.cn"),
        ("m.sxwcsj.cn", "sxwcsj.cn"),
        ("news.mydrivers.com", "mydrivers.com"),
        ("example.com", "example.com"),
    ])
    func twoLabels(input: String, expected: String) {
        #expect(RegistrableDomain.of(input) == expected)
    }

    @Test("Taiwan, Hong Kong, Macao and other registries with second levels", arguments: [
        ("x.y.com.tw", "y.com.tw"),
        ("news.ltn.com.tw", "ltn.com.tw"),
        ("www.legco.org.hk", "legco.org.hk"),
        ("www.um.edu.mo", "um.edu.mo"),
        ("www.gov.hk", "www.gov.hk"),
        ("www.zaobao.com.sg", "zaobao.com.sg"),
        ("www.chinapress.com.my", "chinapress.com.my"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("news.yahoo.co.jp", "yahoo.co.jp"),
        ("www.abc.net.au", "abc.net.au"),
        ("www.stuff.co.nz", "stuff.co.nz"),
        ("someone.blogspot.com", "someone.blogspot.com"),
        ("www.ettoday.net", "ettoday.net"),
    ])
    func otherRegistries(input: String, expected: String) {
        #expect(RegistrableDomain.of(input) == expected)
    }

    @Test("Scheme, user info, port, path, query, fragment, trailing dot and case are dropped", arguments: [
        ("HTTPS://News.Example.COM.CN/A/1.HTML", "example.com.cn"),
        ("http://user:secret@news.example.com.cn:8080/a?b=c#d", "example.com.cn"),
        ("news.example.com.cn.", "example.com.cn"),
        ("https://www.sina.com.cn.:443/", "sina.com.cn"),
        ("//static.example.com.cn/app.js", "example.com.cn"),
        ("www.sina.com.cn:8080", "sina.com.cn"),
        ("  https://www.sina.com.cn/  ", "sina.com.cn"),
        ("http://www.example.com?x=http://other.com/", "example.com"),
        ("http://www.example.com#frag", "example.com"),
        ("http:\\\\www.example.com\\path", "example.com"),
        ("ftp://files.example.org/pub", "example.org"),
    ])
    func partsDropped(input: String, expected: String) {
        #expect(RegistrableDomain.of(input) == expected)
    }

    @Test("IP literals and one-label hosts stay as they are", arguments: [
        ("http://192.168.0.1:8000/x", "192.168.0.1"),
        ("10.0.0.7", "10.0.0.7"),
        ("http://[2001:DB8::1]:8080/", "[2001:db8::1]"),
        ("[fe80::1%eth0]", "[fe80::1%eth0]"),
        ("2001:db8::1", "2001:db8::1"),
        ("http://localhost:3000/", "localhost"),
        ("intranet", "intranet"),
    ])
    func literals(input: String, expected: String) {
        #expect(RegistrableDomain.of(input) == expected)
    }

    @Test("Punycode is left encoded; Chinese IDN hosts are lower-cased and ideographic dots count", arguments: [
        ("http://www.xn--fiqs8s.xn--fiqs8s/", "xn--fiqs8s.xn--fiqs8s"),
        ("XN--55QX5D.COM.CN", "xn--55qx5d.com.cn"),
        ("http://新闻.例子.中国/文章", "例子.中国"),
        ("新闻。例子。公司", "例子.公司"),
        ("www.例子.公司.香港", "例子.公司.香港"),
        ("ＷＷＷ.Ｅｘａｍｐｌｅ.com.cn", "example.com.cn"),
        ("ＡＢＣ.例子.中国", "例子.中国"),
    ])
    func internationalized(input: String, expected: String) {
        #expect(RegistrableDomain.of(input) == expected)
    }

    @Test("A public suffix alone is its own key")
    func suffixAlone() {
        #expect(RegistrableDomain.of("com.cn") == "com.cn")
        #expect(RegistrableDomain.of("https://gov.cn/") == "gov.cn")
        #expect(RegistrableDomain.of("cn") == "cn")
    }

    @Test("Input with no usable host gives nil", arguments: [
        "", "   ", "http://", "https:///path", "..", ".", "a..b.com", "http://user@/x", "/relative/path.html",
        "?q=1", "http://exa mple.com/", "not a url", "http://[::1/", "http://[]/", "http://example.com:80a/",
        "http://<script>.com/", "mailto:someone@", "http://host:1:2:3/",
    ])
    func noHost(input: String) {
        #expect(RegistrableDomain.of(input) == nil, "\(input)")
    }

    @Test("Hosts longer than DNS allows give nil; long paths do not matter")
    func lengths() {
        let longLabel = String(repeating: "a", count: 64) + ".com"
        #expect(RegistrableDomain.of(longLabel) == nil)
        let okLabel = String(repeating: "a", count: 63) + ".com"
        #expect(RegistrableDomain.of(okLabel) == okLabel)
        let longHost = Array(repeating: "abcdefghi", count: 30).joined(separator: ".") + ".com"
        #expect(RegistrableDomain.of(longHost) == nil)
        let hugeInput = String(repeating: "x", count: 1_000_000)
        #expect(RegistrableDomain.of(hugeInput) == nil)
        let longPath = "https://news.example.com.cn/" + String(repeating: "路径/", count: 100_000)
        #expect(RegistrableDomain.of(longPath) == "example.com.cn")
    }

    @Test("The domain of a domain is itself, so callers may pass either")
    func idempotent() {
        for input in ["https://news.example.com.cn/a/1.html", "bbs.tianya.cn", "www.legco.org.hk", "192.168.0.1",
                      "localhost", "[2001:db8::1]", "新闻.例子.中国"] {
            let domain = RegistrableDomain.of(input)
            #expect(domain != nil)
            #expect(RegistrableDomain.of(domain!) == domain)
        }
    }
}
