import CCompression
#if canImport(Glibc)
import Glibc
#endif

/// How a file's bytes are compressed: found by the magic bytes on input (`1f 8b` gzip,
/// `28 b5 2f fd` zstd), by the name (`.gz`, `.zst`) for output under `-o`.
enum CompressionFormat: Sendable, Equatable {
    case none, gzip, zstd

    /// The format whose magic bytes start `prefix` (`.none` for anything else, including
    /// fewer than the magic's bytes).
    ///
    ///     CompressionFormat(magic: [0x1f, 0x8b, 0x08]) == .gzip
    init(magic prefix: some Collection<UInt8>) {
        let bytes = Array(prefix.prefix(4))
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b { self = .gzip }
        else if bytes == [0x28, 0xb5, 0x2f, 0xfd] { self = .zstd }
        else { self = .none }
    }

    /// The format a file of this name is written in: `x.jsonl.gz` gzip, `x.txt.zst` zstd.
    init(name: String) {
        if name.hasSuffix(".gz") { self = .gzip }
        else if name.hasSuffix(".zst") { self = .zstd }
        else { self = .none }
    }

    var name: String {
        switch self {
        case .none: "plain"
        case .gzip: "gzip"
        case .zstd: "zstd"
        }
    }

    fileprivate var code: Int32 { self == .gzip ? Int32(CCOMP_GZIP) : Int32(CCOMP_ZSTD) }
}

/// The bytes of a file descriptor, decompressed on the fly when they are gzip (several members
/// allowed, as `cat a.gz b.gz` makes) or zstd (several frames allowed); plain bytes pass
/// through. Memory is one read block plus the decoder's window, whatever the input's size.
///
/// `read` behaves like POSIX `read`: it fills up to `capacity` bytes and returns how many,
/// 0 at the end, or -1 when the input is truncated or corrupt or cannot be read; `failure`
/// then names the file and, for compressed input, the offset in the compressed bytes.
final class ByteSource {
    private let descriptor: Int32
    private let label: String
    private var raw: [UInt8]
    private var rawStart = 0
    private var rawEnd = 0
    private var rawAtEnd = false
    private var decoder: OpaquePointer?
    /// Whether the decoder is between members or frames (where the input may end).
    private var atBoundary = true
    private var finished = false
    private(set) var format: CompressionFormat = .none
    private var sniffed = false
    /// Compressed (raw) bytes handed to the decoder so far.
    private(set) var compressedOffset = 0
    private(set) var failure: CLIError?

    init(descriptor: Int32, label: String, blockSize: Int = 1 << 18) {
        self.descriptor = descriptor
        self.label = label
        raw = [UInt8](repeating: 0, count: blockSize)
    }

    deinit {
        if let decoder { ccomp_free(decoder) }
    }

    /// Reads more raw bytes after the unconsumed ones; false at the end or on error.
    private func refill() -> Bool {
        if rawStart > 0 {
            let rest = rawEnd - rawStart
            if rest > 0 { raw.withUnsafeMutableBytes { _ = memmove($0.baseAddress!, $0.baseAddress! + rawStart, rest) } }
            rawEnd = rest
            rawStart = 0
        }
        while true {
            let end = rawEnd
            let count = raw.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + end, $0.count - end) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = .io(path: label, problem: "cannot read: \(String(cString: strerror(errno)))")
                return false
            }
            if count == 0 { rawAtEnd = true; return false }
            rawEnd += count
            return true
        }
    }

    private func sniff() -> Bool {
        sniffed = true
        while rawEnd < 4, !rawAtEnd {
            if !refill() { if failure != nil { return false } }
        }
        format = CompressionFormat(magic: raw[0..<rawEnd])
        if format != .none {
            decoder = ccomp_decoder_new(format.code)
            guard decoder != nil else {
                failure = .io(path: label, problem: "cannot start the \(format.name) decoder: out of memory")
                return false
            }
        }
        return true
    }

    func read(into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
        if failure != nil { return -1 }
        if finished || capacity == 0 { return 0 }
        if !sniffed, !sniff() { return -1 }
        guard let decoder else { return readPlain(into: destination, capacity: capacity) }
        while true {
            if rawStart == rawEnd {
                if !rawAtEnd, refill() { continue }
                if failure != nil { return -1 }
                // The input ended: fine between members, truncation inside one.
                if atBoundary { finished = true; return 0 }
                failure = .io(path: label, problem: "truncated \(format.name) data: the input ends inside a compressed block at compressed byte \(compressedOffset)")
                return -1
            }
            var consumed = 0
            var produced = 0
            let start = rawStart, end = rawEnd
            let status = raw.withUnsafeBytes { all in
                ccomp_decode(decoder, all.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, end - start, &consumed,
                             destination.assumingMemoryBound(to: UInt8.self), capacity, &produced)
            }
            rawStart += consumed
            compressedOffset += consumed
            if status == CCOMP_ERROR {
                let message = String(cString: ccomp_message(decoder))
                failure = .io(path: label, problem: "corrupt \(format.name) data at compressed byte \(compressedOffset): \(message)")
                return -1
            }
            atBoundary = status == CCOMP_END
            if produced > 0 { return produced }
            if consumed == 0, status != CCOMP_END {
                // The decoder wants more input than is buffered: read more, unless the buffer
                // is full (then the data is corrupt) or the input ended (then it is truncated,
                // reported at the top of the loop).
                if rawEnd < raw.count, !rawAtEnd, refill() { continue }
                if failure != nil { return -1 }
                if rawAtEnd {
                    failure = .io(path: label, problem: "truncated \(format.name) data: the input ends inside a compressed block at compressed byte \(compressedOffset + rawEnd - rawStart)")
                    return -1
                }
                failure = .io(path: label, problem: "corrupt \(format.name) data at compressed byte \(compressedOffset): the decoder makes no progress")
                return -1
            }
        }
    }

    private func readPlain(into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
        if rawStart < rawEnd {
            let count = min(capacity, rawEnd - rawStart)
            raw.withUnsafeBytes { _ = memcpy(destination, $0.baseAddress! + rawStart, count) }
            rawStart += count
            return count
        }
        while true {
            let count = Glibc.read(descriptor, destination, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                failure = .io(path: label, problem: "cannot read: \(String(cString: strerror(errno)))")
                return -1
            }
            if count == 0 { finished = true }
            return count
        }
    }

    /// Everything left, decompressed.
    func readAll() throws(CLIError) -> [UInt8] {
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(into: $0.baseAddress!, capacity: $0.count) }
            if count < 0 { throw failure! }
            if count == 0 { return bytes }
            bytes.append(contentsOf: block[0..<count])
        }
    }
}

