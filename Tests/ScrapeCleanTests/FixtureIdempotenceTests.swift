import Testing
@testable import ScrapeClean

@Suite("Fixture outputs are already clean")
struct FixtureIdempotenceTests {
    @Test("Cleaning a fixture's expected output again changes nothing and records no edit",
          arguments: TestSupport.fixtureNames)
    func expectedOutputIsStable(name: String) throws {
        let expected = TestSupport.fixtureText(name, "expected.txt")
        let result = try Cleaner().clean(bytes: Array(expected.utf8))
        #expect(result.text.utf8.elementsEqual(expected.utf8), "\(name): cleaning the expected output changed it")
        let edits = result.edits.map { "\($0.rule) line \($0.line): \($0.removed.prefix(40)) → \($0.replacement.prefix(40))" }
        #expect(edits.isEmpty, "\(name): \(edits)")
    }
}
