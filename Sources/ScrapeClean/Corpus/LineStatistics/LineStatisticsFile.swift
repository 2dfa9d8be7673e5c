import Foundation

/// The on-disk form of line statistics: how many documents each normalized line occurs in,
/// across the corpus and on each site.
///
/// Format 2 (little-endian), written by this version:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `SCLSTAT2` |
/// | 8 | 8 | documents counted |
/// | 16 | 8 | corpus entries |
/// | 24 | 8 | documents that had a site |
/// | 32 | 8 | distinct sites |
/// | 40 | 8 | site entries |
/// | 48 | 4 | length of the site field name in bytes (0: none recorded) |
/// | 52 | n | the site field name, UTF-8 (the JSON Lines field sites were read from) |
///
/// then the corpus entries sorted by fingerprint, each a line fingerprint (UInt64) and a
/// document count (UInt32), then the site entries sorted by ``SiteLineKey`` (site, then line),
/// each a site fingerprint (UInt64), a line fingerprint (UInt64) and a document count (UInt32).
/// A site's first entry, line 0, is its page count. Sorted entries make merging a streaming
/// k-way merge.
///
/// Format 1 (`SCLSTAT1`: documents, entries, then corpus entries) is still read, as
/// statistics without site counts.
public enum LineStatisticsFile {
    static let magicPrefix = Array("SCLSTAT".utf8)
    /// The format this version writes.
    public static let currentVersion = 2
    static let corpusEntrySize = 12
    static let siteEntrySize = 20
    static let fixedHeaderSize = 52
    static let versionOneHeaderSize = 24

    /// Why a statistics file cannot be used.
    public enum FileError: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case notStatistics(String)
        case truncated(String)
        case unwritable(String)
        /// Written by a newer scrapeclean in a format this one cannot read.
        case newerFormat(String, version: Int)
        /// Two files to merge read their sites from different JSON fields.
        case siteFieldsDiffer(String, field: String, String, otherField: String)
        /// Per-site removal was asked for but the file holds no site counts.
        case noSiteCounts(String, version: Int)

