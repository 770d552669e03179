import YAMLSource
import StemCheckModel

/// The result of evaluating a condition: its truth and, when tracing, the leaves that decided it.
struct Outcome {
    var truth: Truth
    var traces: [LeafTrace] = []
}

/// Evaluates compiled conditions against one protocol (SPEC 3.1, 3.2, 3.5).
///
/// Without tracing it allocates nothing per leaf; results that do not pass are evaluated a
/// second time with tracing to explain them.
struct Evaluator {
    /// The protocol's root mapping (the target of `$.` paths).
    let root: YAMLNode
    /// Whether to record the deciding leaves.
    let tracing: Bool
    /// When tracing, the truth the condition is known to have (from an evaluation without
    /// tracing): a trace is recorded only where its outcome is that truth (negated under each
    /// `not`), because a combination keeps only the traces of its parts whose truth is its own,
    /// so no other trace can reach the result. nil records every trace.
    let keep: Truth?
    /// Values on `$.` paths already computed for other items of the `each` list being evaluated
    /// (nil: computed where they are asked for). Only a leaf's computed subject (`value: {count:
    /// ...}`) looks there; an operator's computed operand is computed where it is asked for
    /// (carrying the values in every scope's operator context cost every rule more than the
    /// items saved; no shipped rule has such an operand).
    let values: RootValues?

    init(root: YAMLNode, tracing: Bool, keep: Truth? = nil, values: RootValues? = nil) {
        self.root = root
        self.tracing = tracing
        self.keep = keep
        self.values = values
    }

    /// Whether a trace whose outcome is `truth` can reach the result (see `keep`).
    @inline(__always) func records(_ truth: Truth) -> Bool {
        tracing && (keep == nil || keep == truth)
    }

    /// Where relative paths start: the document root, or the current `for_each` item. It carries
    /// the operators' context, made once per scope rather than once per leaf.
    struct Scope {
        var context: OperatorContext
        var node: YAMLNode { context.scope }
        /// The concrete path of `node` from the root; empty when not tracing.
        var path: [Path.Segment] { context.prefix }
        /// `path` rendered (`arms[1]`); empty when not tracing.
        let renderedPath: String

        /// `rendered`, when given, is `Path.render(path)` made by the caller (a list's items
        /// share their list's rendering).
        init(node: YAMLNode, root: YAMLNode, path: [Path.Segment], tracing: Bool, rendered: String? = nil) {
            context = OperatorContext(root: root, scope: node, prefix: path, tracing: tracing)
            renderedPath = tracing && !path.isEmpty ? rendered ?? Path.render(path) : ""
        }
    }

    /// A scope at `node`, whose concrete path is `path`.
    func scope(_ node: YAMLNode, path: [Path.Segment], rendered: String? = nil) -> Scope {
        Scope(node: node, root: root, path: path, tracing: tracing, rendered: rendered)
    }

    func evaluate(_ condition: Condition) -> Outcome {
        evaluate(condition, in: scope(root, path: []))
    }

    /// Evaluates with relative paths starting at `node` (an `each` item), whose concrete path is
    /// `path` (rendered: `rendered`, when the caller has it).
    func evaluate(_ condition: Condition, at node: YAMLNode, path: [Path.Segment], rendered: String? = nil) -> Outcome {
        evaluate(condition, in: scope(node, path: path, rendered: rendered))
    }

    func evaluate(_ condition: Condition, in scope: Scope) -> Outcome {
        switch condition {
        case .all(let parts, _):
            return combine(parts, in: scope) { $0.and($1) }
        case .any(let parts, _):
            return combine(parts, in: scope) { $0.or($1) }
        case .anyStated(let parts, _):
            return combine(parts, in: scope) { $0.orStated($1) }
        case .not(let inner, _):
            // Under `not`, the traces that reach the result are those of the negated truth.
            let evaluator = keep.map { Evaluator(root: root, tracing: tracing, keep: $0.negated, values: values) } ?? self
            let outcome = evaluator.evaluate(inner, in: scope)
            return Outcome(truth: outcome.truth.negated, traces: outcome.traces)
        case .forEach(let spec):
            return forEach(spec, in: scope)
        case .leaf(let leaf):
            return evaluate(leaf, in: scope)
        }
    }

