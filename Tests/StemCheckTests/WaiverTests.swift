import Foundation
import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3.4 / 3.5: waivers in the protocol and in `--waivers FILE`, expiry through the end of the
/// `expires` day, incomplete waivers, unknown and unused waivers, `waivable: false`.
@Suite struct WaiverTests {
    static let pack = """
        pack: {id: t, version: "1"}
        rules:
          - {id: FOLLOW-UP, title: Follow-up of 24 months, severity: error, check: {path: follow_up, gte: "24 months"}}
          - {id: FIXED, title: Never waivable, severity: error, waivable: false, check: {path: fixed, equals: 1}}
          - {id: DOSE, title: Dose in range, severity: error, check: {path: dose, lte: "5 mL"}}
        """

    /// A protocol failing FOLLOW-UP and FIXED, erroring DOSE, with the given waivers block.
    static func doc(_ waivers: String) -> String {
        "follow_up: \"12 months\"\ndose: \"5 cells\"\nwaivers:\n" + waivers + "fixed: 2\n"
    }

    static func waiver(_ rule: String, expires: String = "2027-06-30") -> String {
        "  - {rule: \(rule), justification: \"Phase 1 safety study\", approved_by: \"IRB 2026-114\", expires: \(expires)}\n"
    }

    func report(_ waivers: String, today: String = "2026-06-01") throws -> Report {
        try EngineFixture.report(rules: Self.pack, protocol: Self.doc(waivers), today: EngineFixture.day(today))
    }

