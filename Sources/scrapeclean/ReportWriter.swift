import Foundation
import ScrapeClean
#if canImport(Glibc)
import Glibc
#endif

/// Writes JSON Lines to a file or standard output: document reports (`--report`), records of
/// documents set aside (`--rejects`).
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

    /// Writes one line (the bytes of one JSON object) and its newline.
    func writeLine(_ bytes: [UInt8]) {
        StandardStreams.write(bytes + [0x0A], to: descriptor)
    }

    func close() {
        if ownsDescriptor { Glibc.close(descriptor) }
    }
}
