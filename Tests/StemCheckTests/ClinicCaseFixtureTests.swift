import Foundation
import Testing
import YAMLSource
@testable import StemCheckModel
@testable import StemCheckEngine

/// Issue 15's dressed-up clinic protocols (Tests/Fixtures/clinic-cases): each looks compliant but
/// for one trick (a 361 claim beside enzymatic digestion or culture, intrathecal adipose cells for
/// cerebral palsy called homologous, "no charge" beside a fee, a trial that is marketed, a Gram
/// stain as the sterility test, "standard dose", "cannot give assent", an innovation plan for 500
/// patients or reported by testimonials, the child's own history as natural history), and the
/// clinic-self-audit profile must fail it on the central rule; a control without a trick must not.
@Suite struct ClinicCaseFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/clinic-cases/tests")

    @Test func theClinicSelfAuditProfileCatchesEachTrick() throws {
        let (catalog, outcome) = try EngineFixture.shippedPacksOnCases("clinic-cases")
        #expect(catalog.fixtures.count >= 11)
        #expect(outcome.failures.isEmpty, "\(outcome.failures.map(\.description).joined(separator: "\n"))")
    }

    /// A product that says minimally_manipulated: true while its processing lists enzymatic
    /// digestion fails with a message naming both fields.
    @Test func aManipulationContradictionNamesBothFields() throws {
        let file = Self.folder.deletingLastPathComponent().appendingPathComponent("protocols/us-361-enzymatic-digestion.yaml")
        let document = try YAMLLoader().loadDocument(path: file.path)
        let rules = try RuleCatalog.shipped().packs.flatMap(\.rules)
        let result = RuleEvaluator().evaluate(try #require(rules.first { $0.id == "FDA-361-MANIPULATION-STATED" }), root: document.root)
        #expect(result.status == .fail)
        #expect(result.message.contains("manufacturing.minimally_manipulated = true"))
        #expect(result.message.contains("processing_steps"))
    }
}

extension ClinicCaseFixtureTests {
    /// The central grounds are errors under the clinic-self-audit profile: each trick's failing
    /// rule would fail the verdict on its own, even where the pack makes it a warning (the profile
    /// raises it), and the control fails none of them.
    @Test func eachTrickFailsOnAnErrorSeverityRule() throws {
        let (catalog, _) = try EngineFixture.shippedPacksOnCases("clinic-cases")
        let profile = try #require(catalog.profile(named: "clinic-self-audit"))
        let checker = Checker(rules: try catalog.select(profile: profile),
                              options: CheckOptions(failOn: .error, today: EngineFixture.defaultToday, generatedAt: ""))
        let tricks = catalog.fixtures.filter { $0.name != "control-compliant" }
        #expect(tricks.count >= 10)
        var central = Set<String>()
        for fixture in tricks {
            let report = try checker.check(ProtocolDocument(root: fixture.protocolNode, path: fixture.name, sha256: ""))
            #expect(report.summary.verdict == .fail, "\(fixture.name)")
            let expectedFails = fixture.expect.filter { $0.status == .fail }.map(\.rule)
            let errors = report.results.filter { expectedFails.contains($0.rule) && $0.severity == .error && $0.status == .fail }
            #expect(!errors.isEmpty, "\(fixture.name): no expected-fail rule is an error under clinic-self-audit")
            central.formUnion(expectedFails)
        }
        let control = try #require(catalog.fixtures.first { $0.name == "control-compliant" })
        let report = try checker.check(ProtocolDocument(root: control.protocolNode, path: control.name, sha256: ""))
        let controlFails = report.results.filter { central.contains($0.rule) && $0.status == .fail }.map(\.rule)
        #expect(controlFails.isEmpty, "the control fails a central rule: \(controlFails)")
    }
}
