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
    /// report of a long document (hundreds of thousands of edits) is never held whole, nor as
    /// the encoder's tree of every edit.
    ///
    /// The pieces are what encoding the whole report gives: the report without its edits is
    /// encoded (keys sorted, so it starts `{"edits":[]`), and each edit, encoded on its own by
    /// the same encoder, goes between the brackets.
    ///
    /// ```swift
    /// report.writeJSONLine { piece in handle.write(piece) }
    /// ```
    public func writeJSONLine(_ write: (Data) -> Void) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var shell = self
        shell.edits = []
        // Encoding plain strings, numbers and arrays cannot fail.
        let outer = (try? encoder.encode(shell)) ?? Data("{}".utf8)
        let opening = Data(#"{"edits":["#.utf8)
        guard !edits.isEmpty else { return write(outer) }
        guard outer.starts(with: opening + Data("]".utf8)) else {
            return write((try? encoder.encode(self)) ?? outer)
        }
        var piece = opening
        piece.reserveCapacity(Self.pieceSize + 4096)
        for (index, edit) in edits.enumerated() {
            if index > 0 { piece.append(0x2C) }
            piece.append((try? encoder.encode(edit)) ?? Data("{}".utf8))
            if piece.count >= Self.pieceSize {
                write(piece)
                piece.removeAll(keepingCapacity: true)
            }
        }
        piece.append(outer.dropFirst(opening.count))
        write(piece)
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
