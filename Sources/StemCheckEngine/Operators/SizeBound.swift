import StemCheckModel
import YAMLSource

/// `min_items` / `max_items` (a list's length) and `min_length` / `max_length` (a string's length
/// in Unicode scalars, SPEC 3.5): a bound on a size.
struct SizeBound: LeafOperator {
    /// What is measured.
    enum Measure: Sendable {
        case items, length
    }

    let name: String
    let measure: Measure
    let bound: Int
    let isMinimum: Bool

    static let minItems = make("min_items", .items, isMinimum: true)
    static let maxItems = make("max_items", .items, isMinimum: false)
    static let minLength = make("min_length", .length, isMinimum: true)
    static let maxLength = make("max_length", .length, isMinimum: false)

    private static func make(_ name: String, _ measure: Measure, isMinimum: Bool) -> OperatorDefinition {
        OperatorDefinition(name: name) { operand, _ throws(OperandError) in
            SizeBound(name: name, measure: measure, bound: try Operand.count(operand, name), isMinimum: isMinimum)
        }
    }

    var expected: String { String(bound) }
    var operandText: String { String(bound) }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        let size: Int
        switch measure {
        case .items:
            guard node.kind == .sequence else { return LeafOutcome(.error, "\(name) needs a list, found \(describe(node))") }
            size = node.count
        case .length:
            guard let text = node.string else { return LeafOutcome(.error, "\(name) needs a string, found \(describe(node))") }
            size = text.unicodeScalars.count
        }
        return LeafOutcome(holds: isMinimum ? size >= bound : size <= bound)
    }
}
