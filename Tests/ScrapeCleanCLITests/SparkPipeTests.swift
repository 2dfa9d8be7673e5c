import Foundation
import Testing

/// Whether pyspark and a Java runtime are on this machine (CI installs pyspark; see .ci/run).
private let sparkAvailable: Bool = {
    func succeeds(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
    return succeeds(["java", "-version"]) && succeeds(["python3", "-c", "import pyspark"])
}()

@Suite("Apache Spark RDD.pipe")
struct SparkPipeTests {
    @Test("clean --jsonl through Spark RDD.pipe over several partitions equals one process",
          .enabled(if: sparkAvailable, "needs Java and pyspark (pip install pyspark==4.3.0); skipped"),
          .timeLimit(.minutes(10)))
    func sparkPipeEqualsSingleProcess() throws {
        let work = try CLIRunner.temporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLIRunner.packageRoot.path + "/Scripts/spark_pipe_check.py",
                             CLIRunner.binary.path, CLIRunner.packageRoot.path + "/Fixtures", work.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text.suffix(3000))")
        #expect(text.contains("equal the single-process run"))
    }
}
