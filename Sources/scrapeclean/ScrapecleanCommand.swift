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
        subcommands: [CleanCommand.self, CheckCommand.self, DiffCommand.self, FixturesCommand.self],
        defaultSubcommand: nil
    )
}
