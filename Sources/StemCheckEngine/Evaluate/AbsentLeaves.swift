import YAMLSource
import StemCheckModel

/// The absent fields an undecided outcome rests on, found without tracing (issue 20).
///
/// A rule left `unknown` because fields are not stated is explained by a second, traced
/// evaluation whose traces give its missing fields and location. When no output of the run shows
/// the traces or the worded message (text, GitHub, essential JSON), that evaluation builds a trace per
/// leaf only to read two things from it: the concrete path of each absent leaf that decides the
/// outcome, and where to point. This finds the same leaves directly, for conditions made of
/// `all`, `any`, `any_stated` and `not` over leaves on paths without `[*]`: the common shape of a
/// "not stated" rule. Anything else (`for_each`, a computed value, a wildcard path, a stated
/// value that decides the outcome) is left to the traced evaluation (`collect` returns nil).
///
/// The leaves kept are those the traced evaluation with `keep` records and its combinations keep
/// (Evaluator.keep, TracesByTruth): a leaf whose truth is `keep`, in a combination whose truth is
/// `keep`. Debug builds check every finding made this way against the traced one (RuleEvaluator).
struct AbsentLeaves {
    /// One absent (or null) leaf that decides the outcome.
    struct Leaf {
        /// Its concrete path (`products[0].donor.consent`).
        var path: String
        /// Where to point: the key of the nearest stated parent, or of the null value.
        var location: SourceLocation
    }

    /// The protocol's root (`$.` paths).
    let root: YAMLNode
    /// The outcome being explained: `unknown`, or `false` for want of stated values.
    let keep: Truth

    /// The truth of `condition` with relative paths at `node` (whose concrete path renders as
    /// `rendered`); when it is `keep`, the absent leaves deciding it are appended to `leaves`.
    /// nil when the condition has a part only the traced evaluation explains.
    func collect(_ condition: Condition, at node: YAMLNode, rendered: String, context: OperatorContext,
                 into leaves: inout [Leaf]) -> Truth? {
        switch condition {
        case .all(let parts, _):
            return combine(parts, at: node, rendered: rendered, context: context, into: &leaves) { $0.and($1) }
        case .any(let parts, _):
            return combine(parts, at: node, rendered: rendered, context: context, into: &leaves) { $0.or($1) }
        case .anyStated(let parts, _):
            return combine(parts, at: node, rendered: rendered, context: context, into: &leaves) { $0.orStated($1) }
        case .not(let inner, _):
            // Under `not` the traced evaluation keeps the negated truth: the same leaves for
            // `unknown`; for `false`, true leaves that are not "false for want of a value".
            guard keep == .unknown else { return nil }
            return collect(inner, at: node, rendered: rendered, context: context, into: &leaves)?.negated
        case .forEach:
            return nil
        case .leaf(let leaf):
            guard let steps = leaf.plainSteps else { return nil }
            let (found, anchor) = PathResolver.one(steps, from: leaf.rootedPath ? root : node)
            guard let value = found, !value.isNull else {
                let truth = leaf.op.whenAbsent
                if truth == keep, let path = leaf.path {
                    leaves.append(Leaf(path: path.rendered(after: path.isRooted ? "" : rendered), location: anchor.location))
                }
                return truth
            }
            let truth = leaf.op.test(value, in: context).truth
            // A stated value that decides it (a violation, a value too imprecise, an operand not
            // stated) is explained by the traced evaluation.
            return truth == keep ? nil : truth
        }
    }

    /// Whether `condition` has the shape `collect` explains: `all`, `any`, `any_stated` and `not`
    /// over leaves on paths without `[*]` (with `keep` unknown; `not` with `keep` false, and a
    /// stated value that decides the outcome, still make `collect` return nil). Worked out once
    /// when a rule is made (`Rule.whenExplainsAbsence`).
    static func explains(_ condition: Condition) -> Bool {
        switch condition {
        case .all(let parts, _), .any(let parts, _), .anyStated(let parts, _): return parts.allSatisfy(explains)
        case .not(let inner, _): return explains(inner)
        case .forEach: return false
        case .leaf(let leaf): return leaf.plainSteps != nil
        }
    }

    /// Every part is evaluated; the leaves of the parts whose truth is the result's are kept when
    /// the result is `keep` (a part whose truth is not `keep` appended none).
    private func combine(_ parts: [Condition], at node: YAMLNode, rendered: String, context: OperatorContext,
                         into leaves: inout [Leaf], _ op: (Truth, Truth) -> Truth) -> Truth? {
        let start = leaves.count
        var result: Truth?
        for part in parts {
            guard let truth = collect(part, at: node, rendered: rendered, context: context, into: &leaves) else { return nil }
            result = result.map { op($0, truth) } ?? truth
        }
        let truth = result ?? .true
        if truth != keep { leaves.removeSubrange(start...) }
        return truth
    }
}
