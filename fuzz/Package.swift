// swift-tools-version: 5.4
// libFuzzer targets for stemcheck. A separate package so the main one carries no unsafe flags.
// Tools version 5.4: from 5.5 on SwiftPM renames an executable's main to MODULE_main, and
// libFuzzer, not these targets, provides main.
// Build and run through `fuzz/run TARGET SECONDS` (see docs/reliability.md).
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between clones and worktrees.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

// The sanitizer flags come from the command line (fuzz/run), not unsafeFlags here, so that the
// library under test is instrumented for coverage too, not only these entry points.
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(name: "fuzz-\(name)", dependencies: [.product(name: "StemCheck", package: mainPackage)])
}

let package = Package(
    name: "stemcheck-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        fuzzTarget("yaml"),
        fuzzTarget("json"),
        fuzzTarget("rules"),
        fuzzTarget("evaluate"),
        fuzzTarget("quantity"),
        fuzzTarget("path"),
    ],
)
