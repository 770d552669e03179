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
    /// Protocol values the operand refers to besides the leaf's own (`{path: OTHER}`, `{min: P}`),
    /// for the paths a rule reads.
    var references: [Reference] { get }
    /// The outcome on a present, non-null value.
    func test(_ value: YAMLNode, in context: OperatorContext) -> LeafOutcome
    /// The outcome when the value is missing or null: unknown (SPEC 3.2), except for `exists`.
    var whenAbsent: Truth { get }
    /// How the outcome moves with the value, for an operator that compares by order: a computed
    /// value known only to lie in a range (a `min` with unstated elements) is decided when the
    /// outcome is the same at both ends. Nil for operators that are not monotone.
    var monotone: Monotone? { get }
    /// Whether the operand is a quantity in months or years: a `duration` subject is then counted
    /// in calendar months rather than days.
    var measuresInCalendarMonths: Bool { get }
}

extension LeafOperator {
    public var references: [Reference] { [] }
    public var whenAbsent: Truth { .unknown }
    public var monotone: Monotone? { nil }
    public var measuresInCalendarMonths: Bool { false }
}

/// The direction in which an order-comparing operator's outcome is stable.
public enum Monotone: Sendable {
    /// If it holds for a value it holds for every smaller one (`lt`, `lte`).
    case holdsBelow
    /// If it holds for a value it holds for every larger one (`gt`, `gte`).
    case holdsAbove
}

/// What an operator concluded, and why when the outcome needs explaining (unknown or error).
public struct LeafOutcome: Sendable {
    /// true, false, unknown or error.
    public var truth: Truth
    /// Why the outcome is unknown or error (or, for a comparison with a computed operand, what it was compared with).
    public var detail: String?
    /// The concrete protocol paths of the operand that are not stated, when they made the outcome unknown.
    public var missing: [String] = []
    /// Whether the outcome is unknown because a stated value is too coarse to decide (a partial
    /// date, a range or a bound straddling the other side), rather than missing (SPEC 3.2).
    public var imprecise = false
    /// When imprecise: whether the value itself is the coarse side (else the compared operand is).
    public var impreciseValue = true
    /// When imprecise: the concrete path of a compared `{path: OTHER}` whose value is a coarse side.
    public var impreciseOperandPath: String?
}

// The initializers call the synthesized memberwise one: Swift 6.3 compiles an initializer that
// assigns `var` properties one by one into a temporary it copies and destroys (a retain and a
// release of each string and array per outcome; see `Finding`).
extension LeafOutcome {
    /// An outcome.
    public init(_ truth: Truth, _ detail: String? = nil, missing: [String] = []) {
        self.init(truth: truth, detail: detail, missing: missing)
    }

    /// Unknown because the stated values are too imprecise to decide.
    public init(imprecise why: String) {
        self.init(truth: .unknown, detail: why, imprecise: true)
    }

    /// true when `holds`, else false.
    public init(holds: Bool) { self.init(truth: holds ? .true : .false) }
}

/// Where an operator is evaluated: the document root (for `$.` operand paths) and the current
/// scope (the root, or a `for_each` item, for relative operand paths).
public struct OperatorContext {
    /// The protocol's root.
    let root: YAMLNode
    /// Where relative paths start.
    let scope: YAMLNode
    /// The concrete path of `scope` from the root (`arms[1]`), for naming operand paths; empty
    /// when not tracing.
    var prefix: [Path.Segment] = []
    /// Whether the evaluation records traces (nested conditions of computed operands follow it).
    var tracing = false
}

/// What an operand compiler is given besides the operand: the leaf's options and a compiler for
/// the conditions a computed operand may hold (`{count: arms, where: C}`).
public struct CompileContext {
    /// `ignore_case: true` beside the operator.
    public var ignoreCase = false
    /// `ignore_whitespace: true` beside the operator.
    public var ignoreWhitespace = false
    /// Whether a `duration` being compiled is counted in calendar months (its leaf compares it
    /// with months or years); only the leaf's own subject sets it.
    var durationInCalendarMonths = false
    /// Compiles a nested condition; `what` names it in messages.
    let condition: (_ node: YAMLNode, _ what: String) throws(OperandError) -> Condition

    /// A context; without a condition compiler, nested conditions are compiled on their own and
    /// the first problem with one is thrown.
    public init(ignoreCase: Bool = false, ignoreWhitespace: Bool = false,
                condition: ((YAMLNode, String) throws(OperandError) -> Condition)? = nil) {
        self.ignoreCase = ignoreCase
        self.ignoreWhitespace = ignoreWhitespace
        if let condition {
            self.condition = condition
        } else {
            self.condition = Self.standalone
        }
    }

    /// Compiles a nested condition on its own, throwing its first problem.
    static func standalone(_ node: YAMLNode, _ what: String) throws(OperandError) -> Condition {
        var reader = NodeReader(bytes: [])
        if let compiled = reader.condition(node, what: what) { return compiled }
        let first = reader.diagnostics.first
        throw OperandError(at: first?.location ?? node.location, first?.message ?? "\(what) is not a valid condition", hint: first?.hint)
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
    /// Whether the problem was already reported (a nested condition's own diagnostics).
    public var alreadyReported = false

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
    /// Whether `ignore_whitespace: true` may stand beside it.
    public let ignoresWhitespace: Bool
    /// A mathematical symbol for reports (`≥`), when there is one.
    public let symbol: String?
    /// Validates and compiles the operand; `context` has the leaf's `ignore_case` and `ignore_whitespace`.
    public let compile: @Sendable (_ operand: YAMLNode, _ context: CompileContext) throws(OperandError) -> any LeafOperator
    /// The sentence for a trace of this operator: `a.b is 5; expected gte 10`, `a.b is missing`.
    public let sentence: @Sendable (LeafTrace) -> String

    /// Creates a table entry; the default sentence is `PATH is VALUE; expected NAME OPERAND`.
    public init(name: String, foldsCase: Bool = false, ignoresWhitespace: Bool = false, symbol: String? = nil,
                sentence: (@Sendable (LeafTrace) -> String)? = nil,
                compile: @escaping @Sendable (YAMLNode, CompileContext) throws(OperandError) -> any LeafOperator) {
        self.name = name
        self.foldsCase = foldsCase
        self.ignoresWhitespace = ignoresWhitespace
        self.symbol = symbol
        self.compile = compile
        self.sentence = sentence ?? Phrase.sentence
    }
}