    /// Every part is evaluated (errors dominate whatever the order); the deciding parts are those
    /// whose value equals the result.
    private func combine(_ parts: [Condition], in scope: Scope, _ op: (Truth, Truth) -> Truth) -> Outcome {
        var result: Truth?
        // When tracing, the parts' traces gathered by their truth, in order: the result's are kept.
        var traces = TracesByTruth()
        for part in parts {
            let outcome = evaluate(part, in: scope)
            result = result.map { op($0, outcome.truth) } ?? outcome.truth
            if tracing { traces.add(outcome) }
        }
        let truth = result ?? .true
        guard tracing else { return Outcome(truth: truth) }
        return Outcome(truth: truth, traces: traces.take(truth))
    }

    func start(_ path: Path, in scope: Scope) -> Scope {
        path.isRooted ? self.scope(root, path: []) : scope
    }

    // MARK: for_each

    private func forEach(_ spec: ForEach, in scope: Scope) -> Outcome {
        if !tracing, let list = spec.plainList { return untracedForEach(spec, list: list, in: scope) }
        let base = start(spec.path, in: scope)
        var items: [(node: YAMLNode, path: [Path.Segment], rendered: String?)] = []
        // A list's items' concrete paths, made only for the items whose evaluation is traced
        // (a `where` drops most items untraced): the list's concrete path and its rendering.
        var listBase: (concrete: [Path.Segment], rendered: String)?
        var listLocation: SourceLocation?
        // Unknown when a wildcard reached an element without the list.
        var reached = Truth.true
        var outcomes = TracesByTruth()
        if spec.path.hasWildcard {
            let targets = PathResolver.all(spec.path.segments, from: base.node, prefix: base.path, tracing: tracing)
            if targets.count == 1, targets[0].value == nil {
                return missing(spec.path, targets[0], op: "for_each", expected: "a list")
            }
            items = targets.compactMap { t in t.value.map { ($0, t.concrete, nil) } }
            listLocation = targets.first?.anchor.location
            // An element the wildcard reaches that lacks the rest of the path is missing (unknown), as for leaves.
            for target in targets where target.value == nil {
                reached = reached.and(.unknown)
                if tracing { outcomes.add(missing(spec.path, target, op: "for_each", expected: "a value")) }
            }
        } else {
            let targets = PathResolver.all(spec.path.segments, from: base.node, prefix: base.path, tracing: tracing)
            let target = targets[0]
            guard let list = target.value else {
                return missing(spec.path, target, op: "for_each", expected: "a list")
            }
            guard list.kind == .sequence else {
                return Outcome(truth: .error, traces: records(.error) ? [LeafTrace(
                    path: Path.render(target.concrete, rooted: spec.path.isRooted && base.path.isEmpty), op: "for_each",
                    expected: "a list", actual: ReportValue.of(list), outcome: .error, location: list.location,
                    detail: "for_each needs a list, found \(describe(list))", isForEach: true)] : [])
            }
            listLocation = target.anchor.location
            // An item's rendered path is its list's and `[n]`: the list is rendered once.
            if tracing { listBase = (target.concrete, Path.render(target.concrete)) }
            items = list.items.map { ($0, [], nil) }
        }
        var tally = ForEachTally(reached)
        // A `where` is decided without tracing, in a scope of its own: its traces can reach the
        // result only when it is unknown or error (an item it keeps or drops leaves none), and
        // then only if that truth is recorded; it is traced again just for that.
        let deciding = Evaluator(root: root, tracing: false, values: values)
        for (position, item) in items.enumerated() {
            func itemScope() -> Scope {
                guard let listBase else { return self.scope(item.node, path: item.path, rendered: item.rendered) }
                return self.scope(item.node, path: listBase.concrete + [.index(position)], rendered: Path.item(position, of: listBase.rendered))
            }
            if let filter = spec.filter {
                // (Untraced, the item's concrete path is not read.)
                let w = deciding.evaluate(filter, in: deciding.scope(item.node, path: [])).truth
                guard tally.keeps(where: w) else {
                    if w == .unknown || w == .error, records(w) {
                        let traced = evaluate(filter, in: itemScope())
                        assert(traced.truth == w, "a traced `where` decided otherwise than the untraced one")
                        outcomes.add(traced)
                    }
                    continue
                }
            }
            let c = evaluate(spec.check, in: itemScope())
            tally.count(check: c.truth)
            if tracing { outcomes.add(c) }
        }
        let truth = tally.finish(minItems: spec.minItems)
        let kept = tally.kept
        guard records(truth) else { return Outcome(truth: truth) }
        var traces = outcomes.take(truth)
        if kept < spec.minItems, truth == .false {
            traces.append(LeafTrace(
                path: Path.render(base.path + spec.path.segments, rooted: false), op: "min_items", expected: spec.minItemsExpected,
                actual: .string(Self.matchingItems(kept, of: items.count)), outcome: .false, location: listLocation,
                detail: Self.keptItems(kept, of: items.count), isForEach: true))
        }
        return Outcome(truth: truth, traces: traces)
    }

