import YAMLSource
import StemCheckModel

/// A value a reference resolved to (issue 14).
enum Computed {
    /// Known: a node of the protocol, or one made for the computed value (located at the source
    /// node that decided it), so every operator tests it as it tests a stated value. `detail`
    /// says how it was computed; `shown`, how reports show it when its text is not for reading
    /// (`9 months 27 days` for a duration of 9.870967741935484 calendar months).
    case value(YAMLNode, detail: String?, shown: String? = nil)
    /// Known only to lie between `lower` and `upper` (nil: unbounded on that side), because the
    /// inputs in `missing` are not stated: a `min` with an unstated element is at most the
    /// smallest stated one.
    case bounded(lower: YAMLNode?, upper: YAMLNode?, missing: [String], at: SourceLocation?, detail: String)
    /// Not stated: the concrete paths whose absence leaves it unknown.
    case missing([String], at: SourceLocation?)
    /// Cannot be computed (a value of the wrong type, mixed dimensions).
    case error(String, at: SourceLocation?)

    /// Unknown as a whole: a bound is not a value (used where a range cannot be decided).
    var exact: Computed {
        if case .bounded(_, _, let missing, let at, _) = self { return .missing(missing, at: at) }
        return self
    }
}

extension OperatorContext {
    /// Resolves a reference operand where the operator is evaluated.
    func resolve(_ reference: Reference) -> Computed {
        let evaluator = Evaluator(root: root, tracing: tracing)
        return evaluator.resolve(reference, in: evaluator.scope(scope, path: prefix))
    }

    /// The outcome when a reference operand could not be resolved to a value: unknown naming the
    /// paths not stated, or error; nil when it resolved. (Worded only when tracing: the words
    /// are read only from traces.)
    func unresolved(_ reference: Reference, _ computed: Computed) -> LeafOutcome? {
        switch computed.exact {
        case .value: return nil
        case .missing(let paths, _):
            guard tracing else { return LeafOutcome(.unknown, missing: paths) }
            if let path = reference.plainPath { return LeafOutcome(.unknown, "the compared path \(path.text) is missing", missing: paths) }
            return LeafOutcome(.unknown, "the compared value \(reference.text(prefix: prefix)) is not stated", missing: paths)
        case .error(let why, _):
            return LeafOutcome(.error, why)
        case .bounded:
            return nil  // not reached: `exact` turns bounds into missing
        }
    }
}

/// Nodes made for computed values, each in a one-node document located where the value comes from.
enum Synthesized {
    /// A number: an integer node when it is whole, else a float.
    static func number(_ value: Double, at location: SourceLocation) -> YAMLNode {
        var builder = YAMLDocumentBuilder(file: location.file)
        let node: YAMLDocumentBuilder.Node
        if value == value.rounded(), abs(value) < 9e15 {
            node = builder.scalar(.int(Int(value)), text: String(Int(value)), at: location)
        } else {
            node = builder.scalar(.float(value), text: NumberText.format(value), at: location)
        }
        return builder.document(root: node).root
    }

    /// The whole number `n` when it is below 256, from one document made once, located nowhere
    /// (line 0): for values only tested, never shown or located (an untraced `count`).
    static func unlocatedCount(_ n: Int) -> YAMLNode? {
        n >= 0 && n < smallCounts.count ? smallCounts[n] : nil
    }

    private static let smallCounts: [YAMLNode] = {
        var builder = YAMLDocumentBuilder(file: "")
        let nowhere = SourceLocation(file: "", line: 0, column: 0)
        let items = (0..<256).map { builder.scalar(.int($0), text: String($0), at: nowhere) }
        let list = try! builder.sequence(items, at: nowhere)
        return builder.document(root: list).root.items
    }()

    /// A string (a date, a quantity such as `730 days`).
    static func string(_ text: String, at location: SourceLocation) -> YAMLNode {
        var builder = YAMLDocumentBuilder(file: location.file)
        let node = builder.string(text, at: location)
        return builder.document(root: node).root
    }
}

