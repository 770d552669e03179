import StemCheckModel
import YAMLSource

/// `matches: REGEX`: a string value contains a match (linear-time matcher; see Regex/).
struct Matches: LeafOperator {
    let pattern: Pattern

    static let definition = OperatorDefinition(name: "matches", foldsCase: true) { operand, context throws(OperandError) in
        guard let source = operand.string else {
            throw OperandError(operand, "'matches' takes a regular expression string, found \(describe(operand))")
        }
        do throws(Pattern.SyntaxError) {
            return Matches(pattern: try Pattern(source, ignoreCase: context.ignoreCase))
        } catch {
            var location = operand.location
            if operand.style == .plain || operand.style == .singleQuoted || operand.style == .doubleQuoted {
                location.column += error.offset + (operand.style == .plain ? 0 : 1)
            }
            throw OperandError(at: location, "invalid regular expression '\(source)': \(error.message)",
                               hint: "stemcheck supports the common subset of Swift Regex / ICU syntax, without backreferences or lookaround (see docs/rule-language.md)")
        }
    }

    var expected: String { pattern.source }
    var operandText: String { "'" + pattern.source.replacingAll("'", with: "''") + "'" }

    func test(_ node: YAMLNode, in context: OperatorContext) -> LeafOutcome {
        guard let text = node.string else { return LeafOutcome(.error, "matches needs a string, found \(describe(node))") }
        switch pattern.search(text) {
        case .match: return LeafOutcome(.true)
        case .noMatch: return LeafOutcome(.false)
        case .tooExpensive(let why): return LeafOutcome(.error, why)
        }
    }
}
