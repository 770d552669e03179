import YAMLSource
import StemCheckModel

/// The absent fields an undecided outcome rests on, found without tracing (issue 20).
///
/// A rule left `unknown` because fields are not stated is explained by a second, traced
/// evaluation whose traces give its missing fields and location. When no output of the run shows
/// the traces or the worded message (text, GitHub, Markdown, HTML, essential JSON), that evaluation builds a trace per
/// leaf only to read two things from it: the concrete path of each absent leaf that decides the
/// outcome, and where to point. This finds the same leaves directly, for conditions made of
/// `all`, `any`, `any_stated` and `not` over leaves on paths without `[*]`, or on paths with
/// `[*]` whose list is not stated: the common shape of a "not stated" rule, and `for_each` of a
/// list path without `[*]` whose `where` and `check` have that shape (with `keep` unknown: a list
/// not stated, or items whose fields are not). A computed value is decided untraced; only when it
/// is `unknown` is it traced, alone, to name its inputs (in a check: `RuleEvaluator.decide`
/// traces a `when` holding one whole). Anything else (a stated value that
/// decides the outcome, a value too imprecise to decide) is left to the traced evaluation of the
/// whole condition (`collect` returns nil).
///
/// The leaves kept are those the traced evaluation with `keep` records and its combinations keep
/// (Evaluator.keep, TracesByTruth): a leaf whose truth is `keep`, in a combination whose truth is
/// `keep`. Debug builds check every finding made this way against the traced one (RuleEvaluator).
struct AbsentLeaves {
    /// One leaf that decides the outcome: absent (or null), stated but compared with a field
    /// that is not (`approvals.ethics.date` ≤ `protocol.dates.first_enrolment`), or a computed
    /// value with an input not stated (`min(registrations[*].first_posted)`, one leaf per input).
    struct Leaf {
        /// Its concrete path (`products[0].donor.consent`), or its computed value's text ("" while
        /// the value is pending).
        var path: String
        /// Where to point: the key of the nearest stated parent, or of the null value; the value
        /// itself when it is stated (the rule's leaf while the value is pending).
        var location: SourceLocation
        /// Set when the path left undecided is not the leaf's own, or the leaf is a computed value
        /// not named yet (nil for an absent leaf, by far the most: one reference, so copying an
        /// absent leaf costs no more than before).
        var elsewhere: Elsewhere? = nil

        /// The path whose absence leaves it undecided, as `LeafTrace.visitUndecidedPaths` names
        /// it for its trace: the compared field's, or the computed value's input, else its own.
        var undecidedPath: String {
            if case .undecided(let undecided, _)? = elsewhere?.kind { return undecided }
            return path
        }

        /// The value of `actual` in its finding, as its trace shows it.
        var actual: RuleValue? {
            if case .undecided(_, let actual)? = elsewhere?.kind { return actual }
            return nil
        }

        /// The computed value it stands for until `named(_:at:path:rendered:)` names it.
        var pending: StemCheckEngine.Leaf? {
            if case .pending(let leaf)? = elsewhere?.kind { return leaf }
            return nil
        }
    }

    /// What a leaf holds besides its path and location.
    final class Elsewhere: Sendable {
        enum Kind: Sendable {
            /// The path that leaves the leaf undecided, not its own (a compared field not stated,
            /// a computed value's input not stated), and the leaf's value (nil when it has none).
            case undecided(String, actual: RuleValue?)
            /// A computed value whose truth is `keep`, named (`named(_:at:path:rendered:)`) only
            /// once the whole condition is known to be kept: most such values sit in a condition
            /// decided otherwise (a `when` false by another part), where naming them would be wasted.
            case pending(StemCheckEngine.Leaf)
        }

        let kind: Kind

        init(_ kind: Kind) {
            self.kind = kind
        }
    }

    /// The concrete path of a scope (a root, an `each` item, a `for_each` item), rendered only
    /// when a leaf below it is kept.
    struct Rendering {
        private let base: String
        private let list: Path?
        private let index: Int

