import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// Issue 20: when no format of a run shows `why` or the worded "not stated" message (text,
/// GitHub, essential JSON), an `unknown` result resting on absent fields is made from those fields
/// (`AbsentLeaves`) without a traced evaluation. It must say exactly what the traced one says.
@Suite struct AbsentLeavesTests {
    /// Options of a text run: unknown results not worded; `why` kept or not.
    static func options(traceUnknown: Bool) -> CheckOptions {
        var options = CheckOptions(failOn: .error, today: EngineFixture.defaultToday, generatedAt: "")
        options.explainNotApplicable = false
        options.explainUnknown = false
        options.traceUnknown = traceUnknown
        return options
    }

    /// Every shipped rule on each of its inline examples, and the whole shipped rule set on every
    /// fixture protocol of the shipped packs and of the clinic and cerebral-palsy cases: the same
    /// results, `why` aside; and the lean path is taken.
    @Test func leanResultsEqualTracedOnesOnEveryFixture() throws {
        let shipped = try RuleCatalog.shipped()
        let rules = try shipped.select(profile: nil)
        var madeLean = 0
        let leanEvaluator = RuleEvaluator(explainNotApplicable: false, explainUnknown: false, traceUnknown: false)
        let tracedEvaluator = RuleEvaluator(explainNotApplicable: false, explainUnknown: false, traceUnknown: true)
        var examples = 0
        for pack in rules.packs {
            for rule in pack.rules {
                for example in rule.examples.all {
                    examples += 1
                    var a = leanEvaluator.evaluate(rule, root: example.protocol), b = tracedEvaluator.evaluate(rule, root: example.protocol)
                    if a.status == .unknown && a.why.isEmpty && !b.why.isEmpty { madeLean += 1 }
                    a.why = []; b.why = []
                    #expect(a == b, "\(rule.id) on an example expected \(example.expected): \(a) / \(b)")
                }
            }
        }
        #expect(examples > 700)

        // (The shipped packs hold no whole-protocol fixtures: the cases' catalogs are theirs and the cases.)
        let fixtures = (try EngineFixture.shippedPacksOnCases("clinic-cases").catalog.fixtures)
            + (try EngineFixture.shippedPacksOnCases("cp-cases").catalog.fixtures)
        #expect(fixtures.count >= 20)
        let lean = Checker(rules: rules, options: Self.options(traceUnknown: false))
        let traced = Checker(rules: rules, options: Self.options(traceUnknown: true))
        for fixture in fixtures {
            let document = ProtocolDocument(root: fixture.protocolNode, path: fixture.name, sha256: "")
            let a = try lean.check(document), b = try traced.check(document)
            #expect(a.results.count == b.results.count)
            for (x, y) in zip(a.results, b.results) {
                var x = x, y = y
                if x.status == .unknown && x.why.isEmpty && !y.why.isEmpty { madeLean += 1 }
                x.why = []; y.why = []
                #expect(x == y, "\(fixture.name): \(x.rule): \(x.message) at \(String(describing: x.location)) missing \(x.missing.map(\.path)) / \(y.message) at \(String(describing: y.location)) missing \(y.missing.map(\.path))")
            }
            #expect(a.summary == b.summary)
            #expect(TextReporter.render(a) == TextReporter.render(b))
        }
        #expect(madeLean > 1000)
    }

