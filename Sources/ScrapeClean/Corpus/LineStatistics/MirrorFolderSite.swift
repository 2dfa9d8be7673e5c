/// The site of a plain file saved by a site mirror: the host folder in its path.
///
/// `wget --mirror`, HTTrack and most crawlers that write one file per page keep each site
/// under a folder named after its host (`mirror/news.example.com.cn/2024/0512/1.html`), and
/// scraped text trees often keep that layout. The nearest folder of the path whose name is a
/// host name — at least two labels, the last one letters (`cn`, `com`, an IDN label or
/// `xn--…`), an optional `:port` as wget writes it — is the file's site; the file's own name is
/// never one. Version-like or dated folders (`v1.2`, `2024.05`) are not hosts.
///
/// ```swift
/// MirrorFolderSite.host(inPath: "mirror/news.example.com.cn/2024/1.txt")  // "news.example.com.cn"
/// MirrorFolderSite.host(inPath: "crawl/bbs.example.cn:8080/t/9.txt")      // "bbs.example.cn"
/// MirrorFolderSite.host(inPath: "corpus/2024.05/page.txt")                // nil
/// MirrorFolderSite.host(inPath: "example.com.txt")                        // nil: a file name
/// ```
public enum MirrorFolderSite {
    /// The host named by the nearest host-like folder of `path`, lower-cased, or nil.
    public static func host(inPath path: some StringProtocol) -> String? {
        let folders = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        for folder in folders.reversed() {
            guard let host = RegistrableDomain.host(of: folder) else { continue }
            let labels = host.split(separator: ".")
            if labels.count >= 2, endsInTopLevelDomain(labels[labels.count - 1]) { return host }
        }
        return nil
    }

    /// Whether a label can be a top-level domain: two or more ASCII letters, a punycode label,
    /// or a label in another script (`中国`).
    private static func endsInTopLevelDomain(_ label: Substring) -> Bool {
        if label.hasPrefix("xn--") { return true }
        var letters = 0
        for scalar in label.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A: letters += 1
            case 0x80...: return !label.unicodeScalars.contains { $0.value < 0x80 }
            default: return false
            }
        }
        return letters >= 2
    }
}
