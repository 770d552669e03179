import StemCheckModel
import YAMLSource

/// `min_length: N` / `max_length: N`: bounds on a string's length in Unicode scalars (SPEC 3.5).
struct Length: LeafOperator {
    let bound: Int
    let isMinimum: Bool

    static let min = make("min_length", isMinimum: true)
    static let max = make("max_length", isMinimum: false)

    private static func make(_ name: String, isMinimum: Bool) -> OperatorDefinition {
        OperatorDefinition(name: name) { operand, _ throws(OperandError) in
            Length(bound: try Operand.count(operand, name), isMinimum: isMinimum)
        }
    }

    var expected: String { String(bound) }
    var operandText: String { String(bound) }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        guard let text = node.string else {
            return LeafOutcome(.error, "\(isMinimum ? "min_length" : "max_length") needs a string, found \(describe(node))")
        }
        let length = text.unicodeScalars.count
        return LeafOutcome(holds: isMinimum ? length >= bound : length <= bound)
    }
}