    /// `2 matching items of 3`: the `min_items` trace's value. (Written into one buffer, as
    /// `keptItems`: interpolating the parts cost several times more, for every `for_each` that
    /// fails.)
    static func matchingItems(_ kept: Int, of count: Int) -> String {
        var text = ByteSink(capacity: 40)
        text.append(decimal: kept)
        text.append(kept == 1 ? " matching item of " as StaticString : " matching items of ")
        text.append(decimal: count)
        return text.text
    }

    /// `for_each kept 2 of 3 items`: the `min_items` trace's detail.
    static func keptItems(_ kept: Int, of count: Int) -> String {
        var text = ByteSink(capacity: 40)
        text.append("for_each kept " as StaticString)
        text.append(decimal: kept)
        text.append(" of " as StaticString)
        text.append(decimal: count)
        text.append(count == 1 ? " item" as StaticString : " items")
        return text.text
    }

    /// `forEach` of a list path (no `[*]`) without tracing: the same truth, the items visited in
    /// place (no array of items, no concrete paths).
    private func untracedForEach(_ spec: ForEach, list steps: PlainSteps, in scope: Scope) -> Outcome {
        guard let list = steps.node(from: spec.path.isRooted ? root : scope.node),
              !list.isNull else { return Outcome(truth: .unknown) }
        guard list.kind == .sequence else { return Outcome(truth: .error) }
        return Outcome(truth: ForEachTally.decide(spec, over: list) { condition, item, _ in
            evaluate(condition, in: self.scope(item, path: [])).truth
        })
    }

    private func missing(_ path: Path, _ target: PathTarget, op: String, expected: String) -> Outcome {
        guard records(.unknown) else { return Outcome(truth: .unknown) }
        return Outcome(truth: .unknown, traces: [LeafTrace(
            path: Path.render(target.concrete), op: op, expected: expected, actual: nil, outcome: .unknown,
            location: target.anchor.location, detail: target.node == nil ? "not stated" : "null (not stated)", isForEach: true)])
    }

    // MARK: Leaves

    private func evaluate(_ leaf: Leaf, in scope: Scope) -> Outcome {
        // The common case, a path without `[*]` and no tracing: one node, one test, no copy of the subject.
        if !tracing, let steps = leaf.plainSteps {
            guard let node = steps.node(from: leaf.rootedPath ? root : scope.node), !node.isNull else {
                return Outcome(truth: leaf.op.whenAbsent)
            }
            return Outcome(truth: leaf.op.test(node, in: scope.context).truth)
        }
        switch leaf.subject {
        case .path(let path): return evaluate(leaf, path: path, in: scope)
        case .computed(let reference): return evaluate(leaf, computed: reference, in: scope)
        }
    }

