import Testing
@testable import ScrapeClean

/// The boilerplate stage on every fixture: the kept lines and the metadata match the
/// hand-written expected output, modulo layout (see ``BoilerplateFixtureCheck``).
@Suite struct BoilerplateFixtureTests {
    @Test(arguments: TestSupport.fixtureNames)
    func keepsAndRemovesTheExpectedLines(fixture: String) throws {
        let outcome = try BoilerplateFixtureCheck.check(fixture)
        #expect(outcome.oneSidedRuns.isEmpty,
                "\(fixture): text left (+) or lost (-): \(outcome.oneSidedRuns.map { String($0.prefix(60)) }); lines: left \(outcome.extraLines.map { String($0.prefix(40)) }), lost \(outcome.missingLines.map { String($0.prefix(40)) })")
        #expect(outcome.metadataDifferences.isEmpty, "metadata of \(fixture): \(outcome.metadataDifferences)")
    }
}
