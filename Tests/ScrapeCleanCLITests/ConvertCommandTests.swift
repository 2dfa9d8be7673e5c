import Foundation
import ScrapeClean
import Testing

@Suite("scrapeclean convert")
struct ConvertCommandTests {
    private let traditional = "Fixtures/seed-000-first-secretary/input.txt"
    private let simplified = "Fixtures/seed-001-village-training/input.txt"

    private func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent(path)))
    }

    @Test("Standard input is converted to standard output")
    func convertsStdin() throws {
        let output = try CLIRunner.run(["convert", "--config", "tw2s"], stdin: Array("伴隨著頭髮\n著眼".utf8))
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty)
        #expect(output.text == "伴随着头发\n着眼")
    }

    @Test("Files are converted in the order given, as the library converts them")
    func convertsFilesInOrder() throws {
        let output = try CLIRunner.run(["convert", "--config", "t2s", traditional, simplified])
        #expect(output.status == 0)
        let converter = try OpenCCConverter(config: .t2s, includeTofuRiskDictionaries: false)
        #expect(output.stdout == converter.convert(utf8: try bytes(traditional)) + converter.convert(utf8: try bytes(simplified)))
    }

    @Test("Input longer than one read converts exactly as a whole (pieces are cut after line breaks)")
    func streamsLargeInput() throws {
        let seed = try bytes(traditional)
        var input: [UInt8] = []
        while input.count < 3_000_000 { input += seed }
        let output = try CLIRunner.run(["convert", "--config", "tw2s"], stdin: input)
        #expect(output.status == 0)
        #expect(output.stdout == (try OpenCCConverter(config: .tw2s, includeTofuRiskDictionaries: false).convert(utf8: input)))
    }

    @Test("A line longer than several reads, and input without a final line break, convert as a whole")
    func streamsOneLongLine() throws {
        let seed = try bytes(traditional).filter { $0 != 0x0A }
        var input: [UInt8] = Array("著\n".utf8)
        while input.count < 5_000_000 { input += seed }
        let output = try CLIRunner.run(["convert", "--config", "tw2s"], stdin: input)
        #expect(output.status == 0)
        #expect(output.stdout == (try OpenCCConverter(config: .tw2s, includeTofuRiskDictionaries: false).convert(utf8: input)))
    }

    @Test("A missing file gets one line naming it; the others are still converted; exit 2")
    func missingFile() throws {
        let output = try CLIRunner.run(["convert", "--config", "t2s", "no-such-file.txt", traditional])
        #expect(output.status == 2)
        #expect(output.stderr == "scrapeclean: no-such-file.txt: cannot open: No such file or directory\n")
        #expect(output.text.hasPrefix("在全市第一书"))
    }

    @Test("An unknown config lists the valid names; exit 2")
    func unknownConfig() throws {
        let output = try CLIRunner.run(["convert", "--config", "s2x"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("unknown config 's2x'"))
        #expect(output.stderr.contains(OpenCCConfig.allNames))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test("--include-tofu-risk-dictionaries adds TSCharactersExt, as OpenCC's flag does")
    func tofuFlag() throws {
        #expect(try CLIRunner.run(["convert", "--config", "t2s"], stdin: Array("殢".utf8)).text == "殢")
        #expect(try CLIRunner.run(["convert", "--config", "t2s", "--include-tofu-risk-dictionaries"],
                                  stdin: Array("殢".utf8)).text == "𣨼")
    }
}
