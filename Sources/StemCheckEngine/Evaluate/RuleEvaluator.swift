import StemCheckModel
import YAMLSource

/// Evaluates rules against one protocol: `ProtocolDocument` → `Finding` (SPEC 3.1–3.5).
///
/// Conditions are evaluated once without tracing; only a result that does not pass is evaluated
/// again with tracing, to explain it.
public struct RuleEvaluator: Sendable {
    /// Whether `not_applicable` findings get a message naming why and a `why` trace. When false
    /// (no output format of the run shows them) their message is just "not applicable", which
    /// saves a second, traced evaluation of every rule that does not apply.
    public var explainNotApplicable: Bool

    /// Creates an evaluator.
    public init(explainNotApplicable: Bool = true) {
        self.explainNotApplicable = explainNotApplicable
    }

    /// Evaluates one rule against a protocol root.
    public func evaluate(_ rule: Rule, root: YAMLNode) -> Finding {
        let fast = Evaluator(root: root, tracing: false)
        if let when = rule.when {
            let applies = fast.evaluate(when).truth
            if applies != .true, applies != .error, !explainNotApplicable {
                return Finding(status: .notApplicable, message: "not applicable")
            }
            if applies != .true {
                let traced = Evaluator(root: root, tracing: true).evaluate(when)
                var finding = Finding(status: .notApplicable, why: traced.traces)
                if applies == .error {
                    finding.status = .error
                    finding.message = "cannot tell whether the rule applies: " + (traced.traces.first?.detail ?? "evaluation error")
                } else {
                    finding.message = FindingText.notApplicable(applies, traced.traces)
                }
                locate(&finding, traced.traces)
                return finding
            }
        }
        if rule.kind == .review {
            return Finding(status: .review, message: "needs review by a person: \(rule.title)")
        }
        guard let check = rule.check else { return Finding(status: .pass) }
        let truth = fast.evaluate(check).truth
        if truth == .true {
            var finding = Finding(status: .pass, message: "passed")
            if case .leaf(let leaf) = check, !leaf.path.hasWildcard, !leaf.path.isRooted {
                finding.path = leaf.path.text
                if let node = PathResolver.single(leaf.path.segments, from: root), !node.isNull {
                    finding.location = Location(node.location)
                    finding.actual = ReportValue.of(node)
                }
            }
            return finding
        }
        let traced = Evaluator(root: root, tracing: true).evaluate(check)
        var finding = Finding(status: truth == .error ? .error : .fail, why: traced.traces)
        locate(&finding, traced.traces)
        finding.message = FindingText.failure(rule, truth, traced.traces)
        return finding
    }

    private func locate(_ finding: inout Finding, _ traces: [LeafTrace]) {
        guard let first = traces.first else { return }
        finding.path = first.path
        finding.location = first.location.map(Location.init)
        finding.actual = first.actual
    }
}