extension Evaluator {
    // MARK: Leaves with a computed subject (`value: EXPR`)

    /// A leaf whose subject is computed: the operator tests the computed value; a value known only
    /// within bounds is decided when a monotone operator gives the same outcome at both ends.
    func evaluate(_ leaf: Leaf, computed reference: Reference, in scope: Scope) -> Outcome {
        let computed = resolve(reference, in: scope)
        var outcome: LeafOutcome
        var actual: RuleValue?
        var location: SourceLocation?
        var inputs: [String] = []
        var how: String?
        switch computed {
        case .value(let node, let detail, let shown):
            outcome = leaf.op.test(node, in: scope.context)
            if records(outcome.truth) { actual = shown.map(RuleValue.string) ?? ReportValue.of(node) }
            location = node.location
            how = detail
        case .bounded(let lower, let upper, let missing, let at, let detail):
            outcome = decide(leaf.op, lower: lower, upper: upper, in: scope.context)
            if records(outcome.truth) { actual = .string(Self.boundText(lower: lower, upper: upper)) }
            inputs = missing
            location = at
            how = detail
        case .missing(let paths, let at):
            outcome = LeafOutcome(leaf.op.whenAbsent)
            inputs = paths
            location = at
            how = "not stated: " + paths.joined(separator: ", ")
        case .error(let why, let at):
            outcome = LeafOutcome(.error, why)
            location = at
        }
        guard records(outcome.truth) else { return Outcome(truth: outcome.truth) }
        let restsOnAbsence: Bool
        if case .missing = computed { restsOnAbsence = outcome.truth == .false } else { restsOnAbsence = false }
        var trace = LeafTrace(path: reference.text(prefix: scope.path), op: leaf.definition.name, expected: leaf.expected,
                              actual: actual, outcome: outcome.truth, location: location,
                              detail: Self.join(outcome.detail, how),
                              missingOperand: outcome.truth == .unknown ? outcome.missing.first : nil)
        trace.isComputed = true
        if outcome.imprecise {
            // Too coarse to decide: name the fields (the compared one, and the computed value's inputs
            // when the value itself is the coarse side), never the expression.
            trace.imprecise = true
            trace.impreciseValue = false
            var paths = outcome.impreciseValue ? reference.readPaths(prefix: scope.path).map { Path.render($0.segments) } : []
            if let compared = outcome.impreciseOperandPath { paths.append(compared) }
            trace.comparedPath = paths.first
            trace.missingInputs = []
            for extra in paths.dropFirst() where !trace.missingInputs.contains(extra) { trace.missingInputs.append(extra) }
        }
        trace.missingInputs = outcome.imprecise ? trace.missingInputs
            : (outcome.truth == .unknown || restsOnAbsence ? inputs + outcome.missing : [])
        trace.restsOnAbsence = restsOnAbsence
        return Outcome(truth: outcome.truth, traces: [trace])
    }

    /// The outcome for a value between `lower` and `upper` (nil: unbounded): the operator's outcome
    /// when it is the same at both ends (an ordered comparison is monotone), else unknown.
    private func decide(_ op: any LeafOperator, lower: YAMLNode?, upper: YAMLNode?, in context: OperatorContext) -> LeafOutcome {
        guard let direction = op.monotone else { return LeafOutcome(.unknown) }
        let low = lower.map { op.test($0, in: context) } ?? LeafOutcome(direction == .holdsBelow ? .true : .false)
        let high = upper.map { op.test($0, in: context) } ?? LeafOutcome(direction == .holdsBelow ? .false : .true)
        if low.truth == .error { return low }
        if high.truth == .error { return high }
        if low.truth == high.truth, low.truth != .unknown { return LeafOutcome(low.truth) }
        return LeafOutcome(.unknown, missing: low.missing + high.missing.filter { !low.missing.contains($0) })
    }

    /// The operator's detail, then how the value was computed.
    static func join(_ detail: String?, _ how: String?) -> String? {
        guard let detail else { return how }
        return how.map { detail + " (" + $0 + ")" } ?? detail
    }

