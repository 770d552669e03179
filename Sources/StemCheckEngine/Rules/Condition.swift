import YAMLSource
import StemCheckModel

/// A rule condition (SPEC 3.1), compiled: paths parsed, regexes compiled, quantities and dates parsed.
public indirect enum Condition: Sendable {
    case all([Condition], at: SourceLocation)
    case any([Condition], at: SourceLocation)
    case not(Condition, at: SourceLocation)
    case forEach(ForEach)
    case leaf(Leaf)

    /// Where the condition is written in its rule file.
    public var location: SourceLocation {
        switch self {
        case .all(_, let at), .any(_, let at), .not(_, let at): return at
        case .forEach(let f): return f.location
        case .leaf(let l): return l.location
        }
    }
}

/// `for_each: PATH` with `check`, optional `where` and `min_items`.
///
/// Compiled conditions are immutable classes: evaluating one passes a single reference around
/// instead of copying (and reference-counting) every field.
public final class ForEach: Sendable {
    /// The list to iterate.
    public let path: Path
    /// Items kept are those for which `where` is true (all when absent).
    public let filter: Condition?
    /// Must hold for every kept item.
    public let check: Condition
    /// Fewer kept items than this makes the condition false.
    public let minItems: Int
    /// Where it is written.
    public let location: SourceLocation

    /// Creates a compiled `for_each`.
    public init(path: Path, filter: Condition?, check: Condition, minItems: Int, location: SourceLocation) {
        self.path = path
        self.filter = filter
        self.check = check
        self.minItems = minItems
        self.location = location
    }
}

/// `path: PATH` plus one operator.
public final class Leaf: Sendable {
    /// The path tested.
    public let path: Path
    /// The operator's table entry (name, symbol, sentence).
    public let definition: OperatorDefinition
    /// The compiled operator with its operand.
    public let op: any LeafOperator
    /// Fold case in string comparisons (`equals`, `in`, `contains`, `not_*`, `matches`).
    public let ignoreCase: Bool
    /// Where it is written.
    public let location: SourceLocation

    /// Creates a compiled leaf.
    public init(path: Path, definition: OperatorDefinition, op: any LeafOperator, ignoreCase: Bool, location: SourceLocation) {
        self.path = path
        self.definition = definition
        self.op = op
        self.ignoreCase = ignoreCase
        self.location = location
    }
}
