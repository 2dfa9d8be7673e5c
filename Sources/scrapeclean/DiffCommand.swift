import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import ScrapeClean

/// When `diff` colors its output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what clean would change in a file, as a unified diff labelled with rule ids.",
        discussion: """
            Compares the decoded input with the cleaned text. Each hunk header names the rules \
            whose edits fall in it: `@@ -1,3 +1,2 @@ banner.xiaobian-preface, layout.join-broken-line`. \
            Prints nothing when clean would change nothing. `-` reads standard input.

            Examples:
              scrapeclean diff page.txt
              scrapeclean diff page.txt --to simplified --color always | less -R
            """
    )

    @Argument(help: "The file to diff (- for standard input).")
    var path: String

    @OptionGroup var cleaning: CleaningFlags

    @Option(help: "Color the output: auto (when standard output is a terminal), always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let cleaner: Cleaner
        do { cleaner = try cleaning.makeCleaner() } catch { throw error.exit }
        let bytes: [UInt8]
        if path == "-" {
            do { bytes = try StandardStreams.readStandardInput() } catch { throw error.exit }
        } else {
            do { bytes = try readFile(path) } catch { throw error.exit }
        }
        let diff: CleanDiff
        do { diff = try cleaner.diff(bytes: bytes) } catch {
            throw CLIError.io(path: path, problem: error.description).exit
        }
        let colored = switch color {
        case .always: true
        case .never: false
        case .auto: StandardStreams.isTerminal(STDOUT_FILENO)
        }
        StandardStreams.output(diff.unified(oldLabel: path, newLabel: "\(path) (cleaned)",
                                            style: colored ? .terminal : .plain))
    }
}
