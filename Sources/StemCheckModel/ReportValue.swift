import YAMLSource

/// Converts protocol values into report values, bounded so a huge subtree cannot bloat a report.
package enum ReportValue {
    package static let maxNodes = 200
    package static let maxString = 2000

    /// The node as a `RuleValue`; collections beyond `maxNodes` nodes are summarised as text.
    package static func of(_ node: YAMLNode) -> RuleValue {
        var budget = maxNodes
        return convert(node, &budget)
    }

    private static func convert(_ node: YAMLNode, _ budget: inout Int) -> RuleValue {
        budget -= 1
        switch node.kind {
        case .sequence:
            if budget < node.count { return .string("(a list of \(node.count) items)") }
            return .list(node.items.map { convert($0, &budget) })
        case .mapping:
            if budget < node.count * 2 { return .string("(a mapping of \(node.count) keys)") }
            var map: [String: RuleValue] = [:]
            var order: [String] = []
            for (key, value) in node.pairs {
                let name = key.text ?? "?"
                if map[name] == nil { order.append(name) }
                map[name] = convert(value, &budget)
            }
            return .map(map, order: order)
        case .string:
            let text = node.string!
            if text.unicodeScalars.count > maxString {
                return .string(String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxString))) + "… (\(text.unicodeScalars.count) characters)")
            }
            return .string(text)
        default:
            return RuleValue(node)
        }
    }
}
