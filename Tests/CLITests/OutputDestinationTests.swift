import Foundation
import Testing
import StemCheckModel

/// Issue 17: `--format FORMAT[=DEST]`, standard input, and where reports go.
@Suite struct OutputDestinationTests {
    static let us = "schema_version: 2\njurisdictions: [US]\ncondition: {name: Spastic cerebral palsy, icd10: G80.1}\nprotocol: {id: P-1}\n"
    static let mx = "schema_version: 2\njurisdictions: [MX]\ncondition: {name: Spastic cerebral palsy}\nfinancial: {patient_charges: true}\n"

    static func scratch() throws -> Scratch {
        let s = try Scratch()
        _ = try s.write("a.yaml", us)
        _ = try s.write("b.yaml", mx)
        return s
    }

    @Test func aFormatToStandardOutputIsOneDocumentForTheRun() throws {
        let s = try Self.scratch()
        let run = try CLI.run(["check", "a.yaml", "b.yaml", "--format", "sarif=-"], in: s.url)
        #expect(run.status == 1, "\(run.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect((runs[0]["artifacts"] as? [Any])?.count == 2)
        #expect(!FileManager.default.fileExists(atPath: s.url.appendingPathComponent("reports").path))
    }

    /// A protocol that cannot be checked leaves no part, but the later protocols' sections keep
    /// their place in the input: the run's table links to the sections' own anchors.
    @Test func sectionAnchorsKeepTheirPlaceAfterAFileThatCannotBeChecked() throws {
        let s = try Self.scratch()
        _ = try s.write("0-broken.yaml", "protocol: [unclosed\n")
        let run = try CLI.run(["check", "0-broken.yaml", "a.yaml", "b.yaml", "--format", "html=run.html", "--format", "markdown=run.md"], in: s.url)
        #expect(run.status == 2, "\(run.stderr)")
        let html = try #require(s.read("run.html"))
        let markdown = try #require(s.read("run.md"))
        for n in [2, 3] {
            #expect(html.contains("href=\"#protocol-\(n)\"") && html.contains("id=\"protocol-\(n)\""), "protocol-\(n)")
            #expect(markdown.contains("](#protocol-\(n))") && markdown.contains("<a id=\"protocol-\(n)\"></a>"), "protocol-\(n)")
        }
        #expect(!html.contains("#protocol-1\"") && !markdown.contains("(#protocol-1)"))
    }

    @Test func formatsToFilesAndTheFolderTogether() throws {
        let s = try Self.scratch()
        let run = try CLI.run(["check", "a.yaml", "b.yaml", "--format", "junit=out/all.xml", "--format", "json=all.json", "--format", "html"], in: s.url)
        #expect(run.status == 1)
        #expect(s.read("out/all.xml")?.contains("<testsuites>") == true)
        let json = try #require(s.read("all.json"))
        #expect(json.contains("\"reports\": ["))
        #expect(s.read("reports/a.html") != nil && s.read("reports/b.html") != nil)
        #expect(run.stderr.contains("wrote junit to out/all.xml, json to all.json, html per protocol into reports/"), "\(run.stderr)")
    }

    @Test func perProtocolSARIFHasItsOwnCategoryAndRelativeURIs() throws {
        let s = try Self.scratch()
        let run = try CLI.run(["check", "a.yaml", "b.yaml", "--format", "sarif"], in: s.url)
        #expect(run.status == 1)
        let a = try #require(s.read("reports/a.sarif"))
        let b = try #require(s.read("reports/b.sarif"))
        #expect(a.contains("\"id\": \"stemcheck/a.yaml/\"") && b.contains("\"id\": \"stemcheck/b.yaml/\""))
        #expect(a.contains("\"uriBaseId\": \"%SRCROOT%\"") && a.contains("\"partialFingerprints\""))
    }

    @Test func theSourceRootMakesURIsRelativeToIt() throws {
        let s = try Scratch()
        try s.folder("protocols")
        _ = try s.write("protocols/a.yaml", Self.us)
        let run = try CLI.run(["check", "protocols/a.yaml", "--format", "sarif=-", "--source-root", "protocols"], in: s.url)
        #expect(run.stdout.contains("\"uri\": \"a.yaml\""), "\(run.stdout.prefix(2000))")
        let plain = try CLI.run(["check", "protocols/a.yaml", "--format", "sarif=-"], in: s.url)
        #expect(plain.stdout.contains("\"uri\": \"protocols/a.yaml\""))
    }

