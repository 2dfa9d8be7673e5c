#if canImport(Glibc)
import Glibc
#endif

/// Reads a file descriptor line by line (split on `\n`, which is dropped), a block at a time.
/// A final line without `\n` is returned too. Memory holds one block plus the current line.
final class LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private(set) var bytesRead = 0
    /// Lines returned so far (the 1-based number of the last one).
    private(set) var lineNumber = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
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
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { atEnd = true; continue }
            bytesRead += count
            buffer.append(contentsOf: block[0..<count])
        }
    }
}