    private func evaluate(_ leaf: Leaf, path: Path, in scope: Scope) -> Outcome {
        // Where the path starts, without copying the scope: `$.` paths at the root.
        let startNode = path.isRooted ? root : scope.node
        if let steps = leaf.plainSteps {
            // One target, whose concrete path is the scope's and the path's: no segment arrays.
            let (node, anchor) = steps.resolve(from: startNode)
            let target = PathTarget(node: node, concrete: [], anchor: anchor)
            var traces: [LeafTrace] = []
            let truth = test(leaf, target, path, after: path.isRooted ? "" : scope.renderedPath, in: scope, traces: &traces)
            return Outcome(truth: truth, traces: traces)
        }
        let targets = PathResolver.all(path.segments, from: startNode, prefix: path.isRooted ? [] : scope.path, tracing: tracing)
        var truth: Truth?
        var traces: [LeafTrace] = []
        for target in targets {
            let outcome = test(leaf, target, path, after: nil, in: scope, traces: &traces)
            truth = truth.map { $0.and(outcome) } ?? outcome
        }
        let result = truth ?? .unknown
        guard tracing else { return Outcome(truth: result) }
        // Usually every target has the result's outcome: keep the array as it is.
        if traces.allSatisfy({ $0.outcome == result }) { return Outcome(truth: result, traces: traces) }
        return Outcome(truth: result, traces: traces.filter { $0.outcome == result })
    }

    /// Tests one target of a leaf's path; when tracing, records it in `traces` at its concrete
    /// path, rendered only then: `path` after `prefix` (the scope's rendered path, or "" for a
    /// rooted path), or, with `prefix` nil, the target's own concrete path (a wildcard's target).
    /// (Parameters rather than a closure: a closure capturing the path and the scope copied both
    /// for every leaf.)
    private func test(_ leaf: Leaf, _ target: PathTarget, _ path: Path, after prefix: String?, in scope: Scope,
                      traces: inout [LeafTrace]) -> Truth {
        let outcome = target.value.map { leaf.op.test($0, in: scope.context) } ?? LeafOutcome(leaf.op.whenAbsent)
        if records(outcome.truth) {
            let unknown = outcome.truth == .unknown
            traces.append(LeafTrace(
                path: prefix.map { path.rendered(after: $0) } ?? Path.render(target.concrete), op: leaf.definition.name, expected: leaf.expected,
                actual: target.value.map(ReportValue.of), outcome: outcome.truth, location: target.anchor.location,
                detail: outcome.detail ?? (target.value == nil && unknown ? (target.node == nil ? "not stated" : "null (not stated)") : nil),
                missingOperand: target.value != nil && unknown && !outcome.imprecise ? outcome.missing.first : nil))
            traces[traces.count - 1].missingInputs = target.value != nil && unknown && !outcome.imprecise ? outcome.missing : []
            traces[traces.count - 1].restsOnAbsence = target.value == nil && outcome.truth == .false
            if outcome.imprecise {
                traces[traces.count - 1].imprecise = true
                traces[traces.count - 1].impreciseValue = outcome.impreciseValue
                traces[traces.count - 1].comparedPath = outcome.impreciseOperandPath
            }
        }
        return outcome.truth
    }
}

/// Traces of a combination's parts by the parts' truth, in order; the combination keeps those of
/// its result (`take`). Gathered as the parts come, without an array of outcomes to filter; the
/// first part of a truth hands over its array (no element is copied), later ones are appended.
struct TracesByTruth {
    private var whenTrue: [LeafTrace] = []
    private var whenFalse: [LeafTrace] = []
    private var whenUnknown: [LeafTrace] = []
    private var whenError: [LeafTrace] = []

    mutating func add(_ outcome: Outcome) {
        guard !outcome.traces.isEmpty else { return }
        switch outcome.truth {
        case .true: Self.add(outcome.traces, to: &whenTrue)
        case .false: Self.add(outcome.traces, to: &whenFalse)
        case .unknown: Self.add(outcome.traces, to: &whenUnknown)
        case .error: Self.add(outcome.traces, to: &whenError)
        }
    }

    private static func add(_ traces: [LeafTrace], to list: inout [LeafTrace]) {
        if list.isEmpty { list = traces } else { list.append(contentsOf: traces) }
    }

    /// The traces of the parts whose truth is `truth`.
    func take(_ truth: Truth) -> [LeafTrace] {
        switch truth {
        case .true: return whenTrue
        case .false: return whenFalse
        case .unknown: return whenUnknown
        case .error: return whenError
        }
    }
}
