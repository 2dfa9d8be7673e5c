import ArgumentParser
import Foundation
import ScrapeClean

/// The flags that shape cleaning, shared by `clean`, `check`, `diff` and fixture `args` files.
struct CleaningFlags: ParsableArguments {
    @Option(help: "Convert script: keep, simplified or traditional.")
    var to: ScriptTarget = .keep

    @Option(help: "Regional standard for --to: cn, tw or hk.")
    var region: Region = .cn

    @Option(help: "Conversion engine for --to: opencc (word by word) or icu (character based).")
    var converter: ConverterEngine = .opencc

    @Option(name: .customLong("rules"), help: ArgumentHelp("Add a rule file (JSON); repeatable.", valueName: "file"))
    var ruleFiles: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Switch off a rule by id; repeatable.", valueName: "rule-id"))
    var disabledRules: [String] = []

    @Flag(help: "Leave half-width punctuation between Chinese characters as it is.")
    var keepPunctuation = false

    @Option(help: ArgumentHelp("Read input in this encoding instead of detecting it (e.g. GB18030, Big5, UTF-16LE).", valueName: "name"))
    var encoding: String?

    @Option(name: .customLong("line-model-threshold"),
            help: ArgumentHelp("The learned line model removes a line it scores at or above this chrome probability, 0…1 (1 removes nothing; default \(CleanOptions.defaultLineModelThreshold)).", valueName: "p"))
    var lineModelThreshold: Double?

    @Option(name: .customLong("line-model"), help: ArgumentHelp("Use this line model file instead of the built-in one (Scripts/train_line_model.py writes them).", valueName: "file"))
    var lineModelFile: String?

    /// Builds the library options, reading rule files.
    func makeOptions() throws(CLIError) -> CleanOptions {
        var options = CleanOptions()
        options.target = to
        options.region = region
        options.converter = converter
        options.keepPunctuation = keepPunctuation
        options.disabledRules = Set(disabledRules)
        if let encoding {
            guard ICU.canonicalConverterName(encoding) != nil else {
                throw .usage("unknown encoding '\(encoding)' (try UTF-8, GB18030, Big5, Big5-HKSCS, UTF-16LE, UTF-16BE)")
            }
            options.encoding = encoding
        }
        if let lineModelThreshold {
            guard lineModelThreshold >= 0, lineModelThreshold <= 1 else {
                throw .usage("--line-model-threshold \(lineModelThreshold) is not between 0 and 1")
            }
            options.lineModelThreshold = lineModelThreshold
        }
        if let lineModelFile {
            guard FileManager.default.isReadableFile(atPath: lineModelFile) else {
                throw .io(path: lineModelFile, problem: "cannot read the line model file")
            }
            options.lineModelFile = lineModelFile
        }
        for file in ruleFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .io(path: file, problem: "cannot read rule file")
            }
            options.extraRuleSources.append(RuleSource(name: file, json: String(decoding: data, as: UTF8.self)))
        }
        return options
    }

    func makeCleaner() throws(CLIError) -> Cleaner {
        let options = try makeOptions()
        do {
            return try Cleaner(options: options)
        } catch {
            throw .usage(error.description)
        }
    }
}

extension ScriptTarget: ExpressibleByArgument {}
extension Region: ExpressibleByArgument {}
extension ConverterEngine: ExpressibleByArgument {}
