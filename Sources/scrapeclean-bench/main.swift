import Foundation
import ScrapeClean

// scrapeclean-bench: builds benchmark inputs and times each pipeline stage.
// Scripts/bench.sh drives it; see that script for the full benchmark.

let usage = """
    usage: scrapeclean-bench corpus FIXTURES OUT [MEGABYTES]   write OUT/docs/*.txt and OUT/corpus.txt
           scrapeclean-bench linear FIXTURES OUT               write the 1/4/16 MB and hostile 16 MB inputs
           scrapeclean-bench stages DOCS [simplified|traditional]  time each stage over DOCS/*.txt
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

func stages(documents folder: String, target: ScriptTarget) throws {
    var options = CleanOptions()
    options.target = target
    let cleaner = try Cleaner(options: options)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
    var inputs: [[UInt8]] = []
    for name in names {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(name)") else { throw BenchError("cannot read \(name)") }
        inputs.append([UInt8](data))
    }
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
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18
    print("| whole pipeline (\(inputs.count) documents, " + String(format: "%.1f MB, in process) | %.3f | %.1f |",
                 megabytes, seconds, megabytes / seconds))
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
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("scrapeclean-bench: \(error)\n".utf8))
    exit(2)
}
