import StemCheckModel
import YAMLSource

/// `equals: V` / `not_equals: V`: structural equality with a scalar, list or map, or with another
/// value of the protocol (`equals: {path: OTHER}`, or any reference; issue 14).
struct Equals: LeafOperator {
    /// The literal compared with; nil when the operand is a reference.
    let value: RuleValue?
    /// The value referred to (`{path: OTHER}`), when the operand is a reference.
    let reference: Reference?
    let fold: Bool
    let whitespace: Bool
    let negate: Bool

    static let definition = make("equals", symbol: "=", negate: false)
    static let negated = make("not_equals", symbol: "≠", negate: true)

    private static func make(_ name: String, symbol: String, negate: Bool) -> OperatorDefinition {
        OperatorDefinition(name: name, foldsCase: true, ignoresWhitespace: true, symbol: symbol) { operand, context throws(OperandError) in
            // A mapping with a reference key (`path`, `date`, `count`, ...) refers to a value; any other is a literal.
            if Reference.isReference(operand) {
                return Equals(value: nil, reference: try Reference.compile(operand, for: name, in: context),
                              fold: context.ignoreCase, whitespace: context.ignoreWhitespace, negate: negate)
            }
            return Equals(value: try Operand.value(operand, name), reference: nil,
                          fold: context.ignoreCase, whitespace: context.ignoreWhitespace, negate: negate)
        }
    }

    var expected: String { reference?.yaml ?? value!.description }
    var operandText: String { reference?.yaml ?? value!.json }
    var references: [Reference] { reference.map { [$0] } ?? [] }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        guard let reference else {
            return LeafOutcome(holds: Equality.equal(node, value!, fold: fold, whitespace: whitespace) != negate)
        }
        let resolved = context.resolve(reference)
        if let unresolved = context.unresolved(reference, resolved) { return unresolved }
        guard case .value(let other, _, _) = resolved else { return LeafOutcome(.unknown) }
        let otherValue = RuleValue(other)
        let holds = Equality.equal(node, otherValue, fold: fold, whitespace: whitespace) != negate
        // (The detail is read only from traces.)
        guard context.tracing else { return LeafOutcome(holds ? .true : .false) }
        return LeafOutcome(holds ? .true : .false, "compared with \(reference.text(prefix: context.prefix)) = \(Phrase.short(otherValue.json))")
    }
}
