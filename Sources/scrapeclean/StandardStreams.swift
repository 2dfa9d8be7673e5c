#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard output and standard error, as bytes.
enum StandardStreams {
    /// Writes all of `bytes` to a file descriptor, retrying short writes.
    /// - Returns: false when the descriptor is closed or the write fails (e.g. a closed pipe).
    @discardableResult
    static func write<Bytes: Collection<UInt8>>(_ bytes: Bytes, to descriptor: Int32) -> Bool {
        var ok = true
        let written: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
            writeAll(buffer, to: descriptor)
        }
        if let written { ok = written } else { ok = Array(bytes).withUnsafeBufferPointer { writeAll($0, to: descriptor) } }
        return ok
    }

    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        guard var pointer = buffer.baseAddress else { return true }
        var remaining = buffer.count
        while remaining > 0 {
            let count = Glibc.write(descriptor, pointer, remaining)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            pointer += count
            remaining -= count
        }
        return true
    }

    static func output(_ text: String) {
        write(text.utf8, to: STDOUT_FILENO)
    }

    /// One line on standard error.
    static func error(_ line: String) {
        write(Array((line + "\n").utf8), to: STDERR_FILENO)
    }

    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Reads all of standard input (decompressed when it is gzip or zstd).
    static func readStandardInput() throws(CLIError) -> [UInt8] {
        try ByteSource(descriptor: STDIN_FILENO, label: "standard input").readAll()
    }
}
