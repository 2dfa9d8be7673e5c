import Foundation

/// Runs the built `scrapeclean` binary, which sits next to the test bundle.
enum CLIRunner {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The products folder: the directory of the running test executable.
    static var binary: URL {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // Inside an .xctest bundle on some platforms the executable is nested deeper.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("scrapeclean").path),
              folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("scrapeclean")
    }

    /// Runs the CLI with `arguments`, feeding `stdin`, in `directory` (default: the package root).
    static func run(_ arguments: [String], stdin: [UInt8] = [], in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes on background threads so a large output cannot block the child.
        let outBox = ByteBox(), errBox = ByteBox()
        let group = DispatchGroup()
        for (pipe, box) in [(output, outBox), (error, errBox)] {
            group.enter()
            DispatchQueue.global().async {
                box.bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Output(status: process.terminationStatus, stdout: outBox.bytes,
                      stderr: String(decoding: errBox.bytes, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scrapeclean-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

final class ByteBox: @unchecked Sendable {
    var bytes: [UInt8] = []
}