    @Test func aProtocolOnStandardInputIsNamedByStdinFilename() throws {
        let s = try Scratch()
        let run = try CLI.run(["check", "-", "--stdin-filename", "trial.yaml", "--format", "json=-"], in: s.url,
                              standardInput: Self.mx)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("\"path\":\"trial.yaml\""))
        let broken = try CLI.run(["check", "-"], in: s.url, standardInput: "a: [1,\n")
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("stdin.yaml:"), "\(broken.stderr)")
    }

    @Test func usageErrorsAboutDestinations() throws {
        let s = try Self.scratch()
        let folder = try CLI.run(["check", "a.yaml", "--output", "-"], in: s.url)
        #expect(folder.status == 2 && folder.stderr.contains("--format FORMAT=-"), "\(folder.stderr)")
        let two = try CLI.run(["check", "a.yaml", "--format", "json=-", "--format", "text"], in: s.url)
        #expect(two.status == 2 && two.stderr.contains("would all write to standard output"), "\(two.stderr)")
        let same = try CLI.run(["check", "a.yaml", "--format", "json=x", "--format", "sarif=x"], in: s.url)
        #expect(same.status == 2 && same.stderr.contains("two formats write to x"))
        let empty = try CLI.run(["check", "a.yaml", "--format", "json="], in: s.url)
        #expect(empty.status == 2 && empty.stderr.contains("give a file or - after '='"), "\(empty.stderr)")
    }

    @Test func githubWritesTheJobSummaryWhenAsked() throws {
        let s = try Self.scratch()
        let summary = s.url.appendingPathComponent("summary.md").path
        let run = try CLI.run(["check", "a.yaml", "b.yaml", "--format", "github"], in: s.url,
                              environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(run.stdout.hasPrefix("::"), "\(run.stdout.prefix(300))")
        let text = try #require(s.read("summary.md"))
        #expect(text.contains("| Protocol | Verdict |") && text.contains("a.yaml") && text.contains("b.yaml"))
    }
}

/// Issue 17: `--baseline` reports only what is new or changed, matching by protocol, rule, status
/// and field, never by line.
@Suite struct BaselineTests {
    static let base = """
        schema_version: 2
        protocol: {id: TRIAL-7, title: Cord blood for CP}
        jurisdictions: [MX]
        condition: {name: Spastic cerebral palsy}
        financial: {patient_charges: true}

        """

    @Test func unchangedFindingsAreLeftOutAndTheGatePasses() throws {
        let s = try Scratch()
        _ = try s.write("p.yaml", Self.base)
        let first = try CLI.run(["check", "p.yaml", "--write-baseline", "base/baseline.json"], in: s.url)
        #expect(first.status == 1)
        let baseline = try #require(s.read("base/baseline.json"))
        #expect(baseline.contains("\"reports\""))
        // The baseline names the protocol by its digest, though text (which does not show it) is the only format.
        #expect(baseline.contains("\"sha256\":\"\(Digest.sha256(Array(Self.base.utf8)))\""), "\(baseline.prefix(400))")
        let again = try CLI.run(["check", "p.yaml", "--baseline", "base/baseline.json"], in: s.url)
        #expect(again.status == 0, "\(again.stdout)")
        #expect(again.stdout.contains("unchanged since the baseline base/baseline.json are not shown"))
        #expect(again.stdout.contains(": INCOMPLETE: ") && !again.stdout.contains(": PASS: "), "the verdict still counts known findings: \(again.stdout)")
        // Lines moved (a comment and a blank line at the top): still nothing new.
        _ = try s.write("p.yaml", "# reviewed 2026-12-01\n\n" + Self.base)
        let moved = try CLI.run(["check", "p.yaml", "--baseline", "base/baseline.json"], in: s.url)
        #expect(moved.status == 0, "\(moved.stdout)")
    }

    @Test func aNewOrChangedFindingIsReportedAndAFixedOneIsGone() throws {
        let s = try Scratch()
        _ = try s.write("p.yaml", Self.base)
        _ = try CLI.run(["check", "p.yaml", "--write-baseline", "baseline.json"], in: s.url)
        // New: the product is also sold outside the trial.
        _ = try s.write("p.yaml", Self.base.replacingOccurrences(of: "patient_charges: true}", with: "patient_charges: true, marketed_outside_trial: true}"))
        let added = try CLI.run(["check", "p.yaml", "--baseline", "baseline.json", "--format", "json=-", "--detail", "full"], in: s.url)
        #expect(added.status == 1)
        let report = try #require((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["reports"] as? [[String: Any]]).first
        let results = try #require(report?["results"] as? [[String: Any]])
        let failing = results.filter { $0["status"] as? String == "fail" }.compactMap { $0["rule"] as? String }
        #expect(failing.contains("ISSCR-NO-MARKETING-UNPROVEN") || failing.contains("ISSCR-TRIAL-NOT-MARKETED"), "\(failing)")
        #expect(!failing.contains("ISSCR-NO-PAY-TO-PARTICIPATE"), "a known finding came back: \(failing)")
        // Changed: a finding not stated before (unknown) that is now a stated violation is new.
        _ = try s.write("p.yaml", Self.base + "approvals: {ethics: {independent: false}}\n")
        let changed = try CLI.run(["check", "p.yaml", "--baseline", "baseline.json"], in: s.url)
        #expect(changed.stdout.contains("ISSCR-ETHICS-INDEPENDENT"), "\(changed.stdout)")
        // Fixed: the charge removed; nothing new, the old finding simply is not there.
        _ = try s.write("p.yaml", Self.base.replacingOccurrences(of: "patient_charges: true", with: "patient_charges: false"))
        let fixed = try CLI.run(["check", "p.yaml", "--baseline", "baseline.json"], in: s.url)
        #expect(fixed.status == 0 && !fixed.stdout.contains("NO-PAY-TO-PARTICIPATE"), "\(fixed.stdout)")
    }

