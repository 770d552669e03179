import Foundation
import Testing

/// Runs the built `stemcheck` for the import tests (names prefixed to stay clear of other helpers).
private enum ImportCLI {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `<repo>/Tests/CLITests/ImportCommandTests.swift` → `<repo>`.
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `<repo>/Tests/Fixtures/SUB`, or nil after recording an issue.
    static func fixture(_ sub: String) -> String? {
        let folder = repo.appendingPathComponent("Tests/Fixtures/" + sub).path
        guard FileManager.default.fileExists(atPath: folder) else {
            Issue.record("fixture folder \(folder) is missing: it ships with the repository; nothing was checked")
            return nil
        }
        return folder
    }

    /// A fresh temporary folder, removed by the caller.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stemcheck-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `stemcheck ARGS` in `directory` through the shared harness, with the import tests' fixed date.
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let r = try CLI.run(arguments, in: directory, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        return Run(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }
}

@Suite(.serialized) struct ImportCommandTests {
    @Test func importCTGovPrintsYAMLWithProvenance() throws {
        guard let ctgov = ImportCLI.fixture("ctgov") else { return }
        let dir = try ImportCLI.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try ImportCLI.run(["import", "ctgov", ctgov + "/NCT02513394.json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("\nschema_version: 2  # the protocol schema this file is written in\n"))
        #expect(run.stdout.contains("\nregistrations:  # $.protocolSection.identificationModule\n"))
        #expect(run.stdout.contains("\n    id: NCT02513394  # $.protocolSection.identificationModule.nctId\n"))
        #expect(run.stdout.contains("\n    first_enrolment: 2015-08  # $.protocolSection.statusModule.startDateStruct.date — month precision, as registered\n"))
        #expect(run.stdout.contains("  phase: \"3\"  # $.protocolSection.designModule.phases\n"))
        #expect(run.stdout.contains("  age_min_years: 18  # $.protocolSection.eligibilityModule.minimumAge — 18 Years\n"))
        #expect(run.stdout.contains("# Left to fill:"))
    }

    @Test func importUSDMWritesOutputAndRefusesToOverwrite() throws {
        guard let usdm = ImportCLI.fixture("usdm") else { return }
        let dir = try ImportCLI.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["CDISC_Pilot_Study", "EliLilly_NCT03421379_Diabetes"] {
            let first = try ImportCLI.run(["import", "usdm", usdm + "/\(name).json", "--output", "\(name).yaml"], in: dir)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.isEmpty)
            let written = try String(contentsOf: dir.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            #expect(written.contains("registry: ClinicalTrials.gov  # $.study.versions[0].studyIdentifiers[1].text"))

            // The written YAML is a protocol stemcheck reads, with the same statuses as the JSON.
            let fromYAML = try ImportCLI.run(["check", "\(name).yaml", "--format", "json", "--output", "yaml-reports"], in: dir)
            let fromJSON = try ImportCLI.run(["check", usdm + "/\(name).json", "--format", "json", "--output", "json-reports"], in: dir)
            #expect(fromYAML.status == fromJSON.status)
            let a = try statuses(dir.appendingPathComponent("yaml-reports/\(name).json"))
            let b = try statuses(dir.appendingPathComponent("json-reports/\(name).json"))
            #expect(!a.isEmpty && a == b)

            let again = try ImportCLI.run(["import", "usdm", usdm + "/\(name).json", "--output", "\(name).yaml"], in: dir)
            #expect(again.status == 2)
            #expect(again.stderr.hasPrefix("\(name).yaml: error: the output file exists; nothing was written"))
            let forced = try ImportCLI.run(["import", "usdm", usdm + "/\(name).json", "--output", "\(name).yaml", "--force"], in: dir)
            #expect(forced.status == 0, "\(forced.stderr)")
        }
    }

    @Test func checkOnTheJSONReportsLinesOfTheJSON() throws {
        guard let ctgov = ImportCLI.fixture("ctgov") else { return }
        let dir = try ImportCLI.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            pack: {id: import-cli-test, version: "1"}
            rules:
              - {id: T-ADULTS-FROM-21, title: Adults from 21, severity: error, check: {path: participants.age_min_years, gte: 21}}
              - {id: T-REGISTERED, title: Registered, severity: error, check: {path: "registrations[0].id", matches: '^NCT[0-9]{8}$'}}
            """.write(to: dir.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let file = ctgov + "/NCT02513394.json"
        let run = try ImportCLI.run(["check", file, "--rules", "rules.yaml"], in: dir)
        #expect(run.status == 1)
        // "minimumAge": "18 Years" is line 187, column 21 of the record.
        #expect(run.stdout.contains("\(file):187:21: error: T-ADULTS-FROM-21"), "\(run.stdout)")
        #expect(run.stdout.contains("1 pass, 1 fail"))
        let github = try ImportCLI.run(["check", file, "--rules", "rules.yaml", "--format", "github"], in: dir)
        #expect(github.stdout.contains("::error file=\(file),line=187,col=21,"), "\(github.stdout)")
    }

    @Test func registryRecordOptionGraftsTheRecord() throws {
        guard let ctgov = ImportCLI.fixture("ctgov"), let usdm = ImportCLI.fixture("usdm") else { return }
        let dir = try ImportCLI.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            protocol:
              id: AFT-05
              dates:
                first_enrolment: 2015-07-01
            participants:
              age_min_years: 18
            design:
              primary_endpoint:
                name: Invasive Disease Free Survival (iDFS)
            """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let run = try ImportCLI.run(["check", "p.yaml", "--registry-record", ctgov + "/NCT02513394.json"], in: dir)
        #expect(run.stdout.contains("p.yaml:4:22: error: REGISTRY-REGISTERED-BEFORE-ENROLMENT"), "\(run.stdout)")
        #expect(!run.stdout.contains("REGISTRY-PRIMARY-OUTCOME-MATCHES"))
        #expect(!run.stdout.contains("unknown key"))

        let wrong = try ImportCLI.run(["check", "p.yaml", "--registry-record", usdm + "/CDISC_Pilot_Study.json"], in: dir)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("CDISC_Pilot_Study.json:1:1: error: --registry-record needs a ClinicalTrials.gov API v2 study record"))
    }

    @Test func foreignAndMalformedJSONIsALocatedErrorWithExit2() throws {
        guard let ctgov = ImportCLI.fixture("ctgov") else { return }
        let dir = try ImportCLI.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files: [(String, String)] = [
            ("nostudy.json", "{\n  \"usdmVersion\": \"4.0\",\n  \"systemName\": \"x\"\n}\n"),
            ("noversions.json", "{\n  \"study\": {\n    \"id\": \"S\"\n  }\n}\n"),
            ("noprotocol.json", "{\n  \"hasResults\": false,\n  \"derivedSection\": {}\n}\n"),
            ("random.json", "{\n  \"name\": \"not a protocol\",\n  \"items\": [1, 2]\n}\n"),
            ("invalid.json", "{\n  \"study\": {\"versions\": [}\n}\n"),
            ("list.json", "[1, 2, 3]\n"),
        ]
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let expectations: [(args: [String], stderr: String)] = [
            (["import", "usdm", "nostudy.json"], "nostudy.json:1:1: error: USDM document without \"study\""),
            (["import", "usdm", "noversions.json"], "noversions.json:2:3: error: USDM \"study\" has no \"versions\""),
            (["import", "ctgov", "noprotocol.json"], "noprotocol.json:1:1: error: ClinicalTrials.gov record without \"protocolSection\""),
            (["import", "usdm", "random.json"], "random.json:1:1: error: this is not a CDISC USDM v4 document (top-level keys: \"name\", \"items\")"),
            (["import", "ctgov", "random.json"], "random.json:1:1: error: this is not a ClinicalTrials.gov API v2 record document"),
            (["import", "usdm", "invalid.json"], "invalid.json:2:26: error: invalid JSON: expected a value or ']', found '}'"),
            (["import", "ctgov", "list.json"], "list.json:1:1: error: this is not a ClinicalTrials.gov API v2 record document (the top level is"),
            (["import", "usdm", ctgov + "/NCT02513394.json"], "it looks like a ClinicalTrials.gov API v2 record"),
            (["import", "ctgov", "missing.json"], "missing.json:1:1: error: cannot read file"),
            (["check", "nostudy.json"], "nostudy.json:1:1: error: USDM document without \"study\""),
            (["check", "noversions.json"], "noversions.json:2:3: error: USDM \"study\" has no \"versions\""),
            (["check", "noprotocol.json"], "noprotocol.json:1:1: error: ClinicalTrials.gov record without \"protocolSection\""),
            (["check", "invalid.json"], "invalid.json:2:26: error: invalid JSON: expected a value or ']', found '}'"),
        ]
        for (args, stderr) in expectations {
            let run = try ImportCLI.run(args, in: dir)
            #expect(run.status == 2, "\(args): \(run.stderr)")
            #expect(run.stderr.contains(stderr), "\(args): \(run.stderr)")
            if args[0] == "import" { #expect(run.stdout.isEmpty) }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("reports/nostudy.json").path))
    }

    private func statuses(_ report: URL) throws -> [String: String] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        let results = json?["results"] as? [[String: Any]] ?? []
        var out: [String: String] = [:]
        for result in results {
            if let rule = result["rule"] as? String, let status = result["status"] as? String { out[rule] = status }
        }
        return out
    }
}
