import Foundation

/// A cleaning fixture: `input.txt`, the `expected.txt` a careful editor wrote, optional `args`
/// (extra `clean` flags on one line), optional `expected.json` (metadata keys that must match)
/// and an optional `pending` file whose text says which capability the fixture still waits for.
public struct Fixture: Sendable {
    /// The folder name.
    public var name: String
    /// The folder path.
    public var directory: String
    public var input: [UInt8]
    public var expected: String
    /// Extra `clean` flags from the `args` file, split like a shell would (quotes respected).
    public var arguments: [String]
    /// Metadata keys and values that must match, from `expected.json`.
    public var expectedMetadata: [String: JSONValue]?
    /// Why the fixture is not expected to pass yet, from the `pending` file.
    public var pendingReason: String?

    /// Loads every fixture folder under `directory` (folders holding an `input.txt`), by name.
    /// - Throws: ``FixtureError`` when a fixture folder is incomplete or unreadable.
    public static func loadAll(in directory: String) throws(FixtureError) -> [Fixture] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(directory)
        }
        let names = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var fixtures: [Fixture] = []
        for name in names {
            let folder = (directory as NSString).appendingPathComponent(name)
            guard manager.fileExists(atPath: (folder as NSString).appendingPathComponent("input.txt")) else { continue }
            fixtures.append(try load(folder))
        }
        return fixtures
    }

    /// Loads one fixture folder.
    public static func load(_ folder: String) throws(FixtureError) -> Fixture {
        func read(_ file: String) -> Data? {
            FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(file))
        }
        let name = (folder as NSString).lastPathComponent
        guard let input = read("input.txt") else { throw .unreadable(folder, "input.txt") }
        guard let expected = read("expected.txt") else { throw .missingExpected(folder) }
        var metadata: [String: JSONValue]?
        if let json = read("expected.json") {
            guard case let .object(object)? = try? JSONDecoder().decode(JSONValue.self, from: json) else {
                throw .invalidExpectedMetadata(folder)
            }
            metadata = object
        }
        let arguments = read("args").map { ShellWords.split(String(decoding: $0, as: UTF8.self)) } ?? []
        let pending = read("pending").map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return Fixture(name: name, directory: folder, input: [UInt8](input),
                       expected: String(decoding: expected, as: UTF8.self), arguments: arguments,
                       expectedMetadata: metadata, pendingReason: pending.map { $0.isEmpty ? "pending" : $0 })
    }

    /// Compares a cleaning result with what the fixture expects.
    public func check(_ result: CleanResult) -> FixtureOutcome {
        let diff = LineDiff(old: expected, new: result.text)
        var textDiff = diff.unified(oldLabel: "\(name)/expected.txt", newLabel: "\(name)/actual")
        if textDiff.isEmpty, !expected.utf8.elementsEqual(result.text.utf8) {
            textDiff = "--- \(name)/expected.txt\n+++ \(name)/actual\n(texts differ only in Unicode normalization or the final newline)\n"
        }
        var mismatches: [String] = []
        if let expectedMetadata {
            let actual = result.metadata.jsonObject
            for key in expectedMetadata.keys.sorted() where actual[key] != expectedMetadata[key] {
                mismatches.append("\(key): expected \(Self.render(expectedMetadata[key])), got \(Self.render(actual[key]))")
            }
        }
        if textDiff.isEmpty, mismatches.isEmpty { return .passed }
        return .failed(textDiff: textDiff, metadataMismatches: mismatches)
    }

    private static func render(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }
}

/// The outcome of running one fixture.
public enum FixtureOutcome: Sendable, Equatable {
    case passed
    case failed(textDiff: String, metadataMismatches: [String])
}

/// Why fixtures could not be loaded.
public enum FixtureError: Error, Equatable, CustomStringConvertible {
    case notADirectory(String)
    case unreadable(String, String)
    case missingExpected(String)
    case invalidExpectedMetadata(String)

    public var description: String {
        switch self {
        case let .notADirectory(path): "\(path): not a directory of fixtures"
        case let .unreadable(folder, file): "\(folder)/\(file): cannot be read"
        case let .missingExpected(folder): "\(folder): has input.txt but no expected.txt (run with --update to create it)"
        case let .invalidExpectedMetadata(folder): "\(folder)/expected.json: not a JSON object"
        }
    }
}

/// Splits a line of flags like a shell: white space separates, quotes group.
enum ShellWords {
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
