import ArgumentParser

/// An error the CLI reports as one line on standard error, then exits with status 2.
enum CLIError: Error, CustomStringConvertible {
    /// Bad flags or arguments.
    case usage(String)
    /// A file could not be read or written.
    case io(path: String, problem: String)

    var description: String {
        switch self {
        case let .usage(message): message
        case let .io(path, problem): "\(path): \(problem)"
        }
    }

    /// Exit status 2, after printing the message.
    var exit: ExitCode {
        StandardStreams.error("scrapeclean: \(description)")
        return ExitCode(2)
    }
}