    @Test func aBaselineThatIsNotAReportIsAnInputError() throws {
        let s = try Scratch()
        _ = try s.write("p.yaml", Self.base)
        _ = try s.write("b.json", "{\"x\": 1}")
        let r = try CLI.run(["check", "p.yaml", "--baseline", "b.json"], in: s.url)
        #expect(r.status == 2 && r.stderr.contains("b.json is not a stemcheck JSON report"), "\(r.stderr)")
    }
}

/// Issue 17's done-when: one SARIF log for the shipped examples validates against the official
/// schema and meets GitHub's upload constraints; one JUnit for them validates against both XSDs.
@Suite struct ShippedExamplesBatchTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let hasJSONSchema = CLI.tool(["python3", "-c", "import jsonschema"])
    static let hasXmllint = CLI.tool(["xmllint", "--version"])

    @Test(.enabled(if: hasJSONSchema && hasXmllint, "needs python3 jsonschema and xmllint"))
    func examplesAsOneSARIFRunAndOneJUnit() throws {
        let s = try Scratch()
        let run = try CLI.run(["check", Self.repository.appendingPathComponent("examples").path,
                               "--format", "sarif=all.sarif", "--format", "junit=all.xml", "--source-root", Self.repository.path], in: s.url)
        #expect(run.status == 1, "\(run.stderr)")
        let schemas = Self.repository.appendingPathComponent("Tests/Fixtures/schemas")
        let script = """
            import json, sys, jsonschema
            log = json.load(open(sys.argv[2]))
            errors = [f"{list(e.absolute_path)} {e.message}" for e in jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).iter_errors(log)]
            runs = log["runs"]
            if len(runs) != 1 or not runs[0]["automationDetails"]["id"]: errors.append("one run with a category")
            for r in runs[0]["results"]:
                loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
                if not r.get("partialFingerprints") or loc.get("uriBaseId") != "%SRCROOT%" or not loc["uri"].startswith("examples/"):
                    errors.append(f"{r['ruleId']}: {loc}")
            if len(runs[0]["artifacts"]) < 10: errors.append(f"{len(runs[0]['artifacts'])} artifacts")
            print("\\n".join(errors[:20])); sys.exit(1 if errors else 0)
            """
        let sarif = CLI.toolOutput(["python3", "-c", script, schemas.appendingPathComponent("sarif-schema-2.1.0.json").path,
                                    s.url.appendingPathComponent("all.sarif").path])
        #expect(sarif.status == 0, "\(sarif.output)")
        for xsd in ["jenkins-xunit-junit-10.xsd", "windyroad-JUnit.xsd"] {
            let junit = CLI.toolOutput(["xmllint", "--noout", "--schema", schemas.appendingPathComponent(xsd).path,
                                        s.url.appendingPathComponent("all.xml").path])
            #expect(junit.status == 0, "\(xsd): \(junit.output)")
        }
    }
}

/// Review findings: what a run writes is never read as a protocol, and never overwrites one.
@Suite struct OwnOutputTests {
    static let p = "schema_version: 2\njurisdictions: [MX]\ncondition: {name: Spastic cerebral palsy}\n"

    @Test func aDestinationThatIsAProtocolIsRefused() throws {
        let s = try Scratch()
        _ = try s.write("p.yaml", Self.p)
        for args in [["--format", "json=p.yaml"], ["--write-baseline", "p.yaml"]] {
            let r = try CLI.run(["check", "p.yaml"] + args, in: s.url)
            #expect(r.status == 2 && r.stderr.contains("p.yaml is a protocol being checked and also where a report would be written"), "\(r.stderr)")
            #expect(s.read("p.yaml") == Self.p)
        }
    }

    @Test func reportsAndBaselinesInTheCheckedFolderAreNotProtocols() throws {
        let s = try Scratch()
        _ = try s.write("p.yaml", Self.p)
        for run in 0..<2 {
            let r = try CLI.run(["check", ".", "--format", "json", "--format", "json=all.json", "--write-baseline", "base.json"], in: s.url)
            #expect(r.status != 2 && !r.stderr.contains("checked"), "\(r.stderr)")
            // The second run names the first run's report in the report folder among the
            // skipped reports; its own destinations (all.json, base.json) are left out silently.
            #expect(r.stderr.contains("skipped 1 stemcheck report among the protocols (./reports/p.json)") == (run == 1), "\(r.stderr)")
        }
        #expect(s.read("reports/p-2.json") == nil)
        let again = try CLI.run(["check", ".", "--baseline", "base.json"], in: s.url)
        #expect(again.status == 0 && !again.stdout.contains("report_version"), "\(again.stdout)")
    }
}
