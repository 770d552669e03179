import StemCheckModel
import YAMLSource

/// The value types `type: T` can test.
public enum ValueType: String, Sendable, CaseIterable {
    case string, number, integer, boolean, list, map, date, quantity
}

/// `type: T`: the value is of type T (a date or quantity may be written as a string).
struct TypeTest: LeafOperator {
    let type: ValueType

    static let definition = OperatorDefinition(name: "type") { operand, _ throws(OperandError) in
        guard let text = operand.string, let type = ValueType(rawValue: text) else {
            let names = ValueType.allCases.map(\.rawValue)
            throw OperandError(operand, "'type' must be one of \(names.joined(separator: ", "))" +
                               (operand.string.map { Suggestion.phrase(for: $0, in: names) } ?? ", found \(describe(operand))"))
        }
        return TypeTest(type: type)
    }

    var expected: String { type.rawValue }
    var operandText: String { type.rawValue }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        LeafOutcome(holds: Compare.hasType(node, type))
    }
}
