import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 14's test pack (Tests/Fixtures/rule-language/issue-14.yaml): one rule per new form, each
/// with pass, fail and unknown examples; `rules test` passes them all and `rules lint` is clean.
@Suite struct RuleLanguagePackTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rule-language/issue-14.yaml")

    static func catalog() throws -> RuleCatalog {
        let bytes = Array(try Data(contentsOf: file))
        return try RuleCatalog.load(sources: [.init(name: "issue-14.yaml", bytes: bytes, directory: ".")], loader: YAMLLoader())
    }

    @Test func examplesPassAndLintIsClean() throws {
        let catalog = try Self.catalog()
        #expect(RuleLint.warnings(catalog) == [])
        let outcome = RuleTests.run(catalog: catalog, today: EngineFixture.defaultToday)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.map(\.description).joined(separator: "\n"))")
        #expect(outcome.passed >= 60)
    }

    /// Every rule states a violation and leaves something unstated, so each form is tested on pass,
    /// fail and unknown.
    @Test func everyRuleHasPassFailAndUnknownExamples() throws {
        let rules = try Self.catalog().packs.flatMap(\.rules)
        #expect(rules.count == 18)
        for rule in rules {
            #expect(!rule.examples.pass.isEmpty && !rule.examples.fail.isEmpty && !rule.examples.unknown.isEmpty, "\(rule.id)")
        }
        // Each addition is there: offsets, within, every expression, field equality, any_stated.
        let text = rules.flatMap { [$0.when, $0.check].compactMap { $0 }.map(ConditionText.render) }.joined(separator: "\n")
        for form in ["plus:", "minus:", "{date:", "within:", "direction: before", "{count:", "where:", "{min:", "{max:", "{sum:",
                     "{duration:", "{product:", "equals: {path:", "not_equals: {path:", "in: {path:", "ignore_whitespace: true", "any_stated:"] {
            #expect(text.contains(form), "no rule uses \(form)")
        }
    }
}