    static func boundText(lower: YAMLNode?, upper: YAMLNode?) -> String {
        func text(_ node: YAMLNode) -> String { ReportValue.of(node).description }
        switch (lower, upper) {
        case let (l?, u?): return "between \(text(l)) and \(text(u))"
        case let (l?, nil): return "at least \(text(l))"
        case let (nil, u?): return "at most \(text(u))"
        case (nil, nil): return "not stated"
        }
    }

    // MARK: References

    /// The value a reference names, in `scope`.
    func resolve(_ reference: Reference, in scope: Scope) -> Computed {
        let base: Computed
        switch reference.base {
        case .path(let path):
            let from = start(path, in: scope)
            if !tracing {
                guard let node = PathResolver.single(path.segments, from: from.node), !node.isNull else { return .missing([], at: nil) }
                base = .value(node, detail: nil)
            } else {
                let target = PathResolver.all(path.segments, from: from.node, prefix: from.path, tracing: true)[0]
                if let node = target.value {
                    base = .value(node, detail: nil)
                } else {
                    return .missing([Path.render(target.concrete)], at: target.anchor.location)
                }
            }
        case .date(let date):
            base = .value(Synthesized.string(date.text, at: reference.location), detail: nil)
        case .expression(let expression):
            base = compute(expression, in: scope)
        }
        guard let offset = reference.offset else { return base }
        // (How a value was computed is read only from traces: worded only when tracing.)
        let what = tracing ? Reference(base: reference.base, offset: nil, location: reference.location).text(prefix: scope.path) : ""
        func move(_ node: YAMLNode) -> Result<YAMLNode, Compare.Why> {
            if let text = node.string, ISODate.parse(text) == nil, let period = ISODate.period(text),
               let first = period.lower, let end = period.upper {
                // A partial date moves as the period it names: its first and its last day.
                let last = ISODate(instant: period.upperOpen ? end - 86400 : end, dateOnly: true)
                let from = offset.apply(to: ISODate(instant: first, dateOnly: true)), to = offset.apply(to: last)
                return .success(Synthesized.string(from.text + "/" + to.text, at: node.location))
            }
            guard let text = node.string, let date = ISODate.parse(text) else {
                return .failure(Compare.Why("\(offset.key) \(offset.amountText) applies to a date; \(what) is \(describe(node))"))
            }
            return .success(Synthesized.string(offset.apply(to: date).text, at: node.location))
        }
        switch base {
        case .value(let node, _, _):
            switch move(node) {
            case .failure(let why): return .error(why.text, at: node.location)
            case .success(let moved): return .value(moved, detail: tracing ? "\(what) \(node.string!) \(offset)" : nil)
            }
        case .bounded(let lower, let upper, let missing, let at, let detail):
            var bounds: [YAMLNode?] = []
            for bound in [lower, upper] {
                guard let bound else { bounds.append(nil); continue }
                switch move(bound) {
                case .failure(let why): return .error(why.text, at: bound.location)
                case .success(let moved): bounds.append(moved)
                }
            }
            return .bounded(lower: bounds[0], upper: bounds[1], missing: missing, at: at, detail: tracing ? detail + "; then \(offset)" : "")
        case .missing, .error:
            return base
        }
    }

    // MARK: Expressions

    /// The value an expression computes, in `scope`.
    func compute(_ expression: Expression, in scope: Scope) -> Computed {
        if let values, expression.dependsOnDocumentOnly {
            return values.value(of: expression, tracing: tracing) { computeAnew(expression, in: scope) }
        }
        return computeAnew(expression, in: scope)
    }

    /// `compute` without looking for a value made for another item.
    private func computeAnew(_ expression: Expression, in scope: Scope) -> Computed {
        switch expression.kind {
        case .count(let path, let filter):
            return count(path, filter: filter, in: scope)
        case .aggregate(let aggregate, let path):
            return self.aggregate(aggregate, path, in: scope)
        case .duration(let from, let to, let months):
            return duration(from: from, to: to, calendarMonths: months, in: scope)
        case .product(let factors):
            return product(factors, in: scope)
        }
    }

