import YAMLSource
import StemCheckModel

/// A rule condition (SPEC 3.1), compiled: paths parsed, regexes compiled, quantities and dates parsed.
public indirect enum Condition: Sendable {
    case all([Condition], at: SourceLocation)
    case any([Condition], at: SourceLocation)
    /// `any_stated: [C, ...]`: like `any`, but a part left unknown (its fields not stated) is
    /// ignored when another part is decided (Rules/AnyStated.swift).
    case anyStated([Condition], at: SourceLocation)
    case not(Condition, at: SourceLocation)
    case forEach(ForEach)
    case leaf(Leaf)

    /// Where the condition is written in its rule file.
    public var location: SourceLocation {
        switch self {
        case .all(_, let at), .any(_, let at), .anyStated(_, let at), .not(_, let at): return at
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
    /// The list path's steps when it has no `[*]`, resolved without node values (nil otherwise).
    let plainList: PlainSteps?
    /// What the `min_items` trace of a `for_each` with too few items expects (`at least 1 item
    /// matching 'where'`), worded once.
    let minItemsExpected: String

    /// Creates a compiled `for_each`.
    public init(path: Path, filter: Condition?, check: Condition, minItems: Int, location: SourceLocation) {
        self.path = path
        self.filter = filter
        self.check = check
        self.minItems = minItems
        self.location = location
        self.plainList = PlainSteps(path.segments)
        self.minItemsExpected = "at least \(minItems) item\(minItems == 1 ? "" : "s")" + (filter == nil ? "" : " matching 'where'")
    }
}

/// What a leaf tests: a protocol path, or a value computed from the protocol (`value: EXPR`).
public enum Subject: Sendable {
    /// `path: PATH`; a wildcard path tests every element it reaches.
    case path(Path)
    /// `value: {count: P}`, `{min: P}`, `{path: P, plus: "21 days"}`, ...: one computed value.
    case computed(Reference)
}

/// `path: PATH` (or `value: EXPR`) plus one operator.
public final class Leaf: Sendable {
    /// What is tested.
    public let subject: Subject
    /// The operator's table entry (name, symbol, sentence).
    public let definition: OperatorDefinition
    /// The compiled operator with its operand.
    public let op: any LeafOperator
    /// Fold case in string comparisons (`equals`, `in`, `contains`, `not_*`, `matches`).
    public let ignoreCase: Bool
    /// Trim and collapse whitespace in string comparisons (`equals`, `not_equals`, `in`, `not_in`).
    public let ignoreWhitespace: Bool
    /// Where it is written.
    public let location: SourceLocation
    /// The operand as a reviewer reads it (`why.expected`), worded once when the rule is compiled.
    public let expected: String
    /// The steps of a path subject without `[*]`, which the evaluator resolves to one node
    /// without reading `subject` (nil for a wildcard path or a computed subject).
    let plainSteps: PlainSteps?
    /// For a path subject with `[*]`: the steps to the list its first `[*]` reads (the path
    /// before it), which `AbsentLeaves` resolves to tell a list not stated (nil otherwise).
    let listSteps: PlainSteps?
    /// Whether the path subject starts at the root (`$.`).
    let rootedPath: Bool
    /// The path subject's steps as `Path.render` writes them ("" for a computed subject): read
    /// without copying the subject's `Path` (four reference counts) when a leaf is found absent.
    let renderedPath: String

    /// The path tested, when the subject is a path.
    public var path: Path? {
        if case .path(let p) = subject { return p }
        return nil
    }

    /// Creates a compiled leaf.
    public init(subject: Subject, definition: OperatorDefinition, op: any LeafOperator, ignoreCase: Bool,
                ignoreWhitespace: Bool = false, location: SourceLocation) {
        self.subject = subject
        self.definition = definition
        self.op = op
        self.ignoreCase = ignoreCase
        self.ignoreWhitespace = ignoreWhitespace
        self.location = location
        self.expected = op.expected
        if case .path(let path) = subject {
            plainSteps = PlainSteps(path.segments)
            listSteps = path.segments.firstIndex(of: .wildcard).flatMap { PlainSteps(Array(path.segments[..<$0])) }
            rootedPath = path.isRooted
            renderedPath = path.rendered
        } else {
            plainSteps = nil
            listSteps = nil
            rootedPath = false
            renderedPath = ""
        }
    }
}
