import Testing
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// SPEC 3.2 / 3.4: how `check` and `when` outcomes become statuses, and review rules with attestations.
@Suite struct StatusTests {
    @Test func checkTrueIsPass() throws {
        let r = try EngineFixture.result(check: "{path: a, equals: 1}", on: "a: 1")
        #expect(r.status == .pass)
        #expect(r.why.isEmpty)
        #expect(r.path == "a")
        #expect(r.location == Location(line: 1, column: 4))
    }

    @Test func checkFalseIsFail() throws {
        let r = try EngineFixture.result(check: "{path: a, gte: 2}", on: "a: 1")
        #expect(r.status == .fail)
        #expect(r.message == "The rule: a is 1; expected gte 2")
        #expect(r.actual == .int(1))
        #expect(r.path == "a")
    }

    @Test func checkUnknownIsFailNamingTheMissingPaths() throws {
        let r = try EngineFixture.result(check: "{all: [{path: consent.form, equals: signed}, {path: registration.number, matches: '^NCT'}, {path: a, equals: 1}]}",
                                         on: "a: 1\nregistration: {}\n")
        #expect(r.status == .fail)
        #expect(r.message == "The rule: consent.form, registration.number are missing")
        #expect(r.why.map(\.path) == ["consent.form", "registration.number"])
        #expect(r.why.map(\.outcome) == [.unknown, .unknown])
        #expect(r.why.map(\.detail) == ["missing", "missing"])
        #expect(r.why.allSatisfy { $0.actual == nil })
        // The result points at the first missing path.
        #expect(r.path == "consent.form")
        #expect(r.actual == nil)
    }

    @Test func nullCountsAsMissing() throws {
        let r = try EngineFixture.result(check: "{path: a, equals: 1}", on: "a: ~\n")
        #expect(r.status == .fail)
        #expect(r.message == "The rule: a is missing")
        #expect(r.why.first?.detail == "null")
    }

    @Test func messageTemplate() throws {
        let r = try EngineFixture.result(check: "{path: dose, gte: 2}", on: "dose: 1", message: "Dose too low ({value} at {path})")
        #expect(r.message == "Dose too low (1 at dose)")
        // A template without {path} still names what is missing.
        let m = try EngineFixture.result(check: "{path: dose, gte: 2}", on: "x: 1", message: "Dose too low ({value})")
        #expect(m.message == "Dose too low (missing) (missing: dose)")
    }

    @Test func whenUnknownIsNotApplicableNamingTheMissingPaths() throws {
        let r = try EngineFixture.result(check: "{path: a, exists: true}",
                                         when: "{any: [{path: condition.icd10, matches: '^G80'}, {path: condition.name, matches: palsy}]}",
                                         on: "a: 1\ncondition: {}\n")
        #expect(r.status == .notApplicable)
        #expect(r.message == "not applicable: cannot tell whether the rule applies, condition.icd10, condition.name are missing")
        #expect(r.why.map(\.path) == ["condition.icd10", "condition.name"])
    }

    @Test func whenFalseIsNotApplicable() throws {
        let r = try EngineFixture.result(check: "{path: a, exists: true}", when: "{path: condition.icd10, matches: '^G80'}",
                                         on: "condition: {icd10: M17.0}\n")
        #expect(r.status == .notApplicable)
        #expect(r.message == "not applicable: condition.icd10 is \"M17.0\"; expected matches ^G80")
    }

    @Test func whenTrueEvaluatesTheCheck() throws {
        let r = try EngineFixture.result(check: "{path: a, exists: true}", when: "{path: condition.icd10, matches: '^G80'}",
                                         on: "condition: {icd10: G80.1}\n")
        #expect(r.status == .fail)
    }

    @Test func whenErrorIsError() throws {
        let r = try EngineFixture.result(check: "{path: a, exists: true}", when: "{path: age, gt: 1}", on: "age: [1]\na: 1\n")
        #expect(r.status == .error)
        #expect(r.message == "cannot tell whether the rule applies: a list is not a number, quantity or date")
    }

    // MARK: review rules and attestations

    static let reviewPack = """
        pack: {id: t, version: "1"}
        rules:
          - id: PEER-REVIEW
            title: Independent expert review of preclinical evidence
            severity: error
            kind: review
          - id: CHECKED
            title: A checked rule
            severity: warning
            check: {path: a, exists: true}
          - id: SCOPED-REVIEW
            title: A review that applies to children only
            severity: error
            kind: review
            when: {path: participants.min_age, lt: "18 years"}
        """

    @Test func reviewRuleUnattestedIsReview() throws {
        let report = try EngineFixture.report(rules: Self.reviewPack, protocol: "a: 1\nparticipants: {min_age: 12 years}\n")
        #expect(report.results.map(\.status) == [.review, .pass, .review])
        #expect(report.results[0].message == "needs review by a person: Independent expert review of preclinical evidence")
        #expect(report.results[0].attestation == nil)
        #expect(report.summary.review == 2)
        #expect(report.summary.verdict == .pass)  // review does not gate
    }

