import StemCheckModel
import YAMLSource

/// `contains: V`: a list has an element equal to V, or a string has the substring V.
struct Contains: LeafOperator {
    let value: RuleValue
    let fold: Bool

    static let definition = OperatorDefinition(name: "contains", foldsCase: true) { operand, context throws(OperandError) in
        Contains(value: try Operand.value(operand, "contains"), fold: context.ignoreCase)
    }

    var expected: String { value.description }
    var operandText: String { value.json }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        switch node.kind {
        case .sequence:
            return LeafOutcome(holds: node.items.contains { !$0.isNull && Compare.equal($0, value, fold: fold) })
        case .string:
            guard case .string(let needle) = value else {
                return LeafOutcome(.error, "contains on a string needs a string to look for, not \(value.json)")
            }
            return LeafOutcome(holds: Compare.contains(node, needle, fold: fold))
        default:
            return LeafOutcome(.error, "contains needs a list or a string, found \(describe(node))")
        }
    }
}
