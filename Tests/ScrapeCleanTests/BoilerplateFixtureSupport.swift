import Foundation
@testable import ScrapeClean

/// Compares the boilerplate stage's output on a fixture with the fixture's expected output,
/// modulo what later stages do (layout joins and splits lines, the mojibake and annotation
/// stages repair characters): the Han characters of the whole text, in order, must agree, and
/// the metadata keys the boilerplate stage owns must agree.
enum BoilerplateFixtureCheck {
    /// Metadata keys the boilerplate stage fills.
    static let ownedKeys = ["title", "author", "date", "source", "editor", "site", "keywords",
                            "truncated", "omittedCharacters", "declaredTotal", "shownCharacters", "placeholders"]

    struct Outcome {
        var extraLines: [String] = []
        var missingLines: [String] = []
        var metadataDifferences: [String] = []
        var hanMatches: Bool
        var isClean: Bool { hanMatches && metadataDifferences.isEmpty }
    }

    static func han(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where CharacterClass.isHan(scalar.value) { view.append(scalar) }
        return String(view)
    }

    static func check(_ name: String) throws -> Outcome {
        let cleaner = try Cleaner(options: CleanOptions())
        let result = try cleaner.clean(bytes: TestSupport.fixtureBytes(name))
        let expectedText = TestSupport.fixtureText(name, "expected.txt")
        let expectedHan = han(expectedText)
        let actualHan = han(result.text)
        var outcome = Outcome(hanMatches: expectedHan == actualHan)
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
