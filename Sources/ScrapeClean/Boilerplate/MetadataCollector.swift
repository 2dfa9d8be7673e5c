/// Fills ``Metadata`` from values that rules and detectors find. The first value found for a
/// field wins (pages state the article's own author before the sidebar's).
///
/// ```swift
/// var collector = MetadataCollector(metadata: Metadata())
/// collector.set("author", to: "张 锋")   // author = "张锋"
/// collector.set("keywords", to: "选派,讲话 |")   // ["选派", "讲话"]
/// ```
struct MetadataCollector {
    var metadata: Metadata

    /// Records a captured value under a rule's named group.
    mutating func set(_ field: String, to raw: String) {
        let value = Self.clean(raw)
        guard !value.isEmpty else { return }
        switch field {
        case "author": if metadata.author == nil { metadata.author = Self.joinHanName(value) }
        case "date": if metadata.date == nil { metadata.date = value }
        case "source": if metadata.source == nil { metadata.source = value }
        case "editor": if metadata.editor == nil { metadata.editor = value }
        case "site": if metadata.site == nil { metadata.site = value }
        case "keywords":
            if metadata.keywords == nil {
                let words = Self.splitKeywords(value)
                if !words.isEmpty { metadata.keywords = words }
            }
        case "omittedCharacters":
            if let number = Int(value) { metadata.omittedCharacters = (metadata.omittedCharacters ?? 0) + number }
        case "declaredTotal": if metadata.declaredTotal == nil { metadata.declaredTotal = Int(value) }
        case "shownCharacters": if metadata.shownCharacters == nil { metadata.shownCharacters = Int(value) }
        default: break
        }
    }

    /// Trims white space and stray separators (`|`, `·`) from both ends.
    static func clean(_ raw: String) -> String {
        func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
            LineShape.isSpace(scalar.value) || scalar == "|" || scalar == "｜" || scalar == "·"
        }
        let scalars = raw.unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            guard isTrimmable(scalars[before]) else { break }
            end = before
        }
        var start = scalars.startIndex
        while start < end, isTrimmable(scalars[start]) { start = scalars.index(after: start) }
        if start == scalars.startIndex, end == scalars.endIndex { return raw }
        return String(scalars[start..<end])
    }

    /// `张 锋` → `张锋`: spaces between Han characters of a byline are dropped.
    static func joinHanName(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        var view = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if LineShape.isSpace(scalar.value), index > 0, index + 1 < scalars.count,
               CharacterClass.isHan(scalars[index - 1].value), CharacterClass.isHan(scalars[index + 1].value) {
                continue
            }
            view.append(scalar)
        }
        return String(view)
    }

    /// Splits a keyword list on commas, enumeration commas, semicolons, bars and spaces.
    static func splitKeywords(_ value: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case ",", "，", "、", ";", "；", "|", "｜", " ", "\t", "\u{3000}":
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
            default:
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
