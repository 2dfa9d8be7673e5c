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
