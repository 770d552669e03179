/// The value of a condition under SPEC 3.2's three-valued logic, plus `error` (SPEC 3.5).
public enum Truth: String, Sendable, Hashable {
    case `true`, `false`, unknown, error

    /// Kleene negation; unknown and error stay as they are.
    public var negated: Truth {
        switch self {
        case .true: return .false
        case .false: return .true
        case .unknown, .error: return self
        }
    }

    /// Kleene AND of two values, with errors dominating.
    public func and(_ other: Truth) -> Truth {
        if self == .error || other == .error { return .error }
        if self == .false || other == .false { return .false }
        if self == .unknown || other == .unknown { return .unknown }
        return .true
    }

    /// Kleene OR of two values, with errors dominating.
    public func or(_ other: Truth) -> Truth {
        if self == .error || other == .error { return .error }
        if self == .true || other == .true { return .true }
        if self == .unknown || other == .unknown { return .unknown }
        return .false
    }
}
