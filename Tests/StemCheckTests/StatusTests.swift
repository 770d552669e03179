import Synchronization
import Testing
@testable import StemCheckModel
import YAMLSource
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

    @Test func checkUnknownIsUnknownNamingTheMissingPaths() throws {
        let r = try EngineFixture.result(check: "{all: [{path: consent.form, equals: signed}, {path: registration.number, matches: '^NCT'}, {path: a, equals: 1}]}",
                                         on: "a: 1\nregistration: {}\n")
        #expect(r.status == .unknown)
        #expect(r.message == "The rule: consent.form, registration.number are not stated")
        #expect(r.missing == [MissingField(path: "consent.form", reason: .absent), MissingField(path: "registration.number", reason: .absent)])
        #expect(r.why.map(\.path) == ["consent.form", "registration.number"])
        #expect(r.why.map(\.outcome) == [.unknown, .unknown])
        #expect(r.why.map(\.detail) == ["not stated", "not stated"])
        #expect(r.why.allSatisfy { $0.actual == nil })
        // The result points at the first missing path.
        #expect(r.path == "consent.form")
        #expect(r.actual == nil)
    }

    @Test func nullCountsAsMissing() throws {
        let r = try EngineFixture.result(check: "{path: a, equals: 1}", on: "a: ~\n")
        #expect(r.status == .unknown)
        #expect(r.message == "The rule: a is not stated")
        #expect(r.why.first?.detail == "null (not stated)")
    }

    @Test func messageTemplate() throws {
        let r = try EngineFixture.result(check: "{path: dose, gte: 2}", on: "dose: 1", message: "Dose too low ({value} at {path})")
        #expect(r.message == "Dose too low (1 at dose)")
        // The fail template speaks of a stated value only: an absent one gets the unknown wording.
        let m = try EngineFixture.result(check: "{path: dose, gte: 2}", on: "x: 1", message: "Dose too low ({value})")
        #expect(m.status == .unknown)
        #expect(m.message == "The rule: dose is not stated")
    }

    @Test func whenUnknownIsUnknownNamingTheMissingPaths() throws {
        // SPEC 3.2: applicability that cannot be told is never a silent not_applicable.
        let r = try EngineFixture.result(check: "{path: a, equals: 2}",
                                         when: "{any: [{path: condition.icd10, matches: '^G80'}, {path: condition.name, matches: palsy}]}",
                                         on: "a: 1\ncondition: {}\n")
        #expect(r.status == .unknown)
        #expect(r.message == "The rule: cannot tell whether it applies: ICD-10 code (condition.icd10), Condition name (condition.name) are not stated; if it applies, it is not met: a is 1; expected equals 2")
        #expect(r.missing == [MissingField(path: "condition.icd10", reason: .applicability), MissingField(path: "condition.name", reason: .applicability)])
        #expect(r.why.map(\.path) == ["condition.icd10", "condition.name", "a"])
    }

    @Test func whenUnknownButCheckHoldsPasses() throws {
        // The requirement is met whichever way applicability falls.
        let r = try EngineFixture.result(check: "{path: a, equals: 1}", when: "{path: condition.name, matches: palsy}", on: "a: 1\n")
        #expect(r.status == .pass)
    }

    @Test func whenUnknownAndCheckUnknownListsBoth() throws {
        let r = try EngineFixture.result(check: "{path: a, equals: 1}", when: "{path: condition.name, matches: palsy}", on: "b: 1\n")
        #expect(r.status == .unknown)
        #expect(r.missing == [MissingField(path: "a", reason: .absent), MissingField(path: "condition.name", reason: .applicability)])
        #expect(r.message == "The rule: cannot tell whether it applies: Condition name (condition.name) is not stated; a is not stated")
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
        #expect(r.status == .unknown)
        #expect(r.missing == [MissingField(path: "a", reason: .absent)])
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
        #expect(report.summary.verdict == .needsReview)  // an error-severity review item awaits a person
        #expect(report.summary.gatePassed)  // review does not gate
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
              - {id: E, title: E, severity: error, check: {path: e, equals: 1}}
              - {id: W, title: W, severity: warning, check: {path: w, equals: 1}}
              - {id: I, title: I, severity: info, check: {path: i, equals: 1}}
              - {id: R, title: R, severity: error, kind: review}
            """
        func summary(_ doc: String, _ failOn: Severity?) throws -> Summary {
            try EngineFixture.report(rules: pack, protocol: doc + "\nattestations: {R: {by: A, date: 2026-01-01}}", failOn: failOn).summary
        }
        // The verdict comes from error-severity results alone, whatever --fail-on says (SPEC 6).
        let violated = try summary("e: 2\nw: 1\ni: 1", nil)
        #expect(violated.verdict == .fail)
        #expect(violated.gatePassed)  // --fail-on never: exit 0, verdict still FAIL
        #expect(try summary("e: 2\nw: 1\ni: 1", .error).gatePassed == false)
        // Not stated at error severity: incomplete, and it gates like a fail.
        let incomplete = try summary("w: 1\ni: 1", .error)
        #expect((incomplete.verdict, incomplete.gatePassed, incomplete.unknown) == (.incomplete, false, 1))
        // Warnings and notices gate only at their threshold and never change the verdict.
        #expect(try summary("e: 1\nw: 2\ni: 2", .error).verdict == .pass)
        #expect(try summary("e: 1\nw: 2\ni: 2", .error).gatePassed)
        #expect(try summary("e: 1\nw: 2\ni: 1", .warning).gatePassed == false)
        #expect(try summary("e: 1\nw: 1\ni: 2", .warning).gatePassed)
        #expect(try summary("e: 1\nw: 1\ni: 2", .info).gatePassed == false)
        #expect(try summary("e: 1\nw: 1\ni: 2", .info).verdict == .pass)
        // An undecided error-severity review item: needs_review; it never gates.
        let review = try EngineFixture.report(rules: pack, protocol: "e: 1\nw: 1\ni: 1", failOn: .info).summary
        #expect((review.verdict, review.gatePassed) == (.needsReview, true))
        let counts = try summary("e: 2\nw: 1", .error)
        #expect((counts.pass, counts.fail, counts.unknown, counts.error) == (2, 1, 1, 0))
    }

    @Test func protocolMustBeAMapping() {
        #expect(throws: InputError.self) { try EngineFixture.report(rules: EngineFixture.pack(check: "{path: a, exists: true}"), protocol: "- a\n- b\n") }
    }

    /// A run whose formats never show `not_applicable` details (text, github, sarif, markdown,
    /// essential JSON) skips explaining them; statuses, counts and every other result stay the same.
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

        // Essential JSON (the default detail) names not-applicable results only; `--detail full` writes their message and `why`.
        for formats in [[ReportFormat.text], [.github, .sarif, .markdown], [.json]] {
            let batch = BatchCheck(reader: ProtocolReader(), checker: checker, formats: formats, outputDirectory: "r", jobs: 1)
            #expect(!batch.checker.options.explainNotApplicable, "\(formats)")
        }
        for formats in [[ReportFormat.text, .junit], [.html]] {
            let batch = BatchCheck(reader: ProtocolReader(), checker: checker, formats: formats, outputDirectory: "r", jobs: 1)
            #expect(batch.checker.options.explainNotApplicable, "\(formats)")
        }
        var detailFull = RenderOptions()
        detailFull.detail = .full
        let fullJSON = BatchCheck(reader: ProtocolReader(), checker: checker, formats: [.json], outputDirectory: "r", jobs: 1, options: detailFull)
        #expect(fullJSON.checker.options.explainNotApplicable)
    }

    /// Rules checking the same list share its resolution within a document (`EachRule.Lists`),
    /// but two lists whose names differ in bytes are two lists, even when Swift's `String`
    /// calls them equal: `café` with a precomposed `é` and with `e` + combining accent.
    @Test func eachListsAreSharedOnlyBetweenTheSamePath() throws {
        let rules = """
        pack: {id: t, version: "1"}
        rules:
          - {id: A, title: A, severity: error, each: "caf\\u00e9", check: {path: name, exists: true}}
          - {id: B, title: B, severity: error, each: "cafe\\u0301", check: {path: name, exists: true}}
          - {id: C, title: C, severity: error, each: "caf\\u00e9", check: {path: id, exists: true}}

        """
        let checker = try EngineFixture.checker(rules)
        let report = try checker.check(bytes: Array("caf\u{e9}: [{name: a, id: 1}, {id: 2}]\n".utf8), name: "p.yaml")
        let byRule = Dictionary(uniqueKeysWithValues: report.results.filter { ["A", "B", "C"].contains($0.rule) }.map { ($0.rule, $0) })
        #expect(byRule["A"]?.status == .unknown)
        #expect(byRule["A"]?.missing.map(\.path) == ["caf\u{e9}[1].name"])
        #expect(byRule["B"]?.status == .unknown)
        #expect(byRule["B"]?.missing.map(\.path).map { Array($0.utf8) } == [Array("cafe\u{301}".utf8)])
        #expect(byRule["C"]?.status == .pass)
    }

    /// An `unknown` result that lists its missing fields is worded only when a format of the run
    /// prints the sentence (JSON `--detail full`, JUnit, SARIF); its status,
    /// missing fields, location and the counts never change.
    @Test func unknownWordingIsSkippedOnlyWhereNoFormatShowsIt() throws {
        let rules = EngineFixture.pack(check: "{path: b.c, exists: true}", extra: ["each: products"])
        let checker = try EngineFixture.checker(rules)
        let doc = Array("products: [{id: a, b: {}}, {id: e, b: {}}]\n".utf8)
        let full = try checker.check(bytes: doc, name: "p.yaml")
        #expect(full.results[0].status == .unknown)
        #expect(full.results[0].message.hasPrefix("products[0] (a): "))
        #expect(full.results[0].message.contains("not stated"))

        var options = checker.options
        options.explainUnknown = false
        let lean = try Checker(rules: checker.rules, options: options, schema: checker.schema).check(bytes: doc, name: "p.yaml")
        #expect(lean.results[0].status == .unknown)
        #expect(lean.results[0].message == "not stated")
        #expect(lean.results[0].missing == full.results[0].missing)
        #expect(lean.results[0].location == full.results[0].location)
        #expect(lean.summary == full.summary)
        #expect(TextReporter.render(lean) == TextReporter.render(full))
        #expect(MarkdownReporter.render(lean) == MarkdownReporter.render(full))
        #expect(HTMLReporter.render(lean) == HTMLReporter.render(full))

        func explains(_ requests: [OutputRequest]) -> Bool {
            BatchCheck(reader: ProtocolReader(), checker: checker, requests: requests, outputDirectory: "r", jobs: 1)
                .checker.options.explainUnknown
        }
        #expect(!explains([OutputRequest(format: .text), OutputRequest(format: .github)]))
        #expect(!explains([OutputRequest(format: .json, destination: .file("r.json"))]))
        #expect(explains([OutputRequest(format: .sarif)]))
        #expect(explains([OutputRequest(format: .junit, destination: .standardOutput)]))
        #expect(!explains([OutputRequest(format: .markdown), OutputRequest(format: .html)]))
        #expect(explains([OutputRequest(format: .markdown), OutputRequest(format: .junit)]))
        var detailed = RenderOptions()
        detailed.detail = .full
        let fullJSON = BatchCheck(reader: ProtocolReader(), checker: checker, requests: [OutputRequest(format: .json)],
                                  outputDirectory: "r", jobs: 1, options: detailed)
        #expect(fullJSON.checker.options.explainUnknown)
    }

    /// A passing result names the path, location and value its check read only when a format of
    /// the run shows them (HTML, JSON `--detail full`); its status and the counts never change,
    /// and every format that does not show them renders the same (issue 20).
    @Test func passDetailIsSkippedOnlyWhereNoFormatShowsIt() throws {
        let rules = EngineFixture.pack(check: "{path: b.c, gte: 2}", extra: ["each: products"])
            + "\n  - id: D\n    title: D\n    severity: error\n    citation: test\n    check: {path: a.b, equals: x}\n"
        let checker = try EngineFixture.checker(rules)
        let doc = Array("a: {b: x}\nproducts: [{id: a, b: {c: 3}}, {id: e, b: {c: 2}}]\n".utf8)
        let full = try checker.check(bytes: doc, name: "p.yaml")
        #expect(full.results.map(\.status) == [.pass, .pass])
        #expect(full.results.map(\.path) == ["products[0].b.c", "a.b"])
        #expect(full.results.allSatisfy { $0.location != nil && $0.actual != nil })

        var options = checker.options
        options.describePasses = false
        let lean = try Checker(rules: checker.rules, options: options, schema: checker.schema).check(bytes: doc, name: "p.yaml")
        #expect(lean.results.map(\.status) == [.pass, .pass])
        #expect(lean.results.allSatisfy { $0.path == nil && $0.location == nil && $0.actual == nil && $0.message == "passed" })
        #expect(lean.summary == full.summary)
        #expect(TextReporter.render(lean) == TextReporter.render(full))
        #expect(GitHubReporter.render(lean) == GitHubReporter.render(full))
        #expect(MarkdownReporter.render(lean) == MarkdownReporter.render(full))
        #expect(SARIFReporter.render(lean) == SARIFReporter.render(full))
        #expect(JUnitReporter.render(lean) == JUnitReporter.render(full))
        #expect(JSONReporter.renderBytes(lean, detail: .essential) == JSONReporter.renderBytes(full, detail: .essential))

        func describes(_ requests: [OutputRequest], _ options: RenderOptions = RenderOptions()) -> Bool {
            BatchCheck(reader: ProtocolReader(), checker: checker, requests: requests, outputDirectory: "r", jobs: 1, options: options)
                .checker.options.describePasses
        }
        #expect(!describes([OutputRequest(format: .text), OutputRequest(format: .github)]))
        #expect(!describes([OutputRequest(format: .sarif), OutputRequest(format: .markdown), OutputRequest(format: .junit)]))
        #expect(!describes([OutputRequest(format: .json, destination: .file("r.json"))]))
        #expect(describes([OutputRequest(format: .html)]))
        var detailed = RenderOptions()
        detailed.detail = .full
        #expect(describes([OutputRequest(format: .json)], detailed))
    }

    /// The protocol's SHA-256 is computed only when a format of the run shows it (not text or
    /// GitHub); the reader computes it by default.
    @Test func digestIsComputedOnlyWhereAFormatShowsIt() throws {
        let bytes = Array("protocol: {id: P-1}\n".utf8)
        #expect(try ProtocolReader().read(bytes: bytes, name: "p.yaml").sha256 == Digest.sha256(bytes))
        var reader = ProtocolReader()
        reader.computesDigest = false
        #expect(try reader.read(bytes: bytes, name: "p.yaml").sha256 == "")

        let checker = try EngineFixture.checker(EngineFixture.pack(check: "{path: a, exists: true}"))
        func digests(_ requests: [OutputRequest]) -> Bool {
            BatchCheck(reader: ProtocolReader(), checker: checker, requests: requests, outputDirectory: "r", jobs: 1).reader.computesDigest
        }
        #expect(!digests([OutputRequest(format: .text), OutputRequest(format: .github)]))
        #expect(digests([OutputRequest(format: .text), OutputRequest(format: .json, destination: .file("r.json"))]))
        #expect(digests([OutputRequest(format: .sarif)]))
        #expect(digests([OutputRequest(format: .junit)]))
        #expect(digests([OutputRequest(format: .markdown)]))
        #expect(digests([OutputRequest(format: .html)]))
    }
}

/// Whole-run documents are written from parts kept in a spool file, a chunk at a time.
@Suite struct BatchStreamingTests {
    @Test func spoolGivesBackBodiesItemsAndSharedPiecesInOrder() {
        let spool = BatchSpool()
        let report = ReportFixture.failing.report
        var expected: [[UInt8]] = []
        // Lazy pieces are written only when kept: the first of each key, in input order.
        let made = Mutex<[Int]>([])
        for n in 0..<300 {
            let items = (0..<(n % 4)).map { Array("item \(n).\($0) \u{2014} ".utf8) + [UInt8](repeating: UInt8(n % 256), count: n) }
            expected += items
            let lazy = SharedPiece(key: "note:N\(n % 5)") {
                made.withLock { $0.append(n) }
                return Array("n\(n)".utf8)
            }
            spool.append(BatchPart(body: Array("body \(n)\n".utf8), items: items,
                                   shared: [SharedPiece(key: "rule:R\(n % 7)", bytes: Array("d\(n % 7)".utf8)), lazy],
                                   entry: BatchEntry(report, index: n)))
        }
        let parts = spool.parts()
        #expect(spool.failure == nil)
        #expect(parts.count == 300)
        #expect(parts.entries.map(\.anchor) == (0..<300).map { "protocol-\($0 + 1)" })
        let entry = Array(parts.entries)[7]
        #expect(entry.path == report.protocolInfo.path && entry.title == report.protocolInfo.title)
        #expect(entry.profile == report.profile && entry.summary == report.summary)
        #expect(parts.bodies.map { String(decoding: $0, as: UTF8.self) } == (0..<300).map { "body \($0)\n" })
        #expect(Array(parts.items) == expected)
        // Read twice: the sequences start again from the beginning.
        #expect(Array(parts.items).count == expected.count)
        #expect(parts.shared.map(\.key) == ["rule:R0", "note:N0", "rule:R1", "note:N1", "rule:R2", "note:N2", "rule:R3", "note:N3",
                                              "rule:R4", "note:N4", "rule:R5", "rule:R6"])
        #expect(parts.shared.map { String(decoding: $0.value, as: UTF8.self) }
                == ["d0", "n0", "d1", "n1", "d2", "n2", "d3", "n3", "d4", "n4", "d5", "d6"])
        #expect(made.withLock { $0 } == [0, 1, 2, 3, 4])
    }

    @Test func chunksNeverSplitACharacter() {
        let text = String(repeating: "a\u{2014}b\u{1F600}c\u{E9}", count: 500)
        var chunks: [[UInt8]] = []
        let out = DocumentWriter(chunkSize: 7) { chunks.append($0) }
        for piece in text.utf8.split(separator: UInt8(ascii: "b"), omittingEmptySubsequences: false).enumerated() {
            if piece.offset > 0 { out.write([UInt8(ascii: "b")]) }
            out.write(Array(piece.element))
        }
        out.flush()
        #expect(chunks.count > 100)
        #expect(chunks.map { String(decoding: $0, as: UTF8.self) }.joined() == text)
        #expect(chunks.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
    }

    @Test func streamedDocumentsEqualTheWholeOnes() throws {
        let reports = [ReportFixture.failing.report, ReportFixture.failing.report]
        let context = BatchContext(generatedAt: "2026-01-01T00:00:00Z", failOn: .error)
        for format in [ReportFormat.json, .sarif, .junit, .markdown, .html, .github] {
            let parts = reports.enumerated().map { format.reporter.batchPart($1, index: $0, options: RenderOptions()) }
            let whole = format.reporter.batchDocument(parts, context: context, options: RenderOptions())
            let spool = BatchSpool()
            for part in parts { spool.append(part) }
            var streamed: [UInt8] = []
            let out = DocumentWriter(chunkSize: 100) { streamed += $0 }
            format.reporter.writeBatch(spool.parts(), context: context, options: RenderOptions(), to: out)
            out.flush()
            #expect(streamed == whole, "\(format)")
            #expect(!whole.isEmpty, "\(format)")
        }
    }

    @Test func batchPageCountsItsProtocols() {
        let context = BatchContext(generatedAt: "2026-01-01T00:00:00Z", failOn: .error)
        for n in [1, 2] {
            let parts = (0..<n).map { HTMLReporter.batchPart(ReportFixture.failing.report, index: $0, options: RenderOptions()) }
            let page = String(decoding: HTMLReporter.batchDocument(parts, context: context, options: RenderOptions()), as: UTF8.self)
            let words = n == 1 ? "1 protocol" : "\(n) protocols"
            #expect(page.contains("<title>stemcheck: \(words)</title>") && page.contains("<h1>stemcheck: \(words)</h1>"), "\(n)")
        }
    }

    /// A protocol's section on the run's page gets its ids prefixed in one pass: the same text as
    /// replacing each id attribute in turn, on every fixture report and on hand-made edge cases.
    @Test func sectionIDsArePrefixedAsByReplacingEachAttribute() {
        func byReplacing(_ html: String, _ prefix: String) -> String {
            [" id=\"", "href=\"#", "aria-labelledby=\"", "aria-describedby=\"", " for=\""].reduce(html) { text, name in
                text.replacingAll(name, with: name + prefix)
            }
        }
        func inOnePass(_ html: String, _ prefix: String) -> String {
            var out = ByteSink(capacity: 16), html = html
            html.withUTF8 { HTMLReporter.prefixingIDs($0, with: prefix, into: &out) }
            return out.text
        }
        var texts = ReportFixture.allCases.map { fixture in
            var sections = ByteSink(capacity: 1024)
            HTMLReporter.writeSections(fixture.report, ReportOutline(fixture.report), to: &sections)
            return sections.text
        }
        texts += ["", "\"", "no quotes at all", " id=\"", "href=\"", "href=\"#", "href=\"#x\" id=\"\" for=\"y\"",
                  "<a href=\"#a\"><b id=\"b\">\"quoted\"</b></a>", "aria-labelledby=\"l\" aria-describedby=\"d\"",
                  "xid=\"not\" data-href=\"#yes\" café id=\"é\" href=\"http://x#\"", "\" id=\"\"\" id=\"a"]
        for (n, text) in texts.enumerated() {
            #expect(inOnePass(text, "protocol-7-") == byReplacing(text, "protocol-7-"), "text \(n)")
        }
        #expect(inOnePass(texts[0], "p-").contains("href=\"#p-"))
    }

    /// Past eight paths, `outermost` finds the paths below another by a set of their bytes; it
    /// must drop exactly what comparing every pair with `isBelow` drops, keeping the order.
    @Test func outermostOfManyPathsAgreesWithEveryPair() {
        var random = SplitMix(seed: 43)
        let parts = ["a", "b", "ab", "café", "cafe\u{301}", "[0]", "[1]", "[*]", ""]
        for round in 0..<300 {
            let count = 9 + Int(random.next() % 30)
            var paths: [MissingField] = []
            for _ in 0..<count {
                var path = ""
                for k in 0..<(1 + Int(random.next() % 4)) {
                    let part = parts[Int(random.next() % UInt64(parts.count))]
                    path += k > 0 && !part.hasPrefix("[") ? "." + part : part
                }
                paths.append(MissingField(path: path, reason: random.next() % 2 == 0 ? .absent : .applicability))
            }
            let pairwise = paths.filter { p in !paths.contains { q in RuleEvaluator.isBelow(p.path, q.path) } }
            #expect(RuleEvaluator.outermost(paths) == pairwise, "round \(round)")
        }
    }

    /// `DistinctKeys` keeps the first of each key in order, by `==` (canonically equivalent
    /// strings are one key) before and after it holds its set.
    @Test func distinctKeysKeepTheFirstOfEach() {
        var random = SplitMix(seed: 7)
        for count in [0, 1, 5, 8, 9, 40, 200] {
            let keys = (0..<count).map { _ in ["x", "y", "café", "cafe\u{301}", "z\(random.next() % 20)"][Int(random.next() % 5)] }
            var distinct = DistinctKeys<String>()
            var kept: [String] = []
            for key in keys where distinct.isNew(key, among: kept) { kept.append(key) }
            var expected: [String] = []
            for key in keys where !expected.contains(key) { expected.append(key) }
            #expect(kept == expected, "\(count) keys")
        }
        var distinct = DistinctKeys<String>()
        let many = (0..<12).map { "k\($0)" } + ["café"]
        let equivalent = distinct.isNew("cafe\u{301}", among: many), repeated = distinct.isNew("k3", among: many)
        let new = distinct.isNew("k12", among: many)
        #expect(!equivalent && !repeated && new)
        distinct.reset()
        let afterReset = distinct.isNew("k13", among: ["a"])
        #expect(afterReset)
    }

    @Test func pathsBelowAndWildcards() {
        #expect(RuleEvaluator.isBelow("a.b.c", "a.b"))
        #expect(RuleEvaluator.isBelow("a.b[0]", "a.b"))
        #expect(!RuleEvaluator.isBelow("a.bc", "a.b"))
        #expect(!RuleEvaluator.isBelow("a.b", "a.b"))
        #expect(MissingField.wildcarded("a[12].b[*][\"k.1\"][3x]") == "a[*].b[*][\"k.1\"][3x]")
        #expect(MissingField.wildcarded("plain.path") == "plain.path")
        #expect(MissingField.wildcarded("a[1") == "a[1")
        #expect(Path.render([.key("a"), .index(2), .key("b.c"), .key("q\"t"), .wildcard], rooted: true) == "$.a[2][\"b.c\"][\"q\\\"t\"][*]")
    }
}


/// The HTML report is short on paper by default; `--appendix` prints every result and the evidence.
@Suite struct HTMLAppendixTests {
    @Test func appendixIsPrintedOnlyWhenAskedFor() {
        let report = ReportFixture.failing.report
        let short = String(decoding: HTMLReporter.render(report, options: RenderOptions()), as: UTF8.self)
        let full = String(decoding: HTMLReporter.render(report, options: RenderOptions(appendix: true)), as: UTF8.self)
        #expect(short.contains("<body>\n"))
        #expect(full.contains("<body class=\"with-appendix\">\n"))
        // Both carry the same facts: the appendix is there on screen either way.
        #expect(short.contains("id=\"appendix\"") && full.contains("id=\"appendix\""))
        #expect(short.contains("body:not(.with-appendix) .appendix { display: none; }"))
        #expect(short.replacingOccurrences(of: "<body>", with: "<body class=\"with-appendix\">") == full)
    }

    /// A pack without results says so, instead of "0 rules:" and an empty tally; the protocol
    /// schema's pseudo pack, whose results are only violations, says it found none.
    @Test func packWithoutResults() {
        var report = ReportFixture.compliant.report
        report.rulePacks.append(PackInfo(id: SchemaRule.pack, title: "Protocol schema", version: "2.0", sha256: "", url: nil))
        report.rulePacks.append(PackInfo(id: "empty-demo", title: "Empty", version: "1", sha256: "", url: nil))
        let html = String(decoding: HTMLReporter.render(report, options: RenderOptions(appendix: true)), as: UTF8.self)
        #expect(html.contains("<summary>Protocol schema <code>schema</code> 2.0 — no violations</summary>\n</details>\n"))
        #expect(html.contains("<summary>Empty <code>empty-demo</code> 1 — no results</summary>\n</details>\n"))
        // No table without rows.
        #expect(!html.contains("<tbody>\n</tbody>"))
        #expect(!html.contains(" 0 rules:"))
        #expect(html.contains("<code>core-demo</code> 1.0 — "))
    }
}
