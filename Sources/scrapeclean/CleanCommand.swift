import ArgumentParser
import Foundation
import ScrapeClean
import Synchronization

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Clean files, folders, JSON Lines or standard input.",
        discussion: """
            With no PATH, reads standard input and writes the cleaned text to standard output. \
            Files are cleaned to standard output in order, or mirrored into a folder with -o, or \
            rewritten atomically with --in-place. Folders are searched recursively for files \
            matching --glob.

            With --jsonl, each input line is a JSON object: the --field is cleaned, every other \
            field is copied byte for byte, and metadata goes under --meta-field. One output line \
            per input line, in order, written as soon as it is ready, so the command works as a \
            streaming filter (Spark RDD.pipe, Hadoop Streaming, GNU parallel --pipe). A line that \
            is not a JSON object passes through unchanged and is counted (--strict stops instead).

            gzip and zstd input (files or standard input, found by their first bytes) is read \
            as if it were plain. Under -o or --in-place, a name ending in .gz or .zst is written \
            compressed the same way. Truncated or corrupt compressed input is an error naming \
            the file and the compressed byte offset (exit 2); the records before it are kept.

            Examples:
              scrapeclean clean page.txt
              scrapeclean clean corpus/ -o cleaned/ --report report.jsonl
              scrapeclean clean --to simplified --region tw < page.txt
              scrapeclean clean --jsonl --field content < crawl.jsonl > clean.jsonl
              scrapeclean clean --jsonl shards/ --glob '*.jsonl.gz' -o cleaned/
              scrapeclean clean corpus/ -o cleaned/ --line-stats stats.bin --min-docs 50
              scrapeclean clean --jsonl crawl.jsonl -o out/ --line-stats site.bin
              scrapeclean clean --jsonl crawl.jsonl.gz -o out/ --min-chars 50 --rejects rejects.jsonl

            WARC and WET input (--warc, or found by its first bytes WARC/1. in a file or on \
            standard input, also after decompression; Common Crawl's .warc.wet.gz): each \
            conversion record, and each response or resource record with a text/plain body \
            (HTTP status and headers stripped, charset from its Content-Type), is one document. \
            The output is JSON Lines, one object per document: url (WARC-Target-URI), \
            warc_record_id, date (WARC-Date), the cleaned text under --field and the metadata \
            under --meta-field. Other records (warcinfo, request, metadata, HTML) are skipped \
            and counted. Under -o, x.warc.wet.gz is written as x.jsonl.gz (the compression \
            suffix stays). A damaged record is an error naming the file and the record's byte \
            offset (exit 2); the documents before it are written. --min-han-share X (WARC \
            input only) keeps a document only when Han characters make at least X of its \
            letters before cleaning (digits and punctuation do not count).

              scrapeclean clean CC-MAIN-part.warc.wet.gz --min-han-share 0.5 > part.jsonl

            With --min-chars N, a document left with fewer than N Han characters is not \
            written: it goes to the --rejects file (JSON Lines: source, reason, Han count, and \
            the original record or standard input text; a file stays as it is on disk).

            With --line-stats, a line goes when its normalized form is in at least --min-docs \
            documents of the corpus (rule corpus.repeated-line) or, when the statistics were \
            counted per site, on at least --min-site-docs pages of the document's own site \
            (rule corpus.site-repeated-line). The site is the registrable domain of the \
            record's --site-field for JSON Lines (by default the field the statistics were \
            counted with: `stats --jsonl --site-field url`), of the URL for WARC input, and of \
            the host folder in the path for plain files with --site-from-folder (`stats \
            --site-from-folder`). Sentences, introductions ending in ：or ；, enumerator \
            headings and lines over 100 characters are never removed this way; the per-site \
            rule never takes every line of a page, and copies of the page itself (one page \
            crawled under several URLs) do not count as other pages of its site.
            --disable corpus.repeated-line or corpus.site-repeated-line turns either off.
            """
    )

    @Argument(help: "Files or folders to clean; none, or `-`, reads standard input.")
    var paths: [String] = []

    /// No path, or the single path `-`: the input is standard input.
    private var readsStandardInput: Bool { paths.isEmpty || paths == ["-"] }

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write cleaned files into this folder, mirroring the input tree.", valueName: "dir"))
    var outputFolder: String?

    @Flag(help: "Rewrite each file in place (atomically: a temporary file is renamed over it).")
    var inPlace = false

    @OptionGroup var cleaning: CleaningFlags

    @Flag(help: "Treat input as JSON Lines: clean one field of each record.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl: the field to clean.", valueName: "name"))
    var field = "text"

    @Option(help: ArgumentHelp("With --jsonl: the field that receives the metadata.", valueName: "name"))
    var metaField = "scrapeclean"

    @Flag(help: "Treat input as WARC or WET (found by its first bytes otherwise): each text record is a document; output is JSON Lines.")
    var warc = false

    @Option(help: ArgumentHelp("With WARC input: keep only documents whose letters are at least this share Han (0…1), judged before cleaning; others are skipped and counted.", valueName: "x"))
    var minHanShare: Double?

    @Flag(help: "With --jsonl: stop with exit status 2 at the first malformed line instead of passing it through.")
    var strict = false

    @Option(help: ArgumentHelp("Remove lines frequent across the corpus, using statistics from `scrapeclean stats`.", valueName: "file"))
    var lineStats: String?

    @Option(help: ArgumentHelp("With --line-stats: remove lines seen in at least this many documents.", valueName: "n"))
    var minDocs: UInt32 = 10

    @Option(help: ArgumentHelp("With --line-stats: remove lines seen on at least this many pages of the document's own site (default: 3; needs statistics counted with --site-field).", valueName: "n"))
    var minSiteDocs: UInt32?

    @Option(help: ArgumentHelp("With --jsonl --line-stats: the field holding each record's URL or host, for per-site removal (default: the field the statistics were counted with).", valueName: "name"))
    var siteField: String?

    @Option(help: ArgumentHelp("Set aside documents left with fewer than this many Han characters (needs --rejects).", valueName: "n"))
    var minChars: Int?

    @Option(help: ArgumentHelp("With --min-chars: write the documents set aside here (JSON Lines, with the reason).", valueName: "file"))
    var rejects: String?

    @Option(help: ArgumentHelp("Write a JSON report (one object per document, JSON Lines) to this file, or - for standard output.", valueName: "file"))
    var report: String?

    @Flag(help: "With --line-stats, plain files: the site of a file is the host folder in its path (as stats --site-from-folder counted it).")
    var siteFromFolder = false

    @Option(help: "Parallel jobs (default: all cores). Output order is input order.")
    var jobs: Int?

    @Option(help: "File name pattern for folders (default: *.txt, or *.jsonl with --jsonl).")
    var glob: String?

    @Flag(help: "No progress line and no summary on standard error; only errors.")
    var quiet = false

    func validate() throws {
        if inPlace, outputFolder != nil { throw ValidationError("--in-place and -o cannot be used together") }
        if inPlace, readsStandardInput { throw ValidationError("--in-place needs at least one PATH") }
        if paths.count > 1, paths.contains("-") {
            throw ValidationError("`-` (standard input) cannot be given together with other paths")
        }
        if report == "-", !inPlace, outputFolder == nil {
            throw ValidationError("--report - needs -o or --in-place: standard output already carries the cleaned text")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if minDocs < 2 { throw ValidationError("--min-docs must be at least 2") }
        if let minSiteDocs, minSiteDocs < 2 {
            throw ValidationError("--min-site-docs must be at least 2: a line on one page is no template")
        }
        if minSiteDocs != nil, lineStats == nil { throw ValidationError("--min-site-docs needs --line-stats FILE") }
        if siteField != nil, lineStats == nil { throw ValidationError("--site-field needs --line-stats FILE") }
        if siteField != nil, !jsonl { throw ValidationError("--site-field needs --jsonl: only JSON Lines records carry a URL field") }
        if siteFromFolder, lineStats == nil { throw ValidationError("--site-from-folder needs --line-stats FILE") }
        if siteFromFolder, jsonl || warc {
            throw ValidationError("--site-from-folder is for plain files (JSON Lines take --site-field; WARC records have their URL)")
        }
        if field == metaField { throw ValidationError("--field and --meta-field must differ") }
        if minChars != nil, rejects == nil {
            throw ValidationError("--min-chars needs --rejects FILE: documents set aside are written there, never dropped")
        }
        if rejects != nil, minChars == nil { throw ValidationError("--rejects needs --min-chars N (the minimum Han characters to keep)") }
        if let minChars, minChars < 1 { throw ValidationError("--min-chars must be at least 1") }
        if rejects == "-", !inPlace, outputFolder == nil {
            throw ValidationError("--rejects - needs -o or --in-place: standard output already carries the cleaned text")
        }
        if warc, jsonl { throw ValidationError("--warc and --jsonl cannot be used together") }
        if warc, inPlace { throw ValidationError("--warc cannot be used with --in-place: WARC input is cleaned into JSON Lines, use -o DIR") }
        if let minHanShare, !(0...1).contains(minHanShare) { throw ValidationError("--min-han-share must be between 0 and 1") }
        if minHanShare != nil, jsonl { throw ValidationError("--min-han-share works on WARC input only") }
        if let rejects, rejects == report { throw ValidationError("--rejects and --report must be different files") }
    }

    func run() throws {
        var options: CleanOptions
        do { options = try cleaning.makeOptions() } catch { throw error.exit }
        if let lineStats {
            do throws(LineStatisticsFile.FileError) {
                let statistics = try LineStatistics(path: lineStats, minDocuments: minDocs,
                                                    minSiteDocuments: minSiteDocs ?? 3)
                // Asking for per-site removal from a file without site counts is a mistake to report.
                if minSiteDocs != nil || siteField != nil || siteFromFolder, !statistics.hasSiteCounts {
                    throw LineStatisticsFile.FileError.noSiteCounts(lineStats, version: statistics.header.version)
                }
                options.lineStatistics = statistics
            } catch {
                throw CLIError.usage(error.description).exit
            }
        }
        let cleaner: Cleaner
        do { cleaner = try Cleaner(options: options) } catch { throw CLIError.usage(error.description).exit }
        let reportWriter: ReportWriter?
        do { reportWriter = try report.map { path throws(CLIError) in try ReportWriter(path: path) } } catch { throw error.exit }
        defer { reportWriter?.close() }
        let rejectsWriter: ReportWriter?
        do { rejectsWriter = try rejects.map { path throws(CLIError) in try ReportWriter(path: path) } } catch { throw error.exit }
        defer { rejectsWriter?.close() }

        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let run = CleanRun(cleaner: cleaner, report: reportWriter, jobs: workers, quiet: quiet,
                           filter: minChars.map { MinimumBodyFilter(minimumHan: $0) }, rejects: rejectsWriter,
                           minimumHanShare: minHanShare)
        let warcRecords = WARCRecordCleaner(cleaner: cleaner, field: field, metaField: metaField,
                                            minimumHanShare: minHanShare, keepsOriginal: minChars != nil)
        let failed: Bool
        if jsonl {
            let records = JSONLinesRecordCleaner(cleaner: cleaner, field: field, metaField: metaField,
                                                 siteField: siteField ?? options.lineStatistics?.header.siteField)
            failed = runJSONLines(records, run: run)
        } else {
            failed = runDocuments(run, warcRecords: warcRecords)
        }
        run.finish(showSummary: !quiet && (jsonl || run.sawWARC || run.summary.documents > 1))
        if failed { throw ExitCode(2) }
    }

    // MARK: Plain documents

    private func runDocuments(_ run: CleanRun, warcRecords: WARCRecordCleaner) -> Bool {
        if readsStandardInput {
            do {
                let input = SniffedInput(descriptor: STDIN_FILENO, label: "standard input")
                if warc || input.isWARC {
                    run.sawWARC = true
                    run.progress = ProgressReporter(quiet: quiet, totalBytes: nil)
                    let sink = try CompressingSink(descriptor: STDOUT_FILENO, format: .none, label: "standard output")
                    try streamWARC(warcRecords, from: input, to: sink, label: "standard input", run: run)
                    return false
                }
                if minHanShare != nil {
                    StandardStreams.error("scrapeclean: standard input: not WARC input, and --min-han-share works on WARC input only")
                    return true
                }
                let bytes = try input.readAll()
                let size = bytes.count
                let original = run.filter == nil ? nil : String(decoding: bytes, as: UTF8.self)
                let result = try run.cleaner.clean(bytes: consume bytes)
                run.record(result, path: "-", inputBytes: size)
                if let original, run.reject(result, source: "-", original: .text(original)) { return false }
                StandardStreams.write(result.text.utf8, to: STDOUT_FILENO)
                return false
            } catch let error as CLIError {
                StandardStreams.error("scrapeclean: \(error.description)")
                return true
            } catch {
                StandardStreams.error("scrapeclean: -: \(error)")
                return true
            }
        }
        let inputs = InputFiles(paths: paths, glob: glob ?? (warc ? "*.warc*" : "*.txt"))
        var failed = !inputs.problems.isEmpty
        for problem in inputs.problems { StandardStreams.error("scrapeclean: \(problem)") }
        run.progress = ProgressReporter(quiet: quiet, totalBytes: inputs.totalBytes)
        // Runs of plain files are cleaned in parallel; a WARC file streams its records. Input
        // order is kept.
        var plain: [InputFile] = []
        for file in inputs.files {
            guard warc || SniffedInput.fileIsWARC(file.path) else {
                if minHanShare != nil {
                    // Not silently cleaned without the filter the user asked for.
                    StandardStreams.error("scrapeclean: \(file.path): not WARC input, and --min-han-share works on WARC input only")
                    failed = true
                    run.recordFailure()
                } else {
                    plain.append(file)
                }
                continue
            }
            if !plain.isEmpty { failed = runPlainFiles(plain, run: run) || failed }
            plain = []
            run.sawWARC = true
            do {
                try streamWARCFile(file, records: warcRecords, run: run)
            } catch {
                failed = true
                run.recordFailure()
                StandardStreams.error("scrapeclean: \(error)")
            }
        }
        if !plain.isEmpty { failed = runPlainFiles(plain, run: run) || failed }
        return failed
    }

    private func runPlainFiles(_ files: [InputFile], run: CleanRun) -> Bool {
        var failed = false
        let cleaner = run.cleaner
        let siteFromFolder = siteFromFolder
        OrderedParallelMap(jobs: run.jobs).run(files, transform: { file -> Result<(CleanResult, Int), CLIError> in
            let bytes: [UInt8]
            do throws(CLIError) { bytes = try readFile(file.path) } catch { return .failure(error) }
            do throws(DecodingError) {
                let size = bytes.count
                let site = siteFromFolder ? MirrorFolderSite.host(inPath: file.path) : nil
                return .success((try cleaner.clean(bytes: consume bytes, site: site), size))
            } catch {
                return .failure(.io(path: file.path, problem: error.description))
            }
        }, consume: { file, outcome in
            do {
                let (result, size) = try outcome.get()
                run.record(result, path: file.path, inputBytes: size)
                // A file set aside is not written (under --in-place it stays as it is).
                if run.reject(result, source: file.path, original: .file) { return }
                try deliver(result.text.utf8, for: file)
            } catch {
                failed = true
                run.recordFailure()
                StandardStreams.error("scrapeclean: \(error)")
            }
        })
        return failed
    }

    /// Writes a document's cleaned text (its UTF-8, straight from the `String`).
    private func deliver(_ bytes: String.UTF8View, for file: InputFile) throws(CLIError) {
        if inPlace {
            try AtomicFile.write(compress(bytes, format: CompressionFormat(name: file.path), label: file.path),
                                 to: file.path, durable: true)
        } else if let outputFolder {
            let target = (outputFolder as NSString).appendingPathComponent(file.relativePath)
            try AtomicFile.makeParentFolders(of: target)
            try AtomicFile.write(compress(bytes, format: CompressionFormat(name: target), label: target), to: target)
        } else {
            StandardStreams.write(bytes, to: STDOUT_FILENO)
        }
    }

    // MARK: WARC

    /// Cleans the documents of a WARC file into JSON Lines: on standard output, or under `-o`
    /// into the folder as ``jsonLinesName(forWARC:)`` names it (written to a temporary file
    /// and renamed; when the input is damaged, the documents before the damage are kept).
    private func streamWARCFile(_ file: InputFile, records: WARCRecordCleaner, run: CleanRun) throws(CLIError) {
        guard !inPlace else {
            throw .io(path: file.path, problem: "is WARC input, which is cleaned into JSON Lines: --in-place would replace it; use -o DIR")
        }
        let descriptor = open(file.path, O_RDONLY)
        guard descriptor >= 0 else { throw .io(path: file.path, problem: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let input = SniffedInput(descriptor: descriptor, label: file.path)
        guard let outputFolder else {
            try streamWARC(records, from: input, to: CompressingSink(descriptor: STDOUT_FILENO, format: .none, label: "standard output"),
                           label: file.path, run: run)
            return
        }
        let target = (outputFolder as NSString).appendingPathComponent(jsonLinesName(forWARC: file.relativePath))
        try AtomicFile.makeParentFolders(of: target)
        let temporary = try AtomicFile.Temporary(beside: target)
        let sink = try CompressingSink(descriptor: temporary.descriptor, format: CompressionFormat(name: target), label: target)
        var failure: CLIError?
        do { try streamWARC(records, from: input, to: sink, label: file.path, run: run) } catch { failure = error }
        guard sink.finish() else { throw .io(path: target, problem: "cannot write") }
        try temporary.commit(over: target, keepingPermissionsOf: nil)
        if let failure { throw failure }
    }

    /// Cleans the records of `input` into `output`, in order, `--jobs` at a time; throws at a
    /// damaged record after the documents before it were written.
    private func streamWARC(_ records: WARCRecordCleaner, from input: SniffedInput, to output: CompressingSink,
                            label: String, run: CleanRun) throws(CLIError) {
        let reader = input.warcReader(label: label)
        var failure: WARCError?
        OrderedStream<(WARCRecord, Int), (Int, WARCRecordCleaner.Outcome)>(jobs: run.jobs).run(
            next: {
                let before = reader.offset
                do throws(WARCError) {
                    guard let record = try reader.next() else { return nil }
                    return (record, reader.offset - before)
                } catch {
                    failure = error
                    return nil
                }
            },
            transform: { record, size in (size, records.process(record)) },
            emit: { size, outcome in
                switch outcome {
                case let .cleaned(line, result, document, original):
                    // Reports name the record by its url (else its record id).
                    run.record(result, path: document.label, inputBytes: size)
                    if let original, run.reject(result, source: document.label, original: .record(original)) { return }
                    var bytes = line
                    bytes.append(0x0A)
                    output.write(bytes)
                case let .skippedRecord(reason):
                    run.recordSkipped(reason.description, inputBytes: size)
                case .belowHanShare:
                    run.recordBelowHanShare(inputBytes: size)
                }
            })
        if let failure { throw input.cliError(failure) }
    }

    // MARK: JSON Lines

    private func runJSONLines(_ records: JSONLinesRecordCleaner, run: CleanRun) -> Bool {
        if readsStandardInput {
            run.progress = ProgressReporter(quiet: quiet, totalBytes: nil)
            do {
                let sink = try CompressingSink(descriptor: STDOUT_FILENO, format: .none, label: "standard output")
                try streamRecords(records, from: STDIN_FILENO, to: sink, label: "-", run: run)
            } catch {
                run.recordFailure()
                StandardStreams.error("scrapeclean: \(error)")
                return true
            }
            return false
        }
        let inputs = InputFiles(paths: paths, glob: glob ?? "*.jsonl")
        var failed = !inputs.problems.isEmpty
        for problem in inputs.problems { StandardStreams.error("scrapeclean: \(problem)") }
        run.progress = ProgressReporter(quiet: quiet, totalBytes: inputs.totalBytes)
        for file in inputs.files {
            do {
                try streamFile(file, records: records, run: run)
            } catch {
                failed = true
                run.recordFailure()
                StandardStreams.error("scrapeclean: \(error)")
            }
        }
        return failed
    }

    private func streamFile(_ file: InputFile, records: JSONLinesRecordCleaner, run: CleanRun) throws(CLIError) {
        let input = open(file.path, O_RDONLY)
        guard input >= 0 else { throw .io(path: file.path, problem: String(cString: strerror(errno))) }
        defer { close(input) }
        guard inPlace || outputFolder != nil else {
            try streamRecords(records, from: input, to: CompressingSink(descriptor: STDOUT_FILENO, format: .none, label: "standard output"),
                              label: file.path, run: run)
            return
        }
        // Stream into a temporary file beside the target, then rename it into place. The
        // output is compressed as its name says (the input's name: `-o` keeps .gz and .zst).
        // When the input turns out truncated, the records before the damage are kept.
        let target = inPlace ? file.path : (outputFolder! as NSString).appendingPathComponent(file.relativePath)
        try AtomicFile.makeParentFolders(of: target)
        let temporary = try AtomicFile.Temporary(beside: target)
        let sink = try CompressingSink(descriptor: temporary.descriptor, format: CompressionFormat(name: target), label: target)
        var failure: CLIError?
        do { try streamRecords(records, from: input, to: sink, label: file.path, run: run) } catch { failure = error }
        guard sink.finish() else { throw .io(path: target, problem: "cannot write") }
        // --in-place never replaces a file with the part of it that could be read.
        if let failure, inPlace { throw failure }
        try temporary.commit(over: target, keepingPermissionsOf: inPlace ? file.path : nil)
        if let failure { throw failure }
    }

    /// Cleans the records of `input` into `output`; throws when the input is truncated or
    /// corrupt, after the records before the damage were written.
    private func streamRecords(_ records: JSONLinesRecordCleaner, from input: Int32, to output: CompressingSink,
                               label: String, run: CleanRun) throws(CLIError) {
        let reader = LineReader(descriptor: input, label: label == "-" ? "standard input" : label)
        let strict = strict
        let keepsOriginal = run.filter != nil
        OrderedStream<(Int, [UInt8]), (Int, Int, JSONLinesRecordCleaner.Outcome, [UInt8]?)>(jobs: run.jobs).run(
            next: { reader.next().map { (reader.lineNumber, $0) } },
            transform: { number, line in (number, line.count, records.process(line), keepsOriginal ? line : nil) },
            emit: { number, size, outcome, original in
                if strict, case let .malformed(_, reason) = outcome {
                    StandardStreams.error("scrapeclean: \(label):\(number): malformed JSON Lines record: \(reason)")
                    run.finish(showSummary: false)
                    Foundation.exit(2)
                }
                run.record(outcome, path: "\(label):\(number)", inputBytes: size + 1)
                if case let .cleaned(_, result) = outcome, let original,
                   run.reject(result, source: "\(label):\(number)", original: .record(original)) { return }
                var bytes = outcome.output
                bytes.append(0x0A)
                output.write(bytes)
            })
        if let failure = reader.failure { throw failure }
    }
}

/// Shared state of one `clean` run: the cleaner, the report, the summary and the progress line.
final class CleanRun: Sendable {
    let cleaner: Cleaner
    let jobs: Int
    private let reportWriter: ReportWriter?
    private let quiet: Bool
    private let state = Mutex(RunSummary())
    private let progressBox = Mutex<ProgressReporter?>(nil)

    /// `--min-chars`: documents left with too little body go to `rejectsWriter`.
    let filter: MinimumBodyFilter?
    private let rejectsWriter: ReportWriter?

    private let warcSeen = Mutex(false)

    /// Whether any input was WARC (the summary is then shown even for one document).
    var sawWARC: Bool {
        get { warcSeen.withLock { $0 } }
        set { warcSeen.withLock { $0 = newValue } }
    }

    init(cleaner: Cleaner, report: ReportWriter?, jobs: Int, quiet: Bool,
         filter: MinimumBodyFilter? = nil, rejects: ReportWriter? = nil, minimumHanShare: Double? = nil) {
        self.cleaner = cleaner
        self.reportWriter = report
        self.jobs = jobs
        self.quiet = quiet
        self.filter = filter
        self.rejectsWriter = rejects
        state.withLock { $0.minimumHanShare = minimumHanShare }
    }

    /// Sets the document aside when ``filter`` rejects it: writes its record to the rejects
    /// file, counts it, and returns `true` (the caller then writes no output for it).
    func reject(_ result: CleanResult, source: String, original: MinimumBodyFilter.Original) -> Bool {
        guard let filter, let rejection = filter.rejection(of: result) else { return false }
        rejectsWriter?.writeLine(filter.rejectRecord(rejection, source: source, original: original))
        state.withLock { $0.rejected += 1 }
        return true
    }

    var progress: ProgressReporter? {
        get { progressBox.withLock { $0 } }
        set { progressBox.withLock { $0 = newValue } }
    }

    var summary: RunSummary { state.withLock { $0 } }

    func record(_ result: CleanResult, path: String, inputBytes: Int) {
        state.withLock { $0.add(result, inputBytes: inputBytes) }
        reportWriter?.write(DocumentReport(path: path, result: result))
        progress?.advance(bytes: inputBytes)
    }

    func record(_ outcome: JSONLinesRecordCleaner.Outcome, path: String, inputBytes: Int) {
        switch outcome {
        case let .cleaned(_, result):
            record(result, path: path, inputBytes: inputBytes)
        case .malformed:
            state.withLock { $0.malformed += 1; $0.inputBytes += inputBytes }
            progress?.advance(bytes: inputBytes)
        case .withoutField:
            state.withLock { $0.withoutField += 1; $0.inputBytes += inputBytes }
            progress?.advance(bytes: inputBytes)
        }
    }

    /// A WARC record without a text document (`warcinfo`, `request`…).
    func recordSkipped(_ reason: String, inputBytes: Int) {
        state.withLock { $0.skippedRecords[reason, default: 0] += 1; $0.inputBytes += inputBytes }
        progress?.advance(bytes: inputBytes)
    }

    /// A document skipped by `--min-han-share`.
    func recordBelowHanShare(inputBytes: Int) {
        state.withLock { $0.belowHanShare += 1; $0.inputBytes += inputBytes }
        progress?.advance(bytes: inputBytes)
    }

    func recordFailure() {
        state.withLock { $0.failedFiles += 1 }
    }

    func finish(showSummary: Bool) {
        progress?.finish()
        let summary = self.summary
        if showSummary {
            StandardStreams.error("scrapeclean: \(summary.line)")
        } else if summary.malformed > 0, !quiet {
            StandardStreams.error("scrapeclean: \(summary.malformed) malformed line(s) passed through")
        }
    }
}
