import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that a reader (or a killed process) only ever sees the old or the new
/// content: the bytes go to a temporary file in the same folder and the temporary file is
/// renamed over the target. The target's permissions are kept. With `durable`, the bytes are
/// flushed to disk before the rename, so a power loss cannot leave an empty file either (used
/// for --in-place, where the old content is the only copy).
enum AtomicFile {
    /// Creates an empty temporary file next to `target` (hidden, named after it) and returns
    /// its open descriptor and path.
    static func makeTemporary(beside target: String) throws(CLIError) -> (descriptor: Int32, path: String) {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.\(name).scrapeclean-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .io(path: target, problem: "cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        // mkstemp filled in the X's; the path is the template without its terminating NUL.
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (descriptor, path)
    }

    static func write<Bytes: Collection<UInt8>>(_ bytes: Bytes, to path: String, durable: Bool = false) throws(CLIError) {
        let (descriptor, temporary) = try makeTemporary(beside: path)
        func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 { if errno == EINTR { continue }; return false }
                offset += count
            }
            return true
        }
        // A `String`'s UTF-8 is written from its own storage, without a copy.
        var ok = bytes.withContiguousStorageIfAvailable(writeAll) ?? Array(bytes).withUnsafeBufferPointer(writeAll)
        var status = stat()
        if ok, stat(path, &status) == 0 { fchmod(descriptor, status.st_mode & 0o7777) }
        else if ok { fchmod(descriptor, 0o644) }
        if durable { ok = ok && fsync(descriptor) == 0 }
        let problem = String(cString: strerror(errno))
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .io(path: path, problem: "cannot write: \(problem)")
        }
    }

    /// Creates the folders leading to `path`.
    static func makeParentFolders(of path: String) throws(CLIError) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .io(path: folder, problem: "cannot create folder")
        }
    }

    /// A temporary file beside a target, for output written in pieces and then renamed into
    /// place; removed if never committed.
    final class Temporary {
        let path: String
        let descriptor: Int32
        private var committed = false

        init(beside target: String) throws(CLIError) {
            (descriptor, path) = try AtomicFile.makeTemporary(beside: target)
        }

        /// Flushes, closes and renames the temporary file over `target`.
        func commit(over target: String, keepingPermissionsOf original: String?) throws(CLIError) {
            var status = stat()
            if let original, stat(original, &status) == 0 { fchmod(descriptor, status.st_mode & 0o7777) }
            else { fchmod(descriptor, 0o644) }
            let ok = fsync(descriptor) == 0
            close(descriptor)
            guard ok, rename(path, target) == 0 else {
                unlink(path)
                committed = true
                throw .io(path: target, problem: "cannot write: \(String(cString: strerror(errno)))")
            }
            committed = true
        }

        deinit {
            if !committed {
                close(descriptor)
                unlink(path)
            }
        }
    }
}