        public var description: String {
            switch self {
            case let .unreadable(path): "\(path): cannot read line statistics"
            case let .notStatistics(path): "\(path): not a scrapeclean line statistics file (made by `scrapeclean stats`)"
            case let .truncated(path): "\(path): line statistics file is truncated"
            case let .unwritable(path): "\(path): cannot write line statistics"
            case let .newerFormat(path, version):
                "\(path): line statistics format \(version) is newer than this scrapeclean reads (1 to \(currentVersion)); update scrapeclean or re-run `scrapeclean stats`"
            case let .siteFieldsDiffer(path, field, other, otherField):
                "\(path): sites were read from field '\(field)' but \(other) read them from '\(otherField)'; count both with the same --site-field"
            case let .noSiteCounts(path, version):
                version < 2
                    ? "\(path): line statistics format 1 has no per-site counts; re-run `scrapeclean stats --jsonl --site-field url` to count lines per site"
                    : "\(path): no per-site counts (counted without a site); re-run `scrapeclean stats --jsonl --site-field url`"
            }
        }
    }

    /// What a statistics file's header says.
    public struct Header: Sendable, Equatable {
        /// The format version (1 or 2).
        public var version: Int
        /// Documents counted.
        public var documents: UInt64
        /// Entries in the corpus section (distinct line fingerprints).
        public var corpusEntries: UInt64
        /// Documents that had a site and were counted per site too.
        public var documentsWithSite: UInt64
        /// Distinct sites.
        public var sites: UInt64
        /// Entries in the site section (page counts included).
        public var siteEntries: UInt64
        /// The JSON Lines field the sites were read from, when one was recorded.
        public var siteField: String?

        /// Whether the file holds per-site counts.
        public var hasSiteCounts: Bool { siteEntries > 0 }
    }

    /// Reads the header of the statistics file at `path`.
    ///
    /// ```swift
    /// let header = try LineStatisticsFile.header(at: "stats.bin")
    /// print(header.documents, header.sites, header.siteField ?? "-")
    /// ```
    public static func header(at path: String) throws(FileError) -> Header {
        try Reader(path: path).header
    }

    /// Reads a statistics file in order, a block at a time: the corpus entries, then the site
    /// entries.
    final class Reader {
        let path: String
        let header: Header
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var position = 0
        private var corpusRemaining: UInt64
        private var siteRemaining: UInt64

        var documents: UInt64 { header.documents }

        init(path: String) throws(FileError) {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path) }
            self.path = path
            self.handle = handle
            let start = [UInt8]((try? handle.read(upToCount: fixedHeaderSize)) ?? Data())
            guard start.count >= versionOneHeaderSize, start.starts(with: magicPrefix) else { throw .notStatistics(path) }
            let version: Int
            switch start[7] {
            case UInt8(ascii: "1"): version = 1
            case UInt8(ascii: "2"): version = 2
            case UInt8(ascii: "3")...UInt8(ascii: "9"): throw .newerFormat(path, version: Int(start[7] - UInt8(ascii: "0")))
            default: throw .notStatistics(path)
            }
            var header = Header(version: version, documents: start.loadLittleEndian(at: 8),
                                corpusEntries: start.loadLittleEndian(at: 16), documentsWithSite: 0, sites: 0,
                                siteEntries: 0, siteField: nil)
            if version == 1 {
                // The entries begin right after the 24-byte header; keep what was read past it.
                buffer = Array(start[versionOneHeaderSize...])
            } else {
                guard start.count == fixedHeaderSize else { throw .truncated(path) }
                header.documentsWithSite = start.loadLittleEndian(at: 24)
                header.sites = start.loadLittleEndian(at: 32)
                header.siteEntries = start.loadLittleEndian(at: 40)
                let fieldLength: UInt32 = start.loadLittleEndian(at: 48)
                guard fieldLength <= 1 << 16 else { throw .notStatistics(path) }
                if fieldLength > 0 {
                    let field = [UInt8]((try? handle.read(upToCount: Int(fieldLength))) ?? Data())
                    guard field.count == Int(fieldLength) else { throw .truncated(path) }
                    header.siteField = String(decoding: field, as: UTF8.self)
                }
            }
            self.header = header
            self.corpusRemaining = header.corpusEntries
            self.siteRemaining = header.siteEntries
        }

        /// Makes `count` bytes available at `position`.
        private func fill(_ count: Int) throws(FileError) {
            guard position + count > buffer.count else { return }
            let leftover = Array(buffer[position...])
            let more = [UInt8]((try? handle.read(upToCount: max(1 << 20, count))) ?? Data())
            buffer = leftover + more
            position = 0
            guard buffer.count >= count else { throw .truncated(path) }
        }

        /// The next corpus entry, or nil at the end of the corpus section.
        func next() throws(FileError) -> (fingerprint: UInt64, documents: UInt32)? {
            guard corpusRemaining > 0 else { return nil }
            try fill(corpusEntrySize)
            let fingerprint: UInt64 = buffer.loadLittleEndian(at: position)
            let documents: UInt32 = buffer.loadLittleEndian(at: position + 8)
            position += corpusEntrySize
            corpusRemaining -= 1
            return (fingerprint, documents)
        }

        /// The next site entry, or nil at the end; skips what is left of the corpus section.
        func nextSite() throws(FileError) -> (key: SiteLineKey, documents: UInt32)? {
            while try next() != nil {}
            guard siteRemaining > 0 else { return nil }
            try fill(siteEntrySize)
            let site: UInt64 = buffer.loadLittleEndian(at: position)
            let line: UInt64 = buffer.loadLittleEndian(at: position + 8)
            let documents: UInt32 = buffer.loadLittleEndian(at: position + 16)
            position += siteEntrySize
            siteRemaining -= 1
            return (SiteLineKey(site: site, line: line), documents)
        }

        deinit { try? handle.close() }
    }

    /// Writes format 2: corpus entries in order, then site entries in order; the header is
    /// filled in by `finish`.
    final class Writer {
        let path: String
        private let handle: FileHandle
        private let siteField: [UInt8]
        private var buffer: [UInt8] = []
        private var corpusEntries: UInt64 = 0
        private var siteEntries: UInt64 = 0
        private var sites: UInt64 = 0
        private var lastSite: UInt64?

        init(path: String, siteField: String?) throws(FileError) {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path) else { throw .unwritable(path) }
            self.path = path
            self.handle = handle
            self.siteField = Array((siteField ?? "").utf8)
            buffer.reserveCapacity(1 << 20)
            buffer.append(contentsOf: [UInt8](repeating: 0, count: fixedHeaderSize + self.siteField.count))
        }

        func append(_ fingerprint: UInt64, _ documents: UInt32) throws(FileError) {
            precondition(siteEntries == 0, "corpus entries come before site entries")
            buffer.appendLittleEndian(fingerprint)
            buffer.appendLittleEndian(documents)
            corpusEntries += 1
            if buffer.count >= 1 << 20 { try flush() }
        }

        func appendSite(_ key: SiteLineKey, _ documents: UInt32) throws(FileError) {
            buffer.appendLittleEndian(key.site)
            buffer.appendLittleEndian(key.line)
            buffer.appendLittleEndian(documents)
            siteEntries += 1
            if lastSite != key.site {
                sites += 1
                lastSite = key.site
            }
            if buffer.count >= 1 << 20 { try flush() }
        }

        private func flush() throws(FileError) {
            do { try handle.write(contentsOf: buffer) } catch { throw .unwritable(path) }
            buffer.removeAll(keepingCapacity: true)
        }

        @discardableResult
        func finish(documents: UInt64, documentsWithSite: UInt64) throws(FileError) -> Header {
            try flush()
            var header = Array("SCLSTAT\(currentVersion)".utf8)
            header.appendLittleEndian(documents)
            header.appendLittleEndian(corpusEntries)
            header.appendLittleEndian(documentsWithSite)
            header.appendLittleEndian(sites)
            header.appendLittleEndian(siteEntries)
            header.appendLittleEndian(UInt32(siteField.count))
            header.append(contentsOf: siteField)
            do {
                try handle.seek(toOffset: 0)
                try handle.write(contentsOf: header)
                try handle.close()
            } catch { throw .unwritable(path) }
            return Header(version: currentVersion, documents: documents, corpusEntries: corpusEntries,
                          documentsWithSite: documentsWithSite, sites: sites, siteEntries: siteEntries,
                          siteField: siteField.isEmpty ? nil : String(decoding: siteField, as: UTF8.self))
        }
    }

    /// Merges statistics files into one in the current format, summing the counts of equal
    /// keys (saturating at `UInt32.max`). The result does not depend on the order of `inputs`.
    /// Format 1 files contribute their corpus counts. Files whose sites were read from
    /// different fields are not merged (``FileError/siteFieldsDiffer(_:field:_:otherField:)``).
    ///
    /// ```swift
    /// try LineStatisticsFile.merge(["a.bin", "b.bin"], into: "all.bin")
    /// ```
    @discardableResult
    public static func merge(_ inputs: [String], into output: String) throws(FileError) -> Header {
        var readers: [Reader] = []
        for path in inputs { readers.append(try Reader(path: path)) }
        var siteField: (path: String, field: String)?
        for reader in readers {
            guard let field = reader.header.siteField else { continue }
            if let known = siteField, known.field != field {
                throw .siteFieldsDiffer(known.path, field: known.field, reader.path, otherField: field)
            }
            siteField = siteField ?? (reader.path, field)
        }
        let writer = try Writer(path: output, siteField: siteField?.field)
        try mergeSection(readers.count, next: { index throws(FileError) in try readers[index].next() },
                         emit: { key, documents throws(FileError) in try writer.append(key, documents) })
        try mergeSection(readers.count, next: { index throws(FileError) in try readers[index].nextSite() },
                         emit: { key, documents throws(FileError) in try writer.appendSite(key, documents) })
        return try writer.finish(documents: readers.reduce(0) { $0 &+ $1.header.documents },
                                 documentsWithSite: readers.reduce(0) { $0 &+ $1.header.documentsWithSite })
    }

    /// A k-way merge of sorted streams, summing the counts of equal keys.
    private static func mergeSection<Key: Comparable>(
        _ streams: Int, next: (Int) throws(FileError) -> (Key, UInt32)?,
        emit: (Key, UInt32) throws(FileError) -> Void
    ) throws(FileError) {
        var heads: [(key: Key, documents: UInt32)?] = []
        for index in 0..<streams { heads.append(try next(index).map { ($0.0, $0.1) }) }
        var pending: (key: Key, documents: UInt32)?
        while true {
            // The smallest head; few inputs in practice, so a linear scan is fine.
            var best: Int?
            for (index, head) in heads.enumerated() {
                guard let head else { continue }
                if best == nil || head.key < heads[best!]!.key { best = index }
            }
            guard let index = best, let head = heads[index] else { break }
            heads[index] = try next(index).map { ($0.0, $0.1) }
            if let current = pending, current.key == head.key {
                let (sum, overflow) = current.documents.addingReportingOverflow(head.documents)
                pending = (head.key, overflow ? UInt32.max : sum)
            } else {
                if let current = pending { try emit(current.key, current.documents) }
                pending = head
            }
        }
        if let current = pending { try emit(current.key, current.documents) }
    }
}

extension Array where Element == UInt8 {
    func loadLittleEndian<T: FixedWidthInteger>(at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size { value |= T(self[offset + index]) << (8 * index) }
        return value
    }

    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        for index in 0..<MemoryLayout<T>.size { append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }
}