    /// A path's elements: without a wildcard, the items of the list it names; with one, the values
    /// its wildcards reach. An empty list adds none; an absent or null list or value is missing.
    func reach(_ path: Path, in scope: Scope, for name: String) -> Reach {
        let from = start(path, in: scope)
        var reach = Reach()
        if !path.hasWildcard {
            let target = PathResolver.all(path.segments, from: from.node, prefix: from.path, tracing: true)[0]
            guard let list = target.value else {
                reach.missing.append((Path.render(target.concrete), target.anchor.location, true))
                reach.location = target.anchor.location
                return reach
            }
            guard list.kind == .sequence else {
                reach.error = "\(name) needs a list (or a path with [*]); \(Path.render(target.concrete)) is \(describe(list))"
                reach.location = list.location
                return reach
            }
            reach.location = target.anchor.location
            if list.count == 0 { reach.empty = Path.render(target.concrete) }
            for (n, item) in list.items.enumerated() {
                let concrete = target.concrete + [.index(n)]
                if item.isNull {
                    reach.missing.append((Path.render(concrete), item.location, false))
                } else {
                    reach.elements.append((item, concrete))
                }
            }
            return reach
        }
        reach.walk(path.segments[...], node: from.node, anchor: from.node, at: from.path)
        return reach
    }

    private func count(_ path: Path, filter: Condition?, in scope: Scope) -> Computed {
        if !tracing, let computed = untracedCount(path, filter: filter, in: scope) { return computed }
        let reach = self.reach(path, in: scope, for: "count")
        if let error = reach.error { return .error(error, at: reach.location) }
        if reach.elements.isEmpty, !reach.missing.isEmpty {
            return .missing(reach.missing.map(\.path), at: reach.missing[0].anchor)
        }
        let location = reach.location ?? scope.node.location
        var counted = 0
        var undecided = 0
        var missing = reach.missing.map(\.path)
        var distinct = DistinctKeys<String>()
        var error: String?
        // The filter's unknown traces name the missing inputs whatever truth the count's leaf has,
        // so they are recorded in full (not only those of `keep`'s truth).
        // Decided without tracing first, in a scope of its own: the traces are read only when the
        // filter is unknown or error.
        let filtering = keep == nil ? self : Evaluator(root: root, tracing: tracing, values: values)
        let deciding = Evaluator(root: root, tracing: false, values: values)
        for element in reach.elements {
            guard let filter else { counted += 1; continue }
            var kept = deciding.evaluate(filter, in: deciding.scope(element.node, path: element.path))
            if tracing, kept.truth == .unknown || kept.truth == .error {
                kept = filtering.evaluate(filter, in: self.scope(element.node, path: element.path))
            }
            switch kept.truth {
            case .true: counted += 1
            case .false: break
            case .unknown:
                undecided += 1
                for field in RuleEvaluator.missing(kept.traces, reason: .absent) where distinct.isNew(field.path, among: missing) {
                    missing.append(field.path)
                }
            case .error:
                // Errors dominate; every element is still looked at, as for_each does.
                if error == nil {
                    error = "the 'where' of count cannot be evaluated on \(Path.render(element.path)): "
                        + (kept.traces.first { $0.outcome == .error }?.detail ?? "evaluation error")
                }
            }
        }
        if let error { return .error(error, at: location) }
        let of = reach.elements.count + reach.missing.count
        let detail = filter == nil ? "\(counted) element\(counted == 1 ? "" : "s")"
            : "\(counted) of \(of) element\(of == 1 ? "" : "s") match 'where'"
        guard undecided > 0 || !reach.missing.isEmpty else {
            return .value(Synthesized.number(Double(counted), at: location), detail: detail)
        }
        let many = reach.missing.contains { $0.many }
        let upper = many ? nil : Synthesized.number(Double(counted + undecided + reach.missing.count), at: location)
        return .bounded(lower: Synthesized.number(Double(counted), at: location), upper: upper, missing: missing, at: location,
                        detail: detail + "; not stated for " + missing.joined(separator: ", "))
    }

