import ArgumentParser

@main
struct ScrapecleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrapeclean",
        abstract: "Clean text scraped from Chinese web pages.",
        version: "0.1.0",
        subcommands: []
    )
}
