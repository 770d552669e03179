import YAMLSource

/// Converts protocol values into report values, bounded so a huge subtree cannot bloat a report.
package enum ReportValue {
    package static let maxNodes = 200
    package static let maxString = 2000

    /// The node as a `RuleValue`; collections beyond `maxNodes` nodes are summarised as text.
    package static func of(_ node: YAMLNode) -> RuleValue {
        var budget = maxNodes
        return RuleValue(node, budget: &budget, maxString: maxString)
    }
}
