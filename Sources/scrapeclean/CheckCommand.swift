import ArgumentParser
import Foundation
import ScrapeClean

/// How `check` prints findings.
enum FindingFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report what clean would change, without changing anything.",
        discussion: """
            Runs the whole cleaning pipeline on each file and prints one finding per edit it \
            would make, as `path:line:col: rule-id message` (the message shows what would be \
            removed or replaced, shortened). Folders are searched recursively for files matching \
            --glob; no PATH (or `-`) reads standard input, reported as `-`.

            --format json prints one JSON array; each finding is one object on its own line with \
            the keys path, line, column, rule, stage, message, removed, replacement and count. \
            Clean input gives `[]`.

            Exit status: 0 when nothing would change (and, with --format text, no output); 1 when \
            anything was found; 2 when a file could not be read (one line on standard error per \
            file; the other files are still checked).

            Examples:
              scrapeclean check corpus/
              scrapeclean check page.txt --disable layout.duplicate-paragraph
              scrapeclean check corpus/ --format json | jq -c '.[] | select(.stage == "boilerplate")'
            """
    )

    @Argument(help: "Files or folders to check; none (or -) reads standard input.")
    var paths: [String] = []

    @OptionGroup var cleaning: CleaningFlags

    @Option(help: "Output format: text or json.")
    var format: FindingFormat = .text

    @Option(help: "File name pattern for folders.")
    var glob = "*.txt"

    @Option(help: "Parallel jobs (default: all cores). Output order is input order.")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let cleaner: Cleaner
        do { cleaner = try cleaning.makeCleaner() } catch { throw error.exit }
        var printer = FindingPrinter(format: format)
        var failed = false

        if paths.isEmpty || paths == ["-"] {
            do {
                printer.print(try cleaner.clean(bytes: StandardStreams.readStandardInput()).findings(path: "-"))
            } catch let error as CLIError {
                failed = true
                StandardStreams.error("scrapeclean: \(error.description)")
            } catch {
                failed = true
                StandardStreams.error("scrapeclean: -: \(error)")
            }
        } else {
            let inputs = InputFiles(paths: paths, glob: glob)
            failed = !inputs.problems.isEmpty
            for problem in inputs.problems { StandardStreams.error("scrapeclean: \(problem)") }
            let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            OrderedParallelMap(jobs: workers).run(inputs.files, transform: { file -> Result<[Finding], CLIError> in
                let bytes: [UInt8]
                do throws(CLIError) { bytes = try readFile(file.path) } catch { return .failure(error) }
                do throws(DecodingError) {
                    return .success(try cleaner.clean(bytes: bytes).findings(path: file.path))
                } catch {
                    return .failure(.io(path: file.path, problem: error.description))
                }
            }, consume: { _, outcome in
                switch outcome {
                case let .success(findings): printer.print(findings)
                case let .failure(error):
                    failed = true
                    StandardStreams.error("scrapeclean: \(error)")
                }
            })
        }
        printer.finish()
        if failed { throw ExitCode(2) }
        if printer.count > 0 { throw ExitCode(1) }
    }
}

/// Prints findings as they come, as text lines or as one JSON array with an object per line.
struct FindingPrinter {
    let format: FindingFormat
    private(set) var count = 0

    init(format: FindingFormat) {
        self.format = format
    }

    mutating func print(_ findings: [Finding]) {
        guard !findings.isEmpty else { return }
        var out = ""
        for finding in findings {
            switch format {
            case .text:
                out += finding.textLine + "\n"
            case .json:
                out += (count == 0 ? "[\n" : ",\n") + finding.jsonLine()
            }
            count += 1
        }
        StandardStreams.output(out)
    }

    func finish() {
        guard format == .json else { return }
        StandardStreams.output(count == 0 ? "[]\n" : "\n]\n")
    }
}