        /// A scope whose path renders as `text` ("" at the root).
        init(_ text: String) {
            base = text
            list = nil
            index = 0
        }

        /// Item `index` of the list at `list` below a scope rendered `base`.
        init(item index: Int, of list: Path, after base: String) {
            self.base = base
            self.list = list
            self.index = index
        }

        /// Whether it is an item of a `for_each` below the scope `collect` started at.
        var isForEachItem: Bool { list != nil }

        /// `a.list[2]`.
        var text: String { list.map { Path.item(index, of: $0.rendered(after: base)) } ?? base }
    }

    /// The protocol's root (`$.` paths).
    let root: YAMLNode
    /// The outcome being explained: `unknown`, or `false` for want of stated values.
    let keep: Truth
    /// Values on `$.` paths computed for the `each` list being evaluated, as the evaluator is given them.
    var values: RootValues? = nil

    /// The truth of `condition` with relative paths at `node` (whose concrete path renders as
    /// `rendered`); when it is `keep`, the absent leaves deciding it are appended to `leaves`.
    /// nil when the condition has a part only the traced evaluation explains.
    func collect(_ condition: Condition, at node: YAMLNode, rendered: Rendering, context: OperatorContext,
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
        case .forEach(let spec):
            // For `false` the traced evaluation also keeps the items a `where` dropped for want of
            // a value, and a `min_items` trace: left to it.
            guard keep == .unknown, let list = spec.plainList else { return nil }
            return forEach(spec, list: list, at: node, rendered: rendered, into: &leaves)
        case .leaf(let leaf):
            guard let steps = leaf.plainSteps else {
                // A path with `[*]` whose list is not stated (or null) reaches one target, not
                // stated, at the whole path (`PathResolver.all`).
                guard let list = leaf.listSteps else {
                    guard case .computed = leaf.subject else { return nil }
                    return computed(leaf, at: node, rendered: rendered, into: &leaves)
                }
                let (found, anchor) = list.resolve(from: leaf.rootedPath ? root : node)
                if let found, !found.isNull { return targets(of: leaf, at: node, rendered: rendered, context: context, into: &leaves) }
                return absent(leaf, anchor: anchor, rendered: rendered, into: &leaves)
            }
            let (found, anchor) = steps.resolve(from: leaf.rootedPath ? root : node)
            guard let value = found, !value.isNull else { return absent(leaf, anchor: anchor, rendered: rendered, into: &leaves) }
            let truth = leaf.op.test(value, in: context).truth
            guard truth == keep else { return truth }
            // A stated value that decides it (a violation, a value too imprecise) is explained by
            // the traced evaluation; one compared with a field not stated is kept here.
            guard let operand = unstatedOperand(of: leaf, value: value, at: node, rendered: rendered) else { return nil }
            leaves.append(Leaf(path: Path.join(leaf.renderedPath, after: leaf.rootedPath ? "" : rendered.text),
                               location: anchor.location, elsewhere: Elsewhere(.undecided(operand, actual: ReportValue.of(value)))))
            return truth
        }
    }

    /// A wildcard path over a stated list, as the traced evaluation decides it: every target
    /// tested, the truth their `and`; with `keep` unknown, the targets not stated are kept (at
    /// their concrete paths) when it is unknown. nil when a stated target is unknown (a value too
    /// imprecise, or compared with a field not stated: left to the traced evaluation), and with
    /// `keep` false (a stated target that is false is a violation, explained by tracing; testing
    /// every target again to find one cost more than the tracing it saved).
    private func targets(of leaf: StemCheckEngine.Leaf, at node: YAMLNode, rendered: Rendering, context: OperatorContext,
                         into leaves: inout [Leaf]) -> Truth? {
        guard keep == .unknown, case .path(let path) = leaf.subject else { return nil }
        let start = leaf.rootedPath ? root : node
        var result: Truth?
        var absent = false
        for target in PathResolver.all(path.segments, from: start, prefix: [], tracing: false) {
            let truth: Truth
            if let value = target.value {
                truth = leaf.op.test(value, in: context).truth
                if truth == keep { return nil }
            } else {
                truth = leaf.op.whenAbsent
                absent = true
            }
            result = result.map { $0.and(truth) } ?? truth
        }
        let truth = result ?? .unknown
        guard truth == keep, absent, leaf.op.whenAbsent == keep else { return truth }
        // Most such leaves hold: the targets not stated are named (their concrete paths made by a
        // second walk) only when they are kept.
        let base = leaf.rootedPath ? "" : rendered.text
        for target in PathResolver.all(path.segments, from: start, prefix: [], tracing: true) where target.value == nil {
            leaves.append(Leaf(path: Path.join(Path.render(target.concrete), after: base), location: target.anchor.location))
        }
        return truth
    }

    /// A computed value (`value: {min: ...}`), decided untraced as the evaluator decides it; when
    /// it is `unknown`, kept pending, to be named by `named(_:at:path:rendered:)`. nil with `keep`
    /// false, and inside a `for_each` item (whose concrete path is not at hand) when it is `unknown`.
    private func computed(_ leaf: StemCheckEngine.Leaf, at node: YAMLNode, rendered: Rendering, into leaves: inout [Leaf]) -> Truth? {
        guard keep == .unknown else { return nil }
        let truth = Evaluator(root: root, tracing: false, values: values).evaluate(.leaf(leaf), at: node, path: []).truth
        guard truth == keep else { return truth }
        guard !rendered.isForEachItem else { return nil }
        leaves.append(Leaf(path: "", location: leaf.location, elsewhere: Elsewhere(.pending(leaf))))
        return truth
    }

    /// `leaves` kept by `collect` at `node` (the scope it started at, whose concrete path is
    /// `path`, rendered `rendered`) with each pending computed value named: that leaf alone
    /// evaluated traced (as the whole condition would be), kept once per input its trace names,
    /// with the trace's path, value and location. nil when a value leaves no trace, or a trace
    /// names no input (a value too imprecise to decide) or has no location: the traced
    /// evaluation of the whole condition explains it.
    func named(_ leaves: [Leaf], at node: YAMLNode, path: [Path.Segment], rendered: String) -> [Leaf]? {
        var named: [Leaf] = []
        named.reserveCapacity(leaves.count + 1)
        for kept in leaves {
            guard let leaf = kept.pending else {
                named.append(kept)
                continue
            }
            let traced = Evaluator(root: root, tracing: true, keep: keep, values: values)
                .evaluate(.leaf(leaf), at: node, path: path, rendered: rendered)
            guard !traced.traces.isEmpty else { return nil }
            for trace in traced.traces {
                let before = named.count
                if !trace.imprecise, let location = trace.location {
                    trace.visitUndecidedPaths { path, _ in
                        named.append(Leaf(path: trace.path, location: location, elsewhere: Elsewhere(.undecided(path, actual: trace.actual))))
                    }
                }
                guard named.count > before else { return nil }
            }
        }
        return named
    }

    /// The concrete path of the one plain `{path: OTHER}` operand of `leaf` when it is not
    /// stated and that alone leaves the stated `value` undecided (as the traced test names it);
    /// nil otherwise (another operand, a value too imprecise to decide).
    private func unstatedOperand(of leaf: StemCheckEngine.Leaf, value: YAMLNode, at node: YAMLNode, rendered: Rendering) -> String? {
        guard keep == .unknown else { return nil }
        let references = leaf.op.references
        guard references.count == 1, let other = references[0].plainPath else { return nil }
        // Traced, with the scope's concrete path left out: it is the rendering's, joined below.
        let outcome = leaf.op.test(value, in: OperatorContext(root: root, scope: node, tracing: true))
        guard outcome.truth == .unknown, !outcome.imprecise, outcome.missing.count == 1 else { return nil }
        return Path.join(outcome.missing[0], after: other.isRooted ? "" : rendered.text)
    }

    /// The truth of a leaf whose value is not stated; when it is `keep`, the leaf is kept, at its
    /// path (the whole path, `[*]` and all, as the traced evaluation names it) and `anchor`.
    private func absent(_ leaf: StemCheckEngine.Leaf, anchor: YAMLNode, rendered: Rendering, into leaves: inout [Leaf]) -> Truth {
        let truth = leaf.op.whenAbsent
        if truth == keep {
            // Room for a few at the first: most conditions kept have two or more, which grew
            // the array twice. (A leaf with steps has a path subject.)
            if leaves.capacity == 0 { leaves.reserveCapacity(4) }
            leaves.append(Leaf(path: Path.join(leaf.renderedPath, after: leaf.rootedPath ? "" : rendered.text), location: anchor.location))
        }
        return truth
    }

    /// Whether `condition` has the shape `collect` explains: `all`, `any`, `any_stated` and `not`
    /// over leaves on paths or computed values, and `for_each` of a list path without `[*]` over
    /// such conditions (with `keep` unknown; `not`, `for_each` and computed values with `keep`
    /// false, and a stated value that decides the outcome, still make `collect` return nil).
    /// Worked out once when a rule is made (`Rule.whenExplainsAbsence`).
    static func explains(_ condition: Condition) -> Bool {
        switch condition {
        case .all(let parts, _), .any(let parts, _), .anyStated(let parts, _): return parts.allSatisfy(explains)
        case .not(let inner, _): return explains(inner)
        case .forEach(let spec): return !spec.path.hasWildcard && explains(spec.check) && (spec.filter.map(explains) ?? true)
        case .leaf(let leaf):
            if case .computed = leaf.subject { return true }
            return leaf.plainSteps != nil || leaf.listSteps != nil
        }
    }

    /// A `for_each` of a list path without `[*]`, as the traced `Evaluator.forEach` decides and
    /// explains it with `keep` unknown: a list not stated is one absent leaf (the list's path); else
    /// the leaves of the items whose `where` or `check` is unknown, when the result is unknown.
    private func forEach(_ spec: ForEach, list steps: PlainSteps, at node: YAMLNode, rendered: Rendering, into leaves: inout [Leaf]) -> Truth? {
        let (found, anchor) = steps.resolve(from: spec.path.isRooted ? root : node)
        // The items' paths are rendered only for the leaves kept (most items keep none).
        let base = spec.path.isRooted ? "" : rendered.text
        guard let list = found, !list.isNull else {
            leaves.append(Leaf(path: spec.path.rendered(after: base), location: anchor.location))
            return .unknown
        }
        guard list.kind == .sequence else { return .error }
        let start = leaves.count
        let decided = try? ForEachTally.decide(spec, over: list) { (condition, item, position) throws(Unexplained) in
            guard let truth = collect(condition, at: item, rendered: Rendering(item: position, of: spec.path, after: base),
                                      context: OperatorContext(root: root, scope: item), into: &leaves) else { throw Unexplained() }
            return truth
        }
        guard let truth = decided else { return nil }
        if truth != keep, leaves.count > start { leaves.removeSubrange(start...) }
        return truth
    }

    /// A part of an item's `where` or `check` that only the traced evaluation explains.
    private struct Unexplained: Error {}

    /// Every part is evaluated; the leaves of the parts whose truth is the result's are kept when
    /// the result is `keep` (a part whose truth is not `keep` appended none).
    private func combine(_ parts: [Condition], at node: YAMLNode, rendered: Rendering, context: OperatorContext,
                         into leaves: inout [Leaf], _ op: (Truth, Truth) -> Truth) -> Truth? {
        let start = leaves.count
        var result: Truth?
        for part in parts {
            guard let truth = collect(part, at: node, rendered: rendered, context: context, into: &leaves) else { return nil }
            result = result.map { op($0, truth) } ?? truth
        }
        let truth = result ?? .true
        if truth != keep, leaves.count > start { leaves.removeSubrange(start...) }
        return truth
    }
}
