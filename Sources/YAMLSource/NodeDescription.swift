/// A short description of a node's type and value for messages: `a list`, `the number 5`, `"yes"`.
package func describe(_ node: YAMLNode) -> String {
    switch node.kind {
    case .null: return "null"
    case .bool: return "the boolean \(node.bool! ? "true" : "false")"
    case .int, .float: return "the number \(node.text ?? "")"
    case .string:
        let text = node.string!
        let short = text.unicodeScalars.count > 40 ? String(text.unicodeScalars.prefix(40)) + "…" : text
        return "the string \"\(short)\""
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    }
}