/// Output compressed in one format (or passed through), written to a descriptor a piece at a
/// time; `finish` ends the compressed stream.
/// Unchecked `Sendable`: `OrderedStream` calls its `emit` closure (the only user) one call at a
/// time, in order, so the sink is never used from two threads at once.
final class CompressingSink: @unchecked Sendable {
    let descriptor: Int32
    private let encoder: OpaquePointer?
    private var block = [UInt8](repeating: 0, count: 1 << 16)
    private(set) var ok = true

    init(descriptor: Int32, format: CompressionFormat, label: String) throws(CLIError) {
        self.descriptor = descriptor
        if format == .none { encoder = nil; return }
        // gzip level 6 and zstd level 3 are the tools' defaults.
        encoder = ccomp_encoder_new(format.code, format == .gzip ? 6 : 3)
        guard encoder != nil else { throw .io(path: label, problem: "cannot start the \(format.name) encoder") }
    }

    deinit {
        if let encoder { ccomp_free(encoder) }
    }

    @discardableResult
    func write<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let encoder else {
            ok = StandardStreams.write(bytes, to: descriptor) && ok
            return ok
        }
        let run: (UnsafeBufferPointer<UInt8>) -> Void = { buffer in self.encode(buffer, encoder: encoder, finish: false) }
        if bytes.withContiguousStorageIfAvailable(run) == nil { Array(bytes).withUnsafeBufferPointer(run) }
        return ok
    }

    /// Ends the compressed stream (nothing for plain output).
    @discardableResult
    func finish() -> Bool {
        if let encoder { encode(UnsafeBufferPointer(start: nil, count: 0), encoder: encoder, finish: true) }
        return ok
    }

    private func encode(_ input: UnsafeBufferPointer<UInt8>, encoder: OpaquePointer, finish: Bool) {
        var offset = 0
        while true {
            var consumed = 0
            var produced = 0
            let status = block.withUnsafeMutableBufferPointer { out in
                ccomp_encode(encoder, input.baseAddress.map { $0 + offset }, input.count - offset, &consumed,
                             out.baseAddress!, out.count, &produced, finish ? 1 : 0)
            }
            offset += consumed
            if produced > 0 { ok = StandardStreams.write(block[0..<produced], to: descriptor) && ok }
            if status == CCOMP_ERROR { ok = false; return }
            if finish {
                if status == CCOMP_END { return }
            } else if offset == input.count, produced < block.count {
                return
            }
        }
    }
}

/// Compresses `bytes` whole, in `format` (returns them unchanged for `.none`).
func compress(_ bytes: some Collection<UInt8>, format: CompressionFormat, label: String) throws(CLIError) -> [UInt8] {
    if format == .none { return Array(bytes) }
    guard let encoder = ccomp_encoder_new(format.code, format == .gzip ? 6 : 3) else {
        throw .io(path: label, problem: "cannot start the \(format.name) encoder")
    }
    defer { ccomp_free(encoder) }
    let input = Array(bytes)
    var output: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 1 << 16)
    var offset = 0
    while true {
        var consumed = 0
        var produced = 0
        let status = input.withUnsafeBufferPointer { all in
            block.withUnsafeMutableBufferPointer { out in
                ccomp_encode(encoder, all.baseAddress.map { $0 + offset }, all.count - offset, &consumed,
                             out.baseAddress!, out.count, &produced, 1)
            }
        }
        offset += consumed
        output.append(contentsOf: block[0..<produced])
        if status == CCOMP_ERROR { throw .io(path: label, problem: "\(format.name) compression failed") }
        if status == CCOMP_END { return output }
    }
}
