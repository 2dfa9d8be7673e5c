import Foundation

/// The JSON report for one document: where it came from, its metadata and every edit.
///
/// `scrapeclean clean --report FILE` writes one of these per line (JSON Lines):
/// ```json
/// {"edits":[{"count":1,"line":1,"removed":"下面是小编为大家整理的…","replacement":"","rule":"banner.xiaobian-preface","stage":"boilerplate"}],"metadata":{"encoding":"UTF-8","title":"…"},"path":"a.txt"}
/// ```
public struct DocumentReport: Sendable, Codable, Equatable {
    /// The input path, or `-` for standard input.
    public var path: String
    public var metadata: Metadata
    public var edits: [Edit]

    public init(path: String, result: CleanResult) {
        self.path = path
        self.metadata = result.metadata
        self.edits = result.edits
    }

    /// One line of compact JSON with sorted keys, without a trailing newline.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension Metadata {
    /// The metadata as a JSON object (keys that do not apply are absent).
    public var jsonObject: [String: JSONValue] {
        let encoder = JSONEncoder()
        guard let data = try? encoder.encode(self),
              case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return [:] }
        return object
    }
}
