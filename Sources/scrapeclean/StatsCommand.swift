import ArgumentParser
import Foundation
import ScrapeClean

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count in how many documents each normalized line occurs (for clean --line-stats).",
        discussion: """
            Counting runs in bounded memory (sorted runs spilled to the temporary folder) and \
            gives the same file for the same documents in any order, so shards can be counted \
            separately and merged, map/reduce style:

              scrapeclean stats shard1/ -o a.bin
              scrapeclean stats shard2/ -o b.bin
              scrapeclean stats --merge a.bin b.bin -o all.bin
              scrapeclean clean corpus/ -o cleaned/ --line-stats all.bin --min-docs 50

            With --jsonl --site-field url, lines are also counted per site: the site of a \
            record is the registrable domain of that field (news.example.com.cn and \
            www.example.com.cn are both example.com.cn). `clean --line-stats` then removes \
            the lines on at least --min-site-docs pages of a document's own site (its header, \
            navigation, login banner, copyright and ICP lines). A record without the field, or \
            whose value has no host, is counted for the corpus only; the summary says how many. \
            WARC/WET records are always counted per site, by their WARC-Target-URI.

              scrapeclean stats --jsonl --site-field url crawl.jsonl -o site.bin
              scrapeclean clean --jsonl crawl.jsonl -o out/ --line-stats site.bin

            Lines are normalized before counting: white space and punctuation dropped, \
            full-width ASCII folded, letters lower-cased, digits folded to 0. gzip and zstd \
            input is decompressed on the fly.

            Plain files saved by a site mirror (wget --mirror, HTTrack: one folder per host) \
            are counted per site with --site-from-folder, the site being the nearest folder of \
            the path named like a host; give clean the same flag:

              scrapeclean stats mirror/ --site-from-folder -o site.bin
              scrapeclean clean mirror/ -o cleaned/ --line-stats site.bin --site-from-folder

            WARC and WET input (--warc, or found by its first bytes WARC/1.) is read as \
            clean reads it: each text record is one document, so a Common Crawl WET file is \
            counted with `stats part.warc.wet.gz -o part.bin` and then cleaned with \
            `clean part.warc.wet.gz --line-stats part.bin`. Give the same --min-han-share as \
            to clean to count only the documents clean keeps.
            """
    )

    @Argument(help: "Files or folders to count; none reads standard input (with --merge: statistics files to merge).")
    var paths: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The statistics file to write.", valueName: "file"))
    var output: String

    @Flag(help: "Merge statistics files instead of counting documents.")
    var merge = false

    @Flag(help: "Inputs are JSON Lines; count the --field of each record as one document.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl: the text field.", valueName: "name"))
    var field = "text"

    @Option(help: ArgumentHelp("With --jsonl: also count lines per site, the site being the registrable domain of this field (a URL or host).", valueName: "name"))
    var siteField: String?

    @Flag(help: "Plain files: also count lines per site, the site being the host folder in the file's path (a mirror's news.example.com.cn/…/1.txt).")
    var siteFromFolder = false

    @Flag(help: "No summary on standard error; only errors.")
    var quiet = false

    @Option(help: "File name pattern for folders (default: *.txt, or *.jsonl with --jsonl).")
    var glob: String?

    @Flag(help: "Inputs are WARC or WET (found by their first bytes otherwise): each text record is a document.")
    var warc = false

    @Option(help: ArgumentHelp("With WARC input: count only documents whose letters are at least this share Han (0…1).", valueName: "x"))
    var minHanShare: Double?

    @Option(help: ArgumentHelp("Read input in this encoding instead of detecting it.", valueName: "name"))
    var encoding: String?

    func validate() throws {
        if merge, paths.count < 1 { throw ValidationError("--merge needs statistics files") }
        if siteField != nil, !jsonl { throw ValidationError("--site-field needs --jsonl: only JSON Lines records carry a URL field (WARC input is counted per site by its WARC-Target-URI)") }
        if siteField != nil, merge { throw ValidationError("--site-field counts documents; --merge keeps the field the files were counted with") }
        if let siteField, siteField == field { throw ValidationError("--site-field and --field must differ") }
        if warc, jsonl { throw ValidationError("--warc and --jsonl cannot be used together") }
        if siteFromFolder, jsonl || warc || merge {
            throw ValidationError("--site-from-folder is for plain files (JSON Lines take --site-field; WARC records are counted by their URL)")
        }
        if let minHanShare, !(0...1).contains(minHanShare) { throw ValidationError("--min-han-share must be between 0 and 1") }
    }

    func run() throws {
        if merge {
            do { try LineStatisticsFile.merge(paths, into: output) } catch { throw CLIError.usage(error.description).exit }
            return
        }
        let inputs = InputFiles(paths: paths, glob: glob ?? (jsonl ? "*.jsonl" : warc ? "*.warc*" : "*.txt"))
        var failed = !inputs.problems.isEmpty
        for problem in inputs.problems { StandardStreams.error("scrapeclean: \(problem)") }
        // WARC records are counted per site by their WARC-Target-URI, named "url" as in the output.
        var builder = LineStatisticsBuilder(siteField: siteField ?? (warc ? "url" : nil))
        var withoutSite = 0
        let hygiene = Hygiene()
        do {
            if paths.isEmpty {
                if jsonl {
                    try countRecords(from: STDIN_FILENO, label: "standard input", into: &builder, withoutSite: &withoutSite)
                } else {
                    let input = SniffedInput(descriptor: STDIN_FILENO, label: "standard input")
                    if warc || input.isWARC {
                        try countWARC(input, label: "standard input", into: &builder)
                    } else {
                        let decoded = try EncodingDetector.decode(input.readAll(), encoding: encoding)
                        try builder.add(document: hygiene.document(from: decoded.text).text)
                    }
                }
            }
            for file in inputs.files {
                if !jsonl, warc || SniffedInput.fileIsWARC(file.path) {
                    let counted = try countOpened(file.path) { descriptor in
                        try countWARC(SniffedInput(descriptor: descriptor, label: file.path), label: file.path, into: &builder)
                    }
                    failed = !counted || failed
                    continue
                }
                if jsonl {
                    let counted = try countOpened(file.path) { descriptor in
                        try countRecords(from: descriptor, label: file.path, into: &builder, withoutSite: &withoutSite)
                    }
                    failed = !counted || failed
                    continue
                }
                do {
                    let bytes = try readFile(file.path)
                    let decoded = try EncodingDetector.decode(bytes, encoding: encoding)
                    let site = siteFromFolder ? MirrorFolderSite.host(inPath: file.path) : nil
                    if siteFromFolder, site == nil { withoutSite += 1 }
                    try builder.add(document: hygiene.document(from: decoded.text).text, site: site)
                } catch let error as CLIError {
                    failed = true
                    StandardStreams.error("scrapeclean: \(error)")
                } catch let error as DecodingError {
                    throw CLIError.usage(error.description).exit
                }
            }
            let header = try builder.write(to: output)
            if !quiet { StandardStreams.error(summary(of: header, withoutSite: withoutSite)) }
        } catch let error as LineStatisticsFile.FileError {
            throw CLIError.usage(error.description).exit
        } catch let error as DecodingError {
            throw CLIError.usage(error.description).exit
        } catch let error as CLIError {
            throw error.exit
        }
        if failed { throw ExitCode(2) }
    }

    /// Opens `path` and runs `count` on its descriptor. Returns false, after saying why on standard
    /// error, when the file cannot be opened or its input is truncated or damaged (`CLIError`:
    /// what came before the damage is counted); other errors propagate.
    private func countOpened(_ path: String, _ count: (Int32) throws -> Void) throws -> Bool {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            StandardStreams.error("scrapeclean: \(path): \(String(cString: strerror(errno)))")
            return false
        }
        defer { close(descriptor) }
        do {
            try count(descriptor)
        } catch let error as CLIError {
            StandardStreams.error("scrapeclean: \(error)")
            return false
        }
        return true
    }

    /// Counts each text document of a WARC input (``WARCDocument/select(_:)``, as `clean`
    /// selects them). Throws `CLIError` at a damaged record, after counting those before it.
    private func countWARC(_ input: SniffedInput, label: String, into builder: inout LineStatisticsBuilder) throws {
        let reader = input.warcReader(label: label)
        let hygiene = Hygiene()
        while true {
            let record: WARCRecord
            do throws(WARCError) {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                throw input.cliError(error)
            }
            guard case let .document(document) = WARCDocument.select(record) else { continue }
            let decoded = document.decode(encoding: encoding)
            if let minHanShare, HanShare(text: decoded.text).share < minHanShare { continue }
            try builder.add(document: hygiene.document(from: decoded.text).text, site: document.url)
        }
    }

    /// Counts the --field of each JSON Lines record as one document, under the site of its
    /// --site-field when there is one; `withoutSite` counts the records whose site field is
    /// missing, not a string, or holds no host.
    /// Throws `CLIError` when the input is truncated or corrupt (after counting what came before).
    private func countRecords(from descriptor: Int32, label: String, into builder: inout LineStatisticsBuilder,
                              withoutSite: inout Int) throws {
        let reader = LineReader(descriptor: descriptor, label: label)
        let hygiene = Hygiene()
        while let line = reader.next() {
            guard let record = JSONLinesRecordCleaner.fieldText(of: line, field: field, siteField: siteField) else { continue }
            let site = try builder.add(document: hygiene.document(from: record.text).text, site: record.site)
            if siteField != nil, site == nil { withoutSite += 1 }
        }
        if let failure = reader.failure { throw failure }
    }

    /// The line on standard error after counting, e.g.
    /// `stats: 452 documents, 452 with a site (428 sites), 0 without a usable 'url'; 7131 distinct lines -> site.bin`.
    private func summary(of header: LineStatisticsFile.Header, withoutSite: Int) -> String {
        var line = "stats: \(header.documents) documents"
        if let siteField {
            line += ", \(header.documentsWithSite) with a site (\(header.sites) sites)"
            line += ", \(withoutSite) without a usable '\(siteField)'"
        } else if siteFromFolder {
            line += ", \(header.documentsWithSite) with a site (\(header.sites) sites), \(withoutSite) outside a host folder"
        }
        return line + "; \(header.corpusEntries) distinct lines -> \(output)"
    }
}
