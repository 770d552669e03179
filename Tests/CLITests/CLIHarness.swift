import Foundation
import Testing

/// Runs the built `stemcheck` binary in a scratch folder and captures what it did.
///
/// `swift test` builds every target of the package, the executable included, before running tests
/// (SwiftPM's test build covers all targets), so the binary sits next to the test bundle.
/// `STEMCHECK_BINARY` overrides the location.
enum CLI {
    /// The outcome of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `stemcheck` executable, or nil when it cannot be found.
    static let binary: URL? = locate()

    private static func locate() -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["STEMCHECK_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        // The folder of the running test bundle: `.build/<triple>/debug/stemcheckPackageTests.xctest`
        // (an executable on Linux, a bundle inside that folder on macOS).
        var bundles = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments.first ?? "")]
        bundles += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        for bundle in bundles {
            var folder = bundle.resolvingSymlinksInPath()
            for _ in 0..<4 {
                folder = folder.deletingLastPathComponent()
                candidates.append(folder.appendingPathComponent("stemcheck"))
            }
        }
        // The package root from this file: Tests/CLITests/CLIHarness.swift.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/stemcheck"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue && fm.isExecutableFile(atPath: url.path)
        }
    }

    /// Runs `stemcheck ARGS` in `directory` with a fixed, colourless environment plus `environment`.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], standardInput: String? = nil) throws -> Result {
        let binary = try #require(binary, "the stemcheck binary was not found; run `swift build` (or set STEMCHECK_BINARY)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1780358400"]  // 2026-06-02T00:00:00Z
        // A sanitizer run (.ci/run) sets its options for the whole suite; the binary must get them too.
        for key in ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"] {
            if let value = ProcessInfo.processInfo.environment[key] { env[key] = value }
        }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Files, not pipes: no deadlock however much is written.
        let out = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let standardInput {
            let input = directory.appendingPathComponent(".stdin-\(UUID().uuidString)")
            try Data(standardInput.utf8).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}

/// A temporary folder for one test, removed afterwards.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stemcheck-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `path` (relative), creating folders.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Makes an empty folder.
    func folder(_ path: String) throws {
        try FileManager.default.createDirectory(at: url.appendingPathComponent(path), withIntermediateDirectories: true)
    }

    /// The text of a file, or nil when it does not exist.
    func read(_ path: String) -> String? {
        (try? Data(contentsOf: url.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `path` exists.
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path) }

    /// Names in a folder, sorted, hidden files left out.
    func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(path).path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A JSON report parsed as an object.
    func json(_ path: String) throws -> [String: Any] {
        let text = try #require(read(path), "no file \(path)")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The statuses of a JSON report's results, by rule id.
    /// Every rule's status in a JSON report, of full or essential detail (where passed,
    /// attested, not-applicable and not-stated results are only named).
    func statuses(_ path: String) throws -> [String: String] {
        let report = try json(path)
        let results = try #require(report["results"] as? [[String: Any]])
        var out: [String: String] = [:]
        for r in results { out[r["rule"] as! String] = r["status"] as? String }
        for rule in report["passed"] as? [String] ?? [] { out[rule] = "pass" }
        for a in report["attested"] as? [[String: Any]] ?? [] { out[a["rule"] as! String] = "pass" }
        for rule in report["not_applicable"] as? [String] ?? [] { out[rule] = "not_applicable" }
        for group in report["not_stated"] as? [[String: Any]] ?? [] {
            for rule in group["rules"] as? [String] ?? [] { out[rule] = "unknown" }
        }
        return out
    }
}

extension CLI {
    /// Whether a helper program runs (`python3 -c ...`, `xmllint --version`).
    static func tool(_ arguments: [String]) -> Bool { toolOutput(arguments).status == 0 }

    /// Runs a helper program through `env`; its exit status and combined output.
    static func toolOutput(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