    @Test func reviewRuleAttestedIsPassWithTheAttestation() throws {
        let doc = """
            a: 1
            participants: {min_age: 30 years}
            attestations:
              PEER-REVIEW: {by: "Dr A. Reviewer", date: 2026-10-02, statement: "Reviewed the GLP tox data"}
              CHECKED: {by: "Someone", date: 2026-10-02}
              NO-SUCH-RULE: {by: "Someone", date: 2026-10-02}
            """
        let report = try EngineFixture.report(rules: Self.reviewPack, protocol: doc)
        let r = report.results[0]
        #expect(r.status == .pass)
        #expect(r.attestation == AppliedAttestation(by: "Dr A. Reviewer", date: "2026-10-02", statement: "Reviewed the GLP tox data"))
        #expect(r.message == "attested by Dr A. Reviewer on 2026-10-02")
        #expect(report.results[2].status == .notApplicable)  // `when` is false for adults
        #expect(report.notes.contains("attestation for CHECKED at 5:3 is ignored: CHECKED is checked from the protocol's data, not attested"))
        #expect(report.notes.contains { $0.hasPrefix("attestation at 6:3 names rule NO-SUCH-RULE, which is not among the loaded rules") })
        let json = JSONReporter.render(report)
        #expect(json.contains("\"attestation\": {\n        \"by\": \"Dr A. Reviewer\",\n        \"date\": \"2026-10-02\",\n        \"statement\": \"Reviewed the GLP tox data\"\n      }"))
    }

    @Test func incompleteAttestationIsAnInputError() throws {
        let doc = "attestations:\n  PEER-REVIEW: {by: \"Dr A\"}\n"
        #expect(throws: InputError.self) { try EngineFixture.report(rules: Self.reviewPack, protocol: doc) }
        do {
            _ = try EngineFixture.report(rules: Self.reviewPack, protocol: doc)
        } catch let error as InputError {
            #expect(error.diagnostics.map(\.description).first?.hasPrefix("proto.yaml:2:16: error: the attestation of PEER-REVIEW is missing required key 'date'") == true)
        }
    }

    @Test func verdictAndGating() throws {
        let pack = """
            pack: {id: t, version: "1"}
            rules:
              - {id: W, title: W, severity: warning, check: {path: w, exists: true}}
              - {id: I, title: I, severity: info, check: {path: i, exists: true}}
            """
        #expect(try EngineFixture.report(rules: pack, protocol: "x: 1", failOn: .error).summary.verdict == .pass)
        #expect(try EngineFixture.report(rules: pack, protocol: "x: 1", failOn: .warning).summary.verdict == .fail)
        #expect(try EngineFixture.report(rules: pack, protocol: "w: 1", failOn: .warning).summary.verdict == .pass)
        #expect(try EngineFixture.report(rules: pack, protocol: "w: 1", failOn: .info).summary.verdict == .fail)
        #expect(try EngineFixture.report(rules: pack, protocol: "x: 1", failOn: nil).summary.verdict == .pass)
        let counts = try EngineFixture.report(rules: pack, protocol: "w: 1").summary
        #expect((counts.pass, counts.fail, counts.error) == (1, 1, 0))
    }

    @Test func protocolMustBeAMapping() {
        #expect(throws: InputError.self) { try EngineFixture.report(rules: EngineFixture.pack(check: "{path: a, exists: true}"), protocol: "- a\n- b\n") }
    }

    /// A run whose formats never show `not_applicable` details (text, github, sarif, markdown)
    /// skips explaining them; statuses, counts and every other result stay the same.
    @Test func notApplicableDetailIsSkippedOnlyWhereNoFormatShowsIt() throws {
        let rules = EngineFixture.pack(check: "{path: b, exists: true}", when: "{path: a, equals: 1}")
        let checker = try EngineFixture.checker(rules)
        let doc = Array("a: 2\n".utf8)
        let full = try checker.check(bytes: doc, name: "p.yaml")
        #expect(full.results[0].status == .notApplicable)
        #expect(full.results[0].message == "not applicable: a is 2; expected equals 1")
        #expect(!full.results[0].why.isEmpty)

        var options = checker.options
        options.explainNotApplicable = false
        let lean = try Checker(rules: checker.rules, options: options, schema: checker.schema).check(bytes: doc, name: "p.yaml")
        #expect(lean.results[0].status == .notApplicable)
        #expect(lean.results[0].message == "not applicable")
        #expect(lean.results[0].why.isEmpty)
        #expect(lean.summary == full.summary)

        for formats in [[ReportFormat.text], [.github, .sarif, .markdown]] {
            let batch = BatchCheck(reader: ProtocolReader(), checker: checker, formats: formats, outputDirectory: "r", jobs: 1, color: false)
            #expect(!batch.checker.options.explainNotApplicable, "\(formats)")
        }
        for formats in [[ReportFormat.json], [.text, .junit], [.html]] {
            let batch = BatchCheck(reader: ProtocolReader(), checker: checker, formats: formats, outputDirectory: "r", jobs: 1, color: false)
            #expect(batch.checker.options.explainNotApplicable, "\(formats)")
        }
    }
}

