/// Reads WARC records one after another from a byte stream, holding one record at a time:
/// memory is bounded by the largest record (at most ``maximumRecordSize`` bytes of body) plus
/// one read block, whatever the file's size.
///
/// A record is a version line (`WARC/1.0` or `WARC/1.1`), header fields `Name: value` (CRLF line
/// ends; bare LF and folded continuation lines are tolerated), an empty line, exactly
/// `Content-Length` bytes of body, and CRLF CRLF. Blank lines between records are skipped.
/// Compression is the byte source's business: Common Crawl's `.warc.wet.gz` is one gzip member
/// per record, which a decompressing source reads as one stream.
///
/// Damage stops the reader with a ``WARCError`` naming the file and the offset of the record:
/// the records before it have been returned and are not lost.
///
/// ```swift
/// let reader = WARCReader(bytes: Array(wet.utf8), file: "part.warc.wet")
/// while let record = try reader.next() {
///     print(record.type, record.targetURI ?? "-")   // warcinfo -, conversion http://…
/// }
/// ```
public final class WARCReader {
    /// The name used in errors.
    public let file: String
    /// The largest `Content-Length` accepted; a larger record is an error, not an allocation.
    public let maximumRecordSize: Int
    /// The largest header block accepted (a header that long is not a WARC header).
    public static let maximumHeaderSize = 1 << 20
    /// 64 MB: far above any page (Common Crawl truncates payloads at 1 MB), far below memory.
    public static let defaultMaximumRecordSize = 64 << 20

    private let read: (UnsafeMutableRawBufferPointer) -> Int
    private var buffer: [UInt8] = []
    /// The first unconsumed byte of `buffer`.
    private var start = 0
    /// The input offset of `buffer[0]`.
    private var base = 0
    private var atEnd = false
    private var failed = false
    private var block: [UInt8]

    /// A reader over any byte stream. `read` behaves like POSIX `read`: it fills the buffer
    /// with up to its size in bytes and returns how many, 0 at the end of the input, or -1 when
    /// the input cannot be read (then ``next()`` throws ``WARCError/unreadable(file:offset:)``
    /// and the source knows why).
    public init(file: String, maximumRecordSize: Int = WARCReader.defaultMaximumRecordSize,
                blockSize: Int = 1 << 18, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
        self.file = file
        self.maximumRecordSize = maximumRecordSize
        self.read = read
        block = [UInt8](repeating: 0, count: max(16, blockSize))
    }

    /// A reader over bytes in memory.
    public convenience init(bytes: [UInt8], file: String, maximumRecordSize: Int = WARCReader.defaultMaximumRecordSize) {
        var offset = 0
        self.init(file: file, maximumRecordSize: maximumRecordSize) { destination in
            let count = min(destination.count, bytes.count - offset)
            if count > 0 {
                bytes.withUnsafeBytes { source in
                    destination.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
                }
            }
            offset += count
            return count
        }
    }

    /// Whether `prefix` (the first bytes of an input) starts like a WARC file: `WARC/1.`.
    public static func looksLikeWARC(_ prefix: some Collection<UInt8>) -> Bool {
        prefix.starts(with: Self.versionPrefix)
    }

    /// Bytes of input consumed so far (up to the end of the last record returned).
    public var offset: Int { base + start }

    private static let versionPrefix: [UInt8] = Array("WARC/1.".utf8)
    private static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    /// The next record, or nil at the end of the input.
    public func next() throws(WARCError) -> WARCRecord? {
        // Blank lines between records (some writers add more than the CRLF CRLF).
        while true {
            guard available(1) else {
                if failed { throw .unreadable(file: file, offset: offset) }
                return nil
            }
            let byte = buffer[start]
            guard byte == Self.cr || byte == Self.lf else { break }
            start += 1
        }
        let recordOffset = offset
        // A file that is not WARC, or a record that does not start where the last one ended,
        // is reported at once rather than after reading a megabyte in search of a line end.
        let prefixCount = Self.versionPrefix.count
        _ = available(prefixCount)
        let head = buffer[start..<min(buffer.count, start + prefixCount)]
        if !Self.versionPrefix.starts(with: head) || head.count < prefixCount && atEnd {
            if failed && head.count < prefixCount { throw .unreadable(file: file, offset: recordOffset) }
            throw .missingVersionLine(file: file, offset: recordOffset, found: WARCError.quote(buffer[start...]))
        }

        // The header block, line by line; positions are relative to `start`, which stays put
        // while more input is read.
        var position = 0
        var version = ""
        var fields: [WARCRecord.Field] = []
        var bareLineFeeds = false
        var lineNumber = 0
        while true {
            guard let lineEnd = lineFeed(from: position) else {
                if buffer.count - start > Self.maximumHeaderSize {
                    throw .headerTooLong(file: file, offset: recordOffset, limit: Self.maximumHeaderSize)
                }
                if failed { throw .unreadable(file: file, offset: recordOffset) }
                throw .truncatedHeader(file: file, offset: recordOffset)
            }
            var line = buffer[(start + position)..<(start + lineEnd)]
            if line.last == Self.cr { line = line.dropLast() } else { bareLineFeeds = true }
            position = lineEnd + 1
            lineNumber += 1
            if lineNumber == 1 {
                version = String(decoding: line, as: UTF8.self)
                guard version == "WARC/1.0" || version == "WARC/1.1" else {
                    throw .missingVersionLine(file: file, offset: recordOffset, found: WARCError.quote(line))
                }
                continue
            }
            if line.isEmpty { break }
            if line.first == 0x20 || line.first == 0x09 {
                // A folded continuation of the field before.
                guard !fields.isEmpty else {
                    throw .badHeader(file: file, offset: recordOffset, line: WARCError.quote(line, limit: 60))
                }
                let more = Self.trimmed(line)
                if !more.isEmpty { fields[fields.count - 1].value += " " + String(decoding: more, as: UTF8.self) }
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), !Self.trimmed(line[..<colon]).isEmpty else {
                throw .badHeader(file: file, offset: recordOffset, line: WARCError.quote(line, limit: 60))
            }
            fields.append(WARCRecord.Field(name: String(decoding: Self.trimmed(line[..<colon]), as: UTF8.self),
                                           value: String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)))
        }

