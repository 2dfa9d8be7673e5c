import Foundation

/// Paths and files shared by the library tests.
enum TestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixtureURL(_ name: String, _ file: String) -> URL {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(name).appendingPathComponent(file)
    }

    static func fixtureBytes(_ name: String, _ file: String = "input.txt") -> [UInt8] {
        (try? [UInt8](Data(contentsOf: fixtureURL(name, file)))) ?? []
    }

    static func fixtureText(_ name: String, _ file: String = "input.txt") -> String {
        String(decoding: fixtureBytes(name, file), as: UTF8.self)
    }

    /// The names of the fixture folders.
    static var fixtureNames: [String] {
        let folder = packageRoot.appendingPathComponent("Fixtures").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { FileManager.default.fileExists(atPath: folder + "/" + $0 + "/input.txt") }
            .sorted()
    }

    static let seedNames = [
        "seed-000-first-secretary", "seed-001-village-training",
        "seed-002-township-secretaries", "seed-003-hundred-villages",
    ]
}

/// A small deterministic random generator, so hostile-input tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
