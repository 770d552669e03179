import Foundation
import Testing
@testable import YAMLSource

/// Runs the loader over the official YAML test suite (exported in `Tests/Fixtures/yaml-test-suite`).
///
/// Every valid case must load and equal its `in.json` (compared as values: numbers numerically,
/// objects unordered); every `error` case must be rejected. Cases that libyaml 0.2.5 itself gets
/// wrong, or that break one of stemcheck's deliberate rules, are in `YAMLTestSuiteSkips.table`
/// with the reason; a listed case that starts to pass is reported, so the list stays honest.
@Suite struct YAMLTestSuiteTests {
    /// `<repo>/Tests/Fixtures/yaml-test-suite`, found from this file; `YAML_TEST_SUITE` overrides it.
    static var suiteDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["YAML_TEST_SUITE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        // #filePath = <repo>/Tests/YAMLSourceTests/YAMLTestSuiteTests.swift
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // YAMLSourceTests
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("Fixtures/yaml-test-suite")
    }

    enum Outcome {
        case passed
        case skipped(String)
        case failed(String)
    }

    @Test func everyCaseLoadsAsSpecifiedOrIsListedAsALibyamlLimitation() throws {
        let directory = Self.suiteDirectory
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Issue.record("""
                yaml-test-suite not found at \(directory.path): it ships with the repository in \
                Tests/Fixtures/yaml-test-suite (or YAML_TEST_SUITE names another copy)
                """)
            return
        }
        let ids = try fileManager.contentsOfDirectory(atPath: directory.path)
            .filter { fileManager.fileExists(atPath: directory.appendingPathComponent($0).appendingPathComponent("in.yaml").path) }
            .sorted()
        #expect(ids.count > 200, "expected the whole exported suite, found \(ids.count) cases in \(directory.path)")

        var passed = 0
        var skipped: [(id: String, reason: String)] = []
        var failed = 0
        for id in ids {
            let outcome = try Self.run(case: id, in: directory.appendingPathComponent(id))
            let skipReason = YAMLTestSuiteSkips.table[id]
            switch (outcome, skipReason) {
            case (.passed, nil):
                passed += 1
            case (.passed, let reason?):
                failed += 1
                Issue.record("\(id) is in the skip list (\(reason)) but now behaves as the suite expects: remove it from YAMLTestSuiteSkips")
            case (.failed, let reason?), (.skipped, let reason?):
                skipped.append((id, reason))
            case (.skipped(let why), nil):
                skipped.append((id, why))
            case (.failed(let why), nil):
                failed += 1
                Issue.record("\(id): \(why)")
            }
        }
        for id in YAMLTestSuiteSkips.table.keys.sorted() where !ids.contains(id) {
            Issue.record("skip list names \(id), which is not in the suite")
        }

        print("yaml-test-suite conformance: \(passed) passed, \(skipped.count) skipped, \(failed) failing, \(ids.count) total")
        for entry in skipped {
            print("  skipped \(entry.id): \(entry.reason)")
        }
    }

    /// Runs one case: `.passed` when the loader does what the suite says.
    static func run(case id: String, in folder: URL) throws -> Outcome {
        let input = try [UInt8](Data(contentsOf: folder.appendingPathComponent("in.yaml")))
        let fileManager = FileManager.default
        let loaded: Result<[YAMLDocument], YAMLError>
        do {
            loaded = .success(try YAMLLoader().loadStream(bytes: input, file: "\(id)/in.yaml"))
        } catch {
            loaded = .failure(error)
        }

        // `error` wins over `in.json`: a few invalid cases carry the JSON of what precedes the error.
        if fileManager.fileExists(atPath: folder.appendingPathComponent("error").path) {
            switch loaded {
            case .failure: return .passed
            case .success(let documents):
                let shown = documents.map { $0.root.json(indent: 0) }.joined(separator: " ")
                return .failed("invalid input was accepted; loaded as \(shown)")
            }
        }

        let documents: [YAMLDocument]
        switch loaded {
        case .failure(let error):
            return .failed("valid input was rejected:\n\(error.description)")
        case .success(let value):
            documents = value
        }

        let jsonURL = folder.appendingPathComponent("in.json")
        guard fileManager.fileExists(atPath: jsonURL.path) else {
            return .passed  // valid, with no JSON form in the suite (complex keys and the like): loading is the test
        }
        let expected = try JSONValue.parseSequence(String(decoding: try Data(contentsOf: jsonURL), as: UTF8.self))
        let actual = documents.map { JSONValue($0.root) }
        if expected == actual { return .passed }
        return .failed("""
            loaded value differs from in.json
              expected: \(expected.map(\.description).joined(separator: " | "))
              actual:   \(actual.map(\.description).joined(separator: " | "))
            """)
    }
}
