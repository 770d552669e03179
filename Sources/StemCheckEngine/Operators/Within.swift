import StemCheckModel
import YAMLSource

/// `within: {period: "21 days", of: {path: B}, direction: before | after | either}` (issue 14): the
/// date is no more than the period before and/or after another date (`of`: a reference or a date
/// written in the rule). `either` (the default) allows both sides. The ends are included; months
/// and years are calendar months (`ISODate+Offset.swift`).
struct Within: LeafOperator {
    /// Which side of `of` the date may fall on.
    enum Direction: String, Sendable, CaseIterable {
        case before, after, either
    }

    let period: Quantity
    let of: Reference
    let direction: Direction

    static let keys = ["period", "of", "direction"]
    static let example = "within: {period: \"21 days\", of: {path: screening.date}, direction: after}"

    static let definition = OperatorDefinition(name: "within") { operand, context throws(OperandError) in
        guard operand.kind == .mapping else {
            throw OperandError(operand, "'within' takes {period: TIME, of: DATE_OR_REFERENCE}, found \(describe(operand))", hint: example)
        }
        for (key, _) in operand.pairs where !keys.contains(key.text ?? "") {
            let name = key.text ?? "?"
            throw OperandError(key, "unknown key '\(name)' in 'within'\(Suggestion.phrase(for: name, in: keys))", hint: "allowed keys: " + keys.joined(separator: ", "))
        }
        guard let periodNode = operand["period"] else {
            throw OperandError(operand, "'within' needs a 'period' (a time quantity such as \"21 days\")", hint: example)
        }
        guard let ofNode = operand["of"] else {
            throw OperandError(operand, "'within' needs 'of': the date to measure from ({path: OTHER} or a date)", hint: example)
        }
        let period = try Reference.offsetAmount(periodNode, key: "period")
        let of = try Reference.dateOperand(ofNode, key: "of", of: "within", in: context, pathShorthand: false)
        var direction = Direction.either
        if let node = operand["direction"] {
            let names = Direction.allCases.map(\.rawValue)
            guard let text = node.string, let d = Direction(rawValue: text) else {
                throw OperandError(node, "'direction' of 'within' must be one of \(names.joined(separator: ", "))"
                                   + (node.string.map { Suggestion.phrase(for: $0, in: names) } ?? ", found \(describe(node))"))
            }
            direction = d
        }
        return Within(period: period, of: of, direction: direction)
    }

    /// Reads after the operator's name: `within 21 days of consent.date`, `within 1 month after screening.date`.
    var expected: String {
        "\(periodText) " + (direction == .either ? "of" : direction.rawValue) + " " + of.text()
    }

    /// `21 days`, `1 month`.
    var periodText: String { DateOffset(amount: period, backwards: false).amountText }

    var operandText: String {
        let ofText: String
        if of.offset == nil, case .date(let d) = of.base { ofText = d.text } else { ofText = of.yaml }
        return "{period: \"\(periodText)\", of: \(ofText)" + (direction == .either ? "" : ", direction: \(direction.rawValue)") + "}"
    }

    var references: [Reference] { [of] }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        let resolved = context.resolve(of)
        if let unresolved = context.unresolved(of, resolved) { return unresolved }
        guard case .value(let anchorNode, _, _) = resolved else { return LeafOutcome(.unknown) }
        let what = of.text(prefix: context.prefix)
        guard let anchorText = anchorNode.string, let period = ISODate.parse(anchorText).map({ Interval(point: $0.seconds) }) ?? ISODate.period(anchorText),
              let first = period.lower, let end = period.upper else {
            return LeafOutcome(.error, "within measures from a date; \(what) is \(describe(anchorNode))")
        }
        let anchor = ISODate.parse(anchorText)
        // A partial date (`2015-11`) anchors a window as the period it names: the window's ends are
        // then periods too, and a date that falls in them cannot be judged (imprecise).
        let firstDay = anchor ?? ISODate(instant: first, dateOnly: true)
        let lastDay = anchor ?? ISODate(instant: period.upperOpen ? end - 86400 : end, dateOnly: true)
        func bound(_ backwards: Bool) -> String {
            if direction == (backwards ? .after : .before) { return anchor?.text ?? firstDay.text + "/" + lastDay.text }
            let offset = DateOffset(amount: self.period, backwards: backwards)
            let a = offset.apply(to: firstDay), b = offset.apply(to: lastDay)
            return anchor == nil ? a.text + "/" + b.text : a.text
        }
        let earliest = bound(true), latest = bound(false)
        // Compared as gte/lte compare, so a value that is not a date is the same error there and here.
        var holds = true
        var imprecise: String?
        for (limit, relation) in [(earliest, Ordered.Relation.gte), (latest, .lte)] {
            switch Compare.relate(node, .node(Synthesized.string(limit, at: anchorNode.location)), relation) {
            case .failure(let why): return LeafOutcome(.error, "within compares dates: " + why.text)
            case .success(.decided(let ok)): if !ok { holds = false }
            case .success(.imprecise(let why, _, _)): imprecise = why
            }
        }
        if holds, let imprecise { return LeafOutcome(imprecise: "within \(expected): " + imprecise) }
        // (The detail is read only from traces.)
        guard context.tracing else { return LeafOutcome(holds ? .true : .false) }
        var detail = "allowed: \(earliest) to \(latest)"
        if let text = node.string, let date = ISODate.parse(text), let anchor {
            let days = (date.seconds - anchor.seconds) / 86400
            let side = days < 0 ? "before" : "after"
            let amount = "\(NumberText.format(abs(days))) day\(abs(days) == 1 ? "" : "s")"
            detail = (days == 0 ? "the same day as" : "\(amount) \(side)") + " \(what) \(anchor.text); " + detail
        }
        return LeafOutcome(holds ? .true : .false, detail)
    }
}
