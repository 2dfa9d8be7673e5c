import ArgumentParser
import Foundation
import ScrapeClean

struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Run cleaning fixtures and compare with their expected output.",
        discussion: """
            Each DIR/<name>/ holds input.txt and expected.txt, optionally args (extra clean flags \
            on one line), expected.json (metadata keys that must match) and pending (the reason \
            the fixture is not expected to pass yet; it is run and reported, never counted as \
            passed). Prints a unified diff per failure and exits 1 if any fixture fails.
            """
    )

    @Argument(help: "The fixtures folder.")
    var directory = "Fixtures"

    @Flag(help: "Rewrite each expected.txt with the current output instead of comparing.")
    var update = false

    @Flag(help: "Print only failures and the summary.")
    var quiet = false

    func run() throws {
        let fixtures: [Fixture]
        do { fixtures = try Fixture.loadAll(in: directory) } catch {
            throw CLIError.usage(error.description).exit
        }
        if fixtures.isEmpty { throw CLIError.usage("\(directory): no fixtures (folders with input.txt)").exit }

        var passed = 0, failed = 0, pending = 0
        for fixture in fixtures {
            let result: CleanResult
            do {
                let flags = try CleaningFlags.parse(fixture.arguments)
                result = try flags.makeCleaner().clean(bytes: fixture.input)
            } catch {
                failed += 1
                StandardStreams.output("FAIL \(fixture.name): cannot run: \(CleaningFlags.message(for: error))\n")
                continue
            }
            if update {
                do {
                    try AtomicFile.write(Array(result.text.utf8), to: fixture.directory + "/expected.txt")
                } catch { throw error.exit }
                StandardStreams.output("UPDATED \(fixture.name)\n")
                continue
            }
            switch fixture.check(result) {
            case .passed:
                if let reason = fixture.pendingReason {
                    pending += 1
                    StandardStreams.output("PENDING \(fixture.name): passes now; remove its pending file (\(reason))\n")
                } else {
                    passed += 1
                    if !quiet { StandardStreams.output("PASS \(fixture.name)\n") }
                }
            case let .failed(textDiff, mismatches):
                if let reason = fixture.pendingReason {
                    pending += 1
                    let changed = textDiff.split(separator: "\n").filter {
                        ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++ ") && !$0.hasPrefix("--- ")
                    }.count
                    StandardStreams.output("PENDING \(fixture.name): \(reason) (\(changed) diff lines, \(mismatches.count) metadata mismatches)\n")
                    continue
                }
                failed += 1
                StandardStreams.output("FAIL \(fixture.name)\n")
                for mismatch in mismatches { StandardStreams.output("  metadata \(mismatch)\n") }
                StandardStreams.output(textDiff)
            }
        }
        if update { return }
        StandardStreams.output("fixtures: \(passed) passed, \(failed) failed, \(pending) pending\n")
        if failed > 0 { throw ExitCode(1) }
    }
}

extension CleaningFlags {
    /// A one-line message for an error from parsing fixture flags or building a cleaner.
    static func message(for error: any Error) -> String {
        if let error = error as? CLIError { return error.description }
        return fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
