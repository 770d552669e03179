/// Values computed on `$.` paths (`{count: "$.design.arms[*].interventions[*]", where: ...}`)
/// while the items of an `each` list are evaluated. Such a value is the same for every item (its
/// `where` reads each counted element, never the item), so it is made once per list instead of
/// once per item: a protocol with n products and n interventions counted the interventions for
/// every product, n² `where`s in all (issue 20, sixteenth round).
///
/// Found by the expression's identity (each compiled expression is its own object) and whether
/// it was traced (a traced value names the paths an untraced one leaves out). Used by one
/// document's evaluation on one thread.
final class RootValues {
    private var known: [(expression: ObjectIdentifier, tracing: Bool, value: Computed)] = []
    /// How many values were computed rather than found (read by tests).
    private(set) var made = 0

    init() {}

    /// The value of `expression` (which `dependsOnDocumentOnly`), computed by `compute` the first
    /// time it is asked for with this `tracing`.
    func value(of expression: Expression, tracing: Bool, _ compute: () -> Computed) -> Computed {
        let id = ObjectIdentifier(expression)
        if let found = known.first(where: { $0.expression == id && $0.tracing == tracing }) { return found.value }
        let value = compute()
        made += 1
        known.append((id, tracing, value))
        return value
    }
}
