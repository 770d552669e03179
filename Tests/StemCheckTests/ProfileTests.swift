import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3.6: profiles select packs in their include order, override severities and disable rules
/// with a reason; references to unknown packs or rules are located errors.
@Suite struct ProfileTests {
    static let packA = """
        pack: {id: a, version: "1.0"}
        rules:
          - {id: A1, title: A one, severity: error, check: {path: a1, exists: true}}
          - {id: A2, title: A two, severity: warning, check: {path: a2, exists: true}}
        """
    static let packB = """
        pack: {id: b, version: "2.0"}
        rules:
          - {id: B1, title: B one, severity: info, check: {path: b1, exists: true}}
          - {id: B2, title: B two, severity: error, check: {path: b2, exists: true}}
        """
    static let packC = """
        pack: {id: c, version: "3.0"}
        rules:
          - {id: C1, title: C one, severity: error, check: {path: c1, exists: true}}
        """

    static func profile(include: String, overrides: String = "") -> String {
        "profile:\n  id: prof\n  title: A profile\n  include: \(include)\n" + (overrides.isEmpty ? "" : "  overrides:\n" + overrides)
    }

    func catalog(_ profile: String) throws -> RuleCatalog {
        try EngineFixture.catalog([("a.yaml", Self.packA), ("b.yaml", Self.packB), ("c.yaml", Self.packC), ("profiles/prof.yaml", profile)])
    }

    func report(_ profile: String, doc: String = "x: 1", failOn: Severity? = .error) throws -> Report {
        let catalog = try catalog(profile)
        let set = try catalog.select(profile: catalog.profile(named: "prof"))
        return try Checker(rules: set, options: CheckOptions(failOn: failOn, today: 0, generatedAt: "2026-01-01T00:00:00Z"), schema: nil)
            .check(bytes: Array(doc.utf8), name: "proto.yaml")
    }

    @Test func withoutAProfileEveryPackInLoadOrder() throws {
        let set = try catalog(Self.profile(include: "[a]")).select(profile: nil)
        #expect(set.packs.map(\.id) == ["a", "b", "c"])
        #expect(set.profile == nil)
    }

    @Test func includeOrderIsReportOrder() throws {
        let report = try report(Self.profile(include: "[c, a]"))
        #expect(report.profile == "prof")
        #expect(report.rulePacks.map(\.id) == ["c", "a"])
        #expect(report.rulePacks.map(\.version) == ["3.0", "1.0"])
        #expect(report.results.map(\.rule) == ["C1", "A1", "A2"])
        #expect(report.results.map(\.pack) == ["c", "a", "a"])
    }

    @Test func severityOverride() throws {
        let profile = Self.profile(include: "[a, b]", overrides: "    - {rule: A1, severity: warning}\n    - {rule: B1, severity: error}\n")
        let report = try report(profile)
        #expect(report.results.map(\.severity) == [.warning, .warning, .error, .error])
        // The overridden severity is the one that gates.
        // (An absent field is "not stated": unknown, gating like a fail at its severity.)
        let onlyA1Unstated = try self.report(profile, doc: "a2: 1\nb1: 1\nb2: 1\n")
        #expect(onlyA1Unstated.summary.unknown == 1)
        #expect(onlyA1Unstated.summary.verdict == .pass)
        #expect(onlyA1Unstated.summary.gatePassed)
        let onlyB1Unstated = try self.report(profile, doc: "a1: 1\na2: 1\nb2: 1\n")
        #expect(onlyB1Unstated.summary.verdict == .incomplete)
        #expect(!onlyB1Unstated.summary.gatePassed)
    }

    @Test func disabledRuleIsAbsentWithANote() throws {
        let profile = Self.profile(include: "[a, b]", overrides: "    - {rule: B2, disabled: true, reason: \"Covered by the site SOP\"}\n")
        let report = try report(profile)
        #expect(report.results.map(\.rule) == ["A1", "A2", "B1"])
        #expect(report.notes.contains("rule B2 is disabled by profile prof: Covered by the site SOP"))
    }

    @Test func waiverOfADisabledRuleSaysSo() throws {
        let profile = Self.profile(include: "[a, b]", overrides: "    - {rule: B2, disabled: true, reason: \"Covered by the site SOP\"}\n")
        let doc = "waivers:\n  - {rule: B2, justification: j, approved_by: IRB, expires: 2030-01-01}\n"
        let report = try report(profile, doc: doc)
        #expect(report.notes.contains("waiver (protocol 2:5) names rule B2, which the profile disables"))
    }

    @Test func unknownPackIsALocatedError() throws {
        let catalog = try catalog(Self.profile(include: "[a, bb, zz]"))
        do {
            _ = try catalog.select(profile: catalog.profile(named: "prof"))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map { "\($0.location): error: \($0.message)" } == [
                "profiles/prof.yaml:4:16: error: profile prof includes pack 'bb', which is not loaded (did you mean 'b'?)",
                "profiles/prof.yaml:4:20: error: profile prof includes pack 'zz', which is not loaded",
            ])
        }
    }

    @Test func unknownRuleInAnOverrideIsALocatedError() throws {
        // C1 exists, but pack c is not included.
        let catalog = try catalog(Self.profile(include: "[a]", overrides: "    - {rule: A3, severity: info}\n    - {rule: C1, disabled: true, reason: r}\n"))
        do {
            _ = try catalog.select(profile: catalog.profile(named: "prof"))
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map { "\($0.location): error: \($0.message)" } == [
                "profiles/prof.yaml:6:7: error: override names rule 'A3', which is not in the included packs (did you mean 'A1'?)",
                "profiles/prof.yaml:7:7: error: override names rule 'C1' of pack 'c', which the profile does not include",
            ])
        }
    }

    @Test func malformedProfilesAreLoadErrors() {
        let errors = EngineFixture.loadErrors([("a.yaml", Self.packA), ("profiles/prof.yaml", Self.profile(include: "[a]", overrides: """
                - {rule: A1, disabled: true}
                - {rule: A2}
                - {rule: A1, severity: fatal}
                - {rule: A1, severity: warnign}
                - {rule: A2, severty: info}

            """))])
        #expect(errors == [
            "profiles/prof.yaml:6:7: error: disabling A1 needs a 'reason' (it is printed in every report)",
            "profiles/prof.yaml:7:7: error: the override of A2 changes nothing: give severity, or disabled: true with a reason",
            "profiles/prof.yaml:8:28: error: severity 'fatal' must be error, warning or info",
            "profiles/prof.yaml:9:28: error: severity 'warnign' must be error, warning or info (did you mean 'warning'?)",
            "profiles/prof.yaml:10:7: error: the override of A2 changes nothing: give severity, or disabled: true with a reason",
            "profiles/prof.yaml:10:18: error: unknown key 'severty' in an override (did you mean 'severity'?)",
        ])
    }
}
