import Foundation

/// The on-disk form of line statistics: how many documents each normalized line occurs in.
///
/// Layout (little-endian): the 8-byte magic `SCLSTAT1`, the number of documents (UInt64), the
/// number of entries (UInt64), then the entries sorted by fingerprint, each a fingerprint
/// (UInt64) and a document count (UInt32). Sorted entries make merging a streaming k-way merge.
public enum LineStatisticsFile {
    static let magic = Array("SCLSTAT1".utf8)
    static let headerSize = 24
    static let entrySize = 12

    /// Why a statistics file cannot be used.
    public enum FileError: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case notStatistics(String)
        case truncated(String)
        case unwritable(String)

        public var description: String {
            switch self {
            case let .unreadable(path): "\(path): cannot read line statistics"
            case let .notStatistics(path): "\(path): not a scrapeclean line statistics file (made by `scrapeclean stats`)"
            case let .truncated(path): "\(path): line statistics file is truncated"
            case let .unwritable(path): "\(path): cannot write line statistics"
            }
        }
    }

    /// Reads entries from a statistics file in order, a block at a time.
    final class Reader {
        let path: String
        let documents: UInt64
        let count: UInt64
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private var position = 0
        private var remaining: UInt64

        init(path: String) throws(FileError) {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path) }
            let header = [UInt8]((try? handle.read(upToCount: headerSize)) ?? Data())
            guard header.count == headerSize, Array(header[0..<8]) == magic else { throw .notStatistics(path) }
            self.path = path
            self.handle = handle
            self.documents = header.loadLittleEndian(at: 8)
            self.count = header.loadLittleEndian(at: 16)
            self.remaining = count
        }

        /// The next entry, or nil at the end.
        func next() throws(FileError) -> (fingerprint: UInt64, documents: UInt32)? {
            guard remaining > 0 else { return nil }
            if position + entrySize > buffer.count {
                let wanted = Int(min(remaining, 1 << 16)) * entrySize
                let leftover = Array(buffer[position...])
                let more = [UInt8]((try? handle.read(upToCount: wanted - leftover.count)) ?? Data())
                buffer = leftover + more
                position = 0
                guard buffer.count >= entrySize else { throw .truncated(path) }
            }
            let fingerprint: UInt64 = buffer.loadLittleEndian(at: position)
            let documents: UInt32 = buffer.loadLittleEndian(at: position + 8)
            position += entrySize
            remaining -= 1
            return (fingerprint, documents)
        }

        deinit { try? handle.close() }
    }

    /// Writes entries in order; the header is filled in by `finish`.
    final class Writer {
        let path: String
        private let handle: FileHandle
        private var buffer: [UInt8] = []
        private(set) var count: UInt64 = 0

        init(path: String) throws(FileError) {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path) else { throw .unwritable(path) }
            self.path = path
            self.handle = handle
            buffer.reserveCapacity(1 << 20)
            buffer.append(contentsOf: [UInt8](repeating: 0, count: headerSize))
        }

        func append(_ fingerprint: UInt64, _ documents: UInt32) throws(FileError) {
            buffer.appendLittleEndian(fingerprint)
            buffer.appendLittleEndian(documents)
            count += 1
            if buffer.count >= 1 << 20 { try flush() }
        }

        private func flush() throws(FileError) {
            do { try handle.write(contentsOf: buffer) } catch { throw .unwritable(path) }
            buffer.removeAll(keepingCapacity: true)
        }

        func finish(documents: UInt64) throws(FileError) {
            try flush()
            var header = magic
            header.appendLittleEndian(documents)
            header.appendLittleEndian(count)
            do {
                try handle.seek(toOffset: 0)
                try handle.write(contentsOf: header)
                try handle.close()
            } catch { throw .unwritable(path) }
        }
    }

    /// Merges sorted statistics files into one, summing counts of equal fingerprints.
    public static func merge(_ inputs: [String], into output: String) throws(FileError) {
        var readers: [Reader] = []
        for path in inputs { readers.append(try Reader(path: path)) }
        let writer = try Writer(path: output)
        var heads: [(fingerprint: UInt64, documents: UInt32)?] = []
        for reader in readers { heads.append(try reader.next()) }
        var pending: (fingerprint: UInt64, documents: UInt32)?
        while true {
            // The smallest head; few inputs in practice, so a linear scan is fine.
            var best: Int?
            for (index, head) in heads.enumerated() {
                guard let head else { continue }
                if best == nil || head.fingerprint < heads[best!]!.fingerprint { best = index }
            }
            guard let index = best, let head = heads[index] else { break }
            heads[index] = try readers[index].next()
            if let current = pending, current.fingerprint == head.fingerprint {
                pending = (head.fingerprint, current.documents &+ head.documents)
            } else {
                if let current = pending { try writer.append(current.fingerprint, current.documents) }
                pending = head
            }
        }
        if let current = pending { try writer.append(current.fingerprint, current.documents) }
        try writer.finish(documents: readers.reduce(0) { $0 + $1.documents })
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
