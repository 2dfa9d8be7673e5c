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
        String(decoding: jsonLineData(), as: UTF8.self)
    }

    /// ``jsonLine()`` as UTF-8 bytes.
    ///
    /// ```swift
    /// let bytes = DocumentReport(path: "a.txt", result: result).jsonLineData()
    /// ```
    public func jsonLineData() -> Data {
        var data = Data()
        writeJSONLine { data.append($0) }
        return data
    }

    /// Hands ``jsonLine()``'s UTF-8 to `write` in pieces of about 64 KB, in order, so that the
    /// report of a long document (hundreds of thousands of edits) is never held whole.
    ///
    /// The bytes are what `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) gives for the
    /// whole report, written directly (``EditJSON``, ``MetadataJSON``).
    ///
    /// ```swift
    /// report.writeJSONLine { piece in handle.write(piece) }
    /// ```
    public func writeJSONLine(_ write: (Data) -> Void) {
        var piece: [UInt8] = []
        piece.reserveCapacity(Self.pieceSize + 4096)
        piece.append(contentsOf: #"{"edits":["#.utf8)
        for (index, edit) in edits.enumerated() {
            if index > 0 { piece.append(UInt8(ascii: ",")) }
            EditJSON.write(edit, into: &piece)
            if piece.count >= Self.pieceSize {
                write(Data(piece))
                piece.removeAll(keepingCapacity: true)
            }
        }
        piece.append(contentsOf: #"],"metadata":"#.utf8)
        MetadataJSON.write(metadata, editCounts: nil, into: &piece)
        piece.append(contentsOf: #","path":"#.utf8)
        JSONStringCoding.encodeAsJSONEncoder(path, into: &piece)
        piece.append(UInt8(ascii: "}"))
        write(Data(piece))
    }

    /// The size of the pieces ``writeJSONLine(_:)`` hands over.
    static let pieceSize = 1 << 16
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
