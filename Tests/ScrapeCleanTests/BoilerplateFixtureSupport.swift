import Foundation
@testable import ScrapeClean

/// Compares the pipeline's output on a fixture with the fixture's expected output, modulo what
/// other stages do: layout joins and splits lines (so the Han characters of the whole text are
/// compared, in order), and the mojibake and annotation stages repair characters in place (so a
/// changed run that both removes and adds characters is a repair, not a boilerplate decision).
/// What must not happen is a run of Han characters present on one side only: a line kept that
/// should have gone, or a body line lost. The metadata keys the boilerplate stage owns must
/// agree too.
enum BoilerplateFixtureCheck {
    /// Metadata keys the boilerplate stage fills.
    static let ownedKeys = ["title", "author", "date", "source", "editor", "site", "keywords",
                            "truncated", "omittedCharacters", "declaredTotal", "shownCharacters", "placeholders"]

    struct Outcome {
        var extraLines: [String] = []
        var missingLines: [String] = []
        var metadataDifferences: [String] = []
        var hanMatches: Bool
        /// Runs of Han characters only in the output (`+`) or only in the expected text (`-`).
        var oneSidedRuns: [String] = []
        var isClean: Bool { oneSidedRuns.isEmpty && metadataDifferences.isEmpty }
    }

    static func han(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where CharacterClass.isHan(scalar.value) { view.append(scalar) }
        return String(view)
    }

    /// Maximal runs of differences (of at least three characters) that only delete or only
    /// insert.
    static func oneSidedRuns(actual: String, expected: String) -> [String] {
        let old = actual.map { Substring(String($0)) }
        let new = expected.map { Substring(String($0)) }
        let diff = LineDiff(oldLines: old, newLines: new)
        var runs: [String] = []
        var deleted = "", inserted = ""
        func flush() {
            if inserted.isEmpty, deleted.count >= 3 { runs.append("+ " + deleted) }
            if deleted.isEmpty, inserted.count >= 3 { runs.append("- " + inserted) }
            deleted = ""; inserted = ""
        }
        for operation in diff.operations {
            switch operation {
            case .same: flush()
            case let .delete(index): deleted += old[index]
            case let .insert(index): inserted += new[index]
            }
        }
        flush()
        return runs
    }

    static func check(_ name: String) throws -> Outcome {
        let cleaner = try Cleaner(options: CleanOptions())
        let result = try cleaner.clean(bytes: TestSupport.fixtureBytes(name))
        let expectedText = TestSupport.fixtureText(name, "expected.txt")
        let expectedHan = han(expectedText)
        let actualHan = han(result.text)
        var outcome = Outcome(hanMatches: expectedHan == actualHan)
        outcome.oneSidedRuns = oneSidedRuns(actual: actualHan, expected: expectedHan)
        for line in result.text.split(separator: "\n") {
            let lineHan = han(String(line))
            if lineHan.count >= 2, !expectedHan.contains(lineHan) { outcome.extraLines.append(String(line)) }
        }
        for line in expectedText.split(separator: "\n") {
            let lineHan = han(String(line))
            if lineHan.count >= 2, !actualHan.contains(lineHan) { outcome.missingLines.append(String(line)) }
        }
        let expectedJSON = try JSONSerialization.jsonObject(with: Data(TestSupport.fixtureBytes(name, "expected.json"))) as? [String: Any] ?? [:]
        let actualJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result.metadata)) as? [String: Any] ?? [:]
        for key in ownedKeys {
            let expected = expectedJSON[key].map { "\($0)" }
            let actual = actualJSON[key].map { "\($0)" }
            if expected != actual {
                outcome.metadataDifferences.append("\(key): expected \(expected ?? "absent"), got \(actual ?? "absent")")
            }
        }
        return outcome
    }
}
