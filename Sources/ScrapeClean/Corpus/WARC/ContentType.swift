/// A `Content-Type` value, parsed: the media type (lower-cased, without parameters) and the
/// `charset` parameter, and what kind of body that makes for cleaning.
///
/// ```swift
/// let type = ContentType("text/html; charset=\"GBK\"")
/// type.mediaType   // "text/html"
/// type.charset     // "GBK"
/// type.kind        // .html
/// ```
public struct ContentType: Sendable, Equatable {
    /// `type/subtype`, lower-cased; empty when the value had none.
    public var mediaType: String
    /// The `charset` parameter as written (quotes removed), or nil.
    public var charset: String?

    /// What a body of this type is to the cleaner.
    public enum Kind: Sendable, Equatable {
        /// Plain text (`text/plain`, Markdown): cleaned as it is.
        case text
        /// HTML or XHTML: markup, which needs text extraction first (not done here).
        case html
        /// Anything else: images, PDF, scripts, style sheets, data.
        case other
    }

    public init(_ value: String) {
        var parts = value.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        mediaType = parts.next().map { Self.trim($0).lowercased() } ?? ""
        charset = nil
        while let part = parts.next() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            guard Self.trim(part[..<equals]).lowercased() == "charset" else { continue }
            var name = Self.trim(part[part.index(after: equals)...])
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            if !name.isEmpty { charset = name }
        }
    }

    public var kind: Kind {
        switch mediaType {
        case "text/plain", "text/markdown", "text/x-markdown": .text
        case "text/html", "application/xhtml+xml": .html
        default: .other
        }
    }

    /// The ICU converter to decode a body declared in `charset` with, or nil when ICU does not
    /// know the name. Labels are read the way browsers read them (WHATWG Encoding): gb2312,
    /// GBK and their aliases mean GB18030's superset, ISO-8859-1 and ASCII mean windows-1252.
    public static func decoderName(forCharset charset: String) -> String? {
        let name = trim(Substring(charset)).lowercased()
        switch name {
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "windows-936", "euc-cn", "csgb2312", "chinese", "gb18030":
            return "GB18030"
        case "big5", "big-5", "cn-big5", "x-x-big5", "csbig5", "big5-hkscs":
            return "Big5"
        case "iso-8859-1", "latin1", "l1", "iso8859-1", "us-ascii", "ascii", "cp1252", "windows-1252":
            return "windows-1252"
        case "utf-8", "utf8":
            return "UTF-8"
        default:
            return ICU.canonicalConverterName(name) == nil ? nil : name
        }
    }

    private static func trim(_ text: Substring) -> String {
        var slice = text
        while let first = slice.unicodeScalars.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.unicodeScalars.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
