import StemCheckModel
import YAMLSource

/// `gt`, `gte`, `lt`, `lte`: ordered comparison with a number, a quantity, a date, or a reference:
/// `{path: OTHER}`, optionally with a date offset (`{path: OTHER, plus: "21 days"}`), a date with an
/// offset, or a computed value (`{min: PATH}`; issue 14).
struct Ordered: LeafOperator {
    /// Which order holds.
    enum Relation: Sendable {
        case gt, gte, lt, lte

        func holds(_ order: Int) -> Bool {
            switch self {
            case .gt: return order > 0
            case .gte: return order >= 0
            case .lt: return order < 0
            case .lte: return order <= 0
            }
        }
    }

    /// What the value is compared with.
    enum Right: Sendable {
        /// Written in the rule.
        case literal(OrderOperand)
        /// Read from the protocol, or computed.
        case reference(Reference)
    }

    let relation: Relation
    let right: Right

    static let gt = make("gt", ">", .gt)
    static let gte = make("gte", "≥", .gte)
    static let lt = make("lt", "<", .lt)
    static let lte = make("lte", "≤", .lte)

    private static func make(_ name: String, _ symbol: String, _ relation: Relation) -> OperatorDefinition {
        OperatorDefinition(name: name, symbol: symbol) { operand, context throws(OperandError) in
            if Reference.isReference(operand) {
                return Ordered(relation: relation, right: .reference(try Reference.compile(operand, for: name, in: context)))
            }
            return Ordered(relation: relation, right: .literal(try OrderOperand.compile(operand, name)))
        }
    }

    var expected: String {
        switch right {
        case .literal(let operand): return operand.description
        case .reference(let reference): return reference.yaml
        }
    }
    var operandText: String {
        switch right {
        case .literal(.number(let n)): return NumberText.format(n)
        case .literal(let operand): return "\"\(operand.description)\""
        case .reference(let reference): return reference.yaml
        }
    }
    var references: [Reference] {
        if case .reference(let reference) = right { return [reference] }
        return []
    }
    var monotone: Monotone? {
        switch relation {
        case .lt, .lte: return .holdsBelow
        case .gt, .gte: return .holdsAbove
        }
    }
    var measuresInCalendarMonths: Bool {
        if case .literal(.quantity(let q)) = right { return q.unit.symbol == "months" || q.unit.symbol == "years" }
        return false
    }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        let other: Compare.Side
        var detail: String?
        switch right {
        case .literal(let operand):
            other = .operand(operand)
        case .reference(let reference):
            let resolved = context.resolve(reference)
            if let unresolved = context.unresolved(reference, resolved) { return unresolved }
            guard case .value(let found, let how, _) = resolved else { return LeafOutcome(.unknown) }
            other = .node(found)
            // A plain {path: OTHER} speaks for itself; a moved date or a computed value says what it was.
            if reference.plainPath == nil, context.tracing { detail = "compared with \(ReportValue.of(found).description)" + (how.map { " = " + $0 } ?? "") }
        }
        switch Compare.relate(node, other, relation) {
        case .failure(let why): return LeafOutcome(.error, why.text)
        case .success(.decided(let holds)): return LeafOutcome(holds ? .true : .false, detail)
        case .success(.imprecise(let why, let value, let operand)):
            var outcome = LeafOutcome(imprecise: why)
            outcome.impreciseValue = value
            if operand, case .reference(let reference) = right, case .path(let path) = reference.base {
                // The coarse side is the compared field (moved by an offset or not): name the field.
                outcome.impreciseOperandPath = Reference.render(path, prefix: context.prefix)
            }
            return outcome
        }
    }
}

/// The right-hand side of an ordered comparison.
public enum OrderOperand: Sendable, CustomStringConvertible {
    case number(Double)
    case quantity(Quantity)
    case date(ISODate)

    public var description: String {
        switch self {
        case .number(let n): return NumberText.format(n)
        case .quantity(let q): return q.description
        case .date(let d): return d.text
        }
    }

    /// Compiles the literal operand of `name`: a number, a quantity (`"12 months"` or `{value, unit}`)
    /// or a date.
    static func compile(_ value: YAMLNode, _ name: String) throws(OperandError) -> OrderOperand {
        let expectedForms = "a number, a quantity like \"12 months\", a date like 2026-01-31 or {path: OTHER}"
        switch value.kind {
        case .int, .float:
            return .number(value.number!)
        case .mapping:
            // References ({path: OTHER}, ...) are compiled by Reference.compile before this is asked.
            if value["value"] != nil || value["unit"] != nil { return .quantity(try Operand.quantityMap(value)) }
            throw OperandError(value, "'\(name)' takes a number, a quantity, a date or {path: OTHER}; this mapping is none of them")
        case .string:
            let text = value.string!
            if ISODate.looksLikeDate(text) {
                if let date = ISODate.parse(text) { return .date(date) }
                throw OperandError(value, "'\(text)' is not a valid date", hint: "write an ISO 8601 date such as 2026-01-31")
            }
            switch Quantity.parse(text) {
            case .quantity(let q): return .quantity(q)
            case .unknownUnit(let unit):
                throw OperandError(value, "unknown unit '\(unit)'\(Suggestion.phrase(for: unit, in: MeasureUnit.spellings))",
                                   hint: "known units: " + MeasureUnit.symbols.joined(separator: " ") + " (plural and short forms too; see docs/rule-language.md)")
            case .notQuantity:
                if let n = NumberText.parse(text) { return .number(n) }
                throw OperandError(value, "'\(name)' takes \(expectedForms); found \(describe(value))")
            }
        default:
            throw OperandError(value, "'\(name)' takes \(expectedForms); found \(describe(value))")
        }
    }
}
