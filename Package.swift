// swift-tools-version: 6.1
import PackageDescription

// Data flows one way (docs/architecture.md):
//   InputFile → ProtocolDocument → [Finding] → Report → bytes → files
// Each stage is a module that imports only YAMLSource, StemCheckModel and earlier stages.
let package = Package(
    name: "stemcheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stemcheck", targets: ["stemcheck"]),
        .executable(name: "stemcheck-server", targets: ["stemcheck-server"]),
        .library(name: "StemCheck", targets: [
            "StemCheckModel", "StemCheckInput", "StemCheckEngine", "StemCheckReports", "StemCheckRun",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The review service only (stemcheck-server): `swift build --product stemcheck` and
        // `swift run stemcheck` compile none of these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
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
        // the board's workflow as values: roles, states and the transition table, the audit chain,
        // signatures, version comparison, determination letters (no database, no HTTP)
        .target(name: "StemCheckReview", dependencies: ["StemCheckModel", "StemCheckEngine", "StemCheckReports"]),
        // the review service: storage (SQLite or PostgreSQL through one SQL layer), the workflow
        // operations, the HTTP API and the board's pages
        .target(
            name: "StemCheckServer",
            dependencies: [
                "YAMLSource", "StemCheckModel", "StemCheckInput", "StemCheckEngine", "StemCheckReports", "StemCheckRun",
                "StemCheckReview",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .executableTarget(
            name: "stemcheck-server",
            dependencies: [
                "StemCheckServer", "StemCheckReview",
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
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "StemCheckModel", "StemCheckReview", "StemCheckServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
