import ArgumentParser
import Foundation
import ScrapeClean

/// `scrapeclean convert --config NAME [PATH...]`: OpenCC-compatible script conversion.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert Chinese script exactly as OpenCC 1.4.2 does.",
        discussion: """
            Reads UTF-8 from standard input (no PATH) or from each PATH in order, and writes the \
            converted text to standard output. Conversion streams: memory stays small whatever \
            the input size.

            Configs: \(OpenCCConfig.allNames)

            Examples:
              scrapeclean convert --config t2s < traditional.txt
              scrapeclean convert --config s2twp a.txt b.txt > out.txt
            """
    )

    @Option(help: ArgumentHelp("OpenCC config name (s2t, t2s, tw2s, s2twp, ...).", valueName: "name"))
    var config: String

    @Flag(help: "Include dictionaries OpenCC marks as possibly producing characters fonts lack (TSCharactersExt), as OpenCC's --include-tofu-risk-dictionaries does.")
    var includeTofuRiskDictionaries = false

    @Flag(help: "Print the dictionary load time and the conversion throughput on standard error.")
    var timing = false

    @Argument(help: "UTF-8 files to convert; none reads standard input.")
    var paths: [String] = []

    func validate() throws {
        guard OpenCCConfig(rawValue: config) != nil else {
            throw ValidationError("unknown config '\(config)'; valid names: \(OpenCCConfig.allNames)")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let converter: OpenCCConverter
        do {
            converter = try OpenCCConverter(config: OpenCCConfig(rawValue: config)!,
                                            includeTofuRiskDictionaries: includeTofuRiskDictionaries)
        } catch {
            throw CLIError.usage(error.description).exit
        }
        let loadTime = clock.now - loadStart
        let convertStart = clock.now
        var bytes = 0
        var failed = false
        if paths.isEmpty {
            do throws(CLIError) { bytes += try stream(STDIN_FILENO, name: "standard input", converter) } catch {
                _ = error.exit
                failed = true
            }
        }
        for path in paths {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                _ = CLIError.io(path: path, problem: "cannot open: \(String(cString: strerror(errno)))").exit
                failed = true
                continue
            }
            defer { close(descriptor) }
            do throws(CLIError) { bytes += try stream(descriptor, name: path, converter) } catch {
                _ = error.exit
                failed = true
            }
        }
        if timing {
            let seconds = Self.seconds(clock.now - convertStart)
            let megabytes = Double(bytes) / 1_000_000
            StandardStreams.error(String(format: "scrapeclean convert: load %.1f ms; converted %.1f MB in %.3f s (%.1f MB/s)",
                                         Self.seconds(loadTime) * 1000, megabytes, seconds,
                                         seconds > 0 ? megabytes / seconds : 0))
        }
        if failed { throw ExitCode(2) }
    }

    /// Converts one input in pieces cut after a line break (conversion never crosses one), so
    /// memory stays bounded by the longest line plus the read size. Reads straight into one
    /// buffer and writes each converted piece from one reused buffer. Returns the bytes read.
    private func stream(_ descriptor: Int32, name: String, _ converter: OpenCCConverter) throws(CLIError) -> Int {
        let readSize = 1 << 20
        var buffer = [UInt8](repeating: 0, count: 2 * readSize)
        /// Bytes at the start of `buffer` read but not yet converted (they hold no line break,
        /// except at the end of the input).
        var filled = 0
        var total = 0
        var pieces = OpenCCPieceConverter(converter)
        let source = ByteSource(descriptor: descriptor, label: name)
        func convertAndWrite(_ count: Int) throws(CLIError) {
            let written = buffer.withUnsafeBufferPointer { all in
                pieces.convert(utf8: UnsafeBufferPointer(rebasing: all[0..<count])) {
                    StandardStreams.write($0, to: STDOUT_FILENO)
                }
            }
            guard written else { throw .io(path: "standard output", problem: "write failed") }
        }
        while true {
            if buffer.count - filled < readSize { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let start = filled
            let count = buffer.withUnsafeMutableBytes { source.read(into: $0.baseAddress! + start, capacity: readSize) }
            if count < 0 {
                // Convert what was read before truncated or corrupt input, then report it.
                try convertAndWrite(filled)
                throw source.failure!
            }
            if count == 0 { break }
            total += count
            filled += count
            // Only the bytes just read can hold a line break.
            let lastBreak = buffer.withUnsafeBufferPointer { all -> Int? in
                var index = start + count - 1
                while index >= start {
                    if all[index] == 0x0A { return index }
                    index -= 1
                }
                return nil
            }
            guard let lastBreak else { continue }
            try convertAndWrite(lastBreak + 1)
            let rest = filled - (lastBreak + 1)
            buffer.withUnsafeMutableBytes { all in
                if rest > 0 { memmove(all.baseAddress!, all.baseAddress! + lastBreak + 1, rest) }
            }
            filled = rest
        }
        if filled > 0 { try convertAndWrite(filled) }
        return total
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
