/// A page-title line such as `标题_站点名`, `标题-站点名`, `标题|标签|…_站点名` or
/// `标题_栏目_关键词 - 站点名`, split into the article title and the site name.
///
/// ```swift
/// PageTitle("去年山东新增航线35条 海铁联运量居全国沿海港口首位_骄阳网")
/// // title "去年山东新增航线35条 海铁联运量居全国沿海港口首位", site "骄阳网"
/// ```
struct PageTitle: Equatable {
    var title: String
    var site: String

    init?(_ text: String) {
        guard Self.mayHaveSeparator(text) else { return nil }
        let scalars = Array(MetadataCollector.clean(text).unicodeScalars)
        let separators: [[Unicode.Scalar]] = [["_"], [" ", "-", " "], ["-"], ["–"], ["—"], ["|"]]
        for separator in separators {
            guard let cut = Self.lastIndex(of: separator, in: scalars) else { continue }
            let site = Array(scalars[(cut + separator.count)...])
            var rest = Array(scalars[..<cut])
            guard site.count >= 2, site.count <= 24, !site.contains(where: { LineShape.isSpace($0.value) }),
                  site.contains(where: { CharacterClass.isHan($0.value) || CharacterClass.isASCIILetter($0.value) })
            else { continue }
            // The same suffix repeated: 标题_m6平台_m6平台.
            let suffix = separator + site
            while rest.count > suffix.count, rest.suffix(suffix.count).elementsEqual(suffix) {
                rest.removeLast(suffix.count)
            }
            // 标题|标签|标签: the title is the part before the first bar.
            if separator != ["|"], let bar = rest.firstIndex(of: "|"), bar >= 4 {
                rest = Array(rest[..<bar])
            }
            // 标题_栏目_关键词 - 站点: the title is the part before the first underscore.
            if separator != ["_"], let underscore = rest.firstIndex(of: "_"), underscore >= 4 {
                rest = Array(rest[..<underscore])
            }
            while let last = rest.last, LineShape.isSpace(last.value) { rest.removeLast() }
            guard rest.count >= 4 else { continue }
            self.title = ValidUTF8.string(rest)
            self.site = ValidUTF8.string(site)
            return
        }
        return nil
    }

    /// Whether `text` has one of the separators' characters (`_ - – — |`) at all: one byte scan
    /// instead of an array of scalars for the many lines that have none.
    private static func mayHaveSeparator(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x5F, 0x2D, 0x7C: return true
                case 0xE2:
                    // – is E2 80 93, — is E2 80 94.
                    if index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94 {
                        return true
                    }
                default: break
                }
            }
            return false
        }
    }

    /// The last place of `needle` in `haystack` that can separate a title from a site name: a
    /// one-character dash between two digits joins a range or a number (`2022-2023学年`,
    /// `010-8888`) and separates nothing.
    private static func lastIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
        guard haystack.count > needle.count else { return nil }
        let isDash = needle.count == 1 && (needle[0] == "-" || needle[0] == "–")
        var index = haystack.count - needle.count
        while index > 0 {
            if haystack[index..<(index + needle.count)].elementsEqual(needle),
               !(isDash && CharacterClass.isASCIIDigit(haystack[index - 1].value)
                   && CharacterClass.isASCIIDigit(haystack[index + 1].value)) {
                return index
            }
            index -= 1
        }
        return nil
    }
}