    /// `count` without tracing: the same value, or bounds, or the same case of `missing` and
    /// `error` as the traced way, without the paths, locations and words only traces read; a
    /// list path's items visited in place, a path with `[*]` walked as `reach` walks it. nil for
    /// a count of 256 or more (the traced way makes its node).
    private func untracedCount(_ path: Path, filter: Condition?, in scope: Scope) -> Computed? {
        var tally = CountTally(self, filter: filter)
        if let stop = tally.reach(path, from: path.isRooted ? root : scope.node) { return stop }
        return tally.computed
    }

    private func aggregate(_ aggregate: Expression.Aggregate, _ path: Path, in scope: Scope) -> Computed {
        if !tracing, aggregate != .sum { return untracedExtreme(aggregate, path, in: scope) }
        let name = aggregate.rawValue
        let reach = self.reach(path, in: scope, for: name)
        if let error = reach.error { return .error(error, at: reach.location) }
        let missing = reach.missing.map(\.path)
        guard !reach.elements.isEmpty else {
            if !missing.isEmpty { return .missing(missing, at: reach.missing[0].anchor) }
            // Nothing to take the smallest of or add up: not stated, like a leaf on an empty wildcard.
            let list = reach.empty ?? Reference.render(path, prefix: scope.path)
            return .missing([list], at: reach.location)
        }
        let location = reach.location ?? reach.elements[0].node.location
        if aggregate == .sum {
            guard missing.isEmpty else { return .missing(missing, at: reach.missing[0].anchor) }
            return sum(reach.elements, at: location)
        }
        // Partial dates (`2016-03`) are periods: the smallest of them lies between the smallest
        // first days and the smallest last days (and the largest likewise), to the day.
        if let spanned = dateSpanAggregate(aggregate, reach.elements.map(\.node), at: location) {
            guard missing.isEmpty else { return .missing(missing, at: reach.missing[0].anchor) }
            return .value(spanned, detail: tracing ? "the \(aggregate == .min ? "smallest" : "largest") of \(reach.elements.count) stated dates, some of them partial" : nil)
        }
        // min / max: ordered as gt/lt order them (numbers, quantities of one dimension, dates).
        var best = reach.elements[0]
        for element in reach.elements {
            switch Compare.order(element.node, .node(best.node)) {
            case .failure(let why):
                return .error("\(name) cannot order \(Path.render(element.path)): \(why.text)", at: element.node.location)
            case .success(let order):
                if aggregate == .min ? order < 0 : order > 0 { best = element }
            }
        }
        let count = reach.elements.count
        // (How it was computed is read only from traces: worded only when tracing.)
        let detail = tracing ? "the \(aggregate == .min ? "smallest" : "largest") of \(count) stated value\(count == 1 ? "" : "s"), at \(Path.render(best.path))" : ""
        guard missing.isEmpty else {
            let bounded = tracing ? detail + "; not stated: " + missing.joined(separator: ", ") : ""
            return aggregate == .min
                ? .bounded(lower: nil, upper: best.node, missing: missing, at: best.node.location, detail: bounded)
                : .bounded(lower: best.node, upper: nil, missing: missing, at: best.node.location, detail: bounded)
        }
        return .value(best.node, detail: tracing ? detail : nil)
    }

    /// `min` or `max` without tracing: the value or bound the traced `aggregate` finds, from a
    /// walk that makes no concrete paths (`Elements`), without words (a value's location is read
    /// only from traces).
    private func untracedExtreme(_ aggregate: Expression.Aggregate, _ path: Path, in scope: Scope) -> Computed {
        var reached = Elements()
        if let stop = reached.reach(path, from: path.isRooted ? root : scope.node) { return stop }
        guard let first = reached.nodes.first else { return .missing([], at: nil) }
        if let spanned = dateSpanAggregate(aggregate, reached.nodes, at: first.location) {
            return reached.missing ? .missing([], at: nil) : .value(spanned, detail: nil)
        }
        var best = first
        for node in reached.nodes {
            switch Compare.order(node, .node(best)) {
            case .failure: return .error("", at: nil)
            case .success(let order): if aggregate == .min ? order < 0 : order > 0 { best = node }
            }
        }
        guard reached.missing else { return .value(best, detail: nil) }
        return aggregate == .min ? .bounded(lower: nil, upper: best, missing: [], at: nil, detail: "")
            : .bounded(lower: best, upper: nil, missing: [], at: nil, detail: "")
    }

