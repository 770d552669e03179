import Foundation
import StemCheckServer
import Testing

/// docs/openapi.yaml is a valid OpenAPI document and describes exactly the routes of `API.routes`.
/// The checks run Python (openapi-spec-validator, PyYAML); where those are missing the tests are
/// skipped with a note saying what to install (CI installs them).
@Suite struct OpenAPITests {
    /// `<repo>/docs/openapi.yaml`, found from this file (<repo>/Tests/ServerTests/OpenAPITests.swift).
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml")

    static let hasValidator = python(["-c", "import yaml, openapi_spec_validator"]).status == 0
    static let hasPyYAML = python(["-c", "import yaml"]).status == 0

    /// Runs `python3` through `env`; its exit status, standard output and standard error.
    /// Standard error goes to a temporary file so that neither pipe can fill up and block.
    static func python(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("stemcheck-openapi-\(UUID().uuidString).stderr")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil),
              let errorHandle = try? FileHandle(forWritingTo: errorFile) else {
            return (127, "", "cannot create \(errorFile.path)")
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = errorHandle
        do { try process.run() } catch {
            try? errorHandle.close()
            return (127, "", "\(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorHandle.close()
        let errors = (try? Data(contentsOf: errorFile)) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    @Test(.enabled(if: OpenAPITests.hasValidator,
                   "python3 with openapi-spec-validator is not installed (pip install openapi-spec-validator)"))
    func documentIsValidOpenAPI() throws {
        let script = """
            import sys, yaml
            from openapi_spec_validator import validate
            with open(sys.argv[1]) as f:
                validate(yaml.safe_load(f))
            """
        let r = Self.python(["-c", script, Self.document.path])
        #expect(r.status == 0, "openapi-spec-validator rejects \(Self.document.path) (exit \(r.status)):\n\(r.stderr)")
    }

    @Test(.enabled(if: OpenAPITests.hasPyYAML, "python3 with PyYAML is not installed (pip install pyyaml)"))
    func documentDescribesExactlyTheRoutes() async throws {
        let script = """
            import sys, yaml
            with open(sys.argv[1]) as f:
                doc = yaml.safe_load(f)
            methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
            for line in sorted(m.upper() + " " + p for p, item in (doc.get("paths") or {}).items() for m in item if m in methods):
                print(line)
            """
        let r = Self.python(["-c", script, Self.document.path])
        try #require(r.status == 0, "reading the paths of \(Self.document.path) failed (exit \(r.status)):\n\(r.stderr)")
        let documented = r.stdout.split(whereSeparator: \.isNewline).map(String.init).sorted()
        let harness = try #require(try await Harness.make(.sqlite, cast: []))
        let implemented = API(service: harness.service).routeSignatures
        await harness.close()
        #expect(!implemented.isEmpty)
        let missing = Set(implemented).subtracting(documented).sorted()
        let extra = Set(documented).subtracting(implemented).sorted()
        #expect(missing.isEmpty, "routes of API.routes not in docs/openapi.yaml:\n\(missing.joined(separator: "\n"))")
        #expect(extra.isEmpty, "operations of docs/openapi.yaml that API.routes does not have:\n\(extra.joined(separator: "\n"))")
        #expect(documented == implemented)
    }
}
