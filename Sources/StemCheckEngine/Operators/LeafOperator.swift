import StemCheckModel
import YAMLSource

/// A compiled leaf operator with its operand (SPEC 3.1): how it tests a value and how it reads.
///
/// Each operator is defined once, in its own file, as a type conforming to this protocol plus an
/// `OperatorDefinition` (name, operand compiler, sentence); `OperatorTable` lists the definitions.
/// The parser, the evaluator, `why` explanations, `ConditionText`, the paths a rule reads and the
/// HTML report all go through these two, so adding an operator is one file and one table entry.
public protocol LeafOperator: Sendable {
    /// The operand as a reviewer reads it (`why.expected`).
    var expected: String { get }
    /// The operand in the YAML flow form rule authors write (`ConditionText`).
    var operandText: String { get }
    /// Protocol paths the operand reads besides the leaf's own (`{path: OTHER}`).
    var operandPaths: [Path] { get }
    /// The outcome on a present, non-null value.
    func test(_ value: YAMLNode, in context: OperatorContext) -> LeafOutcome
    /// The outcome when the value is missing or null: unknown (SPEC 3.2), except for `exists`.
    var whenAbsent: Truth { get }
}

extension LeafOperator {
    public var operandPaths: [Path] { [] }
    public var whenAbsent: Truth { .unknown }
}

/// What an operator concluded, and why when the outcome needs explaining (unknown or error).
public struct LeafOutcome: Sendable {
    /// true, false, unknown or error.
    public var truth: Truth
    /// Why the outcome is unknown or error.
    public var detail: String?
    /// Whether the outcome is unknown because a stated value is too coarse to decide (a partial
    /// date, a range or a bound straddling the other side), rather than missing (SPEC 3.2).
    public var imprecise = false
    /// When imprecise: whether the value itself is the coarse side (else the compared operand is).
    public var impreciseValue = true
    /// When imprecise: whether the compared `{path: OTHER}` value is a coarse side.
    public var impreciseOperand = false

    /// An outcome.
    public init(_ truth: Truth, _ detail: String? = nil) {
        self.truth = truth
        self.detail = detail
    }

    /// Unknown because the stated values are too imprecise to decide.
    public init(imprecise why: String) {
        self.init(.unknown, why)
        imprecise = true
    }

    /// true when `holds`, else false.
    public init(holds: Bool) { self.init(holds ? .true : .false) }
}

/// Where an operator is evaluated: the document root (for `$.` operand paths) and the current
/// scope (the root, or a `for_each` item, for relative operand paths).
public struct OperatorContext {
    /// The protocol's root.
    let root: YAMLNode
    /// Where relative paths start.
    let scope: YAMLNode

    /// The value at an operand path, nil when missing.
    func resolve(_ path: Path) -> YAMLNode? {
        PathResolver.single(path.segments, from: path.isRooted ? root : scope)
    }
}

/// A rule-file problem with an operand, thrown by an operator's compiler: it always carries a
/// location and a message, so an operator can never load without a check and without saying why.
public struct OperandError: Error, Sendable {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?

    /// A problem at a node.
    public init(_ node: YAMLNode, _ message: String, hint: String? = nil) {
        self.init(at: node.location, message, hint: hint)
    }

    /// A problem at a position.
    public init(at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }
}

/// One entry of the operator table: the name in rule files, whether `ignore_case` applies, the
/// symbol reports show beside the name, how to compile the operand and how to phrase a failing check.
public struct OperatorDefinition: Sendable {
    /// The name as written in rule files (`gte`).
    public let name: String
    /// Whether `ignore_case: true` may stand beside it.
    public let foldsCase: Bool
    /// A mathematical symbol for reports (`≥`), when there is one.
    public let symbol: String?
    /// Validates and compiles the operand; `ignoreCase` is the leaf's `ignore_case`.
    public let compile: @Sendable (_ operand: YAMLNode, _ ignoreCase: Bool) throws(OperandError) -> any LeafOperator
    /// The sentence for a trace of this operator: `a.b is 5; expected gte 10`, `a.b is missing`.
    public let sentence: @Sendable (LeafTrace) -> String

    /// Creates a table entry; the default sentence is `PATH is VALUE; expected NAME OPERAND`.
    public init(name: String, foldsCase: Bool = false, symbol: String? = nil,
                sentence: (@Sendable (LeafTrace) -> String)? = nil,
                compile: @escaping @Sendable (YAMLNode, Bool) throws(OperandError) -> any LeafOperator) {
        self.name = name
        self.foldsCase = foldsCase
        self.symbol = symbol
        self.compile = compile
        self.sentence = sentence ?? Phrase.sentence
    }
}
