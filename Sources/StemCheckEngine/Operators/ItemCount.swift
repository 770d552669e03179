import StemCheckModel
import YAMLSource

/// `min_items: N` / `max_items: N`: bounds on a list's length.
struct ItemCount: LeafOperator {
    let bound: Int
    let isMinimum: Bool

    static let min = make("min_items", isMinimum: true)
    static let max = make("max_items", isMinimum: false)

    private static func make(_ name: String, isMinimum: Bool) -> OperatorDefinition {
        OperatorDefinition(name: name) { operand, _ throws(OperandError) in
            ItemCount(bound: try Operand.count(operand, name), isMinimum: isMinimum)
        }
    }

    var expected: String { String(bound) }
    var operandText: String { String(bound) }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        guard node.kind == .sequence else {
            return LeafOutcome(.error, "\(isMinimum ? "min_items" : "max_items") needs a list, found \(describe(node))")
        }
        return LeafOutcome(holds: isMinimum ? node.count >= bound : node.count <= bound)
    }
}
