import ScrapeClean
#if canImport(Glibc)
import Glibc
#endif

/// An input's bytes (decompressed as `ByteSource` does) whose first bytes have been looked at,
/// to tell WARC input (`WARC/1.`) from anything else without losing them: ``read(_:)`` hands
/// them out first.
final class SniffedInput {
    let source: ByteSource
    private var pending: [UInt8] = []
    private var pendingStart = 0

    init(descriptor: Int32, label: String) {
        source = ByteSource(descriptor: descriptor, label: label)
        var block = [UInt8](repeating: 0, count: 64)
        while pending.count < 7 {
            let count = block.withUnsafeMutableBytes { source.read(into: $0.baseAddress!, capacity: $0.count) }
            if count <= 0 { break }
            pending.append(contentsOf: block[0..<count])
        }
    }

    /// Whether the (decompressed) input starts with `WARC/1.`.
    var isWARC: Bool { WARCReader.looksLikeWARC(pending) }

    /// Why reading stopped early (truncated or corrupt compressed input, a read error).
    var failure: CLIError? { source.failure }

    /// POSIX `read` over the input: the peeked bytes, then the rest.
    func read(_ destination: UnsafeMutableRawBufferPointer) -> Int {
        if pendingStart < pending.count {
            let count = min(destination.count, pending.count - pendingStart)
            pending.withUnsafeBytes { _ = memcpy(destination.baseAddress!, $0.baseAddress! + pendingStart, count) }
            pendingStart += count
            return count
        }
        return source.read(into: destination.baseAddress!, capacity: destination.count)
    }

    /// Everything, decompressed.
    func readAll() throws(CLIError) -> [UInt8] {
        var bytes = Array(pending[pendingStart...])
        pendingStart = pending.count
        bytes.append(contentsOf: try source.readAll())
        return bytes
    }

    /// A WARC reader over this input, named `label` in its errors.
    func warcReader(label: String) -> WARCReader {
        WARCReader(file: label) { [self] destination in read(destination) }
    }

    /// The error to report for a reader's failure: the byte source's own (truncated gzip…)
    /// when the input could not be read, with the record's offset; else the reader's.
    func cliError(_ error: WARCError) -> CLIError {
        if case .unreadable = error, let failure {
            return .io(path: error.file, problem: "\(failure.problem) (in the WARC record at byte \(error.offset))")
        }
        return .io(path: error.file, problem: error.problem)
    }

    /// Whether the file at `path` is WARC by its first (decompressed) bytes; false when it
    /// cannot be opened (reading it later reports why) and for a FIFO or device, whose bytes
    /// a look would consume (`--warc` reads those as WARC).
    static func fileIsWARC(_ path: String) -> Bool {
        guard InputFiles.isRegularFile(path) else { return false }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return SniffedInput(descriptor: descriptor, label: path).isWARC
    }
}

extension CLIError {
    /// The message without the path.
    var problem: String {
        switch self {
        case let .usage(message): message
        case let .io(_, problem): problem
        }
    }
}

/// The name of the JSON Lines file a WARC input is cleaned into under `-o DIR`: `.warc`,
/// `.wet` and `.warc.wet` give way to `.jsonl`, and the compression suffix stays (`-o` keeps
/// each file's compression): `x.warc.wet.gz` → `x.jsonl.gz`, `y.warc` → `y.jsonl`.
func jsonLinesName(forWARC path: String) -> String {
    var name = path
    var compression = ""
    for suffix in [".gz", ".zst"] where name.hasSuffix(suffix) {
        compression = suffix
        name.removeLast(suffix.count)
    }
    for suffix in [".wet", ".warc"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
    return name + ".jsonl" + compression
}