    /// The shapes `AbsentLeaves` handles and leaves to tracing: leaves not stated (wildcard
    /// elements included) and stated values compared with a field not stated are made lean;
    /// `for_each` that is false, computed values, and a stated value that decides the outcome
    /// otherwise are traced.
    @Test func whatIsMadeLeanAndWhatIsTraced() throws {
        func finding(_ check: String, _ doc: String, extra: [String] = []) throws -> (lean: Finding, traced: Finding) {
            let checker = try EngineFixture.checker(EngineFixture.pack(check: check, extra: extra))
            let rule = try #require(checker.rules.packs.first?.rules.first)
            let root = try YAMLLoader().loadDocument(bytes: Array(doc.utf8), file: "p.yaml").root
            let lean = RuleEvaluator(explainNotApplicable: false, explainUnknown: false, traceUnknown: false).evaluate(rule, root: root)
            let traced = RuleEvaluator(explainNotApplicable: false, explainUnknown: false, traceUnknown: true).evaluate(rule, root: root)
            return (lean, traced)
        }
        // Absent leaves under all / any / not: made lean, same fields.
        let absent = try finding("{all: [{path: a.b, gte: 1}, {not: {path: c, equals: x}}, {any: [{path: d, gte: 1}, {path: e, equals: 2}]}, {path: f, exists: true}]}",
                                 "f: 1\na: {z: 1}\n")
        #expect(absent.lean.status == .unknown)
        #expect(absent.lean.why.isEmpty && !absent.traced.why.isEmpty)
        #expect(absent.lean.missing == absent.traced.missing)
        #expect(absent.lean.missing.map(\.path) == ["a.b", "c", "d", "e"])
        #expect(absent.lean.location == absent.traced.location && absent.lean.location?.line == 2)
        #expect(absent.lean.path == "a.b" && absent.lean.message == "not stated")
        // False only for want of stated values (`exists: true` on nothing): unknown, made lean.
        let unstated = try finding("{all: [{path: a.b, exists: true}, {path: d, exists: true}, {path: f, exists: true}]}", "f: 1\na: {z: 1}\n")
        #expect(unstated.lean.status == .unknown && unstated.lean.why.isEmpty)
        #expect(unstated.lean.missing.map(\.path) == ["a.b", "d"] && unstated.lean.missing == unstated.traced.missing)
        #expect(unstated.lean.location == unstated.traced.location)
        // A stated value that violates it: traced (a failure).
        let stated = try finding("{all: [{path: a.b, exists: true}, {path: f, equals: 2}]}", "f: 1\na: {z: 1}\n")
        #expect(!stated.lean.why.isEmpty && stated.lean == stated.traced)
        // An item of `each`: paths named from the item.
        let each = try finding("{path: dose, exists: true}", "products: [{id: a}, {id: b, dose: 1}]\n", extra: ["each: products"])
        #expect(each.lean.why.isEmpty)
        #expect(each.lean.missing.map(\.path) == ["products[0].dose"] && each.lean.missing == each.traced.missing)
        // A wildcard path whose list is not stated (absent, or null): made lean; a path ending in
        // `[*]` is named by its list (`jurisdictions`), as the traced evaluation names it.
        let cases: [(check: String, doc: String, missing: [String])] = [
            ("{all: [{path: jurisdictions, min_items: 1}, {path: \"jurisdictions[*]\", matches: '^[A-Z]{2}$'}]}", "x: 1\n", ["jurisdictions"]),
            ("{path: \"jurisdictions[*]\", matches: '^[A-Z]{2}$'}", "jurisdictions: ~\n", ["jurisdictions"]),
            ("{all: [{path: \"design.arms[*].type\", in: [a, b]}, {path: \"design.arms[*].interventions[*].dose\", gte: 1}]}", "x: 1\n",
             ["design.arms[*].type", "design.arms[*].interventions[*].dose"]),
            ("{path: \"design.arms[*].type\", exists: true}", "design: {arms: ~}\n", ["design.arms[*].type"]),
        ]
        for c in cases {
            let list = try finding(c.check, c.doc)
            #expect(list.lean.status == .unknown && list.lean.why.isEmpty && !list.traced.why.isEmpty, "\(c.check) on \(c.doc)")
            #expect(list.lean.missing.map(\.path) == c.missing, "\(c.check) on \(c.doc): \(list.lean.missing.map(\.path))")
            var lean = list.lean, traced = list.traced
            lean.why = []; traced.why = []
            #expect(lean == traced, "\(c.check) on \(c.doc)")
        }
        // A wildcard path over a stated list: each element not stated is named by its index; a
        // stated value compared with one `{path: OTHER}` not stated: its path, value and OTHER.
        let leanCases: [(check: String, doc: String, extra: [String], missing: [String], path: String)] = [
            ("{path: \"arms[*].type\", gte: 1}", "arms: [{id: a}]\n", [], ["arms[0].type"], "arms[0].type"),
            ("{path: \"arms[*].type\", in: [a, b]}", "arms: [{type: a}, {id: b}, {type: b}, {type: ~}]\n", [],
             ["arms[1].type", "arms[3].type"], "arms[1].type"),
            ("{path: \"tests[*].limit\", gte: 1}", "products: [{tests: [{limit: 2}, {name: x}]}]\n", ["each: products"],
             ["products[0].tests[1].limit"], "products[0].tests[1].limit"),
            ("{path: \"$.arms[*].type\", equals: x}", "arms: [{id: a}]\nproducts: [{id: p}]\n", ["each: products"],
             ["arms[0].type"], "arms[0].type"),
            ("{path: start, lte: {path: end}}", "arms: [{id: a}]\nstart: 2024-01-01\n", [], ["end"], "start"),
            ("{path: made, lte: {path: released}}", "products: [{made: 2024-01-01}, {made: 2024-02-01, released: 2024-03-01}]\n",
             ["each: products"], ["products[0].released"], "products[0].made"),
            ("{path: made, lte: {path: \"$.dates.first_enrolment\"}}", "products: [{made: 2024-01-01}]\ndates: {}\n",
             ["each: products"], ["dates.first_enrolment"], "products[0].made"),
            ("{all: [{path: a, gte: 1}, {path: start, gte: {path: c.end}}]}", "start: 2024-01-01\n", [], ["a", "c.end"], "a"),
            // A computed value not stated, or with inputs not stated: named by tracing it alone.
            ("{value: {count: outcomes}, gte: 1}", "arms: [{id: a}]\n", [], ["outcomes"], "count(outcomes)"),
            ("{value: {min: \"regs[*].posted\"}, lte: {path: enrol}}", "regs: [{posted: 2024-01-01}, {id: b}, {id: c}]\nenrol: 2023-12-01\n", [],
             ["regs[1].posted", "regs[2].posted"], "min(regs[*].posted)"),
            ("{any_stated: [{value: {min: \"regs[*].sent\"}, lte: {path: dates.enrol}}, {value: {min: \"regs[*].posted\"}, lte: {path: dates.enrol}}]}",
             "regs: [{sent: 2024-01-01}]\ndates: {}\n", [], ["dates.enrol", "regs[0].posted"], "min(regs[*].sent)"),
            ("{value: {count: tests}, gte: 1}", "products: [{id: a}, {id: b, tests: [x]}]\n", ["each: products"], ["products[0].tests"], "count(products[0].tests)"),
            // A computed value that holds takes no part: the absent leaf beside it is named.
            ("{all: [{value: {count: arms}, gte: 1}, {path: x, gte: 1}]}", "arms: [{id: a}]\n", [], ["x"], "x"),
        ]
        for c in leanCases {
            let found = try finding(c.check, c.doc, extra: c.extra)
            #expect(found.lean.status == .unknown && found.lean.why.isEmpty && !found.traced.why.isEmpty, "\(c.check) on \(c.doc)")
            #expect(found.lean.missing.map(\.path) == c.missing, "\(c.check) on \(c.doc): \(found.lean.missing.map(\.path))")
            #expect(found.lean.path == c.path, "\(c.check) on \(c.doc): \(String(describing: found.lean.path))")
            var lean = found.lean, traced = found.traced
            lean.why = []; traced.why = []
            #expect(lean == traced, "\(c.check) on \(c.doc)")
        }
        // Traced: a for_each or a wildcard path false for want of values, a computed value too
        // imprecise to decide or in a for_each item, an operand with an offset, a stated element
        // too imprecise to decide, a stated element that violates it.
        let tracedCases: [(check: String, status: Status)] = [
            ("{for_each: arms, check: {path: type, exists: true}}", .unknown), ("{path: \"arms[*].type\", exists: true}", .unknown),
            ("{value: {path: month, plus: \"7 days\"}, lte: 2024-01-20}", .unknown),
            ("{for_each: arms, check: {value: {count: doses}, gte: 1}}", .unknown),
            ("{path: start, lte: {path: end, plus: \"7 days\"}}", .unknown), ("{path: \"arms[*].start\", lte: 2024-01-01}", .unknown),
            ("{path: \"arms[*].id\", in: [b]}", .fail),
        ]
        for c in tracedCases {
            let traced = try finding(c.check, "arms: [{id: a, start: 2024-01}, {id: c}]\nstart: 2024-01-01\nmonth: 2024-01\n")
            #expect(traced.lean.status == c.status, "\(c.check)")
            #expect(!traced.lean.why.isEmpty, "\(c.check) was not traced")
            #expect(traced.lean == traced.traced, "\(c.check)")
        }
        // A `when` left unknown by a computed value is traced whole (a check that needs tracing
        // would trace it again); its fields are those the traced evaluation names.
        let when = try finding("{path: b, exists: true}", "a: 0\n", extra: ["when: {value: {count: outcomes}, gte: 1}"])
        #expect(when.lean.status == .unknown && !when.lean.why.isEmpty && when.lean == when.traced)
        #expect(when.lean.missing == [MissingField(path: "b", reason: .absent), MissingField(path: "outcomes", reason: .applicability)])
    }

