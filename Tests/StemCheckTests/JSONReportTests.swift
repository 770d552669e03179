import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 6: the JSON report's field names and order, its values, and determinism.
@Suite struct JSONReportTests {
    static let pack = """
        pack: {id: t-pack, title: Test pack, version: "2026.1"}
        rules:
          - id: DOSE
            title: Dose in range
            severity: error
            citation: "Guideline 1.2"
            check: {path: administration.dose, gte: "1 x 10^6 cells/kg"}
            remediation: "State the dose per kg."
          - {id: REVIEWED, title: Reviewed, severity: warning, kind: review}
          - {id: PRESENT, title: Present, severity: info, check: {path: protocol.id, exists: true}}
          - {id: WAIVED, title: Waived, severity: error, check: {path: protocol.title, equals: Another trial}}
          - {id: NA, title: Not applicable, severity: error, when: {path: protocol.id, equals: P-2}, check: {path: x, exists: true}}
          - {id: UNSTATED, title: Unstated, severity: warning, check: {path: follow_up.months, gte: 12}}
        """
    static let doc = """
        protocol:
          id: P-1
          title: A trial
        administration:
          dose: "3e6 cells"
        waivers:
          - {rule: WAIVED, justification: "Covered elsewhere", approved_by: IRB-1, expires: 2027-01-01}
        folow_up: 1
        """

    func report() throws -> Report { try EngineFixture.report(rules: Self.pack, protocol: Self.doc) }

    /// The JSON report loaded as YAML (JSON is YAML), which keeps members in the order written.
    func loaded(_ report: Report) throws -> YAMLNode {
        try YAMLLoader().loadDocument(bytes: JSONReporter.renderBytes(report), file: "report.json").root
    }

    func keys(_ value: YAMLNode) -> [String] {
        value.kind == .mapping ? value.pairs.map { $0.key.text ?? "" } : []
    }

    func field(_ value: YAMLNode, _ name: String) -> YAMLNode? {
        value.kind == .mapping ? value[name] : nil
    }

    func items(_ value: YAMLNode?) -> [YAMLNode] {
        value?.kind == .sequence ? value!.items : []
    }

    @Test func topLevelFieldsInOrder() throws {
        let json = try loaded(try report())
        #expect(keys(json) == ["report_version", "tool", "generated_at", "protocol", "profile", "rule_packs", "summary", "detail", "results", "notes"])
        #expect(keys(field(json, "tool")!) == ["name", "version"])
        #expect(keys(field(json, "protocol")!) == ["path", "sha256", "id", "title"])
        #expect(items(field(json, "rule_packs")).map(keys) == [["id", "version", "sha256"]])
        #expect(keys(field(json, "summary")!) == ["pass", "fail", "unknown", "not_applicable", "review", "waived", "error", "verdict", "gate"])
        #expect(keys(field(field(json, "summary")!, "gate")!) == ["fail_on", "passed"])
    }

