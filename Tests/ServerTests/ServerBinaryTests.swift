import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The built `stemcheck-server` run as an administrator would: accounts, serve, upload over HTTP,
/// audit verify before and after a hand edit of the SQLite file, backup and restore.
@Suite(.serialized) struct ServerBinaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL? = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["STEMCHECK_SERVER_BINARY"] { candidates.append(URL(fileURLWithPath: override)) }
        var bundles = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments.first ?? "")]
        bundles += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        for bundle in bundles {
            var folder = bundle.resolvingSymlinksInPath()
            for _ in 0..<4 {
                folder = folder.deletingLastPathComponent()
                candidates.append(folder.appendingPathComponent("stemcheck-server"))
            }
        }
        candidates.append(root.appendingPathComponent(".build/debug/stemcheck-server"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
        let binary = try #require(binary, "stemcheck-server was not built")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ["PATH": "/usr/bin:/bin", "STEMCHECK_PASSWORD": "correct horse battery"]
        for key in ["ASAN_OPTIONS", "LSAN_OPTIONS"] { env[key] = ProcessInfo.processInfo.environment[key] }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = folder.appendingPathComponent(".out-\(UUID())"), err = folder.appendingPathComponent(".err-\(UUID())")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    static func http(_ method: String, _ url: String, token: String, body: Data? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func administerServeVerifyTamperRestore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stemcheck-server-bin-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        // A first administrator and a submitter, as the README says.
        let admin = try Self.run(["user", "add", "admin", "--name", "Ada Admin", "--role", "admin"], in: folder)
        #expect(admin.status == 0, "\(admin.stderr)")
        #expect(admin.stdout.contains("created user 1 'admin'"))
        #expect(try Self.run(["user", "add", "sam", "--name", "Sam Submitter", "--role", "submitter"], in: folder).status == 0)
        let bad = try Self.run(["user", "add", "x", "--name", "X", "--role", "wizard"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown role 'wizard'"))
        let token = try Self.run(["user", "token", "sam"], in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("sck_"))

        // Serve on a loopback port and upload over HTTP.
        let port = Int.random(in: 20000...40000)
        let server = Process()
        server.executableURL = try #require(Self.binary)
        server.arguments = ["serve", "--port", "\(port)"]
        server.currentDirectoryURL = folder
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var up = false
        for _ in 0..<100 where !up {
            try await Task.sleep(for: .milliseconds(100))
            up = (try? await Self.http("GET", "http://127.0.0.1:\(port)/api/v1/health", token: token))?.0 == 200
        }
        #expect(up, "the server did not answer on port \(port)")
        let (status, data) = try await Self.http("POST", "http://127.0.0.1:\(port)/api/v1/submissions?title=CP&filename=p.yaml", token: token,
                                                 body: try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/server/cp-ucb-phase2-us.yaml")))
        #expect(status == 201, "\(String(decoding: data, as: UTF8.self))")
        server.terminate()
        server.waitUntilExit()

        let verified = try Self.run(["audit", "verify"], in: folder)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("audit trail verified"))

        let backup = try Self.run(["backup", "backup.json"], in: folder)
        #expect(backup.status == 0, "\(backup.stderr)")

        // A hand edit of the SQLite file: audit verify fails naming the event.
        let edit = Process()
        edit.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        edit.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('stemcheck-data/stemcheck.sqlite'); c.execute(\"UPDATE audit_events SET detail = 'x' WHERE seq = 3\"); c.commit()"]
        edit.currentDirectoryURL = folder
        try edit.run()
        edit.waitUntilExit()
        #expect(edit.terminationStatus == 0)
        let broken = try Self.run(["audit", "verify"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("audit trail BROKEN: event 3:"), "\(broken.stdout)")

        // The backup restores into a fresh folder with its trail intact.
        let restored = try Self.run(["restore", "backup.json", "--data", "restored"], in: folder)
        #expect(restored.status == 0, "\(restored.stdout)\(restored.stderr)")
        #expect(restored.stdout.contains("audit trail verified"))
    }
}
