import StemCheckModel
import YAMLSource

/// Operand readers shared by operator compilers; each throws a located `OperandError`.
enum Operand {
    /// A value to compare with; null is refused (a missing or null field is unknown, never equal).
    static func value(_ node: YAMLNode, _ name: String) throws(OperandError) -> RuleValue {
        if node.isNull {
            throw OperandError(node, "'\(name)' needs a value; null never matches (a missing or null field is unknown)",
                               hint: "to require absence use exists: false")
        }
        return RuleValue(node)
    }

    /// A non-negative integer count.
    static func count(_ node: YAMLNode, _ name: String) throws(OperandError) -> Int {
        guard let n = node.int, n >= 0 else {
            throw OperandError(node, "'\(name)' must be a non-negative integer, found \(describe(node))")
        }
        return n
    }

    /// A protocol path such as `a.b[0].c`, with the error pointing at the offending character
    /// where the text appears verbatim in the file.
    static func path(_ node: YAMLNode, key: String, sourceLine: (Int) -> String? = { _ in nil }) throws(OperandError) -> Path {
        guard let text = node.string else {
            throw OperandError(node, "'\(key)' must be a path string like a.b[0].c, found \(describe(node))")
        }
        do {
            return try Path.parse(text)
        } catch {
            var location = node.location
            if node.style == .plain {
                location.column += error.offset
            } else if node.style == .singleQuoted || node.style == .doubleQuoted,
                      let source = sourceLine(location.line).map({ Array($0.unicodeScalars) }), location.column >= 1,
                      source.count >= location.column + text.unicodeScalars.count,
                      String(String.UnicodeScalarView(source[location.column..<(location.column + text.unicodeScalars.count)])) == text {
                // The quoted text appears verbatim after its quote (no escapes): point at the character.
                location.column += 1 + error.offset
            }
            throw OperandError(at: location, "invalid path '\(text)': \(error.message)")
        }
    }

    /// `{value: N, unit: U}`.
    static func quantityMap(_ node: YAMLNode) throws(OperandError) -> Quantity {
        if let extra = node.pairs.first(where: { $0.key.text != "value" && $0.key.text != "unit" }) {
            let name = extra.key.text ?? "?"
            throw OperandError(extra.key, "unknown key '\(name)' in a quantity\(Suggestion.phrase(for: name, in: ["value", "unit"]))",
                               hint: "allowed keys: value, unit")
        }
        guard let number = node["value"]?.number ?? node["value"]?.string.flatMap(NumberText.parse) else {
            throw OperandError(node, "a quantity needs a numeric 'value'")
        }
        guard let unitText = node["unit"]?.string else { throw OperandError(node, "a quantity needs a 'unit'") }
        guard let unit = MeasureUnit.named(unitText) else {
            throw OperandError(node["unit"]!, "unknown unit '\(unitText)'\(Suggestion.phrase(for: unitText, in: MeasureUnit.spellings))")
        }
        return Quantity(value: number, unit: unit)
    }
}