    /// `min`/`max` of dates when at least one is partial: the result as a date, or as the ISO
    /// interval of days it may fall on (`2016-03-01/2016-03-31`); nil when no element is a partial
    /// date or one is not a date at all (the ordinary ordering then decides, or says why not).
    private func dateSpanAggregate(_ aggregate: Expression.Aggregate, _ nodes: [YAMLNode], at location: SourceLocation) -> YAMLNode? {
        var days: [(first: Int, last: Int)] = []
        var partial = false
        for node in nodes {
            guard let text = node.string else { return nil }
            if let date = ISODate.parse(text) {
                days.append((date.dayNumber, date.dayNumber))
            } else if let period = ISODate.period(text), let lower = period.lower, let upper = period.upper {
                partial = true
                days.append((Int((lower / 86400).rounded(.down)), Int(((period.upperOpen ? upper - 86400 : upper) / 86400).rounded(.down))))
            } else {
                return nil
            }
        }
        guard partial else { return nil }
        let pick: ([Int]) -> Int = aggregate == .min ? { $0.min()! } : { $0.max()! }
        let first = pick(days.map(\.first)), last = pick(days.map(\.last))
        let text = first == last ? ISODate.text(ofDay: first) : ISODate.text(ofDay: first) + "/" + ISODate.text(ofDay: last)
        return Synthesized.string(text, at: location)
    }

    /// A number or a quantity, as `sum` and `product` read a value.
    private enum Amount {
        case number(Double)
        case quantity(Quantity)
    }

    private func amount(_ node: YAMLNode) -> Amount? {
        if let n = node.number { return .number(n) }
        if let text = node.string {
            if case .quantity(let q) = Quantity.parse(text) { return .quantity(q) }
            if let n = NumberText.parse(text) { return .number(n) }
            return nil
        }
        return Compare.quantityMap(node).map(Amount.quantity)
    }

    private func sum(_ elements: [(node: YAMLNode, path: [Path.Segment])], at location: SourceLocation) -> Computed {
        var total = 0.0
        var unit: MeasureUnit?
        var numbers = 0
        for element in elements {
            switch amount(element.node) {
            case .number(let n)?:
                total += n
                numbers += 1
            case .quantity(let q)?:
                if let u = unit, u.dimension != q.unit.dimension {
                    return .error("sum cannot add \(q) (\(Path.render(element.path))) to \(u.symbol): they measure different things", at: element.node.location)
                }
                let u = unit ?? q.unit
                unit = u
                total += q.baseValue / u.factor
            case nil:
                return .error("sum needs numbers or quantities; \(Path.render(element.path)) is \(describe(element.node))", at: element.node.location)
            }
        }
        let count = elements.count
        let detail = "the sum of \(count) value\(count == 1 ? "" : "s")"
        if let unit {
            guard numbers == 0 else {
                return .error("sum cannot add plain numbers to quantities in \(unit.symbol): give every value its unit", at: location)
            }
            return .value(Synthesized.string(Quantity(value: total, unit: unit).description, at: location), detail: detail)
        }
        return .value(Synthesized.number(total, at: location), detail: detail)
    }

