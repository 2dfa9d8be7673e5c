/// Why a line model file could not be used. The message names the file and the problem.
///
/// ```swift
/// LineModelError.unreadable(path: "fold1.bin").description
/// // "fold1.bin: cannot read the line model file"
/// ```
public enum LineModelError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(path: String)
    /// The file was read but is not a line model this build can use (damaged, truncated, another
    /// format version, or trained on another feature layout).
    case invalid(source: String, problem: String)

    public var description: String {
        switch self {
        case let .unreadable(path): "\(path): cannot read the line model file"
        case let .invalid(source, problem): "\(source): invalid line model: \(problem)"
        }
    }
}
