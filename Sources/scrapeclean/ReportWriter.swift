import Foundation
import ScrapeClean
#if canImport(Glibc)
import Glibc
#endif

/// Writes document reports as JSON Lines to a file or standard output.
final class ReportWriter: Sendable {
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    init(path: String) throws(CLIError) {
        if path == "-" {
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw .io(path: path, problem: "cannot write report: \(String(cString: strerror(errno)))") }
            ownsDescriptor = true
        }
    }

    func write(_ report: DocumentReport) {
        report.writeJSONLine { StandardStreams.write($0, to: descriptor) }
        StandardStreams.write([0x0A] as [UInt8], to: descriptor)
    }

    func close() {
        if ownsDescriptor { Glibc.close(descriptor) }
    }
}
