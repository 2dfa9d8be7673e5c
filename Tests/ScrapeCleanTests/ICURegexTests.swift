import Foundation
import Testing
@testable import ScrapeClean

/// The rule engine's regex (``ICURegex``, the system ICU through CICU) must find what
/// `NSRegularExpression` finds for every built-in pattern: the same matches, one after the
/// other, and the same named groups.
@Suite struct ICURegexTests {
    /// Every match of `pattern` in `text` as NSRegularExpression reports it: each match's
    /// range and its named groups' ranges (nil when a group did not take part).
    static func foundationMatches(_ pattern: String, names: [String], in text: String) throws -> [[Range<Int>?]] {
        let regex = try NSRegularExpression(pattern: pattern)
        let length = (text as NSString).length
        return regex.matches(in: text, range: NSRange(location: 0, length: length)).map { result in
            [Range(result.range)] + names.map { Range(result.range(withName: $0)) }
        }
    }

    static func icuMatches(_ regex: ICURegex, names: [String], in text: String) -> [[Range<Int>?]] {
        let units = Array(text.utf16)
        return units.withUnsafeBufferPointer { regex.allMatches(in: $0) }.map { match in
            [match.range] + names.map { name in regex.groupNumber(named: name).flatMap { match.groups[$0] } }
        }
    }

    /// The lines to search: every rule's examples (as written and normalized), all of them
    /// run together on one line (so that patterns match more than once), every line of the
    /// fixtures' inputs, and text beyond the BMP.
    static let lines: [String] = {
        var lines: [String] = []
        for rule in (try? RuleCatalog.builtInRules()) ?? [] {
            for example in rule.examples.match + rule.examples.keep {
                lines.append(example)
                lines.append(NormalizedLine(example).text)
            }
        }
        lines.append(lines.joined(separator: " "))
        for name in TestSupport.fixtureNames {
            lines += TestSupport.fixtureText(name).split(separator: "\n").map(String.init)
        }
        lines += ["", "𠀀𠀁 来源：𠀂网 2022-01-27", "本文来源:网络 😀😀 仅供参考", "\u{3000}\u{3000}责任编辑：张三\u{3000}"]
        return lines
    }()

    @Test(arguments: try! RuleCatalog.builtInRules().map(\.id))
    func icuFindsWhatFoundationFindsForBuiltInRule(id: String) throws {
        let rule = try #require(try RuleCatalog.builtInRules().first { $0.id == id })
        let names = RuleFileParser.namedGroups(in: rule.pattern)
        let regex = try ICURegex(pattern: rule.pattern)
        var matched = 0
        for line in Self.lines {
            let expected = try Self.foundationMatches(rule.pattern, names: names, in: line)
            #expect(Self.icuMatches(regex, names: names, in: line) == expected, "\(id) on: \(line)")
            matched += expected.count
        }
        #expect(matched > 0, "\(id) matched none of the lines, so the comparison proved nothing")
    }

    @Test func aPatternICURejectsIsReportedWithICUsReason() {
        #expect(throws: ICURegex.CompileError.self) { try ICURegex(pattern: "(unclosed") }
    }
}
