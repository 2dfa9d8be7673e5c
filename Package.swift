// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "scrapeclean",
    products: [
        .library(name: "ScrapeClean", targets: ["ScrapeClean"]),
        .executable(name: "scrapeclean", targets: ["scrapeclean"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    ],
    targets: [
        // The only code that includes ICU headers. Its public header uses plain C types
        // so that Swift never sees ICU's declarations (see DESIGN.md §6).
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
            ]
        ),
        // The only code that includes zlib and zstd headers (compressed input and output);
        // like CICU, its header shows Swift only stdint types and opaque pointers.
        .target(
            name: "CCompression",
            linkerSettings: [.linkedLibrary("z"), .linkedLibrary("zstd")]
        ),
        // The allocator setting the CLI makes at start (see Sources/scrapeclean/MallocTuning.swift).
        .target(name: "CAllocator"),
        .target(
            name: "ScrapeClean",
            dependencies: ["CICU"],
            resources: [.copy("Resources/data"), .copy("Resources/rules")]
        ),
        .executableTarget(
            name: "scrapeclean",
            dependencies: [
                "ScrapeClean",
                "CAllocator",
                "CCompression",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmark of the mojibake and annotation stages on clean text (Scripts/bench_mojibake.sh).
        .executableTarget(
            name: "bench-mojibake",
            dependencies: ["ScrapeClean"]
        ),
        // Times each stage and builds benchmark inputs; driven by Scripts/bench.sh.
        .executableTarget(
            name: "scrapeclean-bench",
            dependencies: ["ScrapeClean"]
        ),
        // libFuzzer target over the whole pipeline; Scripts/fuzz.sh builds it with
        // -sanitize=fuzzer,address. An ordinary build gives a replay tool for crash inputs.
        .executableTarget(
            name: "scrapeclean-fuzz",
            dependencies: ["ScrapeClean"]
        ),
        .testTarget(
            name: "ScrapeCleanTests",
            dependencies: ["ScrapeClean"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "ScrapeCleanCLITests",
            dependencies: ["ScrapeClean", "scrapeclean", "CCompression"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
