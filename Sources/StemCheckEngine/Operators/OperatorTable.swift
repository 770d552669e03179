/// The closed set of leaf operators (SPEC 3.1), in the order the docs list them.
public enum OperatorTable {
    /// Every operator.
    public static let all: [OperatorDefinition] = [
        Exists.definition,
        Equals.definition, Equals.negated,
        InList.definition, InList.negated,
        Matches.definition,
        Ordered.gt, Ordered.gte, Ordered.lt, Ordered.lte,
        Within.definition,
        Contains.definition,
        SizeBound.minItems, SizeBound.maxItems,
        SizeBound.minLength, SizeBound.maxLength,
        Specific.definition,
        TypeTest.definition,
    ]

    /// The operators by name.
    public static let named: [String: OperatorDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Every operator name, for messages and did-you-mean hints.
    public static let names: [String] = all.map(\.name)
}
