import StemCheckModel
import YAMLSource

/// `gt`, `gte`, `lt`, `lte`: ordered comparison with a number, a quantity, a date or `{path: OTHER}`.
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

    let relation: Relation
    let operand: OrderOperand

    static let gt = make("gt", ">", .gt)
    static let gte = make("gte", "≥", .gte)
    static let lt = make("lt", "<", .lt)
    static let lte = make("lte", "≤", .lte)

    private static func make(_ name: String, _ symbol: String, _ relation: Relation) -> OperatorDefinition {
        OperatorDefinition(name: name, symbol: symbol) { operand, _ throws(OperandError) in
            Ordered(relation: relation, operand: try OrderOperand.compile(operand, name))
        }
    }

    var expected: String { operand.description }
    var operandText: String {
        switch operand {
        case .number(let n): return NumberText.format(n)
        case .path(let p): return "{path: \(p.text)}"
        default: return "\"\(operand.description)\""
        }
    }
    var operandPaths: [Path] {
        if case .path(let p) = operand { return [p] }
        return []
    }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        let other: Compare.Side
        if case .path(let path) = operand {
            guard let found = context.resolve(path), !found.isNull else {
                return LeafOutcome(.unknown, "the compared path \(path.text) is missing")
            }
            other = .node(found)
        } else {
            other = .operand(operand)
        }
        switch Compare.relate(node, other, relation) {
        case .failure(let why): return LeafOutcome(.error, why.text)
        case .success(.decided(let holds)): return LeafOutcome(holds: holds)
        case .success(.imprecise(let why, let value, let operand)):
            var outcome = LeafOutcome(imprecise: why)
            outcome.impreciseValue = value
            outcome.impreciseOperand = operand
            return outcome
        }
    }
}

/// The right-hand side of an ordered comparison.
public enum OrderOperand: Sendable, CustomStringConvertible {
    case number(Double)
    case quantity(Quantity)
    case date(ISODate)
    case path(Path)

    public var description: String {
        switch self {
        case .number(let n): return NumberText.format(n)
        case .quantity(let q): return q.description
        case .date(let d): return d.text
        case .path(let p): return "{path: \(p.text)}"
        }
    }

    /// Compiles the operand of `name`: a number, a quantity (`"12 months"` or `{value, unit}`), a
    /// date, or `{path: OTHER}` naming one value.
    static func compile(_ value: YAMLNode, _ name: String) throws(OperandError) -> OrderOperand {
        let expectedForms = "a number, a quantity like \"12 months\", a date like 2026-01-31 or {path: OTHER}"
        switch value.kind {
        case .int, .float:
            return .number(value.number!)
        case .mapping:
            if value.count == 1, let pathNode = value["path"] {
                let path = try Operand.path(pathNode, key: "path")
                if path.hasWildcard {
                    // A comparison needs one value on the other side; a wildcard reaches many.
                    throw OperandError(pathNode, "the compared path '\(path.text)' of '\(name)' cannot contain [*]; it must name one value",
                                       hint: "compare each element with for_each, or index one element: a.items[0].x")
                }
                return .path(path)
            }
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
