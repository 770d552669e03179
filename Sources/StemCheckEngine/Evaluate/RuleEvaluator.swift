#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    /// Whether `unknown` findings that name their missing fields get a sentence saying what is
    /// not stated. When false (no output format of the run shows that sentence: text, GitHub,
    /// Markdown, HTML and essential JSON list the missing fields instead) their message is just "not stated".
    public var explainUnknown: Bool
    /// Whether `unknown` findings that list missing fields carry their `why`. When false, and
    /// `explainUnknown` is false too (no output format of the run shows either: text, GitHub,
    /// Markdown, HTML, essential JSON), an `unknown` finding that rests on absent fields is made from those
    /// fields alone (`AbsentLeaves`), without the traced second evaluation: its `why` is empty;
    /// its status, message, path, location and missing fields are the same.
    public var traceUnknown: Bool
    /// Whether a pass whose check is one leaf on a path names that path, where its value is and
    /// the value. When false (no output format of the run shows them) a pass is just "passed".
    public var describePasses: Bool

    /// Creates an evaluator.
    public init(explainNotApplicable: Bool = true, explainUnknown: Bool = true, traceUnknown: Bool = true,
                describePasses: Bool = true) {
        self.explainNotApplicable = explainNotApplicable
        self.explainUnknown = explainUnknown
        self.traceUnknown = traceUnknown
        self.describePasses = describePasses
    }

    /// Evaluates one rule against a protocol root.
    ///
    /// A `when` that cannot be decided does not hide the rule (SPEC 3.2): the check is still
    /// evaluated; if it holds, the rule is met whichever way applicability falls (`pass`),
    /// otherwise the finding is `unknown` with the applicability paths listed. A check that is
    /// false only because required fields are absent (`exists: true` on nothing) is `unknown`, not
    /// `fail`: `fail` means the protocol states something that violates the requirement.
    ///
    /// The finding's `location` is always in the protocol's file (the root's): a protocol may hold
    /// nodes from another file (a grafted registry record), and a finding about such a value points
    /// at the first part of its decision that is in the protocol file, or nowhere. Its `why` keeps
    /// every location with its own file.
    public func evaluate(_ rule: Rule, root: YAMLNode) -> Finding {
        var lists = EachRule.Lists()
        return evaluate(rule, root: root, lists: &lists)
    }

    /// Evaluates one rule; `lists` keeps the document's `each` lists for the rules after it (make
    /// one per document).
    func evaluate(_ rule: Rule, root: YAMLNode, lists: inout EachRule.Lists) -> Finding {
        guard let each = rule.each else { return evaluate(rule, root: root, item: nil) }
        return EachRule.evaluate(rule, each: each, root: root, list: lists.list(each, root: root), explainUnknown: explainUnknown) { item in
            evaluate(rule, root: root, item: item)
        }
    }

    /// Evaluates a rule on the whole document (`item` nil) or on one item of an `each` rule.
    func evaluate(_ rule: Rule, root: YAMLNode, item: EachRule.Item?) -> Finding {
        guard !explainUnknown && !traceUnknown else { return evaluate(rule, root: root, item: item, lean: false) }
        let finding = evaluate(rule, root: root, item: item, lean: true)
        assert(finding.status != .unknown || !finding.why.isEmpty || Self.sameBesidesWhy(finding, evaluate(rule, root: root, item: item, lean: false)),
               "rule \(rule.id): an unknown finding made from its absent fields differs from the traced one")
        return finding
    }

    /// Whether two findings say the same, their `why` aside.
    private static func sameBesidesWhy(_ a: Finding, _ b: Finding) -> Bool {
        var a = a, b = b
        a.why = []
        b.why = []
        return a == b
    }

    /// `lean`: an `unknown` finding resting on absent fields is made from them (`AbsentLeaves`)
    /// when the conditions allow, without tracing.
    private func evaluate(_ rule: Rule, root: YAMLNode, item: EachRule.Item?, lean: Bool) -> Finding {
        // (The scope's node, path and rendering are copied only where they are read: each copy
        // is a reference count, and most rules read none of them.)
        var applicability: [MissingField] = []
        var whenTraces: [LeafTrace] = []
        // The `when` leaves not stated, found without tracing (lean); nil when traced.
        var whenAbsent: [AbsentLeaves.Leaf]? = nil
        if let when = rule.when {
            let (applies, unstated) = lean ? decide(when, explainsAbsence: rule.whenExplainsAbsence, namesComputed: false, root: root, item: item)
                : (Self.untraced(when, root: root, item: item), nil)
            if applies == .false, !explainNotApplicable {
                return Finding(status: .notApplicable, message: "not applicable")
            }
            if lean, applies == .unknown, let absent = unstated, !absent.isEmpty {
                whenAbsent = absent
                applicability = Self.missing(absent, reason: .applicability)
            } else if applies != .true {
                let traced = Self.traced(when, keep: applies, root: root, item: item)
                switch applies {
                case .error:
                    return Self.finding(.error, "cannot tell whether the rule applies: " + (traced.traces.first?.detail ?? "evaluation error"),
                                        at: traced.traces, why: traced.traces, file: root.file)
                case .false:
                    return Self.finding(.notApplicable, FindingText.notApplicable(traced.traces), at: traced.traces, why: traced.traces, file: root.file)
                default:
                    whenTraces = traced.traces
                    applicability = Self.missing(traced.traces, reason: .applicability)
                    if applicability.isEmpty {
                        // Unknown without a missing path cannot happen for well-formed conditions; keep it visible.
                        applicability = [MissingField(path: traced.traces.first?.path ?? "(when)", reason: .applicability)]
                    }
                }
            }
        }
        if rule.kind == .review {
            if let whenAbsent {
                return Self.finding(.unknown, FindingText.unknown(rule, applicability, traces: [], worded: false),
                                    at: whenAbsent, missing: applicability, file: root.file)
            }
            guard applicability.isEmpty else {
                return Self.finding(.unknown, FindingText.unknown(rule, applicability, traces: [], worded: explainUnknown),
                                    at: whenTraces, why: whenTraces, missing: applicability, file: root.file)
            }
            return Finding(status: .review, message: "needs review by a person: \(rule.title)")
        }
        guard let check = rule.check else { return Finding(status: .pass) }
        let (truth, unstated) = lean && whenTraces.isEmpty ? decide(check, explainsAbsence: rule.checkExplainsAbsence, namesComputed: true, root: root, item: item)
            : (Self.untraced(check, root: root, item: item), nil)
        if truth == .true {
            guard describePasses, case .leaf(let leaf) = check, let steps = leaf.plainSteps, let path = leaf.path, !path.isRooted else {
                return Finding(status: .pass, message: "passed")
            }
            let shown = item.map { path.rendered(after: $0.rendered) } ?? path.text
            guard let node = steps.node(from: item?.node ?? root), !node.isNull else { return Finding(status: .pass, message: "passed", path: shown) }
            return Finding(status: .pass, message: "passed", path: shown, location: Self.reportLocation(node.location, traces: [], file: root.file),
                           actual: ReportValue.of(node))
        }
        if lean, whenTraces.isEmpty, let absent = truth == .unknown ? unstated
            : truth == .false && rule.checkExplainsAbsence ? Self.absentLeaves(check, keep: .false, root: root, item: item) : nil,
           !absent.isEmpty {
            // Unknown, or false only for want of stated values: the traced evaluation would find
            // these absent leaves and make an `unknown` finding of them.
            // (Built once: changing a finding's fields one by one copied the whole finding.)
            let absentPaths = Self.missing(absent, reason: .absent)
            let missing = absentPaths + applicability.filter { a in !absentPaths.contains { $0.path == a.path } }
            return Self.finding(.unknown, FindingText.unknown(rule, missing, traces: [], worded: false),
                                at: whenAbsent.map { $0 + absent } ?? absent, missing: missing, file: root.file)
        }
        if whenAbsent != nil, let when = rule.when {
            // The check needs tracing: so does `when`, whose traces come first in `why` (its
            // missing fields, from its absent leaves, are those its traces give).
            whenTraces = Self.traced(when, keep: .unknown, root: root, item: item).traces
        }
        // Traced with the truth just found: only the traces that can decide it are recorded.
        let traced = Self.traced(check, keep: truth, root: root, item: item)
        assert(traced.truth == truth, "a traced evaluation decided otherwise than the untraced one")
        switch truth {
        case .error:
            return Self.finding(.error, FindingText.error(traced.traces), at: traced.traces, why: traced.traces, file: root.file)
        case .false where !traced.traces.allSatisfy { $0.restsOnAbsence } && applicability.isEmpty:
            // Locate at a stated value that violates the requirement, not at an absent one.
            let stated = traced.traces.contains { $0.restsOnAbsence } ? traced.traces.filter { !$0.restsOnAbsence } : traced.traces
            return Self.finding(.fail, FindingText.failure(rule, traced.traces), at: stated, why: traced.traces, file: root.file)
        default:
            // Unknown, false only for want of stated values, or violated where it may not apply.
            let absent = truth == .unknown ? Self.missing(traced.traces, reason: .absent)
                : Self.missing(traced.traces.filter { $0.restsOnAbsence }, reason: .absent)
            let missing = absent + applicability.filter { a in !absent.contains { $0.path == a.path } }
            let why = whenTraces.isEmpty ? traced.traces : whenTraces + traced.traces
            return Self.finding(.unknown, FindingText.unknown(rule, missing, traces: truth == .false ? traced.traces : [],
                                                             impreciseTraces: why, worded: explainUnknown),
                                at: why, why: why, missing: missing, file: root.file)
        }
    }

    /// The distinct paths whose absence made the traces unknown (or, for `exists`, false). A
    /// wildcard that reached nothing names its list (`arms`, not `arms[*]`); a path below another missing one is dropped
    /// (when `a.b` is not stated, neither is `a.b.c`: the reviewer adds `a.b`).
    /// Paths stated too imprecisely to decide are listed with reason `imprecise` (or
    /// `applicability`, when `reason` is: they are then what keeps applicability undecided).
    static func missing(_ traces: [LeafTrace], reason: MissingField.Reason) -> [MissingField] {
        var paths: [MissingField] = []
        paths.reserveCapacity(traces.count)
        var distinct = DistinctKeys<String>()
        let impreciseReason: MissingField.Reason = reason == .applicability ? .applicability : .imprecise
        for trace in traces {
            // A trace is either unknown (its undecided paths) or false for want of a value (absent).
            trace.visitUndecidedPaths { path, imprecise in
                add(withoutTrailingWildcards(path), imprecise ? impreciseReason : reason, to: &paths, &distinct)
            }
            if trace.restsOnAbsence { for path in trace.absentPaths { add(withoutTrailingWildcards(path), reason, to: &paths, &distinct) } }
        }
        return outermost(paths)
    }

    /// The distinct paths of absent leaves (`AbsentLeaves`), as `missing(_:reason:)` names them
    /// from their traces.
    static func missing(_ leaves: [AbsentLeaves.Leaf], reason: MissingField.Reason) -> [MissingField] {
        var paths: [MissingField] = []
        paths.reserveCapacity(leaves.count)
        // A list not stated is named by the list (`arms`, not `arms[*]`), as from traces.
        var distinct = DistinctKeys<String>()
        for n in leaves.indices { add(withoutTrailingWildcards(leaves[n].undecidedPath), reason, to: &paths, &distinct) }
        return outermost(paths)
    }

    /// `paths` without those below another of them (kept as they are when none is, the usual case).
    static func outermost(_ paths: [MissingField]) -> [MissingField] {
        guard paths.count > 1 else { return paths }
        // Every pair compared grew with the square: a field missing in thousands of list items.
        guard paths.count <= 8 else { return outermostOfMany(paths) }
        guard paths.contains(where: { p in paths.contains { q in isBelow(p.path, q.path) } }) else { return paths }
        return paths.filter { p in !paths.contains { q in isBelow(p.path, q.path) } }
    }

    /// `outermost` for many paths. A path is below another (`isBelow`) when the other is, byte
    /// for byte, one of its prefixes that ends before a `.` or a `[`: each path's such prefixes
    /// are looked up in a set of all the paths' bytes.
    private static func outermostOfMany(_ paths: [MissingField]) -> [MissingField] {
        let all = Set(paths.map { Array($0.path.utf8) })
        func isBelowAnother(_ path: String) -> Bool {
            path.withUTF8Bytes { bytes in
                for k in bytes.indices where bytes[k] == UInt8(ascii: ".") || bytes[k] == UInt8(ascii: "[") {
                    if all.contains(Array(bytes[..<k])) { return true }
                }
                return false
            }
        }
        let below = paths.map { isBelowAnother($0.path) }
        guard below.contains(true) else { return paths }
        return zip(paths, below).filter { !$0.1 }.map(\.0)
    }

    /// The truth of `condition` at the item's scope (or the root) and, when it is `unknown` for
    /// want of stated fields only, the absent leaves it rests on (as `absentLeaves(_:keep:)` with
    /// `unknown` finds them): one walk where `AbsentLeaves` explains the condition's shape
    /// (`explainsAbsence`), else the untraced evaluation and nil leaves.
    ///
    /// A computed value left `unknown` is named by tracing it alone (`AbsentLeaves.named`) when
    /// `namesComputed`: for a check, whose leaves make the finding. A `when` holding one gives nil
    /// leaves instead: its leaves make a finding only if the check does not need tracing, and a
    /// check that does traces the `when` whole, so naming them first would often be wasted.
    private func decide(_ condition: Condition, explainsAbsence: Bool, namesComputed: Bool, root: YAMLNode,
                        item: EachRule.Item?) -> (Truth, [AbsentLeaves.Leaf]?) {
        guard explainsAbsence, case (let truth?, let leaves) = Self.collect(condition, keep: .unknown, root: root, item: item) else {
            return (Self.untraced(condition, root: root, item: item), nil)
        }
        assert(truth == Self.untraced(condition, root: root, item: item), "AbsentLeaves decided otherwise than the untraced evaluation")
        guard truth == .unknown else { return (truth, nil) }
        guard leaves.contains(where: { $0.pending != nil }) else { return (truth, leaves) }
        guard namesComputed else { return (truth, nil) }
        return (truth, AbsentLeaves(root: root, keep: .unknown, values: item?.values)
            .named(leaves, at: item?.node ?? root, path: item?.path ?? [], rendered: item?.rendered ?? ""))
    }

    /// The truth of `condition` at the item's scope (or the root), untraced.
    private static func untraced(_ condition: Condition, root: YAMLNode, item: EachRule.Item?) -> Truth {
        Evaluator(root: root, tracing: false, values: item?.values).evaluate(condition, at: item?.node ?? root, path: item?.path ?? []).truth
    }

    /// `condition` at the item's scope (or the root), traced: the traces of truth `keep` are kept.
    private static func traced(_ condition: Condition, keep: Truth, root: YAMLNode, item: EachRule.Item?) -> Outcome {
        Evaluator(root: root, tracing: true, keep: keep, values: item?.values)
            .evaluate(condition, at: item?.node ?? root, path: item?.path ?? [], rendered: item?.rendered)
    }

    /// The absent leaves `condition` rests on with truth `keep`, at the item's scope (or the
    /// root); nil when only a traced evaluation explains it, or when it decides otherwise.
    private static func absentLeaves(_ condition: Condition, keep: Truth, root: YAMLNode, item: EachRule.Item?) -> [AbsentLeaves.Leaf]? {
        let (truth, leaves) = collect(condition, keep: keep, root: root, item: item)
        return truth == keep ? leaves : nil
    }

    /// `AbsentLeaves.collect` at the item's scope (or the root): its truth (nil when it cannot
    /// decide) and the leaves it kept, computed values named.
    private static func collect(_ condition: Condition, keep: Truth, root: YAMLNode, item: EachRule.Item?) -> (Truth?, [AbsentLeaves.Leaf]) {
        let node = item?.node ?? root
        var leaves: [AbsentLeaves.Leaf] = []
        let truth = AbsentLeaves(root: root, keep: keep, values: item?.values)
            .collect(condition, at: node, rendered: AbsentLeaves.Rendering(item?.rendered ?? ""), context: OperatorContext(root: root, scope: node), into: &leaves)
        return (truth, leaves)
    }

    /// Adds `path` to `paths` unless it is there (the callers name `list[*]` that reached no
    /// element by the list: `withoutTrailingWildcards`); `distinct` tells, for `paths`' paths.
    private static func add(_ path: String, _ why: MissingField.Reason, to paths: inout [MissingField],
                            _ distinct: inout DistinctKeys<String>) {
        if distinct.isNew(path, among: paths.lazy.map { $0.path }) { paths.append(MissingField(path: path, reason: why)) }
    }

    /// Whether `path` is a path below `parent` (`a.b.c` or `a.b[0]` below `a.b`).
    static func isBelow(_ path: String, _ parent: String) -> Bool {
        // Lengths first (free for native strings): most pairs compared are the same path or differ in length the other way.
        guard path.utf8.count > parent.utf8.count else { return false }
        return path.withUTF8Bytes { p in
            parent.withUTF8Bytes { q in
                // The byte after the parent first: two paths of one rule share long prefixes, and
                // most pairs differ there (`x.completed`, `x.reviewer`).
                guard p.count > q.count, p[q.count] == UInt8(ascii: ".") || p[q.count] == UInt8(ascii: "[") else { return false }
                return q.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, q.count) == 0
            }
        }
    }

    /// `path` without trailing `[*]`s: `arms[*]` → `arms` (compared as bytes: `[*]` is ASCII).
    static func withoutTrailingWildcards(_ path: String) -> String {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while utf8.distance(from: utf8.startIndex, to: end) >= 3 {
            let open = utf8.index(end, offsetBy: -3)
            guard utf8[open] == UInt8(ascii: "["), utf8[utf8.index(after: open)] == UInt8(ascii: "*"),
                  utf8[utf8.index(open, offsetBy: 2)] == UInt8(ascii: "]") else { break }
            end = open
        }
        return end == utf8.endIndex ? path : String(path[..<end])
    }

    /// A finding about the first of `traces`: its path, its value and where it is in the protocol
    /// file `file` (`reportLocation`); no path when `traces` is empty.
    private static func finding(_ status: Status, _ message: String, at traces: [LeafTrace], why: [LeafTrace] = [],
                                missing: [MissingField] = [], file: String) -> Finding {
        guard let first = traces.first else { return Finding(status: status, message: message, why: why, missing: missing) }
        return Finding(status: status, message: message, path: first.path, location: reportLocation(first.location, traces: traces, file: file),
                       actual: first.actual, why: why, missing: missing)
    }

    /// `finding(_:_:at:)` about the first of some absent leaves, as about their traces.
    private static func finding(_ status: Status, _ message: String, at leaves: [AbsentLeaves.Leaf], missing: [MissingField], file: String) -> Finding {
        guard let first = leaves.first else { return Finding(status: status, message: message, missing: missing) }
        return Finding(status: status, message: message, path: first.path,
                       location: reportLocation(first.location, others: leaves.lazy.map(\.location), file: file),
                       actual: first.actual, missing: missing)
    }

    /// Where a finding points in the protocol file `file`: at `location` when it is in that file;
    /// when it is in another (a value of a grafted registry record), at the first part of the
    /// decision (`traces`) that is in the protocol file, if any; nil when `location` is nil.
    static func reportLocation(_ location: SourceLocation?, traces: [LeafTrace], file: String) -> Location? {
        reportLocation(location, others: traces.lazy.compactMap { $0.location }, file: file)
    }

    /// `reportLocation` with the decision's parts given by their locations.
    static func reportLocation(_ location: SourceLocation?, others: some Sequence<SourceLocation>, file: String) -> Location? {
        guard let location else { return nil }
        if location.file == file { return Location(location) }
        return others.first { $0.file == file }.map(Location.init)
    }
}
