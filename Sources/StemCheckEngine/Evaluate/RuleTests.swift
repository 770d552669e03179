import YAMLSource
import StemCheckModel

/// Runs rule examples and fixture tests (`stemcheck rules test`).
public struct RuleTests: Sendable {
    /// One failed expectation.
    public struct Failure: Sendable, CustomStringConvertible {
        /// Where the example or fixture is written.
        public var location: SourceLocation
        /// What went wrong.
        public var message: String
        public var description: String { "\(location.file):\(location.line):\(location.column): \(message)" }
    }

    /// The outcome of a test run.
    public struct Outcome: Sendable {
        public var passed = 0
        public var failures: [Failure] = []
        /// `N passed, N failed`.
        public var summary: String { "\(passed) passed, \(failures.count) failed" }
    }

    /// Runs every rule's examples (each rule alone) and every fixture test (the whole set, with its profile).
    public static func run(catalog: RuleCatalog, today: Int) -> Outcome {
        var outcome = Outcome()
        let all = catalog.packs
        let evaluator = RuleEvaluator()
        let adjudicator = Adjudicator(rules: (try? catalog.select(profile: nil)) ?? RuleSet(packs: all, profile: nil, disabled: []),
                                      options: CheckOptions(failOn: .error, today: today, generatedAt: ""))
        for pack in all {
            for rule in pack.rules {
                if rule.examples.all.isEmpty {
                    continue
                }
                for (expected, example) in rule.examples.all {
                    let inputs = Adjudicator.Inputs(waivers: [], attestations: attestationFor(rule.id, in: example).map { [$0] } ?? [])
                    var notes: [String] = []
                    let result = adjudicator.result(rule, evaluator.evaluate(rule, root: example), inputs: inputs, notes: &notes)
                    if result.status == expected {
                        outcome.passed += 1
                    } else {
                        outcome.failures.append(Failure(
                            location: example.location,
                            message: "\(rule.id): example expected \(expected.rawValue), got \(result.status.rawValue): \(result.message)"))
                    }
                }
            }
        }
        for fixture in catalog.fixtures {
            let profile = fixture.profile.flatMap { catalog.profile(named: $0) }
            if let name = fixture.profile, profile == nil {
                outcome.failures.append(Failure(location: fixture.location, message: "\(fixture.name): unknown profile '\(name)'"))
                continue
            }
            guard let set = try? catalog.select(profile: profile) else {
                outcome.failures.append(Failure(location: fixture.location, message: "\(fixture.name): the profile cannot be applied"))
                continue
            }
            let fixtureChecker = Checker(rules: set, options: CheckOptions(failOn: .error, today: today, generatedAt: ""))
            let report: Report
            do {
                report = try fixtureChecker.check(ProtocolDocument(root: fixture.protocolNode, path: fixture.name, sha256: ""))
            } catch {
                outcome.failures.append(Failure(location: fixture.location, message: "\(fixture.name): the protocol is not usable: \(error.description)"))
                continue
            }
            for expectation in fixture.expect {
                guard let result = report.results.first(where: { $0.rule == expectation.rule }) else {
                    outcome.failures.append(Failure(location: expectation.location, message: "\(fixture.name): rule \(expectation.rule) is not in the report"))
                    continue
                }
                if result.status == expectation.status {
                    outcome.passed += 1
                } else {
                    outcome.failures.append(Failure(location: expectation.location,
                        message: "\(fixture.name): \(expectation.rule) expected \(expectation.status.rawValue), got \(result.status.rawValue): \(result.message)"))
                }
            }
            if let expected = fixture.verdict {
                if report.summary.verdict == expected.value {
                    outcome.passed += 1
                } else {
                    let errors = report.results.filter { $0.severity == .error && ($0.status == .fail || $0.status == .error) }.map(\.rule)
                    outcome.failures.append(Failure(location: expected.location,
                        message: "\(fixture.name): verdict expected \(expected.value.rawValue), got \(report.summary.verdict.rawValue)"
                            + (errors.isEmpty ? "" : " (error-severity violations: \(errors.joined(separator: ", ")))")))
                }
            }
        }
        return outcome
    }

    static func attestationFor(_ rule: String, in example: YAMLNode) -> Attestation? {
        guard let map = example["attestations"], let entry = map[rule], let by = entry["by"]?.text,
              let date = entry["date"]?.text else { return nil }
        return Attestation(rule: rule, by: by, date: date, statement: entry["statement"]?.text, location: entry.location)
    }
}