    /// A run asks for lean results only when none of its formats shows an unknown result's `why`.
    @Test func traceUnknownFollowsTheFormats() throws {
        let checker = try EngineFixture.checker(EngineFixture.pack(check: "{path: a, exists: true}"))
        func keeps(_ requests: [OutputRequest]) -> Bool {
            BatchCheck(reader: ProtocolReader(), checker: checker, requests: requests, outputDirectory: "r", jobs: 1).checker.options.traceUnknown
        }
        // HTML and Markdown list the fields not stated; their cards are for violations only.
        #expect(!keeps([OutputRequest(format: .text), OutputRequest(format: .github), OutputRequest(format: .markdown),
                        OutputRequest(format: .html)]))
        // Essential JSON lists the fields not stated; only --detail full writes those results in full.
        #expect(!keeps([OutputRequest(format: .text), OutputRequest(format: .json, destination: .file("r.json"))]))
        var full = RenderOptions()
        full.detail = .full
        #expect(BatchCheck(reader: ProtocolReader(), checker: checker, requests: [OutputRequest(format: .json)], outputDirectory: "r",
                           jobs: 1, options: full).checker.options.traceUnknown)
        #expect(keeps([OutputRequest(format: .sarif)]))
        #expect(keeps([OutputRequest(format: .junit)]))
        #expect(keeps([OutputRequest(format: .html), OutputRequest(format: .sarif)]))
    }
}
