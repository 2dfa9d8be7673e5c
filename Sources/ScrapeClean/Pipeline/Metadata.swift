/// What the cleaner learned about a document: what the page states about itself, what was
/// found in it, and how it was read.
///
/// Encoded as a flat JSON object; keys that do not apply are left out.
public struct Metadata: Sendable, Codable, Equatable {
    /// The document title, as stated by the page.
    public var title: String?
    /// The author or speaker.
    public var author: String?
    /// The date as written on the page, e.g. `2012年3月19日` or `2022-10-01`.
    public var date: String?
    /// Where the page says the text comes from (来源).
    public var source: String?
    /// The responsible editor (责任编辑).
    public var editor: String?
    /// The site's own name.
    public var site: String?
    /// Keywords or tags the page lists.
    public var keywords: [String]?
    /// Whether the page showed only part of the text (a truncation or paywall notice).
    public var truncated: Bool?
    /// Characters the site says it left out (省略877字).
    public var omittedCharacters: Int?
    /// The total length the site declares (全文共4678字).
    public var declaredTotal: Int?
    /// The length the site says it shows (当前仅显示2464字).
    public var shownCharacters: Int?
    /// Anonymized placeholders kept in the text (XX, ***).
    public var placeholders: Int?
    /// The encoding the input was read as, e.g. `UTF-8`, `GB18030`, `Big5`.
    public var encoding: String?
    /// Invalid byte sequences replaced with U+FFFD while decoding.
    public var invalidBytes: Int?
    /// Byte offsets of the first invalid sequences.
    public var invalidByteOffsets: [Int]?
    /// The script detected before conversion: `simplified`, `traditional` or `mixed`.
    public var script: String?
    /// The conversion applied, e.g. `tw2s` (only with a conversion target).
    public var conversion: String?
    /// Garbage runs that could not be repaired and were removed (mojibake stage).
    public var unrepairedRuns: Int?
    /// Lines in the decoded input.
    public var inputLines: Int?
    /// Lines in the cleaned output.
    public var outputLines: Int?

    public init() {}
}
