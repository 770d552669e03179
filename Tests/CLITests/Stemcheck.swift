import Foundation
import Testing

/// Something that can be written as a test file's contents: text or raw bytes.
protocol FileBytes: Sendable {
    var fileBytes: [UInt8] { get }
}

extension String: FileBytes {
    var fileBytes: [UInt8] { Array(utf8) }
}

extension Array: FileBytes where Element == UInt8 {
    var fileBytes: [UInt8] { self }
}

/// Runs the built `stemcheck` executable in a fresh temporary folder.
enum Stemcheck {
    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable: `STEMCHECK_BINARY` if set, else found beside the test bundle
    /// (the build products folder), else `<package>/.build/debug/stemcheck`.
    static func executable() throws -> URL {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["STEMCHECK_BINARY"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        // The test runner lives in the products folder (Linux: `…/debug/<Package>PackageTests.xctest`;
        // macOS: inside the `.xctest` bundle there). Walk up a few levels from it and from every loaded `.xctest`.
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()]
        starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        for start in starts {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("stemcheck"))
                folder = folder.deletingLastPathComponent()
            }
        }
        // <package>/Tests/CLITests/Stemcheck.swift → <package>/.build/debug/stemcheck
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/stemcheck"))

        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw MissingExecutable(searched: candidates.map(\.path))
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the stemcheck executable was not found (build it with `swift build`, or set STEMCHECK_BINARY); looked at:\n"
                + searched.map { "  " + $0 }.joined(separator: "\n")
        }
    }

    /// Writes `files` into a new temporary folder, runs `stemcheck ARGUMENTS` there, and removes the folder.
    static func run(_ arguments: [String], files: [String: any FileBytes]) throws -> Result {
        let binary = try executable()
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("stemcheck-cli-\(UUID().uuidString)")
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: folder) }
        for (name, contents) in files {
            try Data(contents.fileBytes).write(to: folder.appendingPathComponent(name))
        }
        // Output goes to files, not pipes: a large output cannot fill a pipe and stall the child.
        let stdoutURL = folder.appendingPathComponent(".stdout")
        let stderrURL = folder.appendingPathComponent(".stderr")
        _ = fileManager.createFile(atPath: stdoutURL.path, contents: nil)
        _ = fileManager.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()

        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}
