import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 14's whole-protocol cases (Tests/Fixtures/cp-cases): a partial start date, the earliest
/// of several registrations, a withdrawn trial, dose ranges and bounds, two products in two arms,
/// two primary outcomes — each gives the status written in `tests/cases.yaml` with the shipped packs.
@Suite struct CaseFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cp-cases/tests")

    @Test func theShippedPacksGiveEachCaseItsStatus() throws {
        let (catalog, outcome) = try EngineFixture.shippedPacksOnCases("cp-cases")
        #expect(catalog.fixtures.count == 8)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.map(\.description).joined(separator: "\n"))")
    }

    /// The two-product trial: each product and each arm's intervention is judged on its own, and
    /// the finding names the item that decided it.
    @Test func eachProductAndInterventionIsJudgedOnItsOwn() throws {
        let file = Self.folder.deletingLastPathComponent().appendingPathComponent("protocols/accent-cp-two-products.yaml")
        let document = try YAMLLoader().loadDocument(path: file.path)
        let rules = try RuleCatalog.shipped().packs.flatMap(\.rules)
        let evaluator = RuleEvaluator()
        let dose = evaluator.evaluate(try #require(rules.first { $0.id == "CP-UCB-DOSE-MIN" }), root: document.root)
        #expect(dose.status == .unknown)
        #expect(dose.missing == [MissingField(path: "design.arms[0].interventions[0].dose", reason: .imprecise)])
        #expect(dose.message.hasPrefix("design.arms[0].interventions[0]: "))
        let hla = evaluator.evaluate(try #require(rules.first { $0.id == "REL-ALLO-HLA-MATCH" }), root: document.root)
        #expect(hla.status == .unknown)
        #expect(hla.message.hasPrefix("products[0] (allocb): "))
    }
}
