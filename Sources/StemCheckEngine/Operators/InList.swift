import StemCheckModel
import YAMLSource

/// `in: [V...]` / `not_in: [V...]`: the value equals one of / none of the listed values, or of the
/// items of a list in the protocol (`in: {path: OTHER_LIST}`; issue 14).
struct InList: LeafOperator {
    let values: [RuleValue]
    /// The list referred to, when the operand is `{path: OTHER_LIST}`.
    let reference: Reference?
    let fold: Bool
    let whitespace: Bool
    let negate: Bool

    static let definition = make("in", negate: false)
    static let negated = make("not_in", negate: true)

    private static func make(_ name: String, negate: Bool) -> OperatorDefinition {
        OperatorDefinition(name: name, foldsCase: true, ignoresWhitespace: true) { operand, context throws(OperandError) in
            if Reference.isReference(operand) {
                return InList(values: [], reference: try Reference.compile(operand, for: name, in: context),
                              fold: context.ignoreCase, whitespace: context.ignoreWhitespace, negate: negate)
            }
            guard operand.kind == .sequence, operand.count > 0 else {
                throw OperandError(operand, "'\(name)' takes a non-empty list of values, found \(describe(operand))",
                                   hint: "write [a, b] or, for a list in the protocol, {path: OTHER_LIST}")
            }
            return InList(values: operand.items.map(RuleValue.init), reference: nil,
                          fold: context.ignoreCase, whitespace: context.ignoreWhitespace, negate: negate)
        }
    }

    var expected: String { reference.map { "one of " + $0.yaml } ?? ("one of " + values.map(\.description).joined(separator: ", ")) }
    var operandText: String { reference?.yaml ?? ("[" + values.map(\.json).joined(separator: ", ") + "]") }
    var references: [Reference] { reference.map { [$0] } ?? [] }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        guard let reference else {
            return LeafOutcome(holds: values.contains { Equality.equal(node, $0, fold: fold, whitespace: whitespace) } != negate)
        }
        if let path = reference.plainPath, path.hasWildcard {
            // The values a wildcard reaches (`$.registrations[*].primary_outcome`): stated ones are
            // looked in; reaching none, or a missing one when none is equal, leaves it unknown.
            let targets = PathResolver.all(path.segments, from: path.isRooted ? context.root : context.scope, prefix: [], tracing: false)
            let what = reference.text(prefix: context.prefix)
            let values = targets.compactMap(\.value)
            let found = values.contains { Equality.equal(node, RuleValue($0), fold: fold, whitespace: whitespace) }
            if found { return LeafOutcome(negate ? .false : .true, "found among \(what)") }
            if values.isEmpty || values.count < targets.count {
                return LeafOutcome(.unknown, "not found among the stated values of \(what); some are not stated",
                                   missing: [Reference.render(path, prefix: context.prefix)])
            }
            return LeafOutcome(negate ? .true : .false, "looked in \(what) (\(values.count) value\(values.count == 1 ? "" : "s"))")
        }
        let resolved = context.resolve(reference)
        if let unresolved = context.unresolved(reference, resolved) { return unresolved }
        guard case .value(let list, _, _) = resolved else { return LeafOutcome(.unknown) }
        let what = reference.text(prefix: context.prefix)
        guard list.kind == .sequence else {
            return LeafOutcome(.error, "'\(negate ? "not_in" : "in")' needs a list to look in; \(what) is \(describe(list))")
        }
        let found = list.items.contains { !$0.isNull && Equality.equal(node, RuleValue($0), fold: fold, whitespace: whitespace) }
        // (The detail is read only from traces.)
        guard context.tracing else { return LeafOutcome(found != negate ? .true : .false) }
        return LeafOutcome(found != negate ? .true : .false, "looked in \(what) (\(list.count) item\(list.count == 1 ? "" : "s"))")
    }
}
