import Foundation
import ScrapeClean

// scrapeclean-bench: builds benchmark inputs and times each pipeline stage.
// Scripts/bench.sh drives it; see that script for the full benchmark.

let usage = """
    usage: scrapeclean-bench corpus FIXTURES OUT [MEGABYTES]   write OUT/docs/*.txt and OUT/corpus.txt
           scrapeclean-bench linear FIXTURES OUT               write the 1/4/16 MB and hostile 16 MB inputs
           scrapeclean-bench stages DOCS [simplified|traditional]  time each stage over DOCS/*.txt
           scrapeclean-bench fixtures FIXTURES DOCS [simplified|traditional]
                                                      time DOCS/*.txt grouped by the fixture each copies
           scrapeclean-bench mojibake CASES [CLEAN] [--failures N] [--failed-jsonl FILE]
                                                      score the mojibake stage on generated cases by class,
                                                      count its edits on clean risky text (false repairs)
           scrapeclean-bench line-features DOCS OUT [MODEL]
                                                      the line model's features of every line of DOCS/*.txt
                                                      (TSV for Scripts/train_line_model.py)
    """

func corpus(fixtures: String, out: String, megabytes: Int) throws {
    let documents = try BenchCorpus(fixtures: fixtures).documents(totalling: megabytes << 20)
    let folder = "\(out)/docs"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var all = ""
    for (index, text) in documents.enumerated() {
        let number = String(index)
        try writeFile(text, to: "\(folder)/" + String(repeating: "0", count: max(0, 5 - number.count)) + number + ".txt")
        all += text
    }
    try writeFile(all, to: "\(out)/corpus.txt")
    print("corpus: \(documents.count) documents, \(all.utf8.count) bytes in \(out)")
}

func linear(fixtures: String, out: String) throws {
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let source = try BenchCorpus(fixtures: fixtures)
    for megabytes in [1, 4, 16] {
        try writeFile(source.documents(totalling: megabytes << 20).joined(), to: "\(out)/content-\(megabytes)mb.txt")
    }
    // The same 16 MB with every line break taken out: one line.
    var single = source.documents(totalling: 16 << 20).joined()
    single.removeAll { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    try writeFile(single + "\n", to: "\(out)/single-line-16mb.txt")
    let line = "同志们，今天我们在这里召开全村干部大会，主要任务是总结工作。\n"
    try writeFile(String(repeating: line, count: (16 << 20) / line.utf8.count), to: "\(out)/repeated-line-16mb.txt")
    print("linear inputs in \(out)")
}

/// The `*.txt` files of `folder`, by name, and their bytes.
func readDocuments(in folder: String) throws -> [(name: String, bytes: [UInt8])] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
    return try names.map { name in
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { throw BenchError("cannot read \(name)") }
        return (name, [UInt8](data))
    }
}

