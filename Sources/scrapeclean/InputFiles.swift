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

/// Expands command-line paths into files: a file stands for itself, a folder for every file
/// below it whose name matches the glob, in sorted order. Missing paths are reported, not fatal.
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
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                let name = (relative as NSString).lastPathComponent
                if fnmatch(glob, name, 0) == 0 { found.append(relative) }
            }
            for relative in found.sorted() {
                files.append(InputFile(path: (path as NSString).appendingPathComponent(relative), relativePath: relative))
            }
        }
    }
}

/// Reads a whole file as bytes, with an error that names the file.
func readFile(_ path: String) throws(CLIError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .io(path: path, problem: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw .io(path: path, problem: String(cString: strerror(errno)))
        }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}
