/// Removes garbage that no decoding can bring back: `锟斤拷` runs (U+FFFD written as UTF-8 and
/// read as GBK), `烫烫`/`屯屯` debug fill (uninitialised stack and heap bytes 0xCC and 0xCD read as
/// GBK), runs of U+FFFD, and private-use characters left by undecodable bytes.
///
/// `烫` and `屯` are ordinary characters, so only runs of four or more count as fill.
///
/// ```swift
/// GarbageStripper().strip(line: "今天锟斤拷锟斤拷天气").text   // "今天天气"
/// ```
struct GarbageStripper: Sendable {
    struct Removal: Sendable, Equatable {
        var start: Int
        var removed: String
        var rule: String
    }

    static let fillMinimum = 4

    func strip(line: String) -> (text: String, removals: [Removal]) {
        let scalars = Array(line.unicodeScalars)
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var removals: [Removal] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            var end = index
            var rule: String?
            if scalar == "锟" || scalar == "斤" || scalar == "拷" {
                while end < scalars.count, scalars[end] == "锟" || scalars[end] == "斤" || scalars[end] == "拷" { end += 1 }
                var hasTriple = false
                var position = index
                while position + 2 < end {
                    if scalars[position] == "锟", scalars[position + 1] == "斤", scalars[position + 2] == "拷" {
                        hasTriple = true
                        break
                    }
                    position += 1
                }
                if hasTriple { rule = "mojibake.kunjinkao" } else { end = index }
            } else if scalar == "烫" || scalar == "屯" {
                while end < scalars.count, scalars[end] == "烫" || scalars[end] == "屯" { end += 1 }
                if end - index >= Self.fillMinimum { rule = "mojibake.debug-fill" } else { end = index }
            } else if scalar.value == 0xFFFD {
                while end < scalars.count, scalars[end].value == 0xFFFD { end += 1 }
                rule = "mojibake.replacement-character"
            } else if (0xE000...0xF8FF).contains(scalar.value) {
                while end < scalars.count, (0xE000...0xF8FF).contains(scalars[end].value) { end += 1 }
                rule = "mojibake.private-use"
            }
            if let rule, end > index {
                removals.append(Removal(start: index, removed: String(String.UnicodeScalarView(scalars[index..<end])), rule: rule))
                index = end
            } else {
                output.append(scalar)
                index += 1
            }
        }
        guard !removals.isEmpty else { return (line, []) }
        return (String(String.UnicodeScalarView(output)), removals)
    }
}
