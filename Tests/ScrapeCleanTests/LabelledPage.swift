import Foundation
@testable import ScrapeClean

/// A page of the labelled boilerplate corpus (Benchmarks/boilerplate/FORMAT.md) and what the
/// default cleaner's boilerplate stage removed from it, line by line.
struct LabelledPage {
    /// The page's text: every non-`+` line's text joined with `\n`.
    let text: String
    /// The label (`B`, `T`, `C`, `M`, `_`) and text of each line, by 1-based line number.
    let lines: [Int: (label: String, text: String)]
    /// The rule ids of the boilerplate stage's edits, by 1-based input line number.
    let rules: [Int: Set<String>]

    init(_ name: String, cleaner: Cleaner) throws {
        (text, lines) = try Self.read(name)
        var rules: [Int: Set<String>] = [:]
        for edit in cleaner.clean(text: text).edits where edit.stage == .boilerplate {
            rules[edit.line, default: []].insert(edit.rule)
        }
        self.rules = rules
    }

    /// Reads a page of the corpus: its text (every non-`+` line's text joined with `\n`) and
    /// the label and text of each line by 1-based line number.
    static func read(_ name: String) throws -> (text: String, lines: [Int: (label: String, text: String)]) {
        let url = TestSupport.packageRoot.appendingPathComponent("Benchmarks/boilerplate/pages/\(name).tsv")
        let raw = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        var texts: [String] = []
        var lines: [Int: (label: String, text: String)] = [:]
        var started = false
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if !started, line.hasPrefix("# ") { continue }
            started = true
            if line == "_" {
                texts.append("")
                lines[texts.count] = ("_", "")
                continue
            }
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let label = String(line[..<tab])
            if label == "+" { continue }
            texts.append(String(line[line.index(after: tab)...]))
            lines[texts.count] = (label, texts[texts.count - 1])
        }
        return (texts.joined(separator: "\n") + "\n", lines)
    }

    /// The number of the line whose text is `text` (the first such line).
    func number(of text: String) -> Int? {
        lines.filter { $0.value.text == text }.keys.min()
    }

    /// Whether no boilerplate edit touched the line whose text is `text`.
    func keeps(_ text: String) -> Bool {
        guard let number = number(of: text) else { return false }
        return rules[number] == nil
    }

    /// Whether `rule` removed or cut the line whose text is `text`.
    func removed(_ text: String, by rule: String) -> Bool {
        guard let number = number(of: text) else { return false }
        return rules[number]?.contains(rule) == true
    }
}
