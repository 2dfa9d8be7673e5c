/// The registrable domain of a URL or host: the part a registrant owns, which is what "one
/// site" means for per-site line statistics (`news.example.com.cn` and `www.example.com.cn`
/// are the same site, `example.com.cn`).
///
/// Scheme, user info, port, path, query, fragment and trailing dots are dropped and the host is
/// lower-cased (IDN hosts such as `新闻.例子.中国` too; ideographic dots `。．｡` count as dots).
/// A built-in list of public suffixes that have more than one label (`com.cn`, `gov.cn`, the
/// provincial `bj.cn` … `xj.cn`, `com.tw`, `org.hk`, `edu.mo`, `co.uk`, `com.au`, …) decides
/// how many labels to keep; otherwise the last two. IP literals, one-label hosts such as
/// `localhost`, and hosts that are themselves a public suffix are returned as they are.
/// Punycode labels (`xn--…`) are not decoded. No network, no data file: the list is a table
/// in this file.
///
/// ```swift
/// RegistrableDomain.of("https://news.example.com.cn/a/1.html")  // "example.com.cn"
/// RegistrableDomain.of("WWW.Sina.com.cn:8080")                   // "sina.com.cn"
/// RegistrableDomain.of("http://a.b.gov.cn/")                     // "b.gov.cn"
/// RegistrableDomain.of("blog.example.com")                       // "example.com"
/// RegistrableDomain.of("http://192.168.0.1:8000/x")              // "192.168.0.1"
/// RegistrableDomain.of("http://")                                // nil: no host
/// ```
public enum RegistrableDomain {
    /// The longest host accepted, in scalars (DNS allows 253 characters).
    public static let maximumHostLength = 253
    /// The longest label accepted, in scalars (DNS allows 63).
    public static let maximumLabelLength = 63

    /// The registrable domain of `urlOrHost`, or nil when it holds no usable host (empty,
    /// `http://`, empty labels such as `a..b`, spaces or other characters no host has, a host
    /// or label longer than DNS allows).
    public static func of(_ urlOrHost: some StringProtocol) -> String? {
        guard let host = host(of: urlOrHost) else { return nil }
        if host.unicodeScalars.first == "[" || isNumeric(lastLabelOf: host) { return host }
        let labels = host.unicodeScalars.split(separator: ".").map { String(String.UnicodeScalarView($0)) }
        guard labels.count > 1 else { return host }
        // The longest listed suffix decides; an unlisted one is the top-level domain alone.
        var suffixLabels = 1
        for count in stride(from: min(labels.count, PublicSuffixes.longest), through: 2, by: -1) {
            if PublicSuffixes.multiLabel.contains(labels.suffix(count).joined(separator: ".")) {
                suffixLabels = count
                break
            }
        }
        guard labels.count > suffixLabels else { return host }
        return labels.suffix(suffixLabels + 1).joined(separator: ".")
    }

