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
    ///
    /// The finding's `location` is always in the protocol's file (the root's): a protocol may hold
    /// nodes from another file (a grafted registry record), and a finding about such a value points
    /// at the first part of its decision that is in the protocol file, or nowhere. Its `why` keeps
    /// every location with its own file.
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
                locate(&finding, traced.traces, file: root.file)
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
                    finding.location = Self.reportLocation(node.location, traces: [], file: root.file)
                    finding.actual = ReportValue.of(node)
                }
            }
            return finding
        }
        let traced = Evaluator(root: root, tracing: true).evaluate(check)
        var finding = Finding(status: truth == .error ? .error : .fail, why: traced.traces)
        locate(&finding, traced.traces, file: root.file)
        finding.message = FindingText.failure(rule, truth, traced.traces)
        return finding
    }

    private func locate(_ finding: inout Finding, _ traces: [LeafTrace], file: String) {
        guard let first = traces.first else { return }
        finding.path = first.path
        finding.location = Self.reportLocation(first.location, traces: traces, file: file)
        finding.actual = first.actual
    }

    /// Where a finding points in the protocol file `file`: at `location` when it is in that file;
    /// when it is in another (a value of a grafted registry record), at the first part of the
    /// decision (`traces`) that is in the protocol file, if any; nil when `location` is nil.
    static func reportLocation(_ location: SourceLocation?, traces: [LeafTrace], file: String) -> Location? {
        guard let location else { return nil }
        if location.file == file { return Location(location) }
        return traces.lazy.compactMap(\.location).first { $0.file == file }.map(Location.init)
    }
}
