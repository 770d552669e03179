// swift-tools-version: 6.0
import PackageDescription

// Data flows one way (docs/architecture.md):
//   InputFile → ProtocolDocument → [Finding] → Report → bytes → files
// Each stage is a module that imports only YAMLSource, StemCheckModel and earlier stages.
let package = Package(
    name: "stemcheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stemcheck", targets: ["stemcheck"]),
        .library(name: "StemCheck", targets: [
            "StemCheckModel", "StemCheckInput", "StemCheckEngine", "StemCheckReports", "StemCheckRun",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // bytes → nodes with source positions
        .target(name: "YAMLSource", dependencies: ["CYAML"]),
        // the values every stage shares: diagnostics, quantities, dates, statuses, findings, reports;
        // JSONWriter, the one JSON writer (reports, SARIF, values in messages)
        .target(
            name: "StemCheckModel",
            dependencies: ["YAMLSource", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // InputFile → ProtocolDocument: read, load, import USDM / CT.gov, graft a registry record
        .target(name: "StemCheckInput", dependencies: ["YAMLSource", "StemCheckModel"]),
        // rules: load and compile packs; ProtocolDocument → [Finding] → Report (waivers, gate, verdict);
        // the `init` protocol template from a RuleSet
        .target(name: "StemCheckEngine", dependencies: ["YAMLSource", "StemCheckModel"]),
        // Report → bytes, one reporter per format
        .target(name: "StemCheckReports", dependencies: ["YAMLSource", "StemCheckModel", "StemCheckEngine"]),
        // a whole run: discovery, batch in parallel, atomic files, exit status
        .target(
            name: "StemCheckRun",
            dependencies: ["YAMLSource", "StemCheckModel", "StemCheckInput", "StemCheckEngine", "StemCheckReports"]
        ),
        .executableTarget(
            name: "stemcheck",
            dependencies: [
                "YAMLSource", "StemCheckModel", "StemCheckInput", "StemCheckEngine", "StemCheckReports", "StemCheckRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "YAMLSourceTests", dependencies: ["YAMLSource"]),
        .testTarget(
            name: "StemCheckTests",
            dependencies: ["YAMLSource", "StemCheckModel", "StemCheckInput", "StemCheckEngine", "StemCheckReports", "StemCheckRun"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "CLITests", dependencies: ["StemCheckModel", "StemCheckRun"]),
    ],
    swiftLanguageModes: [.v6]
)
