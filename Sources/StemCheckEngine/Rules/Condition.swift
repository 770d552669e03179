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
    /// The test.
    public let op: Operator
    /// Fold case in string comparisons (`equals`, `in`, `contains`, `not_*`, `matches`).
    public let ignoreCase: Bool
    /// Where it is written.
    public let location: SourceLocation

    /// Creates a compiled leaf.
    public init(path: Path, op: Operator, ignoreCase: Bool, location: SourceLocation) {
        self.path = path
        self.op = op
        self.ignoreCase = ignoreCase
        self.location = location
    }
}

/// The right-hand side of an ordered comparison.
public enum Operand: Sendable, CustomStringConvertible {
    case number(Double)
    case quantity(Quantity)
    case date(ISODate)
    case path(Path)

    public var description: String {
        switch self {
        case .number(let n): return NumberText.format(n)
        case .quantity(let q): return q.description
        case .date(let d): return d.text
        case .path(let p): return "{path: \(p.text)}"
        }
    }
}

/// The value types `type: T` can test.
public enum ValueType: String, Sendable, CaseIterable {
    case string, number, integer, boolean, list, map, date, quantity
}

/// The closed set of leaf operators (SPEC 3.1).
public enum Operator: Sendable {
    case exists(Bool)
    case equals(RuleValue)
    case notEquals(RuleValue)
    case `in`([RuleValue])
    case notIn([RuleValue])
    case matches(Pattern)
    case gt(Operand), gte(Operand), lt(Operand), lte(Operand)
    case contains(RuleValue)
    case minItems(Int), maxItems(Int)
    case minLength(Int), maxLength(Int)
    case type(ValueType)

    /// The operator's name as written in rule files.
    public var name: String {
        switch self {
        case .exists: return "exists"
        case .equals: return "equals"
        case .notEquals: return "not_equals"
        case .in: return "in"
        case .notIn: return "not_in"
        case .matches: return "matches"
        case .gt: return "gt"
        case .gte: return "gte"
        case .lt: return "lt"
        case .lte: return "lte"
        case .contains: return "contains"
        case .minItems: return "min_items"
        case .maxItems: return "max_items"
        case .minLength: return "min_length"
        case .maxLength: return "max_length"
        case .type: return "type"
        }
    }

    /// The operand as a reviewer reads it in `why.expected`.
    public var expectedText: String {
        switch self {
        case .exists(let b): return b ? "present" : "absent"
        case .equals(let v), .notEquals(let v), .contains(let v): return v.description
        case .in(let vs), .notIn(let vs): return "one of " + vs.map(\.description).joined(separator: ", ")
        case .matches(let p): return p.source
        case .gt(let o), .gte(let o), .lt(let o), .lte(let o): return o.description
        case .minItems(let n), .maxItems(let n), .minLength(let n), .maxLength(let n): return String(n)
        case .type(let t): return t.rawValue
        }
    }

    /// Every operator name, for did-you-mean hints.
    public static let names = ["exists", "equals", "not_equals", "in", "not_in", "matches", "gt", "gte", "lt", "lte",
                               "contains", "min_items", "max_items", "min_length", "max_length", "type"]
}
