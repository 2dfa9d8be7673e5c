// libFuzzer provides `main` when this target is built by Scripts/fuzz.sh
// (`-sanitize=fuzzer,address -D FUZZING`). In an ordinary build this is the program: it runs
// the fuzz target once on each file named on the command line, which replays a crash input
// without the sanitizers:
//     swift run scrapeclean-fuzz .build-fuzz/crashes/crash-…
#if !FUZZING
import Foundation

@main
enum ReplayCommand {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("scrapeclean-fuzz: \(path): cannot read\n".utf8))
                exit(2)
            }
            [UInt8](data).withUnsafeBytes { FuzzTarget.run($0) }
            print("\(path): ok")
        }
    }
}
#endif
