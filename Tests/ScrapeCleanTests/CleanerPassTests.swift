import Testing
@testable import ScrapeClean

/// The cleaner re-runs its later stages until a pass moves nothing (``Cleaner/run``), and
/// skips the rest of a pass when neither its boilerplate stage nor the last pass's layout
/// stage changed a line.
@Suite("Passes to a fixed point")
struct CleanerPassTests {
    /// From the generated hostile documents: layout removes the U+3000 between `，` and `?`
    /// only after punctuation has run, so `?` meets the full-width comma in the second pass.
    /// A pass whose boilerplate stage removed nothing must still finish when layout edited.
    @Test func punctuationSeesWhatLayoutChangedInTheNextPass() throws {
        let input = "新资讯：《新倚天屠龙记》公测正式定档11月23日！\n\n，\u{3000}?nèi)\n"
        let cleaner = try Cleaner()
        let once = cleaner.clean(text: input)
        #expect(once.text.hasSuffix("\n\n，？nèi)\n"), "\(once.text)")
        #expect(once.edits.contains { $0.rule == "layout.space-around-punctuation" })
        #expect(once.edits.contains { $0.rule == "punctuation.full-width-mark" && $0.removed == "?" })
        let twice = cleaner.clean(text: once.text)
        #expect(twice.text.utf8.elementsEqual(once.text.utf8))
        #expect(twice.edits.isEmpty, "\(twice.edits)")
    }

    /// Cleaning the seeds' output again changes nothing, under every script target.
    @Test(arguments: [ScriptTarget.keep, .simplified, .traditional])
    func seedOutputsAreFixedPoints(target: ScriptTarget) throws {
        var options = CleanOptions()
        options.target = target
        let cleaner = try Cleaner(options: options)
        for name in TestSupport.fixtureNames where name.hasPrefix("seed-") {
            let once = try cleaner.clean(bytes: TestSupport.fixtureBytes(name))
            let twice = cleaner.clean(text: once.text)
            #expect(twice.text.utf8.elementsEqual(once.text.utf8), "\(name), \(target)")
            #expect(twice.edits.isEmpty, "\(name), \(target): \(twice.edits.map(\.rule))")
        }
    }
}
