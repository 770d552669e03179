import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 20: a `for_each` of a list path without `[*]` is decided and explained by `AbsentLeaves`
/// alone in the lean formats (text, GitHub, essential JSON). Every `for_each` shape on every list
/// shape must give the finding the traced evaluation gives, `why` aside, in `when` and in `check`,
/// on the whole document and on the items of an `each` rule.
@Suite struct ForEachLeanTests {
    /// `for_each` conditions: plain, with `where` and `min_items`, under `not`, `all`, `any` and
    /// `any_stated`, nested, with rooted paths, with an `exists` check (false for want of a value).
    static let conditions = [
        "{for_each: L, check: {path: x, gte: 1}}",
        "{for_each: L, where: {path: kind, equals: a}, min_items: 1, check: {path: x, gte: 1}}",
        "{for_each: L, where: {path: kind, equals: a}, min_items: 2, check: {path: x, exists: true}}",
        "{for_each: L, where: {path: x, gte: 1}, check: {path: kind, equals: a}}",
        "{not: {for_each: L, check: {path: x, gte: 1}}}",
        "{all: [{path: y, gte: 1}, {for_each: L, check: {path: x, gte: 1}}]}",
        "{any: [{path: y, gte: 1}, {for_each: L, check: {path: x, gte: 1}}]}",
        "{any_stated: [{for_each: L, check: {path: x, gte: 1}}, {path: y, gte: 1}]}",
        "{for_each: L, check: {for_each: sub, min_items: 1, check: {path: z, gte: 1}}}",
        "{for_each: \"$.L\", check: {path: x, gte: 1}}",
        "{for_each: L, check: {any: [{path: \"$.y\", gte: 1}, {path: x, lte: 5}]}}",
        "{for_each: L, check: {path: x, exists: true}}",
    ]

    /// Lists `L`: not stated, null, not a list, empty, and items whose fields are stated, not
    /// stated, null, or decide either way.
    static let lists = [
        "", "L: null", "L: 3", "L: {x: 1}", "L: []",
        "L: [{kind: a, x: 2}]", "L: [{kind: a}]", "L: [{kind: a, x: null}, {kind: b}]", "L: [{x: 2}, {kind: a, x: 0}]",
        "L: [{kind: b, x: 0}, {x: 3}]", "L: [{kind: a, x: 2, sub: [{z: 1}]}, {kind: a, sub: [{}]}]",
        "L: [{kind: a, sub: []}, {kind: a, x: 2, sub: null}]", "L: [null, {kind: a, x: 2}]", "L: [{kind: a, x: two}]",
    ]

    static let others = ["", "y: 2", "y: 0"]

    /// A finding of each evaluator: lean (`AbsentLeaves`) and traced.
    static func findings(_ rule: Rule, _ doc: String) throws -> (lean: Finding, traced: Finding) {
        let root = try YAMLLoader().loadDocument(bytes: Array(doc.utf8), file: "p.yaml").root
        let lean = RuleEvaluator(explainNotApplicable: false, explainUnknown: false, traceUnknown: false).evaluate(rule, root: root)
        let traced = RuleEvaluator(explainNotApplicable: false, explainUnknown: false, traceUnknown: true).evaluate(rule, root: root)
        return (lean, traced)
    }

    static func rule(check: String? = nil, when: String? = nil, each: Bool) throws -> Rule {
        let checker = try EngineFixture.checker(EngineFixture.pack(check: check ?? "{path: id, exists: true}", when: when,
                                                                   extra: each ? ["each: products"] : []))
        return try #require(checker.rules.packs.first?.rules.first)
    }

    @Test func leanFindingsEqualTracedOnes() throws {
        var compared = 0, madeLean = 0
        for condition in Self.conditions {
            for each in [false, true] {
                let asCheck = try Self.rule(check: condition, each: each)
                let asWhen = try Self.rule(when: condition, each: each)
                for list in Self.lists {
                    for other in Self.others {
                        let body = [list, other].filter { !$0.isEmpty }
                        // As an `each` rule, the list is in two products (one with `id`, one without),
                        // `y` at the root; `$.L` then reads a root list that is not stated.
                        let doc = each
                            ? (other.isEmpty ? "" : other + "\n") + "products:\n  - {id: p\(list.isEmpty ? "" : ", " + list)}\n  - {\(list)}\n"
                            : (body + ["id: doc"]).joined(separator: "\n") + "\n"
                        for rule in [asCheck, asWhen] {
                            var (lean, traced) = try Self.findings(rule, doc)
                            if lean.status == .unknown && lean.why.isEmpty && !traced.why.isEmpty { madeLean += 1 }
                            lean.why = []; traced.why = []
                            #expect(lean == traced, "\(condition) (\(rule.when == nil ? "check" : "when"), each: \(each)) on \(doc.debugDescription)")
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared == Self.conditions.count * 2 * Self.lists.count * Self.others.count * 2)
        // The lean walk is taken: a list not stated, and items with fields not stated.
        #expect(madeLean > 200, "made lean: \(madeLean)")
    }

    /// The paths named: the list's own when it is not stated, the items' fields otherwise, from
    /// the `each` item's path; and where the finding points.
    @Test func namesTheListOrTheItemsFields() throws {
        let rule = try Self.rule(check: "{for_each: release_tests, where: {path: name, equals: sterility}, min_items: 1, check: {path: method, specific: true}}",
                                 each: true)
        let absent = try Self.findings(rule, "products:\n  - {id: a}\n")
        #expect(absent.lean.status == .unknown && absent.lean.why.isEmpty)
        #expect(absent.lean.missing.map(\.path) == ["products[0].release_tests"])
        #expect(absent.lean.location?.line == 2 && absent.lean.location == absent.traced.location)
        let items = try Self.findings(rule, "products:\n  - id: a\n    release_tests:\n      - {name: endotoxin}\n      - {name: sterility}\n      - {method: BacT/ALERT}\n")
        #expect(items.lean.status == .unknown && items.lean.why.isEmpty)
        #expect(items.lean.missing.map(\.path) == ["products[0].release_tests[1].method", "products[0].release_tests[2].name"])
        #expect(items.lean.location?.line == 5 && items.lean.location == items.traced.location)
    }
}
