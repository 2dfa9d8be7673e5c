#if canImport(Glibc)
import Glibc
#endif

/// Reads a file descriptor line by line (split on `\n`, which is dropped), a block at a time.
/// A final line without `\n` is returned too. Memory holds one block plus the current line.
/// Compressed input (gzip, zstd) is decompressed on the way (see `ByteSource`); when it is
/// truncated or corrupt, `next` returns nil after the last whole line and `failure` says why.
final class LineReader {
    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private(set) var bytesRead = 0
    /// Lines returned so far (the 1-based number of the last one).
    private(set) var lineNumber = 0

    init(descriptor: Int32, label: String) {
        source = ByteSource(descriptor: descriptor, label: label)
    }

    /// Why reading stopped early (truncated or corrupt compressed input, a read error).
    var failure: CLIError? { source.failure }
    /// The input's compression, known after the first `next`.
    var format: CompressionFormat { source.format }

    func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                // A line cut by truncated input is not returned: it is not a whole record.
                guard start < buffer.count, source.failure == nil else { return nil }
                let line = Array(buffer[start...])
                start = buffer.count
                lineNumber += 1
                return line
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            var block = [UInt8](repeating: 0, count: 1 << 20)
            let count = block.withUnsafeMutableBytes { source.read(into: $0.baseAddress!, capacity: $0.count) }
            if count <= 0 { atEnd = true; continue }
            bytesRead += count
            buffer.append(contentsOf: block[0..<count])
        }
    }
}