    private func duration(from: Reference, to: Reference, calendarMonths: Bool, in scope: Scope) -> Computed {
        let ends = [(name: "from", ref: from, value: resolve(from, in: scope).exact), (name: "to", ref: to, value: resolve(to, in: scope).exact)]
        var missing: [String] = []
        var missingAt: SourceLocation?
        var dates: [(ISODate, YAMLNode)] = []
        for end in ends {
            switch end.value {
            case .error(let why, let at): return .error(why, at: at)
            case .missing(let paths, let at):
                missing += paths.filter { !missing.contains($0) }
                missingAt = missingAt ?? at
            case .value(let node, _, _):
                guard let text = node.string, let date = ISODate.parse(text) else {
                    return .error("duration needs dates; '\(end.name)' (\(end.ref.text(prefix: scope.path))) is \(describe(node))", at: node.location)
                }
                dates.append((date, node))
            case .bounded: break  // not reached: `exact`
            }
        }
        if !missing.isEmpty || dates.count < 2 { return .missing(missing, at: missingAt) }
        let (start, end) = (dates[0].0, dates[1].0)
        // (How it was computed, and how reports show it, are read only from traces.)
        let detail = tracing ? "from \(start.text) (\(from.text(prefix: scope.path))) to \(end.text) (\(to.text(prefix: scope.path)))" : nil
        let days = Quantity(value: (end.seconds - start.seconds) / 86400, unit: MeasureUnit.named("days")!)
        guard calendarMonths else { return .value(Synthesized.string(days.description, at: dates[1].1.location), detail: detail) }
        let months = Quantity(value: ISODate.calendarMonths(from: start, to: end), unit: MeasureUnit.named("months")!)
        return .value(Synthesized.string(months.description, at: dates[1].1.location), detail: detail.map { $0 + ": \(days)" },
                      shown: tracing ? Self.calendarText(from: start, to: end) : nil)
    }

    /// `24 months`, `9 months 27 days`, `-1 month 3 days`: whole calendar months and the days left.
    static func calendarText(from start: ISODate, to end: ISODate) -> String {
        let sign = end < start ? "-" : ""
        let (a, b) = end < start ? (end, start) : (start, end)
        let whole = Int(ISODate.calendarMonths(from: a, to: b).rounded(.down))
        let rest = (b.seconds - a.addingCalendarMonths(whole).seconds) / 86400
        var text = sign + "\(whole) month\(whole == 1 ? "" : "s")"
        if rest > 0 { text += " \(NumberText.format(rest)) day\(rest == 1 ? "" : "s")" }
        return text
    }

    private func product(_ factors: [Expression.Factor], in scope: Scope) -> Computed {
        var value = 1.0
        var unit: MeasureUnit?
        var missing: [String] = []
        var missingAt: SourceLocation?
        var anyMissing = false  // without tracing, missing paths are not named
        var location: SourceLocation?
        var words: [String] = []
        var error: (String, SourceLocation?)?
        for factor in factors {
            switch factor {
            case .number(let n):
                value *= n
                words.append(NumberText.format(n))
            case .reference(let ref):
                switch resolve(ref, in: scope).exact {
                case .error(let why, let at): error = error ?? (why, at)
                case .missing(let paths, let at):
                    anyMissing = true
                    missing += paths.filter { !missing.contains($0) }
                    missingAt = missingAt ?? at
                case .value(let node, _, _):
                    location = location ?? node.location
                    switch amount(node) {
                    case .number(let n)?:
                        value *= n
                        words.append(NumberText.format(n))
                    case .quantity(let q)?:
                        if let u = unit {
                            error = error ?? ("product multiplies one quantity by numbers; \(ref.text(prefix: scope.path)) (\(q)) and a quantity in \(u.symbol) are both quantities", node.location)
                        }
                        unit = q.unit
                        value *= q.value
                        words.append(q.description)
                    case nil:
                        error = error ?? ("product needs numbers or a quantity; \(ref.text(prefix: scope.path)) is \(describe(node))", node.location)
                    }
                case .bounded: break  // not reached: `exact`
                }
            }
        }
        if let error { return .error(error.0, at: error.1) }
        if anyMissing { return .missing(missing, at: missingAt) }
        let at = location ?? scope.node.location
        let detail = words.joined(separator: " × ")
        if let unit { return .value(Synthesized.string(Quantity(value: value, unit: unit).description, at: at), detail: detail) }
        return .value(Synthesized.number(value, at: at), detail: detail)
    }
}
