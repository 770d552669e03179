import StemCheckModel
/// Renders compiled conditions back into the compact YAML flow form rule authors write.
public enum ConditionText {
    /// `{path: a.b, gte: "12 months"}`, `{all: [...]}`, ...
    public static func render(_ condition: Condition) -> String {
        switch condition {
        case .all(let parts, _): return "{all: [" + parts.map(render).joined(separator: ", ") + "]}"
        case .any(let parts, _): return "{any: [" + parts.map(render).joined(separator: ", ") + "]}"
        case .not(let inner, _): return "{not: " + render(inner) + "}"
        case .forEach(let f):
            var out = "{for_each: \(f.path.text)"
            if let filter = f.filter { out += ", where: " + render(filter) }
            if f.minItems > 0 { out += ", min_items: \(f.minItems)" }
            return out + ", check: " + render(f.check) + "}"
        case .leaf(let leaf):
            return "{path: \(leaf.path.text), \(leaf.op.name): \(operand(leaf.op))" + (leaf.ignoreCase ? ", ignore_case: true}" : "}")
        }
    }

    private static func operand(_ op: Operator) -> String {
        switch op {
        case .exists(let b): return b ? "true" : "false"
        case .equals(let v), .notEquals(let v), .contains(let v): return v.json
        case .in(let vs), .notIn(let vs): return "[" + vs.map(\.json).joined(separator: ", ") + "]"
        case .matches(let p): return "'" + p.source.replacingAll("'", with: "''") + "'"
        case .gt(let o), .gte(let o), .lt(let o), .lte(let o):
            switch o {
            case .number(let n): return NumberText.format(n)
            case .path(let p): return "{path: \(p.text)}"
            default: return "\"\(o.description)\""
            }
        case .minItems(let n), .maxItems(let n), .minLength(let n), .maxLength(let n): return String(n)
        case .type(let t): return t.rawValue
        }
    }
}