        guard let lengthText = fields.first(where: { WARCRecord.sameName($0.name, "Content-Length") })?.value else {
            throw .missingContentLength(file: file, offset: recordOffset)
        }
        guard !lengthText.isEmpty, lengthText.utf8.count <= 18, lengthText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let length = Int(lengthText) else {
            throw .invalidContentLength(file: file, offset: recordOffset, value: WARCError.quote(lengthText.utf8, limit: 40))
        }
        guard length <= maximumRecordSize else {
            throw .recordTooLarge(file: file, offset: recordOffset, length: length, limit: maximumRecordSize)
        }

        let bodyStart = position
        if !available(bodyStart + length + 4), buffer.count - start < bodyStart + length {
            if failed { throw .unreadable(file: file, offset: recordOffset) }
            throw .truncatedBody(file: file, offset: recordOffset, length: length, available: buffer.count - start - bodyStart)
        }
        let body = Array(buffer[(start + bodyStart)..<(start + bodyStart + length)])
        let trailerStart = start + bodyStart + length
        let trailer = buffer[trailerStart..<min(buffer.count, trailerStart + 4)]
        let consumed: Int
        if trailer.elementsEqual([Self.cr, Self.lf, Self.cr, Self.lf]) {
            consumed = 4
        } else if bareLineFeeds, trailer.starts(with: [Self.lf, Self.lf]) {
            consumed = 2
        } else if atEnd, !failed, [[], [Self.cr, Self.lf], [Self.lf]].contains(where: { trailer.elementsEqual($0) }) {
            // The input ends right after the body: the record is whole, only its end mark is short.
            consumed = trailer.count
        } else {
            if failed, trailer.count < 4 { throw .unreadable(file: file, offset: recordOffset) }
            throw .missingRecordEnd(file: file, offset: recordOffset, length: length,
                                    found: WARCError.quote(buffer[trailerStart...]))
        }
        start = trailerStart + consumed
        return WARCRecord(version: version, fields: fields, body: body, offset: recordOffset)
    }

    /// The position (relative to `start`) of the next line feed at or after `from`, reading
    /// more input as needed, up to the header limit; nil when the input ends first.
    private func lineFeed(from: Int) -> Int? {
        var searched = from
        while true {
            if let index = buffer[(start + searched)...].firstIndex(of: Self.lf) { return index - start }
            searched = buffer.count - start
            guard searched <= Self.maximumHeaderSize, available(searched + 1) else { return nil }
        }
    }

    /// Whether at least `count` unconsumed bytes are buffered, reading until they are or the
    /// input ends.
    private func available(_ count: Int) -> Bool {
        while buffer.count - start < count {
            guard !atEnd else { return false }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                base += start
                start = 0
            }
            let wanted = count - buffer.count
            // Read whole blocks; a large body is read in as few calls as its size allows.
            if wanted > block.count, block.count < 1 << 22 {
                block = [UInt8](repeating: 0, count: min(1 << 22, wanted))
            }
            let got = block.withUnsafeMutableBytes { read($0) }
            if got < 0 { failed = true; atEnd = true; return false }
            if got == 0 { atEnd = true; return false }
            buffer.append(contentsOf: block[0..<got])
        }
        return true
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == Self.cr { slice = slice.dropLast() }
        return slice
    }
}
