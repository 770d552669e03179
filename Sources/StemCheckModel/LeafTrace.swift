import YAMLSource

/// One leaf check that decided a result, in words a reviewer can follow (the JSON report's `why`).
public struct LeafTrace: Sendable, Equatable {
    /// The concrete path checked (`design.arms[1].type`).
    public var path: String
    /// The operator (`gte`, `exists`, ... or `min_items` for a `for_each` that kept too few items).
    public var op: String
    /// What was expected, as text.
    public var expected: String
    /// The value found; nil when missing or null.
    public var actual: RuleValue?
    /// true, false, unknown or error.
    public var outcome: Truth
    /// The value's position, or that of the nearest existing parent's key when missing.
    public var location: SourceLocation?
    /// Why the outcome is unknown or error, when that needs saying.
    public var detail: String?
    /// The concrete path of a `{path: OTHER}` operand that was missing or null, when that made the outcome unknown.
    public var missingOperand: String? = nil
    /// Whether the trace is about a `for_each` list (`op` is then `for_each`, or `min_items` for too
    /// few kept items) rather than a leaf operator.
    public var isForEach: Bool = false
    /// Whether the outcome is false only because the value is absent (`exists: true` on nothing):
    /// the protocol does not state it, which is not a violation (SPEC 3.2).
    public var restsOnAbsence: Bool = false
    /// Whether the outcome is unknown because the stated values are too imprecise to decide (a
    /// partial date or a range against the other side); `imprecisePaths` names them.
    public var imprecise: Bool = false
    /// The concrete path of a `{path: OTHER}` operand whose value is too coarse, when the outcome is imprecise.
    public var comparedPath: String? = nil
    /// Whether the value at `path` is itself too coarse (false when only the compared value is).
    public var impreciseValue: Bool = true
    /// Whether `path` names a computed value (`min(registrations[*].first_submitted)`) rather than
    /// a protocol path; the protocol paths it could not read are then in `missingInputs`.
    public var isComputed: Bool = false
    /// Protocol paths, besides `path`, whose absence made the outcome unknown (or, for `exists`,
    /// false): the inputs of a computed value, the paths a computed operand reads.
    public var missingInputs: [String] = []
}

extension LeafTrace {
    /// Creates a trace.
    public init(path: String, op: String, expected: String, actual: RuleValue?, outcome: Truth,
                location: SourceLocation?, detail: String? = nil, missingOperand: String? = nil, isForEach: Bool = false) {
        // The synthesized memberwise initializer (this one is in an extension so that it is
        // synthesized), to avoid the copy explained at `Finding`. `restsOnAbsence`, its next
        // label, is what makes the call name it and not this initializer again.
        self.init(path: path, op: op, expected: expected, actual: actual, outcome: outcome, location: location, detail: detail,
                  missingOperand: missingOperand, isForEach: isForEach, restsOnAbsence: false)
    }

    /// Whether the value was missing or null (what made the outcome unknown).
    @inlinable public var isMissing: Bool { actual == nil && outcome == .unknown }

    /// Calls `body` with each path that left an `unknown` outcome undecided, in order: with
    /// `imprecise` false, the paths whose absence did (the value's or a computed value's inputs,
    /// and the compared path's); with `imprecise` true, the paths stated too imprecisely to decide
    /// (the value's, the compared path's). A path may come twice; callers that collect dedupe.
    @inlinable public func visitUndecidedPaths(_ body: (String, _ imprecise: Bool) -> Void) {
        guard outcome == .unknown else { return }
        if imprecise {
            if impreciseValue { body(path, true) }
            if let comparedPath { body(comparedPath, true) }
            if isComputed { for input in missingInputs { body(input, true) } }
            return
        }
        if isMissing && !isComputed { body(path, false) }
        if let missingOperand { body(missingOperand, false) }
        for input in missingInputs { body(input, false) }
    }

    /// The paths whose absence made an `exists: true` false (`restsOnAbsence`): the value's, or a
    /// computed value's inputs.
    public var absentPaths: [String] {
        isComputed ? missingInputs : [path]
    }
}
