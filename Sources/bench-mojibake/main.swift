// Throughput of the mojibake and annotation stages on clean text (see Scripts/bench_mojibake.sh).
//
// Usage: bench-mojibake FILE... [--megabytes N]
// The files are concatenated and repeated to about N MB (default 128); the two stages run over
// the whole text as one document, and the time of the stages alone is reported.
import Foundation
import ScrapeClean

var paths: [String] = []
var megabytes = 128
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--megabytes", let value = arguments.popFirst(), let number = Int(value) {
        megabytes = number
    } else {
        paths.append(argument)
    }
}
guard !paths.isEmpty else {
    FileHandle.standardError.write(Data("usage: bench-mojibake FILE... [--megabytes N]\n".utf8))
    exit(2)
}
var sample = ""
for path in paths {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("bench-mojibake: cannot read \(path)\n".utf8))
        exit(2)
    }
    sample += text.hasSuffix("\n") ? text : text + "\n"
}
var corpus = ""
corpus.reserveCapacity(megabytes << 20 + sample.utf8.count)
while corpus.utf8.count < megabytes << 20 { corpus += sample }
let size = Double(corpus.utf8.count) / 1_048_576

// Load tables outside the timing.
var warmup = Document(text: sample)
MojibakeStage().apply(to: &warmup)
AnnotationStage().apply(to: &warmup)

var document = Document(text: corpus)
let lineCount = document.lines.count
let clock = ContinuousClock()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
// The stages one after the other, each timed: the mojibake stage on clean text is the screen
// plus the searches of the lines it flags.
let mojibake = seconds(clock.measure { MojibakeStage().apply(to: &document) })
let annotations = seconds(clock.measure { AnnotationStage().apply(to: &document) })
let edits = document.edits.count
print(String(format: "%.1f MB, %d lines: mojibake %.3f s (%.0f MB/s), annotations %.3f s (%.0f MB/s), together %.0f MB/s, %d edits",
             size, lineCount, mojibake, size / mojibake, annotations, size / annotations,
             size / (mojibake + annotations), edits))
