import Foundation

/// Runs the built `scrapeclean` executable, which SwiftPM places in the products folder next to
/// the test bundle.
enum CommandLineRunner {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The repository's Fixtures folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func fixturePath(_ name: String, _ file: String) -> String {
        fixtures.appendingPathComponent(name).appendingPathComponent(file).path
    }

    static let executable: URL? = {
        var folders = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        folders += folders.map { $0.deletingLastPathComponent() }
        for folder in folders {
            let candidate = folder.appendingPathComponent("scrapeclean")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }()

    struct ExecutableNotFound: Error, CustomStringConvertible {
        var description: String { "the scrapeclean executable is not in the products folder; run swift build first" }
    }

    /// Runs `scrapeclean arguments…`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: Data = Data()) throws -> Outcome {
        guard let executable else { throw ExecutableNotFound() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("scrapeclean-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputFile = scratch.appendingPathComponent("stdin"), outputFile = scratch.appendingPathComponent("stdout")
        let errorFile = scratch.appendingPathComponent("stderr")
        try input.write(to: inputFile)
        try Data().write(to: outputFile)
        try Data().write(to: errorFile)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: String(decoding: try Data(contentsOf: outputFile), as: UTF8.self),
                       standardError: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self))
    }
}
