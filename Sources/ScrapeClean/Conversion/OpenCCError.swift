/// Why an OpenCC converter could not be made.
public enum OpenCCError: Error, Equatable, CustomStringConvertible {
    /// The compiled dictionary resource is missing, unreadable or from another format version.
    case dataUnavailable(String)
    /// The resource does not hold this config.
    case unknownConfig(String)

    public var description: String {
        switch self {
        case let .dataUnavailable(reason): "OpenCC data unavailable: \(reason)"
        case let .unknownConfig(name): "unknown OpenCC config '\(name)'; valid names: \(OpenCCConfig.allNames)"
        }
    }
}
