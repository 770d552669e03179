import Foundation
import Testing

/// SPEC 4, end to end: `stemcheck schema` prints the protocol schema, `check` validates protocols
/// against it (results of the built-in rule SCHEMA), and what stemcheck writes and ships fits it
/// under an independent validator (Python `jsonschema`).
@Suite struct SchemaCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let schemaFile = repository.appendingPathComponent("rules/protocol.schema.json")

    /// A pack whose one rule passes on the protocols below, so any failure is the schema's.
    static let rules = """
        pack: {id: t, version: "1"}
        rules:
          - id: HAS-PROTOCOL
            title: the protocol section is present
            severity: error
            check: {path: protocol, exists: true}
        """

    func scratch(_ protocolText: String) throws -> Scratch {
        let s = try Scratch()
        try s.write("rules/t.yaml", Self.rules)
        try s.write("p.yaml", protocolText)
        return s
    }

    @Test func schemaPrintsTheSchemaFileByteForByte() throws {
        let s = try Scratch()
        let r = try CLI.run(["schema"], in: s.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try String(contentsOf: Self.schemaFile, encoding: .utf8)))
        let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(parsed?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func aValueOfTheWrongTypeIsALocatedSchemaErrorAndTheVerdictIsFail() throws {
        let s = try scratch("protocol:\n  id: SC-1\nfollow_up:\n  months: twelve\n")
        let r = try CLI.run(["check", "p.yaml", "--rules", "rules", "--format", "json", "--detail", "full", "--format", "text", "--output", "out"], in: s.url)
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("p.yaml:4:11: error: SCHEMA Total follow-up in months (follow_up.months) must be a number (months); found the string \"twelve\""),
                "\(r.stdout)")
        let report = try s.json("out/p.json")
        let results = try #require(report["results"] as? [[String: Any]])
        let first = try #require(results.first)
        #expect(first["rule"] as? String == "SCHEMA")
        #expect(first["pack"] as? String == "schema")
        #expect(first["severity"] as? String == "error")
        #expect(first["status"] as? String == "error")
        #expect(first["path"] as? String == "follow_up.months")
        #expect(first["actual"] as? String == "twelve")
        #expect((first["location"] as? [String: Int]) == ["line": 4, "column": 11])
        #expect((first["remediation"] as? String)?.contains("months: 24") == true)
        #expect(results.filter { $0["rule"] as? String == "SCHEMA" }.count == 1)
        #expect((report["summary"] as? [String: Any])?["verdict"] as? String == "fail")
        let packs = try #require(report["rule_packs"] as? [[String: Any]])
        #expect(packs.map { $0["id"] as? String } == ["schema", "t"])
        #expect(packs.first?["version"] as? String == "2.0")
        let digest = Self.sha256(of: Self.schemaFile)
        #expect(digest == nil || packs.first?["sha256"] as? String == digest)
    }

    @Test func aSchemaValidProtocolHasNoSchemaResult() throws {
        // A number where text is expected (protocol.id: 12345) is read as its text, as rule fields are.
        let s = try scratch("protocol:\n  id: 12345\n  phase: \"2\"\n  date: 2026-01-31\nfollow_up:\n  months: 24\nregistry_record:\n  minimum_age: 18 Years\n")
        let r = try CLI.run(["check", "p.yaml", "--rules", "rules", "--format", "json", "--detail", "full", "--output", "out"], in: s.url)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let report = try s.json("out/p.json")
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(results.map { $0["rule"] as? String } == ["HAS-PROTOCOL"])
        #expect((report["summary"] as? [String: Any])?["verdict"] as? String == "pass")
        #expect((report["rule_packs"] as? [[String: Any]])?.first?["id"] as? String == "schema")
    }

    @Test func aSchemaErrorCannotBeWaived() throws {
        let s = try scratch("""
            protocol: {id: SC-1}
            participants: {sex: both}
            waivers:
              - {rule: SCHEMA, justification: "we say both", approved_by: IRB, expires: 2099-12-31}
            """)
        let r = try CLI.run(["check", "p.yaml", "--rules", "rules", "--format", "json", "--detail", "full", "--output", "out"], in: s.url)
        #expect(r.status == 1)
        let report = try s.json("out/p.json")
        #expect(try s.statuses("out/p.json")["SCHEMA"] == "error")
        let notes = (report["notes"] as? [String]) ?? []
        #expect(notes.contains { $0.contains("names SCHEMA, which cannot be waived") }, "\(notes)")
    }

    // MARK: - An independent validator

    static let hasJSONSchema = python(["-c", "import jsonschema"]).status == 0

    /// Validates JSON files against the schema with Python's jsonschema (draft 2020-12, formats
    /// checked); returns the errors, one line each.
    static func jsonschemaErrors(_ files: [URL]) -> String {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            bad = 0
            for name in sys.argv[2:]:
                for e in validator.iter_errors(json.load(open(name))):
                    bad += 1
                    print(name, "/".join(map(str, e.absolute_path)), e.message)
            sys.exit(1 if bad else 0)
            """
        let r = python(["-c", script, schemaFile.path] + files.map(\.path))
        return r.status == 0 ? "" : r.output.isEmpty ? "python3 exited \(r.status)" : r.output
    }

    /// `stemcheck show FILE` (the document as stemcheck loads it, as JSON) written to FILE.json.
    static func shown(_ file: URL, in s: Scratch) throws -> URL {
        let r = try CLI.run(["show", file.path], in: s.url)
        #expect(r.status == 0, "show \(file.lastPathComponent): \(r.stderr)")
        let out = s.url.appendingPathComponent(file.lastPathComponent + ".json")
        try Data(r.stdout.utf8).write(to: out)
        return out
    }

    @Test(.enabled(if: hasJSONSchema, "python3 with jsonschema is not installed (pip install jsonschema)"))
    func shippedExamplesFitTheSchema() throws {
        let s = try Scratch()
        let folder = Self.repository.appendingPathComponent("examples")
        // The jurisdictions' examples (examples/jurisdictions/CC/) too.
        let files = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
        #expect(files.count >= 6)
        let errors = Self.jsonschemaErrors(try files.map { try Self.shown($0, in: s) })
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(.enabled(if: hasJSONSchema, "python3 with jsonschema is not installed (pip install jsonschema)"))
    func initTemplatesFitTheSchemaEmptyAndFilled() throws {
        let s = try Scratch()
        let profiles = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("rules/profiles").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(profiles.count >= 4)
        var files: [URL] = []
        for profile in [nil] + profiles.map(Optional.some) {
            for fill in [false, true] {
                let name = "init-\(profile ?? "all")\(fill ? "-filled" : "").yaml"
                let r = try CLI.run(["init", "--output", name] + (profile.map { ["--profile", $0] } ?? []) + (fill ? ["--fill-examples"] : []), in: s.url)
                #expect(r.status == 0, "\(name): \(r.stderr)")
                files.append(try Self.shown(s.url.appendingPathComponent(name), in: s))
            }
        }
        let errors = Self.jsonschemaErrors(files)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test(.enabled(if: hasJSONSchema, "python3 with jsonschema is not installed (pip install jsonschema)"))
    func importedProtocolsFitTheSchema() throws {
        let s = try Scratch()
        let fixtures = Self.repository.appendingPathComponent("Tests/Fixtures")
        var sources: [(String, URL)] = []
        for file in (try? FileManager.default.contentsOfDirectory(at: fixtures.appendingPathComponent("usdm"), includingPropertiesForKeys: nil)) ?? []
        where file.pathExtension == "json" {
            sources.append(("usdm", file))
        }
        for file in (try? FileManager.default.contentsOfDirectory(at: fixtures.appendingPathComponent("ctgov"), includingPropertiesForKeys: nil)) ?? []
        where file.pathExtension == "json" {
            sources.append(("ctgov", file))
        }
        try #require(!sources.isEmpty, "no USDM or CT.gov fixtures in Tests/Fixtures")
        var files: [URL] = []
        for (format, source) in sources.sorted(by: { $0.1.path < $1.1.path }) {
            let out = source.deletingPathExtension().lastPathComponent + ".yaml"
            let r = try CLI.run(["import", format, source.path, "--output", out], in: s.url)
            #expect(r.status == 0, "import \(format) \(source.lastPathComponent): \(r.stderr)")
            files.append(try Self.shown(s.url.appendingPathComponent(out), in: s))
        }
        let errors = Self.jsonschemaErrors(files)
        #expect(errors.isEmpty, "\(errors)")
    }

    // MARK: - Helpers

    static func python(_ arguments: [String]) -> (status: Int32, output: String) {
        CLI.toolOutput(["python3"] + arguments)
    }

    /// SHA-256 of a file by `sha256sum`, or nil where that tool is missing.
    static func sha256(of file: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}

/// Several SCHEMA results in one report stay unique where CI formats need unique names.
@Suite struct SchemaInCIFormatsTests {
    @Test func junitNamesAndSARIFRulesAreUnique() throws {
        let s = try Scratch()
        try s.write("p.yaml", "follow_up:\n  months: twelve\nparticipants:\n  age_min_years: young\n")
        let r = try CLI.run(["check", "p.yaml", "--format", "junit", "--format", "sarif", "--output", "out"], in: s.url)
        #expect(r.status == 1, "\(r.stderr)")
        let junit = try #require(s.read("out/p.junit.xml"))
        #expect(junit.contains("<testcase name=\"SCHEMA follow_up.months\" classname=\"schema\""), "\(junit.prefix(2000))")
        #expect(junit.contains("<testcase name=\"SCHEMA participants.age_min_years\" classname=\"schema\""))
        let sarif = try s.json("out/p.sarif")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.filter { $0 == "SCHEMA" }.count == 1)
        #expect(Set(ids).count == ids.count)
        let results = try #require(run["results"] as? [[String: Any]])
        let schemaResults = results.filter { $0["ruleId"] as? String == "SCHEMA" }
        #expect(schemaResults.count == 2)
        #expect(schemaResults.allSatisfy { ($0["ruleIndex"] as? Int).map { ids[$0] == "SCHEMA" } ?? false })
    }
}