    /// The lower-cased host of `urlOrHost` without user info, port or trailing dot, or nil when
    /// there is none. IPv6 literals keep their brackets (`[2001:db8::1]`).
    public static func host(of urlOrHost: some StringProtocol) -> String? {
        var scalars = String(urlOrHost).unicodeScalars[...]
        while let first = scalars.first, isWhiteSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isWhiteSpace(last) { scalars.removeLast() }
        // Scheme: letters, digits, + - . before ":" and two slashes (browsers take `\\` for `/`);
        // a scheme-relative "//host" too.
        func isSlash(_ scalar: Unicode.Scalar?) -> Bool { scalar == "/" || scalar == "\\" }
        if let colon = scalars.firstIndex(of: ":"), colon > scalars.startIndex,
           scalars[..<colon].allSatisfy(isSchemeScalar) {
            let rest = scalars[scalars.index(after: colon)...]
            if isSlash(rest.first), isSlash(rest.dropFirst().first) { scalars = rest.dropFirst(2) }
        } else if isSlash(scalars.first), isSlash(scalars.dropFirst().first) {
            scalars = scalars.dropFirst(2)
        }
        // The authority ends at the path, query or fragment.
        if let end = scalars.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == "\\" }) {
            scalars = scalars[..<end]
        }
        if let at = scalars.lastIndex(of: "@") { scalars = scalars[scalars.index(after: at)...] }
        if scalars.first == "[" {
            // IPv6 literal: up to the closing bracket (a port may follow), zone id after %.
            guard let close = scalars.firstIndex(of: "]") else { return nil }
            let address = scalars[scalars.index(after: scalars.startIndex)..<close]
            let zone = address.firstIndex(of: "%") ?? address.endIndex
            guard !address.isEmpty, address[..<zone].allSatisfy(isIPv6Scalar),
                  address[zone...].dropFirst().allSatisfy({ $0.value < 0x80 && isSchemeScalar($0) }) else { return nil }
            return String(String.UnicodeScalarView(scalars[...close].map(lowercased)))
        }
        let colons = scalars.count(where: { $0 == ":" })
        if colons > 1 {
            // A bare IPv6 address (no brackets, so no port).
            guard scalars.allSatisfy(isIPv6Scalar) else { return nil }
            return String(String.UnicodeScalarView(scalars.map(lowercased)))
        }
        if colons == 1, let colon = scalars.firstIndex(of: ":") {
            guard scalars[scalars.index(after: colon)...].allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) else { return nil }
            scalars = scalars[..<colon]
        }
        var host = String.UnicodeScalarView()
        var labelLength = 0
        var emptyInnerLabel = false
        for scalar in scalars {
            let folded = isDot(scalar) ? "." : lowercased(scalar)
            if folded == "." {
                if labelLength == 0, !host.isEmpty { emptyInnerLabel = true }
                labelLength = 0
            } else {
                guard isHostScalar(folded) else { return nil }
                labelLength += 1
                guard labelLength <= maximumLabelLength else { return nil }
            }
            host.append(folded)
            guard host.count <= maximumHostLength + 1 else { return nil }
        }
        // A fully qualified name's trailing dot (and a cookie-style leading one) are not labels.
        while host.last == "." { host.removeLast() }
        while host.first == "." { host.removeFirst() }
        guard !host.isEmpty, host.count <= maximumHostLength else { return nil }
        // `a..b.com` is no host; only the dots at the ends may repeat (`example.com..`).
        if emptyInnerLabel {
            var previousDot = false
            for scalar in host {
                if scalar == ".", previousDot { return nil }
                previousDot = scalar == "."
            }
        }
        return String(host)
    }

    private static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar.value == 0x3000 || scalar.value == 0xA0 || scalar.value == 0xFEFF
    }

    private static func isSchemeScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "+", "-", ".": true
        default: false
        }
    }

    private static func isIPv6Scalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "0"..."9", "a"..."f", "A"..."F", ":", ".": true
        default: false
        }
    }

    private static func isDot(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar.value == 0x3002 || scalar.value == 0xFF0E || scalar.value == 0xFF61
    }

    /// Letters, digits, `-` and `_` (seen in real hosts) in ASCII; any letter or digit beyond.
    private static func isHostScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "0"..."9", "-", "_": return true
        default:
            guard scalar.value >= 0x80 else { return false }
            let properties = scalar.properties
            return properties.isAlphabetic || properties.numericType != nil || properties.isIdeographic
        }
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        // Full-width ASCII folds to half width first (ｅｘａｍｐｌｅ.com).
        if scalar.value >= 0xFF01, scalar.value <= 0xFF5E { return lowercased(Unicode.Scalar(scalar.value - 0xFEE0)!) }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }

    /// Dotted-quad IPv4, and any host whose last label is all digits: no top-level domain is.
    private static func isNumeric(lastLabelOf host: String) -> Bool {
        let last = host.utf8.split(separator: UInt8(ascii: ".")).last ?? host.utf8[...]
        return !last.isEmpty && last.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// The public suffixes of more than one label that the registrable domain needs, from the
/// Public Suffix List (publicsuffix.org), chosen for the Chinese-language web and the
/// registries scraped pages most often come from. One-label suffixes need no entry: the
/// top-level domain is the suffix when nothing longer is listed.
enum PublicSuffixes {
    static let longest = 3

    static let multiLabel: Set<String> = {
        var suffixes = Set<String>()
        func add(_ tld: String, _ seconds: String) {
            for second in seconds.split(separator: " ") { suffixes.insert("\(second).\(tld)") }
        }
        // China: the generic second levels and one per province or region.
        add("cn", "ac com edu gov mil net org ah bj cq fj gd gs gx gz ha hb he hi hk hl hn jl js jx ln mo nm nx qh sc sd sh sn sx tj tw xj xz yn zj")
        add("中国", "公司 网络 政务")
        add("tw", "com net org gov edu idv mil game ebiz club 商業 組織 網路")
        add("台灣", "商業 組織 網路")
        add("hk", "com net org gov edu idv 個人 个人 公司 政府 教育 組織 组织 網絡 网络")
        add("香港", "個人 公司 政府 教育 組織 網絡")
        add("mo", "com net org gov edu")
        add("sg", "com net org gov edu per")
        add("my", "com net org gov edu mil name biz")
        add("jp", "ac ad co ed go gr lg ne or")
        add("kr", "ac co es go hs kg mil ms ne or pe re sc")
        add("uk", "ac co gov ltd me net nhs org plc police sch")
        add("au", "asn com edu gov id net org")
        add("nz", "ac co geek gen govt kiwi maori net org school")
        add("ca", "ab bc mb nb nf nl ns nt nu on pe qc sk yk")
        add("in", "ac co edu firm gen gov ind mil net org res")
        add("id", "ac co go mil net or sch web")
        add("th", "ac co go in mi net or")
        add("vn", "ac biz com edu gov info int net org")
        add("ph", "com edu gov mil net ngo org")
        add("br", "com edu gov net org")
        add("mx", "com edu gob net org")
        add("ar", "com edu gob net org")
        add("tr", "com edu gen gov net org")
        add("za", "ac co gov net org")
        add("il", "ac co gov net org")
        add("ru", "com net org")
        add("ua", "com net org gov edu")
        add("pk", "com edu gov net org")
        add("sa", "com edu gov net org")
        add("eg", "com edu gov net org")
        add("mm", "com edu gov net org")
        add("kh", "com edu gov net org")
        add("la", "com edu gov net org")
        add("mn", "edu gov org")
        add("np", "com edu gov net org")
        add("bd", "com edu gov net org")
        add("lk", "com edu gov net org")
        // Hosting suffixes where every customer is a separate site (the list's private part).
        for host in ["blogspot.com", "github.io", "appspot.com", "herokuapp.com", "netlify.app",
                     "vercel.app", "pages.dev", "azurewebsites.net", "cloudfront.net"] {
            suffixes.insert(host)
        }
        return suffixes
    }()
}
