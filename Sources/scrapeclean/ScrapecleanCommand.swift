import ArgumentParser

@main
struct ScrapecleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrapeclean",
        abstract: "Clean text scraped from Chinese web pages.",
        discussion: """
            Strips site chrome, repairs mojibake and broken layout, converts script on request, \
            and reports every change it makes.

            Exit codes: 0 success; 1 findings (check, fixtures); 2 usage or I/O error.
            """,
        version: "0.1.0",
        subcommands: [CleanCommand.self, CheckCommand.self, DiffCommand.self, ConvertCommand.self,
                      StatsCommand.self, FixturesCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the command, mapping argument errors to exit status 2 (DESIGN.md §3) rather than
    /// ArgumentParser's 64.
    static func main() {
        MallocTuning.returnLargeBlocksToTheSystem()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                // One line: the problem, without ArgumentParser's "Error: " prefix and usage block.
                var message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
                if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
                StandardStreams.error("scrapeclean: \(message) (see --help)")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