    @Test func resultAndWhyFieldsInOrder() throws {
        let json = try loaded(try report())
        let results = items(field(json, "results"))
        #expect(results.count == 6)
        for result in results {
            #expect(keys(result) == ["rule", "pack", "title", "severity", "status", "message", "path", "location", "actual",
                                     "citation", "remediation", "waiver", "attestation", "why", "missing"])
        }
        #expect(items(field(results[5], "missing")).map(keys) == [["path", "reason"]])
        let why = items(field(results[0], "why"))
        #expect(why.count == 1)
        #expect(keys(why[0]) == ["path", "operator", "expected", "actual", "outcome", "location", "detail"])
        #expect(keys(field(why[0], "location")!) == ["line", "column"])
        #expect(keys(field(results[3], "waiver")!) == ["justification", "approved_by", "expires", "source", "original_status"])
    }

    @Test func valuesAsSpecShows() throws {
        let text = JSONReporter.render(try report())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["report_version"] as? Int == 2)
        #expect((object["tool"] as? [String: Any])?["name"] as? String == "stemcheck")
        #expect(object["generated_at"] as? String == "2026-01-01T00:00:00Z")
        let proto = try #require(object["protocol"] as? [String: Any])
        #expect(proto["path"] as? String == "proto.yaml")
        #expect(proto["sha256"] as? String == Digest.sha256(Array(Self.doc.utf8)))
        #expect((proto["sha256"] as? String)?.count == 64)
        #expect(proto["id"] as? String == "P-1")
        #expect(proto["title"] as? String == "A trial")
        #expect(object["profile"] is NSNull)
        let packs = try #require(object["rule_packs"] as? [[String: Any]])
        #expect(packs.first?["id"] as? String == "t-pack")
        #expect(packs.first?["version"] as? String == "2026.1")
        #expect(packs.first?["sha256"] as? String == Digest.sha256(Array(Self.pack.utf8)))
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["pass"] as? Int == 1)
        #expect(summary["fail"] as? Int == 0)
        #expect(summary["unknown"] as? Int == 1)
        #expect(summary["not_applicable"] as? Int == 1)
        #expect(summary["review"] as? Int == 1)
        #expect(summary["waived"] as? Int == 1)
        #expect(summary["error"] as? Int == 1)
        #expect(summary["verdict"] as? String == "fail")
        let gate = try #require(summary["gate"] as? [String: Any])
        #expect(gate["fail_on"] as? String == "error")
        #expect(gate["passed"] as? Bool == false)
        #expect(text.contains("\"gate\": {\n      \"fail_on\": \"error\",\n      \"passed\": false\n    }"))

        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["rule"] as? String } == ["DOSE", "REVIEWED", "PRESENT", "WAIVED", "NA", "UNSTATED"])
        #expect(results.map { $0["status"] as? String } == ["error", "review", "pass", "waived", "not_applicable", "unknown"])
        #expect(results[5]["missing"] as? [[String: String]] == [["path": "follow_up.months", "reason": "absent"]])
        #expect(results[5]["message"] as? String == "Unstated: Total follow-up in months (follow_up.months) is not stated")
        let dose = results[0]
        #expect(dose["pack"] as? String == "t-pack")
        #expect(dose["severity"] as? String == "error")
        #expect(dose["path"] as? String == "administration.dose")
        #expect((dose["location"] as? [String: Int]) == ["line": 5, "column": 9])
        #expect(dose["actual"] as? String == "3e6 cells")
        #expect(dose["citation"] as? String == "Guideline 1.2")
        #expect(dose["remediation"] as? String == "State the dose per kg.")
        #expect(dose["waiver"] is NSNull)
        #expect(dose["attestation"] is NSNull)
        let why = try #require((dose["why"] as? [[String: Any]])?.first)
        #expect(why["path"] as? String == "administration.dose")
        #expect(why["operator"] as? String == "gte")
        #expect(why["expected"] as? String == "1000000 cells/kg")
        #expect(why["actual"] as? String == "3e6 cells")
        #expect(why["outcome"] as? String == "error")
        #expect((why["location"] as? [String: Int]) == ["line": 5, "column": 9])
        #expect((why["detail"] as? String)?.contains("cells/kg") == true)
        // Passing and not-applicable results: no why for a pass.
        #expect((results[2]["why"] as? [Any])?.isEmpty == true)
        #expect(results[3]["waiver"] as? [String: String] == [
            "justification": "Covered elsewhere", "approved_by": "IRB-1", "expires": "2027-01-01",
            "source": "protocol", "original_status": "fail",
        ])
        let notes = try #require(object["notes"] as? [String])
        #expect(notes == ["unknown key 'folow_up' (did you mean 'follow_up'?) at 8:1: no rule or documented field reads it"])
    }

    @Test func renderingIsDeterministic() throws {
        let first = JSONReporter.render(try report())
        let second = JSONReporter.render(try report())
        #expect(first == second)
        #expect(first.hasPrefix("{\n  \"report_version\": 2,\n  \"tool\": {\n    \"name\": \"stemcheck\",\n"))
        #expect(first.hasSuffix("}\n"))
    }

    @Test func missingValuesAreNullNotAbsent() throws {
        let report = try EngineFixture.report(rules: EngineFixture.pack(check: "{path: a.b, exists: true}"), protocol: "x: 1\n")
        let text = JSONReporter.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let proto = try #require(object["protocol"] as? [String: Any])
        #expect(proto["id"] is NSNull)
        #expect(proto["title"] is NSNull)
        let result = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(result["actual"] is NSNull)
        #expect(result["citation"] is NSNull)
        #expect(result["remediation"] is NSNull)
        let why = try #require((result["why"] as? [[String: Any]])?.first)
        #expect(why["actual"] is NSNull)
        #expect(why["outcome"] as? String == "false")
    }

    /// The report is written straight into bytes by `JSONWriter`: it must be valid JSON in the
    /// standard two-space layout, so Python's `json` reads it and writes it back byte for byte
    /// (for every kind of content: nesting, empty containers, floats, escapes).
    @Test(.enabled(if: Validators.hasPython, "python3 is not installed"), arguments: ReportFixture.allCases)
    func streamedJSONReserialisesEqual(_ fixture: ReportFixture) throws {
        let nested = try EngineFixture.report(
            rules: EngineFixture.pack(check: "{path: arms, min_items: 5}"),
            protocol: "arms:\n  - {name: \"a\\u2028b\", dose: [1, 2.5, null, true], empty: {}, none: []}\n  - x\n")
        for bytes in [JSONReporter.renderBytes(fixture.report), SARIFReporter.renderBytes(fixture.report), JSONReporter.renderBytes(nested)] {
            let file = try Validators.temporary(String(decoding: bytes, as: UTF8.self), suffix: ".json")
            defer { try? FileManager.default.removeItem(at: file) }
            // JSONText also escapes U+2028 and U+2029 (for JavaScript readers); Python keeps them raw.
            let script = """
                import json, sys
                text = open(sys.argv[1], encoding="utf-8").read()
                again = json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\\n"
                again = again.replace("\\u2028", "\\\\u2028").replace("\\u2029", "\\\\u2029")
                sys.exit(0 if again == text else 1)
                """
            let result = Validators.run(["python3", "-c", script, file.path])
            #expect(result.status == 0, "\(fixture): the JSON does not read back equal:\n\(result.output)")
        }
        // And the value JSON in messages uses the same writer on one line.
        #expect(RuleValue.map(["a": .list([.int(1), .float(2.5), .null]), "b": .map([:], order: [])], order: ["a", "b"]).json
                == #"{"a": [1, 2.5, null], "b": {}}"#)
    }
}
