// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "stemcheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stemcheck", targets: ["stemcheck"]),
        .library(name: "StemCheck", targets: ["StemCheck"]),
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
        .target(name: "YAMLSource", dependencies: ["CYAML"]),
        .target(
            name: "StemCheck",
            dependencies: ["YAMLSource", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "stemcheck",
            dependencies: ["StemCheck", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "YAMLSourceTests", dependencies: ["YAMLSource"]),
        .testTarget(name: "StemCheckTests", dependencies: ["StemCheck", "YAMLSource"], exclude: ["Golden"]),
        .testTarget(name: "CLITests", dependencies: ["StemCheck"]),
    ],
    swiftLanguageModes: [.v6]
)
