import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One file to process: where it is and where it sits relative to the argument it came from
/// (used to mirror a folder tree under `-o DIR`).
struct InputFile: Sendable, Equatable {
    var path: String
    var relativePath: String
}

/// Expands command-line paths into files: a file stands for itself, a folder for every regular
/// file below it whose name matches the glob, in sorted order. Missing paths are reported, not
/// fatal. FIFOs, sockets and devices inside folders are skipped: reading one may block forever
/// (a FIFO named on the command line is read, as `clean <(command)` needs).
struct InputFiles {
    var files: [InputFile] = []
    var problems: [CLIError] = []

    /// The total size of the files, for progress estimates.
    var totalBytes: Int {
        files.reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0)
        }
    }

    init(paths: [String], glob: String) {
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(.io(path: path, problem: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(InputFile(path: path, relativePath: (path as NSString).lastPathComponent))
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                problems.append(.io(path: path, problem: "cannot list folder"))
                continue
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                guard Self.isRegularFile(full) else { continue }
                let name = (relative as NSString).lastPathComponent
                if fnmatch(glob, name, 0) == 0 { found.append(relative) }
            }
            for relative in found.sorted() {
                files.append(InputFile(path: (path as NSString).appendingPathComponent(relative), relativePath: relative))
            }
        }
    }
}

extension InputFiles {
    /// Whether `path` is a regular file, following symbolic links.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}

/// Reads a whole file as bytes (decompressed when it is gzip or zstd), with an error that
/// names the file.
func readFile(_ path: String) throws(CLIError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .io(path: path, problem: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    return try ByteSource(descriptor: descriptor, label: path).readAll()
}