    @Test func validWaiverTurnsFailIntoWaivedKeepingTheOriginal() throws {
        let report = try report(Self.waiver("FOLLOW-UP"))
        let r = report.results[0]
        #expect(r.status == .waived)
        #expect(r.waiver == AppliedWaiver(justification: "Phase 1 safety study", approvedBy: "IRB 2026-114",
                                          expires: "2027-06-30", source: "protocol", originalStatus: .fail))
        // The original evaluation stays in the report.
        #expect(r.message == "The rule: follow_up is \"12 months\"; expected gte 24 months".replacingOccurrences(of: "The rule", with: "Follow-up of 24 months"))
        #expect(r.why.count == 1)
        #expect(report.summary.waived == 1)
        #expect(report.summary.fail == 1)  // FIXED
        #expect(report.notes.filter { $0.contains("waiver") }.isEmpty)
        let json = JSONReporter.render(report)
        #expect(json.contains("\"original_status\": \"fail\""))
    }

    @Test func validWaiverTurnsErrorIntoWaived() throws {
        let report = try report(Self.waiver("DOSE"))
        #expect(report.results[2].status == .waived)
        #expect(report.results[2].waiver?.originalStatus == .error)
        #expect(report.summary.error == 0)
    }

    @Test func waivedResultsDoNotGate() throws {
        let report = try EngineFixture.report(rules: Self.pack, protocol: Self.doc(Self.waiver("FOLLOW-UP") + Self.waiver("DOSE")).replacingOccurrences(of: "fixed: 2", with: "fixed: 1"))
        #expect(report.results.map(\.status) == [.waived, .pass, .waived])
        #expect(report.summary.verdict == .pass)
    }

    @Test func expiredWaiverLeavesTheResultAndAddsANote() throws {
        let report = try report(Self.waiver("FOLLOW-UP", expires: "2026-01-01"))
        #expect(report.results[0].status == .fail)
        #expect(report.results[0].waiver == nil)
        #expect(report.notes.contains("waiver for FOLLOW-UP expired on 2026-01-01 (protocol); the result stands"))
    }

    @Test func waiverIsValidThroughTheEndOfItsExpiresDay() throws {
        let w = Self.waiver("FOLLOW-UP", expires: "2026-06-01")
        #expect(try report(w, today: "2026-05-31").results[0].status == .waived)
        #expect(try report(w, today: "2026-06-01").results[0].status == .waived)
        #expect(try report(w, today: "2026-06-02").results[0].status == .fail)
    }

    @Test func todayComesFromSourceDateEpoch() {
        // SPEC 3.5: waiver "today" is the UTC date of SOURCE_DATE_EPOCH when set.
        let lastSecond = RunClock(environment: ["SOURCE_DATE_EPOCH": "1780358399"])  // 2026-06-01T23:59:59Z
        #expect(lastSecond.today == EngineFixture.day("2026-06-01"))
        #expect(lastSecond.timestamp == "2026-06-01T23:59:59Z")
        let next = RunClock(environment: ["SOURCE_DATE_EPOCH": "1780358400"])
        #expect(next.today == EngineFixture.day("2026-06-02"))
        #expect(next.timestamp == "2026-06-02T00:00:00Z")
    }

    @Test(arguments: [
        ("{rule: FOLLOW-UP, approved_by: IRB, expires: 2027-01-01}", "proto.yaml:4:5: error: a waiver is missing required key 'justification'"),
        ("{rule: FOLLOW-UP, justification: why, expires: 2027-01-01}", "proto.yaml:4:5: error: a waiver is missing required key 'approved_by'"),
        ("{rule: FOLLOW-UP, justification: why, approved_by: IRB}", "proto.yaml:4:5: error: a waiver is missing required key 'expires'"),
        ("{justification: why, approved_by: IRB, expires: 2027-01-01}", "proto.yaml:4:5: error: a waiver is missing required key 'rule'"),
        ("{rule: FOLLOW-UP, justification: \"  \", approved_by: IRB, expires: 2027-01-01}", "proto.yaml:4:38: error: a waiver's 'justification' must not be empty"),
        ("{rule: FOLLOW-UP, justification: why, approved_by: IRB, expires: soon}", "proto.yaml:4:70: error: 'expires' must be a date like 2027-06-30, found \"soon\""),
        ("{rule: FOLLOW-UP, justification: why, approved_by: IRB, expires: 2027-01-01, by: me}", "proto.yaml:4:82: error: unknown key 'by' in a waiver"),
    ])
    func incompleteWaiverIsAnInputError(_ waiver: String, _ message: String) throws {
        do {
            _ = try report("  - " + waiver + "\n")
            Issue.record("expected an input error")
        } catch let error as InputError {
            #expect(error.diagnostics.map { "\($0.location): error: \($0.message)" } == [message])
        }
    }

    @Test func waiverNamingAnUnknownRuleIsANote() throws {
        let report = try report(Self.waiver("FOLOW-UP"))
        #expect(report.results[0].status == .fail)
        #expect(report.notes == ["waiver (protocol 4:5) names rule FOLOW-UP, which is not among the loaded rules (did you mean 'FOLLOW-UP'?)"])
    }

    @Test func waiverOnAPassingRuleIsUnused() throws {
        let doc = "follow_up: \"2 years\"\nfixed: 1\ndose: \"1 mL\"\nwaivers:\n" + Self.waiver("FOLLOW-UP")
        let report = try EngineFixture.report(rules: Self.pack, protocol: doc)
        #expect(report.results[0].status == .pass)
        #expect(report.notes == ["waiver for FOLLOW-UP (protocol) is unused: the rule's status is pass"])
    }

    @Test func waivableFalseCannotBeWaived() throws {
        let report = try report(Self.waiver("FIXED"))
        #expect(report.results[1].status == .fail)
        #expect(report.results[1].waiver == nil)
        #expect(report.notes == ["waiver for FIXED has no effect: the rule is marked waivable: false"])
    }

    @Test func waiversFromAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stemcheck-waivers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("waivers.yaml").path
        try ("waivers:\n" + Self.waiver("FOLLOW-UP")).write(toFile: file, atomically: true, encoding: .utf8)
        let waivers = try WaiverFile.load(path: file)
        #expect(waivers.map(\.rule) == ["FOLLOW-UP"])
        #expect(waivers[0].source == file)
        let report = try EngineFixture.report(rules: Self.pack, protocol: "follow_up: \"12 months\"\n", waivers: waivers)
        #expect(report.results[0].status == .waived)
        #expect(report.results[0].waiver?.source == file)

        // A bare list works too; an incomplete waiver in a file is an input error located in that file.
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "- {rule: FOLLOW-UP, justification: why}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        do {
            _ = try WaiverFile.load(path: bad)
            Issue.record("expected an input error")
        } catch {
            #expect(error.diagnostics.map { "\($0.location): error: \($0.message)" } == [
                "\(bad):1:3: error: a waiver is missing required key 'approved_by'",
                "\(bad):1:3: error: a waiver is missing required key 'expires'",
            ])
        }
    }
}
