import StemCheckModel
import YAMLSource

/// `exists: true|false`: the path resolves to a non-null value, or does not. Never unknown.
struct Exists: LeafOperator {
    let present: Bool

    static let definition = OperatorDefinition(
        name: "exists",
        sentence: { trace in
            trace.expected == "present" ? "\(trace.path) is not stated" : "\(trace.path) is present; expected it absent"
        },
        compile: { operand, _ throws(OperandError) in
            guard let b = operand.bool else { throw OperandError(operand, "'exists' takes true or false, found \(describe(operand))") }
            return Exists(present: b)
        })

    var expected: String { present ? "present" : "absent" }
    var operandText: String { present ? "true" : "false" }
    var whenAbsent: Truth { present ? .false : .true }

    func test(_ value: YAMLNode, in context: OperatorContext) -> LeafOutcome { LeafOutcome(holds: present) }
}
