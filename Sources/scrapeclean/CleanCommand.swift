import ArgumentParser
import Foundation
import ScrapeClean

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Clean files, folders or standard input.",
        discussion: """
            With no PATH, reads standard input and writes the cleaned text to standard output. \
            Files are cleaned to standard output in order, or mirrored into a folder with -o, or \
            rewritten atomically with --in-place. Folders are searched recursively for files \
            matching --glob.

            Examples:
              scrapeclean clean page.txt
              scrapeclean clean corpus/ -o cleaned/ --report report.jsonl
              scrapeclean clean --to simplified --region tw < page.txt
            """
    )

    @Argument(help: "Files or folders to clean; none reads standard input.")
    var paths: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write cleaned files into this folder, mirroring the input tree.", valueName: "dir"))
    var outputFolder: String?

    @Flag(help: "Rewrite each file in place (atomically: a temporary file is renamed over it).")
    var inPlace = false

    @OptionGroup var cleaning: CleaningFlags

    @Option(help: ArgumentHelp("Write a JSON report (one object per document, JSON Lines) to this file, or - for standard output.", valueName: "file"))
    var report: String?

    @Option(help: "Parallel jobs (default: all cores). Output order is input order.")
    var jobs: Int?

    @Option(help: "File name pattern for folders.")
    var glob = "*.txt"

    @Flag(help: "Print nothing on standard error but errors.")
    var quiet = false

    func validate() throws {
        if inPlace, outputFolder != nil { throw ValidationError("--in-place and -o cannot be used together") }
        if inPlace, paths.isEmpty { throw ValidationError("--in-place needs at least one PATH") }
        if report == "-", !inPlace, outputFolder == nil {
            throw ValidationError("--report - needs -o or --in-place: standard output already carries the cleaned text")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let cleaner: Cleaner
        do { cleaner = try cleaning.makeCleaner() } catch { throw error.exit }
        var reportWriter: ReportWriter?
        if let report {
            do { reportWriter = try ReportWriter(path: report) } catch { throw error.exit }
        }
        defer { reportWriter?.close() }

        if paths.isEmpty {
            let bytes = StandardStreams.readStandardInput()
            let result: CleanResult
            do { result = try cleaner.clean(bytes: bytes) } catch { throw CLIError.usage(error.description).exit }
            StandardStreams.output(result.text)
            reportWriter?.write(DocumentReport(path: "-", result: result))
            return
        }

        let inputs = InputFiles(paths: paths, glob: glob)
        var failed = !inputs.problems.isEmpty
        for problem in inputs.problems { StandardStreams.error("scrapeclean: \(problem)") }

        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        OrderedParallelMap(jobs: workers).run(inputs.files, transform: { file -> Result<CleanResult, CLIError> in
            let bytes: [UInt8]
            do throws(CLIError) { bytes = try readFile(file.path) } catch { return .failure(error) }
            do throws(DecodingError) {
                return .success(try cleaner.clean(bytes: bytes))
            } catch {
                return .failure(.io(path: file.path, problem: error.description))
            }
        }, consume: { file, outcome in
            do {
                let result = try outcome.get()
                try deliver(result, for: file)
                reportWriter?.write(DocumentReport(path: file.path, result: result))
            } catch {
                failed = true
                StandardStreams.error("scrapeclean: \(error)")
            }
        })
        if failed { throw ExitCode(2) }
    }

    private func deliver(_ result: CleanResult, for file: InputFile) throws(CLIError) {
        let bytes = Array(result.text.utf8)
        if inPlace {
            try AtomicFile.write(bytes, to: file.path)
        } else if let outputFolder {
            let target = (outputFolder as NSString).appendingPathComponent(file.relativePath)
            try AtomicFile.makeParentFolders(of: target)
            try AtomicFile.write(bytes, to: target)
        } else {
            StandardStreams.write(bytes, to: STDOUT_FILENO)
        }
    }
}
