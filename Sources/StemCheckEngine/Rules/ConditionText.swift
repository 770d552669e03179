import StemCheckModel
/// Renders compiled conditions back into the compact YAML flow form rule authors write.
public enum ConditionText {
    /// `{path: a.b, gte: "12 months"}`, `{all: [...]}`, ...
    public static func render(_ condition: Condition) -> String {
        switch condition {
        case .all(let parts, _): return "{all: [" + parts.map(render).joined(separator: ", ") + "]}"
        case .any(let parts, _): return "{any: [" + parts.map(render).joined(separator: ", ") + "]}"
        case .anyStated(let parts, _): return "{any_stated: [" + parts.map(render).joined(separator: ", ") + "]}"
        case .not(let inner, _): return "{not: " + render(inner) + "}"
        case .forEach(let f):
            var out = "{for_each: \(f.path.text)"
            if let filter = f.filter { out += ", where: " + render(filter) }
            if f.minItems > 0 { out += ", min_items: \(f.minItems)" }
            return out + ", check: " + render(f.check) + "}"
        case .leaf(let leaf):
            let subject: String
            switch leaf.subject {
            case .path(let path): subject = "path: " + path.text
            case .computed(let reference): subject = "value: " + reference.yaml
            }
            return "{\(subject), \(leaf.definition.name): \(leaf.op.operandText)" + (leaf.ignoreCase ? ", ignore_case: true" : "")
                + (leaf.ignoreWhitespace ? ", ignore_whitespace: true" : "") + "}"
        }
    }
}