func cleaner(to target: ScriptTarget) throws -> Cleaner {
    var options = CleanOptions()
    options.target = target
    return try Cleaner(options: options)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func stages(documents folder: String, target: ScriptTarget) throws {
    let cleaner = try cleaner(to: target)
    let inputs = try readDocuments(in: folder).map(\.bytes)
    let bytes = inputs.reduce(0) { $0 + $1.count }
    var timings = StageTimings()
    let clock = ContinuousClock()
    let start = clock.now
    for input in inputs { _ = try cleaner.clean(bytes: input, timings: &timings) }
    let total = clock.now - start
    let megabytes = Double(bytes) / 1_048_576
    print("| stage (\(target.rawValue)) | seconds | MB/s |")
    print("|---|---:|---:|")
    for stage in Stage.allCases {
        guard let seconds = timings.seconds[stage] else { continue }
        print("| \(stage.rawValue) | " + String(format: "%.3f | %.1f |", seconds, megabytes / seconds))
    }
    print("| whole pipeline (\(inputs.count) documents, " + String(format: "%.1f MB, in process) | %.3f | %.1f |",
                 megabytes, seconds(total), megabytes / seconds(total)))
}

/// Times the whole pipeline on each document of `folder` (made by `corpus` from `fixtures`:
/// document N copies fixture N mod count) and prints, per fixture, its share of the bytes and
/// of the time: which kinds of page cost what.
func fixtureCosts(fixtures: String, documents folder: String, target: ScriptTarget) throws {
    let cleaner = try cleaner(to: target)
    let corpus = try BenchCorpus(fixtures: fixtures)
    var bytesByFixture: [String: Int] = [:]
    var secondsByFixture: [String: Double] = [:]
    var countByFixture: [String: Int] = [:]
    let clock = ContinuousClock()
    for (name, bytes) in try readDocuments(in: folder) {
        guard let copy = Int(name.dropLast(4)) else { throw BenchError("\(name) is not named by its copy number") }
        let fixture = corpus.fixtureName(ofCopy: copy)
        let start = clock.now
        _ = try cleaner.clean(bytes: bytes)
        secondsByFixture[fixture, default: 0] += seconds(clock.now - start)
        bytesByFixture[fixture, default: 0] += bytes.count
        countByFixture[fixture, default: 0] += 1
    }
    let totalBytes = Double(bytesByFixture.values.reduce(0, +))
    let totalSeconds = secondsByFixture.values.reduce(0, +)
    print("| fixture (\(target.rawValue)) | documents | MB | share of bytes | seconds | share of time | MB/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fixture in secondsByFixture.keys.sorted(by: { secondsByFixture[$0]! > secondsByFixture[$1]! }) {
        let megabytes = Double(bytesByFixture[fixture]!) / 1_048_576
        let time = secondsByFixture[fixture]!
        print("| \(fixture) | \(countByFixture[fixture]!) | " + String(format: "%.1f | %.1f%% | %.3f | %.1f%% | %.1f |",
              megabytes, 100 * Double(bytesByFixture[fixture]!) / totalBytes, time, 100 * time / totalSeconds,
              megabytes / time))
    }
    print("| all | \(countByFixture.values.reduce(0, +)) | " + String(format: "%.1f | 100%% | %.3f | 100%% | %.1f |",
          totalBytes / 1_048_576, totalSeconds, totalBytes / 1_048_576 / totalSeconds))
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch (arguments.first, arguments.count) {
    case ("corpus", 3), ("corpus", 4):
        try corpus(fixtures: arguments[1], out: arguments[2], megabytes: arguments.count == 4 ? Int(arguments[3]) ?? 40 : 40)
    case ("linear", 3):
        try linear(fixtures: arguments[1], out: arguments[2])
    case ("stages", 2), ("stages", 3):
        let target = arguments.count == 3 ? ScriptTarget(rawValue: arguments[2]) : .keep
        guard let target else { throw BenchError("unknown target \(arguments[2])") }
        try stages(documents: arguments[1], target: target)
    case ("fixtures", 3), ("fixtures", 4):
        let target = arguments.count == 4 ? ScriptTarget(rawValue: arguments[3]) : .keep
        guard let target else { throw BenchError("unknown target \(arguments[3])") }
        try fixtureCosts(fixtures: arguments[1], documents: arguments[2], target: target)
    case ("mojibake", _) where arguments.count >= 2:
        var rest = Array(arguments.dropFirst(2))
        var failures = 0
        if let flag = rest.firstIndex(of: "--failures"), flag + 1 < rest.count {
            failures = Int(rest[flag + 1]) ?? 0
            rest.removeSubrange(flag...(flag + 1))
        }
        var failedPath: String?
        if let flag = rest.firstIndex(of: "--failed-jsonl"), flag + 1 < rest.count {
            failedPath = rest[flag + 1]
            rest.removeSubrange(flag...(flag + 1))
        }
        try mojibakeBench(cases: arguments[1], clean: rest.first, failures: failures, failedPath: failedPath)
    case ("line-features", 3), ("line-features", 4):
        try lineFeatureDump(documents: arguments[1], out: arguments[2], model: arguments.count == 4 ? arguments[3] : nil)
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("scrapeclean-bench: \(error)\n".utf8))
    exit(2)
}
