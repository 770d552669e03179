import StemCheckModel
import YAMLSource

/// `equals: V` / `not_equals: V`: structural equality with a scalar, list or map.
struct Equals: LeafOperator {
    let value: RuleValue
    let fold: Bool
    let negate: Bool

    static let definition = make("equals", symbol: "=", negate: false)
    static let negated = make("not_equals", symbol: "≠", negate: true)

    private static func make(_ name: String, symbol: String, negate: Bool) -> OperatorDefinition {
        OperatorDefinition(name: name, foldsCase: true, symbol: symbol) { operand, fold throws(OperandError) in
            Equals(value: try Operand.value(operand, name), fold: fold, negate: negate)
        }
    }

    var expected: String { value.description }
    var operandText: String { value.json }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        LeafOutcome(holds: Compare.equal(node, value, fold: fold) != negate)
    }
}
