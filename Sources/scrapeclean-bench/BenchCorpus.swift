import Foundation
import ScrapeClean

/// Builds benchmark inputs from the fixtures: each document is a fixture input (decoded to
/// UTF-8) whose middle lines are shuffled with a per-copy seed, so that the corpus is not one
/// file repeated while every document keeps its head and tail chrome where sites put it.
struct BenchCorpus {
    private var sources: [[Substring]] = []
    /// The fixtures' folder names, in the order documents cycle through them.
    private(set) var names: [String] = []

    init(fixtures folder: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let path = "\(folder)/\(name)/input.txt"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let text = try EncodingDetector.decode([UInt8](data)).text
            sources.append(text.split(separator: "\n", omittingEmptySubsequences: false))
            names.append(name)
        }
        guard !sources.isEmpty else { throw BenchError("no Fixtures/*/input.txt under \(folder)") }
    }

    /// The fixture the `copy`-th document was made from.
    func fixtureName(ofCopy copy: Int) -> String { names[copy % names.count] }

    /// The `copy`-th document: fixture `copy % count`, middle lines shuffled with seed `copy`.
    func document(_ copy: Int) -> String {
        var lines = sources[copy % sources.count]
        let keep = 3
        if lines.count > 2 * keep + 2 {
            var generator = SplitMix64(seed: UInt64(copy) &* 0x2545_F491_4F6C_DD1D)
            lines[keep..<(lines.count - keep)].shuffle(using: &generator)
        }
        var text = lines.joined(separator: "\n")
        if !text.hasSuffix("\n") { text += "\n" }
        return text
    }

    /// Documents in order until `bytes` UTF-8 bytes are reached.
    func documents(totalling bytes: Int) -> [String] {
        var result: [String] = []
        var total = 0
        while total < bytes {
            let next = document(result.count)
            result.append(next)
            total += next.utf8.count
        }
        return result
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A small deterministic random generator (the same as the tests').
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func writeFile(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}
