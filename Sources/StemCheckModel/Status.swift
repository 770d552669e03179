/// A rule's outcome on one protocol (SPEC 3.4).
public enum Status: String, Sendable, CaseIterable, Codable {
    case pass
    case fail
    /// The protocol does not state what the rule needs, too imprecisely, or not whether it applies.
    case unknown
    case notApplicable = "not_applicable"
    case review
    case waived
    case error
}

/// A protocol path whose absence (or imprecision) left a rule undecided (SPEC 3.2).
public struct MissingField: Sendable, Hashable {
    /// Why the path leaves the rule undecided.
    public enum Reason: String, Sendable, CaseIterable {
        /// Not stated (missing or null).
        case absent
        /// Stated, but too coarse to decide (for example a month-precision date against a day limit).
        case imprecise
        /// Needed to decide whether the rule applies.
        case applicability
    }

    /// The concrete path (`participants.age_min_years`, `design.arms[1].type`).
    public var path: String
    /// Why it blocks the rule.
    public var reason: Reason

    /// Creates a missing field.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}
