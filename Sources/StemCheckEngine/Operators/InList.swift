import StemCheckModel
import YAMLSource

/// `in: [V...]` / `not_in: [V...]`: the value equals one of / none of the listed values.
struct InList: LeafOperator {
    let values: [RuleValue]
    let fold: Bool
    let negate: Bool

    static let definition = make("in", negate: false)
    static let negated = make("not_in", negate: true)

    private static func make(_ name: String, negate: Bool) -> OperatorDefinition {
        OperatorDefinition(name: name, foldsCase: true) { operand, fold throws(OperandError) in
            guard operand.kind == .sequence, operand.count > 0 else {
                throw OperandError(operand, "'\(name)' takes a non-empty list of values, found \(describe(operand))")
            }
            return InList(values: operand.items.map(RuleValue.init), fold: fold, negate: negate)
        }
    }

    var expected: String { "one of " + values.map(\.description).joined(separator: ", ") }
    var operandText: String { "[" + values.map(\.json).joined(separator: ", ") + "]" }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        LeafOutcome(holds: values.contains { Compare.equal(node, $0, fold: fold) } != negate)
    }
}
