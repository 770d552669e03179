import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckInput
@testable import StemCheckEngine
@testable import StemCheckReports
@testable import StemCheckRun

/// Builds catalogs and checkers from inline YAML so each test reads as rule + protocol + expectation.
enum EngineFixture {
    /// 2026-06-01, the default "today" of these tests.
    static let defaultToday = day("2026-06-01")

    /// The day number of a `YYYY-MM-DD` date.
    static func day(_ text: String) -> Int {
        ISODate.parse(text)!.dayNumber
    }

    /// Loads rule files given as (name, YAML text).
    static func catalog(_ files: [(name: String, yaml: String)]) throws(InputError) -> RuleCatalog {
        try RuleCatalog.load(sources: files.map { .init(name: $0.name, bytes: Array($0.yaml.utf8), directory: ".") },
                             loader: YAMLLoader())
    }

    /// Loads one pack file named `p.yaml`.
    static func catalog(_ yaml: String) throws(InputError) -> RuleCatalog {
        try catalog([(name: "p.yaml", yaml: yaml)])
    }

    /// The located diagnostics of rule files that fail to load, as `FILE:LINE:COL: error: MESSAGE` lines.
    static func loadErrors(_ files: [(name: String, yaml: String)]) -> [String] {
        do {
            _ = try catalog(files)
            return []
        } catch {
            return error.diagnostics.map { "\($0.location): error: \($0.message)" }
        }
    }

    /// `loadErrors` for one file named `p.yaml`.
    static func loadErrors(_ yaml: String) -> [String] {
        loadErrors([(name: "p.yaml", yaml: yaml)])
    }

    /// A checker over every pack of `rules`, failing on error, with a fixed clock. These tests
    /// exercise the rule language on documents of any shape, so the protocol schema is left out
    /// (ProtocolSchemaTests covers it).
    static func checker(_ rules: String, today: Int = defaultToday, waivers: [Waiver] = [],
                        failOn: Severity? = .error) throws -> Checker {
        let set = try catalog(rules).select(profile: nil)
        return Checker(rules: set, options: CheckOptions(failOn: failOn, today: today,
                                                         generatedAt: "2026-01-01T00:00:00Z", waivers: waivers),
                       schema: nil)
    }

    /// Checks protocol text `doc` (named `proto.yaml`) against the packs in `rules`.
    static func report(rules: String, protocol doc: String, today: Int = defaultToday, waivers: [Waiver] = [],
                       failOn: Severity? = .error, migratesSchemaV1: Bool = true) throws -> Report {
        try checker(rules, today: today, waivers: waivers, failOn: failOn)
            .check(bytes: Array(doc.utf8), name: "proto.yaml", migratesSchemaV1: migratesSchemaV1)
    }

    /// A pack `t` holding one rule `R` (error severity) with the given conditions in YAML flow form.
    static func pack(check: String?, when: String? = nil, kind: String? = nil, message: String? = nil,
                     extra: [String] = []) -> String {
        var lines = ["pack: {id: t, version: \"1\"}", "rules:", "  - id: R", "    title: The rule", "    severity: error"]
        if let kind { lines.append("    kind: \(kind)") }
        if let when { lines.append("    when: \(when)") }
        if let check { lines.append("    check: \(check)") }
        if let message { lines.append("    message: \(quoted(message))") }
        lines += extra.map { "    " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The single result of rule `R` with `check` (and optional `when`) on the protocol `doc`.
    static func result(check: String?, when: String? = nil, on doc: String, kind: String? = nil,
                       message: String? = nil, today: Int = defaultToday, migratesSchemaV1: Bool = true) throws -> RuleResult {
        let report = try report(rules: pack(check: check, when: when, kind: kind, message: message), protocol: doc, today: today,
                                migratesSchemaV1: migratesSchemaV1)
        #expect(report.results.count == 1)
        return report.results[0]
    }

    /// The status of rule `R` with `check` on `doc`.
    static func status(_ check: String, on doc: String) throws -> Status {
        try result(check: check, on: doc).status
    }

    /// The truth of a condition (YAML flow form) on `doc`, evaluated both without and with tracing;
    /// the two evaluations must agree.
    static func truth(_ condition: String, on doc: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Truth {
        let catalog = try catalog(pack(check: condition))
        let rule = catalog.packs[0].rules[0]
        let document = try YAMLLoader().loadDocument(bytes: Array(doc.utf8), file: "proto.yaml")
        let fast = Evaluator(root: document.root, tracing: false).evaluate(rule.check!).truth
        let traced = Evaluator(root: document.root, tracing: true).evaluate(rule.check!).truth
        #expect(fast == traced, "fast and traced evaluation disagree on \(condition)", sourceLocation: sourceLocation)
        return fast
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// The shipped packs with the fixture file `tests/cases.yaml` of a `Tests/Fixtures/<name>` folder
    /// (whole-protocol cases), and the outcome of running every case.
    static func shippedPacksOnCases(_ name: String, filePath: String = #filePath) throws -> (catalog: RuleCatalog, outcome: RuleTests.Outcome) {
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)/tests")
        let cases = RuleCatalog.Source(name: "cases.yaml", bytes: Array(try Data(contentsOf: folder.appendingPathComponent("cases.yaml"))),
                                       directory: folder.path)
        let catalog = try RuleCatalog.load(sources: RuleCatalog.shippedSources + [cases], loader: YAMLLoader())
        return (catalog, RuleTests.run(catalog: catalog, today: defaultToday))
    }
}
